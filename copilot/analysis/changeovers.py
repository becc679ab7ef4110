"""Why changeovers take long: which kind of change overruns its standard, and by how much."""

from __future__ import annotations

import pandas as pd

from ..runner import QueryRunner
from ..semantic.compile import MetricQuery, to_sql
from ..semantic.filters import Filters, Window
from .effects import Driver

OVERRUN = 1.3  # a kind of changeover taking 30 % longer than its standard is a problem


def changeover_groups(
    runner: QueryRunner, filters: Filters, window: Window, dimension: str, purpose: str
) -> pd.DataFrame:
    """Changeovers per group with actual and standard minutes and the excess over standard."""
    query = MetricQuery("changeover_vs_standard", window, filters, (dimension,))
    frame = runner.sql(to_sql(query), purpose)
    frame["excess"] = frame["minutes"] - frame["standard_minutes"]
    return frame


def overrun_driver(frame: pd.DataFrame, dimension: str) -> Driver | None:
    """The group carrying most of the time over standard."""
    excess = frame[frame["excess"] > 0]
    if excess.empty:
        return None
    top = excess.loc[excess["excess"].idxmax()]
    share = float(top["excess"] / excess["excess"].sum())
    return Driver(
        dimension, str(top[dimension]), share, "difference_share", OVERRUN, float(top["value"]), "long_changeovers",
        {"ratio": float(top["value"]), "changeovers": float(top["changeovers"]), "excess_minutes": float(top["excess"]),
         "minutes": float(top["minutes"]), "standard_minutes": float(top["standard_minutes"])},
    )  # fmt: skip
