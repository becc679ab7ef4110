"""Load under attack: 20 sessions ask the sample questions while two hostile model endpoints hit the same process."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hostile_models import HostileModels  # noqa: E402

from connectors.duckdb_connector import DuckDBConnector  # noqa: E402
from copilot.engine import Copilot  # noqa: E402
from copilot.loadrun import run_load  # noqa: E402
from copilot.store.audit import AuditLog  # noqa: E402


def main() -> None:
    """Usual p95 of the sessions alone, then with the hostile endpoints; peak memory of the process."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "sample_mes.duckdb")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copilot = Copilot(DuckDBConnector(args.db), audit=AuditLog(Path(folder) / "store.sqlite"))
        usual = run_load(copilot, args.sessions, args.questions)
        with HostileModels(copilot) as hostile:
            attacked = run_load(copilot, args.sessions, args.questions, seed=11)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "sessions": args.sessions,
        "questions_each": args.questions,
        "usual_p95_ms": round(usual.p95_ms, 1),
        "attacked_p95_ms": round(attacked.p95_ms, 1),
        "ratio": round(attacked.p95_ms / usual.p95_ms, 2) if usual.p95_ms else None,
        "errors": len(usual.errors) + len(attacked.errors) + len(hostile.errors),
        "mismatches": len(usual.mismatches) + len(attacked.mismatches),
        "hostile_questions": hostile.asked,
        "peak_rss_mb": round(peak),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
