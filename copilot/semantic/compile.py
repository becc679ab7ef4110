"""Metric queries compiled into SQL trees: one metric, a window, filters, a grouping, a ranking."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp

from .catalog import METRIC_BY_KEY, Metric
from .filters import Filters, Window
from .sources import BY_SHIFT, SOURCES

SOURCE_FILTERS: dict[str, frozenset[str]] = {
    "shift": frozenset({"lines", "shifts", "teams"}),
    "units": frozenset(
        {
            "lines",
            "shifts",
            "teams",
            "products",
            "families",
            "suppliers",
            "defects",
            "defect_categories",
            "batches",
            "orders",
            "durations",
        }
    ),
    "downtime": frozenset(
        {
            "lines",
            "shifts",
            "teams",
            "stations",
            "reasons",
            "loss_categories",
            "without_loss_categories",
            "missing",
            "durations",
            "notes",
        }
    ),
    "changeovers": frozenset(
        {
            "lines",
            "shifts",
            "teams",
            "products",
            "families",
            "family_changes",
            "from_families",
            "from_products",
            "durations",
        }
    ),
    "energy": frozenset({"lines", "media", "meters", "shifts", "teams"}),
    "energy_cost": frozenset({"lines", "media", "meters", "shifts", "teams"}),
    "tariffs": frozenset({"media"}),
    "idle": frozenset({"lines", "media", "meters"}),
    "reading_gaps": frozenset({"lines", "media", "meters"}),
    "energy_per_unit": frozenset({"lines", "media", "meters", "shifts"}),
    "alarms": frozenset({"lines", "shifts", "teams", "stations", "alarms", "durations"}),
    "maintenance": frozenset({"lines", "stations", "maintenance_kinds", "statuses", "work_orders"}),
    "orders": frozenset({"lines", "products", "families", "statuses", "orders"}),
}


class UnsupportedQuery(ValueError):
    """A grouping or filter the metric's data cannot provide."""

    def __init__(self, metric: Metric, what: str, value: str) -> None:
        super().__init__(f"{metric.label_en} cannot be {what} {value}")
        self.metric = metric
        self.what = what
        self.value = value


@dataclass(frozen=True)
class MetricQuery:
    """What to compute: a metric over a window, restricted, grouped and ranked."""

    metric: str
    window: Window
    filters: Filters = field(default_factory=Filters)
    group_by: tuple[str, ...] = ()
    order: str | None = None  # 'desc' or 'asc' on the value
    limit: int | None = None
    limit_within: str | None = (
        None  # a grouping dimension the limit applies inside: the top defect of each line
    )

    @property
    def definition(self) -> Metric:
        """The catalogue entry of the metric."""
        return METRIC_BY_KEY[self.metric]


def effective_filters(query: MetricQuery) -> Filters:
    """The query's filters with the metric's default energy media filled in."""
    metric = query.definition
    if metric.media and not query.filters.media:
        return query.filters.replace(media=metric.media)
    return query.filters


def ignored_filters(query: MetricQuery) -> list[str]:
    """Filters set on the query that the metric's source cannot apply."""
    supported = SOURCE_FILTERS[query.definition.source]
    return [name for name in effective_filters(query).used() if name not in supported]


# dimensions computed from another: the ISO weekday (Monday 1) from the day, counted from a Monday
# in days, which every dialect writes the same way
DERIVED_DIMENSIONS = {
    "weekday": ("day", "((DATE_DIFF('day', DATE '2000-01-03', day) % 7) + 7) % 7 + 1"),
    "start": ("record", "ts"),  # a record's own moment, where records are kept one by one
}


def _grouping(dimension: str) -> str:
    """The SQL of a grouping column: its name, or the expression it is derived with."""
    return DERIVED_DIMENSIONS[dimension][1] if dimension in DERIVED_DIMENSIONS else dimension


UNPLANNED = "NOT planned"  # the condition of downtime measures: planned stops are not a loss


def compile_query(query: MetricQuery) -> exp.Select:
    """The SQL tree of a metric query (grouping columns, value, evidence columns)."""
    metric = query.definition
    filters = effective_filters(query)
    by_shift = {"shift", "team"} & set(query.group_by) and metric.source in BY_SHIFT
    source = (BY_SHIFT if by_shift else SOURCES)[metric.source](filters, query.window)
    for dimension in query.group_by:
        base = DERIVED_DIMENSIONS.get(dimension, (dimension,))[0]
        if base not in source.dimensions and dimension not in source.dimensions:
            raise UnsupportedQuery(metric, "grouped by", dimension)
    groups = [_grouping(d) for d in query.group_by]
    columns: list[exp.Expression | str] = [
        *(f"{sql} AS {d}" if sql != d else d for d, sql in zip(query.group_by, groups, strict=True)),
        f"{metric.value} AS value",
    ]
    columns += [f"{sql} AS {name}" for name, sql in metric.evidence]
    select = sqlglot.select(*columns, dialect="duckdb").from_(source.name, copy=False)
    for name, cte in source.ctes:  # the builders work in place: every tree here is new
        select = select.with_(name, as_=cte, copy=False)
    where = metric.where
    if where == UNPLANNED and (filters.reasons or filters.loss_categories):
        where = None  # 'Stillstand wegen geplanter Wartung': the reasons named are counted, planned ones too
    if where:
        select = select.where(where, dialect="duckdb", copy=False)
    if query.group_by:
        select = select.group_by(*groups, dialect="duckdb", copy=False)
        select = select.order_by(*_ordering(query), dialect="duckdb", copy=False)
    if query.limit and query.limit_within in query.group_by:
        return _top_within(select, query)
    if query.limit:
        select = select.limit(query.limit, copy=False)
    return select


def _top_within(grouped: exp.Select, query: MetricQuery) -> exp.Select:
    """The first `limit` rows of each value of one grouping column, ranked on the value, in every dialect."""
    direction = "ASC" if query.order == "asc" else "DESC"
    ctes = grouped.args.pop("with_", None)  # the sources' CTEs stay at the top, where every engine takes them
    grouped.set("order", None)
    numbered = sqlglot.select(
        "g.*",
        f"ROW_NUMBER() OVER (PARTITION BY g.{query.limit_within} ORDER BY g.value {direction} NULLS LAST) AS place",
        dialect="duckdb",
    ).from_(grouped.subquery("g", copy=False), copy=False)
    top = (
        sqlglot.select("*", dialect="duckdb")
        .from_(numbered.subquery("r", copy=False), copy=False)
        .where(f"place <= {int(query.limit or 1)}", dialect="duckdb", copy=False)
        .order_by(f"value {direction} NULLS LAST", *query.group_by, dialect="duckdb", copy=False)
    )
    top.set("with_", ctes)
    return top


def _ordering(query: MetricQuery) -> list[str]:
    """Rank by value when asked to, else keep the dimensions' natural order."""
    groups = [_grouping(d) for d in query.group_by]
    if query.order in ("asc", "desc"):
        return [f"value {query.order.upper()} NULLS LAST", *groups]
    return groups


def to_sql(query: MetricQuery, dialect: str = "duckdb", pretty: bool = True) -> str:
    """The query as SQL text."""
    return compile_query(query).sql(dialect=dialect, pretty=pretty)
