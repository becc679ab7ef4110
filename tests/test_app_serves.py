"""The Streamlit app served over HTTP, the way `make run` starts it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


@pytest.fixture()
def served_app(sample_db):
    """`streamlit run ui/app.py` on a free loopback port, stopped after the test."""
    port = _free_port()
    env = {**os.environ, "COPILOT_DB": str(sample_db)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _get(f"http://127.0.0.1:{port}/_stcore/health")[1] == "ok":
                    break
            except OSError:
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_app_is_served_over_http(served_app):
    status, body = _get(served_app + "/")
    assert status == 200
    assert "<title>Streamlit</title>" in body or "<title>" in body
    assert _get(served_app + "/_stcore/health") == (200, "ok")
