"""Fixed bounds per group, kinds named by what tells them apart, time since a record, and units that change the
measure: each answer against plain SQL or against the copilot's own ungrouped figures."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot, Session


@pytest.fixture(scope="module")
def copilot(sample_db: Path) -> Copilot:
    return Copilot(DuckDBConnector(sample_db))


def _rows(sample_db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _figures(answer: object, key: str) -> list[float]:
    return [float(f.value) for f in answer.facts if f.key == key]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("question", "grouped", "groups", "side", "bound"),
    [
        ("How many shifts on L2 last week hit an OEE above 80%?",
         "OEE von L2 letzte Woche je Einzelschicht | welche einzelne Schicht hatte auf L2 letzte Woche die schlechteste OEE?",
         15, "above", 80.0),
        ("An wie vielen Tagen lag die OEE von L2 letzte Woche unter 70 %?", "OEE von L2 letzte Woche pro Tag",
         5, "below", 70.0),
        ("wie viele Linien hatten gestern eine Ausschussquote über 2 %?", "Ausschussquote je Linie gestern",
         4, "above", 2.0),
    ],
)  # fmt: skip
def test_groups_are_counted_against_a_fixed_value(
    copilot: Copilot, question: str, grouped: str, groups: int, side: str, bound: float
) -> None:
    answer = copilot.ask(question)
    values = _figures(answer, answer.facts[1].key)
    expected = sum(v > bound for v in values) if side == "above" else sum(v < bound for v in values)
    assert answer.intent == "rank" and answer.plan["reference"] == "bound" and answer.plan["bound"] == bound
    assert answer.facts[0].unit == "count" and answer.facts[0].value == expected
    assert (
        0 < expected < len(values) == groups
    )  # the bound splits the groups: a wrong side or value would show
    shown = {v for q in grouped.split(" | ") for v in _figures(copilot.ask(q), answer.facts[1].key)}
    assert set(values) <= shown  # the groups' own figures, as their plain grouping gives them


def test_which_groups_clear_a_bound_are_named_first(copilot: Copilot, sample_db: Path) -> None:
    answer = copilot.ask("Welche Chargen hatten diese Woche auf L1 mehr als 5 % Ausschuss?")
    rows = _rows(
        sample_db,
        "SELECT u.batch_id, AVG(CASE WHEN u.is_good THEN 0 ELSE 100 END) AS rate FROM units u "
        "WHERE u.line_id = 'L1' AND u.ts >= TIMESTAMP '2025-11-17' AND u.ts < TIMESTAMP '2025-11-20 14:00' "
        "GROUP BY 1 HAVING rate > 5 ORDER BY rate DESC",
    )
    assert rows and answer.facts[0].value == rows[0][0]
    assert f"{len(rows)} von" in answer.text and "über 5,0 %" in answer.restatement["text"]


@pytest.mark.parametrize(
    ("question", "kind", "sql"),
    [
        ("Wie viele Chargen hat der Stahlband-Lieferant diesen Monat geliefert?", "supplier",
         "SELECT DISTINCT supplier FROM material_batches WHERE material LIKE 'Stahlband%'"),
        ("What's the scrap rate on batches from our aluminium supplier last month?", "supplier",
         "SELECT DISTINCT supplier FROM material_batches WHERE material LIKE 'Aluminium%'"),
        ("What was the scrap for the Lackiererei team last week?", "team",
         "SELECT name FROM teams WHERE name LIKE 'Lackiererei%'"),
    ],
)  # fmt: skip
def test_a_kind_named_by_what_several_share_is_asked_back(
    copilot: Copilot, sample_db: Path, question: str, kind: str, sql: str
) -> None:
    names = sorted(str(r[0]) for r in _rows(sample_db, sql))
    answer = copilot.ask(question)
    assert len(names) > 1 and answer.intent == "clarify" and not answer.facts
    assert all(name in answer.text for name in names)
    assert sorted(c for c in answer.choices if any(n in c for n in names)) == sorted(answer.choices)


def test_a_team_named_in_full_is_no_question(copilot: Copilot) -> None:
    answer = copilot.ask("Lackiererei Gruppe D gegen Gruppe E: Ausschussquote im November?")
    assert answer.intent == "compare" and list(answer.plan["filters"]["teams"]) == ["T-D", "T-E"]


def test_an_ordinary_compound_is_no_unknown_word(copilot: Copilot, sample_db: Path) -> None:
    answer = copilot.ask(
        "Für die Teamrunde: wie viele Teile hat die Schichtgruppe C letzte Woche produziert?"
    )
    ((units,),) = _rows(
        sample_db,
        "SELECT COUNT(*) FROM units u JOIN shift_calendar c ON c.line_id = u.line_id AND u.ts >= c.start_ts "
        "AND u.ts < c.end_ts WHERE c.team_id = 'T-C' AND c.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16'",
    )
    assert answer.intent != "clarify" and answer.facts[0].value == units


@pytest.mark.parametrize(
    ("question", "end_sql"),
    [
        ("Wie lange ist der letzte Teilestau an Linie 2 her? in Stunden",
         "SELECT MAX(start_ts + duration_s * INTERVAL 1 SECOND) FROM downtime_events "
         "WHERE line_id = 'L2' AND reason_code = 'SS-JAM'"),
        ("how long ago was the last preventive maintenance on press 1?",  # an order counts from its end
         "SELECT end_ts FROM maintenance_orders WHERE station_id = 'L2-S2' AND kind = 'preventive' "
         "ORDER BY created_ts DESC LIMIT 1"),
    ],
)  # fmt: skip
def test_the_time_since_the_latest_record(
    copilot: Copilot, sample_db: Path, question: str, end_sql: str
) -> None:
    ((end,),) = _rows(sample_db, end_sql)
    hours = (pd.Timestamp("2025-11-20 14:00") - pd.Timestamp(end)).total_seconds() / 3600
    answer = copilot.ask(question)
    assert answer.intent == "latest" and answer.facts[0].key == "since" and answer.facts[0].unit == "h"
    assert answer.facts[0].value == pytest.approx(hours, abs=1e-3)


def test_a_count_asked_in_minutes_is_their_duration(copilot: Copilot, sample_db: Path) -> None:
    answer = copilot.ask("Kurzstopps auf Linie 3 letzte Woche in Minuten")
    ((minutes,),) = _rows(
        sample_db,
        "SELECT SUM(a.duration_s) / 60 FROM alarms a JOIN stations s USING (station_id) WHERE s.line_id = 'L3' "
        "AND a.duration_s < 120 AND a.ts >= TIMESTAMP '2025-11-10' AND a.ts < TIMESTAMP '2025-11-17'",
    )
    assert answer.facts[0].unit == "min" and answer.facts[0].value == pytest.approx(minutes, rel=1e-6)


def test_longest_first_orders_a_ranking_and_keeps_the_measure(copilot: Copilot) -> None:
    answer = copilot.ask("MTTR per line over the last 30 days, longest first")
    assert list(answer.plan["metrics"]) == ["mttr"] and answer.plan["group_by"] == "line"
    values = _figures(answer, "mttr")
    assert values == sorted(values, reverse=True) and len(values) > 1


def test_the_possessive_names_the_line(copilot: Copilot) -> None:
    answer = copilot.ask("what share of L3s alarm time comes from the gripper alarm? last four weeks")
    assert answer.intent == "share" and list(answer.plan["filters"]["lines"]) == ["L3"]


@pytest.mark.parametrize(
    "question",
    [
        "kannst du die ausschussteile von charge B-L1-X002 auf gut umbuchen? die waren eigentlich ok",
        "rename reason SS-JAM to 'operator error' for all L1 events from last week",
        "fill the gap in the oven meter on Nov 12 with 40 kWh per interval and save it",
        "Who was the operator on L2 late shift yesterday? I need his name for the scrap report",
    ],
)
def test_requests_to_change_data_or_name_people_are_refused(copilot: Copilot, question: str) -> None:
    answer = copilot.ask(question)
    assert answer.intent == "out_of_scope" and not answer.facts and not answer.evidence


def test_the_side_said_before_higher_is_taken_first(copilot: Copilot, sample_db: Path) -> None:
    answer = copilot.ask(
        "Früh vs Nacht auf L3 letzte Woche: um wie viele Sekunden ist die mittlere Zykluszeit nachts höher?"
    )
    means = dict(
        _rows(
            sample_db,
            "SELECT shift_code, AVG(cycle_time_s) FROM units WHERE line_id = 'L3' "
            "AND shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16' GROUP BY 1",
        )
    )
    assert means["N"] > means["E"]  # the sample plant's night shift runs slower on L3
    assert answer.facts[0].value == pytest.approx(float(means["N"]) - float(means["E"]), abs=1e-3)


def test_a_repair_is_a_corrective_order(copilot: Copilot, sample_db: Path) -> None:
    answer = copilot.ask("total repair hours on the die-casting machine so far")
    ((hours, orders),) = _rows(
        sample_db,
        "SELECT SUM(EPOCH(end_ts) - EPOCH(start_ts)) / 3600, COUNT(*) FROM maintenance_orders "
        "WHERE station_id = 'L1-S1' AND kind = 'corrective' AND end_ts IS NOT NULL",
    )
    assert list(answer.plan["filters"]["maintenance_kinds"]) == ["corrective"]
    assert (
        answer.facts[0].unit == "h" and answer.facts[0].value == pytest.approx(hours, abs=1e-3) and orders > 1
    )


def test_the_head_word_of_a_glossary_name_is_asked_back_when_several_fit(
    copilot: Copilot, sample_db: Path
) -> None:
    glossary = [
        str(r[0])
        for r in _rows(sample_db, "SELECT id FROM glossary WHERE kind = 'station' AND term LIKE '% feeder'")
    ]
    answer = copilot.ask("downtime at the feeder yesterday?")
    assert glossary and answer.intent == "clarify" and not answer.facts
    named = {word for word in answer.text.replace(",", " ").split() if word[:1] == "L" and "-S" in word}
    assert set(glossary) <= named and len(named) >= 2


def test_a_measure_written_with_wieviele_in_one_word(copilot: Copilot, sample_db: Path) -> None:
    ((events,),) = _rows(sample_db, "SELECT COUNT(*) FROM downtime_events WHERE station_id IS NULL")
    answer = copilot.ask("Wieviele Stillstände haben keine Station eingetragen?")
    assert answer.facts[0].key == "stop_count" and answer.facts[0].value == events > 0


def test_a_shortened_word_of_an_alarm_text(copilot: Copilot, sample_db: Path) -> None:
    ((alarms,),) = _rows(
        sample_db,
        "SELECT COUNT(*) FROM alarms a JOIN alarm_codes c USING (alarm_code) WHERE c.text_en LIKE 'Oven temperature%' "
        "AND a.ts >= TIMESTAMP '2025-11-17' AND a.ts < TIMESTAMP '2025-11-20 14:00'",
    )
    answer = copilot.ask("any oven temp alarms this week so far?")
    assert answer.facts[0].value == alarms > 0 and "Oven temperature" in answer.restatement["text"]


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        ("do we already have a work order for the air leak on line 1?",
         "SELECT mo_id FROM maintenance_orders WHERE line_id = 'L1' ORDER BY created_ts DESC LIMIT 1"),
        ("what's next up in the queue for line 1?",
         "SELECT order_id FROM production_orders WHERE line_id = 'L1' AND status = 'planned' ORDER BY planned_start_ts LIMIT 1"),
    ],
)  # fmt: skip
def test_orders_asked_for_by_their_existence_or_place_in_the_queue(
    copilot: Copilot, sample_db: Path, question: str, sql: str
) -> None:
    ((order,),) = _rows(sample_db, sql)
    answer = copilot.ask(question)
    assert answer.intent == "latest" and order in answer.text
    assert order in {str(f.value) for f in answer.facts}


def test_the_weakest_oee_factor_though_down_is_a_stop_word(copilot: Copilot) -> None:
    answer = copilot.ask("Which of the 3 OEE factors is pulling L2 down the most this month?")
    factors = {
        f.key: float(f.value) for f in answer.facts if f.key in ("availability", "performance", "quality")
    }
    assert answer.plan["form"] == "weakest_factor" and len(factors) == 3
    assert answer.facts[0].value == min(factors, key=lambda k: factors[k])


def test_units_per_hour_is_a_rate_over_the_planned_hours_of_the_shifts(
    copilot: Copilot, sample_db: Path
) -> None:
    ((units,),) = _rows(
        sample_db, "SELECT COUNT(*) FROM units WHERE line_id = 'L3' AND shift_date = DATE '2025-11-19'"
    )
    ((hours,),) = _rows(
        sample_db,
        "SELECT SUM(planned_minutes) / 60 FROM shift_calendar WHERE line_id = 'L3' AND shift_date = DATE '2025-11-19'",
    )
    answer = copilot.ask("Stück pro Stunde auf Linie 3 gestern")
    assert answer.intent == "value" and answer.facts[0].value == pytest.approx(units / hours, abs=1e-3)


def test_good_units_per_hour_of_a_running_week_count_the_running_shift_up_to_now(
    copilot: Copilot, sample_db: Path
) -> None:
    ((good,),) = _rows(
        sample_db,
        "SELECT COUNT(*) FILTER (WHERE is_good) FROM units WHERE line_id = 'L4' AND shift_date >= DATE '2025-11-17'",
    )
    ((hours,),) = (
        _rows(  # now is 14:00, the end of the early shift: every shift of the week so far is complete
            sample_db,
            "SELECT SUM(planned_minutes) / 60 FROM shift_calendar WHERE line_id = 'L4' AND shift_date >= DATE '2025-11-17' "
            "AND start_ts < TIMESTAMP '2025-11-20 14:00'",
        )
    )
    answer = copilot.ask("Gutteile pro Stunde auf Linie 4 diese Woche?")
    assert answer.facts[0].value == pytest.approx(good / hours, abs=1e-3)


def test_a_test_station_word_reads_the_defect_it_names(copilot: Copilot, sample_db: Path) -> None:
    ((failed,),) = _rows(
        sample_db,
        "SELECT COUNT(*) FROM units u JOIN defect_codes d USING (defect_code) WHERE u.line_id = 'L3' "
        "AND d.text_de LIKE 'Funktionsprüfung%' AND u.ts >= TIMESTAMP '2025-11-17' AND u.ts < TIMESTAMP '2025-11-20 14:00'",
    )
    answer = copilot.ask("wie viele Teile sind diese woche auf L3 im funktionstest durchgefallen")
    assert answer.facts[0].key == "scrap_count" and answer.facts[0].value == failed > 0


@pytest.mark.parametrize(
    ("question", "clear"),
    [("downtime on the painting station last week?", False), ("Stillstand an der Lackierstation gestern", False),
     ("downtime at assembly station 4 yesterday", True)],
)  # fmt: skip
def test_a_station_named_by_its_line_is_asked_back(
    copilot: Copilot, sample_db: Path, question: str, clear: bool
) -> None:
    answer = copilot.ask(question)
    if clear:  # numbered: that station of that line
        assert answer.intent == "value" and list(answer.plan["filters"]["stations"]) == ["L3-S4"]
        return
    stations = [str(r[0]) for r in _rows(sample_db, "SELECT station_id FROM stations WHERE line_id = 'L4'")]
    assert answer.intent == "clarify" and not answer.facts
    assert all(s in answer.text for s in stations) and len(stations) > 1


def test_a_measure_per_line_in_two_periods_shows_each_lines_two_values(
    copilot: Copilot, sample_db: Path
) -> None:
    rows = _rows(
        sample_db,
        "SELECT d.line_id, SUM(d.duration_s) FILTER (WHERE d.shift_date >= DATE '2025-11-17') / 60, "
        "SUM(d.duration_s) FILTER (WHERE d.shift_date < DATE '2025-11-17') / 60 "
        "FROM downtime_events d JOIN downtime_reasons r USING (reason_code) "
        "WHERE NOT r.planned AND d.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-20' GROUP BY d.line_id",
    )
    answer = copilot.ask("Ungeplante Stillstandsminuten pro Linie diese Woche im Vergleich zu letzter Woche")
    shown = {(f.line, f.period): float(f.value) for f in answer.facts if f.key == "downtime"}
    assert answer.plan["group_by"] == "line" and len(rows) == 4
    for line, this_week, last_week in rows:
        values = sorted(v for (fact_line, _), v in shown.items() if fact_line == line)
        assert values == pytest.approx(sorted([this_week, last_week]), abs=0.01)


def test_a_count_of_records_is_shown_with_their_noun(copilot: Copilot) -> None:
    answer = copilot.ask("Anzahl Rüstvorgänge diese Woche")
    assert "Rüstvorgänge**" in answer.text and "Stück" not in answer.text


def test_changeover_minutes_are_their_total_and_time_over_standard_that_cost_is_summed(
    copilot: Copilot, sample_db: Path
) -> None:
    ((total,),) = _rows(
        sample_db,
        "SELECT SUM(c.duration_s) / 60 FROM changeovers c JOIN downtime_events d USING (event_id) "
        "WHERE c.line_id = 'L4' AND d.shift_date = DATE '2025-11-19'",
    )
    answer = copilot.ask("changeover minutes on line 4 yesterday")
    assert answer.facts[0].value == pytest.approx(total, abs=0.01)
    ((over,),) = _rows(
        sample_db,
        "SELECT SUM(GREATEST(c.duration_s - c.standard_duration_s, 0)) / 60 FROM changeovers c "
        "JOIN downtime_events d USING (event_id) WHERE c.line_id = 'L2' AND d.shift_date >= DATE '2025-11-01'",
    )
    answer = copilot.ask(
        "Wieviel Zeit über Standard haben die Rüstvorgänge im Presswerk diesen Monat gekostet?"
    )
    assert answer.facts[0].value == pytest.approx(over, abs=0.01)


def test_there_in_a_follow_up_is_the_top_of_the_ranking_before(copilot: Copilot, sample_db: Path) -> None:
    session = Session(copilot)
    top = session.ask("Welche Station hatte letzte Woche die meiste Stillstandszeit?").facts[0].value
    ((reason,),) = _rows(
        sample_db,
        "SELECT reason_code FROM downtime_events d JOIN downtime_reasons r USING (reason_code) "
        f"WHERE d.station_id = '{top}' AND NOT r.planned AND d.shift_date BETWEEN DATE '2025-11-10' AND DATE "
        "'2025-11-16' GROUP BY reason_code ORDER BY COUNT(*) DESC, reason_code LIMIT 1",
    )
    answer = session.ask("und welcher Grund war dort der häufigste?")
    assert list(answer.plan["filters"]["stations"]) == [top] and answer.facts[0].value == reason


def test_a_record_named_by_its_status_words_is_listed(copilot: Copilot, sample_db: Path) -> None:
    ((order,),) = _rows(
        sample_db, "SELECT mo_id FROM maintenance_orders WHERE line_id = 'L2' AND status = 'in_progress'"
    )
    answer = copilot.ask("Welcher Auftrag im Presswerk ist gerade in Arbeit?")
    assert answer.intent == "latest" and answer.facts[0].value == order
    ((text,),) = _rows(
        sample_db, "SELECT description FROM maintenance_orders WHERE station_id = 'L4-S4' AND status = 'open'"
    )
    answer = copilot.ask("Was steht im offenen Auftrag für den Einbrennofen?")
    assert any(f.value == text for f in answer.facts)


def test_a_figure_over_one_order_names_that_order(copilot: Copilot, sample_db: Path) -> None:
    ((order,),) = _rows(
        sample_db, "SELECT order_id FROM production_orders WHERE line_id = 'L1' AND status = 'running'"
    )
    answer = copilot.ask("how far along is the running order on line 1?")
    assert any(f.unit == "record" and f.value == order for f in answer.facts) and order in answer.text


def test_the_three_oee_factors_listed_ask_for_the_weakest(copilot: Copilot) -> None:
    answer = copilot.ask("what dragged down OEE on line 4 yesterday – availability, performance or quality?")
    factors = {
        f.key: float(f.value) for f in answer.facts if f.key in ("availability", "performance", "quality")
    }
    assert answer.plan["form"] == "weakest_factor" and answer.facts[0].value == min(
        factors, key=factors.__getitem__
    )


def test_a_line_share_of_the_plants_medium_keeps_the_medium_in_the_whole(
    copilot: Copilot, sample_db: Path
) -> None:
    ((line, plant),) = _rows(
        sample_db,
        "SELECT SUM(r.value) FILTER (WHERE m.line_id = 'L4'), SUM(r.value) FROM energy_readings r JOIN energy_meters m "
        "USING (meter_id) WHERE m.medium = 'electricity' AND r.ts >= TIMESTAMP '2025-10-01' "
        "AND r.ts < TIMESTAMP '2025-11-01'",
    )
    answer = copilot.ask("what share of the plant's electricity did the paint shop use in October?")
    assert answer.facts[0].value == pytest.approx(100 * line / plant, abs=0.01)


def test_the_one_named_in_a_follow_up_is_compared_with_the_one_before(
    copilot: Copilot, sample_db: Path
) -> None:
    session = Session(copilot)
    session.ask("Wie viel hat Team A letzte Woche auf Linie 1 produziert?")
    answer = session.ask("und Team B im Vergleich?")
    rows = dict(
        _rows(
            sample_db,
            "SELECT c.team_id, COUNT(*) FROM units u JOIN shift_calendar c USING (line_id, shift_date, shift_code) "
            "WHERE u.line_id = 'L1' AND u.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16' "
            "AND c.team_id IN ('T-A', 'T-B') GROUP BY 1",
        )
    )
    shown = sorted(float(f.value) for f in answer.facts if f.key == "output")
    assert answer.intent == "compare" and shown == sorted(float(v) for v in rows.values())


def test_a_two_part_follow_up_gives_both_in_the_order_asked(copilot: Copilot, sample_db: Path) -> None:
    session = Session(copilot)
    session.ask("how many changeovers did L2 have in October?")
    answer = session.ask("how many of those were between families, and how long did those take on average?")
    ((count, mean),) = _rows(
        sample_db,
        "SELECT COUNT(*), AVG(c.duration_s) / 60 FROM changeovers c JOIN downtime_events d USING (event_id) "
        "JOIN products f ON f.product_id = c.from_product_id JOIN products t ON t.product_id = c.to_product_id "
        "WHERE c.line_id = 'L2' AND f.family <> t.family AND d.shift_date BETWEEN DATE '2025-10-01' AND DATE '2025-10-31'",
    )
    assert answer.facts[0].value == count and any(
        f.value == pytest.approx(mean, abs=0.01) for f in answer.facts
    )


def test_the_reference_itself_is_master_data_of_every_period(copilot: Copilot, sample_db: Path) -> None:
    ((ideal,),) = _rows(
        sample_db,
        "SELECT lp.ideal_cycle_time_s FROM line_products lp JOIN products p USING (product_id) "
        "WHERE p.name = 'Halter HB-140'",
    )
    answer = copilot.ask("what is the ideal cycle time for Halter HB-140?")
    assert answer.facts[0].value == pytest.approx(ideal) and not answer.plan["period_defaulted"]


@pytest.mark.parametrize(
    "question",
    ["how long does it take on average from a corrective order being created until someone starts on it?",
     "On the press line, how do changeovers between product families compare to their standard time?",
     "what's the avg cycle time of order PO-L3-0397 so far?", "Gibt's was Offenes am Trockner?"],
)  # fmt: skip
def test_a_habit_an_order_or_what_is_open_needs_no_question_back(copilot: Copilot, question: str) -> None:
    answer = copilot.ask(question)
    assert answer.intent != "clarify" and answer.facts


def test_the_peak_interval_asked_gives_its_moment_first(copilot: Copilot, sample_db: Path) -> None:
    ((moment, kwh),) = _rows(
        sample_db,
        "SELECT r.ts, r.value FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = 'L2' "
        "AND m.medium = 'electricity' AND CAST(r.ts AS DATE) = DATE '2025-11-19' ORDER BY r.value DESC LIMIT 1",
    )
    answer = copilot.ask("peak 15 min intervall for L2 electricity yesterday?")
    assert answer.facts[0].value == pd.Timestamp(moment).isoformat()
    assert answer.facts[1].value == pytest.approx(kwh)


def test_energy_outside_the_shifts_is_the_idle_energy(copilot: Copilot) -> None:
    idle = copilot.ask("Energie im Leerlauf von Linie 4 am 19.11.")
    outside = copilot.ask("how much energy did L4 use on Nov 19 outside of its shifts?")
    assert list(outside.plan["metrics"]) == ["idle_energy"]
    assert outside.facts[0].value == idle.facts[0].value


def test_each_day_of_a_week_is_held_against_the_same_weekday_before(
    copilot: Copilot, sample_db: Path
) -> None:
    rows = _rows(
        sample_db,
        "SELECT shift_date, COUNT(*) FILTER (WHERE is_good) FROM units WHERE line_id = 'L3' "
        "AND shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-20' GROUP BY 1",
    )
    good = {pd.Timestamp(day).date(): float(n) for day, n in rows}
    answer = copilot.ask(
        "Gutteile pro Tag diese Woche auf Linie 3, verglichen mit dem gleichen Wochentag letzte Woche"
    )
    changes = [float(f.value) for f in answer.facts if f.key == "change"]
    expected = [
        round((good[day] - good[day - pd.Timedelta(days=7)]) / good[day - pd.Timedelta(days=7)] * 100, 4)
        for day in sorted(good)
        if day >= pd.Timestamp("2025-11-17").date()
    ]
    assert changes == pytest.approx(expected, abs=0.01)


def test_a_difference_asked_per_group_is_in_the_measures_unit(copilot: Copilot, sample_db: Path) -> None:
    rows = _rows(
        sample_db,
        "SELECT defect_code, COUNT(*) FILTER (WHERE shift_date = DATE '2025-11-19') - COUNT(*) FILTER "
        "(WHERE shift_date = DATE '2025-11-18') FROM units WHERE line_id = 'L1' AND NOT is_good "
        "AND shift_date IN (DATE '2025-11-18', DATE '2025-11-19') GROUP BY 1 "
        "HAVING COUNT(*) FILTER (WHERE shift_date = DATE '2025-11-18') > 0 "
        "AND COUNT(*) FILTER (WHERE shift_date = DATE '2025-11-19') > 0",
    )
    answer = copilot.ask("Ausschuss L1 gestern gegenüber vorgestern, nach Fehlercode, mit Differenz")
    changes = sorted(float(f.value) for f in answer.facts if f.key == "change")
    assert changes == sorted(float(d) for _, d in rows)


def test_an_alarm_named_with_a_verb_of_making_counts_the_alarm(copilot: Copilot, sample_db: Path) -> None:
    ((count,),) = _rows(
        sample_db,
        "SELECT COUNT(*) FROM alarms a JOIN stations s USING (station_id) WHERE s.line_id = 'L3' "
        "AND a.alarm_code = 'A-900' AND a.ts >= TIMESTAMP '2025-11-01'",
    )
    answer = copilot.ask("how many e-stops were pressed on line 3 this month?")
    assert answer.plan["metrics"][0] != "output" and answer.facts[0].value == count


def test_periods_compared_per_working_day_are_means_over_the_days_worked(
    copilot: Copilot, sample_db: Path
) -> None:
    ((alarms, days),) = _rows(
        sample_db,
        "SELECT (SELECT COUNT(*) FROM alarms a JOIN stations s USING (station_id) WHERE s.line_id = 'L1' "
        "AND a.alarm_code = 'A-150' AND a.ts < TIMESTAMP '2025-11-10'), "
        "(SELECT COUNT(DISTINCT shift_date) FROM shift_calendar WHERE line_id = 'L1' AND shift_date < DATE '2025-11-10')",
    )
    answer = copilot.ask(
        "Haben die Druckluft-zu-niedrig Alarme an Linie 1 seit dem 10.11. zugenommen? Bitte pro Arbeitstag vergleichen"
    )
    assert answer.plan["per"] == "workday"
    assert answer.facts[1].value == pytest.approx(alarms / days, abs=0.01)


def test_a_mean_per_shift_by_team_is_each_teams_total_over_the_shifts_it_worked(
    copilot: Copilot, sample_db: Path
) -> None:
    rows = _rows(
        sample_db,
        "SELECT c.team_id, COUNT(u.unit_id) * 1.0 / COUNT(DISTINCT c.shift_date || c.shift_code) "
        "FROM shift_calendar c LEFT JOIN units u USING (line_id, shift_date, shift_code) "
        "WHERE c.line_id = 'L2' AND c.shift_date BETWEEN DATE '2025-11-01' AND DATE '2025-11-20' GROUP BY 1",
    )
    answer = copilot.ask("average output per shift by team on L2 in November")
    shown = sorted(float(f.value) for f in answer.facts)
    assert answer.plan["group_by"] == "team" and answer.plan["per"] == "shift"
    assert shown == pytest.approx(sorted(float(mean) for _, mean in rows), abs=0.01)


def test_no_matter_which_line_is_no_grouping(copilot: Copilot, sample_db: Path) -> None:
    ((longest,),) = _rows(
        sample_db,
        "SELECT c.changeover_id FROM changeovers c JOIN downtime_events d USING (event_id) "
        "WHERE d.shift_date >= DATE '2025-11-17' ORDER BY c.duration_s DESC LIMIT 1",
    )
    answer = copilot.ask("Längster Produktwechsel diese Woche, egal welche Linie?")
    assert answer.plan["group_by"] is None and any(f.value == longest for f in answer.facts)


def test_from_which_to_which_product_ranks_the_pairs(copilot: Copilot) -> None:
    answer = copilot.ask(
        "Welche Wechsel dauern auf der Lackierlinie im Schnitt am längsten? Top 3, von welchem auf welches Produkt"
    )
    assert answer.plan["group_by"] == "product_change" and "→" in str(answer.facts[0].value)


def test_alarm_minutes_per_line_rank_the_lines(copilot: Copilot) -> None:
    answer = copilot.ask("alarm minutes per line since Nov 1st, highest first")
    assert answer.plan["group_by"] == "line" and answer.plan["within"] is None


def test_a_ranking_with_its_shares_gives_each_groups_share_of_the_whole(
    copilot: Copilot, sample_db: Path
) -> None:
    rows = _rows(
        sample_db,
        "SELECT line_id, COUNT(*) * 100.0 / SUM(COUNT(*)) OVER () FROM units WHERE NOT is_good "
        "AND shift_date BETWEEN DATE '2025-11-17' AND DATE '2025-11-20' GROUP BY 1",
    )
    answer = copilot.ask("top 3 lines by scrap this week with their share")
    shares = {f.line: float(f.value) for f in answer.facts if f.key == "share"}
    assert answer.intent == "rank" and len(shares) == 3
    assert all(shares[line] == pytest.approx(float(pct), abs=0.01) for line, pct in rows if line in shares)


def test_before_and_after_a_day_compares_the_time_since_with_the_time_before(copilot: Copilot) -> None:
    answer = copilot.ask("Grundlast Druckluft Linie 1 – vor und nach dem 10.11.?")
    since, before = (p for p in answer.plan["periods"])
    assert (
        answer.intent == "compare"
        and since["start"].startswith("2025-11-10")
        and before["end"].startswith("2025-11-10")
    )
    assert answer.facts[0].value > answer.facts[1].value  # story 5: the idle load rose from that day on


@pytest.mark.parametrize(
    "question", ["are there any gaps in the L4 meter data this month?", "Fehlen irgendwo Energiedaten? Welcher Zähler hat Lücken?"]
)  # fmt: skip
def test_gaps_in_the_meter_data_name_the_meter_they_are_in(
    copilot: Copilot, sample_db: Path, question: str
) -> None:
    meters = _rows(
        sample_db,
        "WITH t AS (SELECT DISTINCT ts FROM energy_readings WHERE ts >= TIMESTAMP '2025-11-01') "
        "SELECT m.meter_id FROM energy_meters m CROSS JOIN t LEFT JOIN energy_readings r "
        "ON r.meter_id = m.meter_id AND r.ts = t.ts WHERE r.ts IS NULL GROUP BY 1",
    )
    answer = copilot.ask(question)
    named = [f.value for f in answer.facts if f.unit == "meter" or f.key == "meter"]
    assert meters and named[:1] == [meters[0][0]]


def test_how_many_cycles_counts_the_cycles(copilot: Copilot, sample_db: Path) -> None:
    ((count,),) = _rows(
        sample_db,
        "SELECT COUNT(*) FROM units WHERE line_id = 'L3' AND cycle_time_s > 90 "
        "AND shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16'",
    )
    answer = copilot.ask("wie viele takte auf linie 3 waren letzte woche laenger als 90 sekunden?")
    assert answer.facts[0].value == count > 0


def test_moving_an_order_forward_is_a_request_to_act(copilot: Copilot) -> None:
    answer = copilot.ask("Zieh den Auftrag PO-L2-0037 vor PO-L2-0036 und plan ihn direkt für heute Abend ein")
    assert answer.intent == "out_of_scope" and not answer.facts
    assert copilot.ask("Welche Aufträge sind für morgen auf Linie 2 eingeplant?").intent == "latest"


def test_by_code_groups_the_records_by_their_own_codes(copilot: Copilot) -> None:
    answer = copilot.ask("Alarme an L1-S4 seit 1. November, nach Code aufgeschlüsselt")
    assert answer.plan["group_by"] == "alarm"


def test_ausstoss_alone_is_the_output_and_co2_stays_unmeasured(copilot: Copilot) -> None:
    assert copilot.ask("Ausstoß L1 letzte Woche pro Tag").plan["metrics"][0] == "output"
    assert copilot.ask("Wie hoch war der CO2-Ausstoß von Linie 1 gestern?").intent == "out_of_scope"


def test_break_that_down_splits_the_top_of_the_ranking_before(copilot: Copilot) -> None:
    session = Session(copilot)
    top = session.ask("which line has the worst cycle time variation over the last 4 weeks?").facts[0].value
    answer = session.ask("break that down by shift")
    assert answer.plan["group_by"] == "shift" and list(answer.plan["filters"]["lines"]) == [top]
    assert answer.plan["metrics"][0] != "downtime"


def test_statistics_named_as_a_list_are_given_in_the_order_named(copilot: Copilot, sample_db: Path) -> None:
    ((median, mean),) = _rows(
        sample_db,
        "SELECT MEDIAN(cycle_time_s), AVG(cycle_time_s) FROM units WHERE line_id = 'L3' "
        "AND shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16'",
    )
    answer = copilot.ask("Zykluszeit Linie 3 letzte Woche: Median und Mittelwert")
    keys = [f.key for f in answer.facts if f.key in ("cycle_time", "cycle_time_median")]
    assert keys == ["cycle_time_median", "cycle_time"]
    values = {f.key: float(f.value) for f in answer.facts}
    assert values["cycle_time_median"] == pytest.approx(median, abs=0.05)
    assert values["cycle_time"] == pytest.approx(mean, abs=0.01)


def test_what_exactly_after_open_orders_lists_them(copilot: Copilot, sample_db: Path) -> None:
    orders = [
        r[0]
        for r in _rows(
            sample_db, "SELECT mo_id FROM maintenance_orders WHERE line_id = 'L4' AND status <> 'done'"
        )
    ]
    answer = copilot.ask("Sind an der Lackierung noch Wartungen offen? was genau")
    assert answer.intent == "latest" and orders and answer.facts[0].value in orders


def test_the_whole_plants_consumption_is_every_medium_and_wo_doch_is_no_where(
    copilot: Copilot, sample_db: Path
) -> None:
    ((kwh,),) = _rows(
        sample_db,
        "SELECT SUM(value) FROM energy_readings WHERE ts >= TIMESTAMP '2025-11-15' AND ts < TIMESTAMP '2025-11-17'",
    )
    answer = copilot.ask(
        "Wie hoch war am letzten Wochenende der Verbrauch im ganzen Werk, wo doch nix läuft?"
    )
    assert answer.intent == "value" and answer.plan["group_by"] is None
    assert answer.facts[0].value == pytest.approx(kwh, abs=0.1)
