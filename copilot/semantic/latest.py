"""The newest records of a kind, newest first: 'Wann war der letzte Stillstand an Linie 2?', 'the last 5 changeovers'."""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from .compile import MetricQuery, effective_filters
from .records import RECORDS, Record, record_of
from .sources import SOURCES

# What is shown of one record, per row source: its moment first, then what says which record it was.
SHOWN: dict[str, tuple[str, ...]] = {
    "downtime": ("ts", "record", "line", "station", "reason", "duration_s", "note"),
    "changeovers": ("ts", "record", "line", "from_product", "product", "duration_s", "standard_s"),
    "alarms": ("ts", "line", "station", "alarm", "duration_s"),
    "maintenance": ("ts", "line", "station", "mo_id", "kind", "status", "repair_s", "description", "end_ts"),
    "units": ("ts", "line", "product", "good", "defect", "cycle_time_s"),
    "orders": ("ts", "line", "order_id", "product", "planned_qty", "made", "status"),
}


def _timed_record(metric: str) -> Record | None:
    """The kind of record behind a measure, when its records have a moment of their own."""
    found = record_of(metric)
    record = RECORDS[found[0]] if found else None
    return record if record is not None and record.source in SHOWN else None


def has_latest(metric: str) -> bool:
    """Do the records behind this measure have a moment of their own (stops, alarms, orders, units)?"""
    return _timed_record(metric) is not None


def compile_latest(query: MetricQuery) -> exp.Select:
    """The newest (or, ordered 'asc', the oldest) `query.limit` records behind the query's measure, in its window and filters."""
    record = _timed_record(query.metric)
    if record is None:
        raise ValueError(f"{query.metric} has no records with a moment")
    source = SOURCES[record.source](effective_filters(query), query.window)
    select = sqlglot.select(*SHOWN[record.source], dialect="duckdb").from_(source.name, copy=False)
    for name, cte in source.ctes:
        select = select.with_(name, as_=cte, copy=False)
    if record.where:
        select = select.where(record.where, dialect="duckdb", copy=False)
    newest_first = query.order != "asc"  # 'asc': the oldest first ('welcher Auftrag ist am längsten offen?')
    select = select.order_by(
        "ts DESC" if newest_first else "ts", *SHOWN[record.source][1:3], dialect="duckdb", copy=False
    )
    return select.limit(query.limit or 1, copy=False)


def latest_sql(query: MetricQuery, dialect: str = "duckdb") -> str:
    """The latest-records query as SQL text."""
    return compile_latest(query).sql(dialect=dialect, pretty=True)
