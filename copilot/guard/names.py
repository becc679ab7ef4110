"""Rules over names: only the contract's tables, no system tables, and only columns those tables have.

CTE names, their columns, derived tables, table and column aliases and lambda variables are resolved
with the visibility SQL gives them, so a CTE cannot lend its name to a real table elsewhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.optimizer.scope import walk_in_scope

from .errors import GuardError, did_you_mean, position_of
from .policy import Policy, fold, loose
from .rules import SYSTEM_SCHEMAS, SYSTEM_TABLES

OWNERS = (exp.Select, exp.SetOperation)  # the nodes columns belong to


@dataclass(frozen=True)
class Source:
    """Something a SELECT reads from: its names, what it shows as, and its columns (None: not known)."""

    names: frozenset[str]  # folded alias and, for tables, the table name
    shown: str
    columns: tuple[str, ...] | None

    @property
    def folded(self) -> frozenset[str]:
        """The column names folded for comparison."""
        return frozenset(fold(c) for c in self.columns or ())


def no_system_tables(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """No catalog or system tables (information_schema, pg_catalog, duckdb_*, sqlite_master, …)."""
    for table in real_tables(tree):
        parts = [p for p in (table.catalog, table.db, table.name) if p]
        if fold(table.name) in policy.tables and not table.db:
            continue
        if any(fold(p) in SYSTEM_SCHEMAS or SYSTEM_TABLES.match(p) for p in parts):
            shown = ".".join(parts)
            raise GuardError(
                "system_table",
                f"The system table {shown} is not available: ask about the tables of the data model instead.",
                f"Die Systemtabelle {shown} ist nicht verfügbar: bitte nach den Tabellen des Datenmodells fragen.",
                position_of(table),
            )
    return tree


def contract_tables(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """Every table read is a contract table, unqualified or in schema main."""
    for table in real_tables(tree):
        if table.catalog or (table.db and fold(table.db) != "main"):
            shown = ".".join(p for p in (table.catalog, table.db, table.name) if p)
            raise GuardError(
                "unknown_table",
                f"The table {shown} is not part of the data model; name the table without a database or schema.",
                f"Die Tabelle {shown} gehört nicht zum Datenmodell; bitte den Namen ohne Datenbank oder Schema angeben.",
                position_of(table),
            )
        if fold(table.name) not in policy.tables:
            close = closest(table.name, list(policy.schema))
            en, de = did_you_mean(close)
            raise GuardError(
                "unknown_table",
                f"Unknown table '{table.name}': it is not part of the data model.{en}",
                f"Unbekannte Tabelle '{table.name}': sie gehört nicht zum Datenmodell.{de}",
                position_of(table),
                close,
            )
    return tree


def contract_columns(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """Every column exists in a table, CTE, derived table or alias visible where it is used."""
    resolver = _Resolver(policy)
    for owner in tree.find_all(*OWNERS):
        if owner.find(exp.Pivot):
            continue  # PIVOT makes its columns from the data; DuckDB checks them
        for node in walk_in_scope(owner):
            if type(node) is exp.Column and not isinstance(node.this, exp.Star | exp.Placeholder):
                resolver.check_column(node, owner)
            elif isinstance(node, exp.Column) and node.table:
                resolver.check_qualifier(node, owner)
    return tree


def tables_read(tree: exp.Expr, policy: Policy) -> tuple[str, ...]:
    """The contract tables the query reads, sorted."""
    return tuple(
        sorted({policy.tables[fold(t.name)] for t in real_tables(tree) if fold(t.name) in policy.tables})
    )


def real_tables(tree: exp.Expr) -> list[exp.Table]:
    """Tables named in the query that are not references to a visible CTE."""
    return [
        table
        for table in tree.find_all(exp.Table)
        if isinstance(table.this, exp.Identifier) and visible_cte(table) is None
    ]


def visible_cte(table: exp.Table) -> exp.CTE | None:
    """The CTE a table name refers to: one of an enclosing WITH, earlier in the list (or itself if RECURSIVE)."""
    if table.db or table.catalog:
        return None
    name = fold(table.name)
    child: exp.Expr = table
    node = table.parent
    while node is not None:
        if isinstance(node, exp.With):
            ctes = node.expressions
            index = next((i for i, cte in enumerate(ctes) if cte is child), len(ctes))
            found = _named(ctes[: index + 1] if node.args.get("recursive") else ctes[:index], name)
            if found is not None:
                return found
            owner = node.parent  # the owner's body is not around this table, so skip to its parent
            if owner is None:
                return None
            child, node = owner, owner.parent
            continue
        with_ = node.args.get("with_")
        if isinstance(with_, exp.With) and child is not with_:
            found = _named(with_.expressions, name)
            if found is not None:
                return found
        child, node = node, node.parent
    return None


def closest(name: str, candidates: list[str]) -> list[str]:
    """Up to three candidates closest to name, by spelling (case and fullwidth letters folded)."""
    by_loose = {loose(c): c for c in candidates}
    return [by_loose[m] for m in difflib.get_close_matches(loose(name), list(by_loose), n=3, cutoff=0.6)]


def _named(ctes: list[exp.CTE], name: str) -> exp.CTE | None:
    """The CTE of that folded name."""
    return next((cte for cte in ctes if fold(cte.alias_or_name) == name), None)


class _Resolver:
    """Finds what a column name refers to, keeping each SELECT's sources once found."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.cache: dict[int, list[Source]] = {}

    def check_column(self, column: exp.Column, owner: exp.Expr) -> None:
        """Refuse a column no visible source or alias has, naming the closest ones."""
        if column.table:
            self.check_qualified(column, owner)
            return
        name = fold(column.name)
        if name in _bound_variables(column):
            return
        for scope in _owners(owner):
            sources = self.sources(scope)
            if any(s.columns is None for s in sources) or name in _aliases(scope, column):
                return
            if any(name in s.names or name in s.folded for s in sources):
                return
        sources = self.sources(owner)
        candidates = [c for s in sources for c in s.columns or ()] + sorted(_aliases(owner))
        _unknown_column(column, ", ".join(s.shown for s in sources), candidates)

    def check_qualified(self, column: exp.Column, owner: exp.Expr) -> None:
        """Refuse t.c when t is a source without column c."""
        source = self.source_named(fold(column.table), owner)
        if source is None:
            self.check_qualifier(column, owner)
        elif source.columns is not None and fold(column.name) not in source.folded:
            _unknown_column(column, source.shown, list(source.columns))

    def check_qualifier(self, column: exp.Column, owner: exp.Expr) -> None:
        """Refuse t.c or t.* when t is neither a visible source nor a column holding a struct."""
        qualifier = fold(column.table)
        if self.source_named(qualifier, owner) is not None:
            return
        for scope in _owners(owner):
            if any(s.columns is None or qualifier in s.folded for s in self.sources(scope)):
                return  # a struct column: t.c reads field c of column t
        close = closest(column.table, sorted({n for s in self.sources(owner) for n in s.names}))
        en, de = did_you_mean(close)
        raise GuardError(
            "unknown_table",
            f"Unknown table or alias '{column.table}' in {column.sql()}: the query reads no table by that name.{en}",
            f"Unbekannte Tabelle oder unbekannter Alias '{column.table}' in {column.sql()}: die Abfrage liest "
            f"keine Tabelle dieses Namens.{de}",
            position_of(column.args.get("table")),
            close,
        )

    def source_named(self, name: str, owner: exp.Expr) -> Source | None:
        """The nearest source of that folded name, in this SELECT or an enclosing one."""
        for scope in _owners(owner):
            for source in self.sources(scope):
                if name in source.names:
                    return source
        return None

    def sources(self, owner: exp.Expr) -> list[Source]:
        """What a SELECT reads: FROM, JOINs and LATERALs."""
        if id(owner) not in self.cache:
            items = [
                owner.args.get("from_"),
                *(owner.args.get("joins") or []),
                *(owner.args.get("laterals") or []),
            ]
            nodes = [item.this if isinstance(item, exp.From | exp.Join) else item for item in items if item]
            found = [_source(node, self.policy) for node in nodes] if isinstance(owner, exp.Select) else []
            self.cache[id(owner)] = found
        return self.cache[id(owner)]


