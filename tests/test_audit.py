"""The audit trail keeps every question with its plan, SQL, rows, facts and duration — and no names."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot, Session
from copilot.store.audit import AuditLog


@pytest.fixture()
def audited(sample_db, tmp_path):
    log = AuditLog(tmp_path / "store.sqlite")
    return Copilot(DuckDBConnector(sample_db), audit=log), log


def test_every_question_is_recorded_with_its_evidence(audited):
    copilot, log = audited
    session = Session(copilot, role="coach")
    session.ask("OEE Linie 1 gestern")
    session.ask("und Linie 2?")
    session.ask("Linie 9")
    entries = log.entries()
    assert [e.question for e in entries] == ["OEE Linie 1 gestern", "und Linie 2?", "Linie 9"]
    first = entries[0]
    assert first.session == session.id and first.role == "coach" and first.language == "de"
    assert first.plan["metrics"] == ["oee"] and first.plan["filters"] == {"lines": ["L1"]}
    assert first.sql and all(s.startswith(("SELECT", "WITH")) for s in first.sql)
    assert len(first.row_counts) == len(first.sql) and first.facts[0]["key"] == "oee"
    assert first.duration_ms > 0 and first.model is None
    assert entries[2].intent == "unknown_entity" and entries[2].sql == []


def test_entries_since_and_retention(audited, tmp_path):
    copilot, log = audited
    copilot.ask("Ausschuss gestern")
    assert len(log.entries(since=datetime.now() - timedelta(minutes=5))) == 1
    assert log.entries(since=datetime.now() + timedelta(minutes=5)) == []
    con = sqlite3.connect(str(tmp_path / "store.sqlite"))
    con.execute("UPDATE audit SET ts = '2020-01-01T00:00:00'")
    con.commit()
    con.close()
    assert AuditLog(tmp_path / "store.sqlite", retention_days=30).entries() == []


def test_no_personal_names_only_ids(audited):
    copilot, log = audited
    copilot.ask("OEE Linie 1 gestern", session="a1b2c3")
    columns = {row[1] for row in sqlite3.connect(str(log.path)).execute("PRAGMA table_info(audit)")}
    assert not columns & {"user", "name", "person", "operator_name", "email"}


def test_unwritable_store_costs_no_answer(sample_db, tmp_path):
    log = AuditLog(tmp_path / "store.sqlite")
    log.close()  # the store went away under the running app
    copilot = Copilot(DuckDBConnector(sample_db), audit=log)
    answer = copilot.ask("OEE Linie 1 gestern")
    assert answer.facts and any("Audit" in w for w in answer.warnings)


def test_audit_command_lists_and_exports(sample_db, tmp_path):
    env = {**os.environ, "COPILOT_STORE": str(tmp_path / "cli.sqlite"), "COPILOT_DB": str(sample_db)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "copilot", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    assert run("ask", "Stillstand Linie 2 gestern").returncode == 0
    listed = run("audit")
    assert "Stillstand Linie 2 gestern" in listed.stdout and "1 entries" in listed.stdout
    exported = json.loads(run("audit", "--json", "--since", "2000-01-01").stdout)
    assert exported[0]["question"] == "Stillstand Linie 2 gestern" and exported[0]["session"] == "cli"
