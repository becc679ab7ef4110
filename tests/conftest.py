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
def answers_in_their_own_process() -> Iterator[None]:
    """`copilot ask` in a test answers in its own process and leaves no resident copilot behind, unless the
    test starts one (tests/test_resident.py checks the resident that `copilot ask` leaves by default)."""
    previous = os.environ.get("COPILOT_AUTO_RESIDENT_MIN")
    os.environ["COPILOT_AUTO_RESIDENT_MIN"] = "0"
    yield
    if previous is None:
        os.environ.pop("COPILOT_AUTO_RESIDENT_MIN", None)
    else:
        os.environ["COPILOT_AUTO_RESIDENT_MIN"] = previous


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


@pytest.fixture(scope="module")
def plant(sample_db: Path) -> Iterator[tuple[Any, Any]]:
    """The sample plant through the product's DuckDB connector, with its entity catalogue."""
    from connectors.duckdb_connector import DuckDBConnector
    from copilot.entities import EntityCatalog

    connector = DuckDBConnector(sample_db)
    yield connector, EntityCatalog.from_connector(connector)
    connector.close()


@pytest.fixture(scope="session")
def one(con: duckdb.DuckDBPyConnection) -> Callable[..., Any]:
    """Run a query that returns a single value."""

    def scalar(sql: str, *params: object) -> Any:
        row = con.execute(sql, list(params)).fetchone()
        assert row is not None, sql
        return row[0]

    return scalar


# ----- other engines: a throw-away PostgreSQL cluster, Parquet files, one local Spark application ----------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    """A PostgreSQL server of its own on a free localhost port, removed after the run."""
    from pg_server import ThrowawayPostgres

    server = ThrowawayPostgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def plant_tables(sample_db: Path) -> list[str]:
    """The contract tables of the sample plant."""
    from plant_exports import present_tables

    return present_tables(sample_db)


@pytest.fixture(scope="session")
def postgres_source(
    postgres_server: Any, sample_db: Path, plant_tables: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The sample plant in PostgreSQL under the plant's own table names, and its source file."""
    from plant_exports import postgres_source, to_postgres

    to_postgres(sample_db, postgres_server.dsn)
    os.environ["COPILOT_TEST_PG_URL"] = postgres_server.dsn
    return postgres_source(tmp_path_factory.mktemp("pg"), plant_tables, "COPILOT_TEST_PG_URL")


@pytest.fixture(scope="session")
def parquet_folder(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plant as one Parquet file per table."""
    from plant_exports import to_parquet

    folder = tmp_path_factory.mktemp("parquet")
    to_parquet(sample_db, folder)
    return folder


@pytest.fixture(scope="session")
def spark_session() -> Any:
    """One local[2] Spark application for the whole run; each connector takes a session of its own."""
    from connectors.spark_connector import spark_session as start

    return start({"master": "local[2]"})


@pytest.fixture(scope="module")
def store_app(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free loopback port with a store of its own: one server for the module that asks."""
    from app_browser import served

    folder = tmp_path_factory.mktemp("app")
    with served({"COPILOT_DB": str(sample_db), "COPILOT_STORE": str(folder / "store.sqlite")}) as url:
        yield url


@pytest.fixture(scope="module")
def headless(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with a fresh profile, for the module that asks."""
    from app_browser import chromium

    with chromium(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context
