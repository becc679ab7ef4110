"""The energy-window proposal: planned orders moved into cheaper hours, priced from energy_tariffs."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta

import duckdb
import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.cli import main
from copilot.engine import Copilot
from copilot.proposals.energy import NoTariff, propose_energy
from copilot.proposals.render_energy import render_energy
from copilot.proposals.sequence import ProposalError

NOW = datetime(2025, 11, 20, 14)
PER_UNIT = """
SELECT o.product_id,
       SUM((SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id)
            WHERE m.line_id = o.line_id AND m.medium = 'electricity'
              AND r.ts >= o.actual_start_ts AND r.ts < o.actual_end_ts AND r.ts >= DATE '2025-10-23'))
     / SUM((SELECT COUNT(*) FROM units u WHERE u.order_id = o.order_id))
FROM production_orders o WHERE o.line_id = $line AND o.actual_start_ts >= DATE '2025-10-23'
  AND o.actual_end_ts <= DATE '2025-11-20' GROUP BY o.product_id
"""
LINE_KPI = """
SELECT (SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id)
        WHERE m.line_id = $line AND m.medium = 'electricity' AND r.ts >= DATE '2025-10-23' AND r.ts < DATE '2025-11-20')
     / (SELECT COUNT(*) FROM units WHERE line_id = $line AND is_good
        AND shift_date >= DATE '2025-10-23' AND shift_date < DATE '2025-11-20')
