"""kWh (and money, with tariffs) a meter could save, summed interval by interval from the period's own rows.

Idle intervals are the contract's: no worked shift of the meter's line overlaps the quarter hour.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import energy_base
from ..compose.context import Ctx
from ..semantic.filters import Filters, sql_list, sql_timestamp
from ..timeframes import TimeWindow
from .tariffs import CURRENCY, Money, has_tariffs, money_columns, money_of, price_join

WEEK_H = 168.0
IDLE = (
    "NOT EXISTS (SELECT 1 FROM shift_calendar AS c WHERE c.line_id = m.line_id AND r.ts < c.end_ts "
    "AND r.ts + INTERVAL 15 MINUTE > c.start_ts)"
)


def interval_sums(
    ctx: Ctx, meters: tuple[str, ...], window: TimeWindow, sums: dict[str, str], purpose: tuple[str, str]
) -> pd.DataFrame:
    """Per meter: each named sum over the window's intervals (columns ts, value, idle), with its money."""
    columns = [f"SUM({expr}) AS {name}" for name, expr in sums.items()]
    joins = ""
    if has_tariffs(ctx):
        columns += [money_columns(expr, name) for name, expr in sums.items()] + [CURRENCY]
        joins = price_join("x", "x")
    sql = (
        "WITH x AS (SELECT r.meter_id, m.line_id, m.medium, r.ts, r.value, "
        f"CASE WHEN {IDLE} THEN 1 ELSE 0 END AS idle FROM energy_readings AS r "
        "JOIN energy_meters AS m ON m.meter_id = r.meter_id "
        f"WHERE r.meter_id IN ({sql_list(meters)}) AND r.ts >= {sql_timestamp(window.start)} "
        f"AND r.ts < {sql_timestamp(window.end)}) "
        f"SELECT x.meter_id, MIN(x.line_id) AS line_id, MIN(x.medium) AS medium, COUNT(*) AS intervals, "
        f"{', '.join(columns)} FROM x{joins} GROUP BY x.meter_id ORDER BY x.meter_id"
    )
    return ctx.runner.sql(sql, ctx.t(*purpose))


@dataclass(frozen=True)
class Saving:
    """What one meter (or line) could save over the period: kWh, its money, and the facts behind it."""

    kind: str  # 'leak', 'idle', 'enpi'
    line: str | None
    meter: str | None
    medium: str
    kwh: float
    energy_kwh: float  # the meter's (or line's) energy over the period, before
    money: Money | None
    details: dict[str, float | str]

    def per_week(self, hours: float) -> tuple[float, Money | None]:
        """kWh and money scaled from the period's hours to one week."""
        factor = WEEK_H / hours if hours else 0.0
        return self.kwh * factor, self.money.scaled(factor) if self.money else None


NO_CALENDAR = (
    "Diese Datenquelle hat keinen Schichtkalender – Verbrauch außerhalb der Schichten und Grundlast-Sprünge "
    "lassen sich hier nicht von der Produktion trennen.",
    "This data source holds no shift calendar — consumption outside shifts and base-load steps cannot be told "
    "apart from production here.",
)


def has_table(ctx: Ctx, name: str) -> bool:
    """The source holds this table."""
    return name in ctx.runner.connector.schema()


def period_hours(ctx: Ctx, window: TimeWindow) -> float:
    """The hours of the window that lie before now."""
    end = min(window.end, ctx.now)
    return max((end - window.start).total_seconds() / 3600, 0.0)


def line_meters(ctx: Ctx, lines: tuple[str, ...], chosen: Filters | None = None) -> list[tuple[str, str]]:
    """(meter, line) of every meter of the lines (all lines when none is named), of the media or meters asked."""
    picked = set(lines or (e.id for e in ctx.catalog.entities("line")))
    media, meters = (chosen.media, chosen.meters) if chosen is not None else ((), ())
    frame = ctx.runner.sql(
        "SELECT meter_id, line_id, medium FROM energy_meters WHERE line_id IS NOT NULL ORDER BY meter_id",
        ctx.t("Zähler der Linien", "the lines' meters"),
    )
    return [
        (str(r.meter_id), str(r.line_id))
        for r in frame.itertuples(index=False)
        if r.line_id in picked and (not media or r.medium in media) and (not meters or r.meter_id in meters)
    ]


def step_of(ctx: Ctx, meter: str) -> energy_base.BaseStep | None:
    """The meter's lasting base-load rise over the last eight weeks, when it is a real step up."""
    step = energy_base.idle_step(
        ctx.runner, meter, ctx.now, ctx.t("Grundlast des Zählers je Tag", "the meter's idle load per day")
    )
    if step is None or step.step_kw <= 0 or step.relative < energy_base.STEP_SHARE:
        return None
    return step


def leak_saving(ctx: Ctx, step: energy_base.BaseStep, line: str, window: TimeWindow) -> Saving:
    """The meter's base load back to its level before the step: step_kw / 4 kWh less in every interval since."""
    since = sql_timestamp(step.since)
    per_interval = f"{step.step_kw / 4:.6f}"
    frame = interval_sums(
        ctx, (step.meter,), window,
        {"energy": "x.value", "saved": f"CASE WHEN x.ts >= {since} THEN {per_interval} ELSE 0 END",
         "saved_idle": f"CASE WHEN x.ts >= {since} AND x.idle = 1 THEN {per_interval} ELSE 0 END"},
        ("Zähler im Zeitraum, ab dem Grundlast-Sprung", "the meter in the period, from the base-load step"),
    )  # fmt: skip
    row = frame.iloc[0].to_dict() if len(frame) else {}
    details: dict[str, float | str] = {
        "since": step.since.date().isoformat(), "before_kw": step.before_kw, "step_kw": step.step_kw,
        "relative": step.relative, "saved_idle": float(row.get("saved_idle") or 0.0),
        "hours": period_hours(ctx, TimeWindow(max(window.start, step.since), window.end, "", "", "range")),
    }  # fmt: skip
    return Saving(
        "leak", line, step.meter, step.medium, float(row.get("saved") or 0.0), float(row.get("energy") or 0.0),
        money_of(row, "saved"), details,
    )  # fmt: skip


def idle_savings(ctx: Ctx, meters: list[tuple[str, str]], window: TimeWindow, share: float) -> list[Saving]:
    """Each meter's idle kWh (a share of it) that a switch-off outside shifts would save."""
    if not meters:
        return []
    frame = interval_sums(
        ctx, tuple(m for m, _ in meters), window,
        {"energy": "x.value", "saved": f"x.value * x.idle * {share:.6f}", "idle_intervals": "x.idle"},
        ("Energie je Zähler, davon außerhalb der Schichten", "energy per meter, of it outside shifts"),
    )  # fmt: skip
    return [
        Saving(
            "idle",
            str(row["line_id"]),
            str(row["meter_id"]),
            str(row["medium"]),
            float(row["saved"] or 0.0),
            float(row["energy"] or 0.0),
            money_of(row, "saved"),
            {"share": share, "idle_intervals": float(row["idle_intervals"] or 0)},
        )
        for row in frame.to_dict("records")
    ]
