"""The evaluation set: at least 95 % of the questions right, overall and in every category."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.evaluation import evaluate, load_cases
from copilot.planner.language import detect_language

QUESTIONS = Path(__file__).parent / "questions"
CATEGORIES = {
    "energy", "oee", "downtime", "cycle_time", "quality", "changeovers", "time_frames", "entities",
    "follow_ups", "refusals",
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
