"""Prices on the tariff: known ahead, so 'wann ist der Strom morgen am billigsten?' is answered, past or future."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..plan import Plan
from ..semantic.filters import Filters

if TYPE_CHECKING:
    from .offline import Understanding

CHEAP = re.compile(r"\b(?:billig\w*|guenstig\w*|cheap\w*|lowest price|niedrigste[nr]? preis)\b")
DEAR = re.compile(r"\b(?:teuer\w*|teurer\w*|teuerste\w*|expensive|highest price|hoechste[nr]? preis)\b")
WHEN = re.compile(
    r"\b(?:wann|when|which hours?|what time|welche[rnm]? (?:stunden?|uhrzeit)|zu welcher (?:stunde|uhrzeit)|"
    r"um wie ?viel uhr|in welcher stunde)\b"
)
POWER = re.compile(r"\b(?:strom\w*|electricity|power|energie\w*|energy|kwh|kilowattstunde\w*)\b")
PRICE_METRICS = frozenset({"energy_price", "tariff_price"})
HOURS_SHOWN = 3


def tariff_plan(u: Understanding, priced_media: frozenset[str]) -> Plan | None:
    """The hours a price is lowest or highest in, or the tariff of a coming period; None for other questions."""
    if not u.windows or "electricity" not in priced_media or not POWER.search(u.full):
        return None
    media = Filters(media=("electricity",))
    cheap, dear = CHEAP.search(u.full), DEAR.search(u.full)
    if (cheap or dear) and WHEN.search(u.full):
        return Plan(
            "rank",
            u.language,
            metrics=("tariff_price",),
            filters=media,
            periods=u.windows,
            group_by="start",
            ranking="asc" if cheap else "desc",
            limit=HOURS_SHOWN,
        )
    if PRICE_METRICS & set(u.metrics) and any(w.future for w in u.windows):
        return Plan("value", u.language, metrics=("tariff_price",), filters=media, periods=u.windows)
    return None
