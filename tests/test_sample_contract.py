"""The sample plant follows the data contract and looks like a real plant."""

from __future__ import annotations

import pytest
from contract_checks import FOREIGN_KEYS, KEYED, TABLES, column_types, duplicate_keys, orphans

from connectors.sample_plant import build_tables

FILLED = sorted(
    t for t in TABLES if not TABLES[t].optional or t in ("glossary", "energy_tariffs")
)  # optional tables the sample fills


@pytest.mark.parametrize("table", sorted(TABLES))
def test_table_has_contract_columns_and_types(con, table):
    actual, expected = column_types(con, table)
    assert actual == expected


@pytest.mark.parametrize("table", KEYED)
def test_primary_keys_unique(one, table):
    assert duplicate_keys(one, table) == 0


@pytest.mark.parametrize(("table", "column", "parent", "parent_column"), FOREIGN_KEYS)
def test_foreign_keys_resolve(one, table, column, parent, parent_column):
    assert orphans(one, table, column, parent, parent_column) == 0


@pytest.mark.parametrize("table", FILLED)
def test_every_table_is_filled(one, table):
    assert one(f"SELECT COUNT(*) FROM {table}") > 0


def test_every_changeover_has_its_setup_event(one):
    assert (
        one(
            """
        SELECT COUNT(*) FROM changeovers c LEFT JOIN downtime_events e USING (event_id)
        LEFT JOIN downtime_reasons r ON r.reason_code = e.reason_code
        WHERE r.loss_category IS DISTINCT FROM 'setup' OR e.start_ts <> c.start_ts
           OR e.end_ts <> c.end_ts OR e.line_id <> c.line_id
        """
        )
        == 0
    )
    assert one("SELECT COUNT(*) FROM changeovers") == one(
        "SELECT COUNT(*) FROM downtime_events JOIN downtime_reasons USING (reason_code) "
        "WHERE loss_category = 'setup'"
    )


def test_no_downtime_outside_worked_shifts(one):
    assert (
        one(
            """
        SELECT COUNT(*) FROM downtime_events e LEFT JOIN shift_calendar c USING (line_id, shift_date, shift_code)
        WHERE c.start_ts IS NULL OR e.start_ts < c.start_ts OR e.end_ts > c.end_ts
        """
        )
        == 0
    )
    assert one("SELECT COUNT(*) FROM downtime_events WHERE duration_s < 120") == 0


def test_units_fall_in_their_shift(one):
    assert (
        one(
            """
        SELECT COUNT(*) FROM units u LEFT JOIN shift_calendar c USING (line_id, shift_date, shift_code)
        WHERE c.start_ts IS NULL OR u.ts < c.start_ts OR u.ts > c.end_ts
        """
        )
        == 0
    )


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT MAX(ts) FROM units",
        "SELECT MAX(end_ts) FROM downtime_events",
        "SELECT MAX(ts) FROM alarms",
        "SELECT MAX(end_ts) FROM shift_calendar",
        "SELECT MAX(ts) + INTERVAL 15 MINUTE FROM energy_readings",
        "SELECT MAX(COALESCE(end_ts, start_ts, created_ts)) FROM maintenance_orders",
        "SELECT MAX(COALESCE(actual_end_ts, actual_start_ts)) FROM production_orders",
    ],
)
def test_no_data_after_now(one, sql):
    now = one("SELECT CAST(value AS TIMESTAMP) FROM dataset_info WHERE key = 'now'")
    assert one(sql) <= now


LINE_DAYS = """
WITH pbt AS (SELECT line_id, shift_date, SUM(planned_minutes) * 60 AS seconds FROM shift_calendar GROUP BY ALL),
stops AS (SELECT e.line_id, e.shift_date,
                 SUM(e.duration_s) FILTER (WHERE r.planned) AS planned,
                 SUM(e.duration_s) FILTER (WHERE NOT r.planned) AS unplanned
          FROM downtime_events e JOIN downtime_reasons r USING (reason_code) GROUP BY ALL),
made AS (SELECT u.line_id, u.shift_date, COUNT(*) AS pq, SUM(u.is_good::INT) AS gq,
                SUM(lp.ideal_cycle_time_s) AS ideal
         FROM units u JOIN line_products lp USING (line_id, product_id) GROUP BY ALL)
SELECT p.line_id, p.shift_date, p.seconds - COALESCE(s.planned, 0) AS pbt,
       COALESCE(s.unplanned, 0) AS adot, m.pq, m.gq, m.ideal
FROM pbt p LEFT JOIN stops s USING (line_id, shift_date) JOIN made m USING (line_id, shift_date)
"""


def test_performance_never_above_100_percent(one):
    assert one(f"SELECT MAX(ideal / (pbt - adot)) FROM ({LINE_DAYS})") <= 1.0


def test_oee_and_scrap_look_like_a_real_plant(con):
    rows = con.execute(
        f"""
        SELECT line_id, SUM(pbt - adot) / SUM(pbt) * SUM(ideal) / SUM(pbt - adot) * SUM(gq) / SUM(pq),
               1 - SUM(gq) / SUM(pq)
        FROM ({LINE_DAYS}) GROUP BY 1
        """
    ).fetchall()
    assert len(rows) == 4
    for _line, oee, scrap in rows:
        assert 0.55 <= oee <= 0.85
        assert 0.01 <= scrap <= 0.04


def test_ideal_cycle_times_per_product_and_shift_rhythm(con):
    assert con.execute("SELECT COUNT(DISTINCT ideal_cycle_time_s) FROM line_products").fetchone()[0] > 4
    weekend = con.execute(
        "SELECT COUNT(*) FROM shift_calendar WHERE dayofweek(shift_date) IN (0, 6)"
    ).fetchone()
    assert weekend == (0,)
    l4_codes = con.execute("SELECT DISTINCT shift_code FROM shift_calendar WHERE line_id = 'L4'").fetchall()
    assert sorted(c for (c,) in l4_codes) == ["E", "L"]


def test_texts_in_german_and_english(one):
    assert one("SELECT COUNT(*) FROM downtime_reasons WHERE text_de = text_en") == 0
    assert one("SELECT COUNT(*) FROM downtime_events WHERE note IS NOT NULL") > 100


def test_same_seed_same_content_other_seed_other_content():
    first, second, other = build_tables(seed=7), build_tables(seed=7), build_tables(seed=8)
    for name in first:
        assert _checksum(first[name]) == _checksum(second[name]), name
    assert _checksum(first["units"]) != _checksum(other["units"])


def test_scale_multiplies_lines_and_keeps_stories_on_first_four():
    tables = build_tables(scale=2)
    assert list(tables["lines"]["line_id"]) == [f"L{i}" for i in range(1, 9)]
    batches = tables["material_batches"]
    planted = batches[batches["batch_id"].str.contains("-X")]
    assert set(planted["batch_id"].str.split("-").str[1]) == {"L1"}
    units = tables["units"]
    assert set(units["line_id"]) == {f"L{i}" for i in range(1, 9)}


def _checksum(frame) -> str:
    """A content hash of a data frame, rows and columns in their order."""
    import hashlib

    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()
