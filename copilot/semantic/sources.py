"""Row sources of the semantic layer: each is a CTE over contract tables with standard columns.

Every source exposes dimension columns under shared names (line, day, week, shift, …) and its
measures, so that a metric is just an aggregate expression over one source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import time
from functools import cache
from typing import cast

import sqlglot
from sqlglot import exp

from .filters import (
    Filters,
    Window,
    column,
    day_range,
    duration_conditions,
    note_conditions,
    one_of,
    time_range,
    timestamp_literal,
)


def parse(sql: str) -> exp.Select:
    """A fixed SQL fragment of this module as a new sqlglot tree (parsed once, copied for each use)."""
    return _parsed(sql).copy()


@cache
def _parsed(sql: str) -> exp.Select:
    tree = sqlglot.parse_one(sql, read="duckdb")
    assert isinstance(tree, exp.Select)
    return tree


@dataclass(frozen=True)
class Source:
    """The CTEs that make one source, the name of the last one, and its dimensions."""

    ctes: tuple[tuple[str, exp.Select], ...]
    name: str
    dimensions: frozenset[str]


def _restrict(select: exp.Select, conditions: list[exp.Expression]) -> exp.Select:
    """Add the conditions to a select's WHERE."""
    for condition in conditions:
        select = select.where(condition, copy=False)
    return select


def _line_conditions(f: Filters, line: exp.Expression) -> list[exp.Expression]:
    return [one_of(line, f.lines)] if f.lines else []


def _shift_conditions(f: Filters, table: str, w: Window) -> list[exp.Expression]:
    """Line, shift and production-day restrictions on a table with line_id/shift_date/shift_code."""
    conditions = _line_conditions(f, column("line_id", table))
    conditions.append(day_range(column("shift_date", table), w))
    if f.shifts:
        conditions.append(one_of(column("shift_code", table), f.shifts))
    return conditions


def _within_hours(moment: exp.Expression, w: Window) -> list[exp.Expression]:
    """'die letzten 2 Stunden', 'zwischen 6 und 14 Uhr': a window that starts inside a day holds its records by
    their moment too (production days alone would hold the whole day)."""
    return [time_range(moment, w)] if w.start.time() != time(0) else []


def _restrictions(*pairs: tuple[tuple[str, ...], exp.Expression]) -> list[exp.Expression]:
    """'column IN (…)' for each restriction that is set."""
    return [one_of(col, values) for values, col in pairs if values]


def _team_condition(f: Filters, table: str) -> list[exp.Expression]:
    return [one_of(column("team_id", table), f.teams)] if f.teams else []


