"""The SQL guard refuses everything that is not one read-only query over the contract, and keeps the meaning of what it accepts."""

from __future__ import annotations

import contextlib
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot
import yaml

from connectors.contract import contract_ddl
from copilot.guard import RULES, TEXT_CHECKS, TOKEN_CHECKS, Policy, parse, tokenize, transpile
from copilot.guard.errors import REASONS
from copilot.guard.names import contract_columns, contract_tables, visible_cte
from copilot.guard.rules import limit_rows, no_hidden_statements, only_queries, sources_in_brackets
from copilot.sql_guard import GuardedQuery, GuardError, guard_sql


def _hostile() -> list[tuple[str, str, str]]:
    """(reason, note, statement) from the data file, the note taken from each case's trailing comment."""
    text = (Path(__file__).parent / "data" / "hostile_sql.yaml").read_text(encoding="utf-8")
    notes = [line.rsplit("  # ", 1)[-1] for line in text.splitlines() if line.startswith("- [")]
    cases = yaml.safe_load(text)
    assert len(notes) == len(cases)
    return [(reason, note, sql) for (reason, sql), note in zip(cases, notes, strict=True)]


HOSTILE = _hostile()
# fmt: off
ENORMOUS: list[tuple[str, str, str]] = [
    ("too_long", "1 MB of SQL", "SELECT " + ", ".join(f"line_id AS c{i}" for i in range(60_000)) + " FROM lines"),
    ("too_long", "1 MB of comments after a query", "SELECT 1 " + "-- padding\n" * 100_000),
    ("too_long", "one character over the cap", "SELECT 1" + " " * 19_992 + "1"),
    ("too_long", "an IN list of 10 000 values", "SELECT * FROM units WHERE line_id IN (" + ", ".join(["'L1'"] * 10_000) + ")"),
    ("too_long", "more tokens than the cap", "SELECT " + ",".join(["1"] * 3_000)),
    ("too_complex", "2000 nested brackets", "SELECT " + "(" * 2000 + "1" + ")" * 2000),
    ("too_complex", "40 nested brackets", "SELECT " + "(" * 40 + "1" + ")" * 40),
    ("too_complex", "40 nested subqueries", "SELECT " + "(SELECT " * 40 + "1" + ")" * 40),
    ("too_complex", "40 nested CASE", "SELECT " + "CASE WHEN TRUE THEN " * 40 + "1" + " END" * 40),
    ("too_complex", "40 nested lists", "SELECT " + "[" * 40 + "1" + "]" * 40),
    ("too_complex", "a chain of 300 additions", "SELECT " + " + ".join(["1"] * 300)),
    ("too_complex", "500 NOTs", "SELECT " + "NOT " * 500 + "TRUE"),
]
# fmt: on
ALL_HOSTILE = HOSTILE + ENORMOUS


