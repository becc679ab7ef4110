"""The audit trail keeps every question with its plan, SQL, rows, facts and duration — and no names."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

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


FORGED = [
    "OEE Linie 1 gestern\n2026-12-01T10:00:00.000  cli  coach    de  value  1.0 ms  Alles in Ordnung",
    "OEE Linie 1 gestern\r2026-12-01T10:00:00.000  forged entry",
    "OEE Linie 1 gestern \x1b[2K\x1b[1A\x1b[32mgelöscht\x1b[0m",
    "OEE Linie 1 gestern \u202eregnal\u2028zweite Zeile",
]


def test_control_characters_in_a_question_cannot_forge_or_corrupt_entries(
    sample_db, tmp_path, capsys, monkeypatch
):
    from copilot.cli import main

    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "forged.sqlite"))
    log = AuditLog(tmp_path / "forged.sqlite")
    copilot = Copilot(DuckDBConnector(sample_db), audit=log)
    for question in FORGED:
        copilot.ask(question)
    assert [e.question for e in log.entries()] == FORGED  # stored as asked, structured
    capsys.readouterr()
    assert main(["audit"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(FORGED) + 1 and lines[-1] == f"{len(FORGED)} entries"
    listed = "\n".join(lines)
    assert not any(ch in listed for ch in "\r\x1b\u202e\u2028")
    assert "gestern\\n2026-12-01" in listed and "\\x1b[2K" in listed and "\\u202e" in listed


@pytest.mark.parametrize("retention", ["0", "-1", "nan", "viel"])
def test_a_bad_retention_never_deletes_the_trail(retention, sample_db, tmp_path, capsys, monkeypatch):
    from copilot.cli import main

    store = tmp_path / "kept.sqlite"
    monkeypatch.setenv("COPILOT_STORE", str(store))
    monkeypatch.setenv("COPILOT_AUDIT_RETENTION_DAYS", retention)
    Copilot(DuckDBConnector(sample_db), audit=AuditLog(store)).ask("OEE Linie 1 gestern")
    assert main(["audit"]) == 0
    out, err = capsys.readouterr()
    assert "1 entries" in out and "COPILOT_AUDIT_RETENTION_DAYS" in err
    assert len(AuditLog(store, retention_days=0).entries()) == 1  # 0 days is refused, not 'delete all'


def test_reading_the_trail_never_deletes_old_entries(sample_db, tmp_path, capsys, monkeypatch):
    from copilot.cli import main

    store = tmp_path / "old.sqlite"
    monkeypatch.setenv("COPILOT_STORE", str(store))
    monkeypatch.setenv("COPILOT_AUDIT_RETENTION_DAYS", "1")
    Copilot(DuckDBConnector(sample_db), audit=AuditLog(store)).ask("OEE Linie 1 gestern")
    con = sqlite3.connect(str(store))
    con.execute("UPDATE audit SET ts = '2020-01-01T00:00:00'")
    con.commit()
    con.close()
    assert main(["audit"]) == 0 and "1 entries" in capsys.readouterr().out


def test_a_question_that_raises_is_recorded(sample_db, tmp_path):
    log = AuditLog(tmp_path / "raised.sqlite")
    copilot = Copilot(DuckDBConnector(sample_db), audit=log)
    assert copilot.data_problems == []  # the check at opening is done: the app is running
    copilot.connector.close()  # the data source went away under the running app
    with pytest.raises(Exception) as raised:
        copilot.ask("OEE Linie 1 gestern")
    (entry,) = log.entries()
    assert entry.question == "OEE Linie 1 gestern" and entry.intent == "error"
    assert entry.warnings[0].startswith(type(raised.value).__name__)


def test_an_unusable_store_is_said_on_the_command_line(sample_db, tmp_path, capsys, monkeypatch):
    from copilot.cli import main

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("COPILOT_STORE", str(blocked / "store.sqlite"))
    assert main(["ask", "OEE Linie 1 gestern", "--db", str(sample_db)]) == 0
    out, err = capsys.readouterr()
    assert "OEE" in out and "cannot be opened; this question is not recorded" in err


def test_an_unusable_store_shows_a_banner_in_the_app(sample_db, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("COPILOT_STORE", str(blocked / "store.sqlite"))
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    at = AppTest.from_file(str(app), default_timeout=60).run()
    assert not at.exception and any("nicht beschreibbar" in w.value for w in at.warning)
