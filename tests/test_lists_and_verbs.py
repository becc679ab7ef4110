"""Things listed one after another, verbs that name the measure, and words of a measure that group nothing."""

from __future__ import annotations

import pytest
from conversation import ask, split_figures

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot

OCTOBER = "e.shift_date BETWEEN DATE '2025-10-01' AND DATE '2025-10-31'"


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


def _by_key(con, sql):
    """A plain query's figures by their first column."""
    return dict(con.execute(sql).fetchall())


def test_reasons_listed_by_their_words_are_each_of_them(copilot, con):
    answer = ask(
        copilot,
        "breakdowns by type on the assembly line last month - mechanical, electrical, hydraulic, tool?",
    )
    gold = _by_key(
        con,
        (
            "SELECT e.reason_code, SUM(e.duration_s) / 60 FROM downtime_events e JOIN downtime_reasons r "
            f"USING (reason_code) WHERE r.loss_category = 'breakdown' AND e.line_id = 'L3' AND {OCTOBER} GROUP BY 1"
        ),
    )
    assert answer.understood.group_by == "reason" and set(answer.understood.filters.reasons) == set(gold)
    shown = split_figures(answer)
    texts = dict(con.execute("SELECT reason_code, text_en FROM downtime_reasons").fetchall())
    assert shown == pytest.approx({texts[code]: minutes for code, minutes in gold.items()})


def test_shifts_listed_by_their_short_names_split_the_figure(copilot, con):
    answer = ask(
        copilot,
        "Greifer-Alarme an der Deckelmontage: wie verteilen die sich auf Früh, Spät und Nacht? letzte 4 Wochen",
    )
    gold = _by_key(
        con,
        (
            "SELECT c.shift_code, COUNT(*) FROM alarms a JOIN shift_calendar c ON c.line_id = 'L3' "
            "AND a.ts >= c.start_ts AND a.ts < c.end_ts WHERE a.station_id = 'L3-S4' AND a.alarm_code = 'A-217' "
            "AND c.shift_date BETWEEN DATE '2025-10-23' AND DATE '2025-11-19' GROUP BY 1"
        ),
    )
    assert answer.understood.group_by == "shift" and len(gold) == 3
    assert sorted(split_figures(answer).values()) == sorted(gold.values())


def test_what_a_station_used_is_the_energy_of_its_meter(copilot, con):
    answer = ask(copilot, "what did the oven use yesterday?")
    (gold,) = con.execute(
        "SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) "
        "WHERE m.description ILIKE '%ofen%' AND CAST(r.ts AS DATE) = DATE '2025-11-19'"
    ).fetchone()
    assert answer.intent == "value" and answer.facts[0].value == pytest.approx(gold, abs=0.01)


def test_outside_the_shifts_is_the_idle_energy_not_a_split_by_shift(copilot, con):
    answer = ask(
        copilot,
        "Wie viel Druckluft hat Linie 1 letzte Woche verbraucht?",
        "Und wie viel davon außerhalb der Schichten?",
    )
    assert answer.understood.group_by is None and answer.understood.metrics == ("idle_energy",)
    (worked,) = con.execute(
        "SELECT SUM(r.value) FROM energy_readings r JOIN shift_calendar c ON c.line_id = 'L1' "
        "AND r.ts >= c.start_ts AND r.ts < c.end_ts WHERE r.meter_id = 'CA-L1' "
        "AND r.ts >= TIMESTAMP '2025-11-10' AND r.ts < TIMESTAMP '2025-11-17'"
    ).fetchone()
    (total,) = con.execute(
        "SELECT SUM(value) FROM energy_readings WHERE meter_id = 'CA-L1' "
        "AND ts >= TIMESTAMP '2025-11-10' AND ts < TIMESTAMP '2025-11-17'"
    ).fetchone()
    assert answer.facts[0].value == pytest.approx(total - worked, abs=0.05)


def test_the_best_shift_ever_is_one_shift_on_its_day_over_all_the_data(copilot, con):
    answer = ask(copilot, "what's the best shift we ever had on line 2, in good parts?")
    ((day, shift, good),) = con.execute(
        "SELECT shift_date, shift_code, COUNT(*) FROM units WHERE line_id = 'L2' AND is_good "
        "GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1"
    ).fetchall()
    assert (
        answer.understood.group_by == "shift_day"
        and answer.understood.periods[0].label_en == "the whole period"
    )
    assert answer.facts[0].value == f"{day} {shift}" and answer.facts[1].value == good


def test_a_split_the_measure_cannot_make_is_said_and_the_ranking_still_given(copilot):
    answer = ask(copilot, "availability per line last week, ranked, with the biggest loss category for each")
    plain = ask(copilot, "availability per line last week, ranked")
    assert answer.understood.group_by == "line" and any("loss category" in w for w in answer.warnings)
    assert [(f.key, f.value) for f in answer.facts] == [(f.key, f.value) for f in plain.facts] != []


@pytest.mark.parametrize(
    "first", ["scrap rate per line last week", "which line had the highest scrap rate last week?"]
)
def test_the_worst_one_of_a_split_broken_down_again_is_that_line(copilot, con, first):
    answer = ask(copilot, first, "break the worst one down by shift")
    (worst,) = con.execute(
        "SELECT line_id FROM units WHERE shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16' "
        "GROUP BY 1 ORDER BY AVG(CASE WHEN is_good THEN 0 ELSE 1 END) DESC LIMIT 1"
    ).fetchone()
    assert answer.understood.filters.lines == (worst,) and answer.understood.group_by == "shift"
    assert answer.understood.metrics[0] == "scrap_rate"