def small_database(path: Path) -> Path:
    """A contract database with a few rows in the tables the queries read."""
    con = duckdb.connect(str(path))
    con.execute(contract_ddl())
    con.execute("INSERT INTO dataset_info VALUES ('plant_name', 'Test'), ('now', '2025-11-20T14:00:00')")
    con.execute(
        "INSERT INTO lines VALUES ('L1', 1, 'Linie 1', 'A', 60), ('L2', 2, 'Linie 2', 'B', 30), ('L3', 3, 'Linie 3', 'B', 45)"
    )
    con.execute("INSERT INTO products VALUES ('P1', 'Teil 1', 'F1'), ('P2', 'Teil 2', 'F2')")
    con.execute("INSERT INTO line_products VALUES ('L1', 'P1', 50), ('L2', 'P2', 25), ('L3', 'P1', 40)")
    con.execute("INSERT INTO teams VALUES ('T-A', 'A'), ('T-B', 'B')")
    con.execute(
        "INSERT INTO shifts VALUES ('E', 'Früh', 'Early', TIME '06:00', TIME '14:00'), ('L', 'Spät', 'Late', TIME '14:00', TIME '22:00')"
    )
    con.execute(
        "INSERT INTO shift_calendar SELECT l, DATE '2025-11-19', s, TIMESTAMP '2025-11-19 06:00', "
        "TIMESTAMP '2025-11-19 14:00', 450, 'T-A' FROM (VALUES ('L1'), ('L2')) a(l), (VALUES ('E'), ('L')) b(s)"
    )
    con.execute(
        "INSERT INTO production_orders VALUES ('O1', 'L1', 'P1', 10, TIMESTAMP '2025-11-19 06:00', NULL, NULL, 'done'),"
        " ('O2', 'L2', 'P2', 10, TIMESTAMP '2025-11-19 06:00', NULL, NULL, 'done')"
    )
    con.execute(
        "INSERT INTO units SELECT 'U' || lpad(i::VARCHAR, 3, '0'), CASE WHEN i % 2 = 0 THEN 'L1' ELSE 'L2' END, "
        "CASE WHEN i % 2 = 0 THEN 'O1' ELSE 'O2' END, CASE WHEN i % 2 = 0 THEN 'P1' ELSE 'P2' END, NULL, "
        "TIMESTAMP '2025-11-19 06:00' + i * INTERVAL 7 MINUTE, DATE '2025-11-19', CASE WHEN i < 40 THEN 'E' ELSE 'L' END, "
        "40 + i % 7, i % 9 <> 0, CASE WHEN i % 9 = 0 THEN 'D' || (i % 2) END FROM range(1, 60) t(i)"
    )
    con.execute(
        "INSERT INTO downtime_reasons VALUES ('BR', 'Störung', 'Breakdown', 'breakdown', false), ('MT', 'Besprechung', 'Meeting', 'planned', true)"
    )
    con.execute(
        "INSERT INTO downtime_events VALUES ('E1', 'L1', NULL, TIMESTAMP '2025-11-19 07:00', TIMESTAMP '2025-11-19 07:30', 1800, 'BR', DATE '2025-11-19', 'E', 'Motor'),"
        " ('E2', 'L2', NULL, TIMESTAMP '2025-11-19 09:00', TIMESTAMP '2025-11-19 09:10', 600, 'MT', DATE '2025-11-19', 'E', NULL),"
        " ('E3', 'L1', NULL, TIMESTAMP '2025-11-19 15:00', TIMESTAMP '2025-11-19 15:05', 300, 'BR', DATE '2025-11-19', 'L', NULL)"
    )
    con.execute(
        "INSERT INTO energy_meters VALUES ('M1', 'L1', 'electricity', 'kWh', 'Main L1'), ('M0', NULL, 'compressed_air', 'kWh', 'Site air')"
    )
    con.execute(
        "INSERT INTO energy_readings SELECT m, TIMESTAMP '2025-11-19 00:00' + i * INTERVAL 15 MINUTE, 10 + i % 5 "
        "FROM (VALUES ('M1'), ('M0')) v(m), range(0, 96) r(i)"
    )
    con.execute("INSERT INTO kpi_targets VALUES ('L1', 'oee', 0.85), ('L2', 'oee', 0.8)")
    con.close()
    return path


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small contract database, built once for this module."""
    return small_database(tmp_path_factory.mktemp("guard") / "small.duckdb")


@pytest.fixture(scope="module")
def read_only(small_db: Path) -> Any:
    """A read-only connection to the small database."""
    con = duckdb.connect(str(small_db), read_only=True)
    yield con
    con.close()


def sha256(path: Path) -> str:
    """The checksum of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- hostile and broken statements -------------------------------------------------------------


