"""The data set's present moment: `dataset_info.now` as a plain plant timestamp, or a clear refusal."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .base import ConnectorError

YEARS = (1900, 2200)  # a plant's clock inside these years; others are typing errors


def plant_time(value: object, where: str = "", what: str = "dataset_info.now") -> datetime:
    """A moment as a plain plant timestamp: an offset is dropped (the clock as written); garbage is refused."""
    where = f"{where}: " if where else ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
    except ValueError as exc:
        shown = str(value)[:40]
        raise ConnectorError(
            f"{where}{what} is {shown!r}, not a timestamp; write it as 2025-11-20T14:00:00.",
            f"{where}{what} ist {shown!r}, kein Zeitpunkt; bitte als 2025-11-20T14:00:00 angeben.",
            "data",
        ) from exc
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ConnectorError(
            f"{where}{what} {moment:%Y-%m-%d} lies outside the years {YEARS[0]} to {YEARS[1]}.",
            f"{where}{what} {moment:%Y-%m-%d} liegt außerhalb der Jahre {YEARS[0]} bis {YEARS[1]}.",
            "data",
        )
    return moment.replace(tzinfo=None)


def plant_zone(connector: Any) -> ZoneInfo | None:
    """The plant's time zone from `dataset_info.timezone`; None where it is missing or not a zone name."""
    try:
        rows = connector.execute("SELECT value FROM dataset_info WHERE key = 'timezone'")
        return ZoneInfo(str(rows.iloc[0, 0]).strip()) if len(rows) else None
    except (ConnectorError, ZoneInfoNotFoundError, ValueError):
        return None


def moment_in_plant(value: str, zone: ZoneInfo | None, what: str = "--now") -> datetime:
    """A moment typed by a user as plant time: one with an offset ('…T13:00+00:00') is converted to the
    plant's zone, one without is plant time already."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is not None and zone is not None:
        moment = moment.astimezone(zone)
    return plant_time(moment, what=what)
