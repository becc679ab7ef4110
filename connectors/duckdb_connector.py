"""DuckDB connector: a read-only file, no external access, a time, memory and result-size limit per query."""

from __future__ import annotations

import shutil
import tempfile
import threading
import weakref
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from .base import ConnectorError
from .clock import plant_time
from .contract import contract_schema
from .limits import QueryLimits

DEFAULT_TIMEOUT_S = QueryLimits().timeout_s
DEFAULT_MEMORY_LIMIT = QueryLimits().memory_limit
FILE_CATALOG = "plant_file"  # the attached file; queries read the contract views in memory.main
VECTORS_PER_CHUNK = 1  # 2,048 rows per fetched chunk, so the result cap is checked early


class DuckDBConnector:
    """Reads a DuckDB file that follows the data contract; it can never change the file."""

    dialect = "duckdb"

    def __init__(
        self, path: Path | str, timeout_s: float | None = None, limits: QueryLimits | None = None
    ) -> None:
        self.path = Path(path)
        self.limits = chosen_limits(limits, timeout_s)
        self.timeout_s = self.limits.timeout_s
        self._views = contract_views(self.path, self.limits)
        weakref.finalize(self, shutil.rmtree, self._views.parent, True)
        self._con: duckdb.DuckDBPyConnection | None = attach(self._views, self.path, self.limits)
        self._closed = False
        self._now: datetime | None = None
        self._schema: dict[str, dict[str, str]] | None = None

    def schema(self) -> dict[str, dict[str, str]]:
        """{table: {column: type}} as the file has them."""
        if self._schema is None:
            rows = self.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                f"WHERE table_catalog <> '{FILE_CATALOG}' AND table_schema = 'main' "
                "ORDER BY table_name, ordinal_position"
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
        """Run one query with the time limit and the result cap; engine errors become ConnectorError."""
        if self._closed:  # as DuckDB's own closed connection fails
            raise duckdb.ConnectionException("Connection already closed!")
        if self._con is None:  # released between questions: the file is attached again
            self._con = attach(self._views, self.path, self.limits)
        cursor = self._con.cursor()
        timer = threading.Timer(self.timeout_s, cursor.interrupt)
        timer.start()
        try:
            cursor.execute(sql)
            return _fetch_capped(cursor, self.limits.result_bytes, timer)
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
            self._now = plant_time(rows.iloc[0, 0], self.path.name) if len(rows) else datetime.now()
        return self._now

    def close(self) -> None:
        """Close the file for good: later queries fail."""
        self.release()
        self._closed = True

    def release(self) -> None:
        """Let go of the file until the next query, so that a program writing to it is not locked out."""
        if self._con is not None:
            self._con.close()
            self._con = None


def chosen_limits(limits: QueryLimits | None, timeout_s: float | None) -> QueryLimits:
    """The limits given, with a time limit given alone taking precedence."""
    chosen = limits or QueryLimits()
    return chosen if timeout_s is None else chosen.with_timeout(timeout_s)


def _fetch_capped(cursor: duckdb.DuckDBPyConnection, cap: int, timer: threading.Timer) -> pd.DataFrame:
    """The result chunk by chunk, refused as soon as it holds more bytes than the cap or the time is up."""
    chunks: list[pd.DataFrame] = []
    size = 0
    while True:
        chunk = cursor.fetch_df_chunk(VECTORS_PER_CHUNK)
        if timer.finished.is_set():
            raise duckdb.InterruptException("time limit reached while fetching")
        if len(chunk) == 0:
            break
        size += int(chunk.memory_usage(index=False, deep=True).sum())
        if size > cap:
            raise ConnectorError(
                f"The result is larger than {cap // (1024 * 1024)} MB and was stopped "
                "(result limit: COPILOT_MAX_RESULT_MB); ask for fewer rows or columns.",
                f"Das Ergebnis ist größer als {cap // (1024 * 1024)} MB und wurde abgebrochen "
                "(Ergebnisgrenze: COPILOT_MAX_RESULT_MB); bitte nach weniger Zeilen oder Spalten fragen.",
                "too_large",
            )
        chunks.append(chunk)
    if not chunks:
        return chunk
    return chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)


