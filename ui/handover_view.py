"""The shift handover on the chat page: a line, a button, the handover and its printable page."""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from copilot.engine import Copilot
from copilot.gemba.store import notes_of_shift
from copilot.handover.build import HandoverError, build_handover
from copilot.handover.render import render_handover

BUTTON = "Schichtübergabe / Shift handover"


def on_a_tablet(markdown: str) -> str:
    """The handover's headings three levels smaller, so its figures, not its title, fill the screen."""
    return re.sub(r"^(#{1,3}) ", lambda m: "#" * (len(m.group(1)) + 3) + " ", markdown, flags=re.MULTILINE)


def handover_section(engine: Copilot, text: Callable[[str], str]) -> None:
    """A line choice and the handover button; the handover of the line's last shift below it."""
    lines = [e.id for e in engine.catalog.entities("line")]
    if not lines:
        return
    lang = st.session_state.get("ui_lang", "de")
    left, right = st.columns([1, 3])
    line = left.selectbox(text("handover_line"), lines, key="handover_line", label_visibility="collapsed")
    if right.button(BUTTON, key="handover"):
        st.session_state.handover_for = line
    chosen = st.session_state.get("handover_for")
    if not chosen:
        return
    try:
        handover = build_handover(engine.connector, engine.catalog, chosen, engine.now)
    except HandoverError as error:
        st.warning(error.text(lang))
        return
    handover.notes = notes_of_shift(handover.slot)
    with st.container(border=True):
        st.markdown(on_a_tablet(render_handover(handover, lang, "md", show_sql=False)))
        with st.expander(text("evidence")):
            for evidence in handover.evidence:
                st.caption(evidence.purpose)
                st.code(evidence.sql, language="sql")
        st.download_button(
            text("handover_print"),
            render_handover(handover, lang, "html"),
            file_name=f"handover-{chosen}-{handover.slot.day:%Y%m%d}-{handover.slot.code}.html",
            mime="text/html",
            key="handover_html",
        )
        st.button(
            text("handover_close"),
            key="handover_close",
            on_click=st.session_state.pop,
            args=("handover_for",),
        )
