"""Gemba walks and observations in the application store (SQLite, WAL), never the plant's database.

A photo is kept as a file next to the store (`gemba_photos/`), named by the observation; the row
keeps its file name. Each save is one transaction.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config import store_path
from ..plain_error import PlainError
from ..store.audit import open_store

SCHEMA = """
CREATE TABLE IF NOT EXISTS gemba_walks (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    role TEXT NOT NULL,
    started TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gemba_notes (
    id TEXT PRIMARY KEY,
    walk_id TEXT REFERENCES gemba_walks(id),
    ts TEXT NOT NULL,
    saved TEXT NOT NULL,
    line TEXT,
    station TEXT,
    role TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    photo TEXT,
    link TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS gemba_notes_line_ts ON gemba_notes (line, ts);
"""
PHOTO_DIR = "gemba_photos"


class GembaError(PlainError):
    """A note or walk that cannot be saved or found, with its message in German and English."""


@dataclass
class Observation:
    """One note from the shop floor with where, when, who (a role) and the data linked to it."""

    text: str
    ts: datetime  # plant time of the observation
    role: str
    language: str
    line: str | None = None
    station: str | None = None
    walk_id: str | None = None
    photo: str | None = None  # file name under the store's photo folder
    link: dict[str, Any] = field(default_factory=dict)  # the linked card: window, findings, queries
    id: str = ""
    saved: str = ""

    def card(self, language: str) -> str:
        """The one-card answer of the linked data in a language."""
        return str(self.link.get(f"card_{language}") or self.link.get("card_en") or "")

    def summary(self, language: str) -> str:
        """'14:00 L2-S2 (Coach): text — card' for lists and handovers."""
        where = self.station or self.line or "–"
        stamp = f"{self.ts:%d.%m. %H:%M}" if language == "de" else f"{self.ts:%m-%d %H:%M}"
        card = self.card(language)
        return f"{stamp} {where} ({self.role}): {self.text}" + (f" — {card}" if card else "")


@dataclass(frozen=True)
class Walk:
    """A Gemba walk: a titled list of observations."""

    id: str
    title: str
    role: str
    started: str


class GembaStore:
    """Saves walks, observations and their photos; safe to share between threads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or store_path()
        self._lock = threading.Lock()
        self._con = open_store(self.path, SCHEMA, GembaError, "Anwendungsspeicher", "application store")

    @property
    def photo_dir(self) -> Path:
        """Where photos are kept: next to the store file."""
        return self.path.parent / PHOTO_DIR

    def start_walk(self, title: str, role: str) -> Walk:
        """A new walk."""
        walk = Walk(uuid.uuid4().hex[:8], title.strip() or "Gemba", role, _stamp())
        self._write(
            "INSERT INTO gemba_walks (id, title, role, started) VALUES (?, ?, ?, ?)",
            (walk.id, walk.title, walk.role, walk.started),
        )
        return walk

    def walks(self) -> list[Walk]:
        """Every walk, the newest first."""
        with self._lock:
            rows = self._con.execute(
                "SELECT id, title, role, started FROM gemba_walks ORDER BY started DESC"
            ).fetchall()
        return [Walk(*row) for row in rows]

    def walk(self, walk_id: str) -> Walk:
        """One walk by id."""
        found = [w for w in self.walks() if w.id == walk_id]
        if not found:
            raise GembaError(f"Es gibt keinen Rundgang „{walk_id}“.", f"There is no walk “{walk_id}”.")
        return found[0]

    def add(self, note: Observation, photo: bytes | None = None, suffix: str = ".jpg") -> Observation:
        """Save an observation (and its photo as a file) and return it with its id."""
        if not note.text.strip():
            raise GembaError("Die Notiz ist leer.", "The note is empty.")
        note.id = note.id or uuid.uuid4().hex[:12]
        note.saved = _stamp()
        if photo:
            self.photo_dir.mkdir(parents=True, exist_ok=True)
            note.photo = f"{note.id}{suffix}"
            (self.photo_dir / note.photo).write_bytes(photo)
        self._write(
            "INSERT INTO gemba_notes (id, walk_id, ts, saved, line, station, role, language, text, photo, link) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                note.id, note.walk_id, note.ts.isoformat(sep=" ", timespec="seconds"), note.saved, note.line,
                note.station, note.role, note.language, note.text, note.photo,
                json.dumps(note.link, ensure_ascii=False, default=str),
            ),
        )  # fmt: skip
        return note

    def photo(self, note: Observation) -> bytes | None:
        """The photo of an observation, when it has one."""
        if not note.photo:
            return None
        path = self.photo_dir / note.photo
        return path.read_bytes() if path.exists() else None

    def notes(
        self, walk_id: str | None = None, line: str | None = None,
        after: datetime | None = None, until: datetime | None = None,
    ) -> list[Observation]:  # fmt: skip
        """Observations, oldest first: of a walk, a line, and (after, until] in plant time."""
        sql = "SELECT id, walk_id, ts, saved, line, station, role, language, text, photo, link FROM gemba_notes WHERE 1 = 1"
        params: list[Any] = []
        for condition, value in (
            ("walk_id = ?", walk_id),
            ("line = ?", line),
            ("ts > ?", after.isoformat(sep=" ", timespec="seconds") if after else None),
            ("ts <= ?", until.isoformat(sep=" ", timespec="seconds") if until else None),
        ):
            if value is not None:
                sql += f" AND {condition}"
                params.append(value)
        with self._lock:
            rows = self._con.execute(sql + " ORDER BY ts, saved", params).fetchall()
        return [_observation(row) for row in rows]

    def close(self) -> None:
        """Close the store."""
        self._con.close()

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                self._con.execute(sql, params)
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise


def _stamp() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


def _observation(row: tuple[Any, ...]) -> Observation:
    note_id, walk_id, ts, saved, line, station, role, language, text, photo, link = row
    return Observation(
        text, datetime.fromisoformat(ts), role, language, line, station, walk_id, photo, json.loads(link),
        note_id, saved,
    )  # fmt: skip


def notes_of_shift(slot: Any, path: Path | None = None) -> list[Observation]:
    """The line's observations in a shift (after its start, up to and including its end); none without a store."""
    try:
        store = GembaStore(path)
    except GembaError:
        return []
    try:
        return store.notes(line=slot.line, after=slot.start, until=slot.end)
    finally:
        store.close()