def shift_source(f: Filters, w: Window) -> Source:
    """One row per line and worked shift with the ISO 22400 time and quantity terms."""
    calendar = parse(
        "SELECT c.line_id, c.shift_date, c.shift_code, c.team_id, c.planned_minutes FROM shift_calendar AS c"
    )
    calendar = _restrict(calendar, _shift_conditions(f, "c", w) + _team_condition(f, "c"))
    stops = parse(
        "SELECT e.line_id, e.shift_date, e.shift_code, "
        "SUM(e.duration_s) FILTER (WHERE r.planned) AS planned_s, "
        "SUM(e.duration_s) FILTER (WHERE NOT r.planned) AS unplanned_s, "
        "SUM(e.duration_s) FILTER (WHERE r.loss_category = 'setup') AS setup_s, "
        "COUNT(*) FILTER (WHERE r.loss_category = 'breakdown') AS breakdowns "
        "FROM downtime_events AS e JOIN downtime_reasons AS r ON r.reason_code = e.reason_code "
        "GROUP BY e.line_id, e.shift_date, e.shift_code"
    )
    stops = _restrict(stops, _shift_conditions(f, "e", w))
    made = parse(
        "SELECT u.line_id, u.shift_date, u.shift_code, COUNT(*) AS pq, "
        "SUM(CAST(u.is_good AS INT)) AS gq, SUM(lp.ideal_cycle_time_s) AS ideal_s "
        "FROM units AS u JOIN line_products AS lp "
        "ON lp.line_id = u.line_id AND lp.product_id = u.product_id "
        "GROUP BY u.line_id, u.shift_date, u.shift_code"
    )
    made = _restrict(made, _shift_conditions(f, "u", w))
    shifts = parse(
        "SELECT c.line_id AS line, c.shift_date AS day, CAST(DATE_TRUNC('week', c.shift_date) AS DATE) AS week, "
        "c.shift_code AS shift, c.team_id AS team, CAST(c.shift_date AS VARCHAR) || ' ' || c.shift_code AS shift_day, "
        "c.planned_minutes * 60 AS planned_s, c.planned_minutes * 60 - COALESCE(s.planned_s, 0) AS pbt_s, "
        "COALESCE(s.unplanned_s, 0) AS adot_s, "
        "c.planned_minutes * 60 - COALESCE(s.planned_s, 0) - COALESCE(s.unplanned_s, 0) AS apt_s, "
        "COALESCE(s.setup_s, 0) AS setup_s, COALESCE(s.breakdowns, 0) AS breakdowns, "
        "COALESCE(m.pq, 0) AS pq, COALESCE(m.gq, 0) AS gq, COALESCE(m.ideal_s, 0) AS ideal_s "
        "FROM calendar AS c "
        "LEFT JOIN stops AS s ON s.line_id = c.line_id AND s.shift_date = c.shift_date "
        "AND s.shift_code = c.shift_code "
        "LEFT JOIN made AS m ON m.line_id = c.line_id AND m.shift_date = c.shift_date "
        "AND m.shift_code = c.shift_code"
    )
    return Source(
        (("calendar", calendar), ("stops", stops), ("made", made), ("shifts", shifts)),
        "shifts",
        frozenset({"line", "day", "week", "shift", "team", "shift_day"}),
    )


WORKED = (
    "line",
    "day",
    "week",
    "shift",
    "team",
)  # the dimensions of everything that happens in a worked shift


def units_source(f: Filters, w: Window) -> Source:
    """One row per finished unit with its product, batch, shift and team."""
    units = parse(
        "SELECT u.line_id AS line, u.shift_date AS day, CAST(DATE_TRUNC('week', u.shift_date) AS DATE) AS week, "
        "u.shift_code AS shift, c.team_id AS team, u.product_id AS product, p.family AS family, "
        "u.batch_id AS batch, b.supplier AS supplier, u.defect_code AS defect, d.category AS defect_category, "
        "u.order_id AS order_id, CAST(u.shift_date AS VARCHAR) || ' ' || u.shift_code AS shift_day, "
        "CAST(EXTRACT(HOUR FROM u.ts) AS BIGINT) AS hour, CAST(u.is_good AS INT) AS good, u.cycle_time_s, "
        "lp.ideal_cycle_time_s AS ideal_s, l.takt_time_s AS takt_s, u.ts AS ts, u.unit_id AS record "
        "FROM units AS u "
        "JOIN line_products AS lp ON lp.line_id = u.line_id AND lp.product_id = u.product_id "
        "JOIN products AS p ON p.product_id = u.product_id "
        "JOIN lines AS l ON l.line_id = u.line_id "
        "LEFT JOIN material_batches AS b ON b.batch_id = u.batch_id "
        "LEFT JOIN defect_codes AS d ON d.defect_code = u.defect_code "
        "LEFT JOIN shift_calendar AS c ON c.line_id = u.line_id AND c.shift_date = u.shift_date "
        "AND c.shift_code = u.shift_code"
    )
    conditions = _shift_conditions(f, "u", w) + _team_condition(f, "c") + _within_hours(column("ts", "u"), w)
    conditions += _restrictions(
        (f.products, column("product_id", "u")),
        (f.families, column("family", "p")),
        (f.suppliers, column("supplier", "b")),
        (f.defects, column("defect_code", "u")),
        (f.defect_categories, column("category", "d")),
        (f.batches, column("batch_id", "u")),
        (f.orders, column("order_id", "u")),
    )
    conditions += duration_conditions(
        f,
        column("cycle_time_s", "u"),
        {"ideal": column("ideal_cycle_time_s", "lp"), "takt": column("takt_time_s", "l")},
    )  # 'Teile über 90 Sekunden': a unit's time
    return Source(
        (("unit_rows", _restrict(units, conditions)),),
        "unit_rows",
        frozenset(
            {
                *WORKED,
                "product",
                "family",
                "batch",
                "supplier",
                "defect",
                "defect_category",
                "order_id",
                "hour",
                "shift_day",
                "record",
            }
        ),
    )


