"""PostgreSQL connector (psycopg 3): every statement in a read-only transaction with a time and a row limit.

The plant's tables stay as they are: a contract table that the source file maps is written into each
statement as a derived table, so the copilot needs nothing but SELECT rights (docs/sources.md).
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pandas as pd
import sqlglot

from .base import ConnectorError
from .clock import plant_time
from .contract import contract_schema
from .frames import frame_of
from .mapping import inline_mappings, mapping_select
from .source_file import SourceSpec

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_ROW_LIMIT = 100_000


class PostgresConnector:
    """Reads contract tables from a PostgreSQL database through the source file's mapping."""

    dialect = "postgres"

    def __init__(
        self, spec: SourceSpec, timeout_s: float = DEFAULT_TIMEOUT_S, row_limit: int = DEFAULT_ROW_LIMIT
    ) -> None:
        self.spec = spec
        self.timeout_s = timeout_s
        self.row_limit = row_limit
        self._lock = threading.Lock()
        # every table, even one named as in the contract, is read through its mapping: a plant column
        # outside the contract (a person's name, say) never reaches `SELECT *`
        self._selects = {name: mapping_select(spec, mapping) for name, mapping in spec.tables.items()}
        self._con = _connect(spec)
        self._now: datetime | None = None

    def schema(self) -> dict[str, dict[str, str]]:
        """{table: {column: type}} of the contract tables the source file maps."""
        contract = contract_schema()
        return {name: dict(contract[name]) for name in self.spec.tables}

    def execute(self, sql: str) -> pd.DataFrame:
        """Run one query read-only, within the time limit, returning at most the row limit."""
        text = self._mapped(sql)
        with self._lock:
            try:
                return self._run(text)
            except ConnectorError:
                raise
            except Exception as error:  # psycopg raises many classes; every one is the engine's
                raise _engine_error(error) from error

    def now(self) -> datetime:
        """`dataset_info.now` when the source maps it, else the wall clock."""
        if self._now is None:
            rows = pd.DataFrame()
            if "dataset_info" in self.spec.tables:
                rows = self.execute("SELECT value FROM dataset_info WHERE key = 'now'")
            self._now = plant_time(rows.iloc[0, 0], self.spec.name) if len(rows) else datetime.now()
        return self._now

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def _mapped(self, sql: str) -> str:
        """The statement with each mapped table written in as its mapping."""
        tree = sqlglot.parse_one(sql, read="postgres")
        return inline_mappings(tree, self._selects).sql(dialect="postgres")

    def _run(self, sql: str) -> pd.DataFrame:
        """One read-only transaction (the connection opens every one READ ONLY), always rolled back."""
        import psycopg

        schema = self.spec.settings.get("schema")
        try:
            with self._con.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(self.timeout_s * 1000)}")
                if schema:
                    cursor.execute(
                        psycopg.sql.SQL("SET LOCAL search_path TO {}").format(psycopg.sql.Identifier(schema))
                    )
                cursor.execute(sql)
                rows = cursor.fetchmany(self.row_limit + 1)
                columns = [c.name for c in cursor.description or ()]
        except psycopg.errors.QueryCanceled as error:
            raise ConnectorError(
                f"The query took longer than {self.timeout_s:g} s and was stopped "
                "(time limit: COPILOT_QUERY_TIMEOUT_S).",
                f"Die Abfrage dauerte länger als {self.timeout_s:g} s und wurde abgebrochen "
                "(Zeitlimit: COPILOT_QUERY_TIMEOUT_S).",
                "timeout",
            ) from error
        finally:
            self._con.rollback()
        if len(rows) > self.row_limit:
            raise ConnectorError(
                f"The query returned more than {self.row_limit} rows; ask for a shorter period or fewer lines.",
                f"Die Abfrage lieferte mehr als {self.row_limit} Zeilen; bitte einen kürzeren Zeitraum "
                "oder weniger Linien wählen.",
                "rows",
            )
        return frame_of(rows, columns)


def _connect(spec: SourceSpec) -> Any:
    """A connection from the DSN in the environment variable the source file names."""
    import psycopg

    variable = spec.settings.get("url_env", "COPILOT_PG_URL")
    dsn = spec.secret("url_env") if "url_env" in spec.settings else None
    if not dsn:
        raise ConnectorError(
            f"Set the environment variable {variable} to the PostgreSQL connection string "
            "(postgresql://user@host:5432/db; the password in PGPASSWORD or ~/.pgpass).",
            f"Bitte die Umgebungsvariable {variable} auf die PostgreSQL-Verbindung setzen "
            "(postgresql://user@host:5432/db; das Passwort in PGPASSWORD oder ~/.pgpass).",
            "missing",
        )
    try:
        con = psycopg.connect(dsn, autocommit=False, connect_timeout=10, application_name="shopfloor-copilot")
    except psycopg.Error as error:
        raise ConnectorError(
            f"The PostgreSQL server could not be reached ({_first_line(error)}); check {variable}.",
            f"Der PostgreSQL-Server ist nicht erreichbar ({_first_line(error)}); bitte {variable} prüfen.",
            "unreachable",
        ) from error
    con.read_only = True
    return con


def _engine_error(error: Exception) -> ConnectorError:
    return ConnectorError(
        f"The database could not run the query: {_first_line(error)}",
        f"Die Datenbank konnte die Abfrage nicht ausführen: {_first_line(error)}",
        "engine",
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
