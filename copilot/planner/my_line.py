"""The tablet's own line: a question that names no line, station or product is about it, and says so."""

from __future__ import annotations

import re

OWN_PLACE = {"line", "station", "product", "family", "team", "supplier", "meter"}
PLANT_WIDE = re.compile(
    r"\b(werk|werks|werkes|fabrik|plant|factory|site|alle[nr]? linien|all lines|every line|jede[nr]? linie|"
    r"linien|lines|gesamt\w*|insgesamt|overall|in total)\b"
)


def applies(kinds: set[str], folded: str) -> bool:
    """True when the question names no place of its own and does not ask about the whole plant."""
    return not kinds & OWN_PLACE and not PLANT_WIDE.search(folded)


NOTE = {"de": "keine Linie genannt: meine Linie", "en": "no line named: my line"}


def note(lang: str) -> str:
    """What the restatement adds when the line was filled in."""
    return NOTE["de" if lang == "de" else "en"]