def downtime_source(f: Filters, w: Window) -> Source:
    """One row per downtime event with its reason, loss category and station."""
    events = parse(
        "SELECT e.line_id AS line, COALESCE(e.station_id, '?') AS station, "
        "e.reason_code AS reason, r.text_de AS reason_de, r.text_en AS reason_en, "
        "r.loss_category AS loss_category, r.planned AS planned, e.shift_date AS day, "
        "CAST(DATE_TRUNC('week', e.shift_date) AS DATE) AS week, e.shift_code AS shift, c.team_id AS team, "
        "e.duration_s, e.event_id, e.event_id AS record, e.start_ts AS ts, e.note AS note "
        "FROM downtime_events AS e JOIN downtime_reasons AS r ON r.reason_code = e.reason_code "
        "LEFT JOIN shift_calendar AS c ON c.line_id = e.line_id AND c.shift_date = e.shift_date "
        "AND c.shift_code = e.shift_code"
    )
    conditions = (
        _shift_conditions(f, "e", w) + _team_condition(f, "c") + _within_hours(column("start_ts", "e"), w)
    )
    conditions += _restrictions(
        (f.stations, column("station_id", "e")),
        (f.reasons, column("reason_code", "e")),
        (f.loss_categories, column("loss_category", "r")),
    )
    if f.without_loss_categories:
        conditions.append(exp.Not(this=one_of(column("loss_category", "r"), f.without_loss_categories)))
    if "station" in f.missing:
        conditions.append(exp.Is(this=column("station_id", "e"), expression=exp.Null()))
    conditions += duration_conditions(f, column("duration_s", "e")) + note_conditions(f, column("note", "e"))
    return Source(
        (("stop_rows", _restrict(events, conditions)),),
        "stop_rows",
        frozenset({"line", "station", "reason", "loss_category", "day", "week", "shift", "team", "record"}),
    )


CHANGEOVER_DIMENSIONS = frozenset(
    {*WORKED, "product", "from_product", "product_change", "family_change", "record"}
)


def changeover_source(f: Filters, w: Window) -> Source:
    """One row per changeover with its standard time and whether it crosses product families."""
    changes = parse(
        "SELECT co.line_id AS line, e.shift_date AS day, CAST(DATE_TRUNC('week', e.shift_date) AS DATE) AS week, "
        "e.shift_code AS shift, c.team_id AS team, co.from_product_id AS from_product, co.to_product_id AS product, "
        "co.from_product_id || ' → ' || co.to_product_id AS product_change, "
        "CASE WHEN pf.family = pt.family THEN 'within' ELSE 'between' END AS family_change, "
        "co.duration_s, co.standard_duration_s AS standard_s, co.changeover_id AS record, co.start_ts AS ts "
        "FROM changeovers AS co JOIN downtime_events AS e ON e.event_id = co.event_id "
        "JOIN products AS pf ON pf.product_id = co.from_product_id "
        "JOIN products AS pt ON pt.product_id = co.to_product_id "
        "LEFT JOIN shift_calendar AS c ON c.line_id = e.line_id AND c.shift_date = e.shift_date "
        "AND c.shift_code = e.shift_code"
    )
    conditions = (
        _shift_conditions(f, "e", w) + _team_condition(f, "c") + _within_hours(column("start_ts", "co"), w)
    )
    conditions += _restrictions(
        (f.products, column("to_product_id", "co")),
        (f.families, column("family", "pt")),
        (f.from_products, column("from_product_id", "co")),
        (f.from_families, column("family", "pf")),
    )
    if len(set(f.family_changes)) == 1:
        between = exp.NEQ(this=column("family", "pf"), expression=column("family", "pt"))
        conditions.append(between if f.family_changes == ("between",) else exp.Not(this=between))
    conditions += duration_conditions(
        f, column("duration_s", "co"), {"standard": column("standard_duration_s", "co")}
    )
    return Source(
        (("changeover_rows", _restrict(changes, conditions)),),
        "changeover_rows",
        CHANGEOVER_DIMENSIONS,
    )


