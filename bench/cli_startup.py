"""`copilot ask` as a whole process: median wall time against `python -c pass` and `import copilot.cli`.

Run with `python bench/cli_startup.py [--runs 15] [--db sample_mes.duckdb] [--before DIR]`; paste the table
into bench/RESULTS.md. Commands take turns, so that a busy moment on a shared machine hits all of them.
Bytecode is written (as an installed package has it) and each command runs once before timing, so the
start-up caches in the store folder are current, as on any run but the first. The `copilot ask` rows are
what a user gets: the first question is answered in its own process and leaves a resident copilot behind
(COPILOT_AUTO_RESIDENT_MIN), which answers the later ones; the `in process:` rows ask with `--in-process`,
the whole start-up every time. `--before DIR` also times `copilot ask --in-process` from another checkout
of the project (`git archive REF | tar -x -C DIR`), run from that folder, taking turns with this one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "OEE Linie 1 letzte Woche",
    "How much power did line 4 use yesterday compared with Monday?",
    "Welche Probleme hatte Linie 2 gestern?",
    "Warum schwankt die Taktzeit in Linie 3?",
]


Run = tuple[list[str], dict[str, str]]  # the command and what it adds to the environment


def commands(db: Path, before: Path | None = None) -> dict[str, Run]:
    """The floor, the command line's own import, and `copilot ask` with a few typical questions."""
    script = Path(sys.executable).with_name("copilot")
    ask = [str(script)] if script.exists() and before is None else [sys.executable, "-m", "copilot"]
    runs: dict[str, Run] = {
        "python -c pass": ([sys.executable, "-c", "pass"], {}),
        'python -c "import copilot.cli"': ([sys.executable, "-c", "import copilot.cli"], {}),
    }
    for question in QUESTIONS:
        runs[f'copilot ask "{question}"'] = ([*ask, "ask", question, "--db", str(db)], {})
        runs[f'in process: copilot ask "{question}"'] = (
            [*ask, "ask", question, "--db", str(db), "--in-process"],
            {},
        )
        if before is not None:
            store = str(ROOT / ".copilot" / "bench-before" / "store.sqlite")
            extra = {"PYTHONPATH": str(before), "COPILOT_STORE": store}
            runs[f'before: copilot ask "{question}"'] = (
                [*ask, "ask", question, "--db", str(db), "--in-process"],
                extra,
            )
    return runs


def wall_times(runs: dict[str, Run], count: int) -> dict[str, list[float]]:
    """`count` wall times per command, the commands taking turns; one untimed run of each first."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for round_ in range(count + 1):
        for name, (command, extra) in runs.items():
            started = time.perf_counter()
            cwd = extra.get("PYTHONPATH", ROOT)  # `-m` puts the working folder first on the path
            subprocess.run(command, env=env | extra, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
            if round_:
                times[name].append(time.perf_counter() - started)
    return times


def main() -> None:
    """Print a Markdown table of medians and ratios to the floor."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, default=ROOT / "sample_mes.duckdb")
    parser.add_argument("--before", type=Path, default=None, help="another copy of the packages to compare")
    args = parser.parse_args()
    os.environ.setdefault("COPILOT_STORE", str(ROOT / ".copilot" / "bench-store.sqlite"))
    os.environ.pop("COPILOT_AUTO_RESIDENT_MIN", None)  # the default: the first question leaves one behind
    try:
        times = wall_times(commands(args.db, args.before), args.runs)
    finally:
        subprocess.run(
            [sys.executable, "-m", "copilot", "resident", "stop", "--db", str(args.db)], check=True
        )
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = medians["python -c pass"]
    cli = medians['python -c "import copilot.cli"']
    load = os.getloadavg()[0]
    print(f"{args.runs} runs each, load average {load:.1f} at the end, {os.cpu_count()} cores\n")
    print("| command | median s | min s | × floor | × import copilot.cli |")
    print("|---|---|---|---|---|")
    for name, values in times.items():
        median = medians[name]
        print(f"| `{name}` | {median:.3f} | {min(values):.3f} | {median / floor:.1f} | {median / cli:.2f} |")
    for prefix in ("copilot ask", "in process: copilot ask", "before: copilot ask"):
        asks = [m for name, m in medians.items() if name.startswith(prefix)]
        lows = [min(v) for name, v in times.items() if name.startswith(prefix)]
        if asks:
            print(
                f"\n`{prefix}`, median over the questions' medians: {statistics.median(asks):.3f} s, "
                f"lowest minimum {min(lows):.3f} s"
            )


if __name__ == "__main__":
    main()
