"""The evaluation set: at least 95 % of the questions right, overall and in every category."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot, Session
from copilot.evaluation import evaluate, load_cases, score
from copilot.planner.language import detect_language

QUESTIONS = Path(__file__).parent / "questions"
CATEGORIES = {
    "energy", "oee", "downtime", "cycle_time", "quality", "changeovers", "time_frames", "entities",
    "follow_ups", "refusals", "latest", "compositions",
}  # fmt: skip


@pytest.fixture(scope="module")
def report(sample_db):
    connector = DuckDBConnector(sample_db)
    return evaluate(Copilot(connector), connector, load_cases(QUESTIONS))


def test_the_set_is_large_and_bilingual():
    cases = load_cases(QUESTIONS)
    assert len(cases) >= 150
    assert {c.category for c in cases} == CATEGORIES
    asked = [c for c in cases if c.category != "refusals"]
    german = sum(detect_language(c.question, default="") == "de" for c in asked)
    english = sum(detect_language(c.question, default="") == "en" for c in asked)
    assert german >= 0.4 * len(asked) and english >= 0.4 * len(asked)
    assert len({c.id for c in cases}) == len(cases)


def test_accuracy_at_least_95_percent_overall_and_per_category(report):
    failures = "\n".join(report.failures())
    assert report.accuracy >= 0.95, failures
    for category, (passed, total) in report.by_category().items():
        assert passed / total >= 0.95, f"{category}: {passed}/{total}\n{failures}"


BLIND = Path(__file__).parent / "blind"


@pytest.mark.parametrize("batch", sorted(p.name for p in BLIND.iterdir() if p.is_dir()))
def test_blind_batches_stay_right(sample_db, batch):
    # written from the contract alone by someone who never saw the planner; batch1 has since been
    # used to fix the planner (its first-run score is in bench/RESULTS.md), later batches were scored untouched
    connector = DuckDBConnector(sample_db)
    report = evaluate(Copilot(connector), connector, load_cases(BLIND / batch))
    failures = "\n".join(report.failures())
    verdicts = report.verdicts()
    assert report.accuracy >= 0.95, failures
    assert verdicts["silent"] / len(report.outcomes) <= 0.02, failures
    assert report.clarification_rate() <= 0.05, failures


def test_the_second_plant_answers_with_its_own_words(tmp_path_factory):
    # another industry, six lines, two 12-hour shifts, its own codes and glossary: the same code
    from second_plant import QUESTIONS, built_once

    path = built_once(tmp_path_factory.getbasetemp())
    connector = DuckDBConnector(path)
    folder = tmp_path_factory.mktemp("second_plant_questions")
    (folder / "questions.yaml").write_text(QUESTIONS.read_text(encoding="utf-8"), encoding="utf-8")
    report = evaluate(Copilot(connector), connector, load_cases(folder))
    assert report.accuracy >= 0.9, "\n".join(report.failures())
    assert report.clarification_rate() <= 0.05, "\n".join(report.failures())


ALARMS_OF_L3 = (  # last week's alarms of line 3 by {key}, the most frequent first
    "SELECT {key}, COUNT(*) AS n FROM alarms a JOIN stations s USING (station_id) "
    "JOIN alarm_codes ac USING (alarm_code) "
    "JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts "
    "WHERE s.line_id = 'L3' AND c.shift_date BETWEEN '2025-11-10' AND '2025-11-16' GROUP BY 1 ORDER BY 2 DESC"
)
MOST_FREQUENT_ALARM = "Welcher Alarm kam letzte Woche an Linie 3 am häufigsten?"


def test_a_ranking_is_scored_by_its_top_or_the_tops_figure(sample_db):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask(MOST_FREQUENT_ALARM)
    top = ALARMS_OF_L3.format(key="a.alarm_code") + " LIMIT 1"
    assert score(answer, {"gold_sql": top}, connector)[0]  # the top's code
    assert score(answer, {"gold_sql": f"SELECT n FROM ({top})"}, connector)[0]  # the top's count
    assert not score(answer, {"gold_sql": f"SELECT n * 2 FROM ({top})"}, connector)[0]


@pytest.mark.parametrize("text", ["ac.text_de", "ac.text_en"])
def test_a_thing_named_by_its_text_in_the_gold_counts_as_its_code(sample_db, text):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask(MOST_FREQUENT_ALARM)
    ranked = ALARMS_OF_L3.format(key=text)
    assert score(answer, {"gold_sql": ranked}, connector)[0]
    assert not score(answer, {"gold_sql": ranked + " OFFSET 1"}, connector)[0]


def _scores_right_not_wrong(sample_db, question, right, wrong):
    """The answer to a question scored against a right gold and a wrong one; the answer for more checks."""
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask(question)
    assert score(answer, {"gold_sql": right}, connector)[0]
    assert not score(answer, {"gold_sql": wrong}, connector)[0]
    return answer


def test_a_changeover_named_by_its_products_texts_counts_as_their_codes(sample_db):
    pairs = (
        "SELECT pf.name || ' -> ' || pt.name FROM changeovers co "
        "JOIN products pf ON pf.product_id = co.from_product_id JOIN products pt ON pt.product_id = co.to_product_id "
        "WHERE co.line_id = 'L4' GROUP BY 1 ORDER BY AVG(co.duration_s) DESC"
    )
    question = "Welcher Produktwechsel dauert auf Linie 4 im Schnitt am längsten?"
    _scores_right_not_wrong(sample_db, question, pairs, pairs + " OFFSET 1")


def test_a_daily_series_as_gold_counts_when_each_day_has_its_value(sample_db):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask("daily good parts of line 2 for the last 3 days")
    series = (
        "SELECT shift_date, {value} FROM units WHERE line_id = 'L2' "
        "AND shift_date BETWEEN DATE '2025-11-17' AND DATE '2025-11-19' GROUP BY 1 ORDER BY 1"
    )
    assert score(answer, {"gold_sql": series.format(value="COUNT(*) FILTER (WHERE is_good)")}, connector)[0]
    assert not score(answer, {"gold_sql": series.format(value="COUNT(*)")}, connector)[
        0
    ]  # produced, not good


PAIRS_OF_L2 = (  # scrap of line 2 last week per shift and defect: the pair as one key, or as two columns
    "SELECT {keys}, COUNT(*){extra} FROM units u JOIN defect_codes dc USING (defect_code) "
    "WHERE u.line_id = 'L2' AND NOT u.is_good AND u.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16' "
    "GROUP BY {grouped} ORDER BY COUNT(*) DESC"
)


@pytest.mark.parametrize(
    ("keys", "grouped"),
    [("u.shift_code || ': ' || dc.text_de", "1"), ("u.shift_code || ' / ' || dc.text_de", "1"),
     ("u.shift_code, dc.text_de", "1, 2")],
)  # fmt: skip
def test_a_two_part_key_as_gold_counts_when_one_row_holds_both_parts_and_the_value(sample_db, keys, grouped):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask("Ausschuss Linie 2 letzte Woche nach Schicht und Fehlerart")
    assert score(answer, {"gold_sql": PAIRS_OF_L2.format(keys=keys, grouped=grouped, extra="")}, connector)[0]
    wrong = PAIRS_OF_L2.format(keys=keys, grouped=grouped, extra=" + 1")
    assert not score(answer, {"gold_sql": wrong}, connector)[0]


def test_a_figure_labelled_by_the_answers_own_line_counts_as_that_figure(sample_db):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask("Gutteile Linie 2 gestern")
    labelled = (
        "SELECT '{line}' AS line_id, COUNT(*) FILTER (WHERE is_good) FROM units "
        "WHERE line_id = 'L2' AND shift_date = DATE '2025-11-19'"
    )
    assert score(answer, {"gold_sql": labelled.format(line="L2")}, connector)[0]
    assert not score(answer, {"gold_sql": labelled.format(line="L3")}, connector)[0]  # another line's label


BATCH_PROFILE = (  # the batch asked, its supplier's name, then its figures: the scrap is in its own column
    "SELECT u.batch_id, b.supplier, COUNT(*) AS units, COUNT(*) FILTER (WHERE NOT u.is_good){extra} AS scrap_units "
    "FROM units u JOIN material_batches b USING (batch_id) WHERE u.batch_id = '{batch}' GROUP BY 1, 2"
)


def test_a_figure_after_the_asked_things_name_and_label_is_found_in_its_column(sample_db):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask("scrap from batch B-L1-X002 - how bad is it?")
    assert score(answer, {"gold_sql": BATCH_PROFILE.format(extra="", batch="B-L1-X002")}, connector)[0]
    assert not score(answer, {"gold_sql": BATCH_PROFILE.format(extra=" + 1", batch="B-L1-X002")}, connector)[
        0
    ]
    assert not score(answer, {"gold_sql": BATCH_PROFILE.format(extra="", batch="B-L1-X001")}, connector)[0]


WEEKS_OF_L4 = (  # the ISO week first, then that week's output of line 4
    "SELECT CAST(EXTRACT(week FROM shift_date) AS INT){shift} AS iso_week, COUNT(*) AS units FROM units "
    "WHERE line_id = 'L4' AND shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-20' GROUP BY 1 ORDER BY 1"
)


def test_weeks_compared_match_a_gold_that_leads_with_their_iso_week_numbers(sample_db):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask("output L4 week 46 vs week 47 so far")
    assert score(answer, {"gold_sql": WEEKS_OF_L4.format(shift="")}, connector)[0]
    assert not score(answer, {"gold_sql": WEEKS_OF_L4.format(shift=" - 2")}, connector)[0]  # weeks 44 and 45


OWN_LINE_GOLDS = (  # a gold table with the answer's own line as a column: the figure of the measure asked still counts
    (
        "Qualitätsrate Linie 4 gestern",  # 'L4 | oee | quality': the column named for the measure
        "SELECT 'L4' AS line_id, AVG(is_good::INT) * 0.9 AS oee, AVG(is_good::INT){extra} AS quality_ratio "
        "FROM units WHERE line_id = 'L4' AND shift_date = DATE '2025-11-19'",
        " - 0.01",
    ),
    (
        "Gutteile Linie 2 gestern je Schicht",  # 'L2 | E | 1388': the line's column left out, the shifts kept
        "SELECT 'L2' AS line_id, shift_code, COUNT(*) FILTER (WHERE is_good){extra} AS good FROM units "
        "WHERE line_id = 'L2' AND shift_date = DATE '2025-11-19' GROUP BY shift_code ORDER BY shift_code",
        " + 50",
    ),
)


@pytest.mark.parametrize(("question", "gold", "wrong"), OWN_LINE_GOLDS)
def test_a_gold_table_that_names_the_answers_own_line_counts_by_its_other_columns(
    sample_db, question, gold, wrong
):
    _scores_right_not_wrong(sample_db, question, gold.format(extra=""), gold.format(extra=wrong))


def test_a_comparison_counts_for_a_gold_of_both_figures_when_it_shows_both(sample_db):
    both = (
        "SELECT AVG(is_good::INT) FILTER (WHERE shift_date = DATE '2025-11-19'){extra} AS yesterday, "
        "AVG(is_good::INT) FILTER (WHERE shift_date = DATE '2025-11-18') AS day_before "
        "FROM units WHERE line_id = 'L2'"
    )
    question = "first pass yield line 2 yesterday - better or worse than the day before?"
    answer = _scores_right_not_wrong(sample_db, question, both.format(extra=""), both.format(extra=" - 0.01"))
    assert answer.facts[0].key == "difference"  # the difference leads, both figures follow


def test_an_identifier_as_gold_counts_when_the_answer_names_that_record(sample_db):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask("What was the longest changeover on L1 this month?")
    longest = (
        "SELECT co.changeover_id FROM changeovers co JOIN downtime_events d ON d.event_id = co.event_id "
        "WHERE co.line_id = 'L1' AND d.shift_date >= DATE '2025-11-01' ORDER BY co.duration_s DESC"
    )
    assert score(answer, {"gold_sql": longest}, connector)[0]  # its minutes first, the changeover named
    assert not score(answer, {"gold_sql": f"{longest} OFFSET 1"}, connector)[0]  # the second longest is not


def test_also_sql_as_other_readings_counts_either_reading_through_the_command_line(sample_db, tmp_path):
    """`copilot eval --also-sql alternatives`: a case is right when the answer matches any of its readings."""
    import subprocess
    import sys

    good_units = (
        "SELECT count(*) FROM units WHERE line_id = 'L3' AND is_good AND shift_date = DATE '2025-11-19'"
    )
    (tmp_path / "output.yaml").write_text(
        "- id: alt-001\n  lang: en\n  category: output\n"
        "  question: How many good parts did line 3 make yesterday?\n  context: []\n"
        "  expect:\n    kind: figure\n"
        f'    gold_sql: "{good_units.replace("is_good", "NOT is_good")}"\n'
        f'    also_sql: ["{good_units}"]\n',
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "copilot.cli",
        "eval",
        "--db",
        str(sample_db),
        "--questions",
        str(tmp_path),
    ]
    shown = subprocess.run([*command, "--min-accuracy", "1"], capture_output=True, text=True)
    either = subprocess.run(
        [*command, "--also-sql", "alternatives", "--min-accuracy", "1"], capture_output=True, text=True
    )
    assert shown.returncode == 1 and "right 0/1" in shown.stdout
    assert either.returncode == 0 and "right 1/1" in either.stdout


def test_a_when_question_counts_for_a_gold_record_whose_moment_is_the_answers(sample_db):
    planned = (
        "SELECT mo_id, start_ts FROM maintenance_orders WHERE station_id = 'L1-S1' AND kind = 'preventive' "
        "AND status = 'done' ORDER BY start_ts DESC{extra}"
    )
    question = "wann war die letzte geplante Wartung an der Druckgießzelle?"
    _scores_right_not_wrong(sample_db, question, planned.format(extra=""), planned.format(extra=" OFFSET 1"))


def test_a_factor_named_as_the_answer_counts_for_a_gold_of_that_factors_figure(sample_db):
    connector = DuckDBConnector(sample_db)
    answer = Session(Copilot(connector)).ask(
        "what dragged down OEE on line 4 yesterday – availability, performance or quality?"
    )
    weakest = str(answer.facts[0].value)
    ratio = next(float(f.value) for f in answer.facts if f.key == weakest) / 100
    gold = "SELECT {value} AS {column}, 0.99 AS other"
    assert score(answer, {"gold_sql": gold.format(value=ratio, column=weakest)}, connector)[0]
    assert not score(answer, {"gold_sql": gold.format(value=ratio + 0.05, column=weakest)}, connector)[0]
    assert not score(answer, {"gold_sql": gold.format(value=ratio, column="oee_other")}, connector)[0]


COMPARED_GOLDS = (  # a comparison's gold as a table: each row's figure among the answer's
    (
        "Ausschuss L1 gestern gegenüber vorgestern, nach Fehlercode, mit Differenz",  # each group's difference
        "SELECT defect_code, COUNT(*) FILTER (WHERE shift_date = DATE '2025-11-19') - COUNT(*) FILTER "
        "(WHERE shift_date = DATE '2025-11-18'){extra} AS diff FROM units WHERE line_id = 'L1' AND NOT is_good "
        "AND shift_date IN (DATE '2025-11-18', DATE '2025-11-19') GROUP BY 1 "
        "HAVING MIN(shift_date) < MAX(shift_date) ORDER BY 2 DESC",
        " + 3",
    ),
    (
        "L3 output monday vs wednesday this week",  # a row per day compared
        "SELECT shift_date, COUNT(*){extra} AS units FROM units WHERE line_id = 'L3' "
        "AND shift_date IN (DATE '2025-11-17', DATE '2025-11-19') GROUP BY 1 ORDER BY 1",
        " + 40",
    ),
)


@pytest.mark.parametrize(("question", "gold", "wrong"), COMPARED_GOLDS)
def test_a_comparisons_gold_table_counts_when_each_rows_figure_is_shown(sample_db, question, gold, wrong):
    _scores_right_not_wrong(sample_db, question, gold.format(extra=""), gold.format(extra=wrong))


def test_the_longest_records_station_counts_for_a_gold_that_names_where_it_was(sample_db):
    longest = (
        "SELECT station_id FROM downtime_events d JOIN downtime_reasons r USING (reason_code) WHERE NOT r.planned "
        "AND d.line_id = 'L2' AND d.shift_date = DATE '2025-11-18' ORDER BY d.duration_s DESC{extra}"
    )
    question = "Was war vorgestern der längste Stillstand im Presswerk und woran lags?"
    connector = DuckDBConnector(sample_db)
    stations = connector.execute(longest.format(extra=""))["station_id"].tolist()
    right = longest.format(extra=" LIMIT 1")
    wrong = f"SELECT station_id FROM stations WHERE line_id = 'L2' AND station_id <> '{stations[0]}' LIMIT 1"
    _scores_right_not_wrong(sample_db, question, right, wrong)


LAYOUT_GOLDS = (  # golds that lead with supporting counts or list every group in its key's order
    (
        "Wie lange stand die Transferpresse 1 gestern insgesamt?",  # the figure in the column of its unit
        "SELECT COUNT(*) AS stops, SUM(duration_s) / 60.0{extra} AS minutes FROM downtime_events "
        "JOIN downtime_reasons USING (reason_code) WHERE NOT planned AND station_id = 'L2-S2' "
        "AND shift_date = DATE '2025-11-19'",
        " + 5",
    ),
    (
        "scrap per day on the paint line this week",  # a series whose value column is named after the measure
        "SELECT shift_date, COUNT(*) AS units, COUNT(*) FILTER (WHERE NOT is_good){extra} AS scrap FROM units "
        "WHERE line_id = 'L4' AND shift_date >= DATE '2025-11-17' GROUP BY 1 ORDER BY 1",
        " + 2",
    ),
    (
        "OEE per line last week vs target",  # a ranking's gold listed by line: each line's own figure
        "SELECT line_id, oee{extra} AS oee FROM (SELECT 'L1' AS line_id, {l1} AS oee UNION ALL "
        "SELECT 'L2', {l2} UNION ALL SELECT 'L3', {l3} UNION ALL SELECT 'L4', {l4}) ORDER BY line_id",
        " + 0.1",
    ),
    (
        "uh what was the peak 15-min reading on the oven meter last week, value and time?",  # the moment
        "SELECT ts{extra} AS ts, value FROM energy_readings WHERE meter_id = 'OVEN-L4' AND ts >= '2025-11-10' "
        "AND ts < '2025-11-17' ORDER BY value DESC, ts LIMIT 1",
        " + INTERVAL 15 MINUTE",
    ),
    (
        "Grundlast vom Druckluftzähler Linie 1 vor und nach dem 10.11.?",  # each side in its unit's column
        "SELECT CASE WHEN r.ts < '2025-11-10' THEN 'before' ELSE 'since' END AS period, COUNT(*) AS n, "
        "AVG(r.value) * 4{extra} AS avg_kw FROM energy_readings r WHERE r.meter_id = 'CA-L1' AND NOT EXISTS "
        "(SELECT 1 FROM shift_calendar c WHERE c.line_id = 'L1' AND r.ts >= c.start_ts AND r.ts < c.end_ts) "
        "AND r.ts < '2025-11-20 14:00' GROUP BY 1 ORDER BY 1",
        " + 10",
    ),
)


@pytest.mark.parametrize(("question", "gold", "wrong"), LAYOUT_GOLDS)
def test_a_gold_laid_out_another_way_counts_by_the_column_its_figure_stands_in(
    sample_db, question, gold, wrong
):
    connector = DuckDBConnector(sample_db)
    oee = {}
    if "{l1}" in gold:  # each line's OEE as the answer gives it: what is scored is the layout
        answer = Session(Copilot(connector)).ask(question)
        oee = {f"l{f.line[-1]}": f.value / 100 for f in answer.facts if f.line and f.key == "oee"}
    right, bad = (gold.format(extra=extra, **oee) for extra in ("", wrong))
    _scores_right_not_wrong(sample_db, question, right, bad)


def test_the_lowest_factor_named_counts_for_a_gold_row_of_the_three(sample_db):
    question = "Lag es an Verfügbarkeit, Leistung oder Qualität bei Linie 3 letzte Woche?"
    connector = DuckDBConnector(sample_db)
    facts = {f.key: f.value / 100 for f in Session(Copilot(connector)).ask(question).facts if f.unit == "%"}
    row = "SELECT {a} AS availability, {p} AS performance, {q} AS quality"
    right = row.format(a=facts["availability"], p=facts["performance"], q=facts["quality"])
    wrong = row.format(a=facts["availability"], p=1.0, q=facts["quality"])  # another factor lowest
    _scores_right_not_wrong(sample_db, question, right, wrong)