def _meter_conditions(f: Filters) -> list[exp.Expression]:
    conditions = _line_conditions(f, column("line_id", "m"))
    if f.media:
        conditions.append(one_of(column("medium", "m"), f.media))
    if f.meters:
        conditions.append(one_of(column("meter_id", "m"), f.meters))
    return conditions


ENERGY_ROWS = (
    "SELECT m.line_id AS line, m.meter_id AS meter, m.medium AS medium, "
    "CAST(r.ts AS DATE) AS day, DATE_TRUNC('week', r.ts) AS week, CAST(EXTRACT(HOUR FROM r.ts) AS BIGINT) AS hour, "
    "r.ts AS ts, r.value AS kwh "
    "FROM energy_readings AS r JOIN energy_meters AS m ON m.meter_id = r.meter_id"
)


def energy_source(f: Filters, w: Window) -> Source:
    """One row per meter reading (15-minute interval starting in the window, or in the shifts asked for)."""
    during = _in_shifts(f, w) if f.shifts or f.teams else time_range(column("ts", "r"), w)
    readings = _restrict(parse(ENERGY_ROWS), [*_meter_conditions(f), during])
    return Source(
        (("energy_rows", readings),),
        "energy_rows",
        frozenset(
            {"line", "meter", "medium", "day", "week", "hour", "start"}
        ),  # 'start': the interval's own moment
    )


TARIFF_INTERVALS = (  # each price from its start to the next one's (the last for at most an hour, the longest interval)
    "SELECT t.medium, t.ts, COALESCE(LEAD(t.ts) OVER (PARTITION BY t.medium ORDER BY t.ts), "
    "t.ts + INTERVAL '1' HOUR) AS next_ts, t.price_per_kwh, t.currency FROM energy_tariffs AS t"
)
PRICED_ROWS = (
    "SELECT e.line, e.meter, e.medium, e.day, e.week, e.hour, e.ts, e.kwh, e.kwh * p.price_per_kwh AS cost, "
    "p.currency FROM energy_rows AS e JOIN tariff_intervals AS p ON p.medium = e.medium "
    "AND e.ts >= p.ts AND e.ts < p.next_ts"
)


def energy_cost_source(f: Filters, w: Window) -> Source:
    """One row per meter reading that has a price: its kWh at the tariff of its interval (energy_tariffs)."""
    readings = energy_source(f, w)
    return Source(
        (*readings.ctes, ("tariff_intervals", parse(TARIFF_INTERVALS)), ("priced_rows", parse(PRICED_ROWS))),
        "priced_rows",
        readings.dimensions,
    )


TARIFF_ROWS = (  # the prices themselves, one row per tariff interval: known ahead, so also for the coming days
    "SELECT t.medium, t.ts, CAST(t.ts AS DATE) AS day, DATE_TRUNC('week', t.ts) AS week, "
    "CAST(EXTRACT(HOUR FROM t.ts) AS BIGINT) AS hour, t.price_per_kwh AS price, t.currency FROM energy_tariffs AS t"
)


def tariff_source(f: Filters, w: Window) -> Source:
    """One row per tariff interval starting in the window (energy_tariffs), past or ahead."""
    conditions = [time_range(column("ts", "t"), w)]
    if f.media:
        conditions.append(one_of(column("medium", "t"), f.media))
    return Source(
        (("tariff_rows", _restrict(parse(TARIFF_ROWS), conditions)),),
        "tariff_rows",
        frozenset({"medium", "day", "week", "hour", "start"}),
    )


