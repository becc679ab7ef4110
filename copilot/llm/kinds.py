"""The kind of a figure — share, energy, power, time or count — from the unit written after it, a fact's unit
or a result column's name, so that a number is grounded only by a value of its own kind."""

from __future__ import annotations

import re

SHARE, ENERGY, POWER, TIME, COUNT = "share", "energy", "power", "time", "count"

# What may follow a number in the model's text, German and English; the first that matches decides.
_UNIT_AFTER = (
    (SHARE, r"%|prozent|percent|per cent|pct|pp\b|prozentpunkte|percentage points?"),
    (ENERGY, r"[km]?wh\b|kilowattstunden|kilowatt[- ]hours?"),
    (POWER, r"[km]w\b|kilowatt\b"),
    (TIME, r"(?:s|sek|sec|secs|min|mins|h|std)\b|sekunden|seconds?|minuten|minutes?|stunden|hours?"),
    (
        COUNT,
        r"(?:stück|stk|teile|gutteile|ausschussteile|parts?|units?|pieces?|stopps?|stops?|stillstände|"
        r"störungen|ausfälle|breakdowns?|alarme?|alarms?|ereignisse|events?|rüstvorgänge|rüstungen|"
        r"changeovers?|aufträge|orders?|kurzstopps?|short stops?|meldungen|defects?|fehler)\b",
    ),
)
UNIT_AFTER = tuple(
    (kind, re.compile(r"^\s*(?:" + pattern + ")", re.IGNORECASE)) for kind, pattern in _UNIT_AFTER
)

FACT_UNITS = {
    "%": SHARE, "ratio": SHARE, "pp": SHARE, "kWh": ENERGY, "MWh": ENERGY, "kWh/unit": ENERGY,
    "kW": POWER, "s": TIME, "min": TIME, "h": TIME, "count": COUNT,
}  # fmt: skip

# A result column's kind from the words of its name; shares first ('scrap_rate' is a share, not a count).
COLUMN_WORDS = (
    (SHARE, {"oee", "availability", "performance", "quality", "ratio", "rate", "share", "fpy", "pct", "percent",
             "anteil", "quote", "pp"}),
    (ENERGY, {"kwh", "mwh", "energy", "electricity", "air", "consumption", "verbrauch"}),
    (POWER, {"kw", "load", "power", "leistung"}),
    (TIME, {"s", "sec", "min", "minutes", "h", "hours", "seconds", "duration", "mttr", "mtbf", "cycle", "takt",
            "dauer", "repair", "reaction", "excess", "time"}),
    (COUNT, {"count", "n", "stops", "units", "good", "scrap", "events", "orders", "number", "qty", "made",
             "remaining", "output", "alarms", "breakdowns", "changeovers", "readings"}),
)  # fmt: skip
WORD_OF_NAME = re.compile(r"[a-z0-9]+")


def written_kind(after: str) -> str | None:
    """The kind named right after a number in a text ('74 %' → share, '5.786 kWh' → energy), or None."""
    for kind, pattern in UNIT_AFTER:
        if pattern.match(after):
            return kind
    return None


def fact_kind(unit: str) -> str | None:
    """The kind of a fact's value from its unit; None for units of no kind (identifiers, names)."""
    return FACT_UNITS.get(unit)


def column_kind(name: str) -> str | None:
    """The kind of a result column from its name; None where the name says nothing (then any kind may use it)."""
    words = set(WORD_OF_NAME.findall(name.lower()))
    for kind, names in COLUMN_WORDS:
        if words & names:
            return kind
    return None


def compatible(written: str | None, value: str | None) -> bool:
    """May a number written as `written` be grounded by a value of kind `value`? Unknown on either side may."""
    return written is None or value is None or written == value
