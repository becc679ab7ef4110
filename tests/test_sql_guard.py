"""The SQL guard refuses everything that is not one read-only query over the contract."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
import yaml

from connectors.contract import contract_ddl
from copilot.sql_guard import STEPS, GuardError, guard_sql

HOSTILE = yaml.safe_load((Path(__file__).parent / "data" / "hostile_sql.yaml").read_text(encoding="utf-8"))
ENORMOUS = [
    ("too_long", "SELECT " + ", ".join(f"line_id AS c{i}" for i in range(5000)) + " FROM lines"),
    ("too_long", "SELECT 1 " + "-- padding\n" * 200_000),
    ("too_complex", "SELECT " + "(" * 2000 + "1" + ")" * 2000),
    ("too_long", "SELECT * FROM units WHERE line_id IN (" + ", ".join(["'L1'"] * 10_000) + ")"),
]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A contract database with a few rows in the tables the valid queries read."""
    path = tmp_path_factory.mktemp("guard") / "small.duckdb"
    con = duckdb.connect(str(path))
    con.execute(contract_ddl())
    con.execute("INSERT INTO lines VALUES ('L1', 1, 'Linie 1', 'A', 60), ('L2', 2, 'Linie 2', 'B', 30)")
    con.execute("INSERT INTO products VALUES ('P1', 'Teil 1', 'F1'), ('P2', 'Teil 2', 'F2')")
    con.execute("INSERT INTO line_products VALUES ('L1', 'P1', 50), ('L2', 'P2', 25)")
    con.execute("INSERT INTO teams VALUES ('T-A', 'A')")
    con.execute("INSERT INTO shifts VALUES ('E', 'Früh', 'Early', TIME '06:00', TIME '14:00')")
    con.execute(
        "INSERT INTO production_orders VALUES ('O1', 'L1', 'P1', 10, TIMESTAMP '2025-11-19 06:00', NULL, NULL, 'done'),"
        " ('O2', 'L2', 'P2', 10, TIMESTAMP '2025-11-19 06:00', NULL, NULL, 'done')"
    )
    con.execute(
        "INSERT INTO units SELECT 'U' || i, CASE WHEN i % 2 = 0 THEN 'L1' ELSE 'L2' END, "
        "CASE WHEN i % 2 = 0 THEN 'O1' ELSE 'O2' END, CASE WHEN i % 2 = 0 THEN 'P1' ELSE 'P2' END, NULL, "
        "TIMESTAMP '2025-11-19 06:00' + i * INTERVAL 1 MINUTE, DATE '2025-11-19', 'E', 40 + i % 7, i % 9 <> 0, "
        "CASE WHEN i % 9 = 0 THEN 'D1' END FROM range(1, 60) t(i)"
    )
    con.close()
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("reason", "sql"), [*HOSTILE, *ENORMOUS], ids=lambda v: str(v)[:40])
def test_hostile_statement_is_refused_with_a_reason(reason, sql):
    with pytest.raises(GuardError) as error:
        guard_sql(sql)
    assert error.value.reason == reason
    assert error.value.message and error.value.message_de
    assert "Traceback" not in error.value.message


def test_database_unchanged_after_every_hostile_statement(small_db):
    checksum = _sha256(small_db)
    con = duckdb.connect(str(small_db), read_only=True)
    accepted = []
    for _reason, sql in [*HOSTILE, *ENORMOUS]:
        try:
            guarded = guard_sql(sql)
        except GuardError:
            continue
        accepted.append(sql)
        con.execute(guarded.sql)
    con.close()
    assert accepted == []
    assert _sha256(small_db) == checksum


