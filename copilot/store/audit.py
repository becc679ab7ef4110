"""The audit trail: every question with its plan, SQL, row counts, facts, warnings and duration.

Kept in the local application store (SQLite in WAL mode, never the MES database), appended in one
transaction per question so that concurrent sessions lose nothing. No personal names are stored:
sessions are random ids. Entries older than the retention period are removed when the log opens.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..answer import Answer

HIDDEN = frozenset(
    {"Cc", "Cf", "Zl", "Zp"}
)  # control, format (bidi, zero-width), line and paragraph separators
SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    session TEXT NOT NULL,
    role TEXT NOT NULL,
    language TEXT NOT NULL,
    question TEXT NOT NULL,
    intent TEXT NOT NULL,
    plan TEXT NOT NULL,
    sql TEXT NOT NULL,
    row_counts TEXT NOT NULL,
    facts TEXT NOT NULL,
    warnings TEXT NOT NULL,
    model TEXT,
    duration_ms REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_ts ON audit (ts);
"""


@dataclass(frozen=True)
class AuditEntry:
    """One answered question as the audit trail keeps it."""

    ts: str
    session: str
    role: str
    language: str
    question: str
    intent: str
    plan: dict[str, Any]
    sql: list[str]
    row_counts: list[int]
    facts: list[dict[str, Any]]
    warnings: list[str]
    model: str | None
    duration_ms: float


def connect(path: Path) -> sqlite3.Connection:
    """A connection that waits for other writers instead of failing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA busy_timeout=30000")
    return con


def open_store(
    path: Path, schema: str, error: Callable[[str, str], Exception], name_de: str, name_en: str
) -> sqlite3.Connection:
    """A store's connection with its tables made; the store's own error, in both languages, when it cannot open."""
    try:
        con = connect(path)
        con.executescript(schema)
    except (sqlite3.Error, OSError) as problem:
        raise error(
            f"Der {name_de} {path} lässt sich nicht öffnen ({problem}); COPILOT_STORE prüfen.",
            f"The {name_en} {path} cannot be opened ({problem}); check COPILOT_STORE.",
        ) from problem
    return con


class AuditLog:
    """Appends answers to the audit table of the application store."""

    def __init__(self, path: Path, retention_days: int = 90, prune: bool = True) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._con = connect(path)
        self._con.executescript(SCHEMA)
        if prune and retention_days >= 1:  # a retention below a day is a mistake, never 'delete everything'
            cutoff = (datetime.now() - timedelta(days=retention_days)).isoformat(timespec="seconds")
            self._con.execute("DELETE FROM audit WHERE ts < ?", (cutoff,))

    def record(self, answer: Answer, session: str, role: str, model: str | None = None) -> None:
        """Append one answer."""
        row = (
            datetime.now().isoformat(timespec="milliseconds"),
            session,
            role,
            answer.language,
            answer.question,
            answer.intent,
            json.dumps(answer.plan or {}, ensure_ascii=False, default=str),
            json.dumps(answer.sql, ensure_ascii=False),
            json.dumps([e.row_count for e in answer.evidence]),
            json.dumps([asdict(f) for f in answer.facts], ensure_ascii=False, default=str),
            json.dumps(answer.warnings, ensure_ascii=False),
            model,
            answer.duration_ms,
        )
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                self._con.execute(
                    "INSERT INTO audit (ts, session, role, language, question, intent, plan, sql, row_counts, "
                    "facts, warnings, model, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise

    def entries(self, since: datetime | None = None, limit: int | None = None) -> list[AuditEntry]:
        """Entries from `since` on, newest last."""
        sql = "SELECT ts, session, role, language, question, intent, plan, sql, row_counts, facts, warnings, model, duration_ms FROM audit"
        params: list[Any] = []
        if since:
            sql += " WHERE ts >= ?"
            params.append(since.isoformat(timespec="seconds"))
        sql += " ORDER BY id"
        if limit:
            sql = f"SELECT * FROM ({sql.replace(' ORDER BY id', ' ORDER BY id DESC')} LIMIT {int(limit)}) ORDER BY ts"
        with self._lock:
            rows = self._con.execute(sql, params).fetchall()
        return [_entry(row) for row in rows]

    def close(self) -> None:
        """Close the store."""
        self._con.close()


def open_audit(path: Path, retention_days: int = 90, prune: bool = True) -> AuditLog | None:
    """The audit log, or None when the store cannot be opened (the product keeps answering, and says so).

    Commands that only read the trail pass prune=False: reading never deletes an entry.
    """
    try:
        return AuditLog(path, retention_days, prune)
    except (sqlite3.Error, OSError):
        return None


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    ts, session, role, language, question, intent, plan, sql, counts, facts, warnings, model, duration = row
    return AuditEntry(
        ts, session, role, language, question, intent, json.loads(plan), json.loads(sql), json.loads(counts),
        json.loads(facts), json.loads(warnings), model, duration,
    )  # fmt: skip


def one_line(text: str) -> str:
    """Text for a one-line listing: newlines, carriage returns, escape codes and other control or format
    characters written as escapes, so that no question can start a second entry or recolour the terminal."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in HIDDEN else ch
        for ch in text
    )