def test_the_hostile_corpus_is_large_and_covers_every_reason():
    assert len(ALL_HOSTILE) >= 100
    assert {reason for reason, _, _ in ALL_HOSTILE} <= set(REASONS)
    assert {reason for reason, _, _ in ALL_HOSTILE} >= {
        "syntax", "multiple_statements", "not_a_query", "unknown_table", "unknown_column",
        "forbidden_function", "forbidden_statement", "too_long", "too_complex", "control_chars",
        "file_access", "system_table", "empty",
    }  # fmt: skip


@pytest.mark.parametrize(("reason", "note", "sql"), ALL_HOSTILE, ids=[note for _, note, _ in ALL_HOSTILE])
def test_hostile_statement_is_refused_with_its_reason(reason, note, sql):
    with pytest.raises(GuardError) as refusal:
        guard_sql(sql)
    error = refusal.value
    assert error.reason == reason, error.message
    assert error.message and error.message_de and error.message != error.message_de
    assert error.message.endswith((".", "?")) and "Traceback" not in error.message
    assert str(error) == error.message


def test_database_unchanged_after_every_hostile_statement(tmp_path):
    path = small_database(tmp_path / "victim.duckdb")
    before = sha256(path)
    con = duckdb.connect(str(path), read_only=True)
    accepted = []
    try:
        for _, note, sql in ALL_HOSTILE:
            try:
                guarded = guard_sql(sql)
            except GuardError:
                continue
            accepted.append(note)  # never expected; run it to see what it would do
            with contextlib.suppress(duckdb.Error):
                con.execute(guarded.sql).fetchall()
    finally:
        con.close()
    assert accepted == []
    assert sha256(path) == before


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param(
            "SELECT line_id FROM lines -- */ ; DROP TABLE lines; /*",
            id="line comment that closes a block comment",
        ),
        pytest.param(
            "SELECT line_id /* ; DELETE FROM units */ FROM lines", id="statement inside a block comment"
        ),
        pytest.param(
            "SELECT line_id FROM lines; -- ; DROP TABLE lines", id="trailing semicolon and a comment"
        ),
    ],
)
def test_comments_are_dropped_so_they_cannot_smuggle_a_statement(sql, read_only):
    guarded = guard_sql(sql)
    assert "DROP" not in guarded.sql and "DELETE" not in guarded.sql and "--" not in guarded.sql
    assert len(sqlglot.parse(guarded.sql, read="duckdb")) == 1
    assert read_only.execute(guarded.sql).fetchall()


# --- valid queries keep their meaning ----------------------------------------------------------

