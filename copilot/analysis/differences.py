"""Where an increase comes from: extra scrap or downtime against a baseline, split by factor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from ..runner import QueryRunner
from ..semantic.filters import Filters, Window, date_literal, shift_days, sql_list
from .effects import Driver

MIN_SHARE = 0.4  # one level carries at least 40 % of the extra


@dataclass(frozen=True)
class Span:
    """A plain window."""

    start: datetime
    end: datetime


def baseline_window(runner: QueryRunner, window: Window, purpose: str) -> Span:
    """The seven working days before a single day, else the window of equal length before it."""
    first, after = shift_days(window)
    if (after - first).days > 1:
        length = after - first
        return Span(
            datetime.combine(first - length, datetime.min.time()),
            datetime.combine(first, datetime.min.time()),
        )
    days = runner.sql(
        "SELECT DISTINCT shift_date FROM shift_calendar "
        f"WHERE shift_date < {date_literal(first).sql('duckdb')} ORDER BY shift_date DESC LIMIT 7",
        purpose,
    )
    if days.empty:
        return Span(
            datetime.combine(first - timedelta(days=7), datetime.min.time()),
            datetime.combine(first, datetime.min.time()),
        )
    earliest = pd.Timestamp(days["shift_date"].min()).to_pydatetime()
    return Span(earliest, datetime.combine(first, datetime.min.time()))


def _where(filters: Filters, window: Window, table: str = "u") -> str:
    first, after = shift_days(window)
    parts = [
        f"{table}.shift_date >= {date_literal(first).sql('duckdb')}",
        f"{table}.shift_date < {date_literal(after).sql('duckdb')}",
    ]
    if filters.lines:
        parts.append(f"{table}.line_id IN (" + sql_list(filters.lines) + ")")
    if filters.shifts:
        parts.append(f"{table}.shift_code IN (" + sql_list(filters.shifts) + ")")
    return " AND ".join(parts)


SCRAP_FACTORS = {
    "line": "u.line_id",
    "shift": "u.shift_code",
    "defect": "COALESCE(u.defect_code, '-')",
    "supplier": "COALESCE(b.supplier, '-')",
    "batch": "COALESCE(u.batch_id, '-')",
    "product": "u.product_id",
}


def extra_scrap(
    runner: QueryRunner, filters: Filters, window: Window, baseline: Span, factor: str, purpose: str
) -> pd.DataFrame:
    """Per level of a factor: units, scrap, and the scrap above the baseline rate of each line."""
    if factor == "defect":
        return _extra_by_defect(runner, filters, window, baseline, purpose)
    expression = SCRAP_FACTORS[factor]
    sql = (
        "WITH base AS (SELECT u.line_id, 1 - AVG(CAST(u.is_good AS INT)) AS rate FROM units AS u "
        f"WHERE {_where(filters, baseline)} GROUP BY u.line_id), "
        f"now_units AS (SELECT {expression} AS level, u.line_id, u.is_good FROM units AS u "
        "LEFT JOIN material_batches AS b ON b.batch_id = u.batch_id "
        f"WHERE {_where(filters, window)}) "
        "SELECT n.level, COUNT(*) AS units, SUM(CASE WHEN n.is_good THEN 0 ELSE 1 END) AS scrap, "
        "SUM(CASE WHEN n.is_good THEN 0 ELSE 1 END) - SUM(COALESCE(b.rate, 0)) AS extra "
        "FROM now_units AS n LEFT JOIN base AS b ON b.line_id = n.line_id GROUP BY n.level ORDER BY extra DESC"
    )
    return runner.sql(sql, purpose)


def _extra_by_defect(
    runner: QueryRunner, filters: Filters, window: Window, baseline: Span, purpose: str
) -> pd.DataFrame:
    """Per defect code: scrap now against each line's usual rate of that defect."""
    sql = (
        "WITH base_units AS (SELECT u.line_id, COUNT(*) AS n FROM units AS u "
        f"WHERE {_where(filters, baseline)} GROUP BY u.line_id), "
        "base AS (SELECT u.line_id, u.defect_code AS level, COUNT(*) / MIN(bu.n) AS rate FROM units AS u "
        f"JOIN base_units AS bu ON bu.line_id = u.line_id WHERE {_where(filters, baseline)} AND NOT u.is_good "
        "GROUP BY u.line_id, u.defect_code), "
        f"now_units AS (SELECT u.line_id, COUNT(*) AS n FROM units AS u WHERE {_where(filters, window)} GROUP BY u.line_id), "
        "now_bad AS (SELECT u.line_id, u.defect_code AS level, COUNT(*) AS scrap FROM units AS u "
        f"WHERE {_where(filters, window)} AND NOT u.is_good GROUP BY u.line_id, u.defect_code), "
        "pairs AS (SELECT nu.line_id, nu.n, COALESCE(nb.level, b.level) AS level, COALESCE(nb.scrap, 0) AS scrap, "
        "COALESCE(b.rate, 0) AS rate FROM now_units AS nu "
        "JOIN (SELECT line_id, level FROM now_bad UNION SELECT line_id, level FROM base) AS l ON l.line_id = nu.line_id "
        "LEFT JOIN now_bad AS nb ON nb.line_id = l.line_id AND nb.level = l.level "
        "LEFT JOIN base AS b ON b.line_id = l.line_id AND b.level = l.level) "
        "SELECT level, SUM(n) AS units, SUM(scrap) AS scrap, SUM(scrap - n * rate) AS extra FROM pairs "
        "GROUP BY level ORDER BY extra DESC"
    )
    return runner.sql(sql, purpose)


