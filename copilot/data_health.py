"""How fresh and how sound the plant's data is: rows and latest entry per table, and quality findings."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from connectors.base import Connector

from .compose.context import Ctx
from .compose.quality import data_warnings
from .entities import EntityCatalog
from .plan import Plan
from .runner import QueryRunner
from .semantic.catalog import METRIC_BY_KEY
from .semantic.filters import Filters
from .timeframes import TimeWindow

TIMESTAMPS = {  # the column that says how recent a table's rows are
    "units": "ts",
    "downtime_events": "end_ts",
    "alarms": "ts",
    "energy_readings": "ts",
    "changeovers": "end_ts",
    "production_orders": "planned_start_ts",
    "maintenance_orders": "created_ts",
    "shift_calendar": "end_ts",
}


def freshness(connector: Connector) -> pd.DataFrame:
    """One row per table with a time column: how many rows, the first and the latest entry."""
    present = set(connector.schema())  # a partial source lists the tables it has
    parts = [
        f"SELECT '{table}' AS table_name, COUNT(*) AS row_count, MIN({column}) AS first_entry, "
        f"MAX({column}) AS latest_entry FROM {table}"
        for table, column in TIMESTAMPS.items()
        if table in present
    ]
    return connector.execute(" UNION ALL ".join(parts) + " ORDER BY table_name")


def findings(connector: Connector, catalog: EntityCatalog, now: datetime, language: str) -> list[str]:
    """Meter gaps and stops without a station over the whole data set, in the user's language."""
    if not {"shift_calendar", "energy_readings", "downtime_events"} <= set(connector.schema()):
        return []  # the data set's span comes from the shift calendar; a partial source has no findings here
    first, last = connector.execute("SELECT MIN(start_ts), MAX(end_ts) FROM shift_calendar").iloc[0]
    window = TimeWindow(
        first.to_pydatetime(), min(last.to_pydatetime(), now), "Datenbestand", "data set", "range"
    )
    plan = Plan("value", language, metrics=("energy",), periods=(window,))
    ctx = Ctx.start(plan, "data health", QueryRunner(connector), catalog, "coach", now)
    data_warnings(ctx, METRIC_BY_KEY["energy"], Filters(), window)
    data_warnings(ctx, METRIC_BY_KEY["downtime"], Filters(), window, dimension="station")
    return ctx.answer.warnings
