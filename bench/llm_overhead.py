"""Language-model mode: model round trips per question and the latency the product adds on top of the model.

The model is the replay server of the tests (an OpenAI-compatible HTTP server on loopback that answers
at once from a script), so what is measured is the product: routing, prompts, the ChatOpenAI client and
HTTP, tools (guard, semantic layer, DuckDB), grounding. Run: python bench/llm_overhead.py [--db FILE].
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llm_replay_server import MODEL, ReplayServer, call, garbage, text  # noqa: E402

from connectors.duckdb_connector import DuckDBConnector  # noqa: E402
from copilot.engine import Copilot  # noqa: E402
from copilot.llm.router import Trace, ask_with_model  # noqa: E402
from copilot.llm.settings import LLMSettings  # noqa: E402

QUESTION = "Tell me a joke about the plant"  # routed to the model: the offline planner has no plan for it
CASES: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "metric tool, then a grounded answer (typical)": lambda: [
        call("query_metric", metric="oee", period="last week", filters={"line": ["L3"]}),
        text("Line 3 reached an OEE of 70.2 % last week, below its target of 80 %."),
    ],
    "why tool (drivers), then an answer": lambda: [
        call("explain_drivers", metric="electricity", period="2025-11-19", line="L4"),
        text("Line 4 used more electricity on 2025-11-19; the drivers are listed above."),
    ],
    "own SQL, one repair, then an answer": lambda: [
        call("run_sql", sql="SELECT status, COUNT(*) AS n FROM production_orders GROUP BY stat"),
        call("run_sql", sql="SELECT status, COUNT(*) AS n FROM production_orders GROUP BY status"),
        text("Orders by status are shown."),
    ],
    "invented figure, template answer": lambda: [
        call("query_metric", metric="oee", period="last week", filters={"line": ["L3"]}),
        text("Line 3 reached an OEE of 93.4 % last week."),
    ],
    "garbage reply, offline answer": lambda: [garbage()],
}


def measure(copilot: Copilot, script: Callable[[], list[dict[str, Any]]], repeat: int) -> dict[str, Any]:
    """Median total time, model time and product time over `repeat` questions, after one warm-up."""
    totals, models, tools, trips, routes = [], [], [], [], set()
    with ReplayServer() as server:  # one endpoint for all questions, as in use: the client is reused
        settings = LLMSettings(base_url=server.base_url, model=MODEL)
        for i in range(repeat + 1):
            server.script = script()
            trace = Trace()
            ask_with_model(copilot, QUESTION, settings=settings, trace=trace)
            if i:
                totals.append(trace.total_ms)
                models.append(trace.model_ms)
                tools.append(trace.tool_ms)
                trips.append(trace.round_trips)
                routes.add(trace.routed)
    product = [t - m for t, m in zip(totals, models, strict=True)]
    plumbing = [t - m - q for t, m, q in zip(totals, models, tools, strict=True)]
    return {
        "round_trips": statistics.median(trips),
        "total": statistics.median(totals),
        "model": statistics.median(models),
        "product": statistics.median(product),
        "tools": statistics.median(tools),
        "plumbing": statistics.median(plumbing),
        "routed": ",".join(sorted(routes)),
    }


def main() -> None:
    """Print one markdown table row per case."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "sample_mes.duckdb")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    copilot = Copilot(DuckDBConnector(args.db))
    offline = []
    for _ in range(args.repeat):
        offline.append(copilot.ask("OEE of line 3 last week").duration_ms)
    print(
        "| case | model round trips | total | waiting for the model | product on top | of which tools "
        "(queries, analyses) | of which routing, prompts, grounding | answer from |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, script in CASES.items():
        r = measure(copilot, script, args.repeat)
        print(
            f"| {name} | {r['round_trips']:g} | {r['total']:.0f} ms | {r['model']:.0f} ms | "
            f"{r['product']:.0f} ms | {r['tools']:.0f} ms | {r['plumbing']:.0f} ms | {r['routed']} |"
        )
    print(
        f"\nThe same figure answered offline (OEE of line 3 last week): median {statistics.median(offline):.0f} ms"
    )


if __name__ == "__main__":
    main()
