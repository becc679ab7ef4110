"""The compositional planner: measures, shapes, corrections said aloud, questions back, refusals."""

from __future__ import annotations

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot, Session


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


def plan(copilot, question, context=()):
    """The plan of the last question of a conversation."""
    session = Session(copilot)
    for earlier in context:
        session.ask(earlier)
    return session.ask(question).understood


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        # how many → a count, how long → a duration, the longest → the max, on average → the mean
        ("Wie viele Stillstände hatte Linie 1 gestern?", "stop_count"),
        ("How long was line 1 down yesterday?", "downtime"),
        ("Längster Stillstand letzte Woche im Presswerk?", "stop__max"),
        ("What was the longest stop on line 2 yesterday?", "stop__max"),
        ("Wie lange dauert ein Rüstvorgang an Linie 2 im Schnitt?", "changeover_time"),
        ("Total changeover time on line 1 this week", "changeover__total"),
        ("How many minutes of short stops did L3-S4 have last week?", "short_stop__total"),
        ("Wie viele Alarme hatte die Lackierlinie gestern?", "alarm__count"),
        ("Wie viele Ausfälle hatte Linie 2 letzte Woche?", "breakdown__count"),
        ("Wie viele Störungsaufträge gab es letzte Woche an Linie 4?", "maintenance_order__count"),
        ("How many changeovers exceeded their standard time on line 4 last month?", "late_changeover__count"),
        (
            "Wie viele Minuten länger als der Standard dauern die Rüstvorgänge an L2 im Schnitt?",
            "changeover__mean__excess",
        ),
        ("Downtime including planned stops on line 2 yesterday", "any_stop__total"),
        ("How many parts came off line 2 yesterday, scrap included?", "output"),
        ("Good parts ratio for line 3 last week", "fpy"),
        ("Wie viele Teile waren gestern auf Linie 1 Ausschuss?", "scrap_count"),
        ("idle kWh of line 1's compressed air last weekend", "idle_energy"),
        ("Leerlaufverbrauch Lackierlinie am Wochenende", "idle_energy"),  # consumption: kWh, not kW
        # how often, not how long: 'häufigster', 'most frequent', 'die meisten Stopps'
        ("Häufigster Stillstandsgrund Linie 4 im Oktober", "any_stop__count"),
        ("Which line had the most stops yesterday?", "stop_count"),
        ("Welche Linie hatte gestern den meisten Stillstand?", "downtime"),
        ("changeover time lost vs standard on the press line this month", "changeover__total__excess"),
        ("peak 15 min electricity reading on line 1 this week", "reading__max__kwh"),
        ("Which product had the highest output on line 4 last week?", "output"),
    ],
)
def test_measure_composed_from_record_and_aggregation(copilot, question, metric):
    assert plan(copilot, question).metrics[0] == metric


@pytest.mark.parametrize(
    ("question", "intent", "form", "reference"),
    [
        (
            "How many more minutes of downtime did line 4 have yesterday than on Monday?",
            "compare",
            "difference",
            None,
        ),
        (
            "OEE Linie 1 diese Woche vs. letzte Woche, Unterschied in Prozentpunkten?",
            "compare",
            "points",
            None,
        ),
        (
            "By how many percent did line 4 use more electricity yesterday than on Monday?",
            "compare",
            "relative",
            None,
        ),
        ("OEE L3 letzte Woche in Prozent vom Ziel", "compare", "percent_of", "target"),
        ("Zykluszeit L4 gestern, wie viel Prozent vom Takt ist das?", "compare", "percent_of", "takt"),
        ("What share of line 2's downtime last week was breakdowns?", "share", None, None),
    ],
)
def test_comparison_forms(copilot, question, intent, form, reference):
    p = plan(copilot, question)
    assert (p.intent, p.form, p.reference) == (intent, form, reference)


@pytest.mark.parametrize(
    ("question", "group_by", "ranking"),
    [
        ("Stilstand je Linie gestern", "line", None),  # a table in the lines' own order
        ("Gutteile je Schicht Linie 3 gestern", "shift", None),
        ("Häufigster Fehlercode an L1 gestern?", "defect", "desc"),
        ("Which shift had the best OEE on line 2 last week?", "shift", "desc"),
        ("What was the main downtime reason on line 3 last week?", "reason", "desc"),
    ],
)
def test_grouping_and_ranking(copilot, question, group_by, ranking):
    p = plan(copilot, question)
    assert (p.group_by, p.ranking) == (group_by, ranking)


