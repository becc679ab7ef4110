"""Taking an observation: find its place and time, link the data around it, and save it in the store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..entities import EntityCatalog
from .links import link_observation, link_record
from .store import GembaStore, Observation


def observe(
    connector: Any, catalog: EntityCatalog, store: GembaStore, text: str, now: datetime, role: str = "coach",
    language: str = "de", line: str | None = None, station: str | None = None, walk_id: str | None = None,
    photo: bytes | None = None, photo_suffix: str = ".jpg",
) -> Observation:  # fmt: skip
    """Link the note to the data around it and save it (with its photo) as one observation."""
    found = link_observation(connector, catalog, text, now, line, station)
    note = Observation(
        text=text.strip(),
        ts=now,
        role=role,
        language=language,
        line=found.place.line,
        station=found.place.station,
        walk_id=walk_id,
        link=link_record(found),
    )
    return store.add(note, photo, photo_suffix)
