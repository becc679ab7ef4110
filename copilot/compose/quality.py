"""Data-quality checks that go with a figure: meter gaps, stops without a station, empty periods."""

from __future__ import annotations

from ..formatting import number
from ..semantic.catalog import Metric
from ..semantic.filters import Filters, sql_list, timestamp_literal
from ..timeframes import TimeWindow
from .context import Ctx


def data_warnings(
    ctx: Ctx, metric: Metric, filters: Filters, window: TimeWindow, dimension: str | None = None
) -> None:
    """Add warnings for the data behind this figure; never change the figure itself."""
    if metric.source in ("energy", "idle", "energy_per_unit"):
        _meter_gaps(ctx, metric, filters, window)
    if metric.source == "downtime" and dimension == "station":
        _stops_without_station(ctx, filters, window)


def _meter_gaps(ctx: Ctx, metric: Metric, filters: Filters, window: TimeWindow) -> None:
    end = min(window.end, ctx.now)
    if end <= window.start:
        return
    conditions = ["m.line_id IS NOT NULL"] if metric.source == "energy_per_unit" else []
    if filters.lines:
        conditions.append(f"m.line_id IN ({sql_list(filters.lines)})")
    media = filters.media or metric.media
    if media:
        conditions.append(f"m.medium IN ({sql_list(media)})")
    where = " AND ".join(conditions) or "TRUE"
    start, stop = timestamp_literal(window.start).sql("duckdb"), timestamp_literal(end).sql("duckdb")
    # each meter's readings between two marks just outside the window: a step of more than
    # 15 minutes from one to the next is a gap of that many quarter hours
    sql = (
        f"WITH meters AS (SELECT m.meter_id FROM energy_meters AS m WHERE {where}), "
        "marks AS (SELECT r.meter_id, r.ts FROM energy_readings AS r JOIN meters AS m ON m.meter_id = r.meter_id "
        f"WHERE r.ts >= {start} AND r.ts < {stop} "
        f"UNION ALL SELECT meter_id, {start} - INTERVAL 15 MINUTE FROM meters "
        f"UNION ALL SELECT meter_id, {stop} FROM meters), "
        "steps AS (SELECT meter_id, ts, LAG(ts) OVER (PARTITION BY meter_id ORDER BY ts) AS prev FROM marks) "
        "SELECT meter_id, CAST(SUM(DATE_DIFF('second', prev, ts) / 900 - 1) AS BIGINT) AS missing, "
        "MIN(prev) + INTERVAL 15 MINUTE AS first_missing, MAX(ts) - INTERVAL 15 MINUTE AS last_missing "
        "FROM steps WHERE DATE_DIFF('second', prev, ts) > 900 GROUP BY meter_id ORDER BY meter_id"
    )
    frame = ctx.runner.sql(sql, ctx.t("Lücken in den Zählerdaten prüfen", "check meter data for gaps"))
    for row in frame.itertuples(index=False):
        hours = number(row.missing * 0.25, ctx.lang, 2 if row.missing % 4 else 0)
        first = row.first_missing.strftime("%d.%m.%Y %H:%M" if ctx.lang == "de" else "%Y-%m-%d %H:%M")
        ctx.answer.warnings.append(
            ctx.t(
                f"Zähler {row.meter_id}: {row.missing} Viertelstundenwerte fehlen ({hours} h ab {first}). "
                "Der Verbrauch in dieser Zeit ist in der Summe nicht enthalten – die Zahl ist zu niedrig.",
                f"Meter {row.meter_id}: {row.missing} quarter-hour readings are missing ({hours} h from {first}). "
                "Consumption during that time is not in the total – the figure is too low.",
            )
        )


def _stops_without_station(ctx: Ctx, filters: Filters, window: TimeWindow) -> None:
    from ..semantic.filters import date_literal, shift_days

    first, after = shift_days(window)
    lines = ""
    if filters.lines:
        lines = f" AND line_id IN ({sql_list(filters.lines)})"
    sql = (
        "SELECT COUNT(*) AS events, COALESCE(SUM(duration_s), 0) / 60 AS minutes FROM downtime_events "
        f"WHERE station_id IS NULL AND shift_date >= {date_literal(first).sql('duckdb')} "
        f"AND shift_date < {date_literal(after).sql('duckdb')}{lines}"
    )
    frame = ctx.runner.sql(sql, ctx.t("Stillstände ohne Station zählen", "count stops without a station"))
    events, minutes = int(frame.iloc[0, 0]), float(frame.iloc[0, 1])
    if events:
        ctx.answer.warnings.append(
            ctx.t(
                f"{events} Stillstände ({number(minutes, 'de', 0)} min) sind ohne Station erfasst und als „ohne Zuordnung“ gezeigt.",
                f"{events} stops ({number(minutes, 'en', 0)} min) were booked without a station and are shown as “unassigned”.",
            )
        )