def test_mean_per_shift_is_taken_over_the_worked_shifts(copilot, one):
    answer = Session(copilot).ask("How many good units did L2 make per shift on average last week?")
    shifts = one(
        "SELECT COUNT(*) FROM shift_calendar WHERE line_id = 'L2' AND shift_date BETWEEN '2025-11-10' AND '2025-11-16'"
    )
    good = one(
        "SELECT COUNT(*) FROM units WHERE is_good AND line_id = 'L2' AND shift_date BETWEEN '2025-11-10' AND '2025-11-16'"
    )
    assert answer.facts[0].value == pytest.approx(good / shifts, rel=1e-6)


@pytest.mark.parametrize(
    ("question", "written", "read"),
    [
        ("Wie viel Stillstand hatte Linie 1 gestren?", "gestren", "gestern"),
        (
            "Wie viel Stillstand hatte Linie 1 gesten?",
            "gesten",
            "gestern",
        ),  # a rare word, but no day was named
        ("OEE L1 yesterdy?", "yesterdy", "yesterday"),
        ("stilstand linie 2 letzte woche", "stilstand", "stillstand"),
        ("whats the OEE of line 3 over the lst 4 weeks", "lst", "last"),
        ("Energieverbrauch im Wekr gestern", "Wekr", "werk"),  # the plant's own word
    ],
)
def test_near_misses_are_corrected_and_said(copilot, question, written, read):
    answer = Session(copilot).ask(question)
    assert (written, read) in answer.understood.corrections
    assert (
        f"„{written}“ als „{read}“" in answer.understood_text
        or f"read “{written}” as “{read}”" in answer.understood_text
    )


def test_an_ordinary_word_is_not_corrected_into_a_plant_word(copilot):
    # 'Gebäude' is one edit-pair away from 'Gehäuse' but an ordinary German word
    p = plan(copilot, "Stromverbrauch des Werks gestern inklusive Gebäude")
    assert ("Gebäude", "gehaeuse") not in p.corrections and "families" not in p.filters.used()


@pytest.mark.parametrize(
    "question",
    [
        "Wie war die Leistung von Linie 2 gestern?",  # performance rate, output or power
        "Downtime at the packing station last week?",  # two lines have one
        "Wie viele Stillstände hatte der Roboter diese Woche?",  # two robots
        "scrap rate of the Schweißroboter last week",  # no such robot
        "Zeig mir mal die Zahlen von der 2 für Dienstag",  # which figures?
        "Wie lange dauert das Rüsten im Schnitt?",  # no line, no period
        "Wie läufts?",  # how things are: which figure?
        "better than before?",
        "Wie viele Teile hat die Linie gestern gemacht?",  # which line?
        "How much power did the line draw last week?",
    ],
)
def test_unclear_questions_are_asked_back_with_readings(copilot, question):
    answer = Session(copilot).ask(question)
    assert answer.intent in ("clarify", "unknown_entity")
    assert not [f for f in answer.facts if isinstance(f.value, int | float)]
    assert (
        1 <= len(answer.choices) <= 3
    )  # at least one concrete reading to tap, at most three (the limit asked of a question back)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Setz den Ausschusszähler von Linie 2 zurück.", "change"),
        ("Trag bitte eine Störung an L1-S3 ein, 20 Minuten Hydraulik.", "change"),
        ("please delete yesterday's stops on line 3", "change"),
        ("Erhöhe das OEE-Ziel für Linie 3 auf 85 %.", "change"),
        ("Welcher Mitarbeiter macht die meisten Fehler?", "people"),
        ("Who is the worst worker on line 3?", "people"),
        ("Wie viele Fehler hat Herr Schmidt in der Nachtschicht gemacht?", "people"),
        ("Is she slower than the others on line 1?", "people"),  # a person by a pronoun
        ("Sollen wir Schichtgruppe C abmahnen?", "discipline"),
        ("write a poem about line 3", "off_topic"),
        ("Wie wird das Wetter morgen?", "off_topic"),
        ("Wie hoch war die Temperatur im Ofen gestern?", "not_measured"),
        ("How much CO2 did line 1 emit last week?", "not_measured"),
        ("Schreib bitte rein, dass an L2-S2 Öl tropft.", "change"),
        ("Wer aus der Frühschicht arbeitet am langsamsten?", "people"),
        ("Verschieb den Auftrag PO-L3-0398 auf morgen früh", "change"),
        ("please move PO-L2-0038 to monday", "change"),
    ],
)
def test_requests_to_act_people_and_other_topics_get_no_figure(copilot, question, key):
    answer = Session(copilot).ask(question)
    assert answer.intent == "out_of_scope" and answer.understood.topic == key
    assert not answer.facts and not answer.evidence


