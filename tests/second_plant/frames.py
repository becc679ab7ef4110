"""The rows one simulated line contributes to each contract table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd

from . import stories
from .master import DOWNTIME_REASONS, PERIOD_START, Line
from .shifts import NOW_S, seconds
from .simulate import Record

EPOCH = np.datetime64(PERIOD_START.isoformat(), "s")
LOSS = {code: category for code, _de, _en, category, _planned in DOWNTIME_REASONS}
BACKLOG_ORDERS = 3


def to_ts(values) -> np.ndarray:
    """Seconds since the period start as wall-clock timestamps (whole seconds)."""
    return EPOCH + np.round(np.asarray(values, dtype=float)).astype("timedelta64[s]")


@dataclass
class LineFrames:
    """One line's rows, table by table."""

    shift_calendar: pd.DataFrame
    production_orders: pd.DataFrame
    units: pd.DataFrame
    material_batches: pd.DataFrame
    downtime_events: pd.DataFrame
    changeovers: pd.DataFrame
    alarms: pd.DataFrame
    maintenance_orders: pd.DataFrame


def line_frames(line: Line, record: Record, rng: np.random.Generator) -> LineFrames:
    """Turn one line's record into table rows."""
    events = _events(line, record)
    units, batches = _units(line, record, rng)
    return LineFrames(
        shift_calendar=_calendar(line, record),
        production_orders=_orders(line, record, rng),
        units=units,
        material_batches=batches,
        downtime_events=events,
        changeovers=_changeovers(line, record, events),
        alarms=_alarms(record),
        maintenance_orders=_maintenance(line, events, rng),
    )


def _calendar(line: Line, record: Record) -> pd.DataFrame:
    shifts = record.shifts
    return pd.DataFrame(
        {
            "line_id": line.line_id,
            "shift_date": [s.shift_date for s in shifts],
            "shift_code": [s.code for s in shifts],
            "start_ts": to_ts([s.start for s in shifts]),
            "end_ts": to_ts([s.end for s in shifts]),
            "planned_minutes": [s.planned_minutes for s in shifts],
            "team_id": [s.team for s in shifts],
        }
    )


