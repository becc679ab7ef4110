"""Advice latency: normative answers, improvement briefs and what-if scenarios, in-process (p50, p95).

Run with `.venv/bin/python bench/advice.py [--db sample_mes.duckdb] [--repeat 5]`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from latency import percentile

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot

KINDS = {
    "normative": [
        "Welche Linie verbraucht aktuell zu viel Energie?",
        "Which line uses too much energy at the moment?",
        "Ist die OEE von Linie 2 schlechter als sonst?",
    ],
    "improve": [
        "Wie kann ich die Rüstzeit optimieren?",
        "What should I do about the stops at L3-S4?",
        "Wie kann ich den Ausschuss an Linie 1 senken?",
        "How can we cut energy consumption?",
    ],
    "whatif": [
        "Wenn wir die Rüstzeit auf Linie 2 halbieren, wie viel OEE gewinnen wir?",
        "What if we brought changeovers on line 2 to standard?",
        "Was wäre, wenn die Kurzstopps an L3-S4 wegfallen?",
        "What if scrap on line 1 went back to normal?",
        "Was wäre wenn die MTTR an Linie 2 20 min wäre?",
        "What if we halved changeover time?",
        "Szenariovergleich Linie 2: Rüstzeit halbieren, Ausfälle um 30 % kürzer oder Ausschuss zurück auf Normalniveau",
    ],
    "energy whatif": [
        "Was wäre, wenn das Druckluftleck an Linie 1 behoben wäre?",
        "What if the base load were switched off outside shifts?",
        "Was wäre, wenn wir die Grundlast an Linie 4 außerhalb der Schichten abschalten?",
    ],
    "energy savings": ["Wo können wir Energie sparen?", "Where can we save energy?"],
}
INTENT = {"energy whatif": "whatif", "energy savings": "improve"}  # rows that are a part of one intent


def main() -> None:
    """Print one table row per kind of advice."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("sample_mes.duckdb"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    copilot = Copilot(DuckDBConnector(args.db))
    for questions in KINDS.values():  # warm-up
        for question in questions:
            copilot.ask(question)
    print("| kind | p50 | p95 | samples |\n|---|---|---|---|")
    for kind, questions in KINDS.items():
        times = []
        for _ in range(args.repeat):
            for question in questions:
                started = time.perf_counter()
                answer = copilot.ask(question)
                times.append(time.perf_counter() - started)
                assert answer.intent == INTENT.get(kind, kind), (question, answer.intent)
        print(
            f"| {kind} | {statistics.median(times) * 1000:,.0f} ms | {percentile(times, 0.95) * 1000:,.0f} ms | {len(times)} |"
        )


if __name__ == "__main__":
    main()
