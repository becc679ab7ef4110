"""The semantic layer: each metric's SQL agrees with the contract's KPI definitions in plain SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from copilot.semantic.catalog import DIMENSIONS, METRICS
from copilot.semantic.compile import (
    MetricQuery,
    UnsupportedQuery,
    compile_query,
    ignored_filters,
    to_sql,
)
from copilot.semantic.filters import Filters


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime


WEEK_46 = Window(datetime(2025, 11, 10), datetime(2025, 11, 17))
YESTERDAY = Window(datetime(2025, 11, 19), datetime(2025, 11, 20))
TODAY = Window(datetime(2025, 11, 20), datetime(2025, 11, 20, 14))

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
    "performance": lambda t: t["ideal"] / t["apt"],
    "quality_ratio": lambda t: t["gq"] / t["pq"],
    "oee": lambda t: t["apt"] / t["pbt"] * t["ideal"] / t["apt"] * t["gq"] / t["pq"],
    "setup_ratio": lambda t: t["setup"] / t["apt"],
    "mtbf": lambda t: t["apt"] / t["breakdowns"] / 3600,
    "output": lambda t: t["pq"],
    "good_parts": lambda t: t["gq"],
    "scrap_count": lambda t: t["pq"] - t["gq"],
    "scrap_rate": lambda t: (t["pq"] - t["gq"]) / t["pq"],
    "fpy": lambda t: t["gq"] / t["pq"],
}
PLAIN_SQL = {
    "cycle_time": "SELECT AVG(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_median": "SELECT MEDIAN(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_sd": "SELECT STDDEV_SAMP(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
    "cycle_time_cv": "SELECT STDDEV_SAMP(cycle_time_s) / AVG(cycle_time_s) FROM units WHERE line_id = $line AND shift_date BETWEEN $first AND $last",
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
    "idle_load": "SELECT SUM(value) / (COUNT(DISTINCT ts) * 0.25) FROM energy_readings r JOIN energy_meters m USING (meter_id) WHERE m.line_id = $line AND r.ts >= $start AND r.ts < $end AND NOT EXISTS (SELECT 1 FROM shift_calendar c WHERE c.line_id = m.line_id AND r.ts < c.end_ts AND r.ts + INTERVAL 15 MINUTE > c.start_ts)",
    "short_stops": "SELECT COUNT(*) FROM alarms a JOIN stations s USING (station_id) JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts WHERE a.duration_s < 120 AND s.line_id = $line AND c.shift_date BETWEEN $first AND $last",
}


def _params(line: str, window: Window, sql: str) -> dict[str, object]:
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


def _plain_value(con, metric: str, line: str, window: Window) -> float | None:
    """The metric by the contract's definition; None where the ratio is undefined (no units, no breakdowns)."""
    if metric not in PLAIN:
        sql = PLAIN_SQL[metric]
        return con.execute(sql, _params(line, window, sql)).fetchone()[0]
    terms = con.execute(SHIFT_TERMS, _params(line, window, SHIFT_TERMS)).df().iloc[0]
    if not terms["pq"] or (metric == "mtbf" and not terms["breakdowns"]):
        return None
    return float(PLAIN[metric](terms))


def test_catalogue_covers_every_metric_in_the_plain_definitions():
    assert {m.key for m in METRICS} == set(PLAIN) | set(PLAIN_SQL)


@pytest.mark.parametrize("window", [WEEK_46, YESTERDAY, TODAY], ids=["week46", "yesterday", "today"])
@pytest.mark.parametrize("line", ["L1", "L2", "L3", "L4"])
@pytest.mark.parametrize("metric", sorted(set(PLAIN) | set(PLAIN_SQL)))
def test_metric_matches_plain_sql(con, metric, line, window):
    expected = _plain_value(con, metric, line, window)
    got = con.execute(to_sql(MetricQuery(metric, window, Filters(lines=(line,))))).df()["value"].iloc[0]
    if expected is None:
        assert got is None or got != got  # NULL or NaN
    else:
        assert got == pytest.approx(float(expected), rel=1e-9, abs=1e-9)


def test_ratios_over_several_lines_come_from_summed_terms(con):
    both = con.execute(to_sql(MetricQuery("oee", WEEK_46, Filters(lines=("L1", "L2"))))).df()
    per_line = con.execute(to_sql(MetricQuery("oee", WEEK_46, Filters(lines=("L1", "L2")), ("line",)))).df()
    a, b = both.iloc[0], per_line
    pooled = a["availability"] * a["performance"] * a["quality"]
    assert a["value"] == pytest.approx(pooled)
    assert a["value"] != pytest.approx(b["value"].mean(), rel=1e-6)  # not the average of percentages
    assert a["produced"] == b["produced"].sum()


def test_grouping_by_line_sums_to_the_plant(con):
    total = con.execute(to_sql(MetricQuery("downtime", WEEK_46))).df()["value"].iloc[0]
    lines = con.execute(to_sql(MetricQuery("downtime", WEEK_46, group_by=("line",)))).df()
    assert lines["value"].sum() == pytest.approx(total)


def test_ranking_orders_and_limits(con):
    frame = con.execute(
        to_sql(MetricQuery("downtime", WEEK_46, Filters(lines=("L2",)), ("reason",), "desc", 3))
    ).df()
    assert len(frame) == 3
    assert list(frame["value"]) == sorted(frame["value"], reverse=True)


def test_unsupported_grouping_is_refused():
    with pytest.raises(UnsupportedQuery):
        compile_query(MetricQuery("oee", WEEK_46, group_by=("station",)))


def test_filter_a_source_cannot_apply_is_reported():
    query = MetricQuery("oee", WEEK_46, Filters(products=("P-1101",)))
    assert ignored_filters(query) == ["products"]
    assert ignored_filters(MetricQuery("scrap_rate", WEEK_46, Filters(products=("P-1101",)))) == []


def test_values_are_literals_not_sql(con):
    hostile = Filters(lines=("L1' OR '1'='1",))
    frame = con.execute(to_sql(MetricQuery("output", WEEK_46, hostile))).df()
    assert frame["value"].iloc[0] == 0


def test_every_metric_and_dimension_has_both_languages():
    for metric in METRICS:
        assert metric.label_de and metric.label_en and metric.description_de and metric.description_en
        assert (
            metric.synonyms_de and metric.synonyms_en and metric.direction in ("higher", "lower", "neutral")
        )
    for dimension in DIMENSIONS:
        assert dimension.label_de and dimension.label_en
