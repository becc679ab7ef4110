"""The SQL guard: every statement the product runs passes these small steps, or is refused with a reason.

text checks → tokenize → token checks → parse → tree rules → transpile. Like sqlglot's optimizer
RULES, each step is a plain function of (input, Policy), so each can be tested alone; the tree rules
return a tree (a new one when they change it) or raise GuardError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError, UnsupportedError

from .engines import no_engine_escapes
from .errors import REASONS, GuardError
from .names import contract_columns, contract_tables, no_system_tables, tables_read
from .policy import DEFAULT_MAX_ROWS, Policy
from .rules import (
    limit_rows,
    no_file_access,
    no_forbidden_functions,
    no_hidden_statements,
    not_too_big,
    only_queries,
    outer_limit,
    sources_in_brackets,
)
from .sizes import bounded_sizes, no_packing_aggregates, not_too_many_reads
from .text import TEXT_CHECKS, TOKEN_CHECKS, parse, tokenize

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
    "parse",
    "tokenize",
    "transpile",
]


RULES: tuple[Callable[[exp.Expr, Policy], exp.Expr], ...] = (
    not_too_big,
    only_queries,
    sources_in_brackets,
    no_hidden_statements,
    no_file_access,
    no_forbidden_functions,
    no_packing_aggregates,
    bounded_sizes,
    no_engine_escapes,
    no_system_tables,
    contract_tables,
    contract_columns,
    not_too_many_reads,
    limit_rows,
)


@dataclass(frozen=True)
class GuardedQuery:
    """A statement the guard accepted, ready to run."""

    sql: str  # the final SQL in the target dialect, with the row limit
    tables: tuple[str, ...]  # the contract tables it reads
    limit: int  # the most rows it can return (its own smaller LIMIT, else max_rows)


def transpile(tree: exp.Expr, policy: Policy) -> str:
    """Write the tree in the target dialect, without comments; refuse what that dialect cannot express."""
    try:
        return tree.sql(dialect=policy.dialect, comments=False, unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as error:
        detail = str(error).splitlines()[0] if str(error) else "an unsupported feature"
        raise GuardError(
            "unsupported",
            f"The query cannot be written for {policy.dialect}: {detail}.",
            f"Die Abfrage lässt sich nicht für {policy.dialect} schreiben: {detail}.",
        ) from error


def guard_sql(
    sql: str,
    *,
    dialect: str = "duckdb",
    read_dialect: str = "duckdb",
    schema: dict[str, dict[str, str]] | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> GuardedQuery:
    """Run every step; return the statement in the target dialect with a row limit, or raise GuardError."""
    if schema is None:
        policy = Policy(dialect=dialect, read_dialect=read_dialect, max_rows=max_rows)
    else:
        policy = Policy(dialect=dialect, read_dialect=read_dialect, schema=schema, max_rows=max_rows)
    if not isinstance(sql, str):
        raise GuardError("syntax", "The query must be text.", "Die Abfrage muss Text sein.")
    try:
        return _run(sql, policy)
    except GuardError:
        raise
    except RecursionError as error:
        raise GuardError(
            "too_complex",
            "The query nests too deeply to check; write it with WITH instead.",
            "Die Abfrage ist zu tief verschachtelt für die Prüfung; bitte mit WITH aufteilen.",
        ) from error
    except (SqlglotError, ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
        # fail closed: whatever the guard cannot analyse does not run
        raise GuardError(
            "syntax",
            f"The query could not be checked ({type(error).__name__}); write it more simply.",
            f"Die Abfrage konnte nicht geprüft werden ({type(error).__name__}); bitte einfacher formulieren.",
        ) from error


def _run(sql: str, policy: Policy) -> GuardedQuery:
    """The steps in order."""
    for check in TEXT_CHECKS:
        check(sql, policy)
    tokens = tokenize(sql, policy)
    for token_check in TOKEN_CHECKS:
        token_check(tokens, policy)
    tree = parse(sql, tokens, policy)
    for rule in RULES:
        tree = rule(tree, policy)
    limit = outer_limit(tree)
    return GuardedQuery(
        transpile(tree, policy), tables_read(tree, policy), policy.max_rows if limit is None else limit
    )
