"""The semantic layer: each metric's SQL agrees with the contract's KPI definitions in plain SQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from plain_kpis import PLAIN, PLAIN_SQL, Window, plain_measure, plain_value

from copilot.semantic.catalog import DIMENSIONS, METRIC_BY_KEY, METRICS
from copilot.semantic.compile import (
    MetricQuery,
    UnsupportedQuery,
    compile_query,
    ignored_filters,
    to_sql,
)
from copilot.semantic.filters import Filters
from copilot.semantic.records import AGGREGATIONS, RECORDS, measure_key

WEEK_46 = Window(datetime(2025, 11, 10), datetime(2025, 11, 17))
YESTERDAY = Window(datetime(2025, 11, 19), datetime(2025, 11, 20))
TODAY = Window(datetime(2025, 11, 20), datetime(2025, 11, 20, 14))


def test_catalogue_covers_every_metric_in_the_plain_definitions():
    assert {m.key for m in METRICS} == set(PLAIN) | set(PLAIN_SQL)


@pytest.mark.parametrize("window", [WEEK_46, YESTERDAY, TODAY], ids=["week46", "yesterday", "today"])
@pytest.mark.parametrize("line", ["L1", "L2", "L3", "L4"])
@pytest.mark.parametrize("metric", sorted(set(PLAIN) | set(PLAIN_SQL)))
def test_metric_matches_plain_sql(con, metric, line, window):
    expected = plain_value(con, metric, line, window)
    got = con.execute(to_sql(MetricQuery(metric, window, Filters(lines=(line,))))).df()["value"].iloc[0]
    if expected is None:
        assert got is None or got != got  # NULL or NaN
    else:
        assert got == pytest.approx(float(expected), rel=1e-9, abs=1e-9)


def test_ratios_over_several_lines_come_from_summed_terms(con):
    both = con.execute(to_sql(MetricQuery("oee", WEEK_46, Filters(lines=("L1", "L2"))))).df()
    per_line = con.execute(to_sql(MetricQuery("oee", WEEK_46, Filters(lines=("L1", "L2")), ("line",)))).df()
    a, b = both.iloc[0], per_line
    pooled = a["availability"] * a["performance"] * a["quality"]
    assert a["value"] == pytest.approx(pooled)
    assert a["value"] != pytest.approx(b["value"].mean(), rel=1e-6)  # not the average of percentages
    assert a["produced"] == b["produced"].sum()


def test_grouping_by_line_sums_to_the_plant(con):
    total = con.execute(to_sql(MetricQuery("downtime", WEEK_46))).df()["value"].iloc[0]
    lines = con.execute(to_sql(MetricQuery("downtime", WEEK_46, group_by=("line",)))).df()
    assert lines["value"].sum() == pytest.approx(total)


def test_ranking_orders_and_limits(con):
    frame = con.execute(
        to_sql(MetricQuery("downtime", WEEK_46, Filters(lines=("L2",)), ("reason",), "desc", 3))
    ).df()
    assert len(frame) == 3
    assert list(frame["value"]) == sorted(frame["value"], reverse=True)


def test_unsupported_grouping_is_refused():
    with pytest.raises(UnsupportedQuery):
        compile_query(MetricQuery("oee", WEEK_46, group_by=("station",)))


def test_filter_a_source_cannot_apply_is_reported():
    query = MetricQuery("oee", WEEK_46, Filters(products=("P-1101",)))
    assert ignored_filters(query) == ["products"]
    assert ignored_filters(MetricQuery("scrap_rate", WEEK_46, Filters(products=("P-1101",)))) == []


def test_values_are_literals_not_sql(con):
    hostile = Filters(lines=("L1' OR '1'='1",))
    frame = con.execute(to_sql(MetricQuery("output", WEEK_46, hostile))).df()
    assert frame["value"].iloc[0] == 0


def test_every_metric_and_dimension_has_both_languages():
    for metric in METRICS:
        assert metric.label_de and metric.label_en and metric.description_de and metric.description_en
        assert (
            metric.synonyms_de and metric.synonyms_en and metric.direction in ("higher", "lower", "neutral")
        )
    for dimension in DIMENSIONS:
        assert dimension.label_de and dimension.label_en


# Every aggregation over every kind of record (generated measures and the named KPIs that are
# such aggregations) against its plain definition, per line and window.
MEASURE_CASES = [
    (record, aggregation, field)
    for record, spec in RECORDS.items()
    for aggregation, field in [("count", "duration")]
    + [(a, f) for f, _sql in spec.fields for a in AGGREGATIONS if a != "count"]
]


@pytest.mark.parametrize("window", [WEEK_46, YESTERDAY], ids=["week46", "yesterday"])
@pytest.mark.parametrize("line", ["L1", "L2", "L3", "L4"])
@pytest.mark.parametrize(("record", "aggregation", "field"), MEASURE_CASES)
def test_measure_matches_plain_sql(con, record, aggregation, field, line, window):
    metric = METRIC_BY_KEY[measure_key(record, aggregation, field)]
    expected = plain_measure(con, record, aggregation, field, line, window)
    got = con.execute(to_sql(MetricQuery(metric.key, window, Filters(lines=(line,))))).df()["value"].iloc[0]
    if aggregation != "count" and metric.unit == "min" and expected is not None:
        expected /= 60
    if expected is None or (aggregation == "count" and expected == 0):
        assert got is None or got != got or got == 0
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-9)
