"""Plain SQL for energy savings and their money, and a copy of the sample plant with interval prices."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

IDLE = (
    "NOT EXISTS (SELECT 1 FROM shift_calendar c WHERE c.line_id = m.line_id AND r.ts < c.end_ts "
    "AND r.ts + INTERVAL 15 MINUTE > c.start_ts)"
)
NOW = datetime(2025, 11, 20, 14)
STEP = datetime(2025, 11, 10)
TARIFFS = """
DROP TABLE IF EXISTS energy_tariffs;
CREATE TABLE energy_tariffs (medium VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, price_per_kwh DOUBLE NOT NULL,
  currency VARCHAR NOT NULL, PRIMARY KEY (medium, ts));
INSERT INTO energy_tariffs
  SELECT 'electricity', ts, 0.18 + CASE WHEN hour(ts) BETWEEN 8 AND 19 THEN 0.09 ELSE 0 END + minute(ts) / 6000.0, 'EUR'
  FROM generate_series(TIMESTAMP '2025-09-22', TIMESTAMP '2025-11-21', INTERVAL 15 MINUTE) AS g(ts)
  WHERE CAST(ts AS DATE) <> DATE '2025-11-18';
INSERT INTO energy_tariffs
  SELECT 'compressed_air', ts, 0.21 + CASE WHEN dayofweek(ts) IN (0, 6) THEN -0.04 ELSE 0.02 END, 'EUR'
  FROM generate_series(TIMESTAMP '2025-09-22', TIMESTAMP '2025-11-21', INTERVAL 1 HOUR) AS g(ts);
"""
PRICE = (
    " LEFT JOIN energy_tariffs t ON t.medium = m.medium AND t.ts = CASE WHEN m.medium = 'compressed_air' "
    "THEN date_trunc('hour', r.ts) ELSE r.ts END"
)


def fact(answer, key):
    found = [f for f in answer.facts if f.key == key]
    assert found, (key, [f.key for f in answer.facts])
    return found[0]


def window_of(answer) -> tuple[datetime, datetime]:
    period = answer.understood.periods[0]
    return period.start, period.end


def step_kw(con, meter: str) -> float:
    """Mean daily idle power after 10 November minus before, over the eight weeks before now."""
    daily = (
        "SELECT CAST(r.ts AS DATE) AS day, AVG(r.value) * 4 AS kw FROM energy_readings r JOIN energy_meters m "
        f"USING (meter_id) WHERE r.meter_id = ? AND r.ts >= ? AND r.ts < ? AND {IDLE} GROUP BY 1 HAVING COUNT(*) >= 16"
    )
    sql = f"SELECT AVG(kw) FILTER (WHERE day >= ?) - AVG(kw) FILTER (WHERE day < ?) FROM ({daily})"
    return con.execute(sql, [STEP, STEP, meter, NOW - timedelta(days=56), NOW]).fetchone()[0]


def leak_plain(con, meter: str, start: datetime, end: datetime, priced: bool = False) -> float:
    """kWh (or money) of the step in every interval of the meter from the step on."""
    kw = step_kw(con, meter)
    value = f"CAST({kw / 4} AS DOUBLE) * t.price_per_kwh" if priced else f"CAST({kw / 4} AS DOUBLE)"
    sql = (
        f"SELECT SUM({value}) FROM energy_readings r JOIN energy_meters m USING (meter_id)"
        + (PRICE if priced else "")
        + " WHERE r.meter_id = ? AND r.ts >= ? AND r.ts >= ? AND r.ts < ?"
    )
    return con.execute(sql, [meter, STEP, start, end]).fetchone()[0]


def idle_plain(con, meters: str, start: datetime, end: datetime, priced: bool = False) -> float:
    """kWh (or money) of the meters in intervals without a worked shift."""
    value = "r.value * t.price_per_kwh" if priced else "r.value"
    sql = (
        f"SELECT SUM({value}) FROM energy_readings r JOIN energy_meters m USING (meter_id)"
        + (PRICE if priced else "")
        + f" WHERE {meters} AND r.ts >= ? AND r.ts < ? AND {IDLE}"
    )
    return con.execute(sql, [start, end]).fetchone()[0]


def priced_copy(sample_db: Path, folder: Path) -> Path:
    """A copy of the sample plant with an energy_tariffs table (electricity 15 min, compressed air hourly)."""
    path = folder / "plant.duckdb"
    shutil.copy(sample_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute(TARIFFS)
    return path
