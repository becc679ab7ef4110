"""Files connector: a folder of CSV or Parquet exports, read into an in-memory DuckDB through the mapping.

The connector opens the files named in the source file once, at start; then it switches DuckDB's
external access off, so no statement it runs afterwards can read a file, and the guard refuses file
functions in any SQL the copilot builds or a model writes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

from .base import ConnectorError
from .duckdb_connector import DuckDBConnector, chosen_limits
from .limits import QueryLimits
from .mapping import mapping_select
from .source_file import SourceSpec, TableMapping

READERS = {"csv": "read_csv", "parquet": "read_parquet"}


class FilesConnector(DuckDBConnector):
    """Contract tables loaded from CSV or Parquet files; DuckDB SQL, read-only once loaded."""

    dialect = "duckdb"

    def __init__(
        self, spec: SourceSpec, timeout_s: float | None = None, limits: QueryLimits | None = None
    ) -> None:
        self.spec = spec
        self.path = spec.path or Path(spec.name)
        self.limits = chosen_limits(limits, timeout_s)
        self.timeout_s = self.limits.timeout_s
        self._now: datetime | None = None
        self._schema: dict[str, dict[str, str]] | None = None
        self._closed = False
        self._memory = duckdb.connect(
            ":memory:",
            config={
                "memory_limit": self.limits.memory_limit,
                "threads": self.limits.threads,
                "autoinstall_known_extensions": False,
            },
        )
        self._con = self._memory
        for mapping in spec.tables.values():
            self._load(mapping)
        for setting in ("enable_external_access = false", "lock_configuration = true"):
            self._memory.execute(f"SET {setting}")

    def release(self) -> None:
        """The tables live in this process's memory, not in a file a writer waits for: nothing to let go."""

    def close(self) -> None:
        """Drop the loaded tables."""
        self._memory.close()

    def _load(self, mapping: TableMapping) -> None:
        """One contract table from its file, SELECT or rows."""
        relation = file_relation(self.spec, mapping) if mapping.file else None
        select = mapping_select(self.spec, mapping, relation)
        try:
            self._memory.execute(f"CREATE TABLE {mapping.name} AS {select.sql(dialect='duckdb')}")
        except duckdb.Error as error:
            where = mapping.file or ("select" if mapping.select else "rows")
            raise ConnectorError(
                f"tables.{mapping.name} ({where}) could not be read: {_first_line(error)}",
                f"tables.{mapping.name} ({where}) ließ sich nicht lesen: {_first_line(error)}",
                "mapping",
            ) from error


def file_relation(spec: SourceSpec, mapping: TableMapping) -> exp.Expr:
    """read_csv(…) or read_parquet(…) of the mapping's file, with its reader options."""
    assert mapping.file is not None
    path = spec.resolve(mapping.file)
    if not path.exists():
        raise ConnectorError(
            f"tables.{mapping.name}: the file {path} does not exist.",
            f"tables.{mapping.name}: die Datei {path} gibt es nicht.",
            "missing",
        )
    kind = file_format(mapping)
    options = "".join(f", {key} = {_option(value)}" for key, value in mapping.options.items())
    text = f"{READERS[kind]}({exp.Literal.string(str(path)).sql()}{options})"
    return sqlglot.parse_one(f"SELECT * FROM {text}", read="duckdb").args["from_"].this


def file_format(mapping: TableMapping) -> str:
    """'csv' or 'parquet': as declared, else by the file's ending."""
    kind = (mapping.format or Path(mapping.file or "").suffix.lstrip(".")).lower()
    if kind not in READERS:
        raise ConnectorError(
            f"tables.{mapping.name}: give format: csv or parquet for {mapping.file}.",
            f"tables.{mapping.name}: bitte format: csv oder parquet für {mapping.file} angeben.",
            "mapping",
        )
    return kind


def _option(value: object) -> str:
    """A reader option as a DuckDB literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return exp.Literal.string(str(value)).sql()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
