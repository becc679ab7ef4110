"""The asker's own line: questions that name no line are about it, and the restatement says so."""

from __future__ import annotations

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot, Session


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


def ask(copilot, question, line="L3"):
    return Session(copilot, line=line).ask(question)


@pytest.mark.parametrize(
    "question",
    ["Wie hoch war die OEE gestern?", "Welche Probleme gab es gestern?", "Scrap yesterday",
     "Warum schwankt die Taktzeit?", "Welche Station hatte gestern den meisten Stillstand?"],
)  # fmt: skip
def test_a_question_without_a_line_is_about_my_line(copilot, question):
    answer = ask(copilot, question)
    assert answer.understood.filters.lines == ("L3",)
    assert "meine Linie" in answer.restatement["text"] or "my line" in answer.restatement["text"]


def test_a_cycle_time_without_a_line_is_not_asked_back_on_a_tablet_with_a_line(copilot):
    assert ask(copilot, "Taktzeit gestern", line=None).intent == "clarify"
    assert ask(copilot, "Taktzeit gestern").understood.filters.lines == ("L3",)


@pytest.mark.parametrize(
    "question",
    ["OEE von Linie 2 gestern", "OEE pro Linie letzte Woche", "Stillstand im Werk gestern",
     "Downtime of all lines yesterday", "Was ist Heijunka?"],
)  # fmt: skip
def test_a_named_line_the_lines_or_the_plant_keep_their_own_scope(copilot, question):
    answer = ask(copilot, question)
    assert "L3" not in answer.understood.filters.lines
    assert "meine Linie" not in (answer.restatement or {}).get("text", "")


def test_a_follow_up_keeps_my_line(copilot):
    session = Session(copilot, line="L3")
    first = session.ask("OEE gestern")
    second = session.ask("und letzte Woche?")
    assert second.understood.filters.lines == ("L3",)
    assert first.facts[0].value != second.facts[0].value
