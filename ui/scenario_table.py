"""The scenario comparison as a table: one row per scenario, its OEE points and good units, from the answer's facts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from copilot.answer import Answer
from copilot.formatting import number, signed

POINTS = {"de": "Prozentpunkte", "en": "percentage points"}
COLUMNS = {
    "de": ("Szenario", "OEE-Gewinn", "Gutteile mehr"),
    "en": ("Scenario", "OEE gain", "More good units"),
}


def _lang(answer: Answer) -> str:
    """'de' or 'en', the answer's language."""
    return "de" if answer.language == "de" else "en"


def comparison_rows(answer: Answer) -> list[tuple[str, str, str]]:
    """Each compared scenario with its OEE points and extra good units, as the answer states them."""
    if answer.intent != "whatif":
        return []
    points = {f.key.split(":", 1)[1]: f for f in answer.facts if f.key.startswith("oee_points:")}
    parts = {f.key.split(":", 1)[1]: f for f in answer.facts if f.key.startswith("good_parts:")}
    if len(points) < 2:
        return []
    return [
        (fact.label, f"+{number(float(fact.value), answer.language, 2)} {POINTS[_lang(answer)]}",
         signed(float(parts[lever].value), "count", answer.language) if lever in parts else "–")
        for lever, fact in points.items()
    ]  # fmt: skip


def scenario_table(answer: Answer) -> None:
    """Draw the comparison table when the answer compares two or more scenarios."""
    rows = comparison_rows(answer)
    if rows:
        columns = COLUMNS[_lang(answer)]
        st.table(pd.DataFrame(rows, columns=list(columns)).set_index(columns[0]))
