"""Look at the plant's side of a source file before any view is made: a relation's columns and their types."""

from __future__ import annotations

from typing import Any

import duckdb

from .base import ConnectorError
from .source_file import SourceSpec, TableMapping

TYPE_FAMILIES = (  # (family, type-name prefixes) in the engines' own spellings
    ("timestamptz", ("timestamp with time zone", "timestamptz", "timestamp_ltz")),
    ("timestamp", ("timestamp", "datetime")),
    ("time", ("time",)),
    ("date", ("date",)),
    ("boolean", ("bool",)),
    (
        "integer",
        ("int", "bigint", "smallint", "tinyint", "hugeint", "long", "short", "byte", "ubigint", "uinteger"),
    ),
    ("float", ("double", "float", "real", "decimal", "numeric")),
    ("text", ("varchar", "text", "string", "char", "character", "bpchar", "name")),
)


def type_family(name: str) -> str:
    """'text', 'integer', 'float', 'boolean', 'date', 'timestamp', 'timestamptz', 'time' or the name itself."""
    folded = name.lower().strip()
    for family, prefixes in TYPE_FAMILIES:
        if folded.startswith(prefixes):
            return family
    return folded


class Probe:
    """Describes SELECTs in the source's own dialect, with the plant's tables and files as they are."""

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self._handle: Any = None

    def describe(self, sql: str, mapping: TableMapping | None = None) -> list[tuple[str, str]]:
        """(column, type) of a SELECT; ConnectorError when the engine cannot run it."""
        kind = self.spec.connector
        try:
            if kind in ("files", "duckdb"):
                return self._duckdb(sql)
            if kind == "postgresql":
                return self._postgres(sql)
            return self._spark(sql, mapping)
        except ConnectorError:
            raise
        except Exception as error:  # each engine has its own error classes
            text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise ConnectorError(text, text, "probe") from error

    def relation(self, mapping: TableMapping) -> str:
        """SELECT * over the mapping's plant table or file, in the source's dialect."""
        if mapping.file:
            if self.spec.connector == "spark":
                return f"SELECT * FROM {self._spark_file(mapping)}"
            from .files_connector import file_relation

            return f"SELECT * FROM {file_relation(self.spec, mapping).sql('duckdb')}"
        if mapping.select:
            return mapping.select
        return f"SELECT * FROM {mapping.table}"

    def _duckdb(self, sql: str) -> list[tuple[str, str]]:
        if self._handle is None:
            path = self.spec.settings.get("path")
            self._handle = duckdb.connect(
                str(self.spec.resolve(str(path))) if path else ":memory:", read_only=bool(path)
            )
        rows = self._handle.execute(f"DESCRIBE {sql}").fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def _postgres(self, sql: str) -> list[tuple[str, str]]:
        import psycopg

        from .postgres_connector import _connect

        if self._handle is None:
            self._handle = _connect(self.spec)
        con = self._handle
        try:
            with con.cursor() as cursor:
                schema = self.spec.settings.get("schema")
                if schema:
                    cursor.execute(
                        psycopg.sql.SQL("SET LOCAL search_path TO {}").format(psycopg.sql.Identifier(schema))
                    )
                cursor.execute(f"SELECT * FROM ({sql}) AS probe LIMIT 0")
                described = cursor.description or []
                return [(c.name, _pg_type(con, c.type_code)) for c in described]
        finally:
            con.rollback()

    def _spark(self, sql: str, mapping: TableMapping | None) -> list[tuple[str, str]]:
        if self._handle is None:
            from .spark_connector import spark_session

            self._handle = spark_session(self.spec.settings).newSession()
        return [(f.name, f.dataType.simpleString()) for f in self._handle.sql(sql).schema.fields]

    def _spark_file(self, mapping: TableMapping) -> str:
        if self._handle is None:
            from .spark_connector import spark_session

            self._handle = spark_session(self.spec.settings).newSession()
        assert mapping.file is not None
        path = self.spec.resolve(mapping.file)
        if not path.exists() and "://" not in mapping.file:
            raise ConnectorError(
                f"the file {path} does not exist", f"die Datei {path} gibt es nicht", "missing"
            )
        name = f"copilot_probe_{mapping.name}"
        kind = (mapping.format or str(path).rsplit(".", 1)[-1]).lower()
        self._handle.read.format(kind).load(str(path)).createOrReplaceTempView(name)
        return name


def _pg_type(con: Any, oid: int) -> str:
    """A PostgreSQL type name from its OID."""
    info = con.adapters.types.get(oid)
    return str(info.name) if info is not None else str(oid)