SHIFT_ENERGY_ROWS = (  # a plant-wide meter is read against the shifts of the first line
    "SELECT m.line_id AS line, m.meter_id AS meter, m.medium AS medium, "
    "CAST(r.ts AS DATE) AS day, DATE_TRUNC('week', r.ts) AS week, CAST(EXTRACT(HOUR FROM r.ts) AS BIGINT) AS hour, "
    "c.shift_code AS shift, c.team_id AS team, r.ts AS ts, r.value AS kwh "
    "FROM energy_readings AS r JOIN energy_meters AS m ON m.meter_id = r.meter_id "
    "CROSS JOIN (SELECT MIN(l.line_id) AS first_line FROM lines AS l) AS f "
    "JOIN shift_calendar AS c ON c.line_id = COALESCE(m.line_id, f.first_line) "
    "AND r.ts >= c.start_ts AND r.ts < c.end_ts"
)


def energy_by_shift_source(f: Filters, w: Window) -> Source:
    """One row per meter reading inside a worked shift of the window's production days, with that shift."""
    shifts = _shift_conditions(replace(f, lines=()), "c", w) + _team_condition(f, "c")
    readings = _restrict(parse(SHIFT_ENERGY_ROWS), [*_meter_conditions(f), *shifts])
    return Source(
        (("energy_rows", readings),),
        "energy_rows",
        frozenset({"line", "meter", "medium", "day", "week", "hour", "shift", "team"}),
    )


def _in_shifts(f: Filters, w: Window) -> exp.Expression:
    """The reading starts inside one of the asked shifts of the window's production days (a night shift
    runs past midnight); a plant-wide meter counts when any line works that shift."""
    calendar = parse(
        "SELECT 1 FROM shift_calendar AS c WHERE (m.line_id IS NULL OR c.line_id = m.line_id) "
        "AND r.ts >= c.start_ts AND r.ts < c.end_ts"
    )
    shifts = replace(f, lines=())  # the meter's line is matched above
    calendar = _restrict(calendar, _shift_conditions(shifts, "c", w) + _team_condition(f, "c"))
    return exp.Exists(this=calendar)


def reading_gap_source(f: Filters, w: Window) -> Source:
    """Per meter: the 15-minute intervals the plant's meters recorded in the window, and how many of them it has."""
    grid = _restrict(
        parse("SELECT COUNT(DISTINCT r.ts) AS n FROM energy_readings AS r"),
        [time_range(column("ts", "r"), w)],
    )
    present = parse("SELECT r.meter_id, COUNT(*) AS n FROM energy_readings AS r GROUP BY r.meter_id")
    present = _restrict(present, [time_range(column("ts", "r"), w)])
    meters = parse(
        "SELECT m.line_id AS line, m.meter_id AS meter, m.medium AS medium, g.n AS expected, "
        "COALESCE(p.n, 0) AS present FROM energy_meters AS m CROSS JOIN reading_grid AS g "
        "LEFT JOIN meter_readings AS p ON p.meter_id = m.meter_id"
    )
    return Source(
        (
            ("reading_grid", grid),
            ("meter_readings", present),
            ("reading_gap_rows", _restrict(meters, _meter_conditions(f))),
        ),
        "reading_gap_rows",
        frozenset({"line", "meter", "medium"}),
    )


def idle_source(f: Filters, w: Window) -> Source:
    """Readings of line meters in intervals when the line worked no shift: its idle (base) load."""
    readings = parse(
        ENERGY_ROWS + " WHERE m.line_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM shift_calendar AS c "
        "WHERE c.line_id = m.line_id AND r.ts < c.end_ts "
        "AND r.ts + INTERVAL 15 MINUTE > c.start_ts)"
    )
    readings = _restrict(readings, [*_meter_conditions(f), time_range(column("ts", "r"), w)])
    return Source(
        (("idle_rows", readings),),
        "idle_rows",
        frozenset({"line", "meter", "medium", "day", "week"}),
    )


