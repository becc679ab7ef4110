"""Shopfloor Copilot in the browser: the plant at a glance (the chat builds on this page)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connectors.base import ConnectorError
from connectors.duckdb_connector import DuckDBConnector
from copilot.config import database_path


@st.cache_resource
def connector(path: str) -> DuckDBConnector:
    """One read-only connection per process, shared by every session."""
    return DuckDBConnector(path)


st.set_page_config(page_title="Shopfloor Copilot", page_icon="🏭", layout="wide")
st.title("Shopfloor Copilot")
try:
    db = connector(str(database_path()))
    lines = db.execute("SELECT line_id, name, area, takt_time_s FROM lines ORDER BY line_no")
    period = db.execute(
        "SELECT MIN(shift_date) AS first_day, MAX(shift_date) AS last_day FROM shift_calendar"
    )
except ConnectorError as exc:
    st.error(exc.text("de") + "\n\n" + exc.text("en"))
    st.stop()
first, last = period.iloc[0]
st.caption(f"Daten / data: {first:%d.%m.%Y} – {last:%d.%m.%Y} · jetzt / now: {db.now():%d.%m.%Y %H:%M}")
st.subheader("Linien / Lines")
st.dataframe(lines, hide_index=True, width="stretch")
