"""'Meine Linie / My line': chosen once per tablet, kept in the page address, used when a question names none."""

from __future__ import annotations

import streamlit as st

from copilot.entities import EntityCatalog

PARAM = "line"


def _keep() -> None:
    """Write the choice into the address, so a bookmarked or reloaded tablet keeps its line."""
    chosen = st.session_state.get("my_line") or ""
    if chosen:
        st.query_params[PARAM] = chosen
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def my_line(catalog: EntityCatalog, lang: str, label: str, none: str) -> str | None:
    """The tablet's own line (a selectbox in the sidebar); None when no line is set."""
    names = {e.id: e.label(lang).split(" – ")[0] for e in catalog.entities("line")}
    options = ["", *names]
    if "my_line" not in st.session_state:
        stored = st.query_params.get(PARAM, "")
        st.session_state.my_line = stored if stored in names else ""
    with st.sidebar:
        st.selectbox(label, options, key="my_line", format_func=lambda v: names.get(v, none), on_change=_keep)
    return st.session_state.my_line or None


def line_name(catalog: EntityCatalog, line: str, lang: str) -> str:
    """'Linie 3' for L3."""
    return catalog.label("line", line, lang).split(" – ")[0]
