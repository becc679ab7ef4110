"""Kinds of records a question can count, sum or average, and the aggregations over them.

A measure is an aggregation over a kind of record: "wie viele Stillstände" = count of stops, "the
longest changeover" = max of changeover durations. The named KPIs of the catalogue that are such
measures (downtime = total of stops, MTTR = mean of breakdowns) keep their names; every other
combination is generated from these tables, so a new kind of question is a new combination.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    """A kind of row people count: stops, breakdowns, short stops, changeovers, orders, units."""

    key: str
    source: str  # row source of the semantic layer
    where: str | None  # condition on the source's rows
    label_de: str  # plural noun: 'Stillstände'
    label_en: str
    fields: tuple[tuple[str, str], ...] = ()  # (field, SQL in seconds) that can be summed or averaged
    detail_unit: str = "min"  # unit of a mean, median, max or min of a duration: 'min' or 's'
    direction: str = "lower"
    family: str = ""
    parent: str | None = None  # the record it is a part of: breakdowns of stops, good units of units

    def field_sql(self, name: str) -> str | None:
        """The SQL of a field in seconds, None when the record has no such field."""
        return dict(self.fields).get(name)


@dataclass(frozen=True)
class Aggregation:
    """count, total, mean, median, max or min, with the word that names it in a label."""

    key: str
    label_de: str  # 'Mittlere' (Dauer)
    label_en: str  # 'Mean' (duration)
    sql: str  # '{x}' is the field's expression


AGGREGATIONS: dict[str, Aggregation] = {
    a.key: a
    for a in (
        Aggregation("count", "Anzahl", "Number of", "COUNT(*)"),
        Aggregation("total", "Gesamte", "Total", "SUM({x})"),
        Aggregation("mean", "Mittlere", "Mean", "AVG({x})"),
        Aggregation("median", "Median der", "Median", "MEDIAN({x})"),
        Aggregation("max", "Längste", "Longest", "MAX({x})"),
        Aggregation("min", "Kürzeste", "Shortest", "MIN({x})"),
    )
}
FIELD_WORDS = {  # the noun of a field in labels
    "duration": ("Dauer", "duration"),
    "excess": ("Überschreitung des Standards", "time over standard"),
    "repair": ("Reparaturdauer", "repair time"),
    "reaction": ("Reaktionszeit", "response time"),
}

_DURATION = (("duration", "duration_s"),)
RECORDS: dict[str, Record] = {
    r.key: r
    for r in (
        Record("stop", "downtime", "NOT planned", "ungeplante Stillstände", "unplanned stops", _DURATION, family="downtime"),
        Record("planned_stop", "downtime", "planned", "geplante Stillstände", "planned stops", _DURATION, family="downtime", parent="any_stop"),
        Record("any_stop", "downtime", None, "Stillstände (mit geplanten)", "stops (planned included)", _DURATION, family="downtime"),
        Record("breakdown", "downtime", "loss_category = 'breakdown'", "Ausfälle", "breakdowns", _DURATION, family="downtime", parent="stop"),
        Record("setup_stop", "downtime", "loss_category = 'setup'", "Rüststillstände", "setup stops", _DURATION, family="changeovers", parent="stop"),
        Record("short_stop", "alarms", "duration_s < 120", "Kurzstopps", "short stops", _DURATION, "s", family="downtime", parent="alarm"),
        Record("alarm", "alarms", None, "Alarme", "alarms", _DURATION, "s", family="downtime"),
        Record(
            "changeover", "changeovers", None, "Rüstvorgänge", "changeovers",
            (*_DURATION, ("excess", "duration_s - standard_s")), family="changeovers",
        ),
        Record(
            "late_changeover", "changeovers", "duration_s > standard_s", "Rüstvorgänge über Standard",
            "changeovers over standard", (*_DURATION, ("excess", "duration_s - standard_s")),
            family="changeovers", parent="changeover",
        ),
        Record(
            "maintenance_order", "maintenance", None, "Instandhaltungsaufträge", "maintenance orders",
            (("repair", "repair_s"), ("reaction", "reaction_s")), direction="neutral", family="maintenance",
        ),
        Record("unit", "units", None, "Teile", "units", direction="higher", family="quality"),
        Record("good_unit", "units", "good = 1", "Gutteile", "good units", direction="higher", family="quality", parent="unit"),
        Record("scrap_unit", "units", "good = 0", "Ausschussteile", "scrapped units", family="quality", parent="unit"),
    )
}  # fmt: skip

# Catalogue KPIs that are an aggregation over a record: they keep their own names and definitions.
NAMED: dict[tuple[str, str, str], str] = {
    ("stop", "count", "duration"): "stop_count",
    ("stop", "total", "duration"): "downtime",
    ("breakdown", "total", "duration"): "breakdown_time",
    ("breakdown", "mean", "duration"): "mttr",
    ("changeover", "count", "duration"): "changeover_count",
    ("changeover", "mean", "duration"): "changeover_time",
    ("short_stop", "count", "duration"): "short_stops",
    ("unit", "count", "duration"): "output",
    ("good_unit", "count", "duration"): "good_parts",
    ("scrap_unit", "count", "duration"): "scrap_count",
}
RECORD_OF: dict[str, tuple[str, str, str]] = {key: triple for triple, key in NAMED.items()}


def measure_key(record: str, aggregation: str, field: str = "duration") -> str:
    """The catalogue key of an aggregation over a record: a named KPI or a generated measure."""
    if aggregation == "count":
        field = "duration"
    return NAMED.get((record, aggregation, field)) or "__".join(
        (record, aggregation) if field == "duration" else (record, aggregation, field)
    )
