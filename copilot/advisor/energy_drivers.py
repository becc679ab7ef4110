"""What drives a line's energy above its normal: a base-load step, changeovers, stops or output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from ..analysis import energy, energy_base
from ..compose.context import Ctx
from ..timeframes import TimeWindow
from .norms import NORMAL_WEEKS, weeks_before

ALL_MEDIA = ("electricity", "compressed_air", "heat", "gas")
MODEL_TERMS = {
    "changeover_h": "changeovers",
    "stop_h": "downtime",
    "units": "output",
    "shift_h": "working_time",
}


@dataclass(frozen=True)
class EnergyDriver:
    """One cause of extra energy with its kWh over the window."""

    cause: str  # 'base_load', 'compressed_air_leak', 'changeovers', 'downtime', 'output', 'working_time'
    kwh: float
    details: dict[str, float | str] = field(default_factory=dict)


def base_step(ctx: Ctx, line: str, window: TimeWindow) -> EnergyDriver | None:
    """The meter that grew most against the weeks before, and the lasting step in its idle load."""
    baseline = TimeWindow(window.start - pd.Timedelta(days=7 * NORMAL_WEEKS), window.start, "", "", "range")
    growth = energy_base.meter_growth(
        ctx.runner, line, window, baseline,
        ctx.t("Zähler je Tag gegen die vier Wochen davor", "meters per day against the four weeks before"),
    )  # fmt: skip
    extra = growth[growth["extra_per_day"] > 0]
    if extra.empty:
        return None
    top = extra.loc[extra["extra_per_day"].idxmax()]
    step = energy_base.idle_step(
        ctx.runner, str(top["meter_id"]), ctx.now, ctx.t("Grundlast des Zählers je Tag", "the meter's idle load per day")
    )  # fmt: skip
    if step is None or step.relative < energy_base.STEP_SHARE or step.step_kw <= 0:
        return None
    hours = _hours_after(window, step.since)
    cause = "compressed_air_leak" if step.medium == "compressed_air" else "base_load"
    details: dict[str, float | str] = {
        "meter": step.meter, "medium": step.medium, "since": step.since.date().isoformat(),
        "before_kw": step.before_kw, "step_kw": step.step_kw, "relative": step.relative, "hours": hours,
    }  # fmt: skip
    return EnergyDriver(cause, step.step_kw * hours, details)


def _hours_after(window: TimeWindow, since: datetime) -> float:
    start = max(window.start, since)
    return max((window.end - start).total_seconds() / 3600, 0.0)


def production_terms(ctx: Ctx, line: str, window: TimeWindow) -> list[EnergyDriver]:
    """kWh that changeovers, stops and output added against the same weekdays of the weeks before."""
    history = weeks_before(window)
    start = min(w.start for w in history)
    features = energy.interval_features(
        ctx.runner, line, ALL_MEDIA, start, window.end,
        ctx.t("Energie und Linienzustand je Viertelstunde", "energy and line state per quarter hour"),
    )  # fmt: skip
    if len(features) < 2 * len(energy.TERMS):
        return []
    coefficients = energy.fit(features)
    ts = pd.to_datetime(features["ts"])

    def totals(w: TimeWindow) -> pd.Series:
        inside = features[(ts >= pd.Timestamp(w.start)) & (ts < pd.Timestamp(w.end))]
        return inside[list(MODEL_TERMS)].sum()

    change = totals(window) - sum(totals(w) for w in history) / len(history)
    return [
        EnergyDriver(cause, coefficients[term] * float(change[term]), {"change": float(change[term])})
        for term, cause in MODEL_TERMS.items()
        if term != "shift_h"
    ]


def energy_drivers(ctx: Ctx, line: str, window: TimeWindow) -> list[EnergyDriver]:
    """Every driver of the line's extra energy, largest first."""
    found = [d for d in (base_step(ctx, line, window),) if d is not None]
    found += production_terms(ctx, line, window)
    return sorted(found, key=lambda d: d.kwh, reverse=True)
