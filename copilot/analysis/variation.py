"""Why a line's cycle time varies: short stops per station, shift, team, product, supplier, time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..runner import QueryRunner
from ..semantic.filters import Window, date_literal, shift_days, sql_text, sql_timestamp
from .effects import Driver, eta_squared, variance_removed

STATION_SHARE = 0.25  # one station's short stops explain a quarter of the variance
GROUP_ETA = 0.05  # a medium effect (Cohen)
SUPPLIER_GAP = 0.05  # one supplier's material 5 % slower
MIN_UNITS = 200


# units one variation analysis reads: four weeks of a fast line; more is said in the answer
UNIT_ROWS = 100_000


@dataclass(frozen=True)
class CycleUnits:
    """Per unit: cycle time relative to ideal, its factors, and alarm seconds per station."""

    units: pd.DataFrame
    alarm_seconds: pd.DataFrame  # unit_id × station, seconds of short stops in that cycle
    alarm_detail: pd.DataFrame  # station, alarm code, shift, seconds


def load_units(runner: QueryRunner, line: str, window: Window, purpose: tuple[str, str]) -> CycleUnits:
    """Units of the line in the window with their factors, and the short stops inside each cycle."""
    first, after = shift_days(window)
    days = f"u.shift_date >= {date_literal(first).sql('duckdb')} AND u.shift_date < {date_literal(after).sql('duckdb')}"
    units = runner.sql(
        "SELECT u.unit_id, u.ts, u.cycle_time_s, u.cycle_time_s / lp.ideal_cycle_time_s AS relative, "
        "lp.ideal_cycle_time_s AS ideal_s, u.shift_code AS shift, c.team_id AS team, u.product_id AS product, "
        "b.supplier AS supplier, CAST(EXTRACT(HOUR FROM u.ts) AS BIGINT) AS hour, u.shift_date "
        "FROM units AS u JOIN line_products AS lp ON lp.line_id = u.line_id AND lp.product_id = u.product_id "
        "LEFT JOIN material_batches AS b ON b.batch_id = u.batch_id "
        "LEFT JOIN shift_calendar AS c ON c.line_id = u.line_id AND c.shift_date = u.shift_date AND c.shift_code = u.shift_code "
        f"WHERE u.line_id = {sql_text(line)} AND u.cycle_time_s IS NOT NULL AND {days} "
        "ORDER BY u.ts DESC, u.unit_id",  # the newest first, the same rows on every engine
        purpose[0],
        max_rows=UNIT_ROWS,
    )
    units["weekday"] = (pd.to_datetime(units.pop("shift_date")).dt.day_of_week + 1) % 7  # 0 = Sunday
    start = sql_timestamp(pd.Timestamp(first).to_pydatetime())
    alarms = runner.sql(
        "WITH cycle_units AS (SELECT u.line_id, u.unit_id, u.ts, u.cycle_time_s, u.shift_code FROM units AS u "
        f"WHERE u.line_id = {sql_text(line)} AND {days}), "
        "short_stops AS (SELECT s.line_id, a.station_id, a.alarm_code, a.ts, a.duration_s FROM alarms AS a "
        f"JOIN stations AS s ON s.station_id = a.station_id WHERE s.line_id = {sql_text(line)} "
        f"AND a.duration_s < 120 AND a.ts >= {start}), "
        # each short stop belongs to the first unit finished at or after it: a running minimum backwards in time
        "stream AS (SELECT line_id, ts, 0 AS kind, station_id, alarm_code, duration_s FROM short_stops "
        "UNION ALL SELECT line_id, ts, 1 AS kind, NULL, NULL, NULL FROM cycle_units), "
        "next_unit AS (SELECT line_id, ts, kind, station_id, alarm_code, duration_s, "
        "MIN(CASE WHEN kind = 1 THEN ts END) OVER (PARTITION BY line_id ORDER BY ts DESC, kind DESC "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS unit_ts FROM stream) "
        "SELECT n.station_id, n.alarm_code, cu.unit_id, cu.shift_code AS shift, n.duration_s "
        "FROM next_unit AS n JOIN cycle_units AS cu ON cu.line_id = n.line_id AND cu.ts = n.unit_ts "
        "WHERE n.kind = 0 AND DATE_DIFF('second', n.ts, cu.ts) <= COALESCE(cu.cycle_time_s, 0)",
        purpose[1],
    )
    per_unit = alarms.pivot_table(
        index="unit_id", columns="station_id", values="duration_s", aggfunc="sum", fill_value=0.0
    )
    return CycleUnits(units, per_unit, alarms)


def cycle_drivers(data: CycleUnits) -> list[Driver]:
    """Every candidate factor with its share of the relative cycle time's variance, largest first."""
    units = data.units
    if len(units) < MIN_UNITS:
        return []
    values = units["relative"].to_numpy(dtype=float)
    drivers = sorted(_station_drivers(data, values), key=lambda d: d.effect, reverse=True)
    rest = units.assign(relative=values - _explained(data, drivers))
    for factor in ("shift", "team", "product", "hour", "weekday"):
        eta, level, gap = eta_squared(rest["relative"], rest[factor])
        drivers.append(
            Driver(factor, level, eta, "eta_squared", GROUP_ETA, eta, _cause(factor), {"gap": gap})
        )
    drivers.append(_supplier_driver(rest))
    return sorted(drivers, key=lambda d: d.effect, reverse=True)


