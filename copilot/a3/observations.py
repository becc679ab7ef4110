"""Gemba observations in an A3: what was seen at the line in the period, and which causes it supports."""

from __future__ import annotations

from pathlib import Path

from ..gemba.store import GembaStore, Observation
from ..plain_error import PlainError
from ..timeframes import TimeWindow


def observations_for(
    lines: tuple[str, ...], window: TimeWindow, store_file: Path | None = None
) -> list[Observation]:
    """The observations noted at the problem's lines (any line for the plant) within its period."""
    try:
        store = GembaStore(store_file)
    except PlainError:  # no store, no observations: the A3 stands on the data alone
        return []
    found = store.notes(after=window.start, until=window.end) if not lines else [
        note for line in lines for note in store.notes(line=line, after=window.start, until=window.end)
    ]  # fmt: skip
    return sorted(found, key=lambda note: note.ts)


def condition_lines(notes: list[Observation], language: str) -> list[str]:
    """'Gemba-Beobachtungen: 19.11. 10:15 L2-S2 (coach): …' for the current condition."""
    if not notes:
        return []
    heading = "Gemba-Beobachtungen im Zeitraum:" if language == "de" else "Gemba observations in the period:"
    return [heading, *(f"- {note.summary(language)}" for note in notes)]


def supported_causes(notes: list[Observation], tree_markdown: str, language: str) -> list[str]:
    """The observations at a station the 5-Why tree names: seen at the place the data points to."""
    said = []
    for note in notes:
        if note.station and note.station in tree_markdown:
            stamp = f"{note.ts:%d.%m. %H:%M}" if language == "de" else f"{note.ts:%m-%d %H:%M}"
            said.append(
                f"Vor Ort bestätigt ({stamp}, {note.station}): „{note.text}“"
                if language == "de"
                else f"Confirmed at the line ({stamp}, {note.station}): “{note.text}”"
            )
    return said
