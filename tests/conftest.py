"""Shared fixtures: the sample plant database, opened read-only."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from connectors.duckdb_connector import open_read_only
from connectors.sample_plant import build_sample_db
from copilot.config import SAMPLE_DB


@pytest.fixture(scope="session", autouse=True)
def application_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests write audit entries and drafts into a store of their own, never the project's."""
    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    previous = os.environ.get("COPILOT_STORE")
    os.environ["COPILOT_STORE"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("COPILOT_STORE", None)
    else:
        os.environ["COPILOT_STORE"] = previous


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plant file: the one `make` built, or a fresh one for this run."""
    path = Path(os.environ.get("COPILOT_TEST_DB", SAMPLE_DB))
    if not path.exists():
        path = build_sample_db(tmp_path_factory.mktemp("plant") / "sample_mes.duckdb")
    return path


@pytest.fixture(scope="session")
def con(sample_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the sample plant, configured as the product opens it."""
    connection = open_read_only(sample_db)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def one(con: duckdb.DuckDBPyConnection) -> Callable[..., Any]:
    """Run a query that returns a single value."""

    def scalar(sql: str, *params: object) -> Any:
        row = con.execute(sql, list(params)).fetchone()
        assert row is not None, sql
        return row[0]

    return scalar
