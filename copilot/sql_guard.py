"""The SQL guard: every statement the product runs passes these small pure steps.

parse → one statement → a query only → no forbidden functions → contract tables and columns
→ a row limit → transpiled to the connector's dialect. Each step takes and returns a sqlglot tree
(or raises GuardError), so each can be tested alone.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from connectors.contract import contract_schema

logging.getLogger("sqlglot").setLevel(logging.ERROR)  # unsupported syntax is refused, not logged

MAX_SQL_CHARS = 20_000
MAX_NODES = 5_000
MAX_DEPTH = 60
DEFAULT_MAX_ROWS = 10_000

QUERY_ROOTS = (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Values)
FORBIDDEN_NODES: tuple[type[exp.Expression], ...] = tuple(
    getattr(exp, name)
    for name in (
        "Insert", "Update", "Delete", "Merge", "Create", "Drop", "Alter", "TruncateTable", "Command",
        "Pragma", "Set", "Attach", "Detach", "Copy", "Install", "Use", "Transaction", "Commit", "Rollback",
        "Grant", "Revoke", "Export", "Load", "Call", "Analyze", "Describe", "Show", "Kill", "Refresh",
        "Cache", "Uncache", "LoadData", "Summarize",
    )
    if hasattr(exp, name)
)  # fmt: skip
FORBIDDEN_FUNCTION = re.compile(
    r"^(read_|scan_|parquet_|sniff_|glob$|getenv$|current_setting$|setseed$|nextval$|currval$|query$|query_table$|"
    r"duckdb_|pg_|sqlite_|pragma_|iceberg_|delta_|http|s3|load_|install_|write_|copy_|system$|shell$|"
    r"read$|file|url|json_execute|sql_auto_complete$|which_secret$|enable_|disable_|checkpoint$|force_checkpoint$)",
    re.IGNORECASE,
)
SAFE_TABLE_FUNCTIONS = {"generate_series", "range", "unnest"}  # compute rows, touch nothing outside

MESSAGES_DE = {
    "empty": "Die Abfrage ist leer.",
    "too_long": "Die Abfrage ist zu lang.",
    "control_chars": "Die Abfrage enthält unzulässige Steuerzeichen.",
    "syntax": "Die Abfrage ist kein gültiges SQL",
    "multiple_statements": "Es ist genau eine Anweisung erlaubt.",
    "not_a_query": "Nur lesende Abfragen (SELECT) sind erlaubt.",
    "forbidden_statement": "Diese Anweisung könnte Daten oder Einstellungen ändern und ist verboten.",
    "forbidden_function": "Diese Funktion greift auf Dateien, das System oder Einstellungen zu und ist verboten.",
    "unknown_table": "Diese Tabelle gibt es im Datenmodell nicht.",
    "unknown_column": "Diese Spalte gibt es im Datenmodell nicht.",
    "too_complex": "Die Abfrage ist zu verschachtelt.",
    "file_access": "Zugriff auf Dateien ist verboten.",
}


class GuardError(Exception):
    """A refusal meant for people, with where and what to fix."""

    def __init__(self, reason: str, message: str, position: tuple[int, int] | None = None,
                 suggestions: list[str] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.position = position
        self.suggestions = suggestions or []
        hint = f" ({', '.join(self.suggestions)}?)" if self.suggestions else ""
        self.message_de = MESSAGES_DE.get(reason, "Die Abfrage wurde abgelehnt.") + hint

    def text(self, language: str) -> str:
        """The message in the user's language."""
        return self.message_de if language == "de" else self.message


@dataclass(frozen=True)
class GuardedQuery:
    """A statement the guard accepted, ready to run."""

    sql: str
    tables: tuple[str, ...]
    limit: int


@dataclass
class _State:
    """What the steps share: the tree and the settings."""

    sql: str
    read_dialect: str
    schema: dict[str, dict[str, str]]
    max_rows: int
    tree: exp.Expression | None = None
    tables: set[str] = field(default_factory=set)


def check_text(state: _State) -> _State:
    """Refuse empty, overlong and control-character input before parsing."""
    if not state.sql or not state.sql.strip():
        raise GuardError("empty", "The query is empty.")
    if len(state.sql) > MAX_SQL_CHARS:
        raise GuardError("too_long", f"The query is longer than {MAX_SQL_CHARS} characters.")
    for ch in state.sql:
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\r\t":
            raise GuardError("control_chars", f"The query contains the control character U+{ord(ch):04X}.")
    if state.sql.count("(") > MAX_DEPTH * 4:
        raise GuardError("too_complex", "The query nests too deeply.")
    return state


def parse(state: _State) -> _State:
    """Parse; syntax errors carry line and column."""
    try:
        statements = [s for s in sqlglot.parse(state.sql, read=state.read_dialect) if s is not None]
    except ParseError as error:
        first = error.errors[0] if error.errors else {}
        position = (first.get("line"), first.get("col")) if first.get("line") else None
        description = first.get("description") or str(error).splitlines()[0]
        where = f" at line {position[0]}, column {position[1]}" if position else ""
        raise GuardError("syntax", f"The query is not valid SQL{where}: {description}.", position) from error  # type: ignore[arg-type]
    except TokenError as error:
        raise GuardError("syntax", f"The query is not valid SQL: {error}.") from error
    except RecursionError as error:
        raise GuardError("too_complex", "The query nests too deeply.") from error
    if not statements:
        raise GuardError("empty", "The query is empty.")
    if len(statements) > 1:
        raise GuardError("multiple_statements", f"Exactly one statement is allowed; found {len(statements)}.")
    state.tree = cast(exp.Expression, statements[0])
    return state


