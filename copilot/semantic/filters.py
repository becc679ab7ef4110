"""What a metric query is restricted to: entities and a time window, as sqlglot conditions."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Protocol, cast

from sqlglot import exp


class Window(Protocol):
    """A time window [start, end) on the plant's wall clock."""

    @property
    def start(self) -> datetime:
        """First moment inside the window."""
        ...

    @property
    def end(self) -> datetime:
        """First moment after the window."""
        ...


@dataclass(frozen=True)
class Filters:
    """Entity restrictions by contract identifier; an empty tuple means no restriction."""

    lines: tuple[str, ...] = ()
    stations: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    shifts: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    suppliers: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    loss_categories: tuple[str, ...] = ()
    without_loss_categories: tuple[str, ...] = ()  # 'ohne Rüsten', 'not counting changeovers'
    defects: tuple[str, ...] = ()
    defect_categories: tuple[str, ...] = ()  # 'Umformfehler': every defect of that category
    alarms: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    meters: tuple[str, ...] = ()
    batches: tuple[str, ...] = ()
    orders: tuple[str, ...] = ()  # production orders by id: their units, or the orders themselves
    work_orders: tuple[str, ...] = ()  # maintenance orders by id
    family_changes: tuple[str, ...] = ()  # 'within' or 'between' product families (changeovers)
    from_families: tuple[str, ...] = ()  # changeovers from these families (families: to them)
    from_products: tuple[str, ...] = ()  # changeovers from these products (products: to them)
    maintenance_kinds: tuple[str, ...] = ()  # 'corrective', 'preventive'
    statuses: tuple[
        str, ...
    ] = ()  # maintenance: 'open', 'in_progress', 'done'; production: 'planned', 'running', 'done'
    missing: tuple[str, ...] = ()  # columns left empty in the data: 'station' (events without a station)
    durations: tuple[str, ...] = ()  # the record's own duration: 'gt:1800' (longer than 30 min), 'lt:120'
    notes: tuple[str, ...] = ()  # phrases the free text typed at the line contains: 'Stau an der Rutsche'

    def used(self) -> dict[str, tuple[str, ...]]:
        """The restrictions that are set."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def replace(self, **changes: tuple[str, ...]) -> Filters:
        """A copy with some restrictions changed."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Filters(**values)


def duration_conditions(
    f: Filters, duration: exp.Expression, references: dict[str, exp.Expression] | None = None
) -> list[exp.Expression]:
    """'longer than 30 min', 'more than twice the ideal': the record's duration against each limit.

    A limit is 'gt:1800' (seconds) or 'gt:2xideal' (a factor of one of the record's references); a
    reference the record does not have sets no condition (the planner only names ones it has)."""
    conditions: list[exp.Expression] = []
    for limit in f.durations:
        sense, amount = limit.split(":")
        factor, _, reference = amount.partition("x")
        if reference and reference not in (references or {}):
            continue
        bound: exp.Expression = exp.Literal.number(float(factor))
        if reference:
            bound = exp.Mul(this=bound, expression=(references or {})[reference].copy())
        compare = exp.GT if sense == "gt" else exp.LT
        conditions.append(compare(this=duration.copy(), expression=bound))
    return conditions


def shift_days(window: Window) -> tuple[date, date]:
    """Production days (shift_date) of a window: first day and the day after the last."""
    last = window.end.date() if window.end.time() == time(0) else window.end.date() + timedelta(days=1)
    return window.start.date(), max(last, window.start.date() + timedelta(days=1))


def date_literal(day: date) -> exp.Expression:
    """DATE 'YYYY-MM-DD'."""
    return exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE)


def timestamp_literal(moment: datetime) -> exp.Expression:
    """TIMESTAMP 'YYYY-MM-DD HH:MM:SS'."""
    return exp.cast(exp.Literal.string(moment.isoformat(sep=" ")), exp.DataType.Type.TIMESTAMP)


def column(name: str, table: str | None = None) -> exp.Column:
    """A (qualified) column."""
    return exp.column(name, table=table)


def one_of(expression: exp.Expression, values: tuple[str, ...]) -> exp.Expression:
    """expression IN ('a', 'b'), or = for a single value."""
    literals = [exp.Literal.string(v) for v in values]
    if len(literals) == 1:
        return exp.EQ(this=expression, expression=literals[0])
    return exp.In(this=expression, expressions=literals)


def day_range(expression: exp.Expression, window: Window) -> exp.Expression:
    """A shift_date-like column inside the window's production days."""
    first, after = shift_days(window)
    condition = exp.and_(
        exp.GTE(this=expression, expression=date_literal(first)),
        exp.LT(this=expression.copy(), expression=date_literal(after)),
    )
    return cast(exp.Expression, condition)


def time_range(expression: exp.Expression, window: Window) -> exp.Expression:
    """A timestamp column inside [start, end)."""
    condition = exp.and_(
        exp.GTE(this=expression, expression=timestamp_literal(window.start)),
        exp.LT(this=expression.copy(), expression=timestamp_literal(window.end)),
    )
    return cast(exp.Expression, condition)


def sql_text(value: str) -> str:
    """A string literal in SQL, quotes doubled: for identifiers in hand-written analysis queries."""
    return exp.Literal.string(value).sql(dialect="duckdb")


def sql_list(values: tuple[str, ...] | list[str]) -> str:
    """'a', 'b' for an IN list."""
    return ", ".join(sql_text(v) for v in values)


def sql_timestamp(moment: datetime) -> str:
    """CAST('…' AS TIMESTAMP) for hand-written analysis queries."""
    return timestamp_literal(moment).sql(dialect="duckdb")


def note_conditions(f: Filters, note: exp.Expression) -> list[exp.Expression]:
    """The note contains each phrase, in any case; the wildcards of LIKE are taken as plain text."""
    conditions: list[exp.Expression] = []
    for phrase in f.notes:
        plain = phrase.lower().replace("%", " ").replace("_", " ")
        conditions.append(
            exp.Like(this=exp.Lower(this=note.copy()), expression=exp.Literal.string(f"%{plain}%"))
        )
    return conditions
