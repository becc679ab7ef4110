"""Load: 20 concurrent sessions × 50 mixed questions through one copilot; p95 latency and peak memory."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.loadrun import run_load
from copilot.store.audit import AuditLog

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Print the load figures as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "sample_mes.duckdb")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copilot = Copilot(DuckDBConnector(args.db), audit=AuditLog(Path(folder) / "store.sqlite"))
        result = run_load(copilot, args.sessions, args.questions)
        print(json.dumps(result.summary(), indent=2))


if __name__ == "__main__":
    main()
