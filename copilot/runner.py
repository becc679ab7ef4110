"""Runs metric queries through the SQL guard and the connector, keeping the evidence."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from connectors.base import Connector

from .answer import Evidence
from .semantic.compile import MetricQuery, to_sql
from .sql_guard import DEFAULT_MAX_ROWS, guard_sql

EVIDENCE_ROWS = 200


@dataclass
class QueryRunner:
    """Every statement goes through the guard; every result is kept as evidence."""

    connector: Connector
    evidence: list[Evidence] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)  # purposes whose rows reached the row cap

    def metric(self, query: MetricQuery, purpose: str) -> pd.DataFrame:
        """Run a metric query."""
        return self.sql(to_sql(query, dialect="duckdb"), purpose)

    def sql(self, sql: str, purpose: str, max_rows: int = DEFAULT_MAX_ROWS) -> pd.DataFrame:
        """Run one statement after the guard has accepted it; a result that fills the row cap is noted."""
        guarded = guard_sql(sql, dialect=self.connector.dialect, max_rows=max_rows)
        frame = self.connector.execute(guarded.sql)
        if guarded.limit == max_rows and len(frame) >= max_rows:  # not the statement's own smaller LIMIT
            self.cut.append(purpose)
        self.evidence.append(
            Evidence(
                purpose=purpose,
                sql=guarded.sql,
                columns=[str(c) for c in frame.columns],
                rows=[[_plain(v) for v in row] for row in frame.head(EVIDENCE_ROWS).itertuples(index=False)],
                row_count=len(frame),
            )
        )
        return frame


def _plain(value: Any) -> Any:
    """A JSON-ready cell: numbers, strings, ISO dates, None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):
        return _plain(value.item())
    if isinstance(value, float):
        return round(value, 6)
    return value
