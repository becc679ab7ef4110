"""Contract tables as SELECTs over the plant's own tables, files or rows, in the source's dialect."""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.optimizer.scope import traverse_scope

from .contract import contract_tables
from .source_file import SourceError, SourceSpec, TableMapping


def mapping_select(spec: SourceSpec, mapping: TableMapping, relation: exp.Expr | None = None) -> exp.Query:
    """The SELECT that shows one mapped table with the contract's column names, in contract order."""
    dialect = spec.dialect
    if mapping.select is not None:  # the plant's SELECT may return more: only the contract's columns come out
        names = [exp.column(c, "src") for c in contract_tables()[mapping.name].column_names]
        return exp.select(*names).from_(_user_select(mapping, dialect).subquery("src"))
    if mapping.rows is not None:
        return rows_select(mapping.name, mapping.rows)
    if relation is None:
        assert mapping.table is not None, mapping.name
        relation = exp.to_table(mapping.table, dialect=dialect)
    columns = [
        exp.alias_(_expression(mapping, column, dialect), column, quoted=False)
        for column in contract_tables()[mapping.name].column_names
    ]
    return exp.select(*columns).from_(relation.as_("src") if not relation.alias else relation)


def rows_select(name: str, rows: tuple[dict[str, Any], ...]) -> exp.Query:
    """Literal rows as a typed SELECT over VALUES (every column cast to its contract type)."""
    table = contract_tables()[name]
    names = table.column_names
    unknown = {k for row in rows for k in row} - set(names)
    if unknown or not rows:
        what = f"unknown columns {', '.join(sorted(unknown))}" if unknown else "no rows"
        was = f"unbekannte Spalten {', '.join(sorted(unknown))}" if unknown else "keine Zeilen"
        raise SourceError(f"tables.{name}.rows: {what}.", f"tables.{name}.rows: {was}.")
    values = exp.values(
        [tuple(_literal(row.get(c)) for c in names) for row in rows], alias="v", columns=list(names)
    )
    columns = [
        exp.alias_(exp.cast(exp.column(c.name, "v"), _type(c.type)), c.name, quoted=False)
        for c in table.columns
    ]
    return exp.select(*columns).from_(values)


def inline_mappings(tree: exp.Expr, selects: dict[str, exp.Query]) -> exp.Expr:
    """Replace each real table of the query that has a mapping by the mapping as a derived table."""
    tree = tree.copy()
    for scope in traverse_scope(tree):
        for source in list(scope.sources.values()):
            if isinstance(source, exp.Table) and not source.db and source.name.lower() in selects:
                alias = source.alias or source.name
                derived = exp.Subquery(
                    this=selects[source.name.lower()].copy(),
                    alias=exp.TableAlias(this=exp.to_identifier(alias)),
                )
                source.replace(derived)
    return tree


def _user_select(mapping: TableMapping, dialect: str) -> exp.Query:
    """The plant's own SELECT, parsed in its dialect."""
    try:
        tree = sqlglot.parse_one(mapping.select or "", read=dialect)
    except sqlglot.errors.ParseError as error:
        raise SourceError(
            f"tables.{mapping.name}.select is not valid {dialect} SQL: {str(error).splitlines()[0]}",
            f"tables.{mapping.name}.select ist kein gültiges {dialect}-SQL: {str(error).splitlines()[0]}",
        ) from error
    if not isinstance(tree, exp.Query):
        raise SourceError(
            f"tables.{mapping.name}.select must be a SELECT.",
            f"tables.{mapping.name}.select muss ein SELECT sein.",
        )
    return tree


def _expression(mapping: TableMapping, column: str, dialect: str) -> exp.Expr:
    """A contract column's plant expression as a tree."""
    text = mapping.expression(column)
    try:
        return sqlglot.parse_one(text, read=dialect)
    except sqlglot.errors.ParseError as error:
        raise SourceError(
            f"tables.{mapping.name}.columns.{column}: {text!r} is not a valid {dialect} expression.",
            f"tables.{mapping.name}.columns.{column}: {text!r} ist kein gültiger {dialect}-Ausdruck.",
        ) from error


def _literal(value: Any) -> exp.Expr:
    """A YAML value as a SQL literal."""
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float):
        return exp.Literal.number(value)
    return exp.Literal.string(str(value))


def _type(contract_type: str) -> exp.DataType:
    """A contract column type as a sqlglot type."""
    return exp.DataType.build(contract_type, dialect="duckdb")
