"""The eight stories of the sample plant, each checked with plain SQL on the generated file."""

from __future__ import annotations

# Plain SQL building blocks, written out here on purpose: the stories are checked without the
# copilot's own semantic layer, so a bug there cannot hide a missing story.
LINE_ELECTRICITY_ON_DAY = """
    SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id)
    WHERE m.line_id = ? AND m.medium = 'electricity' AND CAST(r.ts AS DATE) = ?
"""
OTHER_UNPLANNED_MINUTES = """
    SELECT COALESCE(SUM(e.duration_s), 0) / 60 FROM downtime_events e
    JOIN downtime_reasons r USING (reason_code)
    WHERE e.line_id = ? AND e.shift_date = ? AND NOT r.planned AND r.loss_category <> 'setup'
"""
CHANGEOVERS_ON_DAY = """
    SELECT COUNT(*) FROM changeovers c JOIN downtime_events e USING (event_id)
    WHERE c.line_id = ? AND e.shift_date = ?
"""
SCRAP_RATE = "SELECT 1 - AVG(is_good::INT) FROM units WHERE line_id = ? AND {where}"
LAST_FOUR_WEEKS = "shift_date > DATE '2025-11-20' - INTERVAL 28 DAY"


def between(value: float, low: float, high: float) -> bool:
    """Whether a measured value lies inside the story's range, ends included."""
    return low <= value <= high


def test_story1_line4_energy_monday_wednesday(one):
    monday = one(LINE_ELECTRICITY_ON_DAY, "L4", "2025-11-17")
    wednesday = one(LINE_ELECTRICITY_ON_DAY, "L4", "2025-11-19")
    assert between(wednesday / monday, 1.05, 1.08)
    extra_changeovers = one(CHANGEOVERS_ON_DAY, "L4", "2025-11-19") - one(
        CHANGEOVERS_ON_DAY, "L4", "2025-11-17"
    )
    assert extra_changeovers == 2
    extra_minutes = one(OTHER_UNPLANNED_MINUTES, "L4", "2025-11-19") - one(
        OTHER_UNPLANNED_MINUTES, "L4", "2025-11-17"
    )
    assert between(extra_minutes, 10, 20)


def test_story2_line3_cycle_time_varies_twice_as_much(con):
    rows = con.execute(
        f"SELECT line_id, STDDEV(cycle_time_s) / AVG(cycle_time_s) FROM units "
        f"WHERE {LAST_FOUR_WEEKS} GROUP BY 1"
    ).fetchall()
    cv = dict(rows)
    assert all(cv["L3"] >= 2 * cv[line] for line in ("L1", "L2", "L4"))


def test_story2_short_stops_at_one_station_mostly_at_night(con):
    rows = con.execute(
        f"""
        SELECT a.station_id, a.alarm_code, SUM(a.duration_s) AS seconds,
               SUM(a.duration_s) FILTER (WHERE c.shift_code = 'N') / SUM(a.duration_s) AS night
        FROM alarms a JOIN stations s USING (station_id)
        JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts
        WHERE s.line_id = 'L3' AND a.duration_s < 120 AND c.{LAST_FOUR_WEEKS}
        GROUP BY 1, 2 ORDER BY seconds DESC
        """
    ).fetchall()
    (station, code, seconds, night), runner_up = rows[0], rows[1]
    assert seconds > 3 * runner_up[2]  # one station and code dominate the short stops
    assert night > 0.6  # concentrated in the night shift
    assert station.startswith("L3-S") and code


def test_story2_one_suppliers_batches_about_8_percent_slower(con):
    rows = con.execute(
        """
        SELECT b.supplier, MEDIAN(u.cycle_time_s) FROM units u JOIN material_batches b USING (batch_id)
        WHERE u.line_id = 'L3' GROUP BY 1 ORDER BY 2
        """
    ).fetchall()
    assert len(rows) == 2
    assert between(rows[1][1] / rows[0][1], 1.05, 1.11)


