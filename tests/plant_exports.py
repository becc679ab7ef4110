"""The sample plant copied into other engines' shapes: a PostgreSQL schema with plant names, Parquet files.

Each copy comes with the source file that maps it back onto the contract, as plant IT would write it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import sqlglot
import yaml
from sqlglot import exp

from connectors.contract import contract_tables
from connectors.duckdb_connector import open_read_only

PG_SCHEMA = "mes"
PG_PREFIX = "mes_"  # the plant's own table names: mes.mes_units, …
TIME_COLUMNS = ("start_time", "end_time")  # shifts: kept as text in the Parquet copy
PG_RENAMED = {"energy_readings": {"value": "kwh"}}  # and a column of its own naming


def present_tables(db: Path) -> list[str]:
    """The contract tables the DuckDB file has."""
    with open_read_only(db) as con:  # as the product opens it: the tests hold such a connection already
        names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return [t for t in contract_tables() if t in names]


def to_postgres(db: Path, dsn: str) -> None:
    """Every contract table of the DuckDB file into schema mes of the PostgreSQL database, by COPY."""
    import psycopg

    with open_read_only(db) as source, psycopg.connect(dsn, autocommit=True) as target:
        target.execute(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}")
        for name in present_tables(db):
            target.execute(_pg_create(name))
            buffer = io.StringIO()
            source.execute(f"SELECT * FROM {name}").df().to_csv(buffer, index=False, header=False)
            with target.cursor().copy(
                f"COPY {PG_SCHEMA}.{PG_PREFIX}{name} FROM STDIN WITH (FORMAT csv)"
            ) as copy:
                copy.write(buffer.getvalue())
        target.execute("ANALYZE")


def postgres_source(folder: Path, tables: list[str], url_env: str) -> Path:
    """The source file that maps schema mes onto the contract."""
    mapped: dict[str, Any] = {}
    for name in tables:
        entry: dict[str, Any] = {"table": f"{PG_SCHEMA}.{PG_PREFIX}{name}"}
        if name in PG_RENAMED:
            entry["columns"] = {contract: plant for contract, plant in PG_RENAMED[name].items()}
        mapped[name] = entry
    return _write(folder / "plant-postgres.yaml", "postgresql", {"url_env": url_env}, mapped, tables)


def to_parquet(db: Path, folder: Path) -> None:
    """One Parquet file per contract table."""
    folder.mkdir(parents=True, exist_ok=True)
    with open_read_only(db) as con:  # no file access in it: Arrow carries the types to the Parquet writer
        for name in present_tables(db):
            pq.write_table(con.execute(_as_text(name)).to_arrow_table(), folder / f"{name}.parquet")


def files_source(folder: Path, tables: list[str], connector: str = "files") -> Path:
    """The source file that reads the Parquet files (files connector or Spark, which keeps times as text)."""
    mapped: dict[str, Any] = {name: {"file": f"{name}.parquet"} for name in tables}
    if connector == "files" and "shifts" in mapped:
        mapped["shifts"]["columns"] = {c: f"CAST({c} AS TIME)" for c in TIME_COLUMNS}
    settings = {"master": "local[2]", "cache": True} if connector == "spark" else {}
    return _write(folder / f"plant-{connector}.yaml", connector, settings, mapped, tables)


def _as_text(name: str) -> str:
    """SELECT * with TIME columns as text 'HH:MM:SS': Parquet TIME is a type Spark cannot read."""
    if name != "shifts":
        return f"SELECT * FROM {name}"
    columns = [
        f"CAST({c} AS VARCHAR) AS {c}" if c in TIME_COLUMNS else c
        for c in contract_tables()[name].column_names
    ]
    return f"SELECT {', '.join(columns)} FROM {name}"


def _write(
    path: Path, connector: str, settings: dict[str, Any], mapped: dict[str, Any], tables: list[str]
) -> Path:
    missing = [t for t in contract_tables() if t not in tables]
    data = {
        "name": "Beispielwerk",
        "connector": connector,
        "connection": settings,
        "tables": mapped,
        "missing": missing,
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _pg_create(name: str) -> str:
    """The contract's CREATE TABLE in PostgreSQL, under the plant's names, without foreign keys."""
    table = contract_tables()[name]
    renamed = PG_RENAMED.get(name, {})
    columns = [
        exp.ColumnDef(
            this=exp.to_identifier(renamed.get(c.name, c.name)),
            kind=exp.DataType.build(c.type, dialect="duckdb"),
        )
        for c in table.columns
    ]
    create = exp.Create(
        this=exp.Schema(this=exp.to_table(f"{PG_SCHEMA}.{PG_PREFIX}{name}"), expressions=columns),
        kind="TABLE",
    )
    return sqlglot.transpile(create.sql("duckdb"), read="duckdb", write="postgres")[0]
