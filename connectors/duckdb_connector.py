"""DuckDB connector: a read-only file, no external access, a time and a memory limit per query."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from .base import ConnectorError

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MEMORY_LIMIT = "2GB"


class DuckDBConnector:
    """Reads a DuckDB file that follows the data contract; it can never change the file."""

    dialect = "duckdb"

    def __init__(
        self,
        path: Path | str,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        memory_limit: str = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        self.path = Path(path)
        self.timeout_s = timeout_s
        self._con = open_read_only(self.path, memory_limit)
        self._now: datetime | None = None
        self._schema: dict[str, dict[str, str]] | None = None

    def schema(self) -> dict[str, dict[str, str]]:
        """{table: {column: type}} as the file has them."""
        if self._schema is None:
            rows = self.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
            )
            schema: dict[str, dict[str, str]] = {}
            for table, column, type_ in rows.itertuples(index=False):
                schema.setdefault(table, {})[column] = type_
            self._schema = schema
        return self._schema

    def prime_schema(self, schema: dict[str, dict[str, str]]) -> None:
        """Take the schema read earlier from this very file (a cache keyed by its size and time)."""
        self._schema = schema

    def execute(self, sql: str) -> pd.DataFrame:
        """Run one query with the time limit; engine errors become ConnectorError."""
        cursor = self._con.cursor()
        timer = threading.Timer(self.timeout_s, cursor.interrupt)
        timer.start()
        try:
            return cursor.execute(sql).df()
        except duckdb.InterruptException as exc:
            raise ConnectorError(
                f"The query took longer than {self.timeout_s:g} s and was stopped "
                "(time limit: COPILOT_QUERY_TIMEOUT_S).",
                f"Die Abfrage dauerte länger als {self.timeout_s:g} s und wurde abgebrochen "
                "(Zeitlimit: COPILOT_QUERY_TIMEOUT_S).",
                "timeout",
            ) from exc
        except duckdb.OutOfMemoryException as exc:
            raise ConnectorError(
                "The query needed more memory than allowed and was stopped.",
                "Die Abfrage brauchte mehr Speicher als erlaubt und wurde abgebrochen.",
                "memory",
            ) from exc
        except duckdb.Error as exc:
            raise ConnectorError(
                f"The database could not run the query: {_first_line(exc)}",
                f"Die Datenbank konnte die Abfrage nicht ausführen: {_first_line(exc)}",
                "engine",
            ) from exc
        finally:
            timer.cancel()
            cursor.close()

    def now(self) -> datetime:
        """`dataset_info.now` when the file has it, else the wall clock."""
        if self._now is None:
            try:
                rows = self.execute("SELECT value FROM dataset_info WHERE key = 'now'")
            except ConnectorError:
                rows = pd.DataFrame()
            self._now = datetime.fromisoformat(rows.iloc[0, 0]) if len(rows) else datetime.now()
        return self._now

    def close(self) -> None:
        """Close the file."""
        self._con.close()


def open_read_only(path: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """Open the file read-only with external access and extension loading switched off."""
    if not path.exists():
        raise ConnectorError(
            f"The database file {path.name} does not exist. Build the sample plant with "
            "'copilot sample-db' or point COPILOT_DB to your file.",
            f"Die Datenbankdatei {path.name} gibt es nicht. Erzeugen Sie das Beispielwerk mit "
            "'copilot sample-db' oder setzen Sie COPILOT_DB auf Ihre Datei.",
            "missing",
        )
    config: dict[str, str | bool | int | float | list[str]] = {
        "enable_external_access": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": memory_limit,
        "threads": 2,
        "lock_configuration": True,
    }
    try:
        return duckdb.connect(str(path), read_only=True, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise ConnectorError(
                f"The database file {path.name} is locked by another program that writes to it. "
                "Try again when it has finished.",
                f"Die Datenbankdatei {path.name} ist von einem schreibenden Programm gesperrt. "
                "Bitte erneut versuchen, wenn es fertig ist.",
                "locked",
            ) from exc
        raise _unreadable(path, exc) from exc
    except duckdb.Error as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: Exception) -> ConnectorError:
    return ConnectorError(
        f"The file {path.name} is not a readable DuckDB database ({_first_line(exc)}).",
        f"Die Datei {path.name} ist keine lesbare DuckDB-Datenbank ({_first_line(exc)}).",
        "corrupt",
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