def _orders(line: Line, record: Record, rng: np.random.Generator) -> pd.DataFrame:
    """Done orders, the one running at `now`, and a short backlog of planned ones."""
    rows = []
    for order in record.orders:
        planned = (order.start // 900 - float(rng.integers(0, 12))) * 900
        status = "done" if order.end is not None else "running"
        rows.append((order.product_id, order.planned_qty, planned, order.start, order.end, status))
    ids = [p for p, _ideal in line.products]
    current = ids.index(record.orders[-1].product_id)
    for k in range(BACKLOG_ORDERS):
        product = ids[(current + k + 1) % len(ids)]
        rows.append((product, rows[-1][1], NOW_S + 3600 * (2 + 10 * k), None, None, "planned"))
    frame = pd.DataFrame(rows, columns=["product_id", "planned_qty", "planned", "start", "end", "status"])
    return pd.DataFrame(
        {
            "order_id": [f"FA-{line.line_no}-{i + 1:04d}" for i in range(len(frame))],
            "line_id": line.line_id,
            "product_id": frame["product_id"],
            "planned_qty": frame["planned_qty"].astype("int32"),
            "planned_start_ts": to_ts(frame["planned"]),
            "actual_start_ts": _optional_ts(frame["start"]),
            "actual_end_ts": _optional_ts(frame["end"]),
            "status": frame["status"],
        }
    )


def _optional_ts(values: pd.Series) -> pd.Series:
    return pd.Series(
        [None if v is None or pd.isna(v) else to_ts([v])[0] for v in values], dtype="datetime64[s]"
    )


def _units(line: Line, record: Record, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    ts = np.concatenate(record.unit_ts)
    n = len(ts)
    shift_idx = np.concatenate(record.unit_shift)
    order_idx = np.concatenate(record.unit_order)
    shifts = record.shifts
    batch_of, batches = _batches(line, record, shift_idx, rng)
    supplier = batches["supplier"].to_numpy()[batch_of]
    dates = np.array([shifts[i].shift_date for i in shift_idx])
    scrap_p = line.scrap_p * rng.lognormal(0, 0.3, len(shifts))[shift_idx]
    codes, weights = zip(*line.defects, strict=True)
    defect = rng.choice(np.array(codes, dtype=object), n, p=np.array(weights) / sum(weights))
    bad = rng.random(n) < scrap_p
    if line.line_id == stories.LEAK_LINE:
        leak = (
            (supplier == stories.LEAK_SUPPLIER)
            & (dates >= stories.LEAK_FROM)
            & (rng.random(n) < stories.LEAK_EXTRA_P)
        )
        defect = np.where(leak & ~bad, stories.LEAK_DEFECT, defect)
        bad = bad | leak
    units = pd.DataFrame(
        {
            "unit_id": [f"PAL-{line.line_no}-{i + 1:06d}" for i in range(n)],
            "line_id": line.line_id,
            "order_id": [f"FA-{line.line_no}-{i + 1:04d}" for i in order_idx],
            "product_id": [record.orders[i].product_id for i in order_idx],
            "batch_id": batches["batch_id"].to_numpy()[batch_of],
            "ts": to_ts(ts),
            "shift_date": dates,
            "shift_code": [shifts[i].code for i in shift_idx],
            "cycle_time_s": np.round(np.concatenate(record.unit_cycle), 1),
            "is_good": ~bad,
            "defect_code": pd.Series(defect, dtype=object).where(bad, None),
        }
    )
    return units, batches


def _batches(line: Line, record: Record, shift_idx: np.ndarray, rng: np.random.Generator):
    """Consecutive lots of the line's material; which lot each pallet used."""
    n = len(shift_idx)
    sizes = np.maximum((line.batch_pallets * rng.uniform(0.7, 1.3, n // 10 + 2)).astype(int), 5)
    bounds = np.cumsum(sizes)
    batch_of = np.searchsorted(bounds, np.arange(n), side="right")
    used = int(batch_of.max()) + 1
    if line.line_id == stories.LEAK_LINE:
        supplier = [line.suppliers[k % 2] for k in range(used)]
    else:
        supplier = [line.suppliers[int(rng.random() < 0.4)] for _ in range(used)]
    first_day = [record.shifts[shift_idx[np.argmax(batch_of == k)]].shift_date for k in range(used)]
    frame = pd.DataFrame(
        {
            "batch_id": [f"CH{line.line_no}-{k + 1:04d}" for k in range(used)],
            "material": line.material,
            "supplier": supplier,
            "received_date": [d - timedelta(days=int(rng.integers(1, 6))) for d in first_day],
        }
    )
    return batch_of, frame


def _events(line: Line, record: Record) -> pd.DataFrame:
    """Every stop and every changeover (as a setup stop), in time order."""
    rows = [(s.start, s.end, s.reason, s.seq, shift, s.note) for s, shift in record.stops]
    for change, shift in record.changeovers:
        reason = "S220" if change.between_families else "S210"
        note = f"{change.from_product} → {change.to_product}"
        rows.append((change.start, change.end, reason, line.filler_seq, shift, note))
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame(
        {
            "event_id": [f"ST-{line.line_no}-{i + 1:05d}" for i in range(len(rows))],
            "line_id": line.line_id,
            "station_id": [None if r[3] is None else line.station_id(r[3]) for r in rows],
            "start_ts": to_ts([r[0] for r in rows]),
            "end_ts": to_ts([r[1] for r in rows]),
            "duration_s": [float(round(r[1]) - round(r[0])) for r in rows],
            "reason_code": [r[2] for r in rows],
            "shift_date": [r[4].shift_date for r in rows],
            "shift_code": [r[4].code for r in rows],
            "note": [r[5] for r in rows],
        }
    )


def _changeovers(line: Line, record: Record, events: pd.DataFrame) -> pd.DataFrame:
    setup = events[events["reason_code"].isin(["S210", "S220"])].reset_index(drop=True)
    changes = [c for c, _shift in sorted(record.changeovers, key=lambda c: c[0].start)]
    return pd.DataFrame(
        {
            "changeover_id": [f"UM-{line.line_no}-{i + 1:03d}" for i in range(len(changes))],
            "line_id": line.line_id,
            "event_id": setup["event_id"],
            "from_product_id": [c.from_product for c in changes],
            "to_product_id": [c.to_product for c in changes],
            "start_ts": setup["start_ts"],
            "end_ts": setup["end_ts"],
            "duration_s": setup["duration_s"],
            "standard_duration_s": [c.standard_s for c in changes],
        }
    )


def _alarms(record: Record) -> pd.DataFrame:
    frame = pd.DataFrame(record.alarms, columns=["station_id", "ts", "alarm_code", "duration_s"])
    frame = frame.sort_values("ts", kind="stable").reset_index(drop=True)
    frame["ts"] = to_ts(frame["ts"].to_numpy())
    frame["duration_s"] = frame["duration_s"].round(1)
    return frame


def _maintenance(line: Line, events: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """A corrective order per breakdown, a preventive one per planned maintenance, and open requests."""
    rows = [
        _work_order(e, rng)
        for e in events.itertuples()
        if LOSS[e.reason_code] == "breakdown" or e.reason_code == "S730"
    ]
    if line.line_id == stories.STEAM_LINE:
        created = to_ts([seconds(stories.STEAM_ORDER_CREATED)])[0]
        rows.append(
            (
                line.station_id(stories.STEAM_SEQ),
                "corrective",
                created,
                None,
                None,
                stories.STEAM_ORDER_TEXT,
                "open",
            )
        )
    frame = pd.DataFrame(
        rows, columns=["station_id", "kind", "created_ts", "start_ts", "end_ts", "description", "status"]
    )
    frame = frame.sort_values("created_ts", kind="stable").reset_index(drop=True)
    frame.insert(0, "mo_id", [f"IH-{line.line_no}-{i + 1:03d}" for i in range(len(frame))])
    frame.insert(1, "line_id", line.line_id)
    for column in ("created_ts", "start_ts", "end_ts"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _work_order(event, rng: np.random.Generator) -> tuple:
    """The maintenance order behind a breakdown (opened when it happened) or a planned maintenance."""
    if event.reason_code == "S730":
        created = event.start_ts - np.timedelta64(7 * 86400, "s")
        text = "Wochenwartung: Sichtprüfung, Schmierung, Formatteile"
        return (event.station_id, "preventive", created, event.start_ts, event.end_ts, text, "done")
    start = event.start_ts + np.timedelta64(int(rng.integers(3, 12)) * 60, "s")
    text = event.note if isinstance(event.note, str) else "Störung behoben"
    return (event.station_id, "corrective", event.start_ts, start, event.end_ts, text, "done")
