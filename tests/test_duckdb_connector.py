"""The DuckDB connector reads only, reaches nothing outside the file, and explains its errors."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from connectors.base import Connector, ConnectorError
from connectors.contract import contract_ddl
from connectors.duckdb_connector import DuckDBConnector


@pytest.fixture()
def small_db(tmp_path: Path) -> Path:
    """A contract database with one line and a 'now'."""
    path = tmp_path / "small.duckdb"
    con = duckdb.connect(str(path))
    con.execute(contract_ddl())
    con.execute("INSERT INTO dataset_info VALUES ('now', '2025-11-20T14:00:00')")
    con.execute("INSERT INTO lines VALUES ('L1', 1, 'Linie 1 – Druckguss', 'Gießerei', 72)")
    con.close()
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_is_a_connector_and_reads(small_db):
    db = DuckDBConnector(small_db)
    assert isinstance(db, Connector)
    assert db.dialect == "duckdb"
    assert db.execute("SELECT line_id FROM lines")["line_id"].tolist() == ["L1"]
    assert set(db.schema()) >= {"lines", "units", "energy_readings"}
    assert db.schema()["lines"]["takt_time_s"] == "DOUBLE"


def test_now_from_dataset_info_else_wall_clock(small_db, tmp_path):
    assert DuckDBConnector(small_db).now() == datetime(2025, 11, 20, 14, 0)
    live = tmp_path / "live.duckdb"
    con = duckdb.connect(str(live))
    con.execute(contract_ddl())
    con.close()
    before = datetime.now()
    assert DuckDBConnector(live).now() >= before


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE x (a INT)",  # DDL
        "INSERT INTO lines VALUES ('L9', 9, 'x', 'y', 1)",  # DML
        "DELETE FROM lines",  # DML
        "DROP TABLE lines",  # DDL
        "ATTACH 'other.duckdb' AS other",  # a second database
        "COPY lines TO 'lines.csv'",  # writing a file
        "SELECT * FROM read_csv('/etc/hostname')",  # reading a file
        "INSTALL httpfs",  # extensions
        "LOAD httpfs",  # extensions
        "SET memory_limit = '20GB'",  # configuration is locked
    ],
)
def test_engine_refuses_writes_files_and_settings_even_without_the_guard(small_db, statement):
    checksum = _sha256(small_db)
    db = DuckDBConnector(small_db)
    with pytest.raises(ConnectorError) as error:
        db.execute(statement)
    assert error.value.reason == "engine"
    assert error.value.text("de").startswith("Die Datenbank")
    db.close()
    assert _sha256(small_db) == checksum


def test_time_limit_interrupts_a_runaway_query(small_db):
    db = DuckDBConnector(small_db, timeout_s=0.3)
    started = time.perf_counter()
    with pytest.raises(ConnectorError) as error:
        db.execute("SELECT COUNT(*) FROM range(100000000) a, range(100000000) b")
    assert error.value.reason == "timeout"
    assert time.perf_counter() - started < 5
    assert "COPILOT_QUERY_TIMEOUT_S" in str(error.value)


def test_missing_file_is_explained(tmp_path):
    with pytest.raises(ConnectorError) as error:
        DuckDBConnector(tmp_path / "nowhere.duckdb")
    assert error.value.reason == "missing"
    assert "copilot sample-db" in error.value.text("en")
    assert "gibt es nicht" in error.value.text("de")


def test_corrupt_file_is_explained(tmp_path):
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"not a database" * 1000)
    with pytest.raises(ConnectorError) as error:
        DuckDBConnector(path)
    assert error.value.reason == "corrupt"


def test_released_it_lets_a_writer_in_and_reads_again_afterwards(small_db):
    db = DuckDBConnector(small_db)
    assert db.execute("SELECT COUNT(*) AS n FROM lines")["n"].tolist() == [1]
    db.release()
    writer = duckdb.connect(str(small_db))  # would fail with a lock error while the file is attached
    writer.execute("INSERT INTO lines VALUES ('L2', 2, 'Linie 2', 'Presswerk', 15)")
    writer.close()
    assert db.execute("SELECT COUNT(*) AS n FROM lines")["n"].tolist() == [2]  # attached again, current


def test_file_locked_by_a_writer_is_explained(small_db):
    holder = textwrap.dedent(
        f"""
        import duckdb, sys, time
        con = duckdb.connect({str(small_db)!r})
        print("locked", flush=True)
        time.sleep(30)
        """
    )
    writer = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
        with pytest.raises(ConnectorError) as error:
            DuckDBConnector(small_db)
        assert error.value.reason == "locked"
        assert "gesperrt" in error.value.text("de")
    finally:
        writer.kill()
        writer.wait()