VALID = [
    "SELECT line_id, name FROM lines ORDER BY line_id",
    "SELECT COUNT(*) FROM units",
    "SELECT line_id, COUNT(*) AS n FROM units GROUP BY line_id ORDER BY line_id",
    "SELECT line_id, AVG(cycle_time_s) FROM units GROUP BY ALL ORDER BY 1",
    "SELECT u.line_id, l.name, COUNT(*) FROM units AS u JOIN lines AS l ON l.line_id = u.line_id GROUP BY 1, 2 ORDER BY 1",
    "SELECT u.line_id, SUM(lp.ideal_cycle_time_s) FROM units u JOIN line_products lp USING (line_id, product_id) GROUP BY 1 ORDER BY 1",
    "WITH per_line AS (SELECT line_id, COUNT(*) AS n FROM units GROUP BY line_id) SELECT * FROM per_line ORDER BY n DESC",
    "WITH a AS (SELECT line_id FROM lines), b AS (SELECT line_id FROM a) SELECT COUNT(*) FROM b",
    "SELECT line_id, 1 - AVG(CAST(is_good AS INT)) AS scrap FROM units GROUP BY line_id ORDER BY line_id",
    "SELECT line_id, COUNT(*) FILTER (WHERE NOT is_good) AS bad FROM units GROUP BY line_id ORDER BY line_id",
    "SELECT unit_id, ROW_NUMBER() OVER (PARTITION BY line_id ORDER BY ts) AS rn FROM units ORDER BY unit_id",
    "SELECT line_id, ts, cycle_time_s - LAG(cycle_time_s) OVER (PARTITION BY line_id ORDER BY ts) AS d FROM units ORDER BY line_id, ts",
    "SELECT line_id, unit_id FROM units QUALIFY ROW_NUMBER() OVER (PARTITION BY line_id ORDER BY cycle_time_s DESC) = 1 ORDER BY line_id",
    "SELECT CASE WHEN cycle_time_s > 43 THEN 'slow' ELSE 'ok' END AS speed, COUNT(*) FROM units GROUP BY 1 ORDER BY 1",
    "SELECT DATE_TRUNC('hour', ts) AS h, COUNT(*) FROM units GROUP BY 1 ORDER BY 1",
    "SELECT shift_date, shift_code, COUNT(*) FROM units GROUP BY ALL ORDER BY ALL",
    "SELECT line_id FROM lines UNION ALL SELECT line_id FROM units ORDER BY 1",
    "SELECT line_id FROM lines UNION SELECT line_id FROM units ORDER BY 1",
    "SELECT line_id FROM lines INTERSECT SELECT line_id FROM units ORDER BY 1",
    "SELECT line_id FROM lines EXCEPT SELECT line_id FROM units ORDER BY 1",
    "SELECT * FROM (SELECT line_id, COUNT(*) AS n FROM units GROUP BY 1) AS t WHERE n > 10 ORDER BY line_id",
    "SELECT line_id FROM lines WHERE line_id IN (SELECT line_id FROM units WHERE NOT is_good) ORDER BY 1",
    "SELECT line_id FROM lines l WHERE EXISTS (SELECT 1 FROM units u WHERE u.line_id = l.line_id) ORDER BY 1",
    "SELECT MEDIAN(cycle_time_s), STDDEV_SAMP(cycle_time_s) FROM units",
    "SELECT line_id, STDDEV_SAMP(cycle_time_s) / AVG(cycle_time_s) AS cv FROM units GROUP BY 1 ORDER BY 1",
    "SELECT defect_code, COUNT(*) FROM units WHERE defect_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1",
    "SELECT COALESCE(defect_code, '-') AS d, COUNT(*) FROM units GROUP BY 1 ORDER BY 1",
    "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s) ORDER BY n",
    "SELECT t.x FROM range(3) AS t(x) ORDER BY 1",
    "SELECT line_id, ts FROM units ORDER BY ts DESC LIMIT 5",
    "SELECT u.unit_id, v.unit_id FROM units AS u ASOF JOIN units AS v ON u.line_id = v.line_id AND u.ts > v.ts ORDER BY 1 LIMIT 3",
    "SELECT line_id, MAX(ts) - MIN(ts) AS span FROM units GROUP BY 1 ORDER BY 1",
    "SELECT line_id, ROUND(SUM(cycle_time_s) / 60, 2) FROM units GROUP BY 1 ORDER BY 1",
    "SELECT p.family, COUNT(*) FROM units u JOIN products p USING (product_id) GROUP BY 1 ORDER BY 1",
]


@pytest.mark.parametrize("sql", VALID)
def test_valid_query_is_accepted_with_its_meaning_unchanged(small_db, sql):
    guarded = guard_sql(sql)
    con = duckdb.connect(str(small_db), read_only=True)
    try:
        assert con.execute(guarded.sql).fetchall() == con.execute(sql).fetchall()
    finally:
        con.close()
    assert guarded.limit == 10_000


def test_limit_is_added_and_capped_but_smaller_limits_kept():
    assert guard_sql("SELECT line_id FROM lines").sql.endswith("LIMIT 10000")
    assert guard_sql("SELECT line_id FROM lines LIMIT 99999999").sql.endswith("LIMIT 10000")
    assert guard_sql("SELECT line_id FROM lines LIMIT 5").sql.endswith("LIMIT 5")
    assert guard_sql("SELECT line_id FROM lines", max_rows=7).sql.endswith("LIMIT 7")


def test_transpiled_to_the_connectors_dialect():
    sql = "SELECT line_id, COUNT(*) FILTER (WHERE NOT is_good) FROM units GROUP BY line_id"
    postgres = guard_sql(sql, dialect="postgres").sql
    assert "LIMIT 10000" in postgres and "FILTER" in postgres
    assert guard_sql("SELECT DATE_TRUNC('week', ts) FROM units", dialect="postgres").sql.startswith(
        "SELECT DATE_TRUNC"
    )


def test_unknown_names_come_with_the_closest_existing_ones():
    with pytest.raises(GuardError) as error:
        guard_sql("SELECT cycle_tme_s FROM units")
    assert error.value.suggestions == ["cycle_time_s"]
    assert "cycle_time_s" in error.value.message and "cycle_time_s" in error.value.message_de
    with pytest.raises(GuardError) as table_error:
        guard_sql("SELECT * FROM energy_reading")
    assert table_error.value.suggestions[0] == "energy_readings"


def test_syntax_error_has_line_and_column():
    with pytest.raises(GuardError) as error:
        guard_sql("SELECT line_id\nFROM lines\nWHERE AND")
    assert error.value.reason == "syntax"
    assert error.value.position is not None and error.value.position[0] == 3


def test_tables_read_are_reported():
    assert guard_sql("SELECT * FROM units u JOIN lines l USING (line_id)").tables == ("lines", "units")


def test_steps_are_small_functions_in_order():
    names = [step.__name__ for step in STEPS]
    assert names == [
        "check_text",
        "parse",
        "only_queries",
        "no_forbidden_functions",
        "contract_only",
        "limit_rows",
    ]
