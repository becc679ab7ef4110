"""Two hostile model endpoints asked over and over from background threads: trickling replies and
huge tool-call loops, and the worst SQL a model can write."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from llm_replay_server import ReplayServer, call, text, trickle

from copilot.llm.router import ask_with_model
from copilot.llm.settings import LLMSettings

OPEN = "Tell me a joke about the plant"  # no offline plan: the model is asked


def chained_ctes(levels: int = 20) -> str:
    """Each CTE joins the previous one with itself."""
    parts = ["c0 AS (SELECT unit_id FROM units)"]
    parts += [
        f"c{i} AS (SELECT a.unit_id FROM c{i - 1} a JOIN c{i - 1} b ON a.unit_id = b.unit_id)"
        for i in range(1, levels + 1)
    ]
    return "WITH " + ", ".join(parts) + f" SELECT count(*) FROM c{levels}"


WORST_SQL = (
    chained_ctes(),
    "SELECT repeat('x', 10000000) FROM range(200)",
    "SELECT list(u) FROM units u",
    "SELECT a.line_id, count(*) FROM units a JOIN units b ON a.line_id = b.line_id GROUP BY 1",
    "SELECT string_agg(CAST(unit_id AS VARCHAR), ',') FROM units",
    "SELECT * FROM units ORDER BY random()",
)


def trickle_and_loop(trickle_s: float) -> list[dict[str, Any]]:
    """A reply that trickles in byte by byte, then a tool call that never ends."""
    return [trickle("Line 3 is fine. " * 20, trickle_s), *[call("list_metrics")] * 40, text("ok")]


def worst_sql() -> list[dict[str, Any]]:
    """Tool calls with the heaviest SQL, one after the other."""
    return [*(call("run_sql", sql=sql) for sql in WORST_SQL), text("ok")]


@dataclass
class HostileModels:
    """Background threads that keep asking `copilot` through two hostile endpoints until stopped."""

    copilot: Any
    trickle_s: float = 30.0
    asked: int = 0
    errors: list[str] = field(default_factory=list)

    def __enter__(self) -> HostileModels:
        self._stop = threading.Event()
        self._servers = [ReplayServer().__enter__(), ReplayServer().__enter__()]
        scripts = (lambda: trickle_and_loop(self.trickle_s), worst_sql)
        self._threads = [
            threading.Thread(target=self._run, args=(server, script), daemon=True)
            for server, script in zip(self._servers, scripts, strict=True)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def _run(self, server: ReplayServer, script: Any) -> None:
        settings = LLMSettings(base_url=server.base_url, model="replay-model")
        while not self._stop.is_set():
            server.script = script()
            try:
                ask_with_model(self.copilot, OPEN, settings=settings)
                self.asked += 1
            except Exception as error:  # counted: a hostile endpoint must never raise through the product
                self.errors.append(f"{type(error).__name__}: {error}")

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)
        for server in self._servers:
            server.__exit__()
