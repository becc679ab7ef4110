"""Limits that hold against hostile SQL and bad settings: refused cheaply by the guard, or stopped by the engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from connectors.base import ConnectorError
from connectors.duckdb_connector import DuckDBConnector
from connectors.limits import QueryLimits
from copilot.config import audit_retention_days, limits, query_timeout_s, setting_problems
from copilot.runner import QueryRunner
from copilot.sql_guard import GuardError, guard_sql

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"


def chained_ctes(levels: int) -> str:
    """Each WITH part joins the one before with itself: the reads double per level."""
    parts = ["c0 AS (SELECT unit_id FROM units)"]
    parts += [
        f"c{i} AS (SELECT a.unit_id FROM c{i - 1} a JOIN c{i - 1} b ON a.unit_id = b.unit_id)"
        for i in range(1, levels + 1)
    ]
    return "WITH " + ", ".join(parts) + f" SELECT count(*) FROM c{levels}"


HOSTILE = [
    ("self-joined CTEs", chained_ctes(20), "too_complex"),
    ("huge repeat", "SELECT repeat('x', 10000000) FROM range(200)", "too_large"),
    ("repeat by a column", "SELECT repeat('x', planned_minutes) FROM shift_calendar", "too_large"),
    ("huge lpad", "SELECT lpad(line_id, 100000000, 'x') FROM lines", "too_large"),
    ("unnest of a huge range", "SELECT count(*) FROM (SELECT unnest(range(2000000000::BIGINT)))", "too_large"),
    ("list_reduce over a huge range", "SELECT list_reduce(range(200000000), (a, b) -> a + b)", "too_large"),
    ("range from a column", "SELECT * FROM range((SELECT count(*) FROM units) * 1000)", "too_large"),
    ("generate_series of seconds", "SELECT * FROM generate_series(TIMESTAMP '1900-01-01', "
     "TIMESTAMP '2100-01-01', INTERVAL 1 SECOND)", "too_large"),
    ("list of a table", "SELECT list(u) FROM units u", "forbidden_function"),
    ("array_agg of a table", "SELECT array_agg(unit_id) FROM units", "forbidden_function"),
    ("histogram", "SELECT histogram(unit_id) FROM units", "forbidden_function"),
    ("list_resize", "SELECT list_resize([1], 1000000000)", "too_large"),
    ("chained aliases", "SELECT " + ", ".join(["1 AS a0", *(f"a{i - 1} AS a{i}" for i in range(1, 1240))]),
     "too_long"),
]  # fmt: skip


@pytest.mark.parametrize(("note", "sql", "reason"), HOSTILE, ids=[n for n, _, _ in HOSTILE])
def test_hostile_sql_is_refused_before_it_runs(note: str, sql: str, reason: str) -> None:
    with pytest.raises(GuardError) as refusal:
        guard_sql(sql)
    assert refusal.value.reason == reason
    assert refusal.value.message and refusal.value.message_de != refusal.value.message


@pytest.mark.parametrize(
    "sql",
    [
        chained_ctes(5),
        "SELECT * FROM range(200)",
        "SELECT g.d FROM generate_series(DATE '2025-11-01', DATE '2025-11-30', INTERVAL 1 DAY) AS g(d)",
        "SELECT * FROM generate_series(TIMESTAMP '2025-11-19', TIMESTAMP '2025-11-20', INTERVAL '15 minutes')",
        "SELECT lpad(line_id, 6, '0') FROM lines",
        "SELECT repeat('-', 20)",
    ],
)
def test_ordinary_sizes_still_pass(sql: str, sample_db: Path) -> None:
    connector = DuckDBConnector(sample_db)
    assert len(connector.execute(guard_sql(sql).sql)) >= 1


def test_string_agg_is_cut_to_the_text_cap(sample_db: Path) -> None:
    guarded = guard_sql("SELECT string_agg(unit_id, ',') AS ids FROM units")
    frame = DuckDBConnector(sample_db).execute(guarded.sql)
    assert len(frame.iloc[0, 0]) == 10_000  # 338,325 ids would be about 3 MB in one cell


def test_model_sql_goes_through_the_same_caps(sample_db: Path) -> None:
    runner = QueryRunner(DuckDBConnector(sample_db))
    with pytest.raises(GuardError) as refusal:
        runner.sql("SELECT list(u) FROM units u", "model query")
    assert refusal.value.reason == "forbidden_function" and runner.evidence == []


def test_a_slow_query_is_interrupted_at_the_time_limit(sample_db: Path) -> None:
    connector = DuckDBConnector(sample_db, limits=QueryLimits(timeout_s=0.5))
    with pytest.raises(ConnectorError) as stopped:
        connector.execute(guard_sql("SELECT count(*) FROM units a, units b WHERE a.ts < b.ts").sql)
    assert stopped.value.reason == "timeout" and "0.5 s" in stopped.value.message


def test_a_result_larger_than_its_byte_cap_is_stopped(sample_db: Path) -> None:
    connector = DuckDBConnector(sample_db, limits=QueryLimits(result_mb=1))
    with pytest.raises(ConnectorError) as stopped:
        connector.execute(guard_sql("SELECT repeat('x', 10000) AS pad FROM range(1000)").sql)
    assert stopped.value.reason == "too_large" and "COPILOT_MAX_RESULT_MB" in stopped.value.message
    assert len(connector.execute(guard_sql("SELECT repeat('x', 10000) AS pad FROM range(10)").sql)) == 10


def test_the_connection_has_the_memory_limit_and_threads(sample_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "plant.duckdb"  # one process opens a file with one configuration only
    shutil.copyfile(sample_db, copy)
    connector = DuckDBConnector(copy, limits=QueryLimits(memory_mb=256, threads=1))
    memory, threads = connector._con.execute(
        "SELECT current_setting('memory_limit'), current_setting('threads')"
    ).fetchone()
    assert memory in ("256.0 MiB", "244.1 MiB") and threads == 1


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "zehn", "10s", "1e9"])
def test_an_unusable_time_limit_falls_back_to_the_default(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPILOT_QUERY_TIMEOUT_S", value)
    assert query_timeout_s() == 10.0 and limits().timeout_s == 10.0
    (english, german), *_ = setting_problems()
    assert "COPILOT_QUERY_TIMEOUT_S" in english and "default 10" in english and "Standardwert 10" in german


@pytest.mark.parametrize(
    ("name", "value"),
    [("COPILOT_AUDIT_RETENTION_DAYS", "0"), ("COPILOT_AUDIT_RETENTION_DAYS", "-5"),
     ("COPILOT_AUDIT_RETENTION_DAYS", "2.5"), ("COPILOT_MEMORY_LIMIT_MB", "0"),
     ("COPILOT_MAX_RESULT_MB", "nan"), ("COPILOT_THREADS", "-2")],
)  # fmt: skip
def test_other_unusable_limits_fall_back_to_their_defaults(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    assert [name in english for english, _ in setting_problems()] == [True]
    assert audit_retention_days() == 90 and limits() == QueryLimits()


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "1e12"])
def test_the_model_budget_is_never_switched_off(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from copilot.llm.settings import LLMSettings

    monkeypatch.setenv("COPILOT_LLM_TIMEOUT_S", value)
    monkeypatch.setenv("COPILOT_LLM_MAX_TOTAL_TOKENS", value)
    settings = LLMSettings.from_env()
    assert settings.timeout_s == 20.0 and settings.max_total_tokens == 16000
    assert {"COPILOT_LLM_TIMEOUT_S", "COPILOT_LLM_MAX_TOTAL_TOKENS"} <= {
        e.split("=")[0] for e, _ in setting_problems()
    }


def test_usable_settings_are_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in [("COPILOT_QUERY_TIMEOUT_S", "2.5"), ("COPILOT_MEMORY_LIMIT_MB", "512"),
                        ("COPILOT_MAX_RESULT_MB", "8"), ("COPILOT_THREADS", "1")]:  # fmt: skip
        monkeypatch.setenv(name, value)
    assert setting_problems() == []
    assert limits() == QueryLimits(timeout_s=2.5, memory_mb=512, threads=1, result_mb=8)


def test_the_cli_says_which_setting_it_cannot_use(sample_db: Path) -> None:
    environment = {**os.environ, "COPILOT_QUERY_TIMEOUT_S": "nan"}
    command = [
        sys.executable,
        "-m",
        "copilot",
        "ask",
        "OEE Linie 1 gestern",
        "--db",
        str(sample_db),
        "--lang",
        "de",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
    assert result.returncode == 0
    assert (
        "COPILOT_QUERY_TIMEOUT_S='nan' ist nicht verwendbar" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert "OEE" in result.stdout


@pytest.mark.parametrize(("value", "shown", "warned"), [("nan", "10 s", True), ("3", "3 s", False)])
def test_the_app_honours_the_same_settings(
    value: str, shown: str, warned: bool, sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_QUERY_TIMEOUT_S", value)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert any("COPILOT_QUERY_TIMEOUT_S" in w.value for w in at.warning) is warned
    at.sidebar.radio(key="page").set_value("Einstellungen").run()
    assert any(f"Grenzen je Abfrage: {shown}," in c.value for c in at.caption)
