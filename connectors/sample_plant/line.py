"""Everything one line recorded: the line's tables as data frames."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import stories
from .calendar import Shift, line_shifts, seconds
from .downtime import Event, line_events
from .energy import line_readings
from .master import PERIOD_START, LineSpec
from .production import Layout, Production
from .timeline import build_timeline, measure

EPOCH = np.datetime64(PERIOD_START.isoformat(), "s")


def to_ts(values: np.ndarray | list[float]) -> np.ndarray:
    """Seconds since the period start as datetime64 wall-clock times."""
    return EPOCH + np.round(np.asarray(values, dtype=float)).astype("timedelta64[s]")


@dataclass
class LineTables:
    """The rows one line contributes to each table."""

    shift_calendar: pd.DataFrame
    orders: pd.DataFrame
    units: pd.DataFrame
    downtime_events: pd.DataFrame
    changeovers: pd.DataFrame
    alarms: pd.DataFrame
    batches: pd.DataFrame
    maintenance_orders: pd.DataFrame
    readings: list[tuple[str, np.ndarray]]


def simulate_line(spec: LineSpec, rng: np.random.Generator) -> LineTables:
    """Run one line through the whole period."""
    shifts = line_shifts(spec)
    events = line_events(spec, shifts, rng)
    timeline = build_timeline(shifts, events)
    production = Layout(spec, timeline, shifts, rng).run()
    shift_starts = np.array([s.start for s in shifts])
    changeover_events = [
        Event(c.start, c.end, "SETUP", spec.main_station, shifts[_shift_index(shift_starts, c.start)])
        for c in production.changeovers
    ]
    all_events = sorted(events + changeover_events, key=lambda e: e.start)
    event_frame = _events_frame(spec, all_events)
    units = _units_frame(spec, production, shifts, shift_starts, events, rng)
    states = _states(shifts, events, production)
    return LineTables(
        shift_calendar=_calendar_frame(spec, shifts),
        orders=_orders_frame(spec, production),
        units=units,
        downtime_events=event_frame,
        changeovers=_changeovers_frame(spec, production, event_frame),
        alarms=_alarms_frame(spec, production, units, all_events, rng),
        batches=_batches_frame(spec, production, units, rng),
        maintenance_orders=_maintenance_frame(spec, all_events, rng),
        readings=line_readings(spec, states, units["ts_s"].to_numpy(), rng),
    )


def _shift_index(shift_starts: np.ndarray, wall: float | np.ndarray):
    """Index of the shift that contains a wall-clock time."""
    return np.searchsorted(shift_starts, wall, side="right") - 1


def _calendar_frame(spec: LineSpec, shifts: list[Shift]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "line_id": spec.line_id,
            "shift_date": [s.shift_date for s in shifts],
            "shift_code": [s.code for s in shifts],
            "start_ts": to_ts([s.start for s in shifts]),
            "end_ts": to_ts([s.end for s in shifts]),
            "planned_minutes": [(s.end - s.start - (s.break_end - s.break_start)) / 60 for s in shifts],
            "team_id": [s.team for s in shifts],
        }
    )


def _orders_frame(spec: LineSpec, production: Production) -> pd.DataFrame:
    orders = production.orders
    return pd.DataFrame(
        {
            "order_id": [o.order_id for o in orders],
            "line_id": spec.line_id,
            "product_id": [o.product_id for o in orders],
            "planned_qty": [o.planned_qty for o in orders],
            "planned_start_ts": to_ts([o.planned_start for o in orders]),
            "actual_start_ts": pd.Series(
                [None if o.start is None else to_ts([o.start])[0] for o in orders],
                dtype="datetime64[s]",
            ),
            "actual_end_ts": pd.Series(
                [None if o.end is None else to_ts([o.end])[0] for o in orders],
                dtype="datetime64[s]",
            ),
            "status": [o.status for o in orders],
        }
    )


def _units_frame(
    spec: LineSpec,
    production: Production,
    shifts: list[Shift],
    shift_starts: np.ndarray,
    events: list[Event],
    rng: np.random.Generator,
) -> pd.DataFrame:
    ts = np.concatenate(production.unit_ts)
    n = len(ts)
    orders = np.concatenate(production.unit_order)
    products = np.array([production.orders[i].product_id for i in orders])
    shift_idx = _shift_index(shift_starts, ts)
    dates = np.array([shifts[i].shift_date for i in shift_idx])
    codes = np.array([shifts[i].code for i in shift_idx])
    batch_idx = production.batch_of_unit[:n].copy()
    batch_ids = np.array([f"B-{spec.line_id}-{b + 1:04d}" for b in batch_idx], dtype=object)
    scrap_p = spec.scrap_rate * rng.lognormal(0.0, 0.25, len(shifts))[shift_idx]
    defect_codes, weights = zip(*spec.defects, strict=True)
    defect = rng.choice(np.array(defect_codes, dtype=object), n, p=np.array(weights) / sum(weights))
    bad = rng.random(n) < scrap_p
    if spec.story:
        bad, defect, batch_ids = _quality_stories(spec, ts, dates, codes, bad, defect, batch_ids, events, rng)
    return pd.DataFrame(
        {
            "unit_id": [f"{spec.line_id}-{i + 1:07d}" for i in range(n)],
            "line_id": spec.line_id,
            "order_id": [production.orders[i].order_id for i in orders],
            "product_id": products,
            "batch_id": batch_ids,
            "ts": to_ts(ts),
            "shift_date": dates,
            "shift_code": codes,
            "cycle_time_s": np.round(np.concatenate(production.unit_cycle), 1),
            "is_good": ~bad,
            "defect_code": pd.Series(defect, dtype=object).where(bad, None),
            "ts_s": ts,
        }
    )


def _quality_stories(spec, ts, dates, codes, bad, defect, batch_ids, events, rng):
    """Stories 3 and 4: cracks after the L2 breakdown, porosity from one supplier on L1."""
    n = len(ts)
    if spec.line_id == stories.BREAKDOWN.line_id:
        repaired = seconds(stories.BREAKDOWN.start) + stories.BREAKDOWN.minutes * 60
        day = stories.BREAKDOWN.start.date()
        hit = (dates == day) & (codes == "L") & (ts >= repaired) & (rng.random(n) < stories.CRACK_EXTRA_P)
        bad, defect = bad | hit, np.where(hit, stories.CRACK_DEFECT, defect)
    if spec.line_id == stories.POROSITY_LINE:
        day_units = dates == stories.POROSITY_DAY
        hit = day_units & (rng.random(n) < stories.POROSITY_EXTRA_P)
        bad, defect = bad | hit, np.where(hit, stories.POROSITY_DEFECT, defect)
        first = np.argmax(day_units)
        split = first + day_units.sum() // 2
        batch_ids = batch_ids.copy()
        batch_ids[day_units & (np.arange(n) < split)] = f"B-{spec.line_id}-X001"
        batch_ids[day_units & (np.arange(n) >= split)] = f"B-{spec.line_id}-X002"
    return bad, defect, batch_ids


def _events_frame(spec: LineSpec, events: list[Event]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": [f"DT-{spec.line_id}-{i + 1:05d}" for i in range(len(events))],
            "line_id": spec.line_id,
            "station_id": [
                None if e.station_seq is None else f"{spec.line_id}-S{e.station_seq}" for e in events
            ],
            "start_ts": to_ts([e.start for e in events]),
            "end_ts": to_ts([e.end for e in events]),
            "duration_s": [float(round(e.end) - round(e.start)) for e in events],
            "reason_code": [e.reason_code for e in events],
            "shift_date": [e.shift.shift_date for e in events],
            "shift_code": [e.shift.code for e in events],
            "note": [e.note for e in events],
        }
    )


def _changeovers_frame(spec: LineSpec, production: Production, events: pd.DataFrame) -> pd.DataFrame:
    setup = events[events["reason_code"] == "SETUP"].reset_index(drop=True)
    cos = production.changeovers
    return pd.DataFrame(
        {
            "changeover_id": [f"CO-{spec.line_id}-{i + 1:04d}" for i in range(len(cos))],
            "line_id": spec.line_id,
            "event_id": setup["event_id"],
            "from_product_id": [c.from_product for c in cos],
            "to_product_id": [c.to_product for c in cos],
            "start_ts": setup["start_ts"],
            "end_ts": setup["end_ts"],
            "duration_s": setup["duration_s"],
            "standard_duration_s": [c.standard_s for c in cos],
        }
    )


def _alarms_frame(spec, production, units, events, rng) -> pd.DataFrame:
    """Short-stop alarms held inside cycle times, and an alarm at the start of each stop."""
    alarm = np.concatenate(production.unit_alarm)
    gripper = np.concatenate(production.unit_gripper)
    ts = units["ts_s"].to_numpy()
    cycle = np.nan_to_num(units["cycle_time_s"].to_numpy(), nan=60.0)
    frames = []
    hit = alarm > 0
    n_st = len(spec.stations)
    frames.append(
        pd.DataFrame(
            {
                "station_id": [f"{spec.line_id}-S{s}" for s in rng.integers(1, n_st + 1, hit.sum())],
                "ts": ts[hit] - cycle[hit] * rng.uniform(0.2, 0.8, hit.sum()),
                "alarm_code": rng.choice(np.array(spec.alarm_codes, dtype=object), hit.sum()),
                "duration_s": np.round(alarm[hit], 1),
            }
        )
    )
    grip = gripper > 0
    frames.append(
        pd.DataFrame(
            {
                "station_id": f"{spec.line_id}-S{stories.GRIPPER_STATION_SEQ}",
                "ts": ts[grip] - cycle[grip] * rng.uniform(0.2, 0.8, grip.sum()),
                "alarm_code": stories.GRIPPER_ALARM,
                "duration_s": np.round(gripper[grip], 1),
            }
        )
    )
    stops = [e for e in events if e.station_seq is not None and e.reason_code.startswith(("BD-", "SS-"))]
    frames.append(
        pd.DataFrame(
            {
                "station_id": [f"{spec.line_id}-S{e.station_seq}" for e in stops],
                "ts": [e.start for e in stops],
                "alarm_code": rng.choice(np.array(spec.alarm_codes, dtype=object), len(stops)),
                "duration_s": [e.duration for e in stops],
            }
        )
    )
    result = pd.concat(frames, ignore_index=True).sort_values("ts", kind="stable")
    result["ts"] = to_ts(result["ts"].to_numpy())
    return result.reset_index(drop=True)


def _batches_frame(spec, production, units, rng) -> pd.DataFrame:
    """Every batch the line used, received a few days before its first use."""
    first_use = units.groupby("batch_id", sort=True)["shift_date"].min()
    suppliers = []
    for batch_id in first_use.index:
        suffix = batch_id.rsplit("-", 1)[1]
        if suffix.startswith("X"):
            suppliers.append(stories.POROSITY_SUPPLIER)
        else:
            suppliers.append(production.batch_supplier[int(suffix) - 1])
    received = [d - pd.Timedelta(days=int(rng.integers(1, 6))) for d in first_use.to_list()]
    return pd.DataFrame(
        {
            "batch_id": first_use.index.to_list(),
            "material": spec.material,
            "supplier": suppliers,
            "received_date": [r.date() if hasattr(r, "date") else r for r in received],
        }
    )


def _maintenance_frame(spec, events, rng) -> pd.DataFrame:
    """A corrective order for every breakdown, a preventive one for every planned maintenance."""
    rows = []
    for e in events:
        if e.reason_code.startswith("BD-"):
            kind, created = "corrective", e.start
            start = e.start + float(rng.integers(120, 600))
            text = e.note or "Störung behoben"
        elif e.reason_code == "PL-MAINT":
            kind, created, start = "preventive", e.start - 7 * 86400, e.start
            text = "Wartung nach Plan (Inspektion, Schmierung)"
        else:
            continue
        station = None if e.station_seq is None else f"{spec.line_id}-S{e.station_seq}"
        rows.append((kind, created, start, e.end, text, station))
    frame = pd.DataFrame(rows, columns=["kind", "created", "start", "end", "description", "station_id"])
    frame = frame.sort_values("created", kind="stable").reset_index(drop=True)
    return pd.DataFrame(
        {
            "mo_id": [f"MO-{spec.line_id}-{i + 1:04d}" for i in range(len(frame))],
            "line_id": spec.line_id,
            "station_id": frame["station_id"],
            "kind": frame["kind"],
            "created_ts": to_ts(np.maximum(frame["created"].to_numpy(dtype=float), 0)),
            "start_ts": to_ts(frame["start"].to_numpy(dtype=float)),
            "end_ts": to_ts(frame["end"].to_numpy(dtype=float)),
            "description": frame["description"],
            "status": "done",
        }
    )


def _states(shifts: list[Shift], events: list[Event], production: Production) -> dict[str, np.ndarray]:
    """Seconds per 15-minute interval the line spent in each state."""
    from .energy import interval_edges

    edges = interval_edges()
    shift_iv = np.array([(s.start, s.end) for s in shifts])
    worked_iv = np.array([piece for s in shifts for piece in s.pieces])
    stop_iv = np.array(sorted((e.start, e.end) for e in events)).reshape(-1, 2)
    co_iv = np.array([(c.start, c.end) for c in production.changeovers]).reshape(-1, 2)
    shift_s = measure(shift_iv, edges)
    worked = measure(worked_iv, edges)
    stop = measure(stop_iv, edges)
    changeover = measure(co_iv, edges)
    return {
        "shift": shift_s,
        "break": shift_s - worked,
        "stop": stop,
        "changeover": changeover,
        "run": np.maximum(worked - stop - changeover, 0.0),
    }
