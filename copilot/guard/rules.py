"""Rules over the parsed tree: a query only, nothing hidden inside it, no files, no outside functions, a limit."""

from __future__ import annotations

import re

from sqlglot import exp

from .errors import GuardError, position_of
from .policy import Policy

QUERY_ROOTS = (exp.Select, exp.SetOperation, exp.Values)
# Node types that write, configure or leave the data, wherever they appear in the tree.
HIDDEN_STATEMENTS: tuple[type[exp.Expr], ...] = tuple(
    getattr(exp, name)
    for name in (
        "Insert", "Update", "Delete", "Merge", "Create", "Drop", "Alter", "TruncateTable", "Command",
        "Pragma", "Set", "Attach", "Detach", "Copy", "Install", "Use", "Transaction", "Commit", "Rollback",
        "Grant", "Revoke", "Export", "Load", "Call", "Analyze", "Describe", "Show", "Kill", "Refresh",
        "Cache", "Uncache", "LoadData", "Summarize", "Comment", "Declare", "Into", "Lock", "Returning",
    )
    if hasattr(exp, name)
)  # fmt: skip
# Functions that read files, URLs, settings, the environment, the catalog or other databases, or change state.
FORBIDDEN_FUNCTIONS = re.compile(
    r"""^(read_.* | .*_scan | scan_.* | parquet_.* | sniff_csv | glob | getenv | getvariable | current_setting
    | set_config | setseed | nextval | currval | lastval | query | query_table | duckdb_.* | pragma_.* | pg_.*
    | sqlite_.* | postgres_.* | mysql_.* | iceberg_.* | delta_.* | ducklake_.* | http.* | json_execute_.*
    | sql_auto_complete | which_secret | secret | enable_.* | disable_.* | (force_)?checkpoint
    | truncate_duckdb_logs | load_.* | install_.* | write_.* | to_file | lo_.* | dblink.* | .*_to_xml
    | test_all_types | test_vector_types | summary | json_serialize_.* | json_deserialize_.*
    | current_(database|catalog|schema|schemas|query|role|user|version) | version | platform | user_agent
    | database_size | sql_.* | which | getenv)$""",
    re.IGNORECASE | re.VERBOSE,
)
SAFE_TABLE_FUNCTIONS = frozenset({"generate_series", "range", "unnest"})  # make rows, touch nothing outside
FILE_LIKE = re.compile(r"[/\\.:*?~]")  # a quoted table name with these is a path, URL or glob
SYSTEM_SCHEMAS = frozenset({"information_schema", "pg_catalog", "system", "temp"})
SYSTEM_TABLES = re.compile(r"^(duckdb_|sqlite_|pg_|pragma_|information_schema)", re.IGNORECASE)


