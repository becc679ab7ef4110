"""The app on a source file (COPILOT_SOURCE): the Settings page names it, and a partial source answers plainly."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"
STEEL = ROOT / "examples" / "steel-energy" / "plant.yaml"


@pytest.fixture()
def steel_app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("COPILOT_SOURCE", str(STEEL))
    return AppTest.from_file(str(APP), default_timeout=60).run()


def test_settings_page_shows_the_source_in_use(steel_app: AppTest) -> None:
    steel_app.sidebar.radio(key="page").set_value("Einstellungen").run()
    assert not steel_app.exception
    shown = " ".join(m.value for m in steel_app.markdown)
    assert "Stahlwerk Gwangyang (UCI 851) · files · plant.yaml" in shown and "01.01.2019 00:00" in shown
    assert any("energy_readings" in c.value and "units" not in c.value for c in steel_app.caption)


def test_the_data_page_of_an_energy_only_source_opens(steel_app: AppTest) -> None:
    steel_app.sidebar.radio(key="page").set_value("Daten").run()
    assert not steel_app.exception and not steel_app.error


def test_a_production_question_on_the_energy_source_says_so(steel_app: AppTest) -> None:
    steel_app.chat_input[0].set_value("Wie hoch war die OEE gestern?").run()
    assert not steel_app.exception
    said = " ".join(m.value for m in steel_app.markdown)
    assert "keine Produktionsdaten" in said


def test_without_a_source_file_the_sample_plant_is_the_default(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COPILOT_SOURCE", raising=False)
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.sidebar.radio(key="page").set_value("Einstellungen").run()
    assert any(f"DuckDB · {sample_db.name}" in m.value for m in at.markdown)
