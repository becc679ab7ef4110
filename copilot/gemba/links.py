"""Links an observation to the data around it: stops, alarms, scrap and maintenance orders at its place and time.

The place comes from the note (or is given) through the entity catalogue, the time from the note's own
words ("seit Montag", "gestern") through the time frames; every figure through the semantic layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from ..entities import EntityCatalog
from ..formatting import number
from ..runner import QueryRunner
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters, sql_text, sql_timestamp
from ..timeframes import TimeWindow, find_timeframes
from .store import GembaError

DEFAULT_TIME = {"de": "letzte 7 Tage", "en": "last 7 days"}  # when the note names no time
SHOWN_REASONS = 3
STATUS = {
    "open": ("offen", "open"),
    "in_progress": ("in Arbeit", "in progress"),
    "done": ("erledigt", "done"),
}


@dataclass(frozen=True)
class Place:
    """Where the note was taken: a line, and a station when it names one."""

    line: str
    station: str | None


@dataclass
class Found:
    """What the data says around one observation."""

    place: Place
    window: TimeWindow
    time_said: str  # the note's words for the time, '' when it named none
    stops: list[dict[str, Any]] = field(default_factory=list)  # reason, text_de, text_en, count, minutes
    alarms: list[dict[str, Any]] = field(default_factory=list)  # alarm, count, night
    scrap: list[dict[str, Any]] = field(default_factory=list)  # defect, text_de, text_en, units
    orders: list[dict[str, Any]] = field(default_factory=list)  # mo_id, kind, status, description
    sql: list[str] = field(default_factory=list)


def find_place(
    catalog: EntityCatalog, text: str, line: str | None = None, station: str | None = None
) -> Place:
    """The station and line a note names (or that were given); a clear message when it names neither."""
    if station:
        entity = catalog.get("station", station.upper())
        if entity is None:
            raise GembaError(f"Die Station „{station}“ gibt es nicht.", f"There is no station “{station}”.")
        return Place(str(entity.line), entity.id)
    matches, _unknown = catalog.find(text)
    stations = [m.entity for m in matches if m.entity.kind == "station"]
    lines = [m.entity.id for m in matches if m.entity.kind == "line"]
    if line:
        entity = catalog.get("line", line.upper())
        if entity is None:
            raise GembaError(f"Die Linie „{line}“ gibt es nicht.", f"There is no line “{line}”.")
        stations = [s for s in stations if s.line == entity.id]
        lines = [entity.id]
    if stations:
        return Place(str(stations[0].line), stations[0].id)
    if lines:
        return Place(lines[0], None)
    raise GembaError(
        "Die Notiz nennt keine Linie oder Station; bitte eine wählen (z. B. L2 oder L2-S2).",
        "The note names no line or station; please choose one (e.g. L2 or L2-S2).",
    )


def note_window(catalog: EntityCatalog, text: str, now: datetime) -> tuple[TimeWindow, str]:
    """The time the note names, and its words; the last seven days when it names none."""
    found = [m for m in find_timeframes(text, now, catalog.shift_pattern) if not m.window.future]
    if found:
        return found[0].window, found[0].text
    return find_timeframes(DEFAULT_TIME["de"], now)[0].window, ""


def link_observation(
    connector: Any, catalog: EntityCatalog, text: str, now: datetime,
    line: str | None = None, station: str | None = None,
) -> Found:  # fmt: skip
    """Stops, alarms, scrap and maintenance orders at the note's place in the time it names."""
    place = find_place(catalog, text, line, station)
    window, said = note_window(catalog, text, now)
    runner = QueryRunner(connector)
    found = Found(place, window, said)
    where = Filters(lines=(place.line,), stations=(place.station,) if place.station else ())
    named = {m.entity.id for m in catalog.find(text)[0] if m.entity.kind == "reason"}
    found.stops = _stops(runner, catalog, window, where, named)
    found.alarms = _alarms(runner, catalog, window, where)
    found.scrap = _scrap(runner, catalog, window, place.line)
    found.orders = _orders(runner, place, window)
    found.sql = [e.sql for e in runner.evidence]
    return found


def _stops(
    runner: QueryRunner, catalog: EntityCatalog, window: TimeWindow, where: Filters, named: set[str]
) -> list[dict[str, Any]]:
    """Unplanned stops per reason: the reasons the note names first, then breakdowns, then the rest by minutes."""
    group = ("reason", "loss_category")
    minutes = runner.metric(MetricQuery("downtime", window, where, group, "desc"), "stops at the place")
    counts = runner.metric(MetricQuery("stop_count", window, where, group), "number of stops")
    counted = {str(r.reason): int(r.value) for r in counts.itertuples()}
    stops = [
        {
            "reason": str(r.reason),
            "category": str(r.loss_category),
            "text_de": catalog.label("reason", str(r.reason), "de"),
            "text_en": catalog.label("reason", str(r.reason), "en"),
            "count": counted.get(str(r.reason), 0),
            "minutes": float(r.value),
        }
        for r in minutes.itertuples()
        if r.value
    ]
    return sorted(
        stops, key=lambda s: (s["reason"] not in named, s["category"] != "breakdown", -s["minutes"])
    )