def _unknown_column(column: exp.Column, where: str, candidates: list[str]) -> None:
    """Raise the refusal for an unknown column with the closest names, or the names there are."""
    names = sorted(set(candidates))
    close = closest(column.name, names)
    en, de = did_you_mean(close)
    if not close and 0 < len(names) <= 15:
        en, de = f" Its columns are: {', '.join(names)}.", f" Vorhandene Spalten: {', '.join(names)}."
    place = f" in {where}" if where else ""
    raise GuardError(
        "unknown_column",
        f"Unknown column '{column.name}'{place}.{en}",
        f"Unbekannte Spalte '{column.name}'{place}.{de}",
        position_of(column.this),
        close,
    )


def _owners(owner: exp.Expr) -> Iterator[exp.Expr]:
    """This SELECT or set operation, then each enclosing one (correlated subqueries see outer sources)."""
    node: exp.Expr | None = owner
    while node is not None:
        if isinstance(node, OWNERS):
            yield node
        node = node.parent


def _source(node: exp.Expr, policy: Policy) -> Source:
    """One source with the columns it shows."""
    alias = node.alias
    base: tuple[str, ...] | None = None
    names = {fold(alias)} if alias else set()
    if isinstance(node, exp.Table) and isinstance(node.this, exp.Identifier):
        names.add(fold(node.name))
        cte = visible_cte(node)
        if cte is not None:
            base = _apply_alias(cte, _outputs(cte.this))
        elif fold(node.name) in policy.tables:
            base = tuple(policy.schema[policy.tables[fold(node.name)]])
    elif isinstance(node, exp.Subquery):
        base = _outputs(node.this)
    elif isinstance(node, exp.Lateral) and isinstance(node.this, exp.Subquery):
        base = _outputs(node.this.this)
    elif isinstance(node, exp.Unnest) and not alias:
        names.add("unnest")
        base = ("unnest",)
    if node.args.get("pivots"):
        base = None
    shown = node.name if isinstance(node, exp.Table) and node.name else (alias or "(SELECT …)")
    return Source(frozenset(names), shown, _apply_alias(node, base))


