"""Orders, changeovers and units of one line, laid out on its production clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from . import stories
from .calendar import NOW_S, Shift, seconds
from .master import PERIOD_START, LineSpec
from .timeline import Timeline


@dataclass
class Order:
    """A production order as it ran."""

    order_id: str
    product_id: str
    planned_qty: int
    planned_start: float
    start: float | None
    end: float | None
    status: str


@dataclass
class Changeover:
    """A product change between two orders, in wall-clock seconds."""

    start: float
    end: float
    from_product: str
    to_product: str
    standard_s: float


@dataclass
class Production:
    """Everything one line produced."""

    orders: list[Order] = field(default_factory=list)
    changeovers: list[Changeover] = field(default_factory=list)
    unit_ts: list[np.ndarray] = field(default_factory=list)
    unit_cycle: list[np.ndarray] = field(default_factory=list)
    unit_order: list[np.ndarray] = field(default_factory=list)
    unit_product: list[str] = field(default_factory=list)  # one per order chunk
    unit_alarm: list[np.ndarray] = field(default_factory=list)  # seconds of short stop (0 = none)
    unit_gripper: list[np.ndarray] = field(default_factory=list)  # story 2 alarm seconds
    batch_of_unit: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    batch_supplier: list[str] = field(default_factory=list)


class Layout:
    """Lays orders one after another on the production clock of one line."""

    def __init__(self, spec: LineSpec, timeline: Timeline, shifts: list[Shift], rng: np.random.Generator):
        self.spec = spec
        self.timeline = timeline
        self.rng = rng
        self.shift_start = np.array([s.start for s in shifts])
        self.shift_night = np.array([s.code == "N" for s in shifts])
        forced = stories.FORCED_CHANGEOVERS.get(spec.line_id, ()) if spec.story else ()
        self.forced = [seconds(t) for t in forced]
        self.forced_days = {t.date() for t in forced}
        self.ideal = {pid: ideal for pid, _n, _f, ideal in spec.products}
        self.family = {pid: fam for pid, _n, fam, _i in spec.products}
        self.out = Production()
        self._plan_batches()

    def _plan_batches(self) -> None:
        """Material batches in the order they will be used, about one per day."""
        mean_ideal = np.mean(list(self.ideal.values()))
        per_day = len(self.spec.shift_codes) * 27_000 / (mean_ideal * self.spec.speed_factor)
        capacity = int(self.timeline.total / mean_ideal) + 10
        sizes: list[int] = []
        while sum(sizes) < capacity:
            sizes.append(int(per_day * self.rng.uniform(0.6, 1.4)))
            self.out.batch_supplier.append(
                str(self.rng.choice(self.spec.suppliers, p=[0.55, 0.45][: len(self.spec.suppliers)]))
            )
        self.out.batch_of_unit = np.repeat(np.arange(len(sizes)), sizes)

    def run(self) -> Production:
        """Lay out orders until the production time up to `now` is used."""
        p, units, previous = 0.0, 0, None
        while p < self.timeline.total - 1:
            product = self._next_product(previous, self._forced_family_change(p))
            if previous is not None:
                p = self._changeover(p, previous, product)
                if p >= self.timeline.total:
                    break
            p, produced = self._order(p, units, product)
            units += produced
            previous = product
        self._planned_orders(previous)
        return self.out

    def _next_product(self, previous: str | None, between: bool | None = None) -> str:
        """Levelled lines cycle through their mix; others pick another product at random."""
        products = [pid for pid, *_ in self.spec.products]
        if previous is None:
            return products[0]
        if self.spec.levelled:
            return products[(products.index(previous) + 1) % len(products)]
        others = [pid for pid in products if pid != previous]
        if between is not None:
            others = [pid for pid in others if (self.family[pid] != self.family[previous]) == between]
        return str(self.rng.choice(others))

    def _forced_family_change(self, p: float) -> bool | None:
        """Story 1: whether a planted changeover at p crosses product families."""
        if not self.forced:
            return None
        day = _date_of(float(self.timeline.to_wall(np.array([p]))[0]))
        return stories.CHANGEOVER_BETWEEN_FAMILIES.get(day)

    def _changeover(self, p: float, from_product: str, to_product: str) -> float:
        """Record a changeover starting at p (or the next segment start) and return its end."""
        between = self.family[from_product] != self.family[to_product]
        standard = self.spec.changeover_std_s[between]
        ratio = self.spec.changeover_ratio[between] * self.rng.lognormal(0.0, 0.12)
        duration = float(round(max(standard * ratio, 150.0)))
        k = self.timeline.segment(p)
        while k + 1 < len(self.timeline.length) and p + duration > self.timeline.run_start[k + 1]:
            k += 1
            p = float(self.timeline.run_start[k])
        if p + duration > self.timeline.total:
            return self.timeline.total
        start = float(self.timeline.to_wall(np.array([p]))[0])
        self.out.changeovers.append(Changeover(start, start + duration, from_product, to_product, standard))
        return p + duration

    def _order(self, p: float, first_unit: int, product: str) -> tuple[float, int]:
        """Produce one order from p; return the new position and the units made."""
        ideal = self.ideal[product]
        hours = self.rng.uniform(*self.spec.order_hours)
        step = 10 if self.spec.levelled else 50
        qty = max(step, round(hours * 3600 / (ideal * self.spec.speed_factor * 1.04) / step) * step)
        n = qty * 3 + 200
        batches = self.out.batch_of_unit[first_unit : first_unit + n]
        if len(batches) < n:
            batches = np.concatenate([batches, np.full(n - len(batches), batches[-1] if len(batches) else 0)])
        cycles, alarm, gripper = self._cycles(p, ideal, batches)
        done = p + np.cumsum(cycles)
        end_p = self._forced_end(p, done[qty - 1])
        if end_p is not None:
            qty = max(1, int(np.searchsorted(done, end_p, side="right")))
        if done[qty - 1] > self.timeline.total:
            qty = int(np.searchsorted(done, self.timeline.total, side="right"))
            status = "running"
        else:
            status = "done"
        order_id = f"PO-{self.spec.line_id}-{len(self.out.orders) + 1:04d}"
        ts = self.timeline.to_wall(done[:qty])
        start = float(self.timeline.to_wall(np.array([p]))[0])
        end = float(ts[-1]) if status == "done" and qty else None
        planned = (
            qty if status == "done" else max(qty + step, round(hours * 3600 / (ideal * 1.12) / step) * step)
        )
        planned_start = np.floor((start - self.rng.uniform(0, 7200)) / 900) * 900
        self.out.orders.append(Order(order_id, product, planned, planned_start, start, end, status))
        cyc = cycles[:qty].copy()
        if qty:
            cyc[0] = np.nan
        self.out.unit_ts.append(ts)
        self.out.unit_cycle.append(cyc)
        self.out.unit_order.append(np.full(qty, len(self.out.orders) - 1))
        self.out.unit_product.append(product)
        self.out.unit_alarm.append(alarm[:qty])
        self.out.unit_gripper.append(gripper[:qty])
        new_p = float(done[qty - 1]) if qty else p
        return (new_p if status == "done" else self.timeline.total), qty

    def _cycles(
        self, p: float, ideal: float, batches: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cycle times with noise, short stops, slow material and the night-shift gripper."""
        n = len(batches)
        spec, rng = self.spec, self.rng
        base = ideal * spec.speed_factor * rng.lognormal(0.0, spec.cycle_sigma, n)
        if spec.story and spec.line_id == stories.CYCLE_LINE:
            slow = np.array([self.out.batch_supplier[b] == stories.SLOW_SUPPLIER for b in batches])
            base = np.where(slow, base * stories.SLOW_FACTOR, base)
        base = np.maximum(base, ideal)
        held = rng.uniform(0.3, 1.5, n) * ideal
        alarm = np.where(rng.random(n) < spec.short_stop_p, np.clip(held, 5.0, 110.0), 0.0)
        cycles = base + alarm
        gripper = np.zeros(n)
        if spec.story and spec.line_id == stories.CYCLE_LINE:
            wall = self.timeline.to_wall(p + np.cumsum(cycles))
            gripper = self._gripper(wall)
            cycles = cycles + gripper
        return cycles, alarm, gripper

    def _gripper(self, wall: np.ndarray) -> np.ndarray:
        """Story 2: gripper alarms at one station, mostly at night, from a given date."""
        k = np.clip(np.searchsorted(self.shift_start, wall, side="right") - 1, 0, None)
        night = self.shift_night[k]
        recent = wall >= seconds(stories.GRIPPER_FROM)
        p = np.where(
            recent,
            np.where(night, stories.GRIPPER_P["N"], stories.GRIPPER_P["E"]),
            stories.GRIPPER_P_BEFORE,
        )
        hit = self.rng.random(len(wall)) < p
        return np.where(hit, self.rng.uniform(*stories.GRIPPER_SECONDS, len(wall)), 0.0)

    def _forced_end(self, p: float, natural_end_p: float) -> float | None:
        """Story 1: on the planted days, orders end exactly at the planted changeover times."""
        if not self.forced:
            return None
        start_wall = float(self.timeline.to_wall(np.array([p]))[0])
        natural_wall = float(self.timeline.to_wall(np.array([natural_end_p]))[0])
        upcoming = [f for f in self.forced if f > start_wall + 600]
        inside = [f for f in upcoming if f <= natural_wall]
        if inside:
            return self.timeline.to_run(inside[0])
        day = _date_of(natural_wall)
        if day in self.forced_days:
            later = [f for f in upcoming if _date_of(f) == day]
            if later:
                return self.timeline.to_run(later[0])
            next_day = (np.floor(natural_wall / 86400) + 1) * 86400 + 7 * 3600
            return self.timeline.to_run(next_day)
        return None

    def _planned_orders(self, previous: str | None) -> None:
        """Two orders planned after `now`, then the backlog of the next five working days."""
        from .backlog import backlog_orders

        for i in range(2):
            product = self._next_product(previous)
            order_id = f"PO-{self.spec.line_id}-{len(self.out.orders) + 1:04d}"
            qty = int(self.rng.integers(4, 12)) * 50
            self.out.orders.append(
                Order(order_id, product, qty, NOW_S + (i + 1) * 4 * 3600, None, None, "planned")
            )
            previous = product
        self.out.orders += backlog_orders(self.spec, self.out.orders, self.rng.spawn(1)[0])


def _date_of(wall: float) -> date:
    """Calendar date of a wall-clock second."""
    return (PERIOD_START + timedelta(seconds=wall)).date()
