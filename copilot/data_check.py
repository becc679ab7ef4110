"""The contract's rules on the data, checked once when the source opens; answers that read a table carry its problems.

A figure built on a NULL shift date, a duplicated row, a negative duration or a shift planned with no
minutes is wrong without looking wrong. Each problem is said once, naming table, column and an example
row, and every answer whose queries read that table carries it as a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connectors.base import Connector, ConnectorError
from connectors.contract import contract_tables

# Values the contract wants positive or non-negative, beyond NOT NULL and keys: (table, column, rule, en, de).
RANGES: tuple[tuple[str, str, str, str, str], ...] = (
    ("downtime_events", "duration_s", "< 0", "a negative duration", "negativer Dauer"),
    ("changeovers", "duration_s", "< 0", "a negative duration", "negativer Dauer"),
    ("units", "cycle_time_s", "< 0", "a negative cycle time", "negativer Taktzeit"),
    ("shift_calendar", "planned_minutes", "<= 0", "no planned minutes", "0 oder weniger geplanten Minuten"),
    ("energy_readings", "value", "< 0", "a negative consumption", "negativem Verbrauch"),
)
LABELS = frozenset({"lines"})  # tables every answer is labelled from, whether its queries read them or not


@dataclass(frozen=True)
class DataProblem:
    """One rule the data breaks: where, how often, an example row, and the sentence for people."""

    table: str
    column: str
    count: int
    example: str
    message_en: str
    message_de: str

    def text(self, language: str) -> str:
        """The warning in the user's language."""
        return self.message_de if language == "de" else self.message_en


def check_data(connector: Connector) -> list[DataProblem]:
    """NULLs in required columns, duplicated keys and values out of range, per contract table the source has."""
    schema = connector.schema()
    problems: list[DataProblem] = []
    for table in contract_tables().values():
        columns = schema.get(table.name)
        if not columns:
            continue
        required = [c.name for c in table.columns if not c.nullable and c.name in columns]
        ranges = [r for r in RANGES if r[0] == table.name and r[1] in columns]
        key = [k for k in table.primary_key if k in columns]
        try:
            problems += _table_problems(connector, table.name, key, required, ranges)
        except ConnectorError:
            continue  # a table the engine cannot read is reported by the query that needs it
    return problems


def _table_problems(
    connector: Connector,
    table: str,
    key: list[str],
    required: list[str],
    ranges: list[tuple[str, str, str, str, str]],
) -> list[DataProblem]:
    """One query per table: counts and an example key for each rule."""
    shown = " || '/' || ".join(f"CAST({k} AS VARCHAR)" for k in key) if key else "'?'"
    parts = []
    for column in required:
        parts.append(
            f"COUNT(*) FILTER (WHERE {column} IS NULL), MIN({shown}) FILTER (WHERE {column} IS NULL)"
        )
    for _, column, rule, _, _ in ranges:
        parts.append(f"COUNT(*) FILTER (WHERE {column} {rule}), MIN({shown}) FILTER (WHERE {column} {rule})")
    if key:
        row = f"({', '.join(key)})" if len(key) > 1 else key[0]
        parts.append(f"COUNT({row}) - COUNT(DISTINCT {row}), NULL")  # a key without a value is said above
    if not parts:
        return []
    values = list(connector.execute(f"SELECT {', '.join(parts)} FROM {table}").iloc[0])
    found: list[DataProblem] = []
    pairs = [(values[i], values[i + 1]) for i in range(0, len(values), 2)]
    for column, (count, example) in zip(required, pairs, strict=False):
        if count:
            found.append(_problem(table, column, int(count), example, "without a value", "ohne Wert"))
    for (_, column, _, en, de), (count, example) in zip(ranges, pairs[len(required) :], strict=False):
        if count:
            found.append(_problem(table, column, int(count), example, f"with {en}", f"mit {de}"))
    if key and pairs[-1][0]:
        examples = connector.execute(
            f"SELECT {shown} FROM {table} GROUP BY {', '.join(key)} HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 1"
        )
        example = examples.iloc[0, 0] if len(examples) else "?"
        count = int(pairs[-1][0])
        found.append(_problem(table, "/".join(key), count, example, "duplicated", "doppelt vorhanden"))
    return found


def _problem(table: str, column: str, count: int, example: object, en: str, de: str) -> DataProblem:
    """The problem with its sentence: table, column, how many rows, one example."""
    sample = str(example)[:60]
    rows_en, rows_de = (
        ("1 row", "1 Zeile") if count == 1 else (f"{count:,} rows", f"{count:,} Zeilen".replace(",", "."))
    )
    return DataProblem(
        table,
        column,
        count,
        sample,
        f"Data problem: {table}.{column} – {rows_en} {en} (e.g. {sample}); figures from {table} may be wrong.",
        f"Datenproblem: {table}.{column} – {rows_de} {de} (z. B. {sample}); Zahlen aus {table} können falsch sein.",
    )


def touched(problems: list[DataProblem], sqls: list[str]) -> list[DataProblem]:
    """The problems of the tables the queries read, and of the lines, whose names label every figure."""
    text = "\n".join(sqls)
    return [
        p
        for p in problems
        if (sqls and p.table in LABELS) or re.search(rf"\b{re.escape(p.table)}\b", text, re.IGNORECASE)
    ]