def only_queries(state: _State) -> _State:
    """A SELECT, set operation or VALUES, with nothing that writes or configures anywhere inside."""
    tree = _tree(state)
    if not isinstance(tree, QUERY_ROOTS):
        raise GuardError("not_a_query", f"Only read-only queries are allowed, not {tree.key.upper()}.")
    nodes = 0
    for node in tree.walk():
        nodes += 1
        if isinstance(node, FORBIDDEN_NODES):
            raise GuardError("forbidden_statement", f"{node.key.upper()} is not allowed in a query.")
        if isinstance(node, exp.Into):
            raise GuardError("forbidden_statement", "SELECT … INTO is not allowed.")
        if isinstance(node, exp.Lock):
            raise GuardError("forbidden_statement", "Locking clauses are not allowed.")
    if (
        nodes > MAX_NODES or tree.depth_of_tree() > MAX_DEPTH
        if hasattr(tree, "depth_of_tree")
        else nodes > MAX_NODES
    ):
        raise GuardError("too_complex", "The query is too large.")
    return state


def no_forbidden_functions(state: _State) -> _State:
    """No table functions, file readers, system functions or settings."""
    tree = _tree(state)
    for node in tree.walk():
        if isinstance(node, exp.Table) and not isinstance(node.this, exp.Identifier):
            name = _function_name(node.this) if isinstance(node.this, exp.Func) else ""
            if name.lower() not in SAFE_TABLE_FUNCTIONS:
                raise GuardError(
                    "forbidden_function",
                    f"The table function {name or node.this.sql()} is not allowed in FROM.",
                )
        if (
            isinstance(node, exp.Table)
            and isinstance(node.this, exp.Identifier)
            and node.this.quoted
            and _looks_like_file(node.name)
        ):
            raise GuardError("file_access", f"Reading the file '{node.name}' is not allowed.")
        if isinstance(node, exp.Func):
            name = _function_name(node)
            if FORBIDDEN_FUNCTION.match(name):
                raise GuardError("forbidden_function", f"The function {name} is not allowed.")
        if isinstance(node, exp.Literal) and node.is_string and isinstance(node.parent, exp.From | exp.Join):
            raise GuardError("file_access", "Reading files is not allowed.")
    return state


def contract_only(state: _State) -> _State:
    """Only the contract's tables and columns; CTE names and aliases are allowed."""
    tree = _tree(state)
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    tables = {t.lower() for t in state.schema}
    for table in tree.find_all(exp.Table):
        if isinstance(table.this, exp.Func):
            continue  # an allowed table function, checked by no_forbidden_functions
        name = table.name.lower()
        if table.catalog or (table.db and table.db.lower() != "main"):
            raise GuardError("unknown_table", f"The table {table.sql()} is not part of the data contract.")
        if name in ctes:
            continue
        if name not in tables:
            close = difflib.get_close_matches(name, sorted(tables), n=3, cutoff=0.5)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise GuardError("unknown_table", f"Unknown table '{table.name}'.{hint}", suggestions=close)
        state.tables.add(name)
    _check_columns(tree, state)
    return state


def _check_columns(tree: exp.Expression, state: _State) -> None:
    """Every column name exists in some table the query reads, or is an alias or CTE column."""
    known: set[str] = set()
    for table in state.tables:
        known |= {c.lower() for c in state.schema[table]}
    for alias in tree.find_all(exp.Alias):
        known.add(alias.alias.lower())
    for cte in tree.find_all(exp.CTE):
        for column in cte.args.get("alias", exp.TableAlias()).args.get("columns") or []:
            known.add(column.name.lower())
    for table_alias in tree.find_all(exp.TableAlias):
        for column in table_alias.args.get("columns") or []:
            known.add(column.name.lower())
    for column in tree.find_all(exp.Column):
        name = column.name.lower()
        if not name or name == "*" or name in known:
            continue
        if isinstance(column.this, exp.Star):
            continue
        candidates = sorted(known)
        close = difflib.get_close_matches(name, candidates, n=3, cutoff=0.6)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise GuardError("unknown_column", f"Unknown column '{column.name}'.{hint}", suggestions=close)


def limit_rows(state: _State) -> _State:
    """A LIMIT on the outermost query: added when missing, lowered when larger."""
    tree = _tree(state)
    if not isinstance(tree, exp.Query):
        return state
    current = tree.args.get("limit")
    value = None
    if current is not None:
        expression = current.expression if isinstance(current, exp.Limit) else None
        if isinstance(expression, exp.Literal) and expression.is_int:
            value = int(expression.this)
    if value is None or value > state.max_rows:
        state.tree = tree.limit(state.max_rows)
    return state


STEPS: tuple[Callable[[_State], _State], ...] = (
    check_text, parse, only_queries, no_forbidden_functions, contract_only, limit_rows,
)  # fmt: skip


def guard_sql(
    sql: str,
    *,
    dialect: str = "duckdb",
    read_dialect: str = "duckdb",
    schema: dict[str, dict[str, str]] | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> GuardedQuery:
    """Run every step; return the statement in the target dialect, or raise GuardError."""
    state = _State(sql, read_dialect, schema or contract_schema(), max_rows)
    for step in STEPS:
        state = step(state)
    tree = _tree(state)
    try:
        final = tree.sql(dialect=dialect)
    except Exception as error:  # sqlglot raises plain errors for unsupported constructs
        raise GuardError("syntax", f"The query cannot be written for {dialect}: {error}.") from error
    return GuardedQuery(final, tuple(sorted(state.tables)), max_rows)


def _tree(state: _State) -> exp.Expression:
    assert state.tree is not None, "parse runs first"
    return state.tree


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name)
    return node.sql_name() if hasattr(node, "sql_name") else node.key


def _looks_like_file(name: str) -> bool:
    return bool(re.search(r"[/\\.:]|^~", name))
