"""The shift handover's figures for one line and shift, every KPI through the semantic layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from ..answer import Evidence
from ..entities import EntityCatalog
from ..plain_error import PlainError
from ..runner import QueryRunner
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters, sql_text, sql_timestamp
from .options import WHICH


class HandoverError(PlainError):
    """A handover that cannot be built, with its message in German and English."""


@dataclass(frozen=True)
class DayWindow:
    """The production day of a shift: [shift_date 00:00, next day 00:00)."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, day: date) -> DayWindow:
        """The window of one shift_date."""
        start = datetime.combine(day, datetime.min.time())
        return cls(start, start + timedelta(days=1))


@dataclass(frozen=True)
class ShiftSlot:
    """One worked shift of one line from the shift calendar."""

    line: str
    day: date
    code: str
    start: datetime
    end: datetime

    @property
    def window(self) -> DayWindow:
        """The window the semantic layer reads shift KPIs in (with the shift code as a filter)."""
        return DayWindow.of(self.day)

    def filters(self) -> Filters:
        """This line and this shift code."""
        return Filters(lines=(self.line,), shifts=(self.code,))


@dataclass(frozen=True)
class Loss:
    """One of the largest losses: a reason at a station, its minutes and stops."""

    station: str
    reason: str
    reason_de: str
    reason_en: str
    minutes: float
    stops: int


@dataclass(frozen=True)
class Scrap:
    """Scrapped units of one defect code."""

    defect: str
    defect_de: str
    defect_en: str
    units: int


@dataclass(frozen=True)
class MaintenanceOrder:
    """A maintenance order the next shift should know about."""

    mo_id: str
    station: str | None
    kind: str
    status: str
    created: datetime
    description: str


@dataclass
class Handover:
    """Everything the handover shows for one line and shift."""

    slot: ShiftSlot
    line_de: str
    line_en: str
    shift_de: str
    shift_en: str
    now: datetime
    running: bool
    output: int
    good: int
    plan: float | None
    week_ago: ShiftSlot | None
    output_week_ago: int | None
    oee: float | None
    availability: float | None
    performance: float | None
    quality: float | None
    oee_target: float | None
    losses: list[Loss]
    scrap: list[Scrap]
    maintenance: list[MaintenanceOrder]
    notes: list[Any] = field(default_factory=list)  # Gemba observations of the shift
    watch: list[tuple[str, str]] = field(default_factory=list)  # (German, English)
    evidence: list[Evidence] = field(default_factory=list)


def _value(frame: pd.DataFrame, column: str = "value") -> float | None:
    """One cell as a float, None when empty or NULL."""
    if frame.empty or column not in frame or pd.isna(frame[column].iloc[0]):
        return None
    return float(frame[column].iloc[0])


def resolve_line(catalog: EntityCatalog, text: str) -> str:
    """A line id from 'L2', '2', 'Linie 2' or 'line 2'; a clear message when there is no such line."""
    lines = catalog.entities("line")
    wanted = text.strip()
    for entity in lines:
        if wanted.upper() == entity.id.upper():
            return entity.id
    phrase = f"Linie {wanted}" if wanted.isdigit() else wanted
    found = [m.entity.id for m in catalog.find(phrase)[0] if m.entity.kind == "line"]
    if len(set(found)) == 1:
        return found[0]
    names = ", ".join(e.id for e in lines)
    raise HandoverError(
        f"Die Linie „{text}“ gibt es nicht; die Linien sind {names}.",
        f"There is no line “{text}”; the lines are {names}.",
    )


