"""The handover button on the chat page, driven headless with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


@pytest.fixture()
def app(tmp_path, monkeypatch, sample_db):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "store.sqlite"))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def _shown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_handover_button_shows_the_last_shift_of_the_chosen_line(app):
    app.selectbox(key="handover_line").set_value("L2").run()
    next(b for b in app.button if b.label == "Schichtübergabe / Shift handover").click().run()
    assert not app.exception, app.exception
    shown = _shown(app)
    assert "Schichtübergabe Linie 2" in shown and "Frühschicht 20.11.2025" in shown
    assert "Verfügbarkeit" in shown and "Worauf achten" in shown
    assert any(b.label.startswith("Druckseite") for b in app.get("download_button"))


def test_handover_follows_the_interface_language(app):
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    next(b for b in app.button if b.label == "Schichtübergabe / Shift handover").click().run()
    shown = _shown(app)
    assert "Shift handover Line 1" in shown and "What to watch" in shown