def test_teams_stay_answerable_for_process_figures(copilot):
    answer = Session(copilot).ask("OEE von Schichtgruppe B letzte Woche")
    assert answer.intent == "value" and answer.facts[0].key == "oee"


def test_show_me_in_plain_words_is_a_question(copilot):
    answer = Session(copilot).ask("Show me the downtime of line 2 from last week")
    assert answer.intent == "value" and answer.facts[0].key == "downtime"


def test_a_comparison_names_the_period_without_data(copilot, one):
    # 1 Nov 2025 is a Saturday without shifts; the 19th has data and is shown as such
    answer = Session(copilot).ask("OEE Linie 1 am 19.11.2025 vs 01.11.2025")
    empty = one("SELECT COUNT(*) FROM shift_calendar WHERE line_id = 'L1' AND shift_date = DATE '2025-11-01'")
    assert empty == 0 and [f.period for f in answer.facts] == ["Mi 19.11.2025"]
    assert "gibt es Sa 01.11.2025 keine Daten" in answer.text
    assert any("01.11.2025" in w and "19.11" not in w for w in answer.warnings)


@pytest.mark.parametrize("question", ["OEE Linie -1", "OEE line 1.5", "Ausschuss der Linie −2 gestern"])
def test_a_line_number_no_line_can_have_is_not_dropped(copilot, question):
    answer = Session(copilot).ask(question)
    assert answer.intent == "unknown_entity" and not answer.facts


@pytest.mark.parametrize(
    ("context", "question", "metric"),
    [
        (["How many changeovers did line 2 have in KW 44?"], "how long in total?", "changeover__total"),
        (["Wie viele Ausfälle hatte Linie 2 letzte Woche?"], "und wie lange im Schnitt?", "mttr"),
        (["Mittlere Zykluszeit Linie 3 letzte Woche"], "und der Median?", "cycle_time_median"),
        (
            ["Wie hoch war die Ausschussquote von Linie 1 gestern?"],
            "wie viele teile waren das?",
            "scrap_count",
        ),
    ],
)
def test_follow_ups_change_the_aggregation(copilot, context, question, metric):
    assert plan(copilot, question, context).metrics[0] == metric


def test_a_follow_up_about_the_top_of_a_ranking(copilot, one):
    answer = Session(copilot)
    answer.ask("Häufigster Fehlercode an L1 gestern?")
    count = answer.ask("wie viele teile waren das?").facts[0].value
    top = one(
        "SELECT defect_code FROM units WHERE line_id = 'L1' AND shift_date = '2025-11-19' AND NOT is_good GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1"
    )
    assert count == one(
        f"SELECT COUNT(*) FROM units WHERE line_id = 'L1' AND shift_date = '2025-11-19' AND defect_code = '{top}'"
    )


def test_restatement_names_measure_scope_window_and_shift(copilot):
    answer = Session(copilot).ask("Gutteile Linie 3 gestern in der Frühschicht")
    assert answer.understood_text == "Verstanden: Gutteile · Linie 3 · Frühschicht · gestern (Mi 19.11.2025)"
    parts = [chip["part"] for chip in answer.to_dict()["understood"]["chips"]]
    assert parts == ["measure", "line", "shift", "window"]


def test_a_loss_category_alone_counts_its_stops(copilot):
    understood = plan(copilot, "Wie viele Kleinstörungen gab es an Linie 3 gestern?")
    assert understood.metrics == ("stop_count",)
    assert understood.filters.loss_categories == ("small_stop",)


def test_something_left_out_is_excluded(copilot):
    understood = plan(copilot, "Downtime on line 2 last week leaving the changeovers out")
    assert understood.metrics == ("downtime",) and understood.filters.without_loss_categories == ("setup",)


def test_an_average_without_a_period_is_over_the_whole_data(copilot):
    answer = Session(copilot).ask("Wie lange dauert ein Rüstvorgang an Linie 2 im Schnitt?")
    assert "gesamter Zeitraum" in answer.understood_text


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("Output of line 1 the week of Nov 10", "2025-11-10 – 2025-11-16"),
        ("Stillstände an Linie 3 seit Ende Oktober", "seit 31.10.2025"),
    ],
)
def test_weeks_and_month_ends_are_read(copilot, question, shown):
    assert shown in Session(copilot).ask(question).restatement["text"]


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("scrap % line 2 yesterday", "scrap_rate"),
        ("Ausschuss in Prozent an Linie 2 gestern", "scrap_rate"),
        ("Ausschuss an Linie 2 gestern", "scrap_count"),
    ],
)
def test_a_count_asked_in_percent_is_its_rate(copilot, question, metric):
    assert plan(copilot, question).metrics == (metric,)


