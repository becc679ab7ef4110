"""Why a line used more or less energy in one period than in another.

A linear model of each 15-minute interval — energy = base + a·shift hours + c·changeover hours
+ s·stop hours + u·units — is fitted on the line's recent history; the difference between two
periods is then split into what each term changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from ..runner import QueryRunner
from ..semantic.filters import Window, sql_list, sql_text, sql_timestamp
from .effects import Driver

HISTORY_DAYS = 56
TERMS = ("base", "shift_h", "changeover_h", "stop_h", "units")
CAUSE = {
    "base": "base_load",
    "shift_h": "working_time",
    "changeover_h": "changeovers",
    "stop_h": "downtime",
    "units": "output",
}
# the quarter hour a moment falls in, as (hour, quarter) columns every engine can group and join on
QUARTER = "DATE_TRUNC('hour', {ts}) AS hour_ts, FLOOR(EXTRACT(MINUTE FROM {ts}) / 15) AS quarter"
MIN_SHARE = 0.25  # a term that explains a quarter of the difference is a likely cause


@dataclass(frozen=True)
class EnergySplit:
    """Two periods' energy, the difference, and each term's part of it."""

    first: float
    second: float
    parts: dict[str, float]  # kWh of the difference per term, 'rest' = not explained
    changes: dict[str, float]  # change of each feature (hours, units, changeovers)
    coefficients: dict[str, float]

    @property
    def difference(self) -> float:
        """first − second in kWh."""
        return self.first - self.second

    def drivers(self) -> list[Driver]:
        """Terms ordered by how much of the difference they explain (same sign only)."""
        total = self.difference
        result = []
        for term, kwh in self.parts.items():
            if term == "rest":
                continue
            share = kwh / total if total else 0.0
            result.append(
                Driver(
                    "energy_term",
                    CAUSE[term],
                    share,
                    "difference_share",
                    MIN_SHARE,
                    share,
                    CAUSE[term],
                    {"kwh": kwh, "change": self.changes.get(term, 0.0)},
                )
            )
        return sorted(result, key=lambda d: d.effect, reverse=True)


def interval_features(
    runner: QueryRunner, line: str, media: tuple[str, ...], start: datetime, end: datetime, purpose: str
) -> pd.DataFrame:
    """kWh and the line's state per 15-minute interval between start and end."""
    media_list = sql_list(media)
    quoted = sql_text(line)
    overlap = "GREATEST(0, DATE_DIFF('second', GREATEST(s.ts, x.start_ts), LEAST(s.ts + INTERVAL 15 MINUTE, x.end_ts)))"
    span = f"start_ts < {sql_timestamp(end)} AND end_ts > {sql_timestamp(start)}"

    def hours(table: str, name: str) -> str:
        return (
            f"{name} AS (SELECT s.ts, SUM({overlap}) / 3600 AS h FROM slots AS s JOIN {table} AS x "
            "ON x.start_ts < s.ts + INTERVAL 15 MINUTE AND x.end_ts > s.ts GROUP BY s.ts)"
        )

    sql = (
        "WITH slots AS (SELECT r.ts, SUM(r.value) AS kwh FROM energy_readings AS r "
        "JOIN energy_meters AS m ON m.meter_id = r.meter_id "
        f"WHERE m.line_id = {quoted} AND m.medium IN ({media_list}) AND r.ts >= {sql_timestamp(start)} AND r.ts < {sql_timestamp(end)} "
        "GROUP BY r.ts), "
        f"worked AS (SELECT start_ts, end_ts FROM shift_calendar WHERE line_id = {quoted} AND {span}), "
        f"setups AS (SELECT start_ts, end_ts FROM changeovers WHERE line_id = {quoted} AND {span}), "
        "stops AS (SELECT e.start_ts, e.end_ts FROM downtime_events AS e "
        "JOIN downtime_reasons AS d ON d.reason_code = e.reason_code "
        f"WHERE e.line_id = {quoted} AND d.loss_category <> 'setup' AND e.{span.replace(' AND end_ts', ' AND e.end_ts')}), "
        f"{hours('worked', 'worked_h')}, {hours('setups', 'setup_h')}, {hours('stops', 'stop_h')}, "
        f"made AS (SELECT {QUARTER.format(ts='ts')}, COUNT(*) AS n FROM units "
        f"WHERE line_id = {quoted} AND ts >= {sql_timestamp(start)} AND ts < {sql_timestamp(end)} GROUP BY 1, 2) "
        "SELECT s.ts, s.kwh, COALESCE(w.h, 0) AS shift_h, COALESCE(c.h, 0) AS changeover_h, "
        "COALESCE(d.h, 0) AS stop_h, COALESCE(u.n, 0) AS units "
        "FROM slots AS s LEFT JOIN worked_h AS w ON w.ts = s.ts LEFT JOIN setup_h AS c ON c.ts = s.ts "
        "LEFT JOIN stop_h AS d ON d.ts = s.ts LEFT JOIN made AS u ON u.hour_ts = DATE_TRUNC('hour', s.ts) "
        "AND u.quarter = FLOOR(EXTRACT(MINUTE FROM s.ts) / 15) ORDER BY s.ts"
    )
    return runner.sql(sql, purpose)


def fit(features: pd.DataFrame) -> dict[str, float]:
    """Least-squares coefficients of the interval model."""
    design = np.column_stack(
        [np.ones(len(features))] + [features[t].to_numpy(dtype=float) for t in TERMS[1:]]
    )
    coefficients, *_ = np.linalg.lstsq(design, features["kwh"].to_numpy(dtype=float), rcond=None)
    return dict(zip(TERMS, (float(c) for c in coefficients), strict=True))


def split_difference(
    features: pd.DataFrame, coefficients: dict[str, float], first: Window, second: Window
) -> EnergySplit:
    """Each term's share of the energy difference between two windows."""

    def period(window: Window) -> pd.DataFrame:
        ts = pd.to_datetime(features["ts"])
        return features[(ts >= pd.Timestamp(window.start)) & (ts < pd.Timestamp(window.end))]

    a, b = period(first), period(second)
    totals = {
        t: (float(len(a)), float(len(b))) if t == "base" else (float(a[t].sum()), float(b[t].sum()))
        for t in TERMS
    }
    parts = {t: coefficients[t] * (totals[t][0] - totals[t][1]) for t in TERMS}
    difference = float(a["kwh"].sum() - b["kwh"].sum())
    parts["rest"] = difference - sum(parts.values())
    changes = {t: totals[t][0] - totals[t][1] for t in TERMS}
    return EnergySplit(float(a["kwh"].sum()), float(b["kwh"].sum()), parts, changes, coefficients)


def explain_energy(
    runner: QueryRunner, line: str, media: tuple[str, ...], first: Window, second: Window, purpose: str
) -> EnergySplit:
    """Fit on the line's last eight weeks and split the difference between two windows."""
    end = max(first.end, second.end)
    start = min(first.start, second.start, end - timedelta(days=HISTORY_DAYS))
    features = interval_features(runner, line, media, start, end, purpose)
    return split_difference(features, fit(features), first, second)
