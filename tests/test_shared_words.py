"""A word the plant's texts give to several things ('Stau': two alarms and a reason) is asked back with each."""

from __future__ import annotations

import duckdb
import pytest
from conversation import ask
from second_plant import built_once

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot

ALARMS_ON_DAY = (
    "SELECT COUNT(*) FROM alarms a JOIN stations s USING (station_id) JOIN shift_calendar c "
    "ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts "
    "WHERE a.alarm_code = ? AND c.shift_date = ?{line}"
)
STOPS_ON_DAY = "SELECT COUNT(*) FROM downtime_events WHERE reason_code = ? AND shift_date = ?{line}"


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    path = built_once(tmp_path_factory.getbasetemp())
    with duckdb.connect(str(path), read_only=True) as plain:
        yield Copilot(DuckDBConnector(path)), plain


def counted_readings(copilot, answer, rows, line=None):
    """Each reading answered without asking again, its count against plain SQL on that reading's day."""
    seen = set()
    for reading in answer.choices:
        again = ask(copilot, reading)
        assert again.intent not in ("clarify", "unknown_entity"), reading
        plan = again.understood
        day = plan.periods[0].start.date()
        code = (plan.filters.alarms or plan.filters.reasons or ("",))[0]
        sql = ALARMS_ON_DAY if plan.filters.alarms else STOPS_ON_DAY
        where_line = f" AND {'s.' if plan.filters.alarms else ''}line_id = '{line}'" if line else ""
        (gold,) = rows(sql.format(line=where_line), [code, day])[0]
        figures = [f.value for f in again.facts if isinstance(f.value, int | float)]
        assert figures and figures[0] == pytest.approx(gold), reading
        seen.add(code)
    return seen


def test_a_jam_is_asked_back_as_each_alarm_and_reason_that_names_it(copilot, con):
    answer = ask(copilot, "wie viele Staus hatte L2 gestern")
    assert answer.intent == "clarify" and len(answer.choices) == 3
    jams = {
        code
        for (code,) in con.execute(
            "SELECT alarm_code FROM alarm_codes WHERE text_de ILIKE '%stau%' UNION "
            "SELECT reason_code FROM downtime_reasons WHERE text_de ILIKE '%stau%'"
        ).fetchall()
    }
    seen = counted_readings(copilot, answer, lambda sql, args: con.execute(sql, args).fetchall(), line="L2")
    assert seen <= jams and len(seen) == 3


def test_sensor_problems_are_the_sensor_alarm_or_the_sensor_stops(copilot, con):
    answer = ask(copilot, "how many sensor problems did the paint line have last week?")
    assert answer.intent == "clarify"
    sensor = {
        code
        for (code,) in con.execute(
            "SELECT alarm_code FROM alarm_codes WHERE text_en ILIKE '%sensor%' UNION "
            "SELECT reason_code FROM downtime_reasons WHERE text_en ILIKE '%sensor%'"
        ).fetchall()
    }
    named = set()
    for reading in answer.choices:
        plan = ask(copilot, reading).understood
        assert plan.filters.lines == ("L4",) and plan.periods[0].label_en.startswith("last week"), reading
        named |= set(plan.filters.alarms + plan.filters.reasons)
    assert named == sensor


def test_a_mediums_problems_are_its_consumption_or_its_alarm(copilot):
    answer = ask(copilot, "any compressed air problems on line 1 this week?")
    assert answer.intent == "clarify"
    plans = [ask(copilot, reading).understood for reading in answer.choices]
    assert [p.filters.media for p in plans if p.filters.media] == [("compressed_air",)]
    assert [p.filters.alarms for p in plans if p.filters.alarms] == [("A-150",)]


@pytest.mark.parametrize(
    "question",
    [
        "Druckluft Linie 1 gestern?",  # a medium alone is its consumption
        "How many short stops did station L3-S4 have last week?",  # 'short' belongs to the measure
        "which material batch had the most scrap on line 1 yesterday?",  # the batches are counted
        "Wie oft kam diese Woche der Alarm 'Greifer: Teil nicht erkannt'?",  # the alarm is named whole
    ],
)
def test_a_word_that_is_part_of_what_is_named_asks_nothing(copilot, question):
    assert ask(copilot, question).intent != "clarify"


def test_the_second_plant_asks_back_with_its_own_jams(second):
    copilot, plain = second
    answer = ask(copilot, "Wie viele Staus gab es gestern?")
    assert answer.intent == "clarify" and answer.choices
    seen = counted_readings(copilot, answer, lambda sql, args: plain.execute(sql, args).fetchall())
    assert seen and all(code[:1] in "ES" for code in seen)  # its own codes: E… alarms, S… reasons


def test_the_meter_of_a_medium_with_several_is_asked_back_as_each_meter(copilot, con):
    answer = ask(copilot, "energy use of the compressed air meter yesterday?")
    meters = [
        m
        for (m,) in con.execute(
            "SELECT meter_id FROM energy_meters WHERE medium = 'compressed_air'"
        ).fetchall()
    ]
    assert answer.intent == "clarify" and len(meters) > 1
    for reading in answer.choices:
        again = ask(copilot, reading)
        (meter,) = again.understood.filters.meters
        (gold,) = con.execute(
            "SELECT SUM(value) FROM energy_readings WHERE meter_id = ? AND CAST(ts AS DATE) = DATE '2025-11-19'",
            [meter],
        ).fetchone()
        assert meter in meters and again.facts[0].value == pytest.approx(gold, abs=0.01), reading


def test_how_often_with_the_trouble_after_the_word_asks_too(copilot):
    answer = ask(copilot, "how often did we have sensor problems on L2 last week?")
    assert answer.intent == "clarify" and len(answer.choices) == 2


def test_a_station_number_without_its_line_asks_which_lines_station(copilot, con):
    answer = ask(copilot, "S4 hatte heute wieder Alarme, wie viele waren es?")
    fourth = {s for (s,) in con.execute("SELECT station_id FROM stations WHERE seq = 4").fetchall()}
    assert answer.intent in ("clarify", "unknown_entity") and len(fourth) > 1
    named = {ask(copilot, reading).understood.filters.stations for reading in answer.choices}
    assert named == {(s,) for s in sorted(fourth)[: len(answer.choices)]}


@pytest.mark.parametrize(
    "question",
    ["Wie viel Strom hat die Schweißerei gestern verbraucht?", "how much power did the welding shop use?"],
)
def test_a_shop_the_plant_does_not_have_is_no_plant_total(copilot, question):
    answer = ask(copilot, question)
    assert answer.intent == "clarify" and not answer.facts


def test_the_ideal_cycle_time_of_a_family_asks_which_product(copilot, con):
    answer = ask(copilot, "what's the ideal cycle time for the Steuergerät?")
    ideals = dict(
        con.execute(
            "SELECT p.product_id, lp.ideal_cycle_time_s FROM products p JOIN line_products lp USING (product_id) "
            "WHERE p.name ILIKE 'Steuergerät%'"
        ).fetchall()
    )
    assert answer.intent == "clarify" and len(answer.choices) == min(3, len(ideals)) > 1
    for reading in answer.choices:
        again = ask(copilot, reading)
        (product,) = again.understood.filters.products
        assert again.facts[0].value == pytest.approx(ideals[product]), reading
