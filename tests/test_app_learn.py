"""The Learn page and lessons in the chat, driven headless with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from copilot.lessons.knowledge import concept, title

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


@pytest.fixture()
def app(sample_db, monkeypatch, tmp_path):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "store.sqlite"))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.sidebar.radio(key="page").set_value("Lernen").run()
    assert not at.exception, at.exception
    return at


def _right_answers(topic: str) -> dict[str, str]:
    """Question text → its correct option, from the knowledge base (independent of the shuffle)."""
    return {q.question: q.options[q.answer] for q in concept(topic, "de").quiz}


def _radios(at: AppTest):
    return [r for r in at.radio if r.key and r.key.startswith("q-")]


def _answer(at: AppTest, topic: str, wrong: int = 0) -> AppTest:
    """Pick the right option for every question but the first `wrong` ones."""
    right = _right_answers(topic)
    for number, radio in enumerate(_radios(at)):
        question = radio.label.split(". ", 1)[1]
        options = list(radio.options)
        correct = right[question]
        radio.set_value(correct if number >= wrong else next(o for o in options if o != correct))
    next(b for b in at.button if b.label == "Antworten prüfen").click().run()
    assert not at.exception, at.exception
    return at


def _score(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Quiz")


def test_heijunka_lesson_shows_the_plant_and_a_quiz(app):
    app.selectbox(key="learn_topic").set_value(title("heijunka", "de")).run()
    text = " ".join(md.value for md in app.markdown)
    assert "Was ist Heijunka?" in text and "Linie 2" in text and "Linie 3" in text
    assert len(app.get("vega_lite_chart")) == 1
    assert len(_radios(app)) == 5


def test_quiz_is_scored_with_explanations(app):
    app.selectbox(key="learn_topic").set_value(title("kanban", "de")).run()
    _answer(app, "kanban", wrong=2)
    assert _score(app) == "3/5 richtig"
    assert len(app.success) == 3 and len(app.error) == 2
    assert all("Richtig ist" in e.value for e in app.error)


def test_missed_questions_come_back_for_the_learner(app):
    app.selectbox(key="learn_topic").set_value(title("smed", "de")).run()
    app.text_input(key="learner").set_value("Alex").run()
    first = [r.label.split(". ", 1)[1] for r in _radios(app)]
    _answer(app, "smed", wrong=2)
    next(b for b in app.button if b.label == "Neues Quiz").click().run()
    again = [r.label.split(". ", 1)[1] for r in _radios(app)]
    assert set(again[:2]) == set(first[:2])
    progress = app.dataframe[-1].value
    assert list(progress.iloc[0])[1:] == [3, 2]


def test_concept_without_data_shows_a_diagram(app):
    app.selectbox(key="learn_topic").set_value(title("pdca", "de")).run()
    assert len(app.get("graphviz_chart")) == 1


def test_chat_explains_an_answer_with_a_lesson(sample_db, monkeypatch):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.chat_input[0].set_value("OEE pro Linie letzte Woche").run()
    next(b for b in at.button if b.label.endswith("Erklär es mir")).click().run()
    assert not at.exception, at.exception
    assert any(md.value.startswith(f"**{title('oee', 'de')}**") for md in at.markdown)
