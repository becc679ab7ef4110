"""Per-engine escapes: what PostgreSQL and Spark offer beyond DuckDB is refused, whichever dialect the SQL
was written in; ordinary queries still pass, and the connectors themselves stay read-only and bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.base import ConnectorError
from connectors.source_file import load_source
from connectors.sources import open_source
from copilot.sql_guard import GuardError, guard_sql

POSTGRES_HOSTILE = [
    "SELECT pg_read_file('/etc/passwd')",  # server files
    "SELECT pg_read_binary_file('/etc/shadow')",
    "SELECT * FROM pg_ls_dir('/')",
    "SELECT lo_import('/etc/passwd')",  # large objects
    "SELECT lo_export(1, '/tmp/x')",
    "SELECT * FROM dblink('host=10.0.0.1', 'SELECT 1') AS t(a INT)",  # other servers
    "SELECT dblink_exec('host=x', 'DROP TABLE units')",
    "COPY units TO '/tmp/units.csv'",  # files through COPY
    "COPY (SELECT * FROM units) TO PROGRAM 'sh -c id'",
    "SET ROLE postgres",  # privileges
    "RESET ROLE",
    "SELECT pg_sleep(100)",  # holding the server
    "SELECT pg_terminate_backend(1)",
    "SELECT current_setting('data_directory')",  # settings
    "SELECT set_config('role', 'postgres', false)",
    "SELECT query_to_xml('SELECT * FROM units', true, true, '')",  # queries given as text
    "SELECT ts_stat('SELECT to_tsvector(name) FROM lines')",
    "SELECT xpath('/a', '<a/>')",
    "SELECT inet_server_addr()",
    "SELECT txid_current()",
    "SELECT * FROM units FOR UPDATE",  # locks
    "DO $$ BEGIN PERFORM 1; END $$",
    "CREATE EXTENSION file_fdw",
    "PREPARE p AS SELECT 1",
    "LISTEN alarms",
    "VACUUM units",
    "SELECT * FROM pg_catalog.pg_user",
]
SPARK_HOSTILE = [
    "SELECT reflect('java.lang.Runtime', 'getRuntime')",  # Java reflection
    "SELECT java_method('java.lang.System', 'exit', 0)",
    "SELECT try_reflect('java.lang.Thread', 'sleep', 100000L)",
    "ADD JAR /tmp/evil.jar",  # code and files into the application
    "ADD FILE /tmp/x",
    "LIST FILE",
    "LOAD DATA LOCAL INPATH '/etc/passwd' INTO TABLE units",
    "INSERT OVERWRITE DIRECTORY '/tmp/out' SELECT * FROM units",  # writing files
    "INSERT OVERWRITE LOCAL DIRECTORY '/tmp/out' SELECT * FROM units",
    "SELECT * FROM csv.`/etc/passwd`",  # files as tables
    "SELECT * FROM parquet.`/tmp/x`",
    "SELECT * FROM text.`file:///etc/passwd`",
    "SELECT * FROM read_files('/tmp')",
    "SELECT TRANSFORM(unit_id) USING 'cat /etc/passwd' AS (a) FROM units",  # running a program
    "SELECT input_file_name() FROM units",  # the files behind a table
    "SELECT xpath_string('<a/>', '/a')",
    "SELECT from_protobuf(unit_id, 'M', '/etc/descriptor') FROM units",
    "SET spark.sql.ansi.enabled = false",  # settings and catalog
    "CACHE TABLE units",
    "REFRESH TABLE units",
    "CREATE TEMPORARY FUNCTION f AS 'x.Y' USING JAR '/tmp/e.jar'",
    "MSCK REPAIR TABLE units",
    "SHOW TABLES",
]
VALID = [
    "SELECT line_id, COUNT(*) AS n FROM units GROUP BY line_id ORDER BY line_id",
    "SELECT e.line_id, SUM(e.duration_s) / 60 AS minutes FROM downtime_events AS e JOIN downtime_reasons AS r "
    "ON r.reason_code = e.reason_code WHERE NOT r.planned GROUP BY e.line_id",
    "SELECT CAST(ts AS DATE) AS day, SUM(value) AS kwh FROM energy_readings GROUP BY CAST(ts AS DATE)",
]


@pytest.mark.parametrize("sql", POSTGRES_HOSTILE)
@pytest.mark.parametrize("read", ["postgres", "duckdb"])
def test_postgres_escapes_are_refused(sql: str, read: str) -> None:
    # written for PostgreSQL, or written as DuckDB SQL and carried over to PostgreSQL
    try:
        guard_sql(sql, dialect="postgres", read_dialect=read)
    except GuardError as error:
        assert error.message and error.message_de and error.reason
    else:
        pytest.fail(f"accepted on postgres (read as {read}): {sql}")


@pytest.mark.parametrize("sql", SPARK_HOSTILE)
@pytest.mark.parametrize("read", ["spark", "duckdb"])
def test_spark_escapes_are_refused(sql: str, read: str) -> None:
    try:
        guard_sql(sql, dialect="spark", read_dialect=read)
    except GuardError as error:
        assert error.message and error.message_de and error.reason
    else:
        pytest.fail(f"accepted on spark (read as {read}): {sql}")


@pytest.mark.parametrize("dialect", ["postgres", "spark", "duckdb"])
@pytest.mark.parametrize("sql", VALID)
def test_ordinary_queries_pass_on_every_engine(sql: str, dialect: str) -> None:
    guarded = guard_sql(sql, dialect=dialect)
    assert guarded.sql.endswith("LIMIT 10000")


@pytest.fixture(scope="module")
def postgres(postgres_source: Path):  # type: ignore[no-untyped-def]
    connector = open_source(load_source(postgres_source), timeout_s=1)
    yield connector
    connector.close()


def test_postgres_runs_every_statement_read_only(postgres) -> None:  # type: ignore[no-untyped-def]
    # even a statement that got past the guard cannot write: the transaction is READ ONLY and rolled back
    for sql in (
        "CREATE TABLE mes.evil (a INT)",
        "DELETE FROM mes.mes_units",
        "UPDATE mes.mes_lines SET name = 'x'",
    ):
        with pytest.raises(ConnectorError, match="read-only transaction"):
            postgres.execute(sql)
    assert int(postgres.execute("SELECT COUNT(*) FROM units").iloc[0, 0]) == 338_325


def test_postgres_stops_a_slow_statement(postgres) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConnectorError) as caught:
        postgres.execute("SELECT pg_sleep(5)")
    assert caught.value.reason == "timeout" and "COPILOT_QUERY_TIMEOUT_S" in caught.value.message
    assert len(postgres.execute("SELECT 1 AS one")) == 1  # and the connection still serves


def test_postgres_refuses_more_rows_than_its_limit(postgres_source: Path) -> None:
    connector = open_source(load_source(postgres_source))
    connector.row_limit = 100  # type: ignore[attr-defined]
    with pytest.raises(ConnectorError) as caught:
        connector.execute("SELECT unit_id FROM units LIMIT 101")
    assert caught.value.reason == "rows"
    assert len(connector.execute("SELECT unit_id FROM units LIMIT 100")) == 100


def test_postgres_without_its_environment_variable_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANT_PG_URL", raising=False)
    path = tmp_path / "plant.yaml"
    path.write_text(
        "connector: postgresql\nconnection: {url_env: PLANT_PG_URL}\ntables: {lines: mes.linien}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConnectorError) as caught:
        open_source(load_source(path))
    assert "PLANT_PG_URL" in caught.value.message and "PLANT_PG_URL" in caught.value.message_de


def test_files_connector_has_no_file_access_once_loaded(
    parquet_folder: Path, plant_tables: list[str]
) -> None:
    # the files are read at start; afterwards DuckDB itself refuses to open any file
    from plant_exports import files_source

    connector = open_source(load_source(files_source(parquet_folder, plant_tables)))
    with pytest.raises(ConnectorError, match=r"external access|disabled"):
        connector.execute(f"SELECT * FROM read_parquet('{parquet_folder}/units.parquet')")
    assert int(connector.execute("SELECT COUNT(*) FROM units").iloc[0, 0]) == 338_325


def test_spark_reports_an_engine_error_plainly(
    spark_session, parquet_folder: Path, plant_tables: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from plant_exports import files_source

    connector = open_source(load_source(files_source(parquet_folder, plant_tables, "spark")))
    with pytest.raises(ConnectorError) as caught:
        connector.execute("SELECT no_such_column FROM units")
    assert caught.value.reason == "engine" and "Spark" in caught.value.message
