"""The app on a tablet, with AppTest: my line set once, the understood chips tapped to change one part."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


@pytest.fixture()
def app(sample_db, monkeypatch):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    return AppTest.from_file(str(APP), default_timeout=60)


def _ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception, app.exception
    return app


def _understood(app: AppTest) -> str:
    return next(c.value for c in reversed(app.caption) if c.value.startswith(("Verstanden", "Understood")))


def test_my_line_is_used_when_a_question_names_none_and_kept_in_the_address(app):
    app.run()
    assert app.sidebar.selectbox(key="my_line_de").value == ""
    app.sidebar.selectbox(key="my_line_de").set_value("L3").run()
    assert app.query_params["line"] == "L3"
    assert any("Meine Linie: Linie 3" in md.value for md in app.markdown)
    _ask(app, "Wie hoch war die OEE gestern?")
    understood = _understood(app)
    assert "Linie 3" in understood and "keine Linie genannt: meine Linie" in understood
    assert any("Linie 3" in md.value and "69,3" in md.value for md in app.markdown)  # L3 yesterday


def test_my_line_comes_back_from_the_address_and_a_named_line_wins(app):
    app.query_params["line"] = "L2"
    app.run()
    assert app.sidebar.selectbox(key="my_line_de").value == "L2"
    _ask(app, "OEE von Linie 4 gestern")
    assert "Linie 4" in _understood(app) and "meine Linie" not in _understood(app)


def test_without_my_line_a_question_naming_no_line_is_about_the_plant(app):
    app.run()
    _ask(app, "Wie hoch war die OEE gestern?")
    assert "meine Linie" not in _understood(app) and "Linie" not in _understood(app)


def test_examples_only_while_the_chat_is_empty(app):
    app.run()
    assert any(b.label == "Welche Probleme hatte Linie 2 gestern?" for b in app.button)
    _ask(app, "OEE Linie 1 gestern")
    assert not any(b.key and b.key.startswith("example-") for b in app.button)


def test_the_window_chip_changes_the_period_and_asks_again(app):
    app.run()
    _ask(app, "Stillstand Linie 2 gestern")
    assert "gestern" in _understood(app)
    next(b for b in app.button if b.label == "letzte Woche").click().run()
    assert not app.exception
    assert "letzte Woche" in _understood(app) and "Linie 2" in _understood(app)
    assert sum(1 for message in app.chat_message if message.name == "user") == 2


def test_the_line_chip_of_my_line_changes_it_for_one_question(app):
    app.query_params["line"] = "L3"
    app.run()
    _ask(app, "Ausschuss gestern")
    assert "meine Linie" in _understood(app)
    assert not any(b.label == "Linie 3" for b in app.button)  # the line chip offers the other lines
    next(b for b in app.button if b.label == "Linie 1").click().run()
    assert "Linie 1" in _understood(app) and "gestern" in _understood(app)


def test_my_line_survives_a_change_of_language(app):
    app.run()
    app.sidebar.selectbox(key="my_line_de").set_value("L2").run()
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    assert app.sidebar.selectbox(key="my_line_en").value == "L2"
    _ask(app, "OEE yesterday")
    assert "Line 2" in _understood(app) and "no line named: my line" in _understood(app)
