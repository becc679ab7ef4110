"""A maintenance window: the slot in the coming shifts where an open maintenance order costs the least output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from ..answer import Evidence
from ..entities import EntityCatalog
from ..handover.build import resolve_line
from ..runner import QueryRunner
from ..semantic.filters import sql_text, sql_timestamp
from .coming import ComingShift, WeekProfile, coming_shifts, history_window, week_profile
from .planned_stops import PlannedStop, planned_changeovers
from .sequence import ProposalError

STEP = timedelta(minutes=15)  # windows start on quarter hours
OPEN = ("open", "in_progress")


@dataclass(frozen=True)
class OpenOrder:
    """A maintenance order not yet done, and how long such work took before."""

    mo_id: str
    line: str
    station: str | None
    kind: str
    status: str
    created: datetime
    description: str
    minutes: float
    basis: str  # 'station', 'line' or 'plant': where the duration comes from
    basis_orders: int


@dataclass(frozen=True)
class Slot:
    """One possible window and the planned output it would cost."""

    start: datetime
    end: datetime
    shift: ComingShift
    units: float  # planned output lost
    minutes: float  # production minutes lost (breaks and planned changeovers not counted)
    changeover_minutes: float  # minutes of the window that fall into a planned changeover


@dataclass
class MaintenanceProposal:
    """The best slots for one order against doing it now."""

    order: OpenOrder
    line_de: str
    line_en: str
    now_slot: Slot | None
    best: list[Slot]
    candidates: int
    profile: WeekProfile
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def saved_units(self) -> float:
        """Output the best slot keeps against starting now."""
        return 0.0 if self.now_slot is None or not self.best else self.now_slot.units - self.best[0].units


def open_orders(runner: QueryRunner, now: datetime, mo_id: str | None, line: str | None) -> list[OpenOrder]:
    """The open orders asked for, with their expected duration from the done orders of their kind."""
    where = (
        f"UPPER(o.mo_id) = {sql_text(mo_id.strip().upper())}"
        if mo_id
        else f"o.line_id = {sql_text(line or '')}"
    )
    frame = runner.sql(
        "SELECT o.mo_id, o.line_id, o.station_id, o.kind, o.status, o.created_ts, o.description FROM maintenance_orders o "
        f"WHERE {where} AND o.created_ts <= {sql_timestamp(now)} ORDER BY o.created_ts, o.mo_id",
        "maintenance orders",
    )
    if mo_id and frame.empty:
        raise ProposalError(
            f"Den Instandhaltungsauftrag „{mo_id}“ gibt es nicht.",
            f"There is no maintenance order “{mo_id}”.",
        )
    frame = frame[frame["status"].isin(OPEN)]
    if frame.empty:
        raise ProposalError(
            f"{mo_id or line} ist kein offener Instandhaltungsauftrag." if mo_id
            else f"{line} hat keine offenen Instandhaltungsaufträge.",
            f"{mo_id} is not an open maintenance order." if mo_id else f"{line} has no open maintenance orders.",
        )  # fmt: skip
    durations = runner.sql(
        "SELECT line_id, station_id, kind, DATE_DIFF('second', start_ts, end_ts) / 60.0 AS minutes "
        "FROM maintenance_orders WHERE status = 'done' AND start_ts IS NOT NULL AND end_ts IS NOT NULL",
        "durations of done maintenance orders",
    )
    return [_with_duration(r, durations) for r in frame.itertuples()]


def _with_duration(r: Any, done: pd.DataFrame) -> OpenOrder:
    """The median duration of done orders of the same kind: at the station, else on the line, else anywhere."""
    station = None if pd.isna(r.station_id) else str(r.station_id)
    same = done[done["kind"] == r.kind]
    found = [
        (basis, rows)
        for basis, rows in (
            ("station", same[same["station_id"] == station]),
            ("line", same[same["line_id"] == r.line_id]),
            ("plant", same),
        )
        if len(rows)
    ]
    if not found:
        raise ProposalError(
            f"Für {r.mo_id} gibt es keine erledigten Aufträge dieser Art; die Dauer wäre geraten.",
            f"{r.mo_id} has no done orders of its kind; its duration would be a guess.",
        )
    basis, rows = found[0]
    minutes = float(rows["minutes"].median())
    return OpenOrder(str(r.mo_id), str(r.line_id), station, str(r.kind), str(r.status),
                     pd.Timestamp(r.created_ts).to_pydatetime(), str(r.description),
                     max(15.0, round(minutes / 15) * 15), basis, len(rows))  # fmt: skip


def _overlap(a: datetime, b: datetime, c: datetime, d: datetime) -> float:
    """Minutes two intervals share."""
    return max(0.0, (min(b, d) - max(a, c)).total_seconds() / 60)


def slot_cost(start: datetime, minutes: float, shift: ComingShift, profile: WeekProfile,
              stops: list[PlannedStop]) -> Slot:  # fmt: skip
    """The output a window costs: the hours' usual output, less what planned changeovers stop anyway."""
    end = start + timedelta(minutes=minutes)
    units = profile.units(start, end)
    changeover = 0.0
    for stop in stops:
        shared = _overlap(start, end, stop.start, stop.end)
        if shared:
            changeover += shared
            units -= profile.units(max(start, stop.start), min(end, stop.end))
    units = max(0.0, units)
    worked = minutes - changeover
    return Slot(start, end, shift, units, min(worked, units / profile.typical * 60) if profile.typical else 0.0,
                changeover)  # fmt: skip