def find_slot(runner: QueryRunner, line: str, now: datetime, which: str) -> ShiftSlot:
    """The line's shift that ended last before now, or the one running now."""
    base = (
        "SELECT shift_date, shift_code, start_ts, end_ts FROM shift_calendar "
        f"WHERE line_id = {sql_text(line)} AND "
    )
    if which == "current":
        sql = base + f"start_ts <= {sql_timestamp(now)} AND end_ts > {sql_timestamp(now)}"
    else:
        sql = base + f"end_ts <= {sql_timestamp(now)} ORDER BY end_ts DESC LIMIT 1"
    frame = runner.sql(sql, "shift" if which == "last" else "current shift")
    if frame.empty:
        raise HandoverError(
            f"Auf {line} läuft gerade keine Schicht ({now:%d.%m.%Y %H:%M})."
            if which == "current"
            else f"Auf {line} gibt es vor {now:%d.%m.%Y %H:%M} keine Schicht.",
            f"No shift is running on {line} now ({now:%Y-%m-%d %H:%M})."
            if which == "current"
            else f"{line} has no shift before {now:%Y-%m-%d %H:%M}.",
        )
    return _slot(line, frame.iloc[0])


def _slot(line: str, row: pd.Series) -> ShiftSlot:
    return ShiftSlot(
        line,
        pd.Timestamp(row["shift_date"]).date(),
        str(row["shift_code"]),
        pd.Timestamp(row["start_ts"]).to_pydatetime(),
        pd.Timestamp(row["end_ts"]).to_pydatetime(),
    )


def same_shift_a_week_earlier(runner: QueryRunner, slot: ShiftSlot) -> ShiftSlot | None:
    """The same shift on the same weekday a week before, when the line worked it."""
    day = slot.day - timedelta(days=7)
    frame = runner.sql(
        "SELECT shift_date, shift_code, start_ts, end_ts FROM shift_calendar "
        f"WHERE line_id = {sql_text(slot.line)} AND shift_date = DATE '{day.isoformat()}' "
        f"AND shift_code = {sql_text(slot.code)}",
        "shift a week earlier",
    )
    return None if frame.empty else _slot(slot.line, frame.iloc[0])


def planned_quantity(runner: QueryRunner, slot: ShiftSlot, until: datetime) -> float | None:
    """The plan of the shift: each order's planned quantity, shared out by the part of its run inside the shift.

    A finished order runs from its actual start to its actual end; a running one until it would end at its
    ideal cycle time, or now if that has passed.
    """
    start, end, now = sql_timestamp(slot.start), sql_timestamp(slot.end), sql_timestamp(until)
    ideal_end = "o.actual_start_ts + TO_SECONDS(CAST(o.planned_qty * lp.ideal_cycle_time_s AS BIGINT))"
    run_end = f"COALESCE(o.actual_end_ts, GREATEST({ideal_end}, {now}))"
    frame = runner.sql(
        f"SELECT SUM(o.planned_qty * (EPOCH(LEAST({run_end}, {end})) - EPOCH(GREATEST(o.actual_start_ts, {start}))) "
        f"/ NULLIF(EPOCH({run_end}) - EPOCH(o.actual_start_ts), 0)) AS value "
        "FROM production_orders AS o JOIN line_products AS lp "
        "ON lp.line_id = o.line_id AND lp.product_id = o.product_id "
        f"WHERE o.line_id = {sql_text(slot.line)} AND o.actual_start_ts < {end} AND {run_end} > {start}",
        "plan of the shift",
    )
    return _value(frame)


def oee_terms(runner: QueryRunner, slot: ShiftSlot) -> pd.DataFrame:
    """OEE with its availability, performance and quality terms."""
    return runner.metric(MetricQuery("oee", slot.window, slot.filters()), "OEE of the shift")


def output_of(runner: QueryRunner, slot: ShiftSlot, purpose: str) -> int:
    """Units produced in a shift."""
    return int(_value(runner.metric(MetricQuery("output", slot.window, slot.filters()), purpose)) or 0)


def largest_losses(
    runner: QueryRunner, catalog: EntityCatalog, slot: ShiftSlot, count: int = 3
) -> list[Loss]:
    """The unplanned stops with the most minutes, by station and reason."""
    query = MetricQuery("downtime", slot.window, slot.filters(), ("station", "reason"), "desc", count)
    frame = runner.metric(query, "largest losses")
    stops = runner.metric(
        MetricQuery("stop_count", slot.window, slot.filters(), ("station", "reason")), "stops"
    )
    counted = {(r.station, r.reason): int(r.value) for r in stops.itertuples()}
    return [
        Loss(
            str(r.station),
            str(r.reason),
            catalog.label("reason", str(r.reason), "de"),
            catalog.label("reason", str(r.reason), "en"),
            float(r.value),
            counted.get((r.station, r.reason), 0),
        )
        for r in frame.itertuples()
        if r.value and r.value > 0
    ]


