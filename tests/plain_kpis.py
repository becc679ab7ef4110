"""The contract's KPI definitions in plain SQL, written independently of the semantic layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime


# Independent plain SQL for the definitions of DATA_CONTRACT.md (ISO 22400), per line and window.
SHIFT_TERMS = """
WITH pbt AS (SELECT SUM(planned_minutes) * 60 AS s FROM shift_calendar
             WHERE line_id = $line AND shift_date BETWEEN $first AND $last),
ev AS (SELECT SUM(e.duration_s) FILTER (WHERE r.planned) AS planned,
              SUM(e.duration_s) FILTER (WHERE NOT r.planned) AS unplanned,
              SUM(e.duration_s) FILTER (WHERE r.loss_category = 'setup') AS setup,
              COUNT(*) FILTER (WHERE r.loss_category = 'breakdown') AS breakdowns
       FROM downtime_events e JOIN downtime_reasons r USING (reason_code)
       WHERE e.line_id = $line AND e.shift_date BETWEEN $first AND $last),
u AS (SELECT COUNT(*) AS pq, SUM(CASE WHEN is_good THEN 1 ELSE 0 END) AS gq, SUM(lp.ideal_cycle_time_s) AS ideal
      FROM units JOIN line_products lp USING (line_id, product_id)
      WHERE line_id = $line AND shift_date BETWEEN $first AND $last)
SELECT pbt.s - COALESCE(ev.planned, 0) AS pbt, pbt.s - COALESCE(ev.planned, 0) - COALESCE(ev.unplanned, 0) AS apt,
       COALESCE(ev.setup, 0) AS setup, ev.breakdowns, u.pq, u.gq, u.ideal FROM pbt, ev, u
