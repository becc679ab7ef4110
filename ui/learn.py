"""The Learn page: a lesson for the learner's role on the plant's data, and a scored quiz."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from copilot.config import store_path
from copilot.engine import Copilot
from copilot.lessons.knowledge import QuizQuestion, title, topics
from copilot.lessons.lesson import teach
from copilot.lessons.progress import Progress, open_progress
from copilot.lessons.quiz import record, score


@st.cache_resource
def progress_store(path: str) -> Progress | None:
    """One progress store per process."""
    from pathlib import Path

    return open_progress(Path(path))


def show_lesson(lesson: dict[str, Any], text: Callable[[str], str], with_chart: bool = True) -> None:
    """Sections, the plant's chart or the concept diagram."""
    for section in lesson["sections"]:
        st.markdown(f"#### {section['heading']}\n\n{section['text']}")
        if section["key"] == "plant" and lesson["chart"] and with_chart:
            st.vega_lite_chart(lesson["chart"], width="stretch")
    if lesson.get("diagram"):
        st.caption(text("diagram"))
        st.graphviz_chart(lesson["diagram"])


def _items(lesson: dict[str, Any]) -> list[QuizQuestion]:
    """The lesson's quiz as items to score."""
    return [
        QuizQuestion(q["id"], q["question"], tuple(q["options"]), q["answer"], q["explanation"])
        for q in lesson["quiz"]
    ]


def show_quiz(topic: str, items: list[QuizQuestion], text: Callable[[str], str], learner: str) -> None:
    """Multiple choice in a form; on submit, a score and the explanation for each answer."""
    st.subheader(text("quiz"))
    round_ = st.session_state.get("quiz_round", 0)
    with st.form(f"quiz-{topic}-{round_}"):
        for number, item in enumerate(items, start=1):
            st.radio(
                f"{number}. {item.question}", list(item.options), index=None, key=f"q-{round_}-{item.id}"
            )
        submitted = st.form_submit_button(text("check"), width="stretch")
    if not submitted:
        return
    chosen = {}
    for item in items:
        picked = st.session_state.get(f"q-{round_}-{item.id}")
        chosen[item.id] = item.options.index(picked) if picked in item.options else None
    feedback = score(items, chosen)
    right = sum(f.correct for f in feedback)
    st.metric(text("quiz"), f"{right}/{len(feedback)} {text('score')}")
    for number, verdict in enumerate(feedback, start=1):
        if verdict.correct:
            st.success(f"{number}. {text('right')} {verdict.explanation}")
        else:
            lead = text("wrong") if verdict.chosen is not None else text("unanswered")
            st.error(f"{number}. {lead} {verdict.right_option}. {verdict.explanation}")
    store = progress_store(str(store_path()))
    if learner.strip() and store is None:
        st.warning(text("no_progress_store"))
    record(store, learner, topic, feedback)


def learn_page(engine: Copilot, text: Callable[[str], str]) -> None:
    """Pick a topic, read the lesson for your role, take the quiz; missed questions come back."""
    lang = st.session_state.get("ui_lang", "de")
    names = {title(topic, lang): topic for topic in topics()}
    chosen = st.selectbox(text("topic"), sorted(names, key=str.casefold), key="learn_topic")
    topic = names[chosen]
    learner = st.text_input(text("learner"), key="learner")
    store = progress_store(str(store_path()))
    missed = store.missed(learner, topic) if store is not None and learner.strip() else set()
    seed = st.session_state.setdefault("quiz_seed", random.randrange(1_000_000))
    answer = teach(engine, topic, st.session_state.get("role", "trainee"), lang, missed, seed)
    if answer.lesson is None:
        return
    for warning in answer.warnings:
        st.warning(warning)
    show_lesson(answer.lesson, text)
    show_quiz(topic, _items(answer.lesson), text, learner)
    if st.button(text("new_quiz"), key="new_quiz"):
        st.session_state.quiz_seed = random.randrange(1_000_000)
        st.session_state.quiz_round = st.session_state.get("quiz_round", 0) + 1
        st.rerun()
    if store is not None and learner.strip():
        standing = store.scores(learner)
        if standing:
            st.subheader(text("progress"))
            st.dataframe(
                pd.DataFrame(
                    [{text("topic"): title(s.topic, lang), "✓": s.correct, "✗": s.missed} for s in standing]
                ),
                hide_index=True,
            )
