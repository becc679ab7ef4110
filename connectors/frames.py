"""Result frames shaped alike whatever engine made them: numbers as floats or ints, dates as timestamps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pandas as pd


def frame_of(rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A frame from plain rows, normalised."""
    return normalise(pd.DataFrame([tuple(r) for r in rows], columns=list(columns)))


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Decimals as floats, dates and naive timestamps as datetime64, as DuckDB hands them over."""
    for name in frame.columns:
        frame[name] = _column(frame[name])
    return frame


def _column(series: pd.Series) -> pd.Series:
    """One column in the shape DuckDB gives it."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.astype("datetime64[us]") if series.dt.tz is None else series
    if series.dtype != object:
        return series
    sample = next((v for v in series if v is not None and not _is_nan(v)), None)
    if isinstance(sample, Decimal):
        return series.map(lambda v: None if v is None else float(v)).astype("float64")
    if isinstance(sample, dt.datetime | dt.date) and not isinstance(sample, dt.time):
        return pd.to_datetime(series).astype("datetime64[us]")
    return series


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and value != value