"""
PLAIN = {
    "availability": lambda t: t["apt"] / t["pbt"],
    "availability_loss": lambda t: (t["pbt"] - t["apt"]) / t["pbt"],
    "performance": lambda t: t["ideal"] / t["apt"],
    "quality_ratio": lambda t: t["gq"] / t["pq"],
    "oee": lambda t: t["apt"] / t["pbt"] * t["ideal"] / t["apt"] * t["gq"] / t["pq"],
    "setup_ratio": lambda t: t["setup"] / t["apt"],
    "run_time": lambda t: t["apt"] / 3600,
    "planned_busy_time": lambda t: t["pbt"] / 3600,
    "mtbf": lambda t: t["apt"] / t["breakdowns"] / 3600,
    "output": lambda t: t["pq"],
    "good_parts": lambda t: t["gq"],
    "scrap_count": lambda t: t["pq"] - t["gq"],
    "scrap_rate": lambda t: (t["pq"] - t["gq"]) / t["pq"],
    "fpy": lambda t: t["gq"] / t["pq"],
}
PLAIN_SQL = {
    "cycle_time": "SELECT AVG(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "takt_time": "SELECT AVG(l.takt_time_s) FROM units u JOIN lines l USING (line_id) WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_median": "SELECT MEDIAN(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_sd": "SELECT STDDEV_SAMP(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_max": "SELECT MAX(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_min": "SELECT MIN(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_cv": "SELECT STDDEV_SAMP(cycle_time_s) / AVG(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    **{
        f"cycle_time_p{p}": f"SELECT QUANTILE_CONT(cycle_time_s, {p / 100}) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last"
        for p in (75, 80, 90, 95, 99)
    },
    "downtime": "SELECT SUM(duration_s) / 60 FROM downtime_events JOIN downtime_reasons USING (reason_code) WHERE NOT planned AND line_id = $line AND shift_date BETWEEN $first AND $last",
    "stop_count": "SELECT COUNT(*) FROM downtime_events JOIN downtime_reasons USING (reason_code) WHERE NOT planned AND line_id = $line AND shift_date BETWEEN $first AND $last",
    "mttr": "SELECT AVG(duration_s) / 60 FROM downtime_events JOIN downtime_reasons USING (reason_code) WHERE loss_category = 'breakdown' AND line_id = $line AND shift_date BETWEEN $first AND $last",
    "breakdown_time": "SELECT SUM(duration_s) / 60 FROM downtime_events JOIN downtime_reasons USING (reason_code) WHERE loss_category = 'breakdown' AND line_id = $line AND shift_date BETWEEN $first AND $last",
    "changeover_count": "SELECT COUNT(*) FROM changeovers c JOIN downtime_events e USING (event_id) WHERE c.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "changeover_time": "SELECT AVG(c.duration_s) / 60 FROM changeovers c JOIN downtime_events e USING (event_id) WHERE c.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "changeover_vs_standard": "SELECT SUM(c.duration_s) / SUM(c.standard_duration_s) FROM changeovers c JOIN downtime_events e USING (event_id) WHERE c.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "electricity": "SELECT SUM(value) FROM energy_readings JOIN energy_meters USING (meter_id) WHERE medium = 'electricity' AND line_id = $line AND ts >= $start AND ts < $end",
    "energy": "SELECT SUM(value) FROM energy_readings JOIN energy_meters USING (meter_id) WHERE line_id = $line AND ts >= $start AND ts < $end",
    "compressed_air": "SELECT SUM(value) FROM energy_readings JOIN energy_meters USING (meter_id) WHERE medium = 'compressed_air' AND line_id = $line AND ts >= $start AND ts < $end",
    "energy_per_good_unit": "SELECT (SELECT SUM(value) FROM energy_readings JOIN energy_meters USING (meter_id) WHERE line_id = $line AND ts >= $start AND ts < $end) / (SELECT SUM(CASE WHEN is_good THEN 1 ELSE 0 END) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last)",
    "good_units_per_kwh": "SELECT (SELECT SUM(CASE WHEN is_good THEN 1 ELSE 0 END) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last) / (SELECT SUM(value) FROM energy_readings JOIN energy_meters USING (meter_id) WHERE line_id = $line AND ts >= $start AND ts < $end)",
    "idle_load": "SELECT SUM(value) / (COUNT(DISTINCT ts) * 0.25) FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = $line AND r.ts >= $start AND r.ts < $end AND NOT EXISTS (SELECT 1 FROM shift_calendar c WHERE c.line_id = m.line_id AND r.ts < c.end_ts AND r.ts + INTERVAL 15 MINUTE > c.start_ts)",
    "short_stops": "SELECT COUNT(*) FROM alarms a JOIN stations s USING (station_id) JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts WHERE a.duration_s < 120 AND s.line_id = $line AND c.shift_date BETWEEN $first AND $last",
    "missing_readings": "SELECT (SELECT COUNT(*) FROM energy_meters WHERE line_id = $line) * (SELECT COUNT(DISTINCT ts) FROM energy_readings WHERE ts >= $start AND ts < $end) - (SELECT COUNT(*) FROM energy_readings JOIN energy_meters USING (meter_id) WHERE line_id = $line AND ts >= $start AND ts < $end)",
    "energy_cost": "SELECT SUM(r.value * t.price_per_kwh) FROM energy_readings r JOIN energy_meters m USING (meter_id) JOIN energy_tariffs t ON t.medium = m.medium AND t.ts = date_trunc('hour', r.ts) WHERE m.line_id = $line AND m.medium = 'electricity' AND r.ts >= $start AND r.ts < $end",
    "energy_price": "SELECT SUM(r.value * t.price_per_kwh) / SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) JOIN energy_tariffs t ON t.medium = m.medium AND t.ts = date_trunc('hour', r.ts) WHERE m.line_id = $line AND m.medium = 'electricity' AND r.ts >= $start AND r.ts < $end",
    "tariff_price": "SELECT AVG(price_per_kwh) FROM energy_tariffs WHERE medium = 'electricity' AND ts >= $start AND ts < $end",
    "idle_energy": "SELECT SUM(value) FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = $line AND r.ts >= $start AND r.ts < $end AND NOT EXISTS (SELECT 1 FROM shift_calendar c WHERE c.line_id = m.line_id AND r.ts < c.end_ts AND r.ts + INTERVAL 15 MINUTE > c.start_ts)",
}

# The rows of each kind of record a question can count or aggregate, per line and window, with the
# value each field has in seconds (written from the contract, independently of semantic/records.py).
RECORD_ROWS = {
    "stop": "SELECT e.duration_s AS duration FROM downtime_events e JOIN downtime_reasons r USING (reason_code) WHERE NOT r.planned AND e.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "planned_stop": "SELECT e.duration_s AS duration FROM downtime_events e JOIN downtime_reasons r USING (reason_code) WHERE r.planned AND e.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "any_stop": "SELECT e.duration_s AS duration FROM downtime_events e WHERE e.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "breakdown": "SELECT e.duration_s AS duration FROM downtime_events e JOIN downtime_reasons r USING (reason_code) WHERE r.loss_category = 'breakdown' AND e.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "setup_stop": "SELECT e.duration_s AS duration FROM downtime_events e JOIN downtime_reasons r USING (reason_code) WHERE r.loss_category = 'setup' AND e.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "small_stop": "SELECT e.duration_s AS duration FROM downtime_events e JOIN downtime_reasons r USING (reason_code) WHERE r.loss_category = 'small_stop' AND e.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "short_stop": "SELECT a.duration_s AS duration FROM alarms a JOIN stations s USING (station_id) JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts WHERE a.duration_s < 120 AND s.line_id = $line AND c.shift_date BETWEEN $first AND $last",
    "alarm": "SELECT a.duration_s AS duration FROM alarms a JOIN stations s USING (station_id) JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts WHERE s.line_id = $line AND c.shift_date BETWEEN $first AND $last",
    "changeover": "SELECT c.duration_s AS duration, c.duration_s - c.standard_duration_s AS excess FROM changeovers c JOIN downtime_events e USING (event_id) WHERE c.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "late_changeover": "SELECT c.duration_s AS duration, c.duration_s - c.standard_duration_s AS excess FROM changeovers c JOIN downtime_events e USING (event_id) WHERE c.duration_s > c.standard_duration_s AND c.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "timely_changeover": "SELECT c.duration_s AS duration FROM changeovers c JOIN downtime_events e USING (event_id) WHERE c.duration_s <= c.standard_duration_s AND c.line_id = $line AND e.shift_date BETWEEN $first AND $last",
    "maintenance_order": "SELECT date_diff('second', start_ts, end_ts) AS repair, date_diff('second', created_ts, start_ts) AS reaction, date_diff('second', created_ts, COALESCE(end_ts, $end)) AS age FROM maintenance_orders WHERE line_id = $line AND created_ts >= $start AND created_ts < $end",
    # Orders done in the window, running at its end, or planned from its start on; made = units of the order.
    "production_order": "SELECT o.planned_qty, (SELECT COUNT(*) FROM units u WHERE u.order_id = o.order_id) AS made, GREATEST(o.planned_qty - (SELECT COUNT(*) FROM units u WHERE u.order_id = o.order_id), 0) AS remaining FROM production_orders o WHERE o.line_id = $line AND ((o.status = 'done' AND o.actual_end_ts >= $start AND o.actual_end_ts < $end) OR (o.status = 'running' AND o.actual_start_ts < $end) OR (o.status = 'planned' AND o.planned_start_ts >= $start))",
    "reading": "SELECT r.value AS kwh FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = $line AND r.ts >= $start AND r.ts < $end",
    "unit": "SELECT 1 AS one FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "good_unit": "SELECT 1 AS one FROM units WHERE is_good AND line_id = $line AND shift_date BETWEEN $first AND $last",
    "scrap_unit": "SELECT 1 AS one FROM units WHERE NOT is_good AND line_id = $line AND shift_date BETWEEN $first AND $last",
    "timed_unit": "SELECT 1 AS one FROM units WHERE cycle_time_s IS NOT NULL AND line_id = $line AND shift_date BETWEEN $first AND $last",
    "slow_unit": "SELECT 1 AS one FROM units u JOIN lines l USING (line_id) WHERE u.cycle_time_s > l.takt_time_s AND u.line_id = $line AND u.shift_date BETWEEN $first AND $last",
}
AGGREGATE = {"total": "SUM", "mean": "AVG", "median": "MEDIAN", "max": "MAX", "min": "MIN"}


def plain_measure(con, record: str, aggregation: str, field: str, line: str, window: Window) -> float | None:
    """An aggregation over one record kind by the contract: counts, or a field's total, mean, … in minutes or seconds."""
    rows = RECORD_ROWS[record]
    if aggregation == "count":
        sql = f"SELECT COUNT(*) FROM ({rows})"
    else:
        sql = f"SELECT {AGGREGATE[aggregation]}({field}) FROM ({rows})"
    value = con.execute(sql, plain_params(line, window, sql)).fetchone()[0]
    return None if value is None else float(value)


def plain_params(line: str, window: Window, sql: str) -> dict[str, object]:
    """The named parameters a plain query uses: the window's first and last production day."""
    last = window.end.date() - timedelta(days=1) if window.end.hour == 0 else window.end.date()
    values = {
        "line": line,
        "first": window.start.date(),
        "last": last,
        "start": window.start,
        "end": window.end,
    }
    return {k: v for k, v in values.items() if f"${k}" in sql}


def plain_value(con, metric: str, line: str, window: Window) -> float | None:
    """The metric by the contract's definition; None where the ratio is undefined (no units, no breakdowns)."""
    if metric not in PLAIN:
        sql = PLAIN_SQL[metric]
        return con.execute(sql, plain_params(line, window, sql)).fetchone()[0]
    terms = con.execute(SHIFT_TERMS, plain_params(line, window, SHIFT_TERMS)).df().iloc[0]
    if not terms["pq"] or (metric == "mtbf" and not terms["breakdowns"]):
        return None
    return float(PLAIN[metric](terms))