def _apply_alias(node: exp.Expr, base: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Columns renamed by an alias list, as in t(a, b) or WITH c(a, b)."""
    alias = node.args.get("alias")
    renamed = [c.name for c in alias.columns] if isinstance(alias, exp.TableAlias) else []
    if not renamed:
        return base
    return tuple(renamed) + (base[len(renamed) :] if base else ())


def _outputs(query: exp.Expr) -> tuple[str, ...] | None:
    """The column names a query returns, or None when a star or an unnamed expression hides them."""
    while isinstance(query, exp.Subquery):
        query = query.this
    if isinstance(query, exp.SetOperation):
        return _outputs(query.left)
    if not isinstance(query, exp.Select):
        return None
    names = []
    for select in query.selects:
        star = isinstance(select, exp.Star) or (
            isinstance(select, exp.Column) and isinstance(select.this, exp.Star)
        )
        if star or not select.output_name:
            return None
        names.append(select.output_name)
    return tuple(names)


def _aliases(owner: exp.Expr, column: exp.Column | None = None) -> set[str]:
    """SELECT aliases other than the column's own (DuckDB lets WHERE, GROUP BY, HAVING use them), or set outputs."""
    if isinstance(owner, exp.SetOperation):
        return {fold(n) for n in owner.named_selects if n}
    if not isinstance(owner, exp.Select):
        return set()
    return {
        fold(s.alias)
        for s in owner.selects
        if isinstance(s, exp.Alias) and not any(c is column for c in s.find_all(exp.Column))
    }


def _bound_variables(column: exp.Column) -> set[str]:
    """Names bound by enclosing lambdas (x -> x + 1) and list comprehensions ([x FOR x IN …])."""
    names: set[str] = set()
    node = column.parent
    while node is not None:
        if isinstance(node, exp.Lambda):
            names |= {fold(e.name) for e in node.expressions}
        elif isinstance(node, exp.Comprehension):
            names.add(fold(node.expression.name))
        node = node.parent
    return names
