"""Rules on size: how often a query reads the tables, and how large the values it makes may grow.

The engine's time and memory limits stop a query late; these rules refuse, before anything runs,
what would certainly exhaust them: WITH parts that double their reads per level, texts and series of
millions of elements, and aggregates that pack a whole table into one cell.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlglot import exp

from .errors import GuardError, position_of
from .names import visible_cte
from .policy import Policy
from .rules import function_name

# Aggregates whose one result holds every input row: lists and maps are refused, texts are cut to the cap.
PACKING_AGGREGATES: dict[str, str] = {
    **dict.fromkeys(
        ("array_agg", "list", "histogram", "map_agg", "json_group_array", "json_group_object", "json_agg",
         "jsonb_agg", "json_object_agg", "array_concat_agg", "collect_list", "collect_set",
         "array_unique_agg", "bitstring_agg", "xmlagg"),
        "refuse",
    ),
    **dict.fromkeys(("group_concat", "string_agg", "listagg"), "cut"),
}  # fmt: skip
# Functions whose result grows with one argument: (argument name or position, what the bound is of).
GROWING_ARGUMENTS: dict[str, tuple[str | int, str]] = {
    "repeat": ("times", "text"),
    "pad": ("expression", "text"),
    "lpad": (1, "text"),
    "rpad": (1, "text"),
    "list_resize": (1, "list"),
    "array_resize": (1, "list"),
    "array_repeat": (1, "list"),
    "list_repeat": (1, "list"),
}
SERIES = (exp.GenerateSeries, exp.GenerateDateArray, exp.GenerateTimestampArray)
INTERVAL_UNITS = {
    "second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1),
    "day": timedelta(days=1), "week": timedelta(weeks=1), "month": timedelta(days=28),
    "quarter": timedelta(days=89), "year": timedelta(days=365),
}  # fmt: skip


def not_too_many_reads(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """Refuse a query that reads tables more often than the cap once each WITH part is written out where used."""
    weights: dict[int, int] = {}
    for cte in _ctes_inner_first(tree):  # a part's references are to earlier or inner parts
        weights[id(cte)] = _reads(cte.this, weights, policy)
    reads = _reads(tree, weights, policy, skip_ctes=True)
    if reads > policy.max_table_reads:
        raise GuardError(
            "too_complex",
            f"The query reads the tables more than {policy.max_table_reads} times once its WITH parts are written "
            "out where they are used. Join each table once.",
            f"Die Abfrage liest die Tabellen mehr als {policy.max_table_reads}-mal, wenn ihre WITH-Teile dort "
            "eingesetzt sind, wo sie gebraucht werden. Bitte jede Tabelle nur einmal verbinden.",
        )
    return tree


def _ctes_inner_first(tree: exp.Expr) -> list[exp.CTE]:
    """The WITH parts in document order, each after the parts nested inside it."""
    found: list[exp.CTE] = []
    stack: list[tuple[exp.Expr, bool]] = [(tree, False)]
    while stack:
        node, done = stack.pop()
        if done:
            found.append(node)  # type: ignore[arg-type]
            continue
        if isinstance(node, exp.CTE):
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter_expressions())))
    return found


def _reads(node: exp.Expr, weights: dict[int, int], policy: Policy, skip_ctes: bool = False) -> int:
    """Tables read under node, each reference to a WITH part counting as that part's own reads."""
    total = 0
    for table in node.find_all(exp.Table):
        if skip_ctes and table.find_ancestor(exp.CTE) is not None:
            continue
        cte = visible_cte(table)
        total += 1 if cte is None else max(1, weights.get(id(cte), 1))
        if total > policy.max_table_reads:
            return total  # enough to refuse; the exact figure does not matter
    return total