def test_a_joined_pair_of_known_words_is_read_apart(copilot):
    assert "night shift" in Session(copilot).ask("downtime line 2 lastnight").understood_text


def test_a_difference_asked_in_its_direction_is_a_distance(copilot):
    answer = Session(copilot).ask("How far below target was the OEE of line 3 yesterday?")
    oee = next(f for f in answer.facts if f.key == "oee")
    target = next(f for f in answer.facts if f.key == "target")
    assert answer.facts[0].key == "distance" and target.value > oee.value
    assert answer.facts[0].value == pytest.approx(target.value - oee.value, abs=1e-3)
    fewer = Session(copilot).ask("How many fewer good parts did line 1 make yesterday than on Monday?")
    good = [f.value for f in fewer.facts if f.key == "good_parts"]
    assert fewer.facts[0].key == "distance" and fewer.facts[0].value == pytest.approx(good[1] - good[0])


@pytest.mark.parametrize(
    "question",
    [
        "How many times more downtime did line 4 have yesterday than line 1?",
        "Um das Wievielfache war der Stromverbrauch von Linie 1 letzte Woche höher als der von Linie 3?",
        "How many times as much compressed air did line 1 use last week as the week before?",
    ],
)
def test_how_many_times_is_a_factor(copilot, question):
    answer = Session(copilot).ask(question)
    first, second = [f.value for f in answer.facts if f.key == answer.understood.metrics[0]][:2]
    assert answer.understood.form == "factor" and answer.facts[0].key == "factor"
    assert answer.facts[0].value == pytest.approx(first / second, rel=1e-3)


def test_the_takt_is_a_figure_of_its_own_and_the_reference_of_the_cycle_time(copilot, one):
    takt = one("SELECT takt_time_s FROM lines WHERE line_id = 'L3'")
    alone = Session(copilot).ask("What is the takt time of line 3?")
    assert alone.understood.metrics == ("takt_time",) and alone.facts[0].value == pytest.approx(takt)
    against = Session(copilot).ask("cycle time vs takt time line 3 last week")
    assert against.understood.metrics == ("cycle_time",) and against.understood.reference == "takt"
    assert next(f.value for f in against.facts if f.key == "takt") == pytest.approx(takt)


def test_a_medium_after_a_question_about_stops_is_about_energy(copilot):
    understood = plan(
        copilot,
        "How much power did line 4 use yesterday compared with Monday?",
        ["Why does the cycle time vary on line 3?"],
    )
    assert understood.metrics == ("electricity",) and understood.filters.lines == ("L4",)


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        (
            "how many unplanned stops longer than 30 min did line 2 have last week",
            "SELECT COUNT(*) FROM downtime_events e JOIN downtime_reasons r USING (reason_code) WHERE NOT r.planned"
            " AND e.line_id = 'L2' AND e.shift_date BETWEEN '2025-11-10' AND '2025-11-16' AND e.duration_s > 1800",
        ),
        (
            "Wie viele Alarme kürzer als 30 Sekunden gab es letzte Woche an L3-S4?",
            "SELECT COUNT(*) FROM alarms a JOIN shift_calendar c ON c.line_id = 'L3' AND a.ts >= c.start_ts"
            " AND a.ts < c.end_ts WHERE a.station_id = 'L3-S4' AND c.shift_date BETWEEN '2025-11-10' AND '2025-11-16'"
            " AND a.duration_s < 30",
        ),
    ],
)
def test_a_limit_on_the_records_own_duration_filters_them(copilot, one, question, sql):
    answer = Session(copilot).ask(question)
    assert answer.understood.filters.durations and answer.intent == "value"
    assert answer.facts[0].value == pytest.approx(one(sql))


def test_an_additive_figure_per_working_day_is_averaged_over_the_worked_days(copilot, one):
    answer = Session(copilot).ask("average electricity of line 3 per working day in KW 46")
    worked = one(
        "SELECT COUNT(DISTINCT shift_date) FROM shift_calendar WHERE line_id = 'L3'"
        " AND shift_date BETWEEN '2025-11-10' AND '2025-11-16'"
    )
    total = one(
        "SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = 'L3'"
        " AND m.medium = 'electricity' AND CAST(r.ts AS DATE) IN (SELECT DISTINCT shift_date FROM shift_calendar"
        " WHERE line_id = 'L3' AND shift_date BETWEEN '2025-11-10' AND '2025-11-16')"
    )
    assert answer.understood.per == "workday"
    assert answer.facts[0].value == pytest.approx(total / worked, rel=1e-6)


