"""A changeover sequence for a line's planned orders, from its own history of changeover times per product pair."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any

import pandas as pd

from ..answer import Evidence
from ..entities import EntityCatalog
from ..handover.build import DayWindow, resolve_line
from ..plain_error import PlainError
from ..runner import QueryRunner
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters, sql_text, sql_timestamp
from .optimise import best_order, sequence_cost


class ProposalError(PlainError):
    """A proposal that cannot be made, with its message in German and English."""


@dataclass(frozen=True)
class PlannedOrder:
    """One order of the backlog."""

    order_id: str
    product: str
    family: str
    qty: int
    start: datetime


@dataclass(frozen=True)
class PairTime:
    """Expected minutes of one product change and where the figure comes from."""

    minutes: float
    changeovers: int  # how many of this change the history holds; 0: the line's standard time


@dataclass
class SequenceProposal:
    """The plan's order and the proposed one, with their expected changeover time and family changes."""

    line: str
    line_de: str
    line_en: str
    start_product: str | None
    plan: list[PlannedOrder]
    proposal: list[PlannedOrder]
    method: str
    pairs: dict[tuple[str, str], PairTime]
    family_of_start: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def minutes(self, orders: list[PlannedOrder]) -> float:
        """Expected changeover minutes of a sequence."""
        return sequence_cost(self.start_product, [o.product for o in orders], self.cost)

    def cost(self, a: str, b: str) -> float:
        """Expected minutes from product a to b."""
        return pair_minutes(self.pairs, a, b)

    def family_changes(self, orders: list[PlannedOrder]) -> int:
        """How many changes cross product families."""
        families = ([self.family_of_start] if self.family_of_start else []) + [o.family for o in orders]
        return sum(a != b for a, b in pairwise(families))

    @property
    def saved_minutes(self) -> float:
        """Changeover minutes the proposal saves against the plan."""
        return self.minutes(self.plan) - self.minutes(self.proposal)


def pair_minutes(pairs: dict[tuple[str, str], PairTime], a: str, b: str) -> float:
    """Expected minutes from product a to b; none for the same product."""
    return 0.0 if a == b else pairs[(a, b)].minutes


def planned_orders(runner: QueryRunner, line: str, now: datetime) -> list[PlannedOrder]:
    """The backlog: the line's planned orders starting after now, in the plan's order."""
    frame = runner.sql(
        "SELECT o.order_id, o.product_id, p.family, o.planned_qty, o.planned_start_ts "
        "FROM production_orders AS o JOIN products AS p ON p.product_id = o.product_id "
        f"WHERE o.line_id = {sql_text(line)} AND o.status = 'planned' AND o.planned_start_ts > {sql_timestamp(now)} "
        "ORDER BY o.planned_start_ts, o.order_id",
        "order backlog",
    )
    return [
        PlannedOrder(str(r.order_id), str(r.product_id), str(r.family), int(r.planned_qty),
                     pd.Timestamp(r.planned_start_ts).to_pydatetime())
        for r in frame.itertuples()
    ]  # fmt: skip


def backlog(runner: QueryRunner, line: str, now: datetime) -> list[PlannedOrder]:
    """The line's planned orders after now; a clear message when it has none."""
    plan = planned_orders(runner, line, now)
    if not plan:
        raise ProposalError(
            f"{line} hat nach {now:%d.%m.%Y %H:%M} keine geplanten Aufträge.",
            f"{line} has no planned orders after {now:%Y-%m-%d %H:%M}.",
        )
    return plan


def current_product(runner: QueryRunner, line: str, now: datetime) -> tuple[str, str] | None:
    """The product (and family) on the line now: the running order's, else the last finished one's."""
    frame = runner.sql(
        "SELECT o.product_id, p.family FROM production_orders AS o JOIN products AS p ON p.product_id = o.product_id "
        f"WHERE o.line_id = {sql_text(line)} AND o.actual_start_ts <= {sql_timestamp(now)} "
        f"ORDER BY COALESCE(o.actual_end_ts, {sql_timestamp(now)}) DESC, o.actual_start_ts DESC LIMIT 1",
        "product on the line now",
    )
    return None if frame.empty else (str(frame.iloc[0]["product_id"]), str(frame.iloc[0]["family"]))


def pair_times(
    runner: QueryRunner, line: str, window: DayWindow, products: list[str], family: dict[str, str]
) -> dict[tuple[str, str], PairTime]:
    """Mean changeover minutes per product pair on this line; the line's standard time where it has none."""
    kinds = runner.metric(
        MetricQuery("changeover_time", window, Filters(lines=(line,)), ("family_change",)), "standard times"
    )
    standard = {
        str(r.family_change): float(r.standard_minutes) / int(r.changeovers)
        for r in kinds.itertuples()
        if r.changeovers
    }
    if not standard:
        raise ProposalError(
            f"Für {line} gibt es weder Rüstvorgänge noch Standardzeiten; ein Vorschlag wäre geraten.",
            f"{line} has no changeovers and no standard times; a proposal would be a guess.",
        )
    pairs: dict[tuple[str, str], PairTime] = {}
    for source in products:
        query = MetricQuery(
            "changeover_time", window, Filters(lines=(line,), from_products=(source,)), ("product",)
        )
        seen = {
            str(r.product): (float(r.value), int(r.changeovers))
            for r in runner.metric(query, f"changeovers from {source}").itertuples()
        }
        for target in products:
            if target == source:
                continue
            if target in seen:
                pairs[(source, target)] = PairTime(*seen[target])
            else:
                kind = "within" if family[source] == family[target] else "between"
                pairs[(source, target)] = PairTime(standard.get(kind, max(standard.values())), 0)
    return pairs


def propose_sequence(connector: Any, catalog: EntityCatalog, line: str, now: datetime) -> SequenceProposal:
    """The order of the line's backlog with the least expected changeover time, next to the plan's."""
    line_id = resolve_line(catalog, line)
    runner = QueryRunner(connector)
    plan = backlog(runner, line_id, now)
    start = current_product(runner, line_id, now)
    family = {o.product: o.family for o in plan}
    if start:
        family[start[0]] = start[1]
    first = catalog.data_start or datetime(now.year - 1, now.month, 1)
    window = DayWindow(first, now)
    pairs = pair_times(runner, line_id, window, sorted(family), family)
    order, method = best_order(
        start[0] if start else None, [o.product for o in plan], lambda a, b: pair_minutes(pairs, a, b)
    )
    return SequenceProposal(
        line=line_id,
        line_de=catalog.label("line", line_id, "de"),
        line_en=catalog.label("line", line_id, "en"),
        start_product=start[0] if start else None,
        plan=plan,
        proposal=[plan[i] for i in order],
        method=method,
        pairs=pairs,
        evidence=runner.evidence,
        family_of_start=start[1] if start else None,
    )
