"""Answers made of figures: a value, a comparison, a ranking or breakdown, a trend."""

from __future__ import annotations

import pandas as pd

from ..answer import Fact
from ..formatting import quantity, signed_percent
from ..semantic.catalog import Metric
from ..semantic.compile import MetricQuery, ignored_filters
from . import charts
from .context import Ctx, metric
from .quality import data_warnings


def value(ctx: Ctx) -> None:
    """One figure per metric over the window, with the target where the line has one."""
    sentences = []
    for key in ctx.plan.metrics[:3]:
        m = metric(key)
        query = ctx.query(key)
        frame = ctx.run(query, ctx.t(f"{m.label_de} berechnen", f"compute {m.label_en}"))
        _warn_ignored(ctx, query)
        data_warnings(ctx, m, ctx.plan.filters, ctx.period)
        result = _single(frame)
        if result is None:
            sentences.append(_no_data(ctx, m))
            continue
        fact = ctx.fact(m, result, ctx.period, ctx.plan.filters.lines)
        ctx.answer.facts.append(fact)
        sentences.append(_value_sentence(ctx, m, fact))
        ctx.answer.facts.extend(_evidence_facts(ctx, m, frame))
    ctx.answer.text = " ".join(sentences)


def compare(ctx: Ctx) -> None:
    """Period against period, line against line, or the value against its target."""
    if ctx.plan.comparison == "periods":
        _compare_periods(ctx)
    elif ctx.plan.comparison == "target":
        value(ctx)
        _target_sentence(ctx)
    else:
        grouped(ctx, headline="named")


def _compare_periods(ctx: Ctx) -> None:
    m = metric(ctx.plan.metrics[0])
    values = []
    for window in ctx.plan.periods[:4]:
        frame = ctx.run(
            ctx.query(m.key, window=window),
            ctx.t(f"{m.label_de} {window.label_de}", f"{m.label_en} {window.label_en}"),
        )
        data_warnings(ctx, m, ctx.plan.filters, window)
        values.append((window, _single(frame)))
    facts = [
        ctx.fact(m, v, w, ctx.plan.filters.lines, f"{m.label(ctx.lang)} – {w.label(ctx.lang)}")
        for w, v in values
        if v is not None
    ]
    ctx.answer.facts.extend(facts)
    if len(facts) < 2:
        ctx.answer.text = _no_data(ctx, m)
        return
    (first_window, first), (second_window, second) = values[0], values[1]
    assert first is not None and second is not None
    change = (first - second) / second if second else 0.0
    ctx.answer.facts.append(
        Fact(
            ctx.t("Veränderung", "change"),
            round(change * 100, 2),
            "%",
            facts[0].line,
            f"{first_window.label(ctx.lang)} vs {second_window.label(ctx.lang)}",
            "change",
        )
    )
    ctx.answer.text = ctx.t(
        f"**{m.label_de} {ctx.scope()}** {first_window.label_de}: **{ctx.show(m, first)}** – "
        f"{signed_percent(change, 'de')} gegenüber {second_window.label_de} ({ctx.show(m, second)}).",
        f"**{m.label_en} of {ctx.scope()}** {first_window.label_en}: **{ctx.show(m, first)}** – "
        f"{signed_percent(change, 'en')} compared with {second_window.label_en} ({ctx.show(m, second)}).",
    )
    if m.source == "energy" and len(ctx.plan.filters.lines) == 1:
        from .why import energy_reasons

        ctx.answer.text += " " + energy_reasons(ctx, first_window, second_window)
    ctx.answer.chart = charts.bars(
        pd.DataFrame(
            {
                "period": [w.label(ctx.lang) for w, _ in values],
                "value": [v * m.scale for _, v in values if v is not None],
            }
        ),
        "period",
        m.label(ctx.lang),
        m.unit,
    )


def grouped(ctx: Ctx, headline: str = "top") -> None:
    """A ranking or breakdown by one dimension; the headline is the top (or the named) entry."""
    m = metric(ctx.plan.metrics[0])
    dimension = ctx.plan.group_by or "line"
    filters = ctx.plan.filters
    if headline == "named" and len(filters.lines) < 2:
        filters = filters.replace(lines=())
    query = ctx.query(
        m.key, filters=filters, group_by=(dimension,), order=ctx.plan.ranking, limit=ctx.plan.limit
    )
    frame = ctx.run(
        query,
        ctx.t(
            f"{m.label_de} nach {ctx.dimension_name(dimension)}",
            f"{m.label_en} by {ctx.dimension_name(dimension)}",
        ),
    )
    _warn_ignored(ctx, query)
    data_warnings(ctx, m, filters, ctx.period, dimension)
    frame = frame[frame["value"].notna()]
    if frame.empty:
        ctx.answer.text = _no_data(ctx, m)
        return
    named = ctx.plan.filters.lines if headline == "named" else ()
    ordered = _headline_first(frame, dimension, named)
    top = ordered.iloc[0]
    if headline == "top":
        ctx.answer.facts.append(
            Fact(
                _top_label(ctx, m, dimension),
                str(top[dimension]),
                dimension,
                _line_of(ctx, dimension, top[dimension]),
                ctx.period.label(ctx.lang),
                dimension,
            )
        )
    for _, row in ordered.head(10).iterrows():
        lines = (str(row[dimension]),) if dimension == "line" else filters.lines
        ctx.answer.facts.append(
            ctx.fact(
                m,
                row["value"],
                ctx.period,
                lines,
                f"{m.label(ctx.lang)} – {ctx.label(dimension, row[dimension])}",
            )
        )
    ctx.answer.text = _grouped_text(ctx, m, dimension, ordered, headline)
    shown = frame.assign(
        label=[ctx.label(dimension, v) for v in frame[dimension]], value=frame["value"] * m.scale
    )
    ctx.answer.chart = charts.bars(
        shown, "label", m.label(ctx.lang), m.unit, sort=ctx.plan.ranking is not None
    )


