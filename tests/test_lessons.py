"""Lessons: every concept teaches in both languages and every role; plant figures match plain SQL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime

import pytest
from plain_kpis import Window, plain_value

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.lessons.knowledge import topics
from copilot.timeframes import default_window

NOW = datetime(2025, 11, 20, 14, 0)
DEFAULT = default_window(NOW)
WINDOW = Window(DEFAULT.start, DEFAULT.end)


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


def _fact(answer, key: str, line: str) -> float:
    """The value of the lesson's headline figure of one kind for one line."""
    found = [f.value for f in answer.facts if f.key == key and f.line == line]
    assert len(found) == 1, (key, line, answer.facts)
    return float(found[0])


def _shown(value: float, decimals: int, lang: str) -> str:
    """A figure as the lesson writes it."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") if lang == "de" else text


def _lesson_text(answer) -> str:
    return "\n".join(section["text"] for section in answer.lesson["sections"])


@pytest.mark.parametrize("lang, question", [("de", "Was ist Heijunka?"), ("en", "What is heijunka?")])
def test_heijunka_contrasts_batched_l2_with_levelled_l3(copilot, con, lang, question):
    answer = copilot.ask(question, role="trainee")
    assert answer.intent == "lesson" and answer.lesson["topic"] == "heijunka"
    runs = dict(
        con.execute(
            "SELECT line_id, AVG(epoch(actual_end_ts) - epoch(actual_start_ts)) / 3600 FROM production_orders "
            "WHERE actual_start_ts >= ? AND actual_start_ts < ? GROUP BY line_id",
            [WINDOW.start, WINDOW.end],
        ).fetchall()
    )
    assert _fact(answer, "order_run_h", "L2") == pytest.approx(runs["L2"], rel=1e-3)
    assert _fact(answer, "order_run_h", "L3") == pytest.approx(runs["L3"], rel=1e-3)
    assert runs["L2"] > 5 * runs["L3"]  # story 7: big batches against a levelled mix
    assert _shown(runs["L2"], 1, lang) in _lesson_text(answer)
    chart = json.dumps(answer.lesson["chart"])
    assert "L2" in chart and "L3" in chart and "product" in chart


@pytest.mark.parametrize("lang, question", [("de", "Was bedeutet Taktzeit?"), ("en", "explain takt time")])
def test_takt_shows_cycle_time_against_takt(copilot, con, lang, question):
    answer = copilot.ask(question, role="operator")
    assert answer.lesson["topic"] == "takt"
    ratios = {
        line: plain_value(con, "cycle_time", line, WINDOW)
        / con.execute("SELECT takt_time_s FROM lines WHERE line_id = ?", [line]).fetchone()[0]
        for line in ("L1", "L2", "L3", "L4")
    }
    tightest = max(ratios, key=lambda line: ratios[line])
    assert _fact(answer, "cycle_time", tightest) == pytest.approx(
        plain_value(con, "cycle_time", tightest, WINDOW)
    )
    takt = con.execute("SELECT takt_time_s FROM lines WHERE line_id = ?", [tightest]).fetchone()[0]
    assert _fact(answer, "takt_s", tightest) == pytest.approx(takt)
    assert _shown(plain_value(con, "cycle_time", tightest, WINDOW), 1, lang) in _lesson_text(answer)


def test_oee_waterfall_adds_up_for_the_weakest_line(copilot, con):
    answer = copilot.ask("Erklär mir OEE", role="coach")
    assert answer.lesson["topic"] == "oee"
    oee = {line: plain_value(con, "oee", line, WINDOW) for line in ("L1", "L2", "L3", "L4")}
    weakest = min(oee, key=lambda line: oee[line])
    assert _fact(answer, "oee", weakest) == pytest.approx(oee[weakest] * 100)
    assert _fact(answer, "availability", weakest) == pytest.approx(
        plain_value(con, "availability", weakest, WINDOW) * 100
    )
    steps = answer.lesson["chart"]["datasets"]
    rows = next(iter(steps.values()))
    planned, *losses, valuable = rows
    assert planned["low"] == 0 and valuable["low"] == 0
    lost = sum(step["high"] - step["low"] for step in losses)
    assert planned["high"] - lost == pytest.approx(valuable["high"])
    assert valuable["high"] / planned["high"] == pytest.approx(oee[weakest])


def test_smed_shows_changeovers_against_standard_on_line_2(copilot, con):
    answer = copilot.ask("what's SMED?", role="coach")
    assert answer.lesson["topic"] == "smed"
    actual, standard = con.execute(
        "SELECT AVG(c.duration_s) / 60, AVG(c.standard_duration_s) / 60 FROM changeovers c JOIN downtime_events e "
        "USING (event_id) WHERE c.line_id = 'L2' AND e.shift_date BETWEEN ? AND ?",
        [WINDOW.start.date(), WINDOW.end.date()],
    ).fetchone()
    assert _fact(answer, "changeover_time", "L2") == pytest.approx(actual)  # story 6: L2 is furthest over
    assert _fact(answer, "changeover_standard", "L2") == pytest.approx(standard)
    assert actual > 1.5 * standard


def test_a_named_line_is_the_one_shown(copilot):
    answer = copilot.ask("Erklär mir OEE an Linie 1", role="trainee")
    assert answer.lesson["topic"] == "oee"
    assert {f.line for f in answer.facts} == {"L1"}


def test_every_figure_has_its_sql(copilot):
    answer = copilot.ask("What is OEE?")
    assert answer.evidence and all("SELECT" in e.sql for e in answer.evidence)


@pytest.mark.parametrize("topic", topics())
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_concept_gives_a_lesson_with_a_valid_quiz(copilot, topic, lang):
    from copilot.lessons.knowledge import concept

    name = concept(topic, lang).title
    answer = copilot.ask(f"Was ist {name}?" if lang == "de" else f"What is {name}?", language=lang)
    assert answer.intent == "lesson", (topic, answer.plan)
    assert answer.lesson["topic"] == topic
    lesson = answer.lesson
    assert set(lesson) >= {"topic", "title", "level", "sections", "chart", "quiz"}
    assert lesson["chart"] is not None or "digraph" in lesson["diagram"]
    assert len(lesson["quiz"]) == 5
    for item in lesson["quiz"]:
        assert 0 <= item["answer"] < len(item["options"]) and item["explanation"]


def test_roles_read_different_lessons(copilot):
    trainee = copilot.ask("Was ist Kanban?", role="trainee").lesson
    coach = copilot.ask("Was ist Kanban?", role="coach").lesson
    assert trainee["level"] == "trainee" and coach["level"] == "coach"
    headings = lambda lesson: [s["heading"] for s in lesson["sections"]]  # noqa: E731
    assert "Einfach erklärt" in headings(trainee) and "Einfach erklärt" not in headings(coach)
    assert "Anwenden und messen" in headings(coach)


def test_a_method_without_plant_data_draws_its_cycle(copilot):
    lesson = copilot.ask("What is PDCA?").lesson
    assert lesson["chart"] is None
    assert lesson["diagram"].index("Plan:") < lesson["diagram"].index("Do:") < lesson["diagram"].index("Act:")
    assert '"s3" -> "s0"' in lesson["diagram"]  # the cycle closes


def test_a_principle_without_plant_data_draws_its_related_concepts(copilot):
    lesson = copilot.ask("Was ist Jidoka?").lesson
    assert lesson["chart"] is None
    for related in lesson["related"]:
        assert f'"{related}"' in lesson["diagram"]


def test_cli_returns_the_lesson_as_json(sample_db):
    run = subprocess.run(
        [sys.executable, "-m", "copilot", "ask", "Was ist Heijunka?", "--json", "--db", str(sample_db)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    lesson = json.loads(run.stdout)["lesson"]
    assert lesson["topic"] == "heijunka" and lesson["title"] == "Heijunka"
    assert lesson["sections"][0]["heading"] == "Was ist Heijunka?"
    assert lesson["chart"]["mark"]["type"] == "bar"
    quiz = lesson["quiz"]
    assert len(quiz) == 5 and all(set(q) >= {"question", "options", "answer", "explanation"} for q in quiz)
    assert re.search(r"\d", lesson["sections"][-1]["text"] + json.dumps(lesson["sections"]))