def energy_per_unit_source(f: Filters, w: Window) -> Source:
    """Per line and day: energy of all its meters and its good units."""
    energy = parse(
        "SELECT m.line_id AS line, CAST(r.ts AS DATE) AS day, SUM(r.value) AS kwh "
        "FROM energy_readings AS r JOIN energy_meters AS m ON m.meter_id = r.meter_id "
        "WHERE m.line_id IS NOT NULL GROUP BY m.line_id, CAST(r.ts AS DATE)"
    )
    energy = _restrict(energy, [*_meter_conditions(f), time_range(column("ts", "r"), w)])
    good = parse(
        "SELECT u.line_id AS line, u.shift_date AS day, SUM(CAST(u.is_good AS INT)) AS good "
        "FROM units AS u GROUP BY u.line_id, u.shift_date"
    )
    good = _restrict(good, _shift_conditions(f, "u", w))
    joined = parse(
        "SELECT COALESCE(e.line, g.line) AS line, COALESCE(e.day, g.day) AS day, "
        "CAST(DATE_TRUNC('week', COALESCE(e.day, g.day)) AS DATE) AS week, "
        "COALESCE(e.kwh, 0) AS kwh, COALESCE(g.good, 0) AS good "
        "FROM line_energy AS e FULL JOIN line_good AS g ON g.line = e.line AND g.day = e.day"
    )
    return Source(
        (("line_energy", energy), ("line_good", good), ("energy_per_unit_rows", joined)),
        "energy_per_unit_rows",
        frozenset({"line", "day", "week"}),
    )


def alarm_source(f: Filters, w: Window) -> Source:
    """One row per machine alarm with its station, line and shift."""
    alarms = parse(
        "SELECT s.line_id AS line, a.station_id AS station, a.alarm_code AS alarm, "
        "c.shift_date AS day, CAST(DATE_TRUNC('week', c.shift_date) AS DATE) AS week, c.shift_code AS shift, "
        "c.team_id AS team, CAST(EXTRACT(HOUR FROM a.ts) AS BIGINT) AS hour, a.duration_s, a.ts AS ts "
        "FROM alarms AS a JOIN stations AS s ON s.station_id = a.station_id "
        "JOIN shift_calendar AS c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts"
    )
    conditions = _shift_conditions(f, "c", w) + _team_condition(f, "c") + _within_hours(column("ts", "a"), w)
    conditions += _restrictions(
        (f.stations, column("station_id", "a")),
        (f.alarms, column("alarm_code", "a")),
    )
    conditions += duration_conditions(f, column("duration_s", "a"))
    return Source(
        (("alarm_rows", _restrict(alarms, conditions)),),
        "alarm_rows",
        frozenset({"line", "station", "alarm", "day", "week", "shift", "team", "hour"}),
    )


def maintenance_source(f: Filters, w: Window) -> Source:
    """One row per maintenance order created in the window (done orders: finished in it), with its repair and
    response times and how long it has been open."""
    orders = parse(
        "SELECT o.line_id AS line, o.station_id AS station, o.kind AS kind, o.status AS status, "
        "CAST(o.created_ts AS DATE) AS day, DATE_TRUNC('week', o.created_ts) AS week, "
        "EPOCH(o.end_ts) - EPOCH(o.start_ts) AS repair_s, EPOCH(o.start_ts) - EPOCH(o.created_ts) AS reaction_s, "
        "o.mo_id, o.mo_id AS record, o.description, o.created_ts AS ts, o.end_ts AS end_ts "
        "FROM maintenance_orders AS o"
    )
    open_until = exp.Coalesce(this=column("end_ts", "o"), expressions=[timestamp_literal(w.end)])
    age = exp.Sub(  # how long an order has been open: from its creation to its end, or to the window's end
        this=exp.Anonymous(this="EPOCH", expressions=[open_until]),
        expression=exp.Anonymous(this="EPOCH", expressions=[column("created_ts", "o")]),
    )
    orders = orders.select(exp.alias_(age, "age_s"), copy=False)
    finished = f.statuses == ("done",)  # 'finished in the last 4 weeks': by when they were done
    moment = column("end_ts" if finished else "created_ts", "o")
    conditions = [*_line_conditions(f, column("line_id", "o")), time_range(moment, w)]
    conditions += _restrictions(
        (f.stations, column("station_id", "o")),
        (f.maintenance_kinds, column("kind", "o")),
        (f.statuses, column("status", "o")),
        (f.work_orders, column("mo_id", "o")),
    )
    return Source(
        (("order_rows", _restrict(orders, conditions)),),
        "order_rows",
        frozenset({"line", "station", "kind", "status", "day", "week", "record"}),
    )