def test_story3_line2_breakdown_yesterday_with_maintenance_order(con):
    rows = con.execute(
        """
        SELECT e.station_id, e.duration_s / 60, e.start_ts FROM downtime_events e
        JOIN downtime_reasons r USING (reason_code)
        WHERE e.line_id = 'L2' AND e.shift_date = DATE '2025-11-19' AND r.loss_category = 'breakdown'
        """
    ).fetchall()
    long = [r for r in rows if 80 <= r[1] <= 110]
    assert len(long) == 1 and long[0][0] is not None
    station, _, start = long[0]
    orders = con.execute(
        "SELECT COUNT(*) FROM maintenance_orders WHERE station_id = ? AND kind = 'corrective' "
        "AND created_ts BETWEEN ? - INTERVAL 1 HOUR AND ? + INTERVAL 3 HOUR",
        [station, start, start],
    ).fetchone()
    assert orders is not None and orders[0] >= 1


def test_story3_line2_late_shift_scrap_over_twice_normal_one_defect(one, con):
    late = "shift_date = DATE '2025-11-19' AND shift_code = 'L'"
    normal = one(SCRAP_RATE.format(where="shift_date <> DATE '2025-11-19'"), "L2")
    assert one(SCRAP_RATE.format(where=late), "L2") > 2 * normal
    defects = con.execute(
        f"SELECT defect_code, COUNT(*) FROM units WHERE line_id = 'L2' AND {late} AND NOT is_good "
        "GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    assert defects[0][1] / sum(n for _, n in defects) > 0.5


def test_story4_plant_yield_drop_from_line1_one_defect_one_supplier(one, con):
    fpy = "SELECT AVG(is_good::INT) FROM units WHERE shift_date = ?"
    previous_days = con.execute(
        "SELECT DISTINCT shift_date FROM units WHERE shift_date < DATE '2025-11-19' ORDER BY 1 DESC LIMIT 7"
    ).fetchall()
    previous = [one(fpy, d) for (d,) in previous_days]
    assert one(fpy, "2025-11-19") < sum(previous) / len(previous)
    extra = dict(
        con.execute(
            """
            WITH base AS (SELECT line_id, 1 - AVG(is_good::INT) AS rate FROM units
                          WHERE shift_date BETWEEN DATE '2025-11-07' AND DATE '2025-11-18' GROUP BY 1)
            SELECT u.line_id, SUM((NOT u.is_good)::INT) - COUNT(*) * ANY_VALUE(b.rate)
            FROM units u JOIN base b USING (line_id) WHERE u.shift_date = DATE '2025-11-19' GROUP BY 1
            """
        ).fetchall()
    )
    assert extra["L1"] > 0.5 * sum(max(v, 0) for v in extra.values())
    defects = con.execute(
        "SELECT defect_code, COUNT(*) FROM units WHERE line_id = 'L1' "
        "AND shift_date = DATE '2025-11-19' AND NOT is_good GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    assert defects[0][1] / sum(n for _, n in defects) > 0.5
    suppliers = con.execute(
        "SELECT b.supplier, COUNT(*) FROM units u JOIN material_batches b USING (batch_id) "
        "WHERE u.line_id = 'L1' AND u.shift_date = DATE '2025-11-19' AND u.defect_code = ? "
        "GROUP BY 1 ORDER BY 2 DESC",
        [defects[0][0]],
    ).fetchall()
    assert suppliers[0][1] / sum(n for _, n in suppliers) > 0.9


IDLE_LOAD = """
    SELECT AVG(r.value) FROM energy_readings r
    WHERE r.meter_id = 'CA-L1' AND {when} AND NOT EXISTS (
        SELECT 1 FROM shift_calendar c
        WHERE c.line_id = 'L1' AND r.ts < c.end_ts AND r.ts + INTERVAL 15 MINUTE > c.start_ts)
"""
# Energy per good unit in calendar week 46 (2025-11-10 to 2025-11-16), the first week of the leak.
ENERGY_PER_GOOD_UNIT = """
    WITH e AS (SELECT m.line_id, SUM(r.value) AS kwh FROM energy_readings r
               JOIN energy_meters m USING (meter_id)
               WHERE r.ts >= TIMESTAMP '2025-11-10' AND r.ts < TIMESTAMP '2025-11-17' GROUP BY 1),
         g AS (SELECT line_id, SUM(is_good::INT) AS good FROM units
               WHERE shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16' GROUP BY 1)
    SELECT e.line_id, e.kwh / g.good, t.target FROM e JOIN g USING (line_id)
    JOIN kpi_targets t ON t.line_id = e.line_id AND t.kpi = 'kwh_per_good_unit'
"""


def test_story5_line1_compressed_air_leak(one, con):
    before = one(IDLE_LOAD.format(when="r.ts < TIMESTAMP '2025-11-10'"))
    after = one(IDLE_LOAD.format(when="r.ts >= TIMESTAMP '2025-11-10'"))
    assert between(after / before, 1.15, 1.25)
    per_unit = {line: (value, target) for line, value, target in con.execute(ENERGY_PER_GOOD_UNIT).fetchall()}
    assert per_unit["L1"][0] > per_unit["L1"][1]
    assert all(value <= target for line, (value, target) in per_unit.items() if line != "L1")


def test_story6_line2_changeovers_between_families_twice_standard(con):
    rows = con.execute(
        """
        SELECT c.line_id, f.family <> t.family AS between, AVG(c.duration_s / c.standard_duration_s)
        FROM changeovers c JOIN products f ON f.product_id = c.from_product_id
        JOIN products t ON t.product_id = c.to_product_id GROUP BY 1, 2
        """
    ).fetchall()
    ratio = {(line, between): r for line, between, r in rows}
    assert between(ratio[("L2", True)], 1.7, 2.3)
    assert all(r < 1.3 for (line, between), r in ratio.items() if (line, between) != ("L2", True))


def test_story7_line2_batches_line3_levelled(con):
    rows = con.execute(
        """
        SELECT line_id, COUNT(*) AS orders, AVG(date_diff('minute', actual_start_ts, actual_end_ts))
        FROM production_orders WHERE status = 'done' GROUP BY 1
        """
    ).fetchall()
    minutes = {line: m for line, _, m in rows}
    assert minutes["L2"] > 8 * minutes["L3"]
    products_per_day = dict(
        con.execute(
            f"SELECT line_id, AVG(n) FROM (SELECT line_id, shift_date, COUNT(DISTINCT product_id) n "
            f"FROM units WHERE {LAST_FOUR_WEEKS} GROUP BY 1, 2) GROUP BY 1"
        ).fetchall()
    )
    assert products_per_day["L3"] == 3  # every product every day: a levelled mix
    assert products_per_day["L2"] < 2


def test_story8_meter_gap_and_events_without_station(con, one):
    missing = con.execute(
        """
        WITH expected AS (
            SELECT m.meter_id, t.ts FROM energy_meters m,
            generate_series(TIMESTAMP '2025-09-22', TIMESTAMP '2025-11-20 13:45', INTERVAL 15 MINUTE) t(ts))
        SELECT e.meter_id, MIN(e.ts), MAX(e.ts), COUNT(*) FROM expected e
        ANTI JOIN energy_readings r USING (meter_id, ts) GROUP BY 1
        """
    ).fetchall()
    assert len(missing) == 1
    meter, first, last, count = missing[0]
    assert meter.endswith("L4") and count == 8 and str(first.date()) == "2025-11-12"
    assert (last - first).total_seconds() == 7 * 900
    assert one("SELECT medium FROM energy_meters WHERE meter_id = ?", meter) == "electricity"
    assert between(one("SELECT COUNT(*) FROM downtime_events WHERE station_id IS NULL"), 1, 10)
