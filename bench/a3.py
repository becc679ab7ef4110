"""A3 reports: build and render times (PDF, HTML, Markdown) for stories 1–3, and the example page for the README.

Run with `python bench/a3.py`; `--append` adds the table to bench/RESULTS.md, and the PDF page of
story 2 is written to docs/a3_example.png with pdftoppm.
"""

from __future__ import annotations

import argparse
import json
import platform
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
from copilot.a3.build import build_a3
from copilot.a3.model import A3
from copilot.a3.render import render
from copilot.config import SAMPLE_DB
from copilot.engine import Copilot

ROOT = Path(__file__).resolve().parent.parent
COLD = """
import json, sys, time
from copilot.a3.model import A3
a3 = A3.from_dict(json.load(open(sys.argv[1], encoding="utf-8")))
started = time.perf_counter()
from copilot.a3.render import render
render(a3, "pdf")
print(time.perf_counter() - started)
"""
STORIES = [
    "Why did line 4 use more electricity yesterday than on Monday?",
    "Warum schwankt die Taktzeit in Linie 3?",
    "Warum hatte Linie 2 gestern so viel Stillstand?",
]


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    """Measure, print the table, write the example page, optionally append to RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=SAMPLE_DB, help="sample plant (built when missing)")
    parser.add_argument("--runs", type=int, default=5, help="renders per story and format")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "a3_example.png", help="example page")
    parser.add_argument("--append", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()
    db = args.db if args.db.exists() else build_sample_db(Path(tempfile.mkdtemp()) / "plant.duckdb")
    copilot = Copilot(DuckDBConnector(db))
    reports = []
    builds = []
    for question in STORIES:
        started = time.perf_counter()
        reports.append(build_a3(copilot, [question]))
        builds.append(time.perf_counter() - started)
    colds = [_cold_pdf(a3) for a3 in reports]
    rows = [("build (ask, figures, goal, chart spec), stories 1–3", statistics.median(builds), len(builds))]
    rows.append(("first PDF in a fresh process (WeasyPrint import, chart engine start)", statistics.median(colds), len(colds)))  # fmt: skip
    for fmt in ("pdf", "html", "md"):
        times = [timed(lambda a3=a3, fmt=fmt: render(a3, fmt)) for a3 in reports for _ in range(args.runs)]
        rows.append((f"render {fmt.upper() if fmt != 'md' else 'Markdown'} (chart image cached after the first)", statistics.median(times), len(times)))  # fmt: skip
    table = ["| measurement | median | runs |", "|---|---|---|"]
    table += [f"| {name} | {seconds * 1000:,.0f} ms | {runs} |" for name, seconds, runs in rows]
    print("\n".join(table))
    _example_page(reports[1], args.png)
    if args.append:
        _append(table)


def _cold_pdf(a3: A3) -> float:
    """Seconds to render the PDF in a new process that has imported nothing of it yet."""
    with tempfile.TemporaryDirectory() as folder:
        saved = Path(folder) / "a3.json"
        saved.write_text(json.dumps(a3.to_dict()), encoding="utf-8")
        out = subprocess.run([sys.executable, "-c", COLD, str(saved)], capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    return float(out.stdout.strip())


def _example_page(a3: A3, png: Path) -> None:
    """Story 2's PDF page as PNG for the README (pdftoppm, 60 dpi)."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "a3.pdf"
        pdf.write_bytes(render(a3, "pdf"))
        png.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(png.with_suffix(""))], check=True
        )
    print(f"Wrote {png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}")


def _append(table: list[str]) -> None:
    machine = f"{platform.machine()}, CPython {platform.python_version()}"
    text = (
        f"\n## A3 reports — {date.today().isoformat()} (`bench/a3.py`)\n\n"
        f"Stories 1–3 on the sample plant ({machine}); the target is ≤ 3 s to render an A3.\n\n"
        + "\n".join(table)
        + "\n"
    )
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write(text)


if __name__ == "__main__":
    main()
