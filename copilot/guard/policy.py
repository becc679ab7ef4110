"""What the guard allows: the dialects, the contract's tables and columns, and the caps."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from sqlglot.dialects.dialect import Dialect

from connectors.contract import contract_schema

DEFAULT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class Policy:
    """The settings every step reads; build it once per call of guard_sql."""

    dialect: str = "duckdb"
    read_dialect: str = "duckdb"
    schema: dict[str, dict[str, str]] = field(default_factory=contract_schema)
    max_rows: int = DEFAULT_MAX_ROWS
    max_chars: int = 20_000  # characters of SQL text
    max_tokens: int = 5_000  # tokens, checked before parsing
    max_nesting: int = 32  # brackets inside brackets; the parser recurses per level
    max_nodes: int = 10_000  # nodes of the parsed tree
    max_depth: int = 200  # depth of the parsed tree (long AND / + chains)
    max_aliases: int = 300  # AS keywords, counted before parsing (each alias costs the name checks)
    max_table_reads: int = 64  # table scans once every WITH part is written out where it is used
    max_series: int = 1_000_000  # elements of a range, generate_series or resized list
    max_text_size: int = 10_000  # characters repeat and lpad/rpad may make per value

    def __post_init__(self) -> None:
        """Refuse unknown dialect names and a row cap below one: those are programming errors."""
        Dialect.get_or_raise(self.dialect)  # ValueError
        Dialect.get_or_raise(self.read_dialect)
        if self.max_rows < 1:
            raise ValueError("max_rows must be at least 1")

    @cached_property
    def tables(self) -> dict[str, str]:
        """Contract table names by their folded form."""
        return {fold(name): name for name in self.schema}


def fold(name: str) -> str:
    """The form names are compared in: DuckDB names ignore case."""
    return name.casefold()


def loose(name: str) -> str:
    """The form suggestions are found in: NFKC also maps fullwidth letters to ASCII."""
    return unicodedata.normalize("NFKC", name).casefold()
