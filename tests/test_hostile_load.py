"""A few sessions keep answering, identically and in bounded time, while two hostile model endpoints hit the process."""

from __future__ import annotations

import time
from pathlib import Path

from hostile_models import HostileModels

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.loadrun import run_load


def test_sessions_keep_answering_while_hostile_models_attack(sample_db: Path) -> None:
    copilot = Copilot(DuckDBConnector(sample_db))
    started = time.perf_counter()
    with HostileModels(copilot, trickle_s=3.0) as hostile:
        result = run_load(copilot, sessions=3, per_session=4)
    assert result.errors == [] and result.mismatches == [] and hostile.errors == []
    assert len(result.latencies_ms) == 12 and time.perf_counter() - started < 90