def no_packing_aggregates(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """Refuse list, array_agg and kin, which put a whole table into one cell; cut string_agg to the text cap."""
    for node in list(tree.walk()):
        if not isinstance(node, exp.Func):
            continue
        action = PACKING_AGGREGATES.get(_key(node))
        if action == "cut":
            node.replace(exp.Left(this=node.copy(), expression=exp.Literal.number(policy.max_text_size)))
        elif action == "refuse":
            name = function_name(node)
            raise GuardError(
                "forbidden_function",
                f"The aggregate {name} is not allowed: it packs many rows into one cell. Return the rows "
                "themselves, grouped with GROUP BY.",
                f"Die Aggregatfunktion {name} ist nicht erlaubt: sie packt viele Zeilen in eine Zelle. Bitte "
                "die Zeilen selbst liefern, gruppiert mit GROUP BY.",
                position_of(node),
            )
    return tree


def bounded_sizes(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """Texts, lists and series made by the query stay under the caps, with their sizes written as numbers."""
    for node in tree.walk():
        if isinstance(node, SERIES):
            _check_series(node, policy)
        elif isinstance(node, exp.Func) and _key(node) in GROWING_ARGUMENTS:
            where, kind = GROWING_ARGUMENTS[_key(node)]
            argument = (
                node.expressions[where] if isinstance(where, int) and len(node.expressions) > where else None
            )
            if isinstance(where, str):
                argument = node.args.get(where)
            cap = policy.max_text_size if kind == "text" else policy.max_series
            size = _number(argument)
            if size is None or size > cap:
                _too_large(node, f"{kind} of {_shown(size)} elements", cap)
    return tree


def _check_series(node: exp.Expr, policy: Policy) -> None:
    """range and generate_series: literal bounds and at most max_series elements."""
    start, end, step = (node.args.get(k) for k in ("start", "end", "step"))
    count: float | None = None
    low, high, by = _number(start), _number(end), _number(step) if step is not None else 1.0
    if low is not None and high is not None and by:
        count = abs(high - low) / abs(by)
    else:
        begin, finish, unit = _moment(start), _moment(end), _interval(step)
        if begin is not None and finish is not None and unit:
            count = abs((finish - begin) / unit)
    if count is None or count > policy.max_series:
        _too_large(node, f"series of {_shown(count)} elements", policy.max_series)


def _too_large(node: exp.Expr, what: str, cap: int) -> None:
    """The refusal for a value that would grow past its cap."""
    name = function_name(node) if isinstance(node, exp.Func) else node.key
    raise GuardError(
        "too_large",
        f"{name} would make a {what}; at most {cap:,} are allowed, and the size must be written as a number.",
        f"{name} würde zu viele Elemente erzeugen ({what.split(' of ')[-1].replace(' elements', '')}); erlaubt "
        f"sind höchstens {cap:,}, und die Größe muss als Zahl dastehen.".replace(",", "."),
        position_of(node),
    )


def _key(node: exp.Func) -> str:
    """The folded name rules are looked up by (ARRAY_AGG and ARRAYAGG alike)."""
    return function_name(node).lower()


def _shown(size: float | None) -> str:
    """A size for the message: the number, or 'unknown many'."""
    return "an unknown number of" if size is None else f"{size:,.0f}"


def _number(node: exp.Expr | None) -> float | None:
    """A numeric literal (also negated or cast), else None."""
    if isinstance(node, exp.Cast | exp.Paren):
        return _number(node.this)
    if isinstance(node, exp.Neg):
        inner = _number(node.this)
        return None if inner is None else -inner
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return float(node.this)
        except ValueError:
            return None
    return None


def _moment(node: exp.Expr | None) -> datetime | None:
    """A date or timestamp literal (DATE '…', TIMESTAMP '…', '…'::DATE), else None."""
    while isinstance(node, exp.Cast | exp.Paren | exp.TsOrDsToDate):
        node = node.this
    if isinstance(node, exp.Literal) and node.is_string:
        try:
            return datetime.fromisoformat(node.this)
        except ValueError:
            return None
    return None


def _interval(node: exp.Expr | None) -> timedelta | None:
    """The shortest length an interval literal can have (INTERVAL 1 DAY, INTERVAL '15 minutes'), else None."""
    if not isinstance(node, exp.Interval):
        return None
    text = f"{node.this.name if node.this else ''} {node.unit.name if node.unit else ''}".strip().lower()
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]+?)s?", text)
    if not found or found.group(2) not in INTERVAL_UNITS or float(found.group(1)) <= 0:
        return None
    return INTERVAL_UNITS[found.group(2)] * float(found.group(1))