def scrap_defects(
    runner: QueryRunner, filters: Filters, window: Window, factor: str, purpose: str
) -> pd.DataFrame:
    """Scrap count per level of a factor among the scrapped units."""
    expression = SCRAP_FACTORS[factor]
    sql = (
        f"SELECT {expression} AS level, COUNT(*) AS scrap FROM units AS u "
        "LEFT JOIN material_batches AS b ON b.batch_id = u.batch_id "
        f"WHERE {_where(filters, window)} AND NOT u.is_good GROUP BY 1 ORDER BY scrap DESC"
    )
    return runner.sql(sql, purpose)


def share_driver(
    frame: pd.DataFrame, value: str, factor: str, cause: str, threshold: float = MIN_SHARE
) -> Driver | None:
    """The level carrying the largest positive part of a total, as a driver."""
    positive = frame[frame[value] > 0]
    total = float(positive[value].sum())
    if positive.empty or total <= 0:
        return None
    top = positive.iloc[positive[value].argmax()]
    share = float(top[value]) / total
    details: dict[str, float | str] = {value: float(top[value]), "total": total}
    if "units" in frame.columns:
        details["units"] = float(top["units"])
        details["scrap"] = float(top["scrap"])
    return Driver(factor, str(top["level"]), share, "difference_share", threshold, share, cause, details)


def downtime_change(
    runner: QueryRunner, filters: Filters, window: Window, baseline: Span, factor: str, purpose: str
) -> pd.DataFrame:
    """Per reason or station: unplanned minutes now, the baseline's minutes per day scaled to the window, the extra."""
    column = {
        "reason": "e.reason_code",
        "station": "COALESCE(e.station_id, '?')",
        "loss_category": "r.loss_category",
        "shift": "e.shift_code",
    }[factor]
    first, after = shift_days(window)
    b_first, b_after = shift_days(baseline)
    scale = (after - first).days / max((b_after - b_first).days, 1)
    sql = (
        f"WITH ev AS (SELECT {column} AS level, e.duration_s, e.shift_date FROM downtime_events AS e "
        "JOIN downtime_reasons AS r ON r.reason_code = e.reason_code "
        f"WHERE NOT r.planned AND {_where(filters, Span(datetime.combine(b_first, datetime.min.time()), window.end), 'e')}) "
        f"SELECT level, SUM(duration_s) FILTER (WHERE shift_date >= {date_literal(first).sql('duckdb')}) / 60 AS minutes, "
        f"COALESCE(SUM(duration_s) FILTER (WHERE shift_date < {date_literal(b_after).sql('duckdb')}), 0) / 60 * {scale:.6f} AS usual, "
        f"COALESCE(SUM(duration_s) FILTER (WHERE shift_date >= {date_literal(first).sql('duckdb')}), 0) / 60 "
        f"- COALESCE(SUM(duration_s) FILTER (WHERE shift_date < {date_literal(b_after).sql('duckdb')}), 0) / 60 * {scale:.6f} AS extra "
        "FROM ev GROUP BY level ORDER BY extra DESC"
    )
    return runner.sql(sql, purpose)