def scrap_by_defect(runner: QueryRunner, catalog: EntityCatalog, slot: ShiftSlot) -> list[Scrap]:
    """Scrapped units per defect code, the most first."""
    query = MetricQuery("scrap_count", slot.window, slot.filters(), ("defect",), "desc")
    frame = runner.metric(query, "scrap by defect")
    return [
        Scrap(
            str(r.defect),
            catalog.label("defect", str(r.defect), "de"),
            catalog.label("defect", str(r.defect), "en"),
            int(r.value),
        )
        for r in frame.itertuples()
        if r.value
    ]


def maintenance_orders(runner: QueryRunner, slot: ShiftSlot, now: datetime) -> list[MaintenanceOrder]:
    """Orders of the line still open now, and those created during the shift."""
    frame = runner.sql(
        "SELECT mo_id, station_id, kind, status, created_ts, description FROM maintenance_orders "
        f"WHERE line_id = {sql_text(slot.line)} AND created_ts <= {sql_timestamp(now)} AND "
        f"(status IN ('open', 'in_progress') OR (created_ts >= {sql_timestamp(slot.start)} "
        f"AND created_ts < {sql_timestamp(slot.end)})) ORDER BY created_ts",
        "maintenance orders",
    )
    return [
        MaintenanceOrder(
            str(r.mo_id),
            None if pd.isna(r.station_id) else str(r.station_id),
            str(r.kind),
            str(r.status),
            pd.Timestamp(r.created_ts).to_pydatetime(),
            str(r.description),
        )
        for r in frame.itertuples()
    ]


def oee_target(runner: QueryRunner, line: str) -> float | None:
    """The line's OEE target, when the plant has one."""
    frame = runner.sql(
        f"SELECT target AS value FROM kpi_targets WHERE line_id = {sql_text(line)} AND kpi = 'oee'",
        "OEE target",
    )
    return _value(frame)


def build_handover(
    connector: Any, catalog: EntityCatalog, line: str, now: datetime, which: str = "last",
    notes: list[Any] | None = None,
) -> Handover:  # fmt: skip
    """The handover of a line's last (or current) shift."""
    from .watch import watch_items

    if which not in WHICH:
        raise HandoverError(
            f"--shift kennt nur {', '.join(WHICH)}, nicht „{which}“.",
            f"--shift takes {', '.join(WHICH)}, not “{which}”.",
        )
    runner = QueryRunner(connector)
    line_id = resolve_line(catalog, line)
    slot = find_slot(runner, line_id, now, which)
    terms = oee_terms(runner, slot)
    week_ago = same_shift_a_week_earlier(runner, slot)
    shift = catalog.shift_pattern.get(slot.code)
    handover = Handover(
        slot=slot,
        line_de=catalog.label("line", line_id, "de"),
        line_en=catalog.label("line", line_id, "en"),
        shift_de=shift.name_de if shift else slot.code,
        shift_en=shift.name_en if shift else slot.code,
        now=now,
        running=slot.end > now,
        output=output_of(runner, slot, "output of the shift"),
        good=int(_value(terms, "good") or 0),
        plan=planned_quantity(runner, slot, now),
        week_ago=week_ago,
        output_week_ago=output_of(runner, week_ago, "output a week earlier") if week_ago else None,
        oee=_value(terms),
        availability=_value(terms, "availability"),
        performance=_value(terms, "performance"),
        quality=_value(terms, "quality"),
        oee_target=oee_target(runner, line_id),
        losses=largest_losses(runner, catalog, slot),
        scrap=scrap_by_defect(runner, catalog, slot),
        maintenance=maintenance_orders(runner, slot, now),
        notes=list(notes or []),
    )
    handover.watch = watch_items(handover, runner)
    handover.evidence = runner.evidence
    return handover
