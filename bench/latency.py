"""Answer latency: in-process per question (p50, p95), why-answers, and `copilot ask` as a process.

Run with `make bench-latency`. Uses the evaluation questions of tests/questions when present.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from connectors.duckdb_connector import DuckDBConnector
from connectors.sample_plant import build_sample_db
from copilot.engine import Copilot, Session
from copilot.evaluation import load_cases

ROOT = Path(__file__).resolve().parent.parent
WHY = [
    "Warum schwankt die Taktzeit in Linie 3?",
    "Why did line 4 use more electricity yesterday than on Monday?",
    "Warum hatte Linie 2 gestern so viel Stillstand?",
    "Why did first pass yield drop yesterday?",
    "Warum ist die Energie pro Gutteil in Linie 1 letzte Woche über dem Ziel?",
    "Why do changeovers on line 2 take so long?",
    "Warum schwankt die Taktzeit in Linie 1?",
]
FALLBACK = [
    "Welche Probleme hatte Linie 2 gestern?", "OEE pro Linie letzte Woche", "Ausschuss Linie 1 gestern",
    "How much power did line 4 use yesterday compared with Monday?", "Stillstand nach Grund Linie 3 letzte Woche",
    "Was ist Heijunka?", "cycle time line 3 last 4 weeks", "Rüstzeit Linie 2 im Oktober",
]  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def questions() -> list[tuple[tuple[str, ...], str]]:
    """(context, question) pairs from the evaluation set, or a small built-in list."""
    folder = ROOT / "tests" / "questions"
    cases = load_cases(folder) if folder.exists() else []
    return [(c.context, c.question) for c in cases] or [((), q) for q in FALLBACK]


def in_process(db: Path, items: list[tuple[tuple[str, ...], str]], repeat: int) -> list[float]:
    """Seconds per answered question (the last of each conversation), after one warm-up pass."""
    copilot = Copilot(DuckDBConnector(db))
    times = []
    for round_ in range(repeat + 1):
        for context, question in items:
            session = Session(copilot)
            for earlier in context:
                session.ask(earlier)
            started = time.perf_counter()
            session.ask(question)
            if round_:
                times.append(time.perf_counter() - started)
    return times


def as_process(db: Path, runs: int) -> list[float]:
    """Wall time of `copilot ask` as a whole process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "copilot", "ask", "OEE Linie 1 gestern", "--db", str(db), "--json"],
                       check=True, capture_output=True)  # fmt: skip
        times.append(time.perf_counter() - started)
    return times


def row(name: str, scale: int, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return (
        f"| {name} | {scale} | {statistics.median(ms):.0f} ms | {percentile(ms, 0.95):.0f} ms | {len(ms)} |"
    )


def main() -> None:
    """Print Markdown rows: measurement, scale, p50, p95, samples."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "sample_mes.duckdb")
    parser.add_argument("--scale10", action="store_true", help="also build and measure the plant at scale 10")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = questions()
    print("| measurement | scale | p50 | p95 | samples |\n|---|---|---|---|---|")
    print(row(f"answer in-process ({len(items)} questions)", 1, in_process(args.db, items, args.repeat)))
    print(row("why-answer in-process", 1, in_process(args.db, [((), q) for q in WHY], args.repeat)))
    print(row("`copilot ask` whole process", 1, as_process(args.db, 10)))
    if args.scale10:
        with tempfile.TemporaryDirectory() as folder:
            big = build_sample_db(Path(folder) / "plant10.duckdb", scale=10)
            print(row(f"answer in-process ({len(items)} questions)", 10, in_process(big, items, 1)))
            print(row("why-answer in-process", 10, in_process(big, [((), q) for q in WHY], 1)))


if __name__ == "__main__":
    main()