def trend(ctx: Ctx) -> None:
    """The metric per day (or week, shift, hour) with the whole window's value as headline."""
    m = metric(ctx.plan.metrics[0])
    dimension = ctx.plan.group_by or "day"
    total = _single(ctx.run(ctx.query(m.key), ctx.t(f"{m.label_de} gesamt", f"{m.label_en} overall")))
    frame = ctx.run(
        ctx.query(m.key, group_by=(dimension,)),
        ctx.t(
            f"{m.label_de} pro {ctx.dimension_name(dimension)}",
            f"{m.label_en} per {ctx.dimension_name(dimension)}",
        ),
    )
    data_warnings(ctx, m, ctx.plan.filters, ctx.period, dimension)
    frame = frame[frame["value"].notna()]
    if total is None or frame.empty:
        ctx.answer.text = _no_data(ctx, m)
        return
    ctx.answer.facts.append(ctx.fact(m, total, ctx.period, ctx.plan.filters.lines))
    high, low = frame.loc[frame["value"].idxmax()], frame.loc[frame["value"].idxmin()]
    for row, word in ((high, ctx.t("höchster Wert", "highest")), (low, ctx.t("niedrigster Wert", "lowest"))):
        ctx.answer.facts.append(
            ctx.fact(
                m,
                row["value"],
                ctx.period,
                ctx.plan.filters.lines,
                f"{m.label(ctx.lang)} {word} ({ctx.label(dimension, row[dimension])})",
            )
        )
    ctx.answer.text = ctx.t(
        f"**{m.label_de} {ctx.scope()}**, {ctx.period.label_de}: **{ctx.show(m, total)}** im Schnitt; "
        f"am höchsten {ctx.label(dimension, high[dimension])} ({ctx.show(m, high['value'])}), "
        f"am niedrigsten {ctx.label(dimension, low[dimension])} ({ctx.show(m, low['value'])}).",
        f"**{m.label_en} of {ctx.scope()}**, {ctx.period.label_en}: **{ctx.show(m, total)}** overall; "
        f"highest on {ctx.label(dimension, high[dimension])} ({ctx.show(m, high['value'])}), "
        f"lowest on {ctx.label(dimension, low[dimension])} ({ctx.show(m, low['value'])}).",
    )
    shown = frame.assign(
        label=[ctx.label(dimension, v) for v in frame[dimension]], value=frame["value"] * m.scale
    )
    ctx.answer.chart = charts.line(shown, dimension, m.label(ctx.lang), m.unit)


def _single(frame: pd.DataFrame) -> float | None:
    """The value of an ungrouped metric query, None when there were no rows."""
    if frame.empty or pd.isna(frame["value"].iloc[0]):
        return None
    evidence_rows = [
        c
        for c in frame.columns
        if c in ("readings", "units", "produced", "stops", "changeovers", "breakdowns")
    ]
    if evidence_rows and all(frame[c].fillna(0).iloc[0] == 0 for c in evidence_rows):
        return None
    return float(frame["value"].iloc[0])


def _evidence_facts(ctx: Ctx, m: Metric, frame: pd.DataFrame) -> list[Fact]:
    """The terms behind an OEE figure, for coaches."""
    if m.key != "oee" or ctx.role != "coach":
        return []
    terms = (
        ("availability", "Verfügbarkeit", "availability"),
        ("performance", "Leistung", "performance"),
        ("quality", "Qualität", "quality"),
    )
    return [
        Fact(
            ctx.t(de, en),
            round(float(frame[name].iloc[0]) * 100, 2),
            "%",
            ",".join(ctx.plan.filters.lines) or None,
            ctx.period.label(ctx.lang),
            name,
        )
        for name, de, en in terms
        if pd.notna(frame[name].iloc[0])
    ]


