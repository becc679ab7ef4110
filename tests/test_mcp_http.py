"""`copilot mcp --http`: streamable HTTP on this machine only, spoken to by the SDK's own HTTP client."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import anyio
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> set[str]:
    """The local addresses listening on a TCP port, from the kernel's table (IPv4)."""
    found = set()
    for row in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = row.split()[1], row.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


async def _kpi(url: str) -> tuple[list[str], dict]:
    async with streamable_http_client(url) as streams, ClientSession(streams[0], streams[1]) as session:
        await session.initialize()
        names = [tool.name for tool in (await session.list_tools()).tools]
        result = await session.call_tool("get_kpi", {"metric": "oee", "line": "L2", "window": "yesterday"})
        return names, result.structured_content


def test_http_transport_listens_on_localhost_and_answers(sample_db: Path, application_store: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "copilot", "mcp", "--db", str(sample_db), "--http", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not _listening(port) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
        assert _listening(port) == {"127.0.0.1"}
        names, data = anyio.run(_kpi, f"http://127.0.0.1:{port}/mcp")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "ask" in names and "describe_source" in names
    headline = data["facts"][0]
    assert (headline["key"], headline["line"]) == ("oee", "L2") and "2025-11-19" in headline["period"]
    assert data["sql"] and all(s.startswith(("SELECT", "WITH")) for s in data["sql"])
