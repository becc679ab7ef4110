"""Quiz progress per learner, in the local application store (never the MES database)."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..store.audit import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS quiz_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    learner TEXT NOT NULL,
    topic TEXT NOT NULL,
    question TEXT NOT NULL,
    correct INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quiz_answers_learner ON quiz_answers (learner, topic);
"""


@dataclass(frozen=True)
class TopicScore:
    """How a learner stands on one topic."""

    topic: str
    answered: int
    correct: int
    missed: int  # questions whose latest answer was wrong


def _name(learner: str) -> str:
    """Learners are matched by name without regard to case or surrounding spaces."""
    return " ".join(learner.split()).casefold()


class Progress:
    """Appends quiz answers and tells which questions a learner last got wrong."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._con = connect(path)
        self._con.executescript(SCHEMA)

    def record(self, learner: str, topic: str, answers: list[tuple[str, bool]]) -> None:
        """Keep one quiz's answers in a single transaction."""
        ts = datetime.now().isoformat(timespec="seconds")
        rows = [(ts, _name(learner), topic, question, int(correct)) for question, correct in answers]
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                self._con.executemany(
                    "INSERT INTO quiz_answers (ts, learner, topic, question, correct) VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
            except sqlite3.Error:
                self._con.execute("ROLLBACK")
                raise
            self._con.execute("COMMIT")

    def _latest(self, learner: str, topic: str | None = None) -> list[tuple[str, str, int]]:
        """(topic, question, correct) of each question's latest answer."""
        sql = (
            "SELECT topic, question, correct FROM quiz_answers AS a WHERE learner = ? "
            "AND id = (SELECT MAX(id) FROM quiz_answers AS b WHERE b.learner = a.learner "
            "AND b.topic = a.topic AND b.question = a.question)"
        )
        params: tuple[str, ...] = (_name(learner),)
        if topic is not None:
            sql += " AND topic = ?"
            params += (topic,)
        with self._lock:
            return list(self._con.execute(sql, params).fetchall())

    def missed(self, learner: str, topic: str) -> set[str]:
        """Questions of a topic whose latest answer was wrong."""
        return {question for _, question, correct in self._latest(learner, topic) if not correct}

    def scores(self, learner: str) -> list[TopicScore]:
        """Per topic: questions answered, answered right at the latest try, still missed."""
        by_topic: dict[str, list[int]] = {}
        for topic, _, correct in self._latest(learner):
            by_topic.setdefault(topic, []).append(correct)
        return [
            TopicScore(topic, len(marks), sum(marks), len(marks) - sum(marks))
            for topic, marks in sorted(by_topic.items())
        ]


def open_progress(path: Path) -> Progress | None:
    """The progress store, or None when it cannot be opened (quizzes still work, unsaved)."""
    try:
        return Progress(path)
    except (sqlite3.Error, OSError):
        return None