def _explained(data: CycleUnits, stations: list[Driver]) -> np.ndarray:
    """The part of each relative cycle time due to the strongest station's short stops, if it is strong.

    Other factors are judged on what is left, so that a night-shift pattern caused by one
    station's alarms is not counted twice.
    """
    units = data.units
    if not stations or not stations[0].strong:
        return np.zeros(len(units))
    seconds = (
        data.alarm_seconds[stations[0].level].reindex(units["unit_id"], fill_value=0.0).to_numpy(dtype=float)
    )
    return seconds / units["ideal_s"].to_numpy(dtype=float)


def _station_drivers(data: CycleUnits, values: np.ndarray) -> list[Driver]:
    """Share of the variance that disappears when one station's short stops are taken out."""
    units = data.units.set_index("unit_id")
    drivers = []
    for station in data.alarm_seconds.columns:
        seconds = data.alarm_seconds[station].reindex(units.index, fill_value=0.0).to_numpy(dtype=float)
        share = variance_removed(values, seconds / units["ideal_s"].to_numpy(dtype=float))
        detail = data.alarm_detail[data.alarm_detail["station_id"] == station]
        code = detail.groupby("alarm_code")["duration_s"].sum().idxmax() if len(detail) else ""
        night = (
            float(detail.loc[detail["shift"] == "N", "duration_s"].sum() / detail["duration_s"].sum())
            if len(detail)
            else 0.0
        )
        details: dict[str, float | str] = {
            "alarm_code": str(code),
            "minutes": float(detail["duration_s"].sum() / 60),
            "stops": len(detail),
            "night_share": night,
            "top_shift": str(detail.groupby("shift")["duration_s"].sum().idxmax()) if len(detail) else "",
        }
        drivers.append(
            Driver(
                "station", str(station), share, "variance_share", STATION_SHARE, share, "short_stops", details
            )
        )
    return drivers


def _supplier_driver(units: pd.DataFrame) -> Driver:
    """The supplier whose material makes the cycle slowest, by median relative cycle time."""
    eta, _level, _gap = eta_squared(units["relative"], units["supplier"])
    medians = units.groupby("supplier")["relative"].median()
    counts = units.groupby("supplier").size()
    medians = medians[counts >= 50]
    if len(medians) < 2:
        return Driver("supplier", "", 0.0, "eta_squared", SUPPLIER_GAP, 0.0, "material_batch")
    slow = str(medians.idxmax())
    gap = float(medians.max() / medians.drop(slow).median() - 1)
    return Driver("supplier", slow, eta, "eta_squared", SUPPLIER_GAP, gap, "material_batch", {"gap": gap})


def _cause(factor: str) -> str:
    return {
        "shift": "shift_gap",
        "team": "shift_gap",
        "product": "product_mix",
        "hour": "time_pattern",
        "weekday": "time_pattern",
    }[factor]