def not_too_big(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """Refuse trees with more nodes (long IN lists) or more depth (long AND chains) than the caps."""
    nodes, stack = 0, [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > policy.max_nodes:
            raise GuardError(
                "too_long",
                f"The query has more than {policy.max_nodes} parts; split it into smaller questions.",
                f"Die Abfrage hat mehr als {policy.max_nodes} Teile; bitte in kleinere Fragen aufteilen.",
            )
        if depth > policy.max_depth:
            raise GuardError(
                "too_complex",
                f"The query nests more than {policy.max_depth} levels deep; write it with WITH instead.",
                f"Die Abfrage ist tiefer als {policy.max_depth} Ebenen verschachtelt; bitte mit WITH aufteilen.",
            )
        stack.extend((child, depth + 1) for child in node.iter_expressions())
    return tree


def only_queries(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """The statement is a SELECT, set operation or VALUES (also in brackets)."""
    root = tree.unnest() if isinstance(tree, exp.Subquery) else tree
    if isinstance(root, QUERY_ROOTS):
        return tree
    kind = root.key.upper()
    raise GuardError(
        "not_a_query",
        f"Only read-only queries are allowed, and this is not one ({kind}); start with SELECT, WITH or VALUES.",
        f"Nur lesende Abfragen sind erlaubt, und dies ist keine ({kind}); bitte mit SELECT, WITH oder VALUES beginnen.",
        position_of(root),
    )


def sources_in_brackets(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """A query used as a source needs brackets: 'FROM SELECT …' is refused, not guessed at."""
    for node in tree.find_all(exp.From, exp.Join):
        if isinstance(node.this, exp.Query) and not isinstance(node.this, exp.Subquery):
            raise GuardError(
                "syntax",
                "A query used in FROM or JOIN must stand in brackets: FROM (SELECT …) AS name.",
                "Eine Abfrage in FROM oder JOIN muss in Klammern stehen: FROM (SELECT …) AS name.",
                position_of(node),
            )
    return tree


def no_hidden_statements(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """Nothing that writes or configures anywhere inside, e.g. a DELETE … RETURNING in a CTE or SELECT … INTO."""
    for node in tree.walk():
        if isinstance(node, HIDDEN_STATEMENTS):
            kind = "SELECT … INTO" if isinstance(node, exp.Into) else node.key.upper()
            raise GuardError(
                "forbidden_statement",
                f"{kind} is not allowed inside a query: the guard runs read-only queries only.",
                f"{kind} ist innerhalb einer Abfrage nicht erlaubt: es laufen nur lesende Abfragen.",
                position_of(node),
            )
    return tree


def no_file_access(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """No file names, URLs or globs as tables, and no table functions but the few that only make rows."""
    for node in tree.walk():
        if isinstance(node, exp.Table | exp.Lateral) and isinstance(node.this, exp.Func):
            name = function_name(node.this)
            if name.lower() not in SAFE_TABLE_FUNCTIONS:
                raise GuardError(
                    "forbidden_function",
                    f"The table function {name} is not allowed: only the tables of the data model can be read.",
                    f"Die Tabellenfunktion {name} ist nicht erlaubt: nur die Tabellen des Datenmodells sind lesbar.",
                    position_of(node.this),
                )
        elif isinstance(node, exp.Table) and not isinstance(node.this, exp.Identifier):
            raise GuardError(
                "unknown_table",
                f"FROM needs a table name, not {node.this.sql()[:60] if node.this else 'nothing'}.",
                f"FROM braucht einen Tabellennamen, nicht {node.this.sql()[:60] if node.this else 'nichts'}.",
            )
        elif isinstance(node, exp.Table) and FILE_LIKE.search(node.name):
            raise GuardError(
                "file_access",
                f"Reading the file or address '{node.name[:80]}' is not allowed: only the tables of the data model can be read.",
                f"Das Lesen der Datei oder Adresse '{node.name[:80]}' ist nicht erlaubt: nur die Tabellen des Datenmodells sind lesbar.",
                position_of(node),
            )
    return tree


def no_forbidden_functions(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """No function that reads files, settings, the environment or the catalog, or changes state."""
    for node in tree.walk():
        if isinstance(node, exp.Func) and FORBIDDEN_FUNCTIONS.match(function_name(node)):
            name = function_name(node)
            raise GuardError(
                "forbidden_function",
                f"The function {name} is not allowed: it reaches files, settings or the system outside the data.",
                f"Die Funktion {name} ist nicht erlaubt: sie greift auf Dateien, Einstellungen oder das System zu.",
                position_of(node),
            )
    return tree


def limit_rows(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """A LIMIT on the outermost query: added when missing, lowered when larger; returns a new tree."""
    # a limit that is not a plain number (a percentage, WITH TIES, an expression) keeps its meaning
    # inside a wrapper that returns at most max_rows of its rows
    if isinstance(tree, exp.Values):
        return _wrapped(tree, policy.max_rows)
    assert isinstance(tree, exp.Query)  # only_queries ran before
    if tree.args.get("limit") is None:
        return tree.limit(policy.max_rows)
    current = outer_limit(tree)
    if current is None:
        return _wrapped(tree, policy.max_rows)
    return tree if current <= policy.max_rows else tree.limit(policy.max_rows)


def _wrapped(query: exp.Expr, rows: int) -> exp.Query:
    """SELECT * FROM (query) AS limited LIMIT rows."""
    alias = exp.TableAlias(this=exp.to_identifier("limited"))
    return exp.select("*").from_(exp.Subquery(this=query.copy(), alias=alias)).limit(rows)


def outer_limit(tree: exp.Expr) -> int | None:
    """The row count of the outermost LIMIT when it is a plain number, else None."""
    limit = tree.args.get("limit")
    if not isinstance(limit, exp.Limit) or not isinstance(limit.expression, exp.Literal):
        return None
    options = limit.args.get("limit_options")
    if options is not None and (options.args.get("percent") or options.args.get("with_ties")):
        return None
    return int(limit.expression.this) if limit.expression.is_int else None


def function_name(node: exp.Func) -> str:
    """A function's name as written (unknown functions) or as sqlglot knows it."""
    if isinstance(node, exp.Anonymous):
        return str(node.name)
    return node.sql_name()
