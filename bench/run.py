"""Benchmarks: sample plant generation and KPI query times, as medians over repeated runs.

Run with `make bench`; paste the printed table into bench/RESULTS.md with the date and machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from connectors.duckdb_connector import DuckDBConnector
from connectors.sample_plant import build_sample_db

OEE_PER_LINE = """
WITH stops AS (
    SELECT e.line_id, e.shift_date, e.shift_code,
           SUM(e.duration_s) FILTER (WHERE r.planned) AS planned_s,
           SUM(e.duration_s) FILTER (WHERE NOT r.planned) AS unplanned_s
    FROM downtime_events e JOIN downtime_reasons r USING (reason_code) GROUP BY ALL),
made AS (
    SELECT u.line_id, u.shift_date, u.shift_code, COUNT(*) AS pq, SUM(u.is_good::INT) AS gq,
           SUM(lp.ideal_cycle_time_s) AS ideal_s
    FROM units u JOIN line_products lp USING (line_id, product_id) GROUP BY ALL),
shifts AS (
    SELECT c.line_id, c.planned_minutes * 60 - COALESCE(s.planned_s, 0) AS pbt,
           COALESCE(s.unplanned_s, 0) AS adot, m.pq, m.gq, m.ideal_s
    FROM shift_calendar c LEFT JOIN stops s USING (line_id, shift_date, shift_code)
    LEFT JOIN made m USING (line_id, shift_date, shift_code))
SELECT line_id, SUM(pbt - adot) / SUM(pbt) * SUM(ideal_s) / SUM(pbt - adot) * SUM(gq) / SUM(pq) AS oee
FROM shifts GROUP BY line_id ORDER BY line_id
"""


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Print one Markdown table row per measurement."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--build-runs", type=int, default=3)
    parser.add_argument("--query-runs", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print("| measurement | scale | median | runs |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for scale in args.scales:
            path = Path(folder) / f"plant_{scale}.duckdb"
            build = median_seconds(lambda s=scale, p=path: build_sample_db(p, scale=s), args.build_runs)
            print(f"| generate sample plant | {scale} | {build:.1f} s | {args.build_runs} |")
            db = DuckDBConnector(path)
            db.execute(OEE_PER_LINE)  # warm the file cache
            query = median_seconds(lambda d=db: d.execute(OEE_PER_LINE), args.query_runs)
            print(
                f"| OEE per line, whole period (SQL) | {scale} | {query * 1000:.0f} ms | {args.query_runs} |"
            )
            db.close()


if __name__ == "__main__":
    main()
