"""The Settings page's language-model fields and the chat's model mode, against the local replay server."""

from __future__ import annotations

from pathlib import Path

import pytest
from llm_replay_server import MODEL, ReplayServer, call, text
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


@pytest.fixture()
def app(sample_db, monkeypatch):
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "COPILOT_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.sidebar.radio(key="page").set_value("Einstellungen").run()
    return at


def _configure(at: AppTest, server: ReplayServer) -> None:
    at.text_input(key="llm_base_url").set_value(server.base_url).run()
    at.text_input(key="llm_model").set_value(MODEL).run()
    assert not at.exception, at.exception


def test_offline_until_an_endpoint_is_typed(app):
    assert any("Offline" in i.value for i in app.info)


def test_connection_check_reports_tool_calls(app):
    with ReplayServer(script=[call("echo", word="ok")]) as server:
        _configure(app, server)
        assert any(MODEL in i.value for i in app.info)
        next(b for b in app.button if b.label == "Verbindung prüfen").click().run()
        assert app.success and not app.error
        assert app.json[0].value and '"tool_calls": true' in app.json[0].value.replace("True", "true")


def test_open_question_in_the_chat_goes_to_the_model(app):
    with ReplayServer(
        script=[text("Dazu habe ich keine Daten; ich beantworte Fragen zu den Linien.")]
    ) as server:
        _configure(app, server)
        app.sidebar.radio(key="page").set_value("Chat").run()
        app.chat_input[0].set_value("Erzähl mir einen Witz über das Werk").run()
        assert not app.exception, app.exception
        assert any("keine Daten" in md.value for md in app.markdown)
        assert server.requests and server.requests[0]["model"] == MODEL
