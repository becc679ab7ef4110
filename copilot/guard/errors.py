"""Refusals meant for people: a short reason code, a sentence in English and German, where and what instead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlglot import exp

REASONS = (
    "empty",  # nothing to run
    "too_long",  # text, tokens or tree above the caps
    "too_complex",  # nested deeper than the parser and DuckDB handle safely
    "too_large",  # a text, list or series larger than the caps
    "control_chars",  # NUL, control, zero-width or bidi characters
    "syntax",  # not valid SQL in the read dialect
    "multiple_statements",  # more than one statement
    "not_a_query",  # a statement that is not a query (INSERT, CREATE, ...)
    "forbidden_statement",  # settings, files, extensions, transactions, or a write hidden inside a query
    "forbidden_function",  # table functions, file readers, settings, sequences, environment
    "file_access",  # a file name or URL used as a table
    "system_table",  # information_schema, pg_catalog, duckdb_*, sqlite_master, ...
    "unknown_table",  # a table outside the data contract
    "unknown_column",  # a column the tables read do not have
    "unsupported",  # the target dialect cannot express the query
)


class GuardError(Exception):
    """A refusal meant for people, with where and what to fix."""

    def __init__(
        self,
        reason: str,
        message: str,
        message_de: str,
        position: tuple[int, int] | None = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.message_de = message_de
        self.position = position
        self.suggestions = list(suggestions)

    def text(self, language: str) -> str:
        """The message in the user's language ('de' or anything else for English)."""
        return self.message_de if language == "de" else self.message

    def __repr__(self) -> str:
        """The reason and the English message."""
        return f"GuardError({self.reason!r}, {self.message!r})"


def did_you_mean(suggestions: Sequence[str]) -> tuple[str, str]:
    """' Did you mean: a, b?' in English and German, or nothing."""
    if not suggestions:
        return "", ""
    names = ", ".join(suggestions)
    return f" Did you mean: {names}?", f" Meinten Sie: {names}?"


def position_of(node: exp.Expr | None) -> tuple[int, int] | None:
    """(line, column) where the first identifier the parser recorded in a node starts."""
    if node is None:
        return None
    found = []
    for identifier in [node, *node.find_all(exp.Identifier)]:
        meta: dict[str, Any] = identifier.meta if isinstance(identifier, exp.Identifier) else {}
        if {"line", "col", "start", "end"} <= meta.keys():
            found.append((meta["start"], meta["line"], max(1, meta["col"] - (meta["end"] - meta["start"]))))
    return min(found)[1:] if found else None


def line_col(text: str, offset: int) -> tuple[int, int]:
    """(line, column), both from 1, of a character offset in text."""
    before = text[: max(0, offset)]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
