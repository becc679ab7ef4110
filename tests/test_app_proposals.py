"""The proposals expander on the chat page, driven headless with AppTest."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


def _app(db: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("COPILOT_DB", str(db))
    monkeypatch.setenv("COPILOT_STORE", str(store))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def _propose(at: AppTest, line: str, kind: str, lang: str = "de") -> str:
    at.selectbox(key="proposal_line").set_value(line)
    at.radio(key=f"proposal_kind_{lang}").set_value(kind)
    at.button(key="proposal_make").click().run()
    assert not at.exception, at.exception
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture()
def app(tmp_path, monkeypatch, sample_db):
    return _app(sample_db, tmp_path / "store.sqlite", monkeypatch)


def test_each_kind_of_proposal_for_the_chosen_line(app, con):
    shown = _propose(app, "L2", "Wartungsfenster")
    assert "Vorschlag Wartungsfenster MO-L2-0046" in shown and "Gegenüber jetzt" in shown
    shown = _propose(app, "L3", "Energiefenster")
    assert "Vorschlag Energiefenster Linie 3" in shown and "Ersparnis" in shown and "EUR" in shown
    shown = _propose(app, "L2", "Rüstfolge")
    assert "Vorschlag Rüstfolge Linie 2" in shown
    orders = con.execute("SELECT COUNT(*) FROM maintenance_orders WHERE status <> 'done'").fetchone()[0]
    assert orders == 5  # nothing was written to the plant


def test_proposals_follow_the_interface_language(app):
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    assert any(e.label == "Proposals for the coming shifts" for e in app.expander)
    shown = _propose(app, "L4", "Maintenance window", "en")
    assert "Proposed maintenance window MO-L4-0040" in shown and "Against now" in shown


def test_a_source_without_tariffs_says_so(tmp_path, monkeypatch, sample_db):
    copy = tmp_path / "no_tariffs.duckdb"
    shutil.copy(sample_db, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("DROP TABLE energy_tariffs")
    at = _app(copy, tmp_path / "store.sqlite", monkeypatch)
    _propose(at, "L2", "Energiefenster")
    assert any("keine Energiepreise" in i.value for i in at.info)
