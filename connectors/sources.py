"""Open the connector a source file names: the registry of connectors by kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .base import Connector, ConnectorError
from .source_file import SourceSpec, load_source


def _duckdb(spec: SourceSpec, timeout_s: float) -> Connector:
    from .duckdb_connector import DuckDBConnector

    path = spec.settings.get("path")
    if not path:
        raise ConnectorError(
            "connection.path: name the DuckDB file.",
            "connection.path: bitte die DuckDB-Datei angeben.",
            "source",
        )
    return DuckDBConnector(spec.resolve(str(path)), timeout_s=timeout_s)


def _files(spec: SourceSpec, timeout_s: float) -> Connector:
    from .files_connector import FilesConnector

    return FilesConnector(spec, timeout_s=timeout_s)


def _postgresql(spec: SourceSpec, timeout_s: float) -> Connector:
    from .postgres_connector import PostgresConnector

    return PostgresConnector(spec, timeout_s=timeout_s)


def _spark(spec: SourceSpec, timeout_s: float) -> Connector:
    from .spark_connector import SparkConnector

    return SparkConnector(spec, timeout_s=max(timeout_s, 30.0))


REGISTRY: dict[str, Callable[[SourceSpec, float], Connector]] = {
    "duckdb": _duckdb,
    "files": _files,
    "postgresql": _postgresql,
    "spark": _spark,
}


def open_source(spec: SourceSpec, timeout_s: float = 10.0) -> Connector:
    """The connector for a parsed source file."""
    return REGISTRY[spec.connector](spec, timeout_s)


def open_source_file(path: Path | str, timeout_s: float = 10.0) -> Connector:
    """Read a source file and open its connector."""
    return open_source(load_source(path), timeout_s)
