"""The A3 page: build an A3 from a question or the conversation, edit it section by section, export it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from copilot.a3.build import build_a3
from copilot.a3.charts import to_png
from copilot.a3.drafts import DraftStore
from copilot.a3.model import A3, SECTIONS, A3Error
from copilot.a3.render import render, texts
from copilot.config import store_path
from copilot.engine import Copilot

Text = Callable[[str], str]


@st.cache_resource
def draft_store(path: str) -> DraftStore | None:
    """One draft store per process; None when the application store cannot be opened."""
    try:
        return DraftStore(Path(path))
    except A3Error:
        return None


def request_a3(items: list, page_label: str) -> None:
    """Ask for an A3 from these answers or questions and open the A3 page (a button callback in the chat)."""
    st.session_state.a3_request = items
    st.session_state.page = page_label


def _create(engine: Copilot, store: DraftStore, items: list, lang: str, text: Text) -> None:
    """Build an A3, save it as a draft and select it."""
    try:
        with st.spinner(text("a3_building")):
            a3 = store.save(build_a3(engine, items, lang, owner=text("a3_owner_default")))
    except A3Error as error:
        st.error(error.text(lang))
        return
    st.session_state.a3_id = a3.id


def _editor(store: DraftStore, a3: A3, lang: str, text: Text) -> None:
    """Header, sections and plan rows in one form; saving writes only what changed, each as a new version."""
    labels = texts(a3.language)
    with st.form(f"a3-edit-{a3.id}"):
        title = st.text_input(text("a3_title"), a3.title, key=f"a3-{a3.id}-title")
        owner = st.text_input(labels.get("owner", text("a3_owner")), a3.owner, key=f"a3-{a3.id}-owner")
        edited = {
            key: st.text_area(labels.get(key, key), a3.sections[key], key=f"a3-{a3.id}-{key}", height=140)
            for key in SECTIONS
        }
        rows = st.data_editor(
            pd.DataFrame(
                [{"what": r.what, "who": r.who, "when": r.when, "done": r.done} for r in a3.plan_rows]
            ),
            num_rows="dynamic",
            key=f"a3-{a3.id}-rows",
            width="stretch",
        )
        saved = st.form_submit_button(text("a3_save"), width="stretch")
    if not saved:
        return
    try:
        for key, value in {"title": title, "owner": owner, **edited}.items():
            current = getattr(a3, key) if key in ("title", "owner") else a3.sections[key]
            if value != current:
                store.update_section(a3.id, key, value)
        new_rows = rows.fillna("").to_dict("records")
        if new_rows != [{"what": r.what, "who": r.who, "when": r.when, "done": r.done} for r in a3.plan_rows]:
            store.update_plan_rows(a3.id, new_rows)
    except A3Error as error:
        st.error(error.text(lang))
        return
    st.success(f"{text('a3_saved')} {store.load(a3.id).version}")


def _exports(a3: A3, text: Text) -> None:
    """Markdown and HTML at once, the PDF on request (it takes a moment)."""
    name = f"a3-{a3.id}"
    columns = st.columns(3)
    columns[0].download_button("Markdown", render(a3, "md"), f"{name}.md", "text/markdown", width="stretch")
    columns[1].download_button("HTML", render(a3, "html"), f"{name}.html", "text/html", width="stretch")
    if columns[2].button(text("a3_make_pdf"), key=f"pdf-{a3.id}", width="stretch"):
        with st.spinner(text("a3_building")):
            st.session_state[f"pdf-{a3.id}"] = render(a3, "pdf")
    pdf = st.session_state.get(f"pdf-{a3.id}")
    if pdf:
        columns[2].download_button("PDF (A3)", pdf, f"{name}.pdf", "application/pdf", width="stretch")


def a3_page(engine: Copilot, text: Text, conversation_answers: list) -> None:
    """Create, pick, edit and export A3 drafts."""
    lang = st.session_state.get("ui_lang", "de")
    store = draft_store(str(store_path()))
    if store is None:
        st.error(text("no_store"))
        return
    request = st.session_state.pop("a3_request", None)
    if request:
        _create(engine, store, request, lang, text)
    question = st.text_input(text("a3_question"), key="a3_question", placeholder=text("a3_placeholder"))
    columns = st.columns(2)
    if columns[0].button(text("a3_create"), key="a3_create", width="stretch"):
        if question.strip():
            _create(engine, store, [question], lang, text)
        else:
            st.warning(text("a3_need_question"))
    if conversation_answers and columns[1].button(text("a3_from_chat"), key="a3_from_chat", width="stretch"):
        _create(engine, store, conversation_answers, lang, text)
    drafts = store.list_drafts()
    if not drafts:
        st.info(text("a3_none"))
        return
    choices = {f"{d.title} · {d.updated[:16].replace('T', ' ')} · v{d.version}": d.id for d in drafts}
    chosen_id = st.session_state.get("a3_id", drafts[0].id)
    labels = list(choices)
    index = next((i for i, label in enumerate(labels) if choices[label] == chosen_id), 0)
    picked = st.selectbox(text("a3_drafts"), labels, index=index, key=f"a3_pick_{chosen_id}")
    st.session_state.a3_id = choices[picked]
    a3 = store.load(choices[picked])
    for warning in a3.warnings:
        st.warning(warning)
    if a3.chart:
        st.image(to_png(a3.chart), caption=a3.chart_caption or None)  # drawn as the A3 prints it
    _editor(store, a3, lang, text)
    _exports(a3, text)
