"""An energy window: which planned orders to run in the cheaper hours of the tariff, and what it saves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from ..answer import Evidence
from ..entities import EntityCatalog
from ..handover.build import DayWindow, resolve_line
from ..runner import QueryRunner
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters, sql_text, sql_timestamp
from .coming import ComingShift, coming_shifts, history_window
from .optimise import sequence_cost
from .sequence import PlannedOrder, ProposalError, backlog, current_product, pair_minutes, pair_times

MEDIUM = "electricity"
MIN_SWAP_SHARE = 0.001  # an exchange of two orders must save at least 0.1 % of the plan's cost


@dataclass(frozen=True)
class OrderEnergy:
    """One planned order: its electricity from the line's history, and where it runs in plan and proposal."""

    order: PlannedOrder
    kwh_per_unit: float
    minutes: float  # worked minutes the plan gives it
    plan_start: datetime
    plan_price: float  # mean EUR/kWh over its worked minutes in the plan
    proposal_start: datetime
    proposal_price: float

    @property
    def kwh(self) -> float:
        """Electricity of the whole order."""
        return self.order.qty * self.kwh_per_unit

    @property
    def saved(self) -> float:
        """EUR the proposal saves on this order."""
        return self.kwh * (self.plan_price - self.proposal_price)


@dataclass
class EnergyProposal:
    """The backlog in the plan's order and in the cheapest order for the tariff."""

    line: str
    line_de: str
    line_en: str
    currency: str
    line_kwh_per_unit: float  # catalogue KPI: electricity per good unit, last four weeks
    plan: list[OrderEnergy]
    proposal: list[OrderEnergy]  # the same orders in the proposed order
    history: tuple[datetime, datetime]
    changeover_minutes: tuple[float, float]  # expected changeover minutes of the plan and the proposal
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def plan_cost(self) -> float:
        """EUR of electricity in the plan's order."""
        return sum(o.kwh * o.plan_price for o in self.plan)

    @property
    def proposal_cost(self) -> float:
        """EUR of electricity in the proposed order."""
        return sum(o.kwh * o.proposal_price for o in self.plan)

    @property
    def saved(self) -> float:
        """EUR saved against the plan."""
        return self.plan_cost - self.proposal_cost


class NoTariff(ProposalError):
    """The source has no energy prices."""


def has_tariff(connector: Any) -> bool:
    """Whether the source holds electricity prices."""
    return "energy_tariffs" in connector.schema()


def product_energy(runner: QueryRunner, line: str, now: datetime) -> dict[str, float]:
    """kWh of electricity per unit of each product: the line's meters in the intervals each product ran."""
    window = history_window(now)
    frame = runner.sql(
        "WITH e AS (SELECT r.ts, SUM(r.value) AS kwh FROM energy_readings AS r "
        "JOIN energy_meters AS m ON m.meter_id = r.meter_id "
        f"WHERE m.line_id = {sql_text(line)} AND m.medium = {sql_text(MEDIUM)} "
        f"AND r.ts >= {sql_timestamp(window.start)} AND r.ts < {sql_timestamp(window.end)} GROUP BY r.ts), "
        "o AS (SELECT order_id, product_id, actual_start_ts, actual_end_ts FROM production_orders "
        f"WHERE line_id = {sql_text(line)} AND actual_start_ts >= {sql_timestamp(window.start)} "
        f"AND actual_end_ts <= {sql_timestamp(window.end)}), "
        "k AS (SELECT o.product_id, SUM(e.kwh) AS kwh FROM o JOIN e ON e.ts >= o.actual_start_ts "
        "AND e.ts < o.actual_end_ts GROUP BY o.product_id), "
        "u AS (SELECT o.product_id, COUNT(*) AS units FROM o JOIN units AS x ON x.order_id = o.order_id "
        "GROUP BY o.product_id) "
        "SELECT k.product_id, k.kwh / u.units AS kwh_per_unit FROM k JOIN u ON u.product_id = k.product_id",
        "electricity per unit of each product",
    )
    return {str(r.product_id): float(r.kwh_per_unit) for r in frame.itertuples() if r.kwh_per_unit > 0}


