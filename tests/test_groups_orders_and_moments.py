"""Groups that had nothing, headings, shared names the data decides, order quantities, moments of the day."""

from __future__ import annotations

import pytest
from conversation import ask

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


def by_label(answer):
    """Each fact's figure by its label."""
    return {f.label: f.value for f in answer.facts if isinstance(f.value, int | float)}


def test_a_breakdown_by_shift_shows_the_shifts_that_worked_without_a_stop_as_zero(copilot, con):
    answer = ask(copilot, "Stillstand pro Schicht gestern auf L2? Nur ungeplant bitte")
    rows = con.execute(
        "SELECT c.shift_code, COALESCE(SUM(e.duration_s) FILTER (WHERE NOT r.planned), 0) / 60 FROM shift_calendar c "
        "LEFT JOIN downtime_events e ON e.line_id = c.line_id AND e.shift_date = c.shift_date "
        "AND e.shift_code = c.shift_code LEFT JOIN downtime_reasons r USING (reason_code) "
        "WHERE c.line_id = 'L2' AND c.shift_date = DATE '2025-11-19' GROUP BY 1"
    ).fetchall()
    shown = {
        f.label.split(" – ")[-1]: f.value for f in answer.facts if f.label.startswith("Stillstandszeit – ")
    }
    assert 0 in [minutes for _code, minutes in rows] and len(shown) == len(rows) == 3
    assert sorted(shown.values()) == pytest.approx(sorted(minutes for _code, minutes in rows))


def test_a_plural_heading_is_each_of_them_and_a_units_category_is_its_defects(copilot, con):
    gold = dict(
        con.execute(
            "SELECT dc.category, COUNT(*) FROM units u JOIN defect_codes dc USING (defect_code) "
            "WHERE NOT u.is_good AND u.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16' GROUP BY 1"
        ).fetchall()
    )
    for question in (
        "defect categories for the whole plant last week, with counts",
        "Ausschuss nach Kategorie letzte Woche",
    ):
        answer = ask(copilot, question)
        assert answer.understood.group_by == "defect_category", question
        shown = {label.split(" – ")[-1]: v for label, v in by_label(answer).items() if " – " in label}
        assert shown == gold, question
    named = ask(copilot, "die temp out of range alarms on line 1 last week, how many?")
    assert named.understood.group_by is None  # a heading whose words name one alarm is no grouping


def test_a_shared_station_name_beside_a_defect_of_one_line_is_that_line(copilot, con):
    cracks = con.execute(
        "SELECT COUNT(*) FROM units WHERE defect_code = 'D-RISS' AND shift_date = DATE '2025-11-19'"
    ).fetchone()[0]
    lines = con.execute("SELECT DISTINCT line_id FROM units WHERE defect_code = 'D-RISS'").fetchall()
    answer = ask(copilot, "wieviele risse hatten wir gestern an der presse")
    assert lines == [("L2",)] and answer.facts[0].value == cracks
    assert answer.understood.filters.lines == ("L2",)
    stops = ask(copilot, "Stillstände an der Presse gestern")
    assert stops.intent == "clarify"  # stops happen on every line: the name still needs its line


def test_day_shifts_against_the_night_are_the_plants_day_shifts_and_day_by_day_is_no_shift(copilot):
    night = ask(copilot, "Ist die Zykluszeit auf der Montage nachts schlechter als tagsüber?")
    assert set(night.understood.filters.shifts) == {"E", "L", "N"} and night.understood.group_by == "shift"
    english = ask(copilot, "is the cycle time on assembly worse at night than during the day?")
    assert set(english.understood.filters.shifts) == {"E", "L", "N"}
    daily = ask(copilot, "OEE trend for the stamping line, day by day last week")
    assert daily.understood.filters.shifts == ()


def test_how_many_per_line_with_the_share_ranks_by_the_count_and_gives_each_share(copilot, con):
    rows = con.execute(
        "SELECT c.line_id, COUNT(*) FILTER (WHERE c.duration_s > c.standard_duration_s), COUNT(*) "
        "FROM changeovers c JOIN downtime_events d USING (event_id) "
        "WHERE d.shift_date BETWEEN DATE '2025-10-01' AND DATE '2025-10-31' GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    answer = ask(
        copilot,
        "how many changeovers went over their standard time last month? per line please, with the share",
    )
    assert answer.facts[0].value == rows[0][0]
    shares = [f.value for f in answer.facts[1:] if f.unit == "%"]
    assert shares == pytest.approx([100 * late / every for _line, late, every in rows], abs=0.001)


def test_the_share_of_units_over_takt_is_of_the_units_with_a_cycle_time(copilot, con):
    slow, timed, every = con.execute(
        "SELECT COUNT(*) FILTER (WHERE u.cycle_time_s > l.takt_time_s), COUNT(u.cycle_time_s), COUNT(*) "
        "FROM units u JOIN lines l USING (line_id) WHERE u.line_id = 'L3' AND u.shift_date >= DATE '2025-11-17'"
    ).fetchone()
    answer = ask(copilot, "Wieviel Prozent der Teile auf Linie 3 lagen diese Woche über dem Kundentakt?")
    assert timed < every  # an order's first unit has no cycle time
    assert answer.facts[0].value == pytest.approx(100 * slow / timed, abs=0.001)


