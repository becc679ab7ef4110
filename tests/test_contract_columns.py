"""Only contract columns come out: a plant file with a person's name in a column and a personnel table."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from connectors.base import ConnectorError
from connectors.duckdb_connector import DuckDBConnector
from connectors.source_file import load_source
from connectors.sources import open_source
from copilot.engine import Copilot
from copilot.sql_guard import GuardError, guard_sql

SECRET = "Schmidt"


@pytest.fixture(scope="module")
def wider_plant(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plant with downtime_events.operator_name and an operators table the contract does not have."""
    path = tmp_path_factory.mktemp("wider") / "plant.duckdb"
    shutil.copyfile(sample_db, path)
    con = duckdb.connect(str(path))
    con.execute(f"ALTER TABLE downtime_events ADD COLUMN operator_name VARCHAR DEFAULT '{SECRET}'")
    con.execute(f"CREATE TABLE operators AS SELECT 'P1' AS person_id, '{SECRET}' AS name, 3 AS warnings")
    con.close()
    return path


@pytest.fixture(scope="module")
def connector(wider_plant: Path) -> DuckDBConnector:
    return DuckDBConnector(wider_plant)


def _cells(connector: DuckDBConnector, sql: str) -> tuple[list[str], str]:
    """The column names and every cell as text, of a query the guard accepted."""
    frame = connector.execute(guard_sql(sql).sql)
    return [str(c) for c in frame.columns], frame.to_string()


LEAKS = [
    "SELECT * FROM downtime_events LIMIT 5",
    "SELECT d.* FROM downtime_events d LIMIT 5",
    "SELECT * FROM main.downtime_events LIMIT 5",
    "SELECT d FROM downtime_events d LIMIT 5",
    "SELECT * FROM (SELECT * FROM downtime_events) LIMIT 5",
    "WITH x AS (SELECT * FROM downtime_events) SELECT * FROM x LIMIT 5",
    "SELECT * EXCLUDE (note) FROM downtime_events LIMIT 5",
    "SELECT COLUMNS('.*') FROM downtime_events LIMIT 5",
    "SELECT COLUMNS(c -> c LIKE '%o%') FROM downtime_events LIMIT 5",
    "SELECT * FROM downtime_events PIVOT (count(*) FOR shift_code IN ('F', 'S', 'N')) LIMIT 5",
    "SELECT * FROM (UNPIVOT (SELECT event_id, note FROM downtime_events) ON note) LIMIT 5",
    "SELECT * FROM downtime_events NATURAL JOIN lines LIMIT 5",
    "SELECT to_json(d) FROM downtime_events d LIMIT 5",
]


@pytest.mark.parametrize("sql", LEAKS)
def test_no_query_returns_a_column_outside_the_contract(connector: DuckDBConnector, sql: str) -> None:
    columns, cells = _cells(connector, sql)
    assert "operator_name" not in columns and SECRET not in cells and "operator" not in cells


def test_columns_matching_the_hidden_name_find_nothing(connector: DuckDBConnector) -> None:
    with pytest.raises(ConnectorError) as failed:
        connector.execute(guard_sql("SELECT COLUMNS('operator.*') FROM downtime_events").sql)
    assert failed.value.reason == "engine" and SECRET not in failed.value.message


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("SELECT operator_name FROM downtime_events", "unknown_column"),
        ("SELECT * FROM operators", "unknown_table"),
        ("SELECT * FROM plant_file.main.operators", "unknown_table"),
        ("SELECT * FROM plant_file.downtime_events", "unknown_table"),
        ("SELECT json_serialize_plan('SELECT current_setting(''home_directory'')')", "forbidden_function"),
        ("SELECT json_serialize_sql('SELECT * FROM operators')", "forbidden_function"),
        ("SELECT json_execute_serialized_sql('{}')", "forbidden_function"),
        ("SELECT * FROM query('SELECT * FROM operators')", "forbidden_function"),
        ("SELECT * FROM query_table('operators')", "forbidden_function"),
        ("SELECT current_setting('memory_limit')", "forbidden_function"),
        ("SELECT * FROM duckdb_settings()", "forbidden_function"),
        ("SELECT * FROM duckdb_tables()", "forbidden_function"),
        ("SELECT * FROM duckdb_columns", "system_table"),
        ("SELECT * FROM information_schema.columns", "system_table"),
        ("SELECT current_database(), current_schema()", "forbidden_function"),
        ("SELECT version()", "forbidden_function"),
    ],
)
def test_names_settings_and_plans_outside_the_contract_are_refused(sql: str, reason: str) -> None:
    with pytest.raises(GuardError) as refusal:
        guard_sql(sql)
    assert refusal.value.reason == reason


def test_the_schema_lists_only_contract_columns(connector: DuckDBConnector) -> None:
    schema = connector.schema()
    assert "operators" not in schema and "operator_name" not in schema["downtime_events"]
    assert list(schema["downtime_events"])[:3] == ["event_id", "line_id", "station_id"]


