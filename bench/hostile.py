"""Hostile queries against the guard and the DuckDB connector: time and peak memory of each, in its own process."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def chained_ctes(levels: int = 20) -> str:
    """Each CTE joins the previous one with itself: the plan doubles per level."""
    parts = ["c0 AS (SELECT unit_id FROM units)"]
    for i in range(1, levels + 1):
        parts.append(f"c{i} AS (SELECT a.unit_id FROM c{i - 1} a JOIN c{i - 1} b ON a.unit_id = b.unit_id)")
    return "WITH " + ", ".join(parts) + f" SELECT count(*) FROM c{levels}"


def chained_aliases(count: int = 1240) -> str:
    """Each select item refers to the one before."""
    items = ["1 AS a0", *(f"a{i - 1} AS a{i}" for i in range(1, count))]
    return "SELECT " + ", ".join(items)


QUERIES = {
    "self-joined CTEs, 20 levels": chained_ctes(),
    "repeat('x', 10000000) FROM range(200)": "SELECT repeat('x', 10000000) FROM range(200)",
    "unnest(range(2e9))": "SELECT count(*) FROM (SELECT unnest(range(2000000000::BIGINT)))",
    "list_reduce over range(2e8)": "SELECT list_reduce(range(200000000), (a, b) -> a + b)",
    "list(u) FROM units u": "SELECT list(u) FROM units u",
    "1,240 chained aliases": chained_aliases(),
}


def run_one(name: str, db: str) -> dict[str, object]:
    """Guard and run one query here; report time, outcome and peak memory."""
    from connectors.base import ConnectorError
    from copilot.datasource import open_data
    from copilot.sql_guard import GuardError, guard_sql

    connector = open_data(None, db)
    started = time.perf_counter()
    try:
        guarded = guard_sql(QUERIES[name])
        outcome = f"ran: {len(connector.execute(guarded.sql))} rows"
    except GuardError as error:
        outcome = f"refused ({error.reason})"
    except ConnectorError as error:
        outcome = f"stopped ({error.reason})"
    took = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"query": name, "seconds": round(took, 2), "peak_mb": round(peak_mb), "outcome": outcome}


def main() -> None:
    """Each query in a child process, so one's memory does not count against the next."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "sample_mes.duckdb"))
    parser.add_argument("--one")
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.db)))
        return
    print("| query | time | peak memory | outcome |\n|---|---|---|---|")
    for name in args.only or QUERIES:
        child = subprocess.run(
            [sys.executable, __file__, "--one", name, "--db", args.db],
            capture_output=True,
            text=True,
            timeout=300,
        )
        try:
            row = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"| {name} | {row['seconds']} s | {row['peak_mb']} MB | {row['outcome']} |", flush=True)
        except (IndexError, json.JSONDecodeError):
            print(f"| {name} | - | - | crashed: {child.stderr.strip().splitlines()[-1:]} |", flush=True)


if __name__ == "__main__":
    main()
