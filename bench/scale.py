"""Scale: answer latency over the evaluation questions at scale 1, 10 and 50, on DuckDB and on Spark (local).

Run with `make bench-scale` (or `python bench/scale.py --scales 1 10 50`). For each scale it builds the
sample plant (K times the four lines), writes it as Parquet files, and asks every evaluation question
once to warm up the engine's caches and then times each answer; it prints one Markdown row per scale
and engine with the data size, median and p95 latency, and the ratio of the median to scale 1.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import plant_exports  # noqa: E402

from connectors.duckdb_connector import DuckDBConnector  # noqa: E402
from connectors.sample_plant import build_sample_db  # noqa: E402
from connectors.sources import open_source_file  # noqa: E402
from copilot.engine import Copilot, Session  # noqa: E402
from copilot.evaluation import load_cases  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def latencies(connector: object, cases: list) -> list[float]:
    """Milliseconds per answer, each question asked in a fresh session after its context."""
    copilot = Copilot(connector)  # type: ignore[arg-type]
    times = []
    for case in cases:
        session = Session(copilot, role=case.role)
        for earlier in case.context:
            session.ask(earlier)
        started = time.perf_counter()
        session.ask(case.question)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    """Build, export, ask and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--engines", nargs="+", default=["duckdb", "spark"])
    parser.add_argument("--every", type=int, default=1, help="ask every n-th evaluation question")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    cases = load_cases(ROOT / "tests" / "questions")[:: args.every]
    print("| scale | engine | units | energy readings | build s | median ms | p95 ms | median vs scale 1 |")
    print("|---|---|---|---|---|---|---|---|")
    first: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            db = Path(tmp) / f"plant-{scale}.duckdb"
            started = time.perf_counter()
            build_sample_db(db, scale=scale)
            plant_exports.to_parquet(db, Path(tmp) / f"pq-{scale}")
            built = time.perf_counter() - started
            with duckdb.connect(str(db), read_only=True) as con:
                units = con.execute("SELECT COUNT(*) FROM units").fetchone()[0]  # type: ignore[index]
                readings = con.execute("SELECT COUNT(*) FROM energy_readings").fetchone()[0]  # type: ignore[index]
            for engine in args.engines:
                if engine == "duckdb":
                    connector: object = DuckDBConnector(db, timeout_s=120)
                else:
                    tables = plant_exports.present_tables(db)
                    source = plant_exports.files_source(Path(tmp) / f"pq-{scale}", tables, "spark")
                    connector = open_source_file(source, timeout_s=300)
                latencies(connector, cases[:10])  # warm-up: JIT, caches, Spark's in-memory tables
                times = latencies(connector, cases)
                median = statistics.median(times)
                first.setdefault(engine, median)
                print(
                    f"| {scale} | {engine} | {units:,} | {readings:,} | {built:.0f} | {median:.0f} | "
                    f"{percentile(times, 0.95):.0f} | {median / first[engine]:.1f}× |",
                    flush=True,
                )
                close = getattr(connector, "close", None)
                if close is not None:
                    close()


if __name__ == "__main__":
    main()