def line_energy_per_unit(runner: QueryRunner, line: str, now: datetime) -> float:
    """The catalogue KPI: the line's electricity per good unit over the last four weeks."""
    query = MetricQuery("energy_per_good_unit", history_window(now), Filters(lines=(line,), media=(MEDIUM,)))
    frame = runner.metric(query, "electricity per good unit")
    return float(frame.iloc[0]["value"]) if not frame.empty and pd.notna(frame.iloc[0]["value"]) else 0.0


class WorkedPrices:
    """The tariff minute by minute over the line's coming worked shifts."""

    def __init__(self, shifts: list[ComingShift], prices: dict[datetime, float], start: datetime) -> None:
        self.minutes: list[datetime] = []
        for s in shifts:
            t = max(s.start, start)
            while t < s.end:
                self.minutes.append(t)
                t += timedelta(minutes=1)
        hourly = [prices.get(t.replace(minute=0), np.nan) for t in self.minutes]
        if not self.minutes or np.isnan(hourly).any():
            raise ProposalError(
                "Die Preistabelle deckt die kommenden Schichten nicht ab; eine Ersparnis wäre geraten.",
                "The tariff does not cover the coming shifts; a saving would be a guess.",
            )
        self.cumulative = np.concatenate([[0.0], np.cumsum(hourly)])

    def position(self, t: datetime) -> int:
        """Worked minutes from the start up to t."""
        return int(np.searchsorted(np.array(self.minutes, dtype="datetime64[m]"), np.datetime64(t, "m")))

    def mean(self, start: int, minutes: float) -> float:
        """Mean price over worked minutes [start, start + minutes)."""
        end = min(int(start + round(minutes)), len(self.cumulative) - 1)
        start = min(start, end - 1)
        return float((self.cumulative[end] - self.cumulative[start]) / (end - start))

    def at(self, position: int) -> datetime:
        """The wall-clock time of a worked minute."""
        return self.minutes[min(position, len(self.minutes) - 1)]


def tariff(runner: QueryRunner, first: datetime, last: datetime) -> tuple[dict[datetime, float], str]:
    """Electricity prices per hour between two moments, and their currency."""
    frame = runner.sql(
        "SELECT ts, price_per_kwh, currency FROM energy_tariffs "
        f"WHERE medium = {sql_text(MEDIUM)} AND ts >= {sql_timestamp(first - timedelta(hours=1))} "
        f"AND ts < {sql_timestamp(last)} ORDER BY ts",
        "electricity tariff",
    )
    hours = pd.to_datetime(frame["ts"]).dt.floor("h")  # quarter-hour prices are averaged into their hour
    mean = frame.groupby(hours)["price_per_kwh"].mean()
    prices = {pd.Timestamp(h).to_pydatetime(): float(v) for h, v in mean.items()}
    return prices, str(frame.iloc[0]["currency"]) if not frame.empty else "EUR"


def _cost(
    order: list[int], kwh: list[float], minutes: list[float], prices: WorkedPrices, start: int
) -> float:
    """EUR of the orders run back to back in this order from a worked minute."""
    total, position = 0.0, start
    for i in order:
        total += kwh[i] * prices.mean(position, minutes[i])
        position += round(minutes[i])
    return total


def cheapest_order(kwh: list[float], minutes: list[float], prices: WorkedPrices, start: int) -> list[int]:
    """The order of jobs with less electricity cost: pairwise exchanges while one saves a noticeable amount."""
    order = list(range(len(kwh)))
    best = _cost(order, kwh, minutes, prices, start)
    least = best * MIN_SWAP_SHARE
    improved = True
    while improved:
        improved = False
        for a in range(len(order)):
            for b in range(a + 1, len(order)):
                trial = order[:]
                trial[a], trial[b] = trial[b], trial[a]
                cost = _cost(trial, kwh, minutes, prices, start)
                if cost < best - least:
                    order, best, improved = trial, cost, True
    return order


