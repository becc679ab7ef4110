"""`copilot ask --llm` and `copilot doctor` as whole processes against the local replay server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from llm_replay_server import MODEL, ReplayServer, call, text

from copilot.config import REPO_ROOT, llm_configured
from copilot.llm.doctor import status
from copilot.llm.settings import LLMSettings

OPEN = "Tell me a joke about the plant"


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COPILOT_MODEL", "COPILOT_LLM"))
    }
    return subprocess.run(
        [sys.executable, "-m", "copilot", *args],
        cwd=REPO_ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_ask_llm_uses_the_model_for_open_questions(sample_db: Path) -> None:
    script = [
        call("query_metric", metric="downtime", period="yesterday", filters={"line": ["L2"]}),
        text("Here is yesterday's downtime of line 2."),
    ]
    with ReplayServer(script=script) as server:
        env = {"OPENAI_BASE_URL": server.base_url, "COPILOT_MODEL": MODEL}
        done = run("ask", "--llm", "--json", "--db", str(sample_db), OPEN, env=env)
        assert done.returncode == 0, done.stderr
        answer = json.loads(done.stdout)
        assert answer["planner"] == "llm" and answer["answer"] == "Here is yesterday's downtime of line 2."
        assert answer["facts"] and answer["sql"]
        assert len(server.requests) == 2
        # without --llm nothing is sent, even with an endpoint configured
        plain = run("ask", "--json", "--db", str(sample_db), OPEN, env=env)
        assert json.loads(plain.stdout)["planner"] == "offline" and len(server.requests) == 2


def test_ask_llm_with_a_dead_endpoint_answers_offline(sample_db: Path) -> None:
    env = {"OPENAI_BASE_URL": f"http://127.0.0.1:{closed_port()}/v1", "COPILOT_LLM_TIMEOUT_S": "3"}
    done = run("ask", "--llm", "--db", str(sample_db), OPEN, env=env)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "The language model cannot be reached" in done.stdout


def test_doctor_reports_a_working_endpoint() -> None:
    with ReplayServer(script=[call("echo", word="ok")]) as server:
        done = run("doctor", "--json", env={"OPENAI_BASE_URL": server.base_url, "COPILOT_MODEL": MODEL})
        report = json.loads(done.stdout)
        assert done.returncode == 0, done.stderr
        assert report["reachable"] and report["model_listed"] and report["tool_calls"] and report["ok"]
        assert server.requests[0]["tools"][0]["function"]["name"] == "echo"


def test_doctor_without_tool_calls_and_unreachable() -> None:
    with ReplayServer(script=[text("ok")]) as server:
        report = status(LLMSettings(base_url=server.base_url, model="other-model"))
    assert report["reachable"] and report["model_listed"] is False and report["tool_calls"] is False
    assert not report["ok"] and "did not call the tool" in report["message"]
    dead = status(LLMSettings(base_url=f"http://127.0.0.1:{closed_port()}/v1", timeout_s=2))
    assert dead["reachable"] is False and not dead["ok"] and "cannot be reached" in dead["message"]
    assert "nicht erreichbar" in dead["message_de"]


def test_doctor_offline_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    done = run("doctor", env={})
    assert done.returncode == 0 and "Offline mode" in done.stdout and "reachable:    –" in done.stdout
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert not llm_configured()
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert llm_configured() and LLMSettings.from_env().base_url == "http://127.0.0.1:9/v1"


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("COPILOT_MODEL", "my-model")
    monkeypatch.setenv("COPILOT_LLM_TIMEOUT_S", "7.5")
    monkeypatch.setenv("COPILOT_LLM_MAX_STEPS", "oops")  # a typo keeps the default
    monkeypatch.setenv("COPILOT_LLM_MAX_TOKENS", "-3")  # so does a number that makes no sense
    settings = LLMSettings.from_env()
    assert settings.configured and settings.key == "sk-test" and settings.model == "my-model"
    assert (settings.timeout_s, settings.max_steps, settings.max_tokens) == (7.5, 6, 800)


def test_readme_documents_every_setting_and_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    source = "".join(
        (REPO_ROOT / "copilot" / name).read_text(encoding="utf-8")
        for name in ("llm/settings.py", "config.py")
    )
    names = ["OPENAI_BASE_URL", "OPENAI_API_KEY", "COPILOT_MODEL", "COPILOT_LLM_TIMEOUT_S", "COPILOT_LLM_MAX_STEPS",
             "COPILOT_LLM_MAX_TOKENS", "COPILOT_LLM_MAX_TOTAL_TOKENS"]  # fmt: skip
    assert all(name in source and f"`{name}`" in readme for name in names)
    assert "copilot ask --llm" in readme and "copilot doctor" in readme


def test_ask_llm_without_a_model_says_so_and_answers_offline(sample_db: Path) -> None:
    done = run("ask", "--llm", "--json", "--db", str(sample_db), "OEE of line 3 last week", env={})
    assert done.returncode == 0 and "no model is configured" in done.stderr
    assert json.loads(done.stdout)["planner"] == "offline"
