"""The second test plant (Talquell beverages) follows the data contract and shares nothing else with the sample plant."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from contract_checks import FOREIGN_KEYS, KEYED, TABLES, column_types, duplicate_keys, orphans
from second_plant import built_once
from second_plant.generator import build_tables
from second_plant.stories import STEAM_BASE_FACTOR

from connectors.duckdb_connector import DuckDBConnector
from copilot.entities import EntityCatalog

FILLED = sorted([t for t in TABLES if not TABLES[t].optional] + ["glossary"])
GLOSSARY_TARGETS = {
    # kind: the query of every identifier a glossary row of that kind may name
    "line": "SELECT line_id FROM lines",
    "station": "SELECT station_id FROM stations",
    "product": "SELECT product_id FROM products",
    "family": "SELECT family FROM products",
    "reason": "SELECT reason_code FROM downtime_reasons",
    "defect": "SELECT defect_code FROM defect_codes",
    "alarm": "SELECT alarm_code FROM alarm_codes",
    "supplier": "SELECT supplier FROM material_batches",
    "team": "SELECT team_id FROM teams",
    "meter": "SELECT meter_id FROM energy_meters",
    "medium": "SELECT medium FROM energy_meters",
}
MASTER_VALUES = (
    # master data no value of which may appear in both plants
    "SELECT line_id FROM lines",
    "SELECT CAST(line_no AS VARCHAR) FROM lines",
    "SELECT name FROM lines",
    "SELECT area FROM lines",
    "SELECT station_id FROM stations",
    "SELECT name FROM stations",
    "SELECT station_type FROM stations",
    "SELECT product_id FROM products",
    "SELECT name FROM products",
    "SELECT family FROM products",
    "SELECT shift_code FROM shifts",
    "SELECT team_id FROM teams",
    "SELECT name FROM teams",
    "SELECT reason_code FROM downtime_reasons",
    "SELECT text_de FROM downtime_reasons",
    "SELECT defect_code FROM defect_codes",
    "SELECT text_de FROM defect_codes",
    "SELECT alarm_code FROM alarm_codes",
    "SELECT text_de FROM alarm_codes",
    "SELECT supplier FROM material_batches",
    "SELECT material FROM material_batches",
    "SELECT batch_id FROM material_batches",
    "SELECT order_id FROM production_orders",
    "SELECT meter_id FROM energy_meters",
    "SELECT description FROM energy_meters",
    "SELECT value FROM dataset_info WHERE key IN ('plant_name', 'now', 'source', 'timezone')",
    # the plant's own words for its own things (media and families are the contract's and the trade's words)
    "SELECT id FROM glossary WHERE kind NOT IN ('medium', 'family')",
    "SELECT lower(term) FROM glossary WHERE kind NOT IN ('medium', 'family', 'team', 'meter')",
)


@pytest.fixture(scope="module")
def plant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def pcon(plant: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(plant), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def p1(pcon: duckdb.DuckDBPyConnection) -> Callable[..., Any]:
    """Run a query on the second plant that returns a single value."""

    def scalar(sql: str, *params: object) -> Any:
        row = pcon.execute(sql, list(params)).fetchone()
        assert row is not None, sql
        return row[0]

    return scalar


@pytest.mark.parametrize("table", sorted(TABLES))
def test_table_has_contract_columns_and_types(pcon, table):
    actual, expected = column_types(pcon, table)
    assert actual == expected


@pytest.mark.parametrize("table", KEYED)
def test_primary_keys_unique(p1, table):
    assert duplicate_keys(p1, table) == 0


@pytest.mark.parametrize(("table", "column", "parent", "parent_column"), FOREIGN_KEYS)
def test_foreign_keys_resolve(p1, table, column, parent, parent_column):
    assert orphans(p1, table, column, parent, parent_column) == 0


@pytest.mark.parametrize("table", FILLED)
def test_every_table_is_filled(p1, table):
    assert p1(f"SELECT COUNT(*) FROM {table}") > 0


def test_plant_size_and_own_calendar(p1):
    assert p1("SELECT COUNT(*) FROM lines") == 6
    assert p1("SELECT COUNT(*) FROM units") <= 150_000
    assert p1("SELECT value FROM dataset_info WHERE key = 'now'") == "2026-03-17T06:00:00"
    assert (
        p1("SELECT COUNT(*) FROM dataset_info WHERE key IN ('plant_name', 'timezone', 'now', 'source')") == 4
    )
    assert p1("SELECT string_agg(shift_code, ',' ORDER BY start_time) FROM shifts") == "TS,NS"
    assert p1("SELECT COUNT(*) FROM shift_calendar WHERE end_ts - start_ts <> INTERVAL 12 HOUR") == 0
    assert p1("SELECT COUNT(*) FROM shift_calendar WHERE dayofweek(shift_date) = 0") == 0  # Sunday
    assert p1("SELECT COUNT(*) FROM shift_calendar WHERE dayofweek(shift_date) = 6") > 0  # Saturday
    days = p1("SELECT date_diff('day', MIN(shift_date), MAX(shift_date)) FROM shift_calendar")
    assert 18 <= days <= 25


def test_shift_date_is_the_date_the_shift_starts(p1):
    assert (
        p1(
            """
        SELECT COUNT(*) FROM shift_calendar c JOIN shifts s USING (shift_code)
        WHERE CAST(c.start_ts AS DATE) <> c.shift_date OR CAST(c.start_ts AS TIME) <> s.start_time
           OR CAST(c.end_ts AS TIME) <> s.end_time
        """
        )
        == 0
    )
    assert (
        p1(
            "SELECT COUNT(*) FROM shift_calendar WHERE shift_code = 'NS' AND CAST(end_ts AS DATE) = shift_date"
        )
        == 0
    )


def test_every_changeover_has_its_setup_event(p1):
    mismatched = p1(
        """
        SELECT COUNT(*) FROM changeovers c LEFT JOIN downtime_events e USING (event_id)
        LEFT JOIN downtime_reasons r ON r.reason_code = e.reason_code
        WHERE r.loss_category IS DISTINCT FROM 'setup' OR e.start_ts <> c.start_ts OR e.end_ts <> c.end_ts
           OR e.line_id <> c.line_id OR e.duration_s <> c.duration_s OR c.from_product_id = c.to_product_id
        """
    )
    assert mismatched == 0
    setup_events = p1(
        "SELECT COUNT(*) FROM downtime_events JOIN downtime_reasons USING (reason_code) WHERE loss_category = 'setup'"
    )
    assert p1("SELECT COUNT(*) FROM changeovers") == setup_events


def test_no_downtime_outside_worked_shifts(p1):
    outside = p1(
        """
        SELECT COUNT(*) FROM downtime_events e LEFT JOIN shift_calendar c USING (line_id, shift_date, shift_code)
        WHERE c.start_ts IS NULL OR e.start_ts < c.start_ts OR e.end_ts > c.end_ts
        """
    )
    assert outside == 0
    assert p1("SELECT COUNT(*) FROM downtime_events WHERE duration_s < 120") == 0
    assert (
        p1("SELECT COUNT(*) FROM downtime_events WHERE duration_s <> date_diff('second', start_ts, end_ts)")
        == 0
    )


def test_stops_of_a_line_never_overlap(p1):
    overlapping = p1(
        """
        SELECT COUNT(*) FROM (SELECT start_ts, LAG(end_ts) OVER (PARTITION BY line_id ORDER BY start_ts) AS prev_end
                              FROM downtime_events) WHERE start_ts < prev_end
        """
    )
    assert overlapping == 0


def test_units_fall_in_their_shift(p1):
    outside = p1(
        """
        SELECT COUNT(*) FROM units u LEFT JOIN shift_calendar c USING (line_id, shift_date, shift_code)
        WHERE c.start_ts IS NULL OR u.ts < c.start_ts OR u.ts > c.end_ts
        """
    )
    assert outside == 0
    assert p1("SELECT COUNT(*) FROM units WHERE is_good = (defect_code IS NOT NULL)") == 0
    assert (
        p1(
            "SELECT COUNT(*) FROM units u JOIN production_orders o USING (order_id) WHERE u.line_id <> o.line_id"
        )
        == 0
    )


def test_performance_never_above_100_percent(p1):
    worst = p1(
        """
        WITH pbt AS (SELECT line_id, shift_date, shift_code, planned_minutes * 60 AS s FROM shift_calendar),
        stops AS (SELECT e.line_id, e.shift_date, e.shift_code,
                         COALESCE(SUM(e.duration_s) FILTER (WHERE r.planned), 0) AS planned,
                         COALESCE(SUM(e.duration_s) FILTER (WHERE NOT r.planned), 0) AS unplanned
                  FROM downtime_events e JOIN downtime_reasons r USING (reason_code) GROUP BY ALL),
        made AS (SELECT line_id, shift_date, shift_code, SUM(lp.ideal_cycle_time_s) AS ideal
                 FROM units JOIN line_products lp USING (line_id, product_id) GROUP BY ALL)
        SELECT MAX(m.ideal / (p.s - COALESCE(s.planned, 0) - COALESCE(s.unplanned, 0)))
        FROM pbt p LEFT JOIN stops s USING (line_id, shift_date, shift_code) JOIN made m USING (line_id, shift_date, shift_code)
        """
    )
    assert 0.5 < worst <= 1.0


def test_energy_readings_are_whole_quarter_hours(p1):
    assert p1("SELECT COUNT(*) FROM energy_readings WHERE minute(ts) % 15 <> 0 OR second(ts) <> 0") == 0
    gaps = p1(
        """
        SELECT COUNT(*) FROM (SELECT ts - LAG(ts) OVER (PARTITION BY meter_id ORDER BY ts) AS step FROM energy_readings)
        WHERE step <> INTERVAL 15 MINUTE
        """
    )
    assert gaps == 0
    assert p1("SELECT COUNT(*) FROM energy_readings WHERE value <= 0") == 0
    assert p1("SELECT COUNT(DISTINCT unit) FROM energy_meters") == 1


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
def test_no_data_after_now(p1, sql):
    assert p1(sql) <= p1("SELECT CAST(value AS TIMESTAMP) FROM dataset_info WHERE key = 'now'")


def test_backlog_lies_after_now(p1):
    now = p1("SELECT CAST(value AS TIMESTAMP) FROM dataset_info WHERE key = 'now'")
    assert p1("SELECT MIN(planned_start_ts) FROM production_orders WHERE status = 'planned'") > now
    assert p1("SELECT COUNT(*) FROM production_orders WHERE status = 'done' AND actual_end_ts IS NULL") == 0


@pytest.mark.parametrize(
    ("table", "de", "en"),
    [
        ("downtime_reasons", "text_de", "text_en"),
        ("alarm_codes", "text_de", "text_en"),
        ("defect_codes", "text_de", "text_en"),
        ("shifts", "name_de", "name_en"),
    ],
)
def test_texts_in_german_and_english(p1, table, de, en):
    assert p1(f"SELECT COUNT(*) FROM {table} WHERE {de} = {en} OR {de} = '' OR {en} = ''") == 0


def test_glossary_is_the_plants_own(p1):
    assert p1("SELECT COUNT(*) FROM glossary") >= 60
    assert p1("SELECT COUNT(*) FROM glossary WHERE language NOT IN ('de', 'en', 'any')") == 0
    assert p1("SELECT COUNT(*) FROM (SELECT DISTINCT language FROM glossary)") == 3
    assert (
        p1("SELECT COUNT(*) FROM glossary WHERE kind NOT IN (SELECT UNNEST(?))", sorted(GLOSSARY_TARGETS))
        == 0
    )


@pytest.mark.parametrize("kind", sorted(GLOSSARY_TARGETS))
def test_glossary_ids_exist(p1, kind):
    assert p1("SELECT COUNT(*) FROM glossary WHERE kind = ?", kind) > 0
    missing = p1(
        f"SELECT COUNT(*) FROM glossary WHERE kind = ? AND id NOT IN ({GLOSSARY_TARGETS[kind]})", kind
    )
    assert missing == 0


@pytest.mark.parametrize("sql", MASTER_VALUES)
def test_nothing_shared_with_the_sample_plant(pcon, con, sql):
    theirs = {v for (v,) in con.execute(sql).fetchall()}
    ours = {v for (v,) in pcon.execute(sql).fetchall()}
    assert ours
    assert not ours & theirs, sorted(ours & theirs)


def test_now_is_another_day_than_the_sample_plants(p1, one):
    theirs = one("SELECT CAST(value AS TIMESTAMP) FROM dataset_info WHERE key = 'now'")
    ours = p1("SELECT CAST(value AS TIMESTAMP) FROM dataset_info WHERE key = 'now'")
    assert ours.date() != theirs.date()
    assert ours.weekday() != theirs.weekday()


def test_same_seed_same_content_other_seed_other_content():
    first, second, other = build_tables(seed=11), build_tables(seed=11), build_tables(seed=12)
    for name in first:
        assert _checksum(first[name]) == _checksum(second[name]), name
    assert _checksum(first["units"]) != _checksum(other["units"])


def _checksum(frame: pd.DataFrame) -> str:
    """A content hash of a data frame, rows and columns in their order."""
    hashed = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes() + ",".join(frame.columns).encode()).hexdigest()


# The planted stories (generator.py) are in the data.


def test_story_breakdown_is_the_longest_stop_of_yesterday(p1):
    row = p1(
        """
        SELECT station_id || ' ' || reason_code || ' ' || CAST(duration_s / 60 AS INT) FROM downtime_events
        WHERE shift_date = DATE '2026-03-16' ORDER BY duration_s DESC LIMIT 1
        """
    )
    assert row == "FL21-M05 S110 135"
    repair = "SELECT COUNT(*) FROM maintenance_orders WHERE station_id = 'FL21-M05' AND kind = 'corrective' AND created_ts = ?"
    assert p1(repair, "2026-03-16 11:05:00") == 1


def test_story_leaking_crown_caps_come_from_one_supplier(pcon):
    rates = dict(
        pcon.execute(
            """
            SELECT b.supplier, AVG(CASE WHEN u.defect_code = 'QF-03' THEN 1.0 ELSE 0 END)
            FROM units u JOIN material_batches b USING (batch_id)
            WHERE u.line_id = 'FL26' AND u.shift_date >= DATE '2026-03-09' GROUP BY 1
            """
        ).fetchall()
    )
    assert rates["Capsula Italia S.p.A."] > 5 * max(rates["Kronkorkenwerk Sauerland GmbH"], 0.005)


def test_story_pasteuriser_steam_base_load_steps_up(p1):
    idle = """
        SELECT AVG(r.value) * 4 FROM energy_readings r WHERE r.meter_id = 'ZD-23' AND r.ts >= ? AND r.ts < ?
        AND NOT EXISTS (SELECT 1 FROM shift_calendar c WHERE c.line_id = 'FL23'
                        AND r.ts < c.end_ts AND r.ts + INTERVAL 15 MINUTE > c.start_ts)
    """
    before = p1(idle, "2026-03-02", "2026-03-09")
    after = p1(idle, "2026-03-09", "2026-03-16")
    assert after / before == pytest.approx(
        STEAM_BASE_FACTOR, abs=0.1
    )  # the generator's step, give or take noise


def test_story_short_stops_concentrate_at_the_pet_labeller(pcon):
    rows = pcon.execute(
        "SELECT station_id, alarm_code, COUNT(*) FROM alarms WHERE duration_s < 120 GROUP BY ALL ORDER BY 3 DESC LIMIT 2"
    ).fetchall()
    assert rows[0][:2] == ("FL22-M04", "E1102")
    assert rows[0][2] > 10 * rows[1][2]


def test_story_carton_line_changeovers_between_families_overrun(pcon):
    ratios = dict(
        pcon.execute(
            "SELECT e.reason_code, AVG(c.duration_s / c.standard_duration_s) FROM changeovers c "
            "JOIN downtime_events e USING (event_id) WHERE c.line_id = 'FL24' GROUP BY 1"
        ).fetchall()
    )
    assert ratios["S220"] > 1.45
    assert ratios["S210"] < 1.25


def test_a_glossary_name_of_one_station_beats_the_head_word_of_anothers(plant: Path, pcon) -> None:
    catalog = EntityCatalog.from_connector(DuckDBConnector(plant))
    (named,) = pcon.execute(
        "SELECT id FROM glossary WHERE kind = 'station' AND term = 'pasteuriser'"
    ).fetchone()
    heads = pcon.execute(
        "SELECT id FROM glossary WHERE kind = 'station' AND term LIKE '% pasteuriser'"
    ).fetchall()
    matches, unknown = catalog.find("How much steam did the pasteuriser use last week?")
    assert heads and not unknown  # another station is a 'flash pasteuriser': no question back
    assert [m.entity.id for m in matches if m.entity.kind == "station"] == [named]
