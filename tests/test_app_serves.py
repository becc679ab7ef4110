"""The Streamlit app: rendered headless with AppTest, and served over HTTP like `make run` does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def test_app_shows_lines_and_period(sample_db, monkeypatch):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not app.exception
    table = app.dataframe[0].value
    assert table["line_id"].tolist() == ["L1", "L2", "L3", "L4"]
    assert "22.09.2025" in app.caption[0].value and "20.11.2025 14:00" in app.caption[0].value


def test_app_explains_a_missing_database(tmp_path, monkeypatch):
    monkeypatch.setenv("COPILOT_DB", str(tmp_path / "missing.duckdb"))
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not app.exception
    assert "copilot sample-db" in app.error[0].value


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