def test_a_lesson_is_given_though_a_station_name_beside_it_is_shared_but_not_for_a_missing_line(copilot):
    lesson = ask(
        copilot, "Was ist SMED genau? Unser Meister meint, wir sollen das beim Rüsten in der Presse machen"
    )
    assert lesson.intent == "lesson" and lesson.understood.topic == "smed"
    missing = ask(copilot, "Was ist OEE an Linie 9?")
    assert missing.intent != "lesson" and "9" in missing.text


def test_stops_of_a_planned_reason_are_its_stops_not_none(copilot, con):
    events = [
        e
        for (e,) in con.execute(
            "SELECT event_id FROM downtime_events WHERE line_id = 'L3' AND reason_code = 'PL-MAINT' "
            "AND shift_date >= DATE '2025-11-01' ORDER BY start_ts"
        ).fetchall()
    ]
    answer = ask(copilot, "Zeig mir die geplanten Wartungsstopps an Linie 3 diesen Monat")
    assert events and answer.facts[0].value == events[0]
    assert [e for e in events if e in answer.text] == events


def test_how_much_of_a_lines_energy_was_a_station_is_its_own_meters_share(copilot, con):
    oven, line = con.execute(
        "SELECT SUM(r.value) FILTER (WHERE r.meter_id = 'OVEN-L4'), SUM(r.value) FROM energy_readings r "
        "JOIN energy_meters m USING (meter_id) WHERE m.line_id = 'L4' AND m.medium = 'electricity' "
        "AND r.ts >= TIMESTAMP '2025-11-19' AND r.ts < TIMESTAMP '2025-11-20'"
    ).fetchone()
    answer = ask(
        copilot, "how much electricity did the paint shop use yesterday?", "how much of that was the oven?"
    )
    assert answer.facts[0].value == pytest.approx(100 * oven / line, abs=0.001)


def test_what_is_still_missing_of_a_named_order_is_its_remaining_quantity(copilot, con):
    planned, made = con.execute(
        "SELECT o.planned_qty, COUNT(u.unit_id) FROM production_orders o LEFT JOIN units u USING (order_id) "
        "WHERE o.order_id = 'PO-L4-0092' GROUP BY 1"
    ).fetchone()
    for question in ("wie viel fehlt noch bis der auftrag PO-L4-0092 durch ist", "Restmenge PO-L4-0092"):
        assert ask(copilot, question).facts[0].value == planned - made, question
    progress = ask(copilot, "wie weit is der laufende auftrag auf linie 1? soll vs ist")
    assert progress.intent == "share" and not progress.understood.notes


def test_the_hour_of_the_day_something_happens_most_is_taken_over_all_the_data(copilot, con):
    hour = con.execute(
        "SELECT HOUR(ts) FROM alarms WHERE station_id = 'L3-S4' AND alarm_code = 'A-217' "
        "GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1"
    ).fetchone()[0]
    answer = ask(copilot, "zu welcher uhrzeit kommen beim deckelroboter die meisten greiferalarme")
    assert int(float(answer.facts[0].value)) == hour and not answer.understood.period_defaulted


def test_the_time_from_an_order_being_created_to_work_starting_is_its_response_time(copilot):
    answer = ask(copilot, "avg time from creating a corrective order to starting work, last 4 weeks?")
    assert answer.understood.metrics[0].endswith("reaction")


def test_whats_in_the_open_order_lists_it_with_its_text(copilot, con):
    order, text = con.execute(
        "SELECT mo_id, description FROM maintenance_orders WHERE station_id = 'L1-S1' AND status <> 'done'"
    ).fetchone()
    answer = ask(copilot, "what's in the open order for the die casting cell?")
    assert answer.facts[0].value == order and text in answer.text


def test_a_ranking_by_an_average_without_a_period_is_over_all_the_data(copilot, con):
    slowest = con.execute(
        "SELECT product_id FROM units WHERE line_id = 'L4' GROUP BY 1 ORDER BY AVG(cycle_time_s) DESC LIMIT 1"
    ).fetchone()[0]
    answer = ask(copilot, "which product has the slowest average cycle time on the paint line?")
    assert answer.facts[0].value == slowest


def test_before_and_since_a_day_compares_the_time_from_it_with_the_time_before(copilot):
    answer = ask(copilot, "Energie pro Gutteil an Linie 1 vor und seit dem 10. November?")
    assert answer.intent == "compare" and len(answer.understood.periods) == 2


def test_which_factor_after_the_lowest_oee_line_is_the_weakest_factor_of_that_line(copilot):
    answer = ask(
        copilot,
        "Welche Linie hatte letzte Woche die niedrigste OEE?",
        "Woran lags – Verfügbarkeit, Leistung oder Qualität?",
    )
    factors = {f.key: f.value for f in answer.facts if f.key in ("availability", "performance", "quality")}
    assert answer.understood.filters.lines == ("L3",) and answer.facts[0].value == min(
        factors, key=factors.get
    )
