"""The contract's structural rules as queries, shared by the tests of every plant built on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlglot import exp

from connectors.contract import contract_tables

TABLES = contract_tables()
KEYED = sorted(t for t in TABLES if TABLES[t].primary_key)
FOREIGN_KEYS = [(t.name, *fk) for t in TABLES.values() for fk in t.foreign_keys]


def sql_type(name: str) -> exp.DataType.Type:
    """A SQL type name as sqlglot's type enum, so VARCHAR and TEXT compare equal."""
    return exp.DataType.build(name, dialect="duckdb").this


def column_types(con: Any, table: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the table's columns and types, the contract's)."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    return {n: sql_type(t) for n, t in rows}, {c.name: sql_type(c.type) for c in TABLES[table].columns}


def duplicate_keys(scalar: Callable[..., Any], table: str) -> int:
    """How many primary-key values occur more than once."""
    key = ", ".join(TABLES[table].primary_key)
    return int(scalar(f"SELECT COUNT(*) FROM (SELECT {key} FROM {table} GROUP BY ALL HAVING COUNT(*) > 1)"))


def orphans(scalar: Callable[..., Any], table: str, column: str, parent: str, parent_column: str) -> int:
    """Rows whose foreign key points at nothing."""
    return int(
        scalar(
            f"SELECT COUNT(*) FROM {table} c WHERE c.{column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{parent_column} = c.{column})"
        )
    )
