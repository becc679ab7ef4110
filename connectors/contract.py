"""The data contract as code: its DDL, and its tables and columns read from that DDL."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlglot
from sqlglot import exp

OPTIONAL_TABLES = frozenset(
    {"glossary", "energy_tariffs"}
)  # a source may have them; answers use them when present


@dataclass(frozen=True)
class Column:
    """One column of a contract table."""

    name: str
    type: str
    nullable: bool


@dataclass(frozen=True)
class Table:
    """One contract table with its columns, primary key and foreign keys."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (column, referenced table, referenced column)

    @property
    def optional(self) -> bool:
        """An optional table of the contract (glossary, energy tariffs)."""
        return self.name in OPTIONAL_TABLES

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in contract order."""
        return tuple(c.name for c in self.columns)


@cache
def contract_ddl() -> str:
    """The CREATE TABLE statements of DATA_CONTRACT.md."""
    return (Path(__file__).parent / "contract.sql").read_text(encoding="utf-8")


@cache
def contract_tables() -> dict[str, Table]:
    """Every contract table by name, parsed from the DDL."""
    tables = {}
    for statement in sqlglot.parse(contract_ddl(), read="duckdb"):
        if isinstance(statement, exp.Create):
            table = _table(statement)
            tables[table.name] = table
    return tables


def _table(create: exp.Create) -> Table:
    schema = create.this
    name = schema.this.name
    columns, pk, fks = [], [], []
    for item in schema.expressions:
        if isinstance(item, exp.ColumnDef):
            constraints = [c.kind for c in item.constraints]
            if any(isinstance(k, exp.PrimaryKeyColumnConstraint) for k in constraints):
                pk.append(item.name)
            nullable = not any(
                isinstance(k, exp.NotNullColumnConstraint | exp.PrimaryKeyColumnConstraint)
                for k in constraints
            )
            for k in constraints:
                if isinstance(k, exp.Reference):
                    ref = k.this
                    fks.append((item.name, ref.this.name, ref.expressions[0].name))
            type_ = item.args["kind"].sql(dialect="duckdb")
            columns.append(Column(item.name, type_, nullable))
        elif isinstance(item, exp.PrimaryKey):
            pk.extend(e.name for e in item.expressions)
    return Table(name, tuple(columns), tuple(pk), tuple(fks))


def contract_schema() -> dict[str, dict[str, str]]:
    """{table: {column: type}}, the form sqlglot's optimizer expects."""
    return {t.name: {c.name: c.type for c in t.columns} for t in contract_tables().values()}