def orders_source(f: Filters, w: Window) -> Source:
    """One row per production order: finished in the window, running at its end, or planned from its start on."""
    made = parse("SELECT u.order_id, COUNT(*) AS made FROM units AS u GROUP BY u.order_id")
    orders = parse(
        "SELECT o.line_id AS line, o.product_id AS product, p.family AS family, o.status AS status, o.order_id, "
        "o.planned_qty, COALESCE(m.made, 0) AS made, COALESCE(o.actual_start_ts, o.planned_start_ts) AS ts, "
        "CAST(COALESCE(o.actual_end_ts, o.actual_start_ts, o.planned_start_ts) AS DATE) AS day, "
        "DATE_TRUNC('week', COALESCE(o.actual_end_ts, o.actual_start_ts, o.planned_start_ts)) AS week "
        "FROM production_orders AS o JOIN products AS p ON p.product_id = o.product_id "
        "LEFT JOIN made AS m ON m.order_id = o.order_id"
    )
    status = column("status", "o")
    in_window = exp.or_(
        exp.and_(
            exp.EQ(this=status, expression=exp.Literal.string("done")),
            time_range(column("actual_end_ts", "o"), w),
        ),
        exp.and_(
            exp.EQ(this=status.copy(), expression=exp.Literal.string("running")),
            exp.LT(this=column("actual_start_ts", "o"), expression=timestamp_literal(w.end)),
        ),
        exp.and_(
            exp.EQ(this=status.copy(), expression=exp.Literal.string("planned")),
            exp.GTE(this=column("planned_start_ts", "o"), expression=timestamp_literal(w.start)),
            *(  # a window ahead ('next week') holds the orders planned to start in it
                [exp.LT(this=column("planned_start_ts", "o"), expression=timestamp_literal(w.end))]
                if getattr(w, "future", False)
                else []
            ),
        ),
    )
    conditions: list[exp.Expression] = [
        *_line_conditions(f, column("line_id", "o")),
        *([] if f.orders else [cast(exp.Expression, in_window)]),  # an order named is that order, whenever
    ]
    conditions += _restrictions(
        (f.products, column("product_id", "o")),
        (f.families, column("family", "p")),
        (f.statuses, column("status", "o")),
        (f.orders, column("order_id", "o")),
    )
    return Source(
        (("made", made), ("order_rows", _restrict(orders, conditions))),
        "order_rows",
        frozenset({"line", "product", "family", "status", "day", "week", "order_id"}),
    )


SOURCES: dict[str, Callable[[Filters, Window], Source]] = {
    "shift": shift_source,
    "units": units_source,
    "downtime": downtime_source,
    "changeovers": changeover_source,
    "energy": energy_source,
    "energy_cost": energy_cost_source,
    "tariffs": tariff_source,
    "idle": idle_source,
    "reading_gaps": reading_gap_source,
    "energy_per_unit": energy_per_unit_source,
    "alarms": alarm_source,
    "maintenance": maintenance_source,
    "orders": orders_source,
}
BY_SHIFT: dict[str, Callable[[Filters, Window], Source]] = {  # sources that know their shift only when asked
    "energy": energy_by_shift_source,
}
