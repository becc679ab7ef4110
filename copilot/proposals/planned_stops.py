"""Changeovers the backlog already plans: the line stands still there anyway."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..entities import EntityCatalog
from ..handover.build import DayWindow
from ..runner import QueryRunner
from .sequence import current_product, pair_minutes, pair_times, planned_orders


@dataclass(frozen=True)
class PlannedStop:
    """A planned changeover before a backlog order, with its expected length from the line's history."""

    order_id: str
    start: datetime
    end: datetime


def planned_changeovers(runner: QueryRunner, catalog: EntityCatalog, line: str, now: datetime,
                        window: DayWindow) -> list[PlannedStop]:  # fmt: skip
    """Each change of product in the plan ends at the next order's planned start."""
    plan = planned_orders(runner, line, now)
    if not plan:
        return []
    start = current_product(runner, line, now)
    family = {o.product: o.family for o in plan}
    if start:
        family[start[0]] = start[1]
    first = catalog.data_start or window.start
    pairs = pair_times(runner, line, DayWindow(first, now), sorted(family), family)
    stops, previous = [], start[0] if start else None
    for o in plan:
        if previous is not None and previous != o.product:
            minutes = pair_minutes(pairs, previous, o.product)
            stops.append(PlannedStop(o.order_id, o.start - timedelta(minutes=minutes), o.start))
        previous = o.product
    return stops
