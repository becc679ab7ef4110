"""Lesson topics are recognised from varied phrasings, typos included, at 95 % or better."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from connectors.duckdb_connector import DuckDBConnector
from copilot.entities import EntityCatalog
from copilot.planner.offline import OfflinePlanner

PHRASINGS = yaml.safe_load(
    (Path(__file__).parent / "data" / "lesson_phrasings.yaml").read_text(encoding="utf-8")
)
NOW = datetime(2025, 11, 20, 14, 0)


@pytest.fixture(scope="module")
def planner(sample_db):
    return OfflinePlanner(EntityCatalog.from_connector(DuckDBConnector(sample_db)))


def test_the_corpus_is_varied():
    assert len(PHRASINGS) >= 60
    per_topic: dict[str, int] = {}
    for case in PHRASINGS:
        per_topic[case["topic"]] = per_topic.get(case["topic"], 0) + 1
    assert len(per_topic) >= 20 and min(per_topic.values()) >= 2


def test_topics_are_recognised(planner):
    misses = []
    for case in PHRASINGS:
        plan = planner.plan(case["q"], NOW)
        if plan.intent != "lesson" or plan.topic != case["topic"]:
            misses.append(f"{case['q']!r}: {plan.intent}/{plan.topic}, expected {case['topic']}")
    accuracy = 1 - len(misses) / len(PHRASINGS)
    assert accuracy >= 0.95, "\n".join(misses)


@pytest.mark.parametrize(
    "question",
    [
        "what are the six big losses",
        "Was sind die sechs großen Verluste?",
        "erklär mir die 6 großen Verlustarten",
        "six big losses",
        "What are the six big losses of TPM?",
        "sechs grosse Verluste",
    ],
)
def test_the_six_big_losses_are_asked_for_in_both_languages(planner, question):
    """Every usual German and English name of Nakajima's loss model opens that lesson, not OEE or TPM."""
    plan = planner.plan(question, NOW)
    assert (plan.intent, plan.topic) == ("lesson", "six_big_losses"), plan


@pytest.mark.parametrize(
    "question",
    ["Wie hoch waren die Verluste an Linie 2 gestern?", "What were the losses on line 2 yesterday?"],
)
def test_losses_of_a_line_in_a_period_stay_a_question_about_figures(planner, question):
    """Plain 'losses' with a line and a day asks for data; it does not open the six-big-losses lesson."""
    assert planner.plan(question, NOW).intent != "lesson"
