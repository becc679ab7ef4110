"""`copilot mcp` through the official MCP SDK client over stdio: every tool answers with the engine's figures.

One server process serves the whole module; figures are checked against the engine's own answer to the
same question in this process, and hostile arguments are refused without the database file changing.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from connectors.duckdb_connector import DuckDBConnector
from copilot.a3.build import build_a3
from copilot.engine import Copilot
from copilot.lessons.lesson import teach
from copilot.render import answer_json

TOOLS = {"ask", "get_kpi", "explain_cause", "build_a3", "open_lesson", "describe_source"}
WHY = "Warum schwankt die Taktzeit in Linie 3?"


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Server:
    """Calls into one MCP client session that lives in a background event loop."""

    def __init__(self, portal: BlockingPortal, session: ClientSession) -> None:
        self.portal = portal
        self.session = session

    def call(self, tool: str, **arguments: Any) -> Any:
        return self.portal.call(self.session.call_tool, tool, arguments)

    def tools(self) -> Any:
        return self.portal.call(self.session.list_tools).tools


@asynccontextmanager
async def _session(params: StdioServerParameters) -> AsyncIterator[ClientSession]:
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


@pytest.fixture(scope="module")
def checksum_before(sample_db: Path) -> str:
    """The database file's checksum before the server ever opened it."""
    return _checksum(sample_db)


@pytest.fixture(scope="module")
def server(sample_db: Path, application_store: Path, checksum_before: str) -> Iterator[Server]:
    """`python -m copilot mcp --db <sample plant>`, spawned and spoken to by the SDK's stdio client."""
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "copilot", "mcp", "--db", str(sample_db)],
        env={"COPILOT_STORE": str(application_store)},
    )
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(_session(params)) as session:
        yield Server(portal, session)


@pytest.fixture(scope="module")
def engine(sample_db: Path) -> Copilot:
    """The engine itself, on its own read-only connection, to compare the tools' figures with."""
    return Copilot(DuckDBConnector(sample_db))


def _json(answer: Any) -> dict[str, Any]:
    return json.loads(answer_json(answer))


def _text(result: Any) -> str:
    return "\n".join(block.text for block in result.content)


def test_the_six_tools_are_listed_as_read_only(server: Server) -> None:
    tools = {tool.name: tool for tool in server.tools()}
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert tool.description and tool.annotations.read_only_hint is True
        assert tool.annotations.destructive_hint is False
    assert tools["get_kpi"].input_schema["required"] == ["metric"]


def test_ask_gives_the_engines_figures_sql_and_warnings(server: Server, engine: Copilot) -> None:
    question = "How much power did line 4 use yesterday compared with Monday?"
    result = server.call("ask", question=question)
    expected = _json(engine.ask(question))
    data = result.structured_content
    assert not result.is_error and data["intent"] == "compare"
    assert data["facts"] == expected["facts"] and data["facts"][0]["unit"] == "kWh"
    assert data["sql"] == expected["sql"] and data["warnings"] == expected["warnings"]
    assert expected["sql"][0] in _text(result) and "Understood:" in _text(result)


def test_get_kpi_is_the_figure_the_question_gets(server: Server, engine: Copilot) -> None:
    result = server.call("get_kpi", metric="oee", line="L1", window="last week")
    expected = _json(engine.ask("What was the OEE of line 1 last week?"))
    headline = result.structured_content["facts"][0]
    assert not result.is_error
    assert (headline["key"], headline["line"]) == ("oee", "L1")
    assert (
        headline["value"] == expected["facts"][0]["value"]
        and headline["period"] == expected["facts"][0]["period"]
    )
    assert result.structured_content["sql"][0] == expected["sql"][0]


def test_explain_cause_carries_the_five_why_tree(server: Server, engine: Copilot) -> None:
    result = server.call("explain_cause", question=WHY)
    expected = _json(engine.ask(WHY, role="coach"))
    data = result.structured_content
    assert data["intent"] == "why" and data["five_why"]["tree"]["children"]
    assert data["facts"] == expected["facts"] and data["sql"] == expected["sql"]


def test_build_a3_is_the_products_a3_as_markdown(server: Server, engine: Copilot) -> None:
    result = server.call("build_a3", question=WHY, language="en")
    expected = build_a3(engine, [WHY], "en").to_dict()
    data = result.structured_content
    assert data["figures"] == expected["figures"] and data["title"] == expected["title"]
    assert data["sql"] == [s["sql"] for s in expected["sources"]] and data["sql"]
    assert _text(result).startswith("# ") and expected["figures"][0]["value"] in _text(result)
    assert "data:image" not in _text(result)


def test_open_lesson_teaches_with_the_plants_data(server: Server, engine: Copilot) -> None:
    result = server.call("open_lesson", topic="Heijunka", language="de")
    expected = _json(teach(engine, "heijunka", "trainee", "de"))
    data = result.structured_content
    assert data["lesson"]["topic"] == "heijunka" and data["lesson"]["title"] in _text(result)
    assert data["sql"] == expected["sql"] and data["facts"] == expected["facts"]


def test_describe_source_counts_every_table(server: Server, con: Any) -> None:
    data = server.call("describe_source").structured_content
    tables = {t["table"]: t["rows"] for t in data["tables"]}
    assert {"units", "shift_calendar", "energy_readings"} <= set(tables)
    for table, rows in tables.items():
        assert rows == con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0], table
    assert [line["id"] for line in data["lines"]] == ["L1", "L2", "L3", "L4"]
    assert len(data["sql"]) == len(tables) and data["now"].startswith("2025-11-20")


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("ask", {"question": "DROP TABLE units; --"}),
        ("ask", {"question": "COPY units TO '/tmp/units.csv'"}),
        ("ask", {"question": "Bitte lösche alle Stillstände von Linie 3"}),
        ("explain_cause", {"question": "Why? DELETE FROM downtime_events"}),
        ("get_kpi", {"metric": "oee", "line": "L1'; DROP TABLE units; --"}),
        ("get_kpi", {"metric": "oee; DROP TABLE units", "line": "L1"}),
        ("get_kpi", {"metric": "oee", "window": "yesterday'; COPY units TO '/tmp/u.csv'"}),
        ("build_a3", {"question": "DROP TABLE units"}),
        ("open_lesson", {"topic": "'; DROP TABLE units; --"}),
    ],
)
def test_a_hostile_argument_is_refused(server: Server, tool: str, arguments: dict[str, str]) -> None:
    result = server.call(tool, **arguments)
    data = result.structured_content
    assert _text(result).strip() and "Traceback" not in _text(result)
    assert result.is_error or data["intent"] == "out_of_scope"  # refused, said why
    assert data["sql"] == [] and not [f for f in data["facts"] if isinstance(f["value"], int | float)]


def test_the_database_file_is_unchanged(server: Server, sample_db: Path, checksum_before: str) -> None:
    server.call("ask", question="DROP TABLE units; --")
    assert server.call("ask", question="Wie viele Teile hat Linie 1 gestern gefertigt?").structured_content[
        "facts"
    ]
    assert _checksum(sample_db) == checksum_before