@pytest.mark.parametrize(
    ("question", "part", "whole"),
    [
        (
            "Anteil Druckluft am Energieverbrauch von Linie 2 letzte Woche in %",
            "m.medium = 'compressed_air'",
            "m.line_id = 'L2' AND r.ts >= '2025-11-10' AND r.ts < '2025-11-17'",
        ),
        (
            "Wie viel Prozent des Stroms von Linie 4 verbraucht der Einbrennofen?",
            "m.meter_id = 'OVEN-L4'",
            "m.line_id = 'L4' AND m.medium = 'electricity'",
        ),
    ],
)
def test_a_medium_or_a_meter_is_the_part_of_a_share(copilot, one, question, part, whole):
    answer = Session(copilot).ask(question)
    share = one(
        f"SELECT 100 * SUM(value) FILTER (WHERE {part}) / SUM(value) FROM energy_readings r"
        f" JOIN energy_meters m USING (meter_id) WHERE {whole}"
    )
    assert answer.intent == "share" and answer.facts[0].value == pytest.approx(share, abs=0.05)


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        (
            "durchschnittliche Reaktionszeit der korrektiven Aufträge an L1 letzte Woche",
            "maintenance_order__mean__reaction",
        ),
        (
            "Wie lange hat die Reparatur an der Transferpresse 1 gestern gedauert?",
            "maintenance_order__total__repair",
        ),
        ("percent change in good output of line 1 from KW 45 to KW 46", "good_parts"),
    ],
)
def test_orders_repairs_and_good_output_are_read_by_their_words(copilot, question, metric):
    assert plan(copilot, question).metrics[0] == metric


def test_a_follow_up_naming_family_changes_restricts_to_them(copilot):
    understood = plan(copilot, "only the family changes", ["average changeover time line 2 last week"])
    assert understood.filters.family_changes == ("between",) and understood.group_by is None


def test_the_gap_between_the_best_and_the_worst_is_their_spread(copilot):
    answer = Session(copilot).ask("OEE gap between best and worst line last week, in points")
    lines = [f.value for f in answer.facts if f.key == "oee"]
    assert answer.facts[0].key == "spread" and len(lines) == 4
    assert answer.facts[0].value == pytest.approx(max(lines) - min(lines), abs=0.01)


@pytest.mark.parametrize(
    ("question", "lang", "why"),
    [
        ("Welcher Mitarbeiter hat die meisten Fehler gemacht?", "de", ("Betriebsrat", "Datenschutz")),
        ("Wie viele Fehler hat Herr Schmidt in der Nachtschicht gemacht?", "de", ("BetrVG", "Datenschutz")),
        ("Sollen wir Schichtgruppe C abmahnen?", "de", ("Betriebsrat", "Datenschutz")),
        ("Who is the worst worker on line 3?", "en", ("works council", "data protection")),
        ("Should we discipline shift team A?", "en", ("works council", "data protection")),
    ],
)
def test_people_questions_say_why_and_offer_the_process_view(copilot, question, lang, why):
    answer = Session(copilot).ask(question)
    assert answer.intent == "out_of_scope" and not answer.facts
    assert all(word in answer.text for word in why), answer.text
    view = (
        "Ausschuss nach Schicht, Station und Fehlerart"
        if lang == "de"
        else "scrap by shift, station and defect"
    )
    assert answer.choices == [view]


@pytest.mark.parametrize(
    "view", ["Ausschuss nach Schicht, Station und Fehlerart", "scrap by shift, station and defect"]
)
def test_people_process_view_choice_answers_with_figures(copilot, view):
    answer = Session(copilot).ask(view)
    assert answer.intent != "out_of_scope" and answer.facts


