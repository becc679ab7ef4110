"""A line's figure against its target and its own normal: the same weekdays of the weeks before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd

from ..compose.context import Ctx
from ..semantic.catalog import Metric
from ..timeframes import TimeWindow

NORMAL_WEEKS = 4
NOTABLE = 0.05  # a figure 5 % worse than its own normal stands out


@dataclass(frozen=True)
class Judged:
    """One line's figure, its target and its normal, in display units, and how far off each is."""

    line: str  # the line, station, shift … judged
    value: float
    target: float | None
    normal: float | None
    worse_than_target: float | None  # relative, positive = worse
    worse_than_normal: float | None

    @property
    def gap(self) -> float:
        """The ranking key: the gap to the target, or to the normal when there is no target."""
        chosen = self.worse_than_target if self.worse_than_target is not None else self.worse_than_normal
        return chosen if chosen is not None else 0.0

    @property
    def off(self) -> bool:
        """Worse than its target, or clearly worse than its own normal."""
        return (self.worse_than_target or 0.0) > 0 or (self.worse_than_normal or 0.0) > NOTABLE


def weeks_before(window: TimeWindow, weeks: int = NORMAL_WEEKS) -> list[TimeWindow]:
    """The same weekdays and hours in each of the weeks before."""
    shifted = []
    for k in range(1, weeks + 1):
        back = timedelta(days=7 * k)
        shifted.append(
            TimeWindow(window.start - back, window.end - back, f"−{k} Wo.", f"−{k} wk", window.grain)
        )
    return shifted


def worse_by(value: float, reference: float | None, direction: str) -> float | None:
    """How much worse a value is than a reference, relative; positive = worse."""
    if reference is None or not reference or pd.isna(reference):
        return None
    change = (value - reference) / abs(reference)
    return -change if direction == "higher" else change


def judge(ctx: Ctx, metric: Metric, window: TimeWindow, dimension: str = "line") -> list[Judged]:
    """Every line (or station, shift …) judged against its target and its normal, worst first."""
    filters = ctx.plan.filters
    word_de, word_en = ctx.t(dimension, dimension), dimension
    now = ctx.run(
        ctx.query(metric.key, window=window, group_by=(dimension,)),
        ctx.t(f"{metric.label_de} je {word_de}", f"{metric.label_en} per {word_en}"),
    )
    history = []
    for week in weeks_before(window):
        frame = ctx.run(
            ctx.query(metric.key, window=week, group_by=(dimension,)),
            ctx.t(
                f"{metric.label_de} je {word_de}, {week.label_de}",
                f"{metric.label_en} per {word_en}, {week.label_en}",
            ),
        )
        history.append(frame[[dimension, "value"]])
    weekly = pd.concat(history) if history else pd.DataFrame(columns=[dimension, "value"])
    normal = weekly.dropna().groupby(dimension)["value"].mean()
    judged = []
    for row in now.to_dict("records"):
        key = str(row[dimension])
        if (
            pd.isna(row["value"])
            or key in ("None", "nan")
            or (dimension == "line" and filters.lines and key not in filters.lines)
        ):
            continue
        value = float(row["value"]) * metric.scale
        target = ctx.target(metric, (key,)) if dimension == "line" else None
        usual = float(normal[key]) * metric.scale if key in normal.index else None
        judged.append(
            Judged(
                key, value, target, usual,
                worse_by(value, target, metric.direction), worse_by(value, usual, metric.direction),
            )
        )  # fmt: skip
    return sorted(judged, key=lambda j: j.gap, reverse=True)