def candidate_slots(order: OpenOrder, shifts: list[ComingShift], profile: WeekProfile, stops: list[PlannedStop],
                    now: datetime) -> list[Slot]:  # fmt: skip
    """Every quarter-hour start whose window fits into one coming shift (or shifts that follow each other)."""
    length = timedelta(minutes=order.minutes)
    slots = []
    for i, shift in enumerate(shifts):
        end = shift.end
        for nxt in shifts[i + 1 :]:
            if nxt.start != end:
                break
            end = nxt.end
        start = max(shift.start, _quarter(now))
        while start < shift.end and start + length <= end:
            slots.append(slot_cost(start, order.minutes, shift, profile, stops))
            start += STEP
    return slots


def _quarter(t: datetime) -> datetime:
    """The next quarter hour at or after t."""
    base = t.replace(second=0, microsecond=0)
    return base + timedelta(minutes=-base.minute % 15) if base < t or base.minute % 15 else base


def propose_maintenance(connector: Any, catalog: EntityCatalog, now: datetime, order: str | None = None,
                        line: str | None = None) -> list[MaintenanceProposal]:  # fmt: skip
    """For one open order, or every open order of a line: the best windows in the coming shifts and starting now."""
    runner = QueryRunner(connector)
    line_id = resolve_line(catalog, line) if line else None
    orders = open_orders(runner, now, order, line_id)
    proposals = []
    context: dict[str, tuple[list[ComingShift], WeekProfile, list[PlannedStop]]] = {}
    for o in orders:
        if o.line not in context:
            context[o.line] = _line_context(runner, catalog, o.line, now)
        shifts, profile, stops = context[o.line]
        slots = candidate_slots(o, shifts, profile, stops, now)
        first = _quarter(now)
        now_slot = next((s for s in slots if s.start == first), None)
        best = sorted(slots, key=lambda s: (round(s.units, 6), s.start))
        proposals.append(
            MaintenanceProposal(o, catalog.label("line", o.line, "de"), catalog.label("line", o.line, "en"),
                                now_slot, _apart(best), len(slots), profile, runner.evidence)
        )  # fmt: skip
    return proposals


def _line_context(runner: QueryRunner, catalog: EntityCatalog, line: str,
                  now: datetime) -> tuple[list[ComingShift], WeekProfile, list[PlannedStop]]:  # fmt: skip
    """A line's coming shifts, its usual week and the changeovers its backlog plans."""
    shifts = coming_shifts(runner, line, now)
    if not shifts:
        raise ProposalError(
            f"Für {line} ist in den letzten Wochen keine Schicht geplant; es gibt kein Fenster.",
            f"{line} has had no shifts in the last weeks; there is no window.",
        )
    return (
        shifts,
        week_profile(runner, line, now),
        planned_changeovers(runner, catalog, line, now, history_window(now)),
    )


def _apart(slots: list[Slot], count: int = 3) -> list[Slot]:
    """The best slots, each in a different shift."""
    chosen: list[Slot] = []
    for s in slots:
        if all(s.shift != c.shift for c in chosen):
            chosen.append(s)
        if len(chosen) == count:
            break
    return chosen