"""


@pytest.fixture(scope="module", params=["L1", "L2", "L3", "L4"])
def proposal(request, plant):
    return propose_energy(*plant, request.param, NOW)


def minute_price(con, start: datetime, minutes: float) -> float:
    """Mean tariff price over consecutive wall-clock minutes, from plain SQL."""
    hours = dict(
        con.execute(
            "SELECT ts, price_per_kwh FROM energy_tariffs WHERE medium = 'electricity' AND ts >= ? AND ts < ?",
            [start - timedelta(hours=1), start + timedelta(minutes=minutes + 60)],
        ).fetchall()
    )
    prices = [hours[(start + timedelta(minutes=m)).replace(minute=0)] for m in range(round(minutes))]
    return sum(prices) / len(prices)


def test_energy_per_unit_comes_from_the_lines_own_history(proposal, con):
    expected = dict(con.execute(PER_UNIT, {"line": proposal.line}).fetchall())
    for o in proposal.plan:
        assert o.kwh_per_unit == pytest.approx(expected[o.order.product])
        assert o.kwh == pytest.approx(o.order.qty * expected[o.order.product])
    kpi = con.execute(LINE_KPI, {"line": proposal.line}).fetchone()[0]
    assert proposal.line_kwh_per_unit == pytest.approx(kpi)


def test_plan_prices_match_the_tariff_where_the_line_works_straight_through(proposal, con):
    if proposal.line == "L4":  # two shifts: its worked minutes are not wall-clock minutes
        return
    checked = 0
    for o in proposal.plan:
        end = o.plan_start + timedelta(minutes=o.minutes)
        if (
            o.plan_start.weekday() < 5
            and (
                end.weekday() < 5
                or end <= datetime.combine(end.date(), datetime.min.time()) + timedelta(hours=6)
            )
            and end.isocalendar().week == o.plan_start.isocalendar().week
        ):
            assert o.plan_price == pytest.approx(minute_price(con, o.plan_start, o.minutes))
            checked += 1
    assert checked >= 3


def test_the_proposal_reorders_the_same_orders_and_never_costs_more(proposal):
    assert sorted(o.order.order_id for o in proposal.proposal) == sorted(
        o.order.order_id for o in proposal.plan
    )
    assert proposal.saved >= 0 and proposal.proposal_cost <= proposal.plan_cost
    assert proposal.saved == pytest.approx(sum(o.saved for o in proposal.plan))
    assert sorted(o.proposal_start for o in proposal.plan) == [o.proposal_start for o in proposal.proposal]


def test_line_3_saves_money_by_running_orders_at_night(plant):
    p = propose_energy(*plant, "Linie 3", NOW)
    assert p.saved > 10 and p.currency == "EUR"
    cheaper = [o for o in p.plan if o.saved > 0]
    assert cheaper and all(o.proposal_price < o.plan_price for o in cheaper)
    german, english = render_energy(p, "de"), render_energy(p, "en", "md")
    saved_de = f"{p.saved:.2f}".replace(".", ",")
    assert f"Ersparnis: {saved_de} EUR" in german and "In günstigere Stunden" in german
    assert f"Saving: {p.saved:.2f} EUR" in english and english.startswith("# Proposed energy window Line 3")
    assert "nichts geändert" in german and cheaper[0].order.order_id in german


@pytest.mark.parametrize("line", ["L2", "L4"])
def test_a_plan_already_cheap_says_so(plant, line):
    # L2 runs few long orders; L4 works only by day, where every hour costs the day price
    p = propose_energy(*plant, line, NOW)
    assert p.saved == 0 and [o.order.order_id for o in p.proposal] == [o.order.order_id for o in p.plan]
    assert "nutzt die günstigen Stunden schon" in render_energy(p, "de")
    assert "already uses the cheaper hours" in render_energy(p, "en")


def test_a_source_without_tariffs_gets_a_clear_sentence(sample_db, tmp_path, capsys):
    copy = tmp_path / "no_tariffs.duckdb"
    shutil.copy(sample_db, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("DROP TABLE energy_tariffs")
    assert main(["propose", "energy", "--line", "L2", "--db", str(copy)]) == 0
    assert "keine Energiepreise (Tabelle energy_tariffs)" in capsys.readouterr().out
    assert main(["propose", "energy", "--line", "L2", "--db", str(copy), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "The source has no energy prices" in out and "EUR" not in out


def test_bad_input_is_said_plainly(plant, sample_db, capsys):
    with pytest.raises(ProposalError) as none:
        propose_energy(*plant, "L2", datetime(2026, 1, 5))
    assert "keine geplanten Aufträge" in none.value.text("de") and "no planned orders" in none.value.text(
        "en"
    )
    assert not isinstance(none.value, NoTariff)
    assert main(["propose", "energy", "--line", "L9", "--db", str(sample_db), "--lang", "en"]) == 1
    assert "There is no line “L9”" in capsys.readouterr().err
    assert main(["propose", "energy", "--line", "L3", "--db", str(sample_db)]) == 0
    assert "Vorschlag Energiefenster Linie 3" in capsys.readouterr().out


PRICED_KWH = (  # each reading at the price of the tariff hour it falls in
    "SELECT SUM(r.value * t.price_per_kwh) FROM energy_readings r JOIN energy_meters m ON m.meter_id = r.meter_id "
    "JOIN energy_tariffs t ON t.medium = m.medium AND t.ts = date_trunc('hour', r.ts) "
    "WHERE m.line_id = 'L4' AND r.ts >= TIMESTAMP '2025-11-19' AND r.ts < TIMESTAMP '2025-11-20'"
)


@pytest.mark.parametrize("question", [
    "Was hat der Strom von Linie 4 gestern gekostet?",
    "How much did we pay for electricity on line 4 yesterday, in euros?",
])  # fmt: skip
def test_energy_costs_are_the_readings_at_their_tariff(sample_db, question):
    answer = Copilot(DuckDBConnector(sample_db)).ask(question)
    with duckdb.connect(str(sample_db), read_only=True) as con:
        gold = con.execute(PRICED_KWH).fetchone()[0]
    assert answer.facts[0].unit == "EUR" and answer.facts[0].value == pytest.approx(gold, abs=1e-4)
    understood = answer.understood_text
    assert "€" in answer.text and ("Strom" in understood or "electricity" in understood)


@pytest.mark.parametrize(("question", "said"), [
    ("What does an hour of downtime on line 2 cost?", "prices for energy only"),
    ("Was hat uns die Druckluft letzte Woche gekostet?", "Für Druckluft haben die Daten des Werks keine Preise"),
])  # fmt: skip
def test_costs_without_a_price_are_not_answered(sample_db, capsys, question, said):
    assert main(["ask", question, "--db", str(sample_db)]) == 0
    out = capsys.readouterr().out
    assert said in out and re.search(r"\d\s*(kWh|€|EUR)", out) is None  # no figure at all


def test_money_questions_without_tariffs_say_there_are_no_prices(sample_db, tmp_path, capsys):
    copy = tmp_path / "no_tariffs.duckdb"
    shutil.copy(sample_db, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("DROP TABLE energy_tariffs")
    assert main(["ask", "Was hat der Strom von Linie 4 gestern gekostet?", "--db", str(copy)]) == 0
    assert "keine Preise (keine Energietarife)" in capsys.readouterr().out