def test_answers_on_the_wider_file_are_those_of_the_sample_plant(wider_plant: Path, sample_db: Path) -> None:
    question = "Wie lange stand Linie 2 letzte Woche?"
    wider = Copilot(DuckDBConnector(wider_plant)).ask(question)
    sample = Copilot(DuckDBConnector(sample_db)).ask(question)
    assert wider.text == sample.text and [f.value for f in wider.facts] == [f.value for f in sample.facts]


def test_the_file_and_the_views_stay_read_only(connector: DuckDBConnector, wider_plant: Path) -> None:
    before = wider_plant.read_bytes()
    for statement in (
        "DELETE FROM plant_file.main.downtime_events",
        "CREATE TABLE plant_file.main.notes (a INT)",
        "CREATE OR REPLACE VIEW downtime_events AS SELECT * FROM plant_file.main.downtime_events",
        f"ATTACH '{wider_plant.parent / 'other.duckdb'}' AS other",
    ):
        with pytest.raises(duckdb.Error):
            connector._con.execute(statement)
    assert wider_plant.read_bytes() == before
    assert "operator_name" not in _cells(connector, "SELECT * FROM downtime_events LIMIT 1")[0]


PG_LEAKS = [
    "SELECT * FROM downtime_events LIMIT 5",
    "SELECT d.* FROM downtime_events d LIMIT 5",
    "SELECT * FROM (SELECT * FROM downtime_events) AS x LIMIT 5",
    "WITH x AS (SELECT * FROM downtime_events) SELECT * FROM x LIMIT 5",
    "SELECT * FROM downtime_events NATURAL JOIN lines LIMIT 5",
    "SELECT * FROM lines",
]


@pytest.fixture(scope="module")
def wider_postgres(postgres_server, postgres_source: Path, plant_tables: list[str], tmp_path_factory):  # type: ignore[no-untyped-def]
    """The plant in PostgreSQL under the contract's own names, one table wider, one mapped by a wider SELECT."""
    import psycopg
    import yaml
    from plant_exports import PG_PREFIX, PG_RENAMED, PG_SCHEMA

    with psycopg.connect(postgres_server.dsn, autocommit=True) as con:
        con.execute("DROP SCHEMA IF EXISTS wide CASCADE; CREATE SCHEMA wide")
        for name in plant_tables:
            if name in PG_RENAMED:
                continue
            extra = f", '{SECRET}'::text AS operator_name" if name == "downtime_events" else ""
            con.execute(f"CREATE VIEW wide.{name} AS SELECT *{extra} FROM {PG_SCHEMA}.{PG_PREFIX}{name}")
    spec = yaml.safe_load(postgres_source.read_text(encoding="utf-8"))
    spec["connection"]["schema"] = "wide"
    for name in plant_tables:
        if name not in PG_RENAMED:
            spec["tables"][name] = {"table": name}  # named as in the contract: nothing to rename
    spec["tables"]["lines"] = {"select": f"SELECT *, '{SECRET}' AS manager FROM {PG_SCHEMA}.{PG_PREFIX}lines"}
    path = tmp_path_factory.mktemp("wide-pg") / "plant.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    connector = open_source(load_source(path))
    yield connector
    connector.close()


@pytest.mark.parametrize("sql", PG_LEAKS)
def test_no_postgres_query_returns_a_column_outside_the_contract(wider_postgres, sql: str) -> None:  # type: ignore[no-untyped-def]
    frame = wider_postgres.execute(guard_sql(sql, dialect="postgres").sql)
    assert len(frame) and not {"operator_name", "manager"} & set(frame.columns)
    assert SECRET not in frame.to_string()


def test_postgres_under_contract_names_answers_as_the_sample_plant(wider_postgres, sample_db: Path) -> None:  # type: ignore[no-untyped-def]
    question = "Wie lange stand Linie 2 letzte Woche?"
    wider = Copilot(wider_postgres).ask(question)
    sample = Copilot(DuckDBConnector(sample_db)).ask(question)
    assert wider.text == sample.text and SECRET not in str(wider.evidence)


@pytest.fixture(scope="module")
def wider_spark(spark_session, parquet_folder: Path, plant_tables: list[str]):  # type: ignore[no-untyped-def]
    """The plant's Parquet files through Spark, its lines mapped by a SELECT that returns one column more."""
    import yaml
    from plant_exports import files_source

    path = files_source(parquet_folder, plant_tables, "spark")
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines = parquet_folder / "lines.parquet"
    spec["tables"]["lines"] = {"select": f"SELECT *, '{SECRET}' AS manager FROM parquet.`{lines}`"}
    wider = parquet_folder / "plant-spark-wider.yaml"  # the files are named relative to the source file
    wider.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    connector = open_source(load_source(wider))
    yield connector
    connector.close()


@pytest.mark.parametrize("sql", ["SELECT * FROM lines", "SELECT l.* FROM lines l NATURAL JOIN line_products"])
def test_no_spark_query_returns_a_column_outside_the_contract(wider_spark, sql: str) -> None:  # type: ignore[no-untyped-def]
    frame = wider_spark.execute(guard_sql(sql, dialect="spark").sql)
    assert len(frame) and "manager" not in frame.columns and SECRET not in frame.to_string()
