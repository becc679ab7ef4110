"""The Gemba page: start or pick a walk, note what you see (with a photo), get the data around it, download the report."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from copilot.engine import Copilot
from copilot.gemba.observe import observe
from copilot.gemba.report import walk_pdf, walk_report
from copilot.gemba.store import GembaError, GembaStore
from ui.scroll import bring_mark_into_view

AUTO = "–"


def _walk_choice(store: GembaStore, text: Callable[[str], str], role: str) -> str | None:
    """The walk chosen, after starting a new one when asked."""
    with st.form("gemba_new_walk", clear_on_submit=True):
        title = st.text_input(text("gemba_walk_title"), key="gemba_walk_title")
        if st.form_submit_button(text("gemba_start")):
            st.session_state.gemba_walk = store.start_walk(title, role).id
    walks = store.walks()
    if not walks:
        st.info(text("gemba_no_walk"))
        return None
    ids = [w.id for w in walks]
    names = {w.id: f"{w.title} · {w.started[:16].replace('T', ' ')}" for w in walks}
    current = st.session_state.get("gemba_walk")
    index = ids.index(current) if current in ids else 0
    return str(
        st.selectbox(text("gemba_walk"), ids, index=index, format_func=names.get, key="gemba_walk_pick")
    )


def _note_form(
    engine: Copilot, store: GembaStore, text: Callable[[str], str], walk_id: str, role: str
) -> None:
    """The note, its place when the text names none, an optional photo; saving links it and shows the card."""
    lang = st.session_state.get("ui_lang", "de")
    stations = [AUTO, *(e.id for e in engine.catalog.entities("station"))]
    lines = [AUTO, *(e.id for e in engine.catalog.entities("line"))]
    note = st.text_area(text("gemba_note"), placeholder=text("gemba_placeholder"), key="gemba_note")
    left, right = st.columns(2)
    line = left.selectbox(text("gemba_line"), lines, key="gemba_line")
    station = right.selectbox(text("gemba_station"), stations, key="gemba_station")
    photo = (
        st.camera_input(text("gemba_photo"), key="gemba_photo") if st.toggle(text("gemba_camera")) else None
    )
    if st.button(text("gemba_save"), key="gemba_save"):
        if not note.strip():
            st.warning(text("gemba_empty"))
            return
        try:
            saved = observe(
                engine.connector, engine.catalog, store, note, engine.now, role, lang,
                None if line == AUTO else line, None if station == AUTO else station, walk_id,
                photo.getvalue() if photo is not None else None,
            )  # fmt: skip
        except GembaError as error:
            st.warning(error.text(lang))
            return
        st.session_state.gemba_card = saved.card(lang)
        bring_mark_into_view("gemba-card")  # the card of a new note on the screen at once
    if st.session_state.get("gemba_card"):
        st.success(st.session_state.gemba_card)


def gemba_page(engine: Copilot, text: Callable[[str], str]) -> None:
    """Walks and their observations, each linked to the data around it."""
    lang = st.session_state.get("ui_lang", "de")
    role = st.session_state.get("role", "coach")
    try:
        store = GembaStore()
    except GembaError as error:
        st.warning(error.text(lang))
        return
    walk_id = _walk_choice(store, text, role)
    if walk_id is None:
        return
    _note_form(engine, store, text, walk_id, role)
    notes = store.notes(walk_id=walk_id)
    st.subheader(f"{text('gemba_notes')} ({len(notes)})")
    for note in reversed(notes):
        with st.container(border=True):
            st.markdown(
                f"**{note.station or note.line}** · {note.ts:%d.%m. %H:%M} · {note.role}: {note.text}"
            )
            st.caption(note.card(lang))
            photo = store.photo(note)
            if photo:
                st.image(photo, width=240)
    left, middle, right = st.columns(3)
    left.download_button(
        "Markdown", walk_report(store, walk_id, "md", lang), file_name=f"gemba-{walk_id}.md", key="gemba_md"
    )
    right.download_button(
        "PDF",
        lambda: walk_pdf(store, walk_id, lang),
        file_name=f"gemba-{walk_id}.pdf",
        mime="application/pdf",
        key="gemba_pdf",
    )
    middle.download_button(
        "HTML", walk_report(store, walk_id, "html", lang), file_name=f"gemba-{walk_id}.html", key="gemba_html"
    )