def _value_sentence(ctx: Ctx, m: Metric, fact: Fact) -> str:
    """'**OEE Linie 1**, letzte 7 Tage (…): **72,3 %** (Ziel 80,0 %).'"""
    shown = quantity(float(fact.value), m.unit, ctx.lang)
    target = ""
    if fact.target is not None:
        met = (float(fact.value) >= fact.target) == (m.direction == "higher")
        target = ctx.t(
            f" (Ziel {quantity(fact.target, m.unit, 'de')} – {'erreicht' if met else 'nicht erreicht'})",
            f" (target {quantity(fact.target, m.unit, 'en')} – {'met' if met else 'missed'})",
        )
    shift = _shift_note(ctx)
    return ctx.t(
        f"**{m.label_de} {ctx.scope()}**{shift}, {ctx.period.label_de}: **{shown}**{target}.",
        f"**{m.label_en} of {ctx.scope()}**{shift}, {ctx.period.label_en}: **{shown}**{target}.",
    )


def _target_sentence(ctx: Ctx) -> None:
    facts = [f for f in ctx.answer.facts if f.target is not None]
    if not facts and ctx.answer.facts:
        ctx.answer.warnings.append(
            ctx.t(
                "Für diese Kennzahl und Auswahl ist kein Zielwert hinterlegt.",
                "No target is set for this metric and selection.",
            )
        )
    for fact in facts:
        gap = float(fact.value) - float(fact.target or 0)
        ctx.answer.facts.append(
            Fact(
                ctx.t("Abstand zum Ziel", "gap to target"),
                round(gap, 4),
                fact.unit,
                fact.line,
                fact.period,
                "gap",
            )
        )


def _shift_note(ctx: Ctx) -> str:
    shifts = ctx.plan.filters.shifts
    if not shifts:
        return ""
    return " (" + ", ".join(ctx.label("shift", s) for s in shifts) + ")"


def _headline_first(frame: pd.DataFrame, dimension: str, named: tuple[str, ...]) -> pd.DataFrame:
    """Put the named lines first (in the order named), else keep the query's order."""
    if not named or dimension != "line":
        return frame.reset_index(drop=True)
    order = {line: i for i, line in enumerate(named)}
    return (
        frame.assign(_o=frame[dimension].map(lambda v: order.get(v, len(order))))
        .sort_values("_o", kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def _top_label(ctx: Ctx, m: Metric, dimension: str) -> str:
    word = ctx.t(
        "niedrigste" if ctx.plan.ranking == "asc" else "höchste",
        "lowest" if ctx.plan.ranking == "asc" else "highest",
    )
    return ctx.t(
        f"{ctx.dimension_name(dimension)} mit {word}m Wert: {m.label_de}",
        f"{ctx.dimension_name(dimension)} with the {word} {m.label_en}",
    )


def _line_of(ctx: Ctx, dimension: str, value: object) -> str | None:
    if dimension == "line":
        return str(value)
    if dimension == "station" and isinstance(value, str) and "-" in value:
        return value.split("-")[0]
    return ",".join(ctx.plan.filters.lines) or None


def _grouped_text(ctx: Ctx, m: Metric, dimension: str, frame: pd.DataFrame, headline: str) -> str:
    items = [
        f"{ctx.label(dimension, row[dimension])}: {ctx.show(m, row['value'])}"
        for _, row in frame.head(5).iterrows()
    ]
    listing = "; ".join(items)
    top = frame.iloc[0]
    if headline == "named":
        return ctx.t(
            f"**{m.label_de}**, {ctx.period.label_de}: {listing}.",
            f"**{m.label_en}**, {ctx.period.label_en}: {listing}.",
        )
    lead = ctx.t(
        f"**{ctx.label(dimension, top[dimension])}** – {m.label_de} {ctx.show(m, top['value'])}",
        f"**{ctx.label(dimension, top[dimension])}** – {m.label_en} {ctx.show(m, top['value'])}",
    )
    return ctx.t(
        f"{lead} ({ctx.scope()}, {ctx.period.label_de}). Nach {ctx.dimension_name(dimension)}: {listing}.",
        f"{lead} ({ctx.scope()}, {ctx.period.label_en}). By {ctx.dimension_name(dimension)}: {listing}.",
    )


def _no_data(ctx: Ctx, m: Metric) -> str:
    ctx.answer.warnings.append(ctx.t("Keine Daten im gewählten Zeitraum.", "No data in the chosen period."))
    return ctx.t(
        f"Für {m.label_de} {ctx.scope()} gibt es {ctx.period.label_de} keine Daten.",
        f"There is no data for {m.label_en} of {ctx.scope()} {ctx.period.label_en}.",
    )


def _warn_ignored(ctx: Ctx, query: MetricQuery) -> None:
    for name in ignored_filters(query):
        ctx.answer.warnings.append(
            ctx.t(
                f"Die Einschränkung auf {name} lässt sich für {query.definition.label_de} nicht anwenden; die Zahl gilt ohne sie.",
                f"The restriction to {name} cannot be applied to {query.definition.label_en}; the figure is without it.",
            )
        )
