"""What the copilot understood, as chips: tap one to change the line, the period or the shift and ask again."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from copilot.answer import Answer
from copilot.entities import EntityCatalog

WINDOWS = {
    "de": ("heute", "gestern", "diese Woche", "letzte Woche", "die letzten 4 Wochen"),
    "en": ("today", "yesterday", "this week", "last week", "the last 4 weeks"),
}
CHANGEABLE = ("line", "window", "shift")


def alternatives(part: str, value: str, language: str, catalog: EntityCatalog) -> list[str]:
    """What a chip can be changed to: the other lines, the usual periods, the other shifts."""
    if part == "line":
        return [e.label(language).split(" – ")[0] for e in catalog.entities("line") if e.id != value]
    if part == "shift":
        return [e.label(language) for e in catalog.entities("shift") if e.id != value]
    if part == "window":
        return list(WINDOWS["de" if language == "de" else "en"])
    return []


def follow_up(part: str, alternative: str, language: str) -> str:
    """The question that changes one part: 'und gestern?', 'and Line 2?', 'und in der Spätschicht?'."""
    lead = "und" if language == "de" else "and"
    if part == "shift":
        alternative = ("in der " if language == "de" else "in the ") + alternative
    return f"{lead} {alternative}?"


def show_understood(
    answer: Answer, index: int, catalog: EntityCatalog, ask: Callable[[str], None], latest: bool
) -> None:
    """The restatement line, its chips (changeable on the newest answer) and the readings of a question back."""
    understood = answer.restatement or {}
    chips = understood.get("chips") or []
    if understood.get("text"):
        st.caption(understood["text"])
    if chips and latest:
        row = st.container(horizontal=True)  # chips wrap onto a second row rather than squeeze
        for n, chip in enumerate(chips[:6]):
            options = (
                alternatives(chip["part"], chip["value"], answer.language, catalog)
                if chip["part"] in CHANGEABLE
                else []
            )
            if not options:
                row.button(chip["label"], key=f"chip-{index}-{n}", disabled=True)
                continue
            with row.popover(chip["label"]):
                for m, option in enumerate(options):
                    question = follow_up(chip["part"], option, answer.language)
                    st.button(option, key=f"chip-{index}-{n}-{m}", on_click=ask, args=(question,))
    for m, choice in enumerate(answer.choices):
        st.button(choice, key=f"choice-{index}-{m}", on_click=ask, args=(choice,))
