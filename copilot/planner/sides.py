"""Shifts that belong to one side of a period comparison: 'heutige Frühschicht gegen gestrige Spätschicht'.

A shift named right beside one time word belongs to that side when the sides differ: two sides with
different shifts, or one side said to be the whole day ('gegen den ganzen Vortag'). Otherwise a named
shift is a filter on every side ('Frühschicht heute vs gestern' compares the early shifts).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..entities import EntityCatalog, EntityMatch
from ..timeframes import TimeMatch, TimeWindow

BESIDE = re.compile(  # what may stand between a time word and its shift: "yesterday's", 'von heute', 'der Frühschicht'
    r"^[\s,'’]*(?:s\b)?[\s,]*(?:(?:von|vom|of|am|an|der|die|des|dem|in|im|from|on|the|shift|schicht)\s+){0,3}$",
    re.IGNORECASE,
)
WHOLE_DAY = re.compile(
    r"\b(?:(?:ganze[nmr]?|gesamte[nmr]?|komplette[nmr]?|whole|entire|full|all)\s+(?:\w+\s+)?"
    r"(?:tag|tages|vortag|vortages|day|schichten|shifts)\b|insgesamt|overall|gesamt"
    r"|\b(?:l\s?\d|linie\s?\d|line\s?\d)[\s-]*(?:schnitt|durchschnitt|average|mean)\b"  # 'vom L2-Schnitt': every shift
    r"|\bnormale[nmr]?\s+(?:\S+[\s-])?(?:schnitt|durchschnitt)\b)",
    re.IGNORECASE,
)
WHOLE_BEFORE = re.compile(
    r"\b(?:ganze[nmr]?|gesamte[nmr]?|komplette[nmr]?|whole|entire|full)\s*$", re.IGNORECASE
)
WHOLE_BEFORE_SIDE = re.compile(  # the side before, said whole: 'with the whole day before', 'gegen den ganzen Vortag'
    r"\b(?:(?:ganze[nmr]?|gesamte[nmr]?|komplette[nmr]?|whole|entire|full)\s+(?:day before|previous day|vortag\w*|"
    r"tag davor|tag zuvor|week before|previous week|vorwoche)|(?:day before|previous day|vortag\w*|vorwoche)\s+"
    r"(?:insgesamt|overall|gesamt|as a whole)"
    r"|(?:schnitt|durchschnitt|mittelwert|average|mean)\s+(?:von|der|des|of|for)\s+(?:der\s+|the\s+)?(?:linie|line|l\s?\d)"
    r"|(?:l\s?\d|line|linie|its|seine[nm]?|ihre[nm]?)(?:['’]s)?\s+(?:normal|usual|average|mean|typical|uebliche)\w*)\b"
)  # 'im Vergleich zum Schnitt von L2 in den vier Wochen davor': the line's mean, every shift
REACH = 24  # characters around a time word in which 'whole day' is said of it


def sided_shifts(
    text: str, times: list[TimeMatch], matches: list[EntityMatch]
) -> tuple[list[TimeMatch], list[EntityMatch]]:
    """The time matches with their own shifts where the sides differ, and the entity matches left as filters."""
    if len(times) < 2:
        return times, matches
    shifts = [m for m in matches if m.entity.kind == "shift"]
    beside = [[m for m in shifts if _beside(text, t.span, m.span)] for t in times]
    whole = [not own and _whole_day(text, t.span) for t, own in zip(times, beside, strict=True)]
    distinct = {tuple(sorted(m.entity.id for m in own)) for own in beside if own}
    if not any(beside) or (len(distinct) < 2 and not any(whole)):
        return times, matches
    sided = [_with_shifts(t, own) for t, own in zip(times, beside, strict=True)]
    used = {id(m) for own in beside for m in own}
    return sided, [m for m in matches if id(m) not in used]


def _beside(text: str, time: tuple[int, int], shift: tuple[int, int]) -> bool:
    """Only a genitive, an article or a preposition stands between the time word and the shift."""
    between = text[time[1] : shift[0]] if time[1] <= shift[0] else text[shift[1] : time[0]]
    return len(between) <= 20 and BESIDE.match(between) is not None


def _whole_day(text: str, span: tuple[int, int]) -> bool:
    """'den ganzen Vortag', 'the whole day before', 'yesterday overall': this side is every shift."""
    before = text[max(0, span[0] - REACH) : span[0]]
    return (
        WHOLE_BEFORE.search(before) is not None
        or WHOLE_DAY.search(f"{before} {text[span[1] : span[1] + REACH]}") is not None
    )


def _with_shifts(time: TimeMatch, own: list[EntityMatch]) -> TimeMatch:
    """The window restricted to its own shifts (none: all shifts), its label saying which."""
    ids = tuple(dict.fromkeys(m.entity.id for m in own))
    names = (
        ", ".join(dict.fromkeys(m.entity.label_de for m in own)),
        ", ".join(dict.fromkeys(m.entity.label_en for m in own)),
    )
    return replace(time, window=in_shifts(time.window, ids, names))


def in_shifts(window: TimeWindow, shifts: tuple[str, ...], names: tuple[str, str]) -> TimeWindow:
    """One side of a comparison in its own shifts (none: every shift), the label naming them."""
    de, en = names if shifts else ("alle Schichten", "all shifts")
    return replace(
        window, own_shifts=shifts, label_de=f"{window.label_de}, {de}", label_en=f"{window.label_en}, {en}"
    )


def whole_before(full: str) -> bool:
    """The derived earlier side is said to be whole: 'the whole day before', 'den ganzen Vortag'."""
    return WHOLE_BEFORE_SIDE.search(full) is not None


def split_sides(
    periods: list[TimeWindow], shifts: tuple[str, ...], catalog: EntityCatalog | None
) -> list[TimeWindow]:
    """The named shifts on the first side only, every shift on the side before it."""
    names = tuple(
        ", ".join(catalog.label("shift", s, lang) if catalog else s for s in shifts) for lang in ("de", "en")
    )
    return [in_shifts(periods[0], shifts, (names[0], names[1])), in_shifts(periods[1], (), ("", ""))]
