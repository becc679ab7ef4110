"""The Streamlit app driven headless with AppTest: pages and the main chat flows."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


@pytest.fixture()
def app(sample_db, monkeypatch):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    return AppTest.from_file(str(APP), default_timeout=60).run()


def _ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception, app.exception
    return app


def test_chat_page_offers_examples(app):
    assert not app.exception
    labels = [b.label for b in app.button]
    assert "Welche Probleme hatte Linie 2 gestern?" in labels


def test_question_gives_figures_chart_and_sql(app):
    _ask(app, "OEE pro Linie letzte Woche")
    assert any(m.label.startswith("OEE") for m in app.metric)
    assert len(app.get("vega_lite_chart")) == 1
    assert any("SELECT" in c.value for c in app.code)
    assert any("Linie" in md.value for md in app.markdown)


def test_follow_up_reuses_the_previous_question(app):
    _ask(app, "Wie hoch war die OEE von Linie 1 letzte Woche?")
    first = [m.value for m in app.metric]
    _ask(app, "und Linie 2?")
    texts = " ".join(md.value for md in app.markdown)
    assert "Linie 2" in texts and "OEE" in texts
    assert [m.value for m in app.metric] != first


def test_follow_up_button_asks_at_once(app):
    _ask(app, "Wie hoch war die OEE von Linie 1 letzte Woche?")
    next(b for b in app.button if b.label == "Und Linie 2?").click().run()
    assert not app.exception
    assert any("Linie 2" in md.value for md in app.markdown)
    assert sum(1 for message in app.chat_message if message.name == "user") == 2


def test_example_button_asks_the_example(app):
    button = next(b for b in app.button if b.label == "Welche Probleme hatte Linie 2 gestern?")
    button.click().run()
    assert not app.exception
    assert any("Hydraulik" in md.value for md in app.markdown)


def test_unknown_line_is_explained(app):
    _ask(app, "Wie hoch war der Ausschuss von Linie 9 gestern?")
    assert any("Linie 9 gibt es nicht" in md.value for md in app.markdown)
    assert not app.metric


def test_empty_input_asks_for_a_question(app):
    _ask(app, "   ")
    assert any("Bitte eine Frage" in md.value for md in app.markdown)


def test_why_answer_shows_the_five_why_tree(app):
    _ask(app, "Warum schwankt die Taktzeit in Linie 3?")
    assert app.get("graphviz_chart"), "the 5-Why tree is drawn"
    assert any("L3-S4" in md.value for md in app.markdown)


def test_data_page_shows_lines_period_and_metrics(app):
    app.sidebar.radio(key="page").set_value("Daten").run()
    assert not app.exception
    tables = [d.value for d in app.dataframe]
    assert tables[0]["line_id"].tolist() == ["L1", "L2", "L3", "L4"]
    assert "oee" in tables[1]["key"].tolist()
    assert "22.09.2025" in app.caption[0].value
    fresh = tables[2].set_index("table_name")
    assert fresh.loc["units", "row_count"] > 0 and str(fresh.loc["units", "latest_entry"]).startswith(
        "2025-11-20"
    )
    findings = " ".join(i.value for i in app.info)
    assert "OVEN-L4" in findings and "ohne Station" in findings  # story 8


def test_english_interface(app):
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    assert not app.exception
    assert any(b.label == "Which problems did line 2 have yesterday?" for b in app.button)


def test_missing_database_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("COPILOT_DB", str(tmp_path / "missing.duckdb"))
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not app.exception
    assert "copilot sample-db" in app.error[0].value


def test_settings_page_shows_the_latest_audited_questions(app):
    _ask(app, "OEE Linie 1 gestern")
    app.sidebar.radio(key="page").set_value("Einstellungen").run()
    assert not app.exception
    audit = app.dataframe[-1].value
    assert "OEE Linie 1 gestern" in audit["question"].tolist()
    assert any("Offline" in i.value for i in app.info)


def test_answer_says_what_it_understood_and_a_chip_changes_the_line(app):
    _ask(app, "Gutteile Linie 3 gestern")
    assert any(c.value.startswith("Verstanden: Gutteile · Linie 3") for c in app.caption)
    # the line chip offers the other lines; tapping one asks the same question for that line
    next(b for b in app.button if b.label == "Linie 2").click().run()
    assert not app.exception
    assert any(c.value.startswith("Verstanden: Gutteile · Linie 2") for c in app.caption)
    assert sum(1 for message in app.chat_message if message.name == "user") == 2


def test_a_question_back_offers_its_readings_as_buttons(app):
    _ask(app, "Downtime at the packing station last week?")
    readings = [b.label for b in app.button if "Verpackung" in b.label]
    assert len(readings) == 2  # the packing stations of line 1 and line 3
    next(b for b in app.button if b.label == readings[0]).click().run()
    assert not app.exception
    assert any("L1-S5" in c.value or "L3-S7" in c.value for c in app.caption)


def test_a_figure_without_a_period_asks_which_period(app, con):
    _ask(app, "Wie ist die OEE von Linie 2?")
    readings = [b.label for b in app.button if b.label.startswith("OEE Linie 2")]
    assert readings == ["OEE Linie 2 heute", "OEE Linie 2 gestern", "OEE Linie 2 letzte 7 Tage"]
    assert not any("%" in m.value for m in app.markdown if "OEE" in m.value)  # no figure before the answer
    next(b for b in app.button if b.label == "OEE Linie 2 gestern").click().run()
    assert not app.exception
    assert any(c.value.startswith("Verstanden: OEE · Linie 2 · gestern") for c in app.caption)


def test_a_corrected_word_is_said_aloud(app):
    _ask(app, "Wie viel Stillstand hatte Linie 1 gestren?")
    assert any("„gestren“ als „gestern“ verstanden" in c.value for c in app.caption)


def test_a_scenario_comparison_shows_a_table_and_a_chart(app):
    _ask(app, "Szenariovergleich Linie 2: Rüstzeit halbieren oder Ausfälle um 30 % kürzer")
    table = app.table[0].value
    assert list(table.columns) == ["OEE-Gewinn", "Gutteile mehr"] and len(table) == 2
    assert all(cell.startswith("+") and cell.endswith("Prozentpunkte") for cell in table["OEE-Gewinn"]), table
    assert len(app.get("vega_lite_chart")) == 1
    said = " ".join(md.value for md in app.markdown)
    assert all(cell in said for cell in table["OEE-Gewinn"]), (table, said)  # the same figures as the text
