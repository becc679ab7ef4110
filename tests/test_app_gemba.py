"""The Gemba page driven headless with AppTest: a walk, a note, the card of the data around it, the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from copilot.gemba.store import GembaStore

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


@pytest.fixture()
def store(tmp_path, monkeypatch, sample_db):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "store.sqlite"))
    return tmp_path / "store.sqlite"


def _gemba(lang: str = "de") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if lang == "en":
        at.sidebar.radio(key="lang_choice").set_value("en").run()
    at.sidebar.radio(key="page").set_value("Gemba").run()
    assert not at.exception, at.exception
    return at


def test_a_note_on_a_walk_is_linked_saved_and_reported(store):
    at = _gemba()
    assert any("Noch kein Rundgang" in i.value for i in at.info)
    at.text_input(key="gemba_walk_title").set_value("Presswerk")
    next(b for b in at.button if b.label == "Rundgang beginnen").click().run()
    at.text_area(key="gemba_note").set_value(
        "an L2-S2 tropft Öl am Hydraulikschlauch, Bediener sagt seit Montag"
    )
    at.button(key="gemba_save").click().run()
    assert not at.exception, at.exception
    card = at.success[0].value
    assert card.startswith("Seit Montag") and "Hydraulikstörung" in card and "MO-L2-0045 erledigt" in card
    assert {b.label for b in at.get("download_button")} >= {"Markdown", "HTML"}
    kept = GembaStore(store).notes()
    assert [(n.station, n.role) for n in kept] == [("L2-S2", "operator")]


def test_a_note_without_a_place_asks_for_one_in_english(store):
    at = _gemba("en")
    at.text_input(key="gemba_walk_title").set_value("Paint shop")
    next(b for b in at.button if b.label == "Start walk").click().run()
    at.text_area(key="gemba_note").set_value("the gripper sticks")
    at.button(key="gemba_save").click().run()
    assert any("names no line or station" in w.value for w in at.warning)
    at.selectbox(key="gemba_station").set_value("L4-S3").run()
    at.button(key="gemba_save").click().run()
    assert at.success and at.success[0].value.startswith("Last 7 days") and "at L4-S3" in at.success[0].value
