"""'Meine Linie / My line': chosen once per tablet, kept in the page address, used when a question names none."""

from __future__ import annotations

import streamlit as st

from copilot.entities import EntityCatalog

PARAM = "line"


def _keep(key: str) -> None:
    """Take the choice, and write it into the address so a bookmarked or reloaded tablet keeps its line."""
    chosen = st.session_state.get(key) or ""
    st.session_state.my_line = chosen
    if chosen:
        st.query_params[PARAM] = chosen
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def my_line(catalog: EntityCatalog, lang: str, label: str, none: str) -> str | None:
    """The tablet's own line (a selectbox in the sidebar); None when no line is set."""
    names = {e.id: e.label(lang).split(" – ")[0] for e in catalog.entities("line")}
    options = ["", *names]
    if "my_line" not in st.session_state:
        st.session_state.my_line = st.query_params.get(PARAM, "")
    if st.session_state.my_line not in names:
        st.session_state.my_line = ""
    key = f"my_line_{lang}"  # one widget per language: its shown names change with the language
    with st.sidebar:
        st.selectbox(
            label,
            options,
            index=options.index(st.session_state.my_line),
            key=key,
            format_func=lambda v: names.get(v, none),
            on_change=_keep,
            args=(key,),
        )
    return st.session_state.my_line or None


def line_name(catalog: EntityCatalog, line: str, lang: str) -> str:
    """'Linie 3' for L3."""
    return catalog.label("line", line, lang).split(" – ")[0]