def propose_energy(connector: Any, catalog: EntityCatalog, line: str, now: datetime) -> EnergyProposal:
    """The line's backlog placed so its energy-heavy orders run in the cheaper hours."""
    line_id = resolve_line(catalog, line)
    if not has_tariff(connector):
        raise NoTariff(
            "Die Datenquelle hat keine Energiepreise (Tabelle energy_tariffs); ein Energiefenster lässt sich "
            "ohne Preise nicht vorschlagen.",
            "The source has no energy prices (table energy_tariffs); an energy window cannot be proposed "
            "without them.",
        )
    runner = QueryRunner(connector)
    plan = backlog(runner, line_id, now)
    per_unit = product_energy(runner, line_id, now)
    missing = sorted({o.product for o in plan} - set(per_unit))
    if missing:
        raise ProposalError(
            f"Für {', '.join(missing)} hat {line_id} in den letzten vier Wochen keinen Stromverbrauch; "
            "eine Ersparnis wäre geraten.",
            f"{line_id} has no electricity for {', '.join(missing)} in the last four weeks; a saving would be a guess.",
        )
    shifts = coming_shifts(runner, line_id, now)
    prices, currency = tariff(runner, plan[0].start, shifts[-1].end if shifts else plan[-1].start)
    worked = WorkedPrices(shifts, prices, plan[0].start)
    ideal = _ideal_cycles(runner, line_id)
    starts = [worked.position(o.start) for o in plan]
    last = ideal.get(plan[-1].product, 0.0) * plan[-1].qty / 60
    minutes = [float(b - a) for a, b in pairwise(starts)] + [max(1.0, last)]
    kwh = [o.qty * per_unit[o.product] for o in plan]
    order = cheapest_order(kwh, minutes, worked, starts[0])
    proposed_start: dict[int, int] = {}
    position = starts[0]
    for i in order:
        proposed_start[i] = position
        position += round(minutes[i])
    rows = [
        OrderEnergy(o, per_unit[o.product], minutes[i], o.start, worked.mean(starts[i], minutes[i]),
                    worked.at(proposed_start[i]), worked.mean(proposed_start[i], minutes[i]))
        for i, o in enumerate(plan)
    ]  # fmt: skip
    window = history_window(now)
    changeovers = _changeover_minutes(runner, catalog, line_id, now, plan, order)
    return EnergyProposal(
        line=line_id,
        line_de=catalog.label("line", line_id, "de"),
        line_en=catalog.label("line", line_id, "en"),
        currency=currency,
        line_kwh_per_unit=line_energy_per_unit(runner, line_id, now),
        plan=rows,
        proposal=[rows[i] for i in order],
        history=(window.start, window.end),
        changeover_minutes=changeovers,
        evidence=runner.evidence,
    )


def _ideal_cycles(runner: QueryRunner, line: str) -> dict[str, float]:
    """Ideal cycle time per product on the line, seconds."""
    frame = runner.sql(
        f"SELECT product_id, ideal_cycle_time_s FROM line_products WHERE line_id = {sql_text(line)}",
        "cycle times",
    )
    return {str(r.product_id): float(r.ideal_cycle_time_s) for r in frame.itertuples()}


def _changeover_minutes(runner: QueryRunner, catalog: EntityCatalog, line: str, now: datetime,
                        plan: list[PlannedOrder], order: list[int]) -> tuple[float, float]:  # fmt: skip
    """Expected changeover minutes of the plan's order and of the proposed one, from the line's history."""
    start = current_product(runner, line, now)
    family = {o.product: o.family for o in plan} | ({start[0]: start[1]} if start else {})
    pairs = pair_times(
        runner, line, DayWindow(catalog.data_start or history_window(now).start, now), sorted(family), family
    )

    def cost(a: str, b: str) -> float:
        return pair_minutes(pairs, a, b)

    first = start[0] if start else None
    return (
        sequence_cost(first, [o.product for o in plan], cost),
        sequence_cost(first, [plan[i].product for i in order], cost),
    )