def _alarms(
    runner: QueryRunner, catalog: EntityCatalog, window: TimeWindow, where: Filters
) -> list[dict[str, Any]]:
    """Alarms per code, with how many fell in the night shift."""
    frame = runner.metric(
        MetricQuery("alarm__count", window, where, ("alarm", "shift")), "alarms at the place"
    )
    if frame.empty:
        return []
    night = catalog.shift_pattern.of_kind("night")
    frame["night"] = frame["value"].where(frame["shift"] == (night.code if night else "-"), 0)
    totals = frame.groupby("alarm")[["value", "night"]].sum().sort_values("value", ascending=False)
    return [
        {"alarm": str(code), "count": int(row.value), "night": int(row.night)}
        for code, row in totals.iterrows()
        if row.value
    ]


def _scrap(
    runner: QueryRunner, catalog: EntityCatalog, window: TimeWindow, line: str
) -> list[dict[str, Any]]:
    """Scrap of the line per defect (units carry no station), the most first."""
    query = MetricQuery("scrap_count", window, Filters(lines=(line,)), ("defect",), "desc")
    frame = runner.metric(query, "scrap of the line")
    return [
        {
            "defect": str(r.defect),
            "text_de": catalog.label("defect", str(r.defect), "de"),
            "text_en": catalog.label("defect", str(r.defect), "en"),
            "units": int(r.value),
        }
        for r in frame.itertuples()
        if r.value
    ]


def _orders(runner: QueryRunner, place: Place, window: TimeWindow) -> list[dict[str, Any]]:
    """Maintenance orders at the place created in the window, and those still open."""
    at = f"station_id = {sql_text(place.station)}" if place.station else f"line_id = {sql_text(place.line)}"
    frame = runner.sql(
        "SELECT mo_id, kind, status, description, created_ts FROM maintenance_orders "
        f"WHERE {at} AND created_ts < {sql_timestamp(window.end)} AND (status IN ('open', 'in_progress') "
        f"OR created_ts >= {sql_timestamp(window.start)}) ORDER BY created_ts",
        "maintenance orders at the place",
    )
    return [
        {
            "mo_id": str(r.mo_id),
            "kind": str(r.kind),
            "status": str(r.status),
            "description": str(r.description),
            "created": pd.Timestamp(r.created_ts).isoformat(),
        }
        for r in frame.itertuples()
    ]


def card(found: Found, language: str) -> str:
    """The one-card answer: 'Seit Montag (17.11.–20.11.2025) an L2-S2: 1× Hydraulikstörung, 96 min; …'."""
    de = language == "de"
    said = found.time_said if found.time_said and not _other_language(found.time_said, de) else ""
    when = found.window.label(language)
    when = f"{said} ({when.split('(')[-1].rstrip(')')})" if said else when
    where = found.place.station or found.place.line
    parts = [_stops_text(found, de), _alarms_text(found, de), _orders_text(found, de), _scrap_text(found, de)]
    head = f"{when[:1].upper()}{when[1:]} {'an' if de else 'at'} {where}"
    return f"{head}: " + "; ".join(p for p in parts if p) + "."


def _other_language(words: str, de: bool) -> bool:
    """Whether the note's time words are in the other language than the card's."""
    english = any(w in words.lower() for w in ("since", "today", "yesterday", "last", "week", "day", "ago"))
    return english == de


def _stops_text(found: Found, de: bool) -> str:
    if not found.stops:
        return "keine Stillstände" if de else "no stops"
    shown = [
        f"{s['count']}× {s['text_de' if de else 'text_en']} ({number(s['minutes'], 'de' if de else 'en', 0)} min)"
        for s in found.stops[:SHOWN_REASONS]
    ]
    more = len(found.stops) - SHOWN_REASONS
    if more > 0:
        shown.append(f"{more} weitere Gründe" if de else f"{more} more reasons")
    return ", ".join(shown)


def _alarms_text(found: Found, de: bool) -> str:
    if not found.alarms:
        return ""
    top = found.alarms[0]
    lang = "de" if de else "en"
    count = number(top["count"], lang, 0)
    text = f"{count} Alarme {top['alarm']}" if de else f"{count} alarms {top['alarm']}"
    if top["night"]:
        share = number(top["night"] / top["count"] * 100, lang, 0)
        text += f" ({share} % nachts)" if de else f" ({share} % at night)"
    return text


def _orders_text(found: Found, de: bool) -> str:
    word = "Instandhaltungsauftrag" if de else "maintenance order"
    return ", ".join(
        f"{word} {o['mo_id']} {STATUS.get(o['status'], (o['status'],) * 2)[0 if de else 1]}"
        for o in found.orders
    )


def _scrap_text(found: Found, de: bool) -> str:
    if not found.scrap:
        return ""
    top = found.scrap[0]
    units = sum(s["units"] for s in found.scrap)
    lang = "de" if de else "en"
    total, most = number(units, lang, 0), number(top["units"], lang, 0)
    if de:
        return f"Ausschuss {found.place.line}: {total} Stück, meist {top['defect']} {top['text_de']} ({most})"
    return f"scrap on {found.place.line}: {total} units, mostly {top['defect']} {top['text_en']} ({most})"


def link_record(found: Found) -> dict[str, Any]:
    """What the store keeps of the links: the window, the findings, both cards and the queries."""
    return {
        "line": found.place.line,
        "station": found.place.station,
        "start": found.window.start.isoformat(),
        "end": found.window.end.isoformat(),
        "time_said": found.time_said,
        "stops": found.stops,
        "alarms": found.alarms,
        "scrap": found.scrap,
        "orders": found.orders,
        "card_de": card(found, "de"),
        "card_en": card(found, "en"),
        "sql": found.sql,
    }
