"""Effect sizes: how much of a variation or a difference one factor explains."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Driver:
    """One candidate cause with its effect size and the evidence behind it."""

    factor: str  # 'station', 'shift', 'supplier', 'changeovers', 'downtime', …
    level: str  # the value that stands out: 'L3-S4', 'N', 'PolyForm Plast AG', …
    effect: float  # share of the variance or of the difference explained, 0..1; drivers rank by it
    measure: str  # 'variance_share', 'eta_squared', 'difference_share'
    threshold: float  # this factor's own bar for a strong cause, on `test_value`
    test_value: float  # the figure compared with the threshold (often `effect`, or a relative gap)
    cause: str  # cause type for the countermeasure library
    details: dict[str, float | str] = field(default_factory=dict)
    evidence: int | None = None  # index into the answer's evidence list

    @property
    def strong(self) -> bool:
        """Whether the effect passes its own threshold."""
        return self.test_value >= self.threshold


def eta_squared(values: pd.Series, groups: pd.Series) -> tuple[float, str, float]:
    """Share of variance between groups (one-way ANOVA η²), the group with the largest mean, its gap."""
    frame = pd.DataFrame({"v": values.to_numpy(dtype=float), "g": groups.astype(str).to_numpy()}).dropna()
    if frame["g"].nunique() < 2 or len(frame) < 10:
        return 0.0, "", 0.0
    total = float(((frame["v"] - frame["v"].mean()) ** 2).sum())
    stats = frame.groupby("g")["v"].agg(["mean", "count"])
    between = float((stats["count"] * (stats["mean"] - frame["v"].mean()) ** 2).sum())
    top = stats["mean"].idxmax()
    rest = frame.loc[frame["g"] != top, "v"].mean()
    gap = float(stats.loc[top, "mean"] / rest - 1) if rest else 0.0
    return (between / total if total else 0.0), str(top), gap


def variance_removed(values: np.ndarray, part: np.ndarray) -> float:
    """Share of the variance of `values` that disappears when `part` is taken out of each value."""
    total = float(np.var(values))
    if total == 0:
        return 0.0
    return max(0.0, 1.0 - float(np.var(values - part)) / total)


def difference_shares(parts: dict[str, float], total: float) -> dict[str, float]:
    """Each part's share of a total difference (parts may have either sign)."""
    if total == 0:
        return dict.fromkeys(parts, 0.0)
    return {name: value / total for name, value in parts.items()}
