"""Which data the copilot reads: a source file (--source, COPILOT_SOURCE) or a DuckDB file (--db, COPILOT_DB)."""

from __future__ import annotations

from pathlib import Path

from connectors.base import Connector
from connectors.duckdb_connector import DuckDBConnector
from connectors.sources import open_source_file

from .config import database_path, limits, source_path


def open_data(source: Path | str | None = None, db: Path | str | None = None) -> Connector:
    """The connector: an explicit source file or DuckDB file first, then COPILOT_SOURCE, then COPILOT_DB."""
    caps = limits()
    if source:
        return open_source_file(source, limits=caps)
    if db:
        return DuckDBConnector(db, limits=caps)
    configured = source_path()
    if configured is not None:
        return open_source_file(configured, limits=caps)
    return DuckDBConnector(database_path(), limits=caps)


def describe(connector: Connector) -> str:
    """One line for the Settings page: the source's name and connector, or the DuckDB file."""
    spec = getattr(connector, "spec", None)
    if spec is not None:
        return str(spec.label())
    path = getattr(connector, "path", None)
    return f"DuckDB · {Path(str(path)).name}" if path is not None else connector.dialect
