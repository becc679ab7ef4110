"""Spark SQL connector (pyspark): contract tables as temporary views over the plant's tables or files.

Local mode (`local[2]`) for tests and a laptop; a cluster through `master:` (a master URL) or Spark
Connect through `remote_env:` (an environment variable holding `sc://host:15002`), see docs/sources.md.
Views live in a session of their own, so several sources can share one Spark application.
"""

from __future__ import annotations

import threading
import uuid
from datetime import datetime
from typing import Any

import pandas as pd
from sqlglot import exp

from .base import ConnectorError
from .clock import plant_time
from .contract import contract_schema
from .frames import normalise
from .mapping import mapping_select
from .source_file import SourceSpec, TableMapping

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_ROW_LIMIT = 100_000
SESSION_CONFIG = {
    "spark.sql.session.timeZone": "UTC",  # contract times are wall-clock: no zone shifts anywhere
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
}
LOCAL_CONFIG = {  # one machine: few partitions, no re-planning, the driver on localhost only
    "spark.sql.shuffle.partitions": "2",
    "spark.sql.adaptive.enabled": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}
_BASE: dict[str, Any] = {}  # one Spark application per process and master
_LOCK = threading.Lock()


class SparkConnector:
    """Reads contract tables through Spark SQL; each mapped table is a temporary view."""

    dialect = "spark"

    def __init__(
        self,
        spec: SourceSpec,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        row_limit: int = DEFAULT_ROW_LIMIT,
        session: Any = None,
    ) -> None:
        self.spec = spec
        self.timeout_s = timeout_s
        self.row_limit = row_limit
        self.spark = (session or spark_session(spec.settings)).newSession()
        for name, value in session_config(spec.settings).items():
            if name.startswith("spark.sql."):  # a new session starts from the defaults, not the builder's
                self.spark.conf.set(name, value)
        self._now: datetime | None = None
        for mapping in spec.tables.values():
            self._view(mapping)

    def schema(self) -> dict[str, dict[str, str]]:
        """{table: {column: type}} of the contract tables the source file maps."""
        contract = contract_schema()
        return {name: dict(contract[name]) for name in self.spec.tables}

    def execute(self, sql: str) -> pd.DataFrame:
        """Run one query within the time limit, returning at most the row limit."""
        tag = f"copilot-{uuid.uuid4().hex[:12]}"
        self.spark.addTag(tag)
        timer = threading.Timer(self.timeout_s, self.spark.interruptTag, args=(tag,))
        timer.start()
        try:
            frame = self.spark.sql(sql).toPandas()  # the guard has put a LIMIT on it
        except Exception as error:  # pyspark raises its own classes, and py4j's
            raise _engine_error(error, timer.finished.is_set(), self.timeout_s) from error
        finally:
            timer.cancel()
            self.spark.removeTag(tag)
        if len(frame) > self.row_limit:
            raise ConnectorError(
                f"The query returned more than {self.row_limit} rows; ask for a shorter period or fewer lines.",
                f"Die Abfrage lieferte mehr als {self.row_limit} Zeilen; bitte einen kürzeren Zeitraum "
                "oder weniger Linien wählen.",
                "rows",
            )
        return normalise(frame)

    def now(self) -> datetime:
        """`dataset_info.now` when the source maps it, else the wall clock."""
        if self._now is None:
            rows = pd.DataFrame()
            if "dataset_info" in self.spec.tables:
                rows = self.execute("SELECT value FROM dataset_info WHERE key = 'now'")
            self._now = plant_time(rows.iloc[0, 0], self.spec.name) if len(rows) else datetime.now()
        return self._now

    def close(self) -> None:
        """Drop this source's views; the Spark application stays for others."""
        for name in self.spec.tables:
            self.spark.catalog.dropTempView(name)

    def _view(self, mapping: TableMapping) -> None:
        """A temporary view for one contract table; cached in memory when the source file asks for it."""
        try:
            relation = self._file_view(mapping) if mapping.file else None
            select = mapping_select(self.spec, mapping, relation).sql(dialect="spark")
            self.spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW {mapping.name} AS {select}")
            if self.spec.settings.get("cache"):
                self.spark.catalog.cacheTable(mapping.name)
        except Exception as error:
            raise ConnectorError(
                f"tables.{mapping.name} could not be read by Spark: {_first_line(error)}",
                f"tables.{mapping.name} ließ sich mit Spark nicht lesen: {_first_line(error)}",
                "mapping",
            ) from error

    def _file_view(self, mapping: TableMapping) -> exp.Expr:
        """The mapping's file (or folder of files) read once into a view of its own, its schema resolved."""
        assert mapping.file is not None
        path = str(self.spec.resolve(mapping.file)) if "://" not in mapping.file else mapping.file
        kind = (mapping.format or path.rstrip("/").rsplit(".", 1)[-1]).lower()
        name = f"copilot_file_{mapping.name}"
        reader = self.spark.read.format(kind)
        for key, value in mapping.options.items():
            reader = reader.option(key, value)
        reader.load(path).createOrReplaceTempView(name)
        return exp.to_table(name)


def session_config(settings: dict[str, Any]) -> dict[str, str]:
    """The Spark settings: ours, the local-mode ones for a local master, then the source file's config:."""
    local = (
        LOCAL_CONFIG
        if not settings.get("remote_env") and str(settings.get("master", "local")).startswith("local")
        else {}
    )
    return {
        name: str(value)
        for name, value in {**SESSION_CONFIG, **local, **(settings.get("config") or {})}.items()
    }


def spark_session(settings: dict[str, Any]) -> Any:
    """The process's Spark application for the source's master (local[2] by default) or Spark Connect URL."""
    import os

    from pyspark.sql import SparkSession

    remote = os.environ.get(str(settings["remote_env"])) if settings.get("remote_env") else None
    key = remote or str(settings.get("master", "local[2]"))
    with _LOCK:
        if key not in _BASE:
            builder = SparkSession.builder.appName("shopfloor-copilot")
            builder = builder.remote(remote) if remote else builder.master(key)
            for name, value in session_config(settings).items():
                builder = builder.config(name, str(value))
            _BASE[key] = builder.getOrCreate()
            if not remote:
                _BASE[key].sparkContext.setLogLevel("ERROR")
        return _BASE[key]


def _engine_error(error: Exception, timed_out: bool, timeout_s: float) -> ConnectorError:
    if timed_out:
        return ConnectorError(
            f"The query took longer than {timeout_s:g} s and was stopped (time limit: COPILOT_QUERY_TIMEOUT_S).",
            f"Die Abfrage dauerte länger als {timeout_s:g} s und wurde abgebrochen (Zeitlimit: COPILOT_QUERY_TIMEOUT_S).",
            "timeout",
        )
    return ConnectorError(
        f"Spark could not run the query: {_first_line(error)}",
        f"Spark konnte die Abfrage nicht ausführen: {_first_line(error)}",
        "engine",
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
