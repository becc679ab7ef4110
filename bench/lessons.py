"""Lessons: time to answer 'Was ist …?' with the plant's data (median of 15 in-process runs per question).

Run with `python bench/lessons.py [--db FILE]`; paste the printed table into bench/RESULTS.md with the date.
"""

from __future__ import annotations

import argparse
import statistics
import time

from connectors.duckdb_connector import DuckDBConnector
from copilot.config import database_path
from copilot.engine import Copilot

QUESTIONS = ("Was ist Heijunka?", "explain takt time", "Erklär mir OEE", "what's SMED?", "Was ist PDCA?")


def main() -> None:
    """Print one table row per lesson question."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(database_path()))
    args = parser.parse_args()
    copilot = Copilot(DuckDBConnector(args.db))
    copilot.ask(QUESTIONS[0])  # imports and the first chart out of the way
    print("| question | plant figures | median | runs |\n|---|---|---|---|")
    for question in QUESTIONS:
        times, answer = [], None
        for _ in range(15):
            started = time.perf_counter()
            answer = copilot.ask(question)
            times.append((time.perf_counter() - started) * 1000)
        assert answer is not None and answer.lesson is not None
        print(f"| {question} | {len(answer.facts)} | {statistics.median(times):.0f} ms | {len(times)} |")


if __name__ == "__main__":
    main()