# fmt: off
VALID: list[tuple[str, str]] = [
    ("plain select", "SELECT line_id, name FROM lines ORDER BY line_id"),
    ("count", "SELECT COUNT(*) FROM units"),
    ("group by", "SELECT line_id, COUNT(*) AS n FROM units GROUP BY line_id ORDER BY line_id"),
    ("group by all", "SELECT line_id, AVG(cycle_time_s) FROM units GROUP BY ALL ORDER BY 1"),
    ("join with aliases", "SELECT u.line_id, l.name, COUNT(*) FROM units AS u JOIN lines AS l ON l.line_id = u.line_id GROUP BY 1, 2 ORDER BY 1"),
    ("join using", "SELECT u.line_id, SUM(lp.ideal_cycle_time_s) FROM units u JOIN line_products lp USING (line_id, product_id) GROUP BY 1 ORDER BY 1"),
    ("left join", "SELECT l.line_id, COALESCE(SUM(e.duration_s), 0) AS down FROM lines l LEFT JOIN downtime_events e ON e.line_id = l.line_id GROUP BY 1 ORDER BY 1"),
    ("cte", "WITH per_line AS (SELECT line_id, COUNT(*) AS n FROM units GROUP BY line_id) SELECT * FROM per_line ORDER BY n DESC"),
    ("chained ctes", "WITH a AS (SELECT line_id FROM lines), b AS (SELECT line_id FROM a) SELECT COUNT(*) FROM b"),
    ("cte column list", "WITH c(line, shifts) AS (SELECT line_id, COUNT(*) FROM shift_calendar GROUP BY 1) SELECT line, shifts FROM c ORDER BY line"),
    ("recursive cte", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r ORDER BY n"),
    ("scrap rate with cast", "SELECT line_id, 1 - AVG(CAST(is_good AS INT)) AS scrap FROM units GROUP BY line_id ORDER BY line_id"),
    ("aggregate with filter", "SELECT line_id, COUNT(*) FILTER (WHERE NOT is_good) AS bad FROM units GROUP BY line_id ORDER BY line_id"),
    ("row_number", "SELECT unit_id, ROW_NUMBER() OVER (PARTITION BY line_id ORDER BY ts) AS rn FROM units ORDER BY unit_id"),
    ("lag", "SELECT line_id, ts, cycle_time_s - LAG(cycle_time_s) OVER (PARTITION BY line_id ORDER BY ts) AS d FROM units ORDER BY line_id, ts"),
    ("named window", "SELECT line_id, SUM(cycle_time_s) OVER w AS running FROM units WINDOW w AS (PARTITION BY line_id ORDER BY ts) ORDER BY line_id, running"),
    ("qualify", "SELECT line_id, unit_id FROM units QUALIFY ROW_NUMBER() OVER (PARTITION BY line_id ORDER BY cycle_time_s DESC, unit_id) = 1 ORDER BY line_id"),
    ("case", "SELECT CASE WHEN cycle_time_s > 43 THEN 'slow' ELSE 'ok' END AS speed, COUNT(*) FROM units GROUP BY 1 ORDER BY 1"),
    ("date_trunc", "SELECT DATE_TRUNC('hour', ts) AS h, COUNT(*) FROM units GROUP BY 1 ORDER BY 1"),
    ("energy per day", "SELECT m.line_id, DATE_TRUNC('day', r.ts) AS day, SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) GROUP BY ALL ORDER BY ALL"),
    ("extract and interval", "SELECT EXTRACT(hour FROM ts) AS hr, COUNT(*) FROM units WHERE ts >= TIMESTAMP '2025-11-19 06:00' + INTERVAL 2 HOUR GROUP BY 1 ORDER BY 1"),
    ("order by all", "SELECT shift_date, shift_code, COUNT(*) FROM units GROUP BY ALL ORDER BY ALL"),
    ("union all", "SELECT line_id FROM lines UNION ALL SELECT line_id FROM units ORDER BY 1"),
    ("union", "SELECT line_id FROM lines UNION SELECT line_id FROM units ORDER BY 1"),
    ("intersect", "SELECT line_id FROM lines INTERSECT SELECT line_id FROM units ORDER BY 1"),
    ("except", "SELECT line_id FROM lines EXCEPT SELECT line_id FROM units ORDER BY 1"),
    ("derived table", "SELECT * FROM (SELECT line_id, COUNT(*) AS n FROM units GROUP BY 1) AS t WHERE n > 10 ORDER BY line_id"),
    ("in subquery", "SELECT line_id FROM lines WHERE line_id IN (SELECT line_id FROM units WHERE NOT is_good) ORDER BY 1"),
    ("correlated exists", "SELECT line_id FROM lines l WHERE EXISTS (SELECT 1 FROM units u WHERE u.line_id = l.line_id) ORDER BY 1"),
    ("scalar subquery", "SELECT l.line_id, (SELECT COUNT(*) FROM units u WHERE u.line_id = l.line_id) AS n FROM lines l ORDER BY 1"),
    ("lateral", "SELECT l.line_id, x.n FROM lines l, LATERAL (SELECT COUNT(*) AS n FROM units u WHERE u.line_id = l.line_id) x ORDER BY 1"),
    ("median and sd", "SELECT MEDIAN(cycle_time_s), STDDEV_SAMP(cycle_time_s) FROM units"),
    ("coefficient of variation", "SELECT line_id, STDDEV_SAMP(cycle_time_s) / AVG(cycle_time_s) AS cv FROM units GROUP BY 1 ORDER BY 1"),
    ("is not null", "SELECT defect_code, COUNT(*) FROM units WHERE defect_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"),
    ("coalesce", "SELECT COALESCE(defect_code, '-') AS d, COUNT(*) FROM units GROUP BY 1 ORDER BY 1"),
    ("having with an alias", "SELECT line_id, COUNT(*) AS n FROM units GROUP BY line_id HAVING n > 20 ORDER BY line_id"),
    ("count distinct", "SELECT COUNT(DISTINCT product_id) AS products, COUNT(DISTINCT line_id) FROM units"),
    ("distinct on", "SELECT DISTINCT ON (line_id) line_id, unit_id FROM units ORDER BY line_id, ts DESC"),
    ("string_agg", "SELECT line_id, STRING_AGG(DISTINCT shift_code, ',' ORDER BY shift_code) AS codes FROM units GROUP BY 1 ORDER BY 1"),
    ("star exclude", "SELECT * EXCLUDE (name) FROM lines ORDER BY line_id"),
    ("values in from", "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s) ORDER BY n"),
    ("values alone", "VALUES (1, 'a'), (2, 'b')"),
    ("range", "SELECT t.x FROM range(3) AS t(x) ORDER BY 1"),
    ("generate_series", "SELECT g.d FROM generate_series(DATE '2025-11-17', DATE '2025-11-19', INTERVAL 1 DAY) AS g(d) ORDER BY 1"),
    ("lambda and comprehension", "SELECT list_transform([1, 2, 3], lambda x: x * 2) AS doubled, [y + 1 FOR y IN [1, 2] IF y > 1] AS kept"),
    ("own smaller limit", "SELECT line_id, ts FROM units ORDER BY ts DESC LIMIT 5"),
    ("own larger limit", "SELECT unit_id FROM units ORDER BY unit_id LIMIT 50000"),
    ("percent limit", "SELECT unit_id FROM units ORDER BY unit_id LIMIT 10 PERCENT"),
    ("limit expression and offset", "SELECT unit_id FROM units ORDER BY unit_id LIMIT 2 * 3 OFFSET 4"),
    ("bracketed query", "(SELECT line_id FROM lines ORDER BY 1) LIMIT 2"),
    ("from first", "FROM lines SELECT line_id ORDER BY line_id"),
    ("asof join", "SELECT u.unit_id, v.unit_id FROM units AS u ASOF JOIN units AS v ON u.line_id = v.line_id AND u.ts > v.ts ORDER BY 1 LIMIT 3"),
    ("interval of a span", "SELECT line_id, MAX(ts) - MIN(ts) AS span FROM units GROUP BY 1 ORDER BY 1"),
    ("round", "SELECT line_id, ROUND(SUM(cycle_time_s) / 60, 2) FROM units GROUP BY 1 ORDER BY 1"),
    ("family", "SELECT p.family, COUNT(*) FROM units u JOIN products p USING (product_id) GROUP BY 1 ORDER BY 1"),
    ("planned busy time", "SELECT c.line_id, SUM(c.planned_minutes) * 60 - COALESCE(SUM(e.duration_s) FILTER (WHERE r.planned), 0) AS pbt "
                          "FROM shift_calendar c LEFT JOIN downtime_events e ON e.line_id = c.line_id AND e.shift_date = c.shift_date "
                          "AND e.shift_code = c.shift_code LEFT JOIN downtime_reasons r USING (reason_code) GROUP BY 1 ORDER BY 1"),
    ("comments", "SELECT line_id /* the line */, COUNT(*) -- how many\nFROM units GROUP BY 1 ORDER BY 1"),
    ("dataset info", "SELECT key, value FROM dataset_info WHERE key = 'now'"),
]
# fmt: on


def _rows(con: Any, sql: str, ordered: bool) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of a query; rows sorted when the query leaves their order open."""
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    return names, rows if ordered else sorted(rows, key=repr)


@pytest.mark.parametrize(("note", "sql"), VALID, ids=[note for note, _ in VALID])
def test_valid_query_is_accepted_with_its_meaning_unchanged(note, sql, read_only):
    guarded = guard_sql(sql)
    ordered = " ORDER BY " in sql.upper()
    assert _rows(read_only, guarded.sql, ordered) == _rows(read_only, sql, ordered)
    assert guarded.limit in range(1, 10_001)
    assert "LIMIT" in guarded.sql


def test_there_are_enough_valid_queries():
    assert len(VALID) >= 30


# --- limit, dialects, names, positions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "max_rows", "ending", "limit"),
    [
        ("SELECT line_id FROM lines", 10_000, "LIMIT 10000", 10_000),  # injected when missing
        ("SELECT line_id FROM lines LIMIT 99999999", 10_000, "LIMIT 10000", 10_000),  # capped when larger
        ("SELECT line_id FROM lines LIMIT 5", 10_000, "LIMIT 5", 5),  # kept when smaller
        ("SELECT line_id FROM lines LIMIT 0", 10_000, "LIMIT 0", 0),  # zero is smaller too
        ("SELECT line_id FROM lines", 7, "LIMIT 7", 7),  # configurable
        ("SELECT line_id FROM lines LIMIT 9", 7, "LIMIT 7", 7),  # capped by the configured value
        ("SELECT line_id FROM lines OFFSET 2", 10_000, "LIMIT 10000 OFFSET 2", 10_000),  # offset kept
        ("SELECT 1 UNION ALL SELECT 2", 10_000, "LIMIT 10000", 10_000),  # on the whole set operation
        ("SELECT line_id FROM lines LIMIT 50 PERCENT", 10_000, ") AS limited LIMIT 10000", 10_000),  # wrapped
    ],
)
def test_limit_is_injected_and_capped(sql, max_rows, ending, limit):
    guarded = guard_sql(sql, max_rows=max_rows)
    assert guarded.sql.endswith(ending)
    assert guarded.limit == limit


def test_limit_rows_is_pure_and_works_alone():
    tree = sqlglot.parse_one("SELECT line_id FROM lines LIMIT 50000", read="duckdb")
    limited = limit_rows(tree, Policy(max_rows=100))
    assert limited.sql() == "SELECT line_id FROM lines LIMIT 100"
    assert tree.sql() == "SELECT line_id FROM lines LIMIT 50000"  # the input tree is untouched


def test_transpiled_to_postgres():
    sql = "SELECT line_id, COUNT(*) FILTER (WHERE NOT is_good) FROM units GROUP BY line_id"
    postgres = guard_sql(sql, dialect="postgres").sql
    assert postgres.endswith("LIMIT 10000") and "FILTER(WHERE NOT is_good)" in postgres
    qualify = guard_sql(
        "SELECT line_id, unit_id FROM units QUALIFY ROW_NUMBER() OVER (ORDER BY ts) = 1", dialect="postgres"
    )
    assert "QUALIFY" not in qualify.sql and "ROW_NUMBER()" in qualify.sql  # rewritten as a subquery
    assert "GENERATE_SERIES(0, 3 - 1)" in guard_sql("SELECT x FROM range(3) AS t(x)", dialect="postgres").sql
    assert guard_sql("SELECT ts::DATE FROM units", dialect="postgres").sql.startswith(
        "SELECT CAST(ts AS DATE)"
    )


def test_read_in_postgres_and_written_in_duckdb():
    guarded = guard_sql(
        "SELECT line_id FROM lines WHERE name ILIKE 'linie%' LIMIT 3", read_dialect="postgres"
    )
    assert guarded.sql == "SELECT line_id FROM lines WHERE name ILIKE 'linie%' LIMIT 3"
    with pytest.raises(GuardError) as refusal:
        guard_sql("SELECT pg_read_file('/etc/passwd')", read_dialect="postgres", dialect="postgres")
    assert refusal.value.reason == "forbidden_function"


def test_unknown_dialect_or_row_cap_is_a_programming_error():
    with pytest.raises(ValueError):
        guard_sql("SELECT 1", dialect="no-such-dialect")
    with pytest.raises(ValueError):
        guard_sql("SELECT 1", max_rows=0)


@pytest.mark.parametrize(
    ("sql", "reason", "suggestions", "fragment"),
    [
        (
            "SELECT cycle_tme_s FROM units",
            "unknown_column",
            ["cycle_time_s"],
            "Unknown column 'cycle_tme_s' in units. Did you mean: cycle_time_s?",
        ),
        ("SELECT u.takt_time FROM units u JOIN lines l USING (line_id)", "unknown_column", [], "in units"),
        (
            "SELECT l.takt_time FROM units u JOIN lines l USING (line_id)",
            "unknown_column",
            ["takt_time_s"],
            "in lines",
        ),
        (
            "SELECT * FROM energy_reading",
            "unknown_table",
            ["energy_readings", "energy_tariffs"],
            "Did you mean: energy_readings, energy_tariffs?",
        ),
        (
            "SELECT * FROM downtime_event",
            "unknown_table",
            ["downtime_events", "downtime_reasons"],
            "downtime_events",
        ),
        (
            "SELECT * FROM ｕｎｉｔｓ",
            "unknown_table",
            ["units"],
            "units",
        ),  # fullwidth letters folded for the hint
        ("SELECT * FROM unіts", "unknown_table", ["units"], "units"),  # Cyrillic і
        ("SELECT x.line_id FROM units AS u", "unknown_table", [], "Unknown table or alias 'x'"),
        (
            "WITH per_line AS (SELECT line_id, COUNT(*) AS n FROM units GROUP BY 1) SELECT nn FROM per_line",
            "unknown_column",
            ["n"],
            "in per_line",
        ),
    ],
)
def test_unknown_names_come_with_the_closest_existing_ones(sql, reason, suggestions, fragment):
    with pytest.raises(GuardError) as refusal:
        guard_sql(sql)
    assert refusal.value.reason == reason
    assert refusal.value.suggestions == suggestions
    assert fragment in refusal.value.message
    for name in suggestions:
        assert name in refusal.value.message_de


def test_unknown_column_without_a_close_name_lists_the_columns():
    with pytest.raises(GuardError) as refusal:
        guard_sql("SELECT password FROM lines")
    assert refusal.value.suggestions == []
    assert "area, line_id, line_no, name, takt_time_s" in refusal.value.message


@pytest.mark.parametrize(
    ("sql", "position"),
    [
        ("SELECT line_id\nFROM lines\nWHERE AND", (3, 7)),  # syntax error on line 3
        ("SELECT *\n  FROM units\n WHERE line_id = 'L1", (3, 18)),  # unclosed quote where it opens
        ("SELECT 1;\n  SELECT 2", (2, 3)),  # the second statement
        ("SELECT line_id,\n       cycle_tme_s\nFROM units", (2, 8)),  # unknown column
        ("SELECT *\nFROM unit", (2, 6)),  # unknown table
        ("SELECT 1,\n 2\u200b", (2, 3)),  # invisible character
    ],
)
def test_refusals_name_line_and_column(sql, position):
    with pytest.raises(GuardError) as refusal:
        guard_sql(sql)
    assert refusal.value.position == position
    if refusal.value.reason not in {"unknown_column", "unknown_table"}:
        assert f"line {position[0]}" in refusal.value.message


def test_guard_error_speaks_german_too():
    with pytest.raises(GuardError) as refusal:
        guard_sql("DELETE FROM units")
    error = refusal.value
    assert error.text("de") == error.message_de and "Nur lesende Abfragen" in error.message_de
    assert error.text("en") == error.message and "Only read-only queries" in error.message


def test_tables_read_are_reported():
    guarded = guard_sql("WITH x AS (SELECT * FROM units) SELECT * FROM x JOIN lines USING (line_id)")
    assert guarded.tables == ("lines", "units")
    assert isinstance(guarded, GuardedQuery)


def test_a_custom_schema_replaces_the_contract():
    schema = {"machines": {"machine_id": "VARCHAR", "speed": "DOUBLE"}}
    assert guard_sql("SELECT machine_id FROM machines", schema=schema).tables == ("machines",)
    with pytest.raises(GuardError) as refusal:
        guard_sql("SELECT * FROM units", schema=schema)
    assert refusal.value.reason == "unknown_table"


# --- the steps work alone ----------------------------------------------------------------------


def test_steps_are_small_functions_in_order():
    assert [check.__name__ for check in TEXT_CHECKS] == ["not_empty", "not_too_long", "no_control_chars"]
    assert [check.__name__ for check in TOKEN_CHECKS] == [
        "not_too_many_tokens",
        "not_too_many_aliases",
        "not_too_deep",
        "one_statement",
        "no_command",
    ]
    assert [rule.__name__ for rule in RULES] == [
        "not_too_big", "only_queries", "sources_in_brackets", "no_hidden_statements", "no_file_access",
        "no_forbidden_functions", "no_packing_aggregates", "bounded_sizes", "no_engine_escapes",
        "no_system_tables", "contract_tables", "contract_columns", "not_too_many_reads", "limit_rows",
    ]  # fmt: skip
    assert all(step.__doc__ for step in (*TEXT_CHECKS, *TOKEN_CHECKS, *RULES, parse, tokenize, transpile))


def _tree(sql: str) -> Any:
    policy = Policy()
    return parse(sql, tokenize(sql, policy), policy)


@pytest.mark.parametrize(
    ("rule", "sql", "reason"),
    [
        (sources_in_brackets, "FROM SELECT!ATTACH", "syntax"),  # found by fuzzing: a bare query as a source
        (only_queries, "DELETE FROM units", "not_a_query"),
        (
            no_hidden_statements,
            "WITH x AS (DELETE FROM units RETURNING *) SELECT * FROM x",
            "forbidden_statement",
        ),
        (contract_tables, "SELECT * FROM users", "unknown_table"),
        (contract_columns, "SELECT nope FROM lines", "unknown_column"),
    ],
)
def test_each_rule_refuses_alone(rule, sql, reason):
    with pytest.raises(GuardError) as refusal:
        rule(_tree(sql), Policy())
    assert refusal.value.reason == reason


def test_rules_pass_a_good_tree_through_unchanged():
    tree = _tree("WITH c AS (SELECT line_id FROM lines) SELECT c.line_id FROM c")
    for rule in RULES[:-1]:
        assert rule(tree, Policy()) is tree


def test_cte_visibility_follows_sql_scoping():
    tree = _tree("WITH a AS (SELECT 1 AS x), b AS (SELECT * FROM a) SELECT * FROM b, units AS a")
    tables = {t.sql(): visible_cte(t) for t in tree.find_all(sqlglot.exp.Table)}
    assert tables["a"] is not None and tables["b"] is not None  # CTE references
    assert tables["units AS a"] is None  # a real table, even under a CTE's name


def test_guard_is_fast_enough():
    import time

    started = time.perf_counter()
    for _, sql in VALID:
        guard_sql(sql)
    assert (time.perf_counter() - started) / len(VALID) < 0.05


def test_numbers_survive_transpiling():
    guarded = guard_sql("SELECT 0.1 + 0.2 AS x, 12345678901234567890 AS big")
    row = duckdb.connect().execute(guarded.sql).fetchone()
    assert row is not None and row[0] == Decimal("0.3") and row[1] == 12345678901234567890
