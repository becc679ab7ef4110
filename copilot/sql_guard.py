"""The SQL guard's public face: `guard_sql`, `GuardedQuery` and `GuardError` (the steps live in copilot.guard)."""

from __future__ import annotations

from .guard import (
    DEFAULT_MAX_ROWS,
    REASONS,
    RULES,
    TEXT_CHECKS,
    TOKEN_CHECKS,
    GuardedQuery,
    GuardError,
    Policy,
    guard_sql,
)

__all__ = [
    "DEFAULT_MAX_ROWS",
    "REASONS",
    "RULES",
    "TEXT_CHECKS",
    "TOKEN_CHECKS",
    "GuardError",
    "GuardedQuery",
    "Policy",
    "guard_sql",
]
