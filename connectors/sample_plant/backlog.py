"""The order backlog: planned orders for the next five working days after `now`, laid on the line's coming shifts.

The backlog draws from a random stream of its own, so the plant's history stays exactly as it was.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from .calendar import NOW_S, _day_shifts, is_working_day
from .master import NOW, LineSpec
from .production import Order

WORKING_DAYS = 5
SLOT_S = 900.0  # planned starts fall on quarter hours


def coming_pieces(spec: LineSpec) -> list[tuple[float, float]]:
    """Worked pieces (between breaks) of the line's shifts from now to the end of the fifth working day after today."""
    pieces: list[tuple[float, float]] = []
    day, after = NOW.date(), 0
    while after < WORKING_DAYS:
        if is_working_day(day):
            for shift in _day_shifts(spec, day):
                pieces += [(max(a, NOW_S), b) for a, b in shift.pieces if b > NOW_S]
            after += day > NOW.date()
        day += timedelta(days=1)
    return pieces


class WorkClock:
    """Converts between wall-clock seconds and worked seconds on the coming shifts."""

    def __init__(self, pieces: list[tuple[float, float]]) -> None:
        self.starts = np.array([a for a, _ in pieces])
        self.lengths = np.array([b - a for a, b in pieces])
        self.before = np.concatenate([[0.0], np.cumsum(self.lengths)])
        self.total = float(self.before[-1])

    def worked(self, wall: float) -> float:
        """Worked seconds from now up to a wall-clock time."""
        k = max(int(np.searchsorted(self.starts, wall, side="right")) - 1, 0)
        return float(self.before[k] + np.clip(wall - self.starts[k], 0.0, self.lengths[k]))

    def wall(self, worked: float) -> float:
        """The wall-clock time after a number of worked seconds."""
        k = min(int(np.searchsorted(self.before, worked, side="right")) - 1, len(self.starts) - 1)
        return float(self.starts[k] + worked - self.before[k])


def _next(spec: LineSpec, previous: str, rng: np.random.Generator) -> str:
    """Levelled lines keep their mix; the others take another product at random."""
    products = [pid for pid, *_ in spec.products]
    if spec.levelled:
        return products[(products.index(previous) + 1) % len(products)]
    return str(rng.choice([pid for pid in products if pid != previous]))


def backlog_orders(spec: LineSpec, orders: list[Order], rng: np.random.Generator) -> list[Order]:
    """Planned orders after the line's last planned one until its next five working days are full."""
    ideal = {pid: cycle * spec.speed_factor for pid, _n, _f, cycle in spec.products}
    family = {pid: fam for pid, _n, fam, _c in spec.products}
    clock = WorkClock(coming_pieces(spec))
    last = orders[-1]
    position = clock.worked(last.planned_start) + last.planned_qty * ideal[last.product_id]
    previous, step = last.product_id, (10 if spec.levelled else 50)
    found: list[Order] = []
    while True:
        product = _next(spec, previous, rng)
        position += spec.changeover_std_s[family[product] != family[previous]]
        hours = rng.uniform(*spec.order_hours)
        qty = max(step, round(hours * 3600 / (ideal[product] * 1.04) / step) * step)
        if position >= clock.total:
            return found
        start = np.floor(clock.wall(position) / SLOT_S) * SLOT_S
        found.append(
            Order(
                f"PO-{spec.line_id}-{len(orders) + len(found) + 1:04d}",
                product,
                qty,
                start,
                None,
                None,
                "planned",
            )
        )
        position += qty * ideal[product]
        previous = product
