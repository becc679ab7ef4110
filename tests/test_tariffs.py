"""Prices on the tariff are known ahead: the cheapest or dearest hours of a coming day, and its mean price."""

from __future__ import annotations

import pytest
from conversation import ask

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot

TOMORROW = "medium = 'electricity' AND ts >= TIMESTAMP '2025-11-21' AND ts < TIMESTAMP '2025-11-22'"


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


@pytest.mark.parametrize(
    ("question", "extreme"),
    [
        ("wann is der strom morgen am billigsten", "MIN"),
        ("In welcher Stunde ist der Strom morgen am teuersten?", "MAX"),
    ],
)
def test_the_cheapest_or_dearest_hours_of_tomorrow_come_from_the_tariff(copilot, con, question, extreme):
    answer = ask(copilot, question)
    (price,) = con.execute(f"SELECT {extreme}(price_per_kwh) FROM energy_tariffs WHERE {TOMORROW}").fetchone()
    (first,) = con.execute(
        f"SELECT MIN(ts) FROM energy_tariffs WHERE {TOMORROW} AND price_per_kwh = ?", [price]
    ).fetchone()
    assert answer.intent == "rank" and answer.facts[0].value == str(first)
    prices = [f.value for f in answer.facts[1:] if isinstance(f.value, float)]
    assert prices and all(p == pytest.approx(price, abs=1e-4) for p in prices)


def test_the_price_of_a_coming_day_is_its_tariff_not_a_question_back(copilot, con):
    answer = ask(copilot, "Strompreis morgen")
    (mean,) = con.execute(f"SELECT AVG(price_per_kwh) FROM energy_tariffs WHERE {TOMORROW}").fetchone()
    assert answer.intent == "value" and answer.facts[0].value == pytest.approx(mean, abs=1e-4)
