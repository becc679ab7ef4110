"""The A3 page driven headless with AppTest: from a chat answer to an edited draft that survives a reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


@pytest.fixture()
def store(tmp_path, monkeypatch, sample_db):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "store.sqlite"))
    return tmp_path / "store.sqlite"


def _fresh() -> AppTest:
    """A new browser session (a reload): nothing of the previous one but the stores."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def _area(at: AppTest, section: str):
    return next(t for t in at.text_area if t.key and t.key.endswith(f"-{section}"))


def test_a3_from_a_chat_answer_is_built_edited_and_kept(store):
    at = _fresh()
    at.chat_input[0].set_value("Warum schwankt die Taktzeit in Linie 3?").run()
    next(b for b in at.button if b.label.endswith("A3 erstellen")).click().run()
    assert not at.exception, at.exception
    assert at.sidebar.radio(key="page").value == "A3"
    assert "L3-S4" in _area(at, "root_cause").value  # the top cause of story 2
    title = next(t for t in at.text_input if t.key and t.key.endswith("-title")).value
    assert "Linie 3" in title
    _area(at, "follow_up").set_value("Prüfen am Montag in der Shopfloor-Runde.")
    next(b for b in at.button if b.label == "Speichern").click().run()
    assert any("Gespeichert" in s.value for s in at.success)
    assert {b.label for b in at.get("download_button")} >= {"Markdown", "HTML"}

    reloaded = _fresh()
    reloaded.sidebar.radio(key="page").set_value("A3").run()
    assert _area(reloaded, "follow_up").value == "Prüfen am Montag in der Shopfloor-Runde."


def test_a3_needs_a_question(store):
    at = _fresh()
    at.sidebar.radio(key="page").set_value("A3").run()
    assert any("Noch kein A3" in i.value for i in at.info)
    next(b for b in at.button if b.label == "A3 erstellen").click().run()
    assert any("Bitte eine Frage" in w.value for w in at.warning)