def test_energy_in_a_shift_is_read_in_that_shift_s_hours(copilot, one):
    # the night shift of the 19th runs 22:00–06:00: its readings, not the calendar day's
    answer = Session(copilot).ask("electricity used by line 3 during last nights shift")
    gold = one(
        "SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = 'L3' "
        "AND m.medium = 'electricity' AND r.ts >= TIMESTAMP '2025-11-19 22:00' AND r.ts < TIMESTAMP '2025-11-20 06:00'"
    )
    assert answer.facts[0].value == pytest.approx(gold) and not answer.warnings


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("Verfügbarkeit Line 2 am 12.", "Mi 12.11.2025"),  # the most recent 12th
        ("Ausschuss am 25.", "Sa 25.10.2025"),  # the 25th is still to come this month
        ("OEE on the 3rd", "Mon 2025-11-03"),
    ],
)
def test_a_day_of_the_month_alone_is_its_most_recent_date(copilot, question, shown):
    assert shown in Session(copilot).ask(question).restatement["text"]


def test_a_figure_asked_in_hours_is_shown_in_hours(copilot, one):
    answer = Session(copilot).ask("downtime hours line 4 yesterday")
    gold = one(
        "SELECT SUM(e.duration_s) / 3600.0 FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
        "WHERE NOT r.planned AND e.line_id = 'L4' AND e.shift_date = DATE '2025-11-19'"
    )
    assert answer.facts[0].unit == "h" and answer.facts[0].value == pytest.approx(gold, abs=0.01)


def test_a_filter_on_the_material_is_named_in_the_scope(copilot):
    answer = Session(copilot).ask("Ausschussquote bei Material von der Hütte letzte Woche")
    assert "Metallhütte Süd AG" in answer.text.split(":")[0]


def test_in_der_frueh_is_the_early_shift(copilot, one):
    answer = Session(copilot).ask("Wie viel Ausschuss hatte die Endmontage vorgestern in der Früh?")
    early = one("SELECT shift_code FROM shifts WHERE start_time = (SELECT MIN(start_time) FROM shifts)")
    assert answer.plan["filters"]["shifts"] == (early,)


def test_a_record_of_several_quantities_is_not_averaged_as_one_of_them(copilot):
    # production orders have no duration: 'how long on average' is asked back, not answered with a quantity
    answer = Session(copilot).ask("Wie lange dauern Fertigungsaufträge im Schnitt?")
    assert answer.intent in ("clarify", "unknown_entity") and not answer.facts


@pytest.mark.parametrize(
    "question",
    [
        "alarms per hour of running time on line 3 yesterday?",
        "Stillstände je Laufstunde an Linie 1 letzte Woche",
    ],
)
def test_a_rate_per_running_hour_is_asked_back_not_grouped_by_hour(copilot, question):
    answer = Session(copilot).ask(question)
    assert answer.intent == "clarify" and not answer.facts and answer.choices


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (
            "top defect on L2 late shift yesterday?",
            "how many of those did L2 have in the whole of last week?",
        ),
        (
            "Häufigster Fehler an Linie 2 in der Spätschicht gestern?",
            "wie viele davon hatte Linie 2 in der ganzen letzten Woche?",
        ),
    ],
)
def test_how_many_of_those_after_a_ranking_counts_its_top_and_the_whole_period_every_shift(
    copilot, one, first, then
):
    session = Session(copilot)
    top = session.ask(first).facts[0].value
    answer = session.ask(then)
    gold = one(
        "SELECT COUNT(*) FROM units WHERE line_id = 'L2' AND defect_code = ? "
        "AND shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16'",
        top,
    )
    assert "shifts" not in answer.plan["filters"] and answer.facts[0].value == gold


def test_a_total_changeover_time_asked_against_the_standard_is_held_against_the_standards_sum(copilot, one):
    session = Session(copilot)
    session.ask("how many changeovers did L3 do yesterday?")
    session.ask("how long did they take in total?")
    answer = session.ask("vs standard?")
    facts = {f.key: f.value for f in answer.facts}
    window = "co.line_id = 'L3' AND e.shift_date = DATE '2025-11-19'"
    joined = "FROM changeovers co JOIN downtime_events e ON e.event_id = co.event_id WHERE " + window
    assert facts["changeover__total"] == pytest.approx(one(f"SELECT SUM(co.duration_s) / 60 {joined}"))
    assert facts["standard"] == pytest.approx(one(f"SELECT SUM(co.standard_duration_s) / 60 {joined}"))


