"""The newest records of a kind ('Wann war der letzte Stillstand?', 'the last 4 stops'), against plain SQL."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot

STOPS_L2 = (
    "SELECT e.start_ts FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
    "WHERE NOT r.planned AND e.line_id = 'L2' {window} ORDER BY e.start_ts DESC LIMIT {n}"
)


@pytest.fixture(scope="module")
def copilot(sample_db: Path) -> Copilot:
    return Copilot(DuckDBConnector(sample_db))


def _plain(sample_db: Path, window: str = "", n: int = 1) -> list[str]:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        rows = con.execute(STOPS_L2.format(window=window, n=n)).fetchall()
    return [pd.Timestamp(r[0]).isoformat() for r in rows]


@pytest.mark.parametrize(
    ("question", "n"),
    [("Zeig mir die letzten 4 Stillstände an Linie 2", 4), ("the last stops on line 2", 5),
     ("Wann war der letzte Stillstand an Linie 2?", 1), ("show me the last 2 stops of line 2", 2),
     ("Wann hatte Linie 2 zuletzt einen Stillstand?", 1), ("last stop on line 2?", 1),
     ("when did line 2 last stop?", 1)],
)  # fmt: skip
def test_the_newest_records_newest_first(copilot: Copilot, sample_db: Path, question: str, n: int) -> None:
    answer = copilot.ask(question)
    assert answer.intent == "latest"
    (evidence,) = answer.evidence
    moments = [pd.Timestamp(row[0]).isoformat() for row in evidence.rows]
    assert moments == _plain(sample_db, n=n)
    assert answer.facts[0].value == moments[0] and answer.facts[0].unit == "timestamp"
    assert answer.text.count("\n- ") == (n if n > 1 else 0)


def test_a_named_window_bounds_the_search(copilot: Copilot, sample_db: Path) -> None:
    answer = copilot.ask("der letzte Stillstand an Linie 2 letzte Woche")
    week = "AND e.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16'"
    assert answer.intent == "latest" and answer.facts[0].value == _plain(sample_db, week)[0]
    assert "KW 46" in answer.restatement["text"]


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Stillstände hatte die letzte Schicht an Linie 2?",  # the last shift is a window
        "Stillstand Linie 2 in den letzten 5 Tagen",
        "how many stops did line 2 have in the last 3 days?",
        "Welche Station hatte zuletzt die meisten Stillstände?",
        "average duration of the last 10 changeovers on line 1",  # an aggregation over them
    ],
)
def test_counting_and_windows_are_not_newest_records(copilot: Copilot, question: str) -> None:
    assert copilot.ask(question).intent != "latest"


def test_no_record_in_the_window(copilot: Copilot) -> None:
    answer = copilot.ask("Wann war der letzte Rüstvorgang an Linie 2 am Sonntag, 16.11.2025?")
    assert answer.intent == "latest" and not answer.facts and "keine" in answer.text


def test_a_maintenance_order_named_by_its_number_is_that_order(copilot: Copilot, sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        mo_id, line, status, created = con.execute(
            "SELECT mo_id, line_id, status, created_ts FROM maintenance_orders WHERE status <> 'done' AND line_id IN "
            "(SELECT line_id FROM maintenance_orders WHERE status <> 'done' GROUP BY 1 HAVING COUNT(*) > 1) "
            "ORDER BY created_ts LIMIT 1"
        ).fetchone()
        others = con.execute(
            "SELECT COUNT(*) FROM maintenance_orders WHERE line_id = ? AND status <> 'done'", [line]
        ).fetchone()[0]
    shown = copilot.ask(f"what's the status of {mo_id}?")
    assert shown.intent == "latest" and {f.key: f.value for f in shown.facts}["mo_id"] == mo_id
    aged = copilot.ask(f"how long has {mo_id} been open? in minutes")
    minutes = (pd.Timestamp("2025-11-20 14:00") - pd.Timestamp(created)).total_seconds() / 60
    assert others >= 2 and aged.facts[0].value == pytest.approx(minutes, abs=0.5), (
        status
    )  # that order's age only


LOG_OF_L3_TODAY = (
    "SELECT e.event_id FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
    "WHERE NOT r.planned AND e.line_id = 'L3' AND e.shift_date = DATE '2025-11-20' {extra} ORDER BY e.start_ts"
)


@pytest.mark.parametrize(
    ("question", "extra"),
    [("zeig mir die Stillstände von heute auf Linie 3", ""),
     ("which stops did line 3 have today?", ""),
     ("any stops on line 3 today longer than 5 minutes? list them", "AND e.duration_s > 300")],
)  # fmt: skip
def test_records_asked_as_a_log_are_listed_in_order(
    copilot: Copilot, sample_db: Path, question: str, extra: str
) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        events = [r[0] for r in con.execute(LOG_OF_L3_TODAY.format(extra=extra)).fetchall()]
    answer = copilot.ask(question)
    (evidence,) = answer.evidence
    at = evidence.columns.index("record")
    assert answer.intent == "latest" and [row[at] for row in evidence.rows] == events and events


def test_a_measure_by_a_grouping_is_no_log(copilot: Copilot) -> None:
    answer = copilot.ask("Zeig mir die Stillstandsminuten je Grund für L3 gestern")
    assert answer.intent == "breakdown" and answer.plan["group_by"] == "reason"