def open_read_only(path: Path, limits: QueryLimits | None = None) -> duckdb.DuckDBPyConnection:
    """Attach the file read-only behind views of the contract's columns; external access and extensions off.

    Queries name the views, never the file's tables, so a column or table the plant keeps beyond the
    contract (an operator's name, a personnel table) cannot come out through *, COLUMNS() or PIVOT.
    """
    views = contract_views(path, limits)
    con = attach(views, path, limits)
    weakref.finalize(con, shutil.rmtree, views.parent, True)
    return con


def _config(limits: QueryLimits | None) -> dict[str, str | bool | int | float | list[str]]:
    """Extensions off, and the memory and thread limits."""
    caps = limits or QueryLimits()
    return {
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": caps.memory_limit,
        "threads": caps.threads,
    }


def contract_views(path: Path, limits: QueryLimits | None = None) -> Path:
    """A small database of the contract views over the file, in a folder of its own that the caller removes."""
    if not path.exists():
        raise ConnectorError(
            f"The database file {path.name} does not exist. Build the sample plant with "
            "'copilot sample-db' or point COPILOT_DB to your file.",
            f"Die Datenbankdatei {path.name} gibt es nicht. Erzeugen Sie das Beispielwerk mit "
            "'copilot sample-db' oder setzen Sie COPILOT_DB auf Ihre Datei.",
            "missing",
        )
    try:
        return _views_file(path, _config(limits))
    except duckdb.Error as exc:
        raise _not_opened(path, exc) from exc


def attach(views: Path, path: Path, limits: QueryLimits | None = None) -> duckdb.DuckDBPyConnection:
    """The views opened read-only with the file attached read-only; external access off and locked."""
    try:
        con = duckdb.connect(str(views), read_only=True, config=_config(limits))
        con.execute(f"ATTACH '{_quoted(path)}' AS {FILE_CATALOG} (READ_ONLY)")
        for setting in ("enable_external_access = false", "lock_configuration = true"):
            con.execute(f"SET {setting}")
    except duckdb.Error as exc:
        raise _not_opened(path, exc) from exc
    return con


def _not_opened(path: Path, exc: duckdb.Error) -> ConnectorError:
    """DuckDB's error while opening the file as the user's message: locked by a writer, or unreadable."""
    if isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower():
        return ConnectorError(
            f"The database file {path.name} is locked by another program that writes to it. "
            "Try again when it has finished.",
            f"Die Datenbankdatei {path.name} ist von einem schreibenden Programm gesperrt. "
            "Bitte erneut versuchen, wenn es fertig ist.",
            "locked",
        )
    return _unreadable(path, exc)


def _views_file(path: Path, config: dict[str, str | bool | int | float | list[str]]) -> Path:
    """A small database of its own holding the contract views over the attached file; opened read-only after."""
    views = Path(tempfile.mkdtemp(prefix="copilot-views-")) / "views.duckdb"
    writer = duckdb.connect(str(views), config=config)
    try:
        writer.execute(f"ATTACH '{_quoted(path)}' AS {FILE_CATALOG} (READ_ONLY)")
        writer.execute("BEGIN TRANSACTION")
        _contract_views(writer)
        writer.execute("COMMIT")
        writer.execute(f"DETACH {FILE_CATALOG}")
    except duckdb.Error:
        writer.close()
        shutil.rmtree(views.parent, ignore_errors=True)
        raise
    writer.close()
    return views


def _contract_views(con: duckdb.DuckDBPyConnection) -> None:
    """One view per contract table the file has, with the contract's columns the file has, in contract order."""
    found: dict[str, set[str]] = {}
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        f"WHERE table_catalog = '{FILE_CATALOG}' AND table_schema = 'main'"
    ).fetchall()
    for table, column in rows:
        found.setdefault(str(table).casefold(), set()).add(str(column).casefold())
    for table, columns in contract_schema().items():
        present = [c for c in columns if c.casefold() in found.get(table.casefold(), set())]
        if present:
            names = ", ".join(f'"{c}"' for c in present)
            con.execute(f'CREATE VIEW "{table}" AS SELECT {names} FROM {FILE_CATALOG}.main."{table}"')


def _quoted(path: Path) -> str:
    """A path inside a single-quoted SQL string."""
    return str(path.resolve()).replace("'", "''")


def _unreadable(path: Path, exc: Exception) -> ConnectorError:
    return ConnectorError(
        f"The file {path.name} is not a readable DuckDB database ({_first_line(exc)}).",
        f"Die Datei {path.name} ist keine lesbare DuckDB-Datenbank ({_first_line(exc)}).",
        "corrupt",
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
