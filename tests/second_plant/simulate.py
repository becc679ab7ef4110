"""One line run through its shifts: orders, pallets, stops and changeovers on the wall clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import stories
from .master import FAMILY, STATION_ALARMS, Line
from .shifts import Shift, line_shifts, seconds
from .stops import Stop, candidate_stops, fixed_stops, is_last_of_day, is_last_of_week


@dataclass
class Order:
    """A production order of the line."""

    product_id: str
    planned_qty: int
    start: float | None = None
    end: float | None = None
    made: int = 0


@dataclass(frozen=True)
class Changeover:
    """A product change, recorded as a setup stop."""

    start: float
    end: float
    from_product: str
    to_product: str
    standard_s: float
    between_families: bool


@dataclass
class Record:
    """Everything the line recorded, on the wall clock in seconds since the period start."""

    shifts: list[Shift]
    orders: list[Order] = field(default_factory=list)
    stops: list[tuple[Stop, Shift]] = field(default_factory=list)
    changeovers: list[tuple[Changeover, Shift]] = field(default_factory=list)
    unit_ts: list[np.ndarray] = field(default_factory=list)
    unit_cycle: list[np.ndarray] = field(default_factory=list)
    unit_order: list[np.ndarray] = field(default_factory=list)
    unit_shift: list[np.ndarray] = field(default_factory=list)
    alarms: list[tuple[str, float, str, float]] = field(default_factory=list)  # station, ts, code, seconds
    runs: list[tuple[float, float]] = field(default_factory=list)


class LineRun:
    """Walks a line through every worked piece of every shift."""

    def __init__(self, line: Line, rng: np.random.Generator) -> None:
        self.line, self.rng = line, rng
        self.ideal = dict(line.products)
        self.record = Record(line_shifts(line))
        self.progress = 0.0  # production seconds already spent on the pallet in work
        self.changeover_due = False
        self.planned_change: tuple[str, float, float, bool] = ("", 0.0, 0.0, False)
        self.shift_index = 0
        first = line.products[int(rng.integers(len(line.products)))][0]
        self._new_order(first, self.record.shifts[0].start)

    def run(self) -> Record:
        """Simulate the whole period."""
        shifts = self.record.shifts
        for index, shift in enumerate(shifts):
            self.shift_index, self.progress = index, 0.0
            fixed = fixed_stops(
                self.line, shift, is_last_of_day(shift, shifts, index), is_last_of_week(shift, shifts, index)
            )
            for lo, hi in shift.pieces:
                inside = [s for s in fixed if lo <= s.start < hi]
                self._piece(lo, hi, inside, candidate_stops(self.line, lo, hi, self.rng))
        return self.record

    def _piece(self, lo: float, hi: float, fixed: list[Stop], candidates: list[Stop]) -> None:
        t, fi, ci = lo, 0, 0
        while t < hi:
            limit = fixed[fi].start if fi < len(fixed) else hi
            if t >= limit:
                self._stop(fixed[fi])
                t, fi = fixed[fi].end, fi + 1
                continue
            if self.changeover_due:
                t = self._changeover(t, limit)
                continue
            while ci < len(candidates) and candidates[ci].start < t:
                ci += 1
            due = candidates[ci].start if ci < len(candidates) else hi
            if due > t or due >= limit:
                t = self._produce(t, min(due, limit), until_done=True)
                continue
            stop = candidates[ci]
            ci += 1
            end = min(stop.end, limit)
            if end - stop.start >= 120:
                self._stop(Stop(stop.start, end, stop.reason, stop.seq, stop.note))
                t = end

    def _stop(self, stop: Stop) -> None:
        shift = self.record.shifts[self.shift_index]
        self.record.stops.append((stop, shift))
        if stop.seq is not None and stop.reason[:2] in ("S1", "S3"):
            self.record.alarms.append(
                (
                    self.line.station_id(stop.seq),
                    stop.start,
                    self._alarm_code(stop.seq),
                    stop.end - stop.start,
                )
            )

    def _changeover(self, t: float, limit: float) -> float:
        """Change to the next order if it fits before the limit, else run the old order on until then."""
        following, duration, standard, between = self.planned_change
        if t + duration > limit:
            return self._produce(t, limit, until_done=False)
        current = self.record.orders[-1]
        change = Changeover(t, t + duration, current.product_id, following, standard, between)
        self.record.changeovers.append((change, self.record.shifts[self.shift_index]))
        self._new_order(following, t + duration)
        self.changeover_due = False
        return t + duration

    def _plan_change(self) -> None:
        """Pick the next product and how long the change to it will take."""
        current = self.record.orders[-1].product_id
        others = [p for p, _ideal in self.line.products if p != current]
        following = others[int(self.rng.integers(len(others)))]
        between = FAMILY[following] != FAMILY[current]
        standard = self.line.changeover_std_s[between]
        duration = float(round(standard * self.line.changeover_ratio[between] * self.rng.lognormal(0, 0.12)))
        self.planned_change = (following, duration, standard, between)
        self.changeover_due = True

    def _new_order(self, product_id: str, start: float) -> None:
        hours = self.rng.uniform(*self.line.order_hours)
        qty = int(round(hours * 3600 / self.ideal[product_id] / 10) * 10)
        self.record.orders.append(Order(product_id, max(qty, 20), start=start))

    def _produce(self, t0: float, t1: float, until_done: bool) -> float:
        """Make pallets between t0 and t1; stop early when the order is done (then a changeover is due)."""
        order = self.record.orders[-1]
        ideal = self.ideal[order.product_id] * self.line.speed
        n = int((t1 - t0) / (ideal * 0.8)) + 2
        held, alarms = self._short_stops(t0, n)
        cycle = ideal * self.rng.lognormal(0, self.line.sigma, n) + held
        cycle[0] = max(cycle[0], self.progress + 1.0)
        done_at = t0 - self.progress + np.cumsum(cycle)
        k = int(np.searchsorted(done_at, t1, side="right"))
        if until_done:
            k = min(k, order.planned_qty - order.made)
        finished = until_done and k == order.planned_qty - order.made
        end = float(done_at[k - 1]) if finished else t1
        self.progress = 0.0 if finished else t1 - (float(done_at[k - 1]) if k else t0 - self.progress)
        self._keep_units(order, done_at[:k], cycle[:k])
        self._keep_alarms([a for a in alarms if a[0] < k], done_at, cycle, t0)
        self.record.runs.append((t0, end))
        if finished:
            order.end = end
            self._plan_change()
        return end

    def _short_stops(self, t0: float, n: int) -> tuple[np.ndarray, list[tuple[int, int, str, float]]]:
        """Seconds added to each pallet's cycle by alarms under two minutes, and those alarms."""
        held = np.where(self.rng.random(n) < self.line.alarm_p, self.rng.uniform(8, 110, n), 0.0)
        hit = np.flatnonzero(held)
        seqs = self.rng.integers(1, len(self.line.stations) + 1, len(hit))
        alarms = [
            (int(i), int(q), self._alarm_code(int(q)), float(held[i])) for i, q in zip(hit, seqs, strict=True)
        ]
        if self.line.line_id == stories.JAM_LINE:
            p = stories.JAM_P_LAST_WEEK if t0 >= seconds(stories.JAM_LAST_WEEK_FROM) else stories.JAM_P
            jam = np.where(self.rng.random(n) < p, self.rng.uniform(15, 100, n), 0.0)
            alarms += [
                (int(i), stories.JAM_SEQ, stories.JAM_ALARM, float(jam[i])) for i in np.flatnonzero(jam)
            ]
            held = held + jam
        return held, alarms

    def _keep_units(self, order: Order, done_at: np.ndarray, cycle: np.ndarray) -> None:
        k = len(done_at)
        if k == 0:
            return
        kept = cycle.copy()
        if order.made == 0:
            kept[0] = np.nan  # an order's first pallet has no cycle time
        order.made += k
        rec = self.record
        rec.unit_ts.append(done_at.copy())
        rec.unit_cycle.append(kept)
        rec.unit_order.append(np.full(k, len(rec.orders) - 1))
        rec.unit_shift.append(np.full(k, self.shift_index))

    def _keep_alarms(self, alarms: list, done_at: np.ndarray, cycle: np.ndarray, t0: float) -> None:
        """Each short-stop alarm sits inside the cycle of the pallet it held up."""
        for i, seq, code, held in alarms:
            at = float(done_at[i] - cycle[i] * self.rng.uniform(0.2, 0.8))
            self.record.alarms.append((self.line.station_id(seq), max(at, t0), code, held))

    def _alarm_code(self, seq: int) -> str:
        station_type = self.line.stations[seq - 1][1]
        codes = STATION_ALARMS[station_type]
        if station_type == "labeller" and self.line.line_id != stories.JAM_LINE:
            codes = codes[:2]
        return str(self.rng.choice(codes))
