"""What the next shift should watch, derived from the handover's own figures and the coming orders."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

import pandas as pd

from ..formatting import number
from ..runner import QueryRunner
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters, sql_text, sql_timestamp

if TYPE_CHECKING:
    from .build import Handover

SCRAP_FACTOR = 1.5  # a shift's scrap rate this many times the line's normal is worth watching
PLAN_SHORTFALL = 0.95  # output below 95 % of the plan is worth saying
NORMAL_DAYS = 28  # the line's normal scrap rate: the four weeks before the shift


def _pct(value: float, language: str) -> str:
    return f"{number(value * 100, language, 1)} %"


def normal_scrap_rate(runner: QueryRunner, handover: Handover) -> float | None:
    """The line's scrap rate over the four weeks before the shift's day."""
    from .build import DayWindow

    end = handover.slot.window.start
    window = DayWindow(end - timedelta(days=NORMAL_DAYS), end)
    frame = runner.metric(
        MetricQuery("scrap_rate", window, Filters(lines=(handover.slot.line,))), "normal scrap rate"
    )
    value = frame["value"].iloc[0] if not frame.empty else None
    return None if value is None or pd.isna(value) else float(value)


def next_orders(runner: QueryRunner, handover: Handover, count: int = 2) -> pd.DataFrame:
    """The line's next planned orders after now, with their product family."""
    return runner.sql(
        "SELECT o.order_id, o.product_id, p.name, p.family, o.planned_qty, o.planned_start_ts "
        "FROM production_orders AS o JOIN products AS p ON p.product_id = o.product_id "
        f"WHERE o.line_id = {sql_text(handover.slot.line)} AND o.status = 'planned' "
        f"AND o.planned_start_ts > {sql_timestamp(handover.now)} ORDER BY o.planned_start_ts LIMIT {count}",
        "next planned orders",
    )


def watch_items(handover: Handover, runner: QueryRunner) -> list[tuple[str, str]]:
    """Short points for the next shift, German and English, each from a figure above."""
    items: list[tuple[str, str]] = []
    h = handover
    if h.losses:
        top = h.losses[0]
        stops_de = "1 Stopp" if top.stops == 1 else f"{top.stops} Stopps"
        stops_en = "1 stop" if top.stops == 1 else f"{top.stops} stops"
        items.append(
            (
                f"{top.station} beobachten: {top.reason_de}, {number(top.minutes, 'de', 0)} min in {stops_de}.",
                f"Watch {top.station}: {top.reason_en}, {number(top.minutes, 'en', 0)} min in {stops_en}.",
            )
        )
    if h.oee is not None and h.oee_target is not None and h.oee < h.oee_target:
        items.append(
            (
                f"OEE {_pct(h.oee, 'de')} unter dem Ziel {_pct(h.oee_target, 'de')}.",
                f"OEE {_pct(h.oee, 'en')} below its target of {_pct(h.oee_target, 'en')}.",
            )
        )
    if h.plan and h.output < PLAN_SHORTFALL * h.plan:
        missing = number(h.plan - h.output, "de", 0), number(h.plan - h.output, "en", 0)
        items.append(
            (
                f"{missing[0]} Stück unter Plan: Rückstand in der nächsten Schicht einplanen.",
                f"{missing[1]} units short of plan: plan the backlog into the next shift.",
            )
        )
    _scrap_item(h, runner, items)
    for order in h.maintenance:
        if order.status != "done":
            where = order.station or order.mo_id
            items.append(
                (
                    f"Instandhaltungsauftrag {order.mo_id} an {where} ist noch offen: {order.description}.",
                    f"Maintenance order {order.mo_id} at {where} is still open: {order.description}.",
                )
            )
    _order_items(next_orders(runner, h), items)
    return items


def _scrap_item(h: Handover, runner: QueryRunner, items: list[tuple[str, str]]) -> None:
    """The top defect when the shift's scrap rate is well above the line's normal."""
    normal = normal_scrap_rate(runner, h)
    if not h.scrap or not h.output or not normal:
        return
    rate = (h.output - h.good) / h.output
    if rate < SCRAP_FACTOR * normal:
        return
    top = h.scrap[0]
    items.append(
        (
            f"Ausschuss {_pct(rate, 'de')} (normal {_pct(normal, 'de')}), meist {top.defect_de}: Erstteil prüfen.",
            f"Scrap {_pct(rate, 'en')} (normal {_pct(normal, 'en')}), mostly {top.defect_en}: check the first part.",
        )
    )


def _order_items(orders: pd.DataFrame, items: list[tuple[str, str]]) -> None:
    """The coming orders, and whether the next one changes the product family."""
    rows = list(orders.itertuples())
    for first, second in pairwise(rows):
        if first.family != second.family:
            items.append(
                (
                    f"Familienwechsel {first.family} → {second.family} um {second.planned_start_ts:%H:%M}: "
                    "Rüstmaterial vorbereiten.",
                    f"Family change {first.family} → {second.family} at {second.planned_start_ts:%H:%M}: "
                    "prepare the changeover.",
                )
            )
    if rows:
        o = rows[0]
        items.append(
            (
                f"Nächster Auftrag {o.order_id}: {o.name}, {number(o.planned_qty, 'de', 0)} Stück ab "
                f"{o.planned_start_ts:%d.%m. %H:%M}.",
                f"Next order {o.order_id}: {o.name}, {number(o.planned_qty, 'en', 0)} units from "
                f"{o.planned_start_ts:%Y-%m-%d %H:%M}.",
            )
        )
