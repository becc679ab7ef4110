"""A3 drafts in the application store: every save is a new version written in one transaction.

The store is the local SQLite file of `config.store_path()` (WAL mode), never the MES database.
A save inserts the next version and moves the draft's head in the same transaction, so a crash
leaves either the new version or the previous one, never half of either; old versions stay readable.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config import store_path
from ..store.audit import open_store
from .model import A3, A3Error, PlanRow, plan_rows

SCHEMA = """
CREATE TABLE IF NOT EXISTS a3_drafts (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    owner TEXT NOT NULL,
    language TEXT NOT NULL,
    version INTEGER NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS a3_versions (
    draft_id TEXT NOT NULL REFERENCES a3_drafts(id),
    version INTEGER NOT NULL,
    saved TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (draft_id, version)
);
"""
PAUSE_ENV = "COPILOT_A3_SAVE_PAUSE_S"  # test hook: seconds to wait inside the save transaction


@dataclass(frozen=True)
class DraftInfo:
    """One draft as the list shows it."""

    id: str
    title: str
    owner: str
    language: str
    version: int
    created: str
    updated: str


class DraftStore:
    """Saves, lists and edits A3 drafts; safe to share between threads and processes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or store_path()
        self._lock = threading.Lock()
        self._con = open_store(self.path, SCHEMA, A3Error, "Entwurfsspeicher", "draft store")

    def save(self, a3: A3) -> A3:
        """Store the A3 as the draft's next version and return it with that version number."""
        return self._write(a3.id, lambda _current: a3)

    def load(self, draft_id: str, version: int | None = None) -> A3:
        """The newest version of a draft, or a given one."""
        with self._lock:
            if version is None:
                row = self._con.execute(
                    "SELECT v.body, v.version FROM a3_drafts d JOIN a3_versions v "
                    "ON v.draft_id = d.id AND v.version = d.version WHERE d.id = ?",
                    (draft_id,),
                ).fetchone()
            else:
                row = self._con.execute(
                    "SELECT body, version FROM a3_versions WHERE draft_id = ? AND version = ?",
                    (draft_id, version),
                ).fetchone()
        if row is None:
            raise _unknown(draft_id, version)
        return _a3(row[0], row[1])

    def list_drafts(self) -> list[DraftInfo]:
        """Every draft, the most recently changed first."""
        with self._lock:
            rows = self._con.execute(
                "SELECT id, title, owner, language, version, created, updated FROM a3_drafts ORDER BY updated DESC"
            ).fetchall()
        return [DraftInfo(*row) for row in rows]

    def versions(self, draft_id: str) -> list[tuple[int, str]]:
        """(version, saved at) of a draft, oldest first."""
        with self._lock:
            rows = self._con.execute(
                "SELECT version, saved FROM a3_versions WHERE draft_id = ? ORDER BY version", (draft_id,)
            ).fetchall()
        return [(int(v), str(s)) for v, s in rows]

    def update_section(self, draft_id: str, section: str, text: str) -> A3:
        """Replace one section's text (or the title, owner or date) as a new version."""

        def change(current: A3 | None) -> A3:
            if current is None:
                raise _unknown(draft_id, None)
            current.edit(section, text)
            return current

        return self._write(draft_id, change)

    def update_plan_rows(self, draft_id: str, rows: list[dict[str, Any]] | list[PlanRow]) -> A3:
        """Replace the implementation plan's rows (what, who, when, done) as a new version."""
        checked = plan_rows(rows)

        def change(current: A3 | None) -> A3:
            if current is None:
                raise _unknown(draft_id, None)
            current.plan_rows = checked
            return current

        return self._write(draft_id, change)

    def delete(self, draft_id: str) -> None:
        """Remove a draft and all its versions."""
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                self._con.execute("DELETE FROM a3_versions WHERE draft_id = ?", (draft_id,))
                self._con.execute("DELETE FROM a3_drafts WHERE id = ?", (draft_id,))
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Close the store."""
        self._con.close()

    def _write(self, draft_id: str, change: Any) -> A3:
        """Read the head, apply the change and insert the next version, all in one write transaction."""
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                head = self._con.execute(
                    "SELECT v.body, v.version FROM a3_drafts d JOIN a3_versions v "
                    "ON v.draft_id = d.id AND v.version = d.version WHERE d.id = ?",
                    (draft_id,),
                ).fetchone()
                current = _a3(head[0], head[1]) if head else None
                a3: A3 = change(current)
                a3.id = draft_id
                a3.version = (head[1] if head else 0) + 1
                now = datetime.now().isoformat(timespec="milliseconds")
                body = json.dumps(a3.to_dict(), ensure_ascii=False)
                self._con.execute(
                    "INSERT INTO a3_versions (draft_id, version, saved, body) VALUES (?, ?, ?, ?)",
                    (draft_id, a3.version, now, body),
                )
                self._con.execute(
                    "INSERT INTO a3_drafts (id, title, owner, language, version, created, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                    "owner = excluded.owner, language = excluded.language, version = excluded.version, "
                    "updated = excluded.updated",
                    (draft_id, a3.title, a3.owner, a3.language, a3.version, now, now),
                )
                _pause()
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
        return a3


def _pause() -> None:
    """Wait inside the transaction when the test hook asks for it (to kill a save midway)."""
    seconds = float(os.environ.get(PAUSE_ENV, "0") or 0)
    if seconds > 0:
        print("saving", file=sys.stderr, flush=True)
        time.sleep(seconds)


def _a3(body: str, version: int) -> A3:
    a3 = A3.from_dict(json.loads(body))
    a3.version = int(version)
    return a3


def _unknown(draft_id: str, version: int | None) -> A3Error:
    which = f" (Version {version})" if version is not None else ""
    return A3Error(
        f"Es gibt keinen A3-Entwurf „{draft_id}“{which}.",
        f"There is no A3 draft “{draft_id}”{which}.",
    )
