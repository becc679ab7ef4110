"""No input — careless or hostile — makes the copilot crash, invent a figure or change data."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.sql_guard import GuardError, guard_sql

DATA = Path(__file__).parent / "data"
NUMBERLESS = {"out_of_scope", "unknown_entity", "clarify", "help", "lesson"}
# A lesson may show the plant's own figures ('OEE' alone opens the OEE lesson), always with their SQL.


def _corpus() -> list[tuple[str, str]]:
    """Every bad question with its kind: the YAML corpus, hostile SQL, very long and binary junk."""
    corpus = yaml.safe_load((DATA / "bad_questions.yaml").read_text(encoding="utf-8"))
    items = [(kind, q) for kind, questions in corpus.items() for q in questions]
    hostile = yaml.safe_load((DATA / "hostile_sql.yaml").read_text(encoding="utf-8"))
    items += [
        ("sql", sql) for _reason, sql in hostile if not sql.endswith("?")
    ]  # one entry there is a real question
    rng = random.Random(20251120)
    items += [("very_long", "OEE " * n) for n in (200, 2_500)]
    items += [("very_long", "x" * 10_000), ("very_long", "Warum " * 3000)]
    items += [("binary", bytes(rng.randrange(256) for _ in range(200)).decode("latin-1")) for _ in range(8)]
    items += [("binary", "\x00\x01\x02 OEE \x7f"), ("binary", "\ufffd" * 50), ("emoji", "😀🏭🔥" * 20)]
    return items


CORPUS = _corpus()


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 200


def test_every_bad_question_gets_a_clear_answer_without_figures(copilot, sample_db):
    before = hashlib.sha256(sample_db.read_bytes()).hexdigest()
    problems = []
    for kind, question in CORPUS:
        answer = copilot.ask(question)
        numbers = [f for f in answer.facts if isinstance(f.value, int | float)]
        if answer.intent == "lesson" and answer.evidence:
            numbers = []
        if kind == "before_data":
            ok = not numbers and any(
                "keine daten" in w.lower() or "no data" in w.lower() for w in answer.warnings
            )
        else:
            ok = answer.intent in NUMBERLESS and not numbers and answer.text.strip()
        if not ok:
            problems.append(f"[{kind}] {question[:60]!r} → {answer.intent}: {answer.text[:80]}")
    assert problems == []
    assert hashlib.sha256(sample_db.read_bytes()).hexdigest() == before


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=300))
def test_planner_never_raises_on_any_text(copilot, text):
    plan = copilot.planner.plan(text, datetime(2025, 11, 20, 14), None, None)
    assert plan.intent


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_copilot_answers_any_text_without_exceptions(copilot, text):
    answer = copilot.ask(text)
    assert answer.text.strip()


SQLISH = st.lists(
    st.sampled_from(["SELECT", "*", "FROM", "units", "lines", ";", "DROP", "TABLE", "WHERE", "1=1", "--", "/*", "*/",
                     "read_csv('x')", "ATTACH", "'a'", "(", ")", ",", "line_id", "UNION", "INSERT", "INTO", "LIMIT", "5"]),
    max_size=25,
).map(" ".join)  # fmt: skip


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.one_of(st.text(max_size=200), SQLISH))
def test_guard_only_ever_raises_guard_error(sql):
    try:
        guarded = guard_sql(sql)
    except GuardError as error:
        assert error.reason and error.message
        return
    upper = guarded.sql.upper()
    assert upper.startswith(("SELECT", "WITH", "VALUES", "(")) or " UNION " in upper
    for word in ("DROP ", "INSERT ", "ATTACH ", "READ_CSV", "DELETE "):
        assert word not in upper
