"""Open the connector a source file names: the registry of connectors by kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .base import Connector, ConnectorError
from .limits import QueryLimits
from .source_file import SourceSpec, load_source


def _duckdb(spec: SourceSpec, limits: QueryLimits) -> Connector:
    from .duckdb_connector import DuckDBConnector

    path = spec.settings.get("path")
    if not path:
        raise ConnectorError(
            "connection.path: name the DuckDB file.",
            "connection.path: bitte die DuckDB-Datei angeben.",
            "source",
        )
    return DuckDBConnector(spec.resolve(str(path)), limits=limits)


def _files(spec: SourceSpec, limits: QueryLimits) -> Connector:
    from .files_connector import FilesConnector

    return FilesConnector(spec, limits=limits)


def _postgresql(spec: SourceSpec, limits: QueryLimits) -> Connector:
    from .postgres_connector import PostgresConnector

    return PostgresConnector(spec, timeout_s=limits.timeout_s)


def _spark(spec: SourceSpec, limits: QueryLimits) -> Connector:
    from .spark_connector import SparkConnector

    return SparkConnector(spec, timeout_s=max(limits.timeout_s, 30.0))


REGISTRY: dict[str, Callable[[SourceSpec, QueryLimits], Connector]] = {
    "duckdb": _duckdb,
    "files": _files,
    "postgresql": _postgresql,
    "spark": _spark,
}


def open_source(
    spec: SourceSpec, timeout_s: float | None = None, limits: QueryLimits | None = None
) -> Connector:
    """The connector for a parsed source file, with the limits (and a time limit given alone, if any)."""
    chosen = limits or QueryLimits()
    return REGISTRY[spec.connector](spec, chosen if timeout_s is None else chosen.with_timeout(timeout_s))


def open_source_file(
    path: Path | str, timeout_s: float | None = None, limits: QueryLimits | None = None
) -> Connector:
    """Read a source file and open its connector."""
    return open_source(load_source(path), timeout_s, limits)
