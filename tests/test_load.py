"""Twenty people at once: no errors, the same answers as alone, every question audited once."""

from __future__ import annotations

from collections import Counter

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.loadrun import MIXED_QUESTIONS, run_load
from copilot.store.audit import AuditLog


def test_twenty_sessions_fifty_questions_each(sample_db, tmp_path):
    log = AuditLog(tmp_path / "store.sqlite")
    copilot = Copilot(DuckDBConnector(sample_db), audit=log)
    result = run_load(copilot, sessions=20, per_session=50)
    assert result.errors == []
    assert result.mismatches == []
    assert len(result.latencies_ms) == 1000
    entries = log.entries()
    solo = len(MIXED_QUESTIONS)
    assert len(entries) == 1000 + solo  # the solo pass is audited too
    per_session = Counter(e.session for e in entries if e.session != "-")
    assert len(per_session) == 20 and set(per_session.values()) == {50}
