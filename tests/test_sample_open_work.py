"""The sample plant's open maintenance orders and its electricity tariff: new stories, history untouched."""

from __future__ import annotations

from datetime import datetime, timedelta

from connectors.contract import contract_tables

NOW = datetime(2025, 11, 20, 14)


def test_every_line_has_open_maintenance_orders_created_shortly_before_now(con):
    rows = con.execute(
        "SELECT o.mo_id, o.line_id, s.line_id, o.kind, o.status, o.created_ts, o.start_ts, o.end_ts, o.description "
        "FROM maintenance_orders o LEFT JOIN stations s USING (station_id) WHERE o.status <> 'done' ORDER BY mo_id"
    ).fetchall()
    assert {r[1] for r in rows} == {"L1", "L2", "L3", "L4"}
    assert {r[4] for r in rows} == {"open", "in_progress"} and {r[3] for r in rows} == {
        "corrective",
        "preventive",
    }
    for mo_id, line, station_line, _kind, status, created, start, end, text in rows:
        assert station_line == line and mo_id.startswith(f"MO-{line}-")
        assert NOW - timedelta(hours=12) <= created <= NOW and end is None and len(text) > 20
        assert (start is not None and created <= start <= NOW) if status == "in_progress" else start is None


def test_open_orders_are_numbered_after_the_done_ones(con):
    rows = con.execute(
        "SELECT line_id, MAX(mo_id) FILTER (status = 'done'), MIN(mo_id) FILTER (status <> 'done'), "
        "MAX(created_ts) FILTER (status = 'done') FROM maintenance_orders GROUP BY line_id"
    ).fetchall()
    assert all(last_done < first_open for _line, last_done, first_open, _c in rows)
    assert con.execute("SELECT COUNT(DISTINCT mo_id) = COUNT(*) FROM maintenance_orders").fetchone() == (
        True,
    )


def test_the_tariff_is_hourly_for_the_whole_period_and_the_backlog(con):
    first, last, rows, hours, currencies = con.execute(
        "SELECT MIN(ts), MAX(ts), COUNT(*), DATE_DIFF('hour', MIN(ts), MAX(ts)) + 1, LIST(DISTINCT currency) "
        "FROM energy_tariffs WHERE medium = 'electricity'"
    ).fetchone()
    backlog_end = con.execute(
        "SELECT MAX(planned_start_ts) FROM production_orders WHERE status = 'planned'"
    ).fetchone()[0]
    assert first == datetime(2025, 9, 22) and last >= backlog_end + timedelta(hours=8)
    assert rows == hours and currencies == ["EUR"]
    assert set(contract_tables()["energy_tariffs"].column_names) == {
        c[0] for c in con.execute("DESCRIBE energy_tariffs").fetchall()
    }


def test_weekday_days_cost_more_than_nights_and_nights_more_than_weekends(con):
    days = con.execute(
        """
        SELECT CAST(ts AS DATE) AS day, ISODOW(ts) >= 6 AS weekend,
               MIN(price_per_kwh) FILTER (HOUR(ts) BETWEEN 6 AND 21), MAX(price_per_kwh) FILTER (HOUR(ts) BETWEEN 6 AND 21),
               MIN(price_per_kwh) FILTER (HOUR(ts) NOT BETWEEN 6 AND 21), MAX(price_per_kwh) FILTER (HOUR(ts) NOT BETWEEN 6 AND 21)
        FROM energy_tariffs GROUP BY ALL ORDER BY day
        """
    ).fetchall()
    weekend_max = max(r[3] for r in days if r[1])
    for _day, weekend, day_min, day_max, night_min, night_max in days:
        assert 0.10 < night_min <= day_max < 0.35
        if weekend:
            assert day_min == day_max == night_min == night_max  # one price all day
        else:
            assert day_min == day_max and night_min == night_max and day_min > night_min * 1.2
            assert night_min > weekend_max * 0.98
