"""Chart specs (Vega-Lite, built with Altair) for trends and breakdowns."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _title(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit not in ("count", "") else label


def bars(frame: pd.DataFrame, category: str, label: str, unit: str, sort: bool = False) -> dict[str, Any]:
    """A bar per category, largest first when sorted."""
    import altair as alt

    data = frame[[category, "value"]].copy()
    order: Any = "-x" if sort else None
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=_title(label, unit)),
            y=alt.Y(f"{category}:N", title=None, sort=order),
            tooltip=[category, alt.Tooltip("value:Q", format=",.2f")],
        )
    )
    return chart.to_dict()


def line(frame: pd.DataFrame, dimension: str, label: str, unit: str) -> dict[str, Any]:
    """A line over days, weeks, shifts or hours."""
    import altair as alt

    data = frame[[dimension, "label", "value"]].copy()
    kind = "T" if dimension in ("day", "week") else "O"
    if kind == "T":
        data[dimension] = pd.to_datetime(data[dimension]).dt.strftime("%Y-%m-%d")
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{dimension}:{kind}", title=None),
            y=alt.Y("value:Q", title=_title(label, unit)),
            tooltip=["label", alt.Tooltip("value:Q", format=",.2f")],
        )
    )
    return chart.to_dict()
