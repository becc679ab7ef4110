"""`copilot mcp`: the copilot's read-only tools for MCP clients, over stdio or streamable HTTP on localhost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent, ToolAnnotations

from . import __version__, mcp_tools
from .mcp_tools import ToolResult

if TYPE_CHECKING:
    from .engine import Copilot

HOST = "127.0.0.1"  # the HTTP transport listens on this machine only
READ_ONLY = ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)
INSTRUCTIONS = (
    "Shopfloor Copilot answers questions about one plant's MES and energy data in German or English. "
    "Every figure comes from a read-only SQL query that is returned with it; nothing can change the data."
)
Language = Literal["de", "en"]
Role = Literal["operator", "coach", "trainee"]


def build_server(copilot: Copilot) -> MCPServer:
    """An MCP server whose six tools answer from this copilot, one call at a time."""
    server = MCPServer(
        "shopfloor-copilot", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING"
    )
    lock = threading.Lock()  # tools run in worker threads; the connector is used by one call at a time

    def run(work: Callable[[], ToolResult]) -> CallToolResult:
        with lock:
            result = work()
        return CallToolResult(
            content=[TextContent(type="text", text=result.summary)],
            structured_content=result.data,
            is_error=result.refused,
        )

    @server.tool(annotations=READ_ONLY)
    def ask(question: str, language: Language | None = None, role: Role = "operator") -> CallToolResult:
        """Answer a question about the plant in German or English, e.g. "Welche Probleme hatte Linie 2 gestern?".

        Returns the answer's text, its figures (facts), the SQL that produced them, warnings and follow-ups.
        """
        return run(lambda: mcp_tools.ask(copilot, question, role, language))

    @server.tool(annotations=READ_ONLY)
    def get_kpi(
        metric: str, line: str | None = None, window: str = "yesterday", language: Language = "en"
    ) -> CallToolResult:
        """One KPI by its metric key (oee, availability, scrap_rate, energy_per_good_unit, …).

        `line` is a line id such as L3 (none: the plant); `window` a time frame in words such as
        "yesterday", "last week", "letzte Woche" or "2025-11-19".
        """
        return run(lambda: mcp_tools.get_kpi(copilot, metric, line, window, language))

    @server.tool(annotations=READ_ONLY)
    def explain_cause(question: str, language: Language | None = None) -> CallToolResult:
        """Explain why a figure is what it is, e.g. "Warum schwankt die Taktzeit in Linie 3?".

        Returns the figure, the likely causes with their evidence, the 5-Why tree and countermeasures.
        """
        return run(lambda: mcp_tools.explain_cause(copilot, question, language))

    @server.tool(annotations=READ_ONLY)
    def build_a3(question: str, language: Language | None = None, owner: str | None = None) -> CallToolResult:
        """Build the A3 report for a why-question as Markdown, with its figures and every query behind them."""
        return run(lambda: mcp_tools.build_a3(copilot, question, language, owner))

    @server.tool(annotations=READ_ONLY)
    def open_lesson(topic: str, language: Language = "en", role: Role = "trainee") -> CallToolResult:
        """A Lean lesson (heijunka, smed, oee, …) at the reader's level, illustrated with the plant's own data."""
        return run(lambda: mcp_tools.open_lesson(copilot, topic, language, role))

    @server.tool(annotations=READ_ONLY)
    def describe_source(language: Language = "en") -> CallToolResult:
        """Which tables the data source has (with row counts), its lines, its present moment, what it cannot answer."""
        return run(lambda: mcp_tools.describe_source(copilot, language))

    return server


def serve(copilot: Copilot, http: bool = False, port: int = 8765) -> None:
    """Serve until the client goes away: stdio, or streamable HTTP at http://127.0.0.1:PORT/mcp."""
    server = build_server(copilot)
    if http:
        server.run("streamable-http", host=HOST, port=port)
    else:
        server.run("stdio")
