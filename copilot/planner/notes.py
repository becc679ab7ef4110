"""The free text typed at the line: 'how often did somebody type „Stau an der Rutsche“', 'was wurde als Notiz eingetragen?'."""

from __future__ import annotations

import re

NOTE_WORDS = re.compile(
    r"\b(?:notiz\w*|kommentar\w*|bemerkung\w*|freitext\w*|vermerk\w*|eingetragen|eingegeben|notiert|geschrieben|"
    r"notes?|noted|comments?|remarks?|free text|typed?|wrote|written|entered|mention\w*)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"[\"„“”«»]([^\"„“”«»]{3,80})[\"„“”«»]|(?<!\w)['‚‘’]([^'‚‘’]{3,80})['‘’](?!\w)")
NOTED = re.compile(  # the notes themselves: 'was wurde … als Notiz eingetragen?', 'what did they write in the notes?'
    r"\b(?:was (?:wurde|wird|war|steht|stand)\b.{0,80}\b(?:notiz\w*|kommentar\w*|bemerkung\w*|eingetragen|notiert|vermerkt)"
    r"|welche[nrs]? (?:notiz\w*|kommentar\w*|bemerkung\w*)"
    r"|what (?:was|did|does|do|is|were)\b.{0,60}\b(?:noted|note|notes|written|write|wrote|typed|type|entered|comment\w*)"
    r"|which (?:notes?|comments?)|(?:show|list|read)(?: me)? the (?:notes?|comments?))\b"
)


def searched_notes(text: str) -> tuple[str, tuple[str, ...]]:
    """The quoted phrases searched for in the notes, and the question with them blanked; none without a note word."""
    if not NOTE_WORDS.search(QUOTED.sub(" ", text)):
        return text, ()
    phrases = tuple(
        (m.group(1) or m.group(2)).strip()
        for m in QUOTED.finditer(text)
        if (m.group(1) or m.group(2)).strip()
    )
    return QUOTED.sub(lambda m: " " * len(m.group()), text), phrases


def asked_noted(full: str) -> bool:
    """Whether the question asks for what was typed into the records' notes (the folded question)."""
    return NOTED.search(full) is not None