@pytest.mark.parametrize(
    "question",
    [
        "Durchschnittliche Rüstzeit L2 im Oktober bei Wechseln zwischen Produktfamilien?",
        "Durchschnittliche Rüstzeit L2 im Oktober?|und nur die wechsel zwischen produktfamilien?",
    ],
)
def test_a_plural_of_a_known_word_is_no_typo_and_keeps_the_family_change(copilot, one, question):
    *context, last = question.split("|")
    session = Session(copilot)
    for earlier in context:
        session.ask(earlier)
    answer = session.ask(last)
    gold = one(
        "SELECT AVG(co.duration_s) / 60 FROM changeovers co JOIN downtime_events e ON e.event_id = co.event_id "
        "JOIN products a ON a.product_id = co.from_product_id JOIN products b ON b.product_id = co.to_product_id "
        "WHERE co.line_id = 'L2' AND e.shift_date BETWEEN DATE '2025-10-01' AND DATE '2025-10-31' "
        "AND a.family <> b.family"
    )
    assert not answer.understood.corrections and answer.facts[0].value == pytest.approx(gold)


def test_which_working_day_ranks_the_days_worked_only(copilot, one):
    answer = Session(copilot).ask(
        "Which working day last week did the assembly line use the least electricity?"
    )
    least = one(
        "SELECT CAST(r.ts AS DATE) FROM energy_readings r JOIN energy_meters m USING (meter_id) "
        "WHERE m.line_id = 'L3' AND m.medium = 'electricity' AND r.ts >= TIMESTAMP '2025-11-10' "
        "AND r.ts < TIMESTAMP '2025-11-15' GROUP BY 1 ORDER BY SUM(r.value) LIMIT 1"
    )
    assert answer.facts[0].value == str(
        least
    )  # Monday to Friday: the weekend's idle days are no working days


@pytest.mark.parametrize(
    ("question", "starts"),
    [("Kurzstopps L3 gestern früh?", "06:00:00"), ("scrap on L2 yesterday evening", "14:00:00")],
)
def test_a_part_of_a_named_day_is_that_days_shift(copilot, one, question, starts):
    answer = Session(copilot).ask(question)
    (window,) = answer.understood.periods
    shift = one("SELECT shift_code FROM shifts WHERE CAST(start_time AS VARCHAR) = ?", starts)
    assert str(window.start)[:10] == "2025-11-19" and answer.plan["filters"]["shifts"] == (shift,)


@pytest.mark.parametrize(
    "question",
    [
        "Wie viel Prozent der Greiferalarme am Deckelroboter fallen in die Nachtschicht? Letzte Woche",
        "what share of the gripper alarms on the lid robot happened in the night shift last week?",
    ],
)
def test_the_part_of_a_share_is_what_follows_its_verb(copilot, one, question):
    answer = Session(copilot).ask(question)
    station, alarm = answer.plan["filters"]["stations"], answer.plan["filters"]["alarms"]
    night = one("SELECT shift_code FROM shifts ORDER BY start_time DESC LIMIT 1")
    counts = (
        "SELECT COUNT(*) FILTER (WHERE c.shift_code = ?) * 100.0 / COUNT(*) FROM alarms a "
        "JOIN stations s USING (station_id) JOIN shift_calendar c ON c.line_id = s.line_id "
        "AND a.ts >= c.start_ts AND a.ts < c.end_ts WHERE a.station_id = ? AND a.alarm_code = ? "
        "AND c.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16'"
    )
    assert answer.facts[0].value == pytest.approx(one(counts, night, station[0], alarm[0]), abs=0.01)


def test_a_breakdown_per_line_gives_the_lines_own_sum_beside_the_plant_total(copilot, one):
    answer = Session(copilot).ask("Energieverbrauch pro Linie heute bis jetzt?")
    today = "r.ts >= TIMESTAMP '2025-11-20' AND r.ts < TIMESTAMP '2025-11-20 14:00'"
    meters = "SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE "
    lines, plant = (one(meters + only + today) for only in ("m.line_id IS NOT NULL AND ", ""))
    values = [f.value for f in answer.facts]
    assert lines < plant and any(v == pytest.approx(lines) for v in values)  # the lines' sum, and the plant's
    assert any(v == pytest.approx(plant) for v in values)


def test_no_event_of_a_kind_in_a_window_with_data_is_zero_minutes_and_before_the_data_no_figure(copilot, one):
    none = one(
        "SELECT COUNT(*) FROM alarms WHERE alarm_code = 'A-900' AND ts >= '2025-10-01' AND ts < '2025-11-01'"
    )
    answer = Session(copilot).ask("how many minutes did e-stops cost us in october?")
    assert none == 0 and answer.facts[0].value == 0 and answer.facts[0].unit == "min"
    before = Session(copilot).ask("wie viele Stillstände hatte Linie 1 im Jahr 2024?")
    assert not [f for f in before.facts if isinstance(f.value, int | float)]


