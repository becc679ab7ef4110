"""The contract's KPI definitions for one line and one shift in plain SQL, written independently of the semantic layer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

SHIFT_TERMS = """
WITH cal AS (SELECT planned_minutes * 60 AS s FROM shift_calendar
             WHERE line_id = $line AND shift_date = $day AND shift_code = $code),
ev AS (SELECT SUM(e.duration_s) FILTER (WHERE r.planned) AS planned,
              SUM(e.duration_s) FILTER (WHERE NOT r.planned) AS unplanned
       FROM downtime_events e JOIN downtime_reasons r USING (reason_code)
       WHERE e.line_id = $line AND e.shift_date = $day AND e.shift_code = $code),
u AS (SELECT COUNT(*) AS pq, SUM(CASE WHEN is_good THEN 1 ELSE 0 END) AS gq, SUM(lp.ideal_cycle_time_s) AS ideal
      FROM units JOIN line_products lp USING (line_id, product_id)
      WHERE line_id = $line AND shift_date = $day AND shift_code = $code)
SELECT cal.s - COALESCE(ev.planned, 0) AS pbt,
       cal.s - COALESCE(ev.planned, 0) - COALESCE(ev.unplanned, 0) AS apt, u.pq, u.gq, u.ideal
FROM cal, ev, u
"""
LOSSES = """
SELECT COALESCE(e.station_id, '?') AS station, e.reason_code, SUM(e.duration_s) / 60 AS minutes, COUNT(*) AS stops
FROM downtime_events e JOIN downtime_reasons r USING (reason_code)
WHERE NOT r.planned AND e.line_id = $line AND e.shift_date = $day AND e.shift_code = $code
GROUP BY ALL ORDER BY minutes DESC, station, e.reason_code LIMIT 3
"""
SCRAP = """
SELECT defect_code, COUNT(*) AS n FROM units
WHERE NOT is_good AND line_id = $line AND shift_date = $day AND shift_code = $code
GROUP BY defect_code ORDER BY n DESC, defect_code
"""
ORDERS = """
SELECT o.planned_qty, o.actual_start_ts, o.actual_end_ts, o.planned_qty * lp.ideal_cycle_time_s AS ideal_s
FROM production_orders o JOIN line_products lp USING (line_id, product_id)
WHERE o.line_id = $line AND o.actual_start_ts IS NOT NULL
"""


def shift_params(line: str, day: date, code: str) -> dict[str, Any]:
    """The named parameters of the queries above."""
    return {"line": line, "day": day, "code": code}


def plain_shift(con: Any, line: str, day: date, code: str) -> dict[str, float]:
    """OEE, its terms and the output of one shift by the contract's definitions."""
    pbt, apt, pq, gq, ideal = con.execute(SHIFT_TERMS, shift_params(line, day, code)).fetchone()
    return {
        "availability": apt / pbt,
        "performance": ideal / apt,
        "quality": gq / pq,
        "oee": (apt / pbt) * (ideal / apt) * (gq / pq),
        "output": pq,
        "good": gq,
    }


def plain_losses(con: Any, line: str, day: date, code: str) -> list[tuple[str, str, float, int]]:
    """The three largest unplanned losses by station and reason: minutes and stops."""
    return [tuple(r) for r in con.execute(LOSSES, shift_params(line, day, code)).fetchall()]


def plain_scrap(con: Any, line: str, day: date, code: str) -> list[tuple[str, int]]:
    """Scrapped units per defect."""
    return [tuple(r) for r in con.execute(SCRAP, shift_params(line, day, code)).fetchall()]


def plain_plan(con: Any, line: str, start: datetime, end: datetime, now: datetime) -> float:
    """Orders' planned quantities shared out by the part of their run inside [start, end)."""
    total = 0.0
    for qty, begun, finished, ideal_s in con.execute(ORDERS, {"line": line}).fetchall():
        if finished is None:
            finished = max(now, begun + timedelta(seconds=round(ideal_s)))
        overlap = (min(finished, end) - max(begun, start)).total_seconds()
        run = (finished - begun).total_seconds()
        if overlap > 0 and run > 0:
            total += qty * overlap / run
    return total
