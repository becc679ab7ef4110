"""Numbers, units and periods written the way German and English readers expect."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .timeframes import WEEKDAY_NAMES

DECIMALS = {
    "×": 2,
    "%": 1,
    "pp": 1,
    "s": 1,
    "min": 0,
    "h": 1,
    "MWh": 2,
    "kWh": 0,
    "kW": 1,
    "kWh/unit": 2,
    "units/kWh": 3,
    "count": 0,
    "EUR": 2,
    "EUR/kWh": 3,
}
UNIT_FACTORS = (  # units of one kind, each in the kind's smallest: a figure may be shown in any of its kind
    {"h": 3600.0, "min": 60.0, "s": 1.0},
    {"MWh": 1000.0, "kWh": 1.0},
)
UNIT_TEXT = {
    "de": {
        "×": "-mal so viel",
        "count": "Stück",
        "kWh/unit": "kWh/Gutteil",
        "units/kWh": "Gutteile/kWh",
        "EUR": "€",
        "EUR/kWh": "€/kWh",
        "min": "min",
        "h": "h",
        "pp": "Prozentpunkte",
    },
    "en": {
        "×": "times",
        "count": "units",
        "kWh/unit": "kWh/good unit",
        "units/kWh": "good units/kWh",
        "EUR": "€",
        "EUR/kWh": "€/kWh",
        "min": "min",
        "h": "h",
        "pp": "percentage points",
    },
}


def steady(value: float) -> float:
    """The value without the last bits that summation order changes, so every engine shows the same digits."""
    return round(float(value), 9) + 0.0  # + 0.0 turns −0.0 into 0.0


def number(value: float, language: str, decimals: int = 1) -> str:
    """1234.5 → '1.234,5' (de) or '1,234.5' (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{steady(value):,.{decimals}f}"
    if language == "de":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def quantity(value: float, unit: str, language: str) -> str:
    """A value with its unit: '72,3 %', '5.786 kWh', '1.234 Stück'."""
    decimals = DECIMALS.get(unit, 1)
    fractional_count = unit == "count" and not float(value).is_integer() and abs(value) < 100
    if (unit == "count" and not fractional_count) or (unit == "min" and abs(value) >= 10):
        decimals = 0  # an average count such as 0.6 changeovers per shift keeps its decimal
    shown = UNIT_TEXT.get(language, {}).get(unit, unit)
    space = "" if shown.startswith("-") else " "  # '1,67-mal so viel'
    return f"{number(value, language, decimals)}{space}{shown}"


def signed_percent(change: float, language: str) -> str:
    """0.063 → '+6,3 %'."""
    sign = "+" if steady(change) >= 0 else "−"
    return f"{sign}{number(abs(change) * 100, language, 1)} %"


def signed(value: float, unit: str, language: str) -> str:
    """A difference with its sign: '+15 min', '−2,1 %'."""
    sign = "+" if steady(value) >= 0 else "−"
    return sign + quantity(abs(value), unit, language)


def moment(value: Any, language: str) -> str:
    """A record's moment: 'Mi 19.11.2025 10:12' / 'Wed 2025-11-19 10:12'."""
    stamp = pd.Timestamp(value)
    day = WEEKDAY_NAMES[stamp.weekday()][0 if language == "de" else 1][: 2 if language == "de" else 3]
    return f"{day} {stamp:%d.%m.%Y %H:%M}" if language == "de" else f"{day} {stamp:%Y-%m-%d %H:%M}"