def test_stops_because_of_an_alarm_are_that_alarms_records(copilot, one):
    answer = Session(copilot).ask("Stillstand wegen Greiferalarm letzte Woche an Linie 3")
    code = answer.plan["filters"]["alarms"][0]
    minutes = one(
        "SELECT SUM(a.duration_s) / 60 FROM alarms a JOIN stations s USING (station_id) "
        "JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts "
        "WHERE s.line_id = 'L3' AND a.alarm_code = ? AND c.shift_date BETWEEN '2025-11-10' AND '2025-11-16'",
        code,
    )
    assert answer.facts[0].value == pytest.approx(minutes)


@pytest.mark.parametrize(
    ("question", "factor", "said"),
    [
        (
            "Wie viele Umrüstungen im Presswerk lagen im Oktober mehr als 50% über der Vorgabezeit?",
            1.5,
            "1,5-Fachen",
        ),
        ("how many changeovers on the press line in october took more than 20% over standard?", 1.2, "1.2×"),
    ],
)
def test_a_limit_in_percent_over_the_standard_is_that_multiple_of_it(copilot, one, question, factor, said):
    answer = Session(copilot).ask(question)
    count = one(
        "SELECT COUNT(*) FROM changeovers co JOIN downtime_events e USING (event_id) WHERE co.line_id = 'L2' "
        "AND e.shift_date BETWEEN '2025-10-01' AND '2025-10-31' AND co.duration_s > ? * co.standard_duration_s",
        factor,
    )
    assert answer.facts[0].value == count and said in answer.understood_text


def test_how_many_percent_over_the_ideal_said_apart_is_the_relative_gap(copilot):
    answer = Session(copilot).ask(
        "Wieviel Prozent lag das Presswerk letzte Woche im Schnitt über der idealen Zykluszeit?"
    )
    facts = {f.key: f.value for f in answer.facts}
    assert answer.facts[0].key == "relative"
    assert facts["relative"] == pytest.approx((facts["cycle_time"] / facts["ideal"] - 1) * 100, abs=0.01)
    share = Session(copilot).ask("Wie viel Prozent der Teile lagen gestern an Linie 3 über der Taktzeit?")
    assert share.intent == "share"  # 'Prozent der Teile': a share of the units, not a change


def test_the_order_right_now_is_the_running_one(copilot, one):
    running = "SELECT order_id FROM production_orders WHERE line_id = 'L4' AND status = 'running'"
    made = one(f"SELECT COUNT(*) FROM units WHERE order_id IN ({running})")
    planned = one(f"SELECT SUM(planned_qty) FROM production_orders WHERE order_id IN ({running})")
    for question in (
        "how far along is the order on the paint line right now?",
        "Wie weit ist der Auftrag auf Linie 4 gerade?",
    ):
        answer = Session(copilot).ask(question)
        assert answer.facts[0].value == pytest.approx(100 * made / planned, abs=0.05), question


def test_the_biggest_single_overrun_is_the_changeover_furthest_over_its_standard(copilot, one):
    answer = Session(copilot).ask("biggest single overrun vs standard in the paint shop yesterday? minutes")
    gold = one(
        "SELECT MAX(co.duration_s - co.standard_duration_s) / 60 FROM changeovers co JOIN downtime_events e "
        "USING (event_id) WHERE co.line_id = 'L4' AND e.shift_date = DATE '2025-11-19'"
    )
    assert answer.facts[0].value == pytest.approx(gold, abs=0.001)


def test_the_reason_of_the_longest_single_stop_asked_after_a_dash(copilot, one):
    answer = Session(copilot).ask("Längster Einzelstillstand auf L1 im November – was war der Grund?")
    reason = one(
        "SELECT e.reason_code FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
        "WHERE e.line_id = 'L1' AND NOT r.planned AND e.shift_date >= DATE '2025-11-01' ORDER BY e.duration_s DESC"
    )
    assert answer.facts[0].value == reason and not answer.understood.corrections


def test_how_many_percent_is_that_more_after_two_days_is_the_later_against_the_earlier(copilot, one):
    session = Session(copilot)
    session.ask("Stromverbrauch Linie 4 am Montag?")
    session.ask("und am Mittwoch?")
    answer = session.ask("wie viel prozent ist das mehr?")
    day = (
        "SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = 'L4' "
        "AND m.medium = 'electricity' AND CAST(r.ts AS DATE) = DATE '2025-11-{}'"
    )
    monday, wednesday = one(day.format(17)), one(day.format(19))
    assert answer.facts[0].value == pytest.approx((wednesday / monday - 1) * 100, abs=0.01)
