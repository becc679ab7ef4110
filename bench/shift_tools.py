"""Shift handover, Gemba links and reports, and the proposals for the coming shifts: how long each takes on the sample plant.

Run with `python bench/shift_tools.py`; `--append` adds the table to bench/RESULTS.md. The target is
a whole `copilot handover` process within 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from connectors.duckdb_connector import DuckDBConnector
from connectors.sample_plant import build_sample_db
from copilot.config import SAMPLE_DB
from copilot.entities import EntityCatalog
from copilot.gemba.observe import observe
from copilot.gemba.report import walk_pdf, walk_report
from copilot.gemba.store import GembaStore
from copilot.handover.build import build_handover
from copilot.handover.render import render_handover
from copilot.proposals.energy import propose_energy
from copilot.proposals.maintenance import propose_maintenance
from copilot.proposals.sequence import propose_sequence

ROOT = Path(__file__).resolve().parent.parent
LINES = ("L1", "L2", "L3", "L4")
NOTES = (
    "an L2-S2 tropft Öl am Hydraulikschlauch, Bediener sagt seit Montag",
    "L3-S4 klemmt nachts seit zwei Wochen",
    "heute Lackläufer an L4",
)


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(db: Path, runs: int) -> list[tuple[str, float, int]]:
    """(what, median seconds, runs) of each measurement."""
    connector = DuckDBConnector(db)
    catalog = EntityCatalog.from_connector(connector)
    now = connector.now()
    rows: list[tuple[str, float, int]] = []
    command = [
        sys.executable,
        "-m",
        "copilot",
        "handover",
        "--line",
        "L2",
        "--db",
        str(db),
        "--format",
        "html",
    ]
    processes = [timed(lambda: subprocess.run(command, check=True, capture_output=True)) for _ in range(runs)]
    rows.append(
        ("`copilot handover --line L2 --format html`, whole process", statistics.median(processes), runs)
    )
    builds = [
        timed(lambda line=line: build_handover(connector, catalog, line, now))
        for line in LINES
        for _ in range(runs)
    ]
    rows.append(
        ("handover build (all figures), in process, per line", statistics.median(builds), len(builds))
    )
    handover = build_handover(connector, catalog, "L2", now)
    html = [timed(lambda: render_handover(handover, "de", "html")) for _ in range(runs)]
    rows.append(("handover render HTML", statistics.median(html), runs))
    with tempfile.TemporaryDirectory() as folder:
        store = GembaStore(Path(folder) / "store.sqlite")
        walk = store.start_walk("bench", "coach")
        links = [
            timed(lambda note=note: observe(connector, catalog, store, note, now, walk_id=walk.id))
            for note in NOTES
            for _ in range(runs)
        ]
        rows.append(("Gemba observation linked and saved", statistics.median(links), len(links)))
        report = [timed(lambda: walk_report(store, walk.id, "html")) for _ in range(runs)]
        rows.append((f"walk report HTML ({len(NOTES) * runs} observations)", statistics.median(report), runs))
        pdf = [timed(lambda: walk_pdf(store, walk.id)) for _ in range(runs)]
        rows.append((f"walk report PDF ({len(NOTES) * runs} observations)", statistics.median(pdf), runs))
        store.close()
    proposals = [
        timed(lambda line=line: propose_sequence(connector, catalog, line, now))
        for line in LINES
        for _ in range(runs)
    ]
    rows.append(
        ("changeover-sequence proposal, per line (7–59 orders)", statistics.median(proposals), len(proposals))
    )
    windows = [
        timed(lambda line=line: propose_maintenance(connector, catalog, now, line=line))
        for line in LINES
        for _ in range(runs)
    ]
    rows.append(
        ("maintenance-window proposal, per line (1–2 open orders)", statistics.median(windows), len(windows))
    )
    energy = [
        timed(lambda line=line: propose_energy(connector, catalog, line, now))
        for line in LINES
        for _ in range(runs)
    ]
    rows.append(("energy-window proposal, per line (7–59 orders)", statistics.median(energy), len(energy)))
    return rows


def main() -> None:
    """Measure, print the table, optionally append it to RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=SAMPLE_DB, help="sample plant (built when missing)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measurement")
    parser.add_argument("--append", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()
    if not args.db.exists():
        build_sample_db(args.db)
    table = ["| measurement | median | runs |", "|---|---|---|"]
    table += [
        f"| {what} | {seconds * 1000:,.0f} ms | {n} |" for what, seconds, n in measure(args.db, args.runs)
    ]
    print("\n".join(table))
    if args.append:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
            results.write(
                f"\n## Shift handover, Gemba and proposals — {date.today().isoformat()} (`bench/shift_tools.py`)\n\n"
                "Sample plant, dataset now 2025-11-20 14:00; the target is a whole `copilot handover` process "
                "within 3 s.\n\n" + "\n".join(table) + "\n"
            )


if __name__ == "__main__":
    main()
