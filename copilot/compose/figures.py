"""Answers made of figures: a value, a comparison, a ranking or breakdown, a trend."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from ..answer import Fact
from ..formatting import moment, number, quantity, signed, signed_percent, steady
from ..planner.restate import REFERENCES, VALUE_WORDS, duration_words
from ..semantic.catalog import ADDITIVE_UNITS as ADDITIVE
from ..semantic.catalog import Metric, part_name
from ..semantic.compile import MetricQuery, UnsupportedQuery, compile_query, ignored_filters
from ..semantic.filters import Filters
from ..semantic.records import RECORDS, record_of
from . import charts
from .context import Ctx, metric
from .latest import the_only_record
from .quality import data_warnings

if TYPE_CHECKING:
    from ..timeframes import TimeWindow

OCCURRENCES = {
    "shift": ("day", "shift"),
    "day": ("day",),
    "workday": ("day",),
    "week": ("week",),
    "hour": ("day", "hour"),
}


def value(ctx: Ctx) -> None:
    """One figure per metric over the window, with the target where the line has one."""
    if ctx.plan.per:
        _mean_per(ctx)
        return
    sentences = []
    for key in ctx.plan.metrics[:3]:
        m = metric(key)
        query = ctx.query(key)
        frame = ctx.run(query, ctx.t(f"{m.label_de} berechnen", f"compute {m.label_en}"))
        _warn_ignored(ctx, query)
        data_warnings(ctx, m, ctx.plan.filters, ctx.period)
        result = _single(frame)
        if result is None and _none_happened(ctx, m):
            result = 0.0
        if result == 0 and _before_the_data(ctx):
            result = None
        if result is None:
            sentences.append(_no_data(ctx, m))
            continue
        fact = ctx.fact(m, result, ctx.period, ctx.plan.filters.lines)
        ctx.answer.facts.append(fact)
        sentences.append(_value_sentence(ctx, m, fact))
        if fact.target is not None:
            label = ctx.t(f"Ziel {m.label_de}", f"target {m.label_en}")
            ctx.answer.facts.append(Fact(label, fact.target, fact.unit, fact.line, fact.period, "target"))
        behind = _evidence_facts(ctx, m, frame)
        ctx.answer.facts.extend(behind)
        extreme = _extreme(m) is not None  # its record is named below
        if (
            not extreme
            and any(f.key == "records" and f.value == 1 for f in behind)
            and (only := the_only_record(ctx, key))
        ):
            ctx.answer.facts.append(
                only
            )  # 'wie lange hat die Reparatur gedauert?': that one order, by its number
            sentences[-1] = sentences[-1].rstrip(".") + f" ({only.label} {only.value})."
        if key == "missing_readings" and result and not ctx.plan.filters.meters:
            sentences[-1] = sentences[-1].rstrip(".") + f" ({_meters_with_gaps(ctx, m)})."
        where = _where_extreme(ctx, m, float(result))
        if where:
            sentences[-1] = sentences[-1].rstrip(".") + f" ({where})."
    ctx.answer.text = " ".join(sentences)
    if ctx.plan.form == "weakest_factor":
        _weakest_factor(ctx)
    first = {"which_record": "record", "when_record": "ts", "which_meter": "meter"}.get(ctx.plan.form or "")
    named = [f for f in ctx.answer.facts if f.key == first]
    if named:  # 'Which changeover took the longest?', 'Wann war der längste Stillstand?': that one, first
        ctx.answer.facts.remove(named[0])
        ctx.answer.facts.insert(0, named[0])


OEE_FACTORS = ("availability", "performance", "quality")


def _weakest_factor(ctx: Ctx) -> None:
    """'Größter OEE-Verlust – Verfügbarkeit, Leistung oder Qualität?': the lowest of the three factors first."""
    factors = [f for f in ctx.answer.facts if f.key in OEE_FACTORS]
    if len(factors) < len(OEE_FACTORS):
        return
    weakest = min(factors, key=lambda f: float(f.value))
    label = ctx.t("größter OEE-Verlust", "biggest OEE loss")
    ctx.answer.facts.insert(0, Fact(label, weakest.key, "factor", weakest.line, weakest.period, "factor"))
    listing = "; ".join(
        f"{f.label} {quantity(float(f.value), f.unit, ctx.lang)}"
        for f in sorted(factors, key=lambda f: float(f.value))
    )
    ctx.answer.text = f"{label[:1].upper()}{label[1:]}: **{weakest.label}** ({listing}). " + ctx.answer.text


WHERE_DIMENSIONS = (
    "record",
    "start",
    "station",
    "line",
    "reason",
    "from_product",
    "product",
)  # of that record


def _meters_with_gaps(ctx: Ctx, m: Metric) -> str:
    """'are there gaps in the meter data?': the meters the readings are missing from, each a fact."""
    frame = ctx.run(
        ctx.query(m.key, group_by=("meter",)), ctx.t("fehlende Werte je Zähler", "missing readings by meter")
    )
    frame = frame[frame["value"] > 0].sort_values("value", ascending=False)
    line, period = ",".join(ctx.plan.filters.lines) or None, ctx.period.label(ctx.lang)
    for meter, missing in zip(frame["meter"], frame["value"], strict=True):
        ctx.answer.facts.append(Fact(ctx.dimension_name("meter"), str(meter), "meter", line, period, "meter"))
        label = f"{m.label(ctx.lang)} – {meter}"
        ctx.answer.facts.append(Fact(label, float(missing), "count", line, period, m.key))
    return "; ".join(f"{meter}: {int(n)}" for meter, n in zip(frame["meter"], frame["value"], strict=True))


def _extreme(m: Metric) -> str | None:
    """'max' or 'min' for a measure that is one record's own value: the longest stop, the slowest unit."""
    found = record_of(m.key)
    if found is not None:
        return found[1] if found[1] in ("max", "min") else None
    aggregate = m.value.split("(", 1)[0].strip().lower()
    return aggregate if m.source == "units" and aggregate in ("max", "min") else None


def _where_extreme(ctx: Ctx, m: Metric, value_: float) -> str:
    """The station and reason of the longest (shortest) stop: the record behind a max or min."""
    if _extreme(m) is None:
        return ""
    said = []
    for dimension in WHERE_DIMENSIONS:
        if dimension == "line" and (ctx.plan.filters.lines or "station" in (f.key for f in ctx.answer.facts)):
            continue  # a station names its line
        query = ctx.query(m.key, group_by=(dimension,))
        try:
            compile_query(query)
        except UnsupportedQuery:  # changeovers have no station
            continue
        frame = ctx.run(query, ctx.t(f"{m.label_de} nach {dimension}", f"{m.label_en} by {dimension}"))
        rows = frame[(frame["value"] * m.scale - value_).abs() < 1e-6]
        if dimension == "record" and len(rows) > 1:
            return ""  # several records share the extreme: none of them is the one
        if rows.empty or rows.iloc[0][dimension] is None:
            continue
        line, period = ",".join(ctx.plan.filters.lines) or None, ctx.period.label(ctx.lang)
        if dimension == "start":
            stamp = pd.Timestamp(rows.iloc[0][dimension])
            ctx.answer.facts.append(
                Fact(ctx.t("Zeitpunkt", "time"), stamp.isoformat(), "timestamp", line, period, "ts")
            )
            said.append(moment(stamp, ctx.lang))
            continue
        code = str(rows.iloc[0][dimension])
        ctx.answer.facts.append(Fact(ctx.dimension_name(dimension), code, dimension, line, period, dimension))
        name = ctx.label("product" if dimension == "from_product" else dimension, code)
        if dimension == "from_product":
            name = ctx.t("von ", "from ") + name  # a changeover: from one product …
        elif dimension == "product" and "from_product" in (f.key for f in ctx.answer.facts):
            name = ctx.t("auf ", "to ") + name  # … to the next
        said.append(name)
    return ", ".join(said)


PER_EACH = {"day": (" pro Tag", " per day"), "workday": (" pro Arbeitstag", " per working day"),
            "shift": (" pro Schicht", " per shift"), "week": (" pro Woche", " per week")}  # fmt: skip
PLURAL_DE = {
    "shift": "Schichten",
    "day": "Tage",
    "workday": "Arbeitstage",
    "week": "Wochen",
    "hour": "Stunden",
}
COUNTED = frozenset(
    {"downtime", "changeovers", "alarms", "units", "maintenance"}
)  # sources of events: no row, no event


def _worked_frame(ctx: Ctx, per: str, window: TimeWindow | None = None) -> pd.DataFrame:
    """The worked shifts (days, weeks) of the window for the plan's lines, from the shift calendar."""
    return ctx.run(
        ctx.query("availability", group_by=OCCURRENCES[per], window=window or ctx.period),
        ctx.t(f"gearbeitete {PLURAL_DE[per]}", f"worked {per}s"),
    )


def _on_worked_days(ctx: Ctx, frame: pd.DataFrame, window: TimeWindow) -> pd.DataFrame:
    """The rows of a frame by day whose day the plan's lines worked."""
    return frame[frame["day"].isin(set(_worked_frame(ctx, "workday", window)["day"]))]


def _worked(ctx: Ctx, m: Metric, per: str, window: TimeWindow | None = None) -> int:
    """Worked shifts (days, weeks) of the window: a shift without an event counts as zero."""
    if (m.source not in COUNTED and per != "workday") or per == "hour":
        return 0
    return len(_worked_frame(ctx, per, window))


def _occurrence_name(ctx: Ctx, per: str) -> str:
    """What a mean is taken over: 'Arbeitstag', 'shift'."""
    return ctx.t("Arbeitstag", "working day") if per == "workday" else ctx.dimension_name(per)


def _mean_over(
    ctx: Ctx, m: Metric, per: str, window: TimeWindow, filters: Filters
) -> tuple[float, float, float] | None:
    """The measure of each worked shift (day, week) of a window, averaged: mean, occurrences, total."""
    query = ctx.query(m.key, group_by=OCCURRENCES[per], window=window, filters=filters)
    name = _occurrence_name(ctx, per)
    frame = ctx.run(
        query,
        ctx.t(f"{m.label_de} pro {name}, {window.label_de}", f"{m.label_en} per {name}, {window.label_en}"),
    )
    _warn_ignored(ctx, query)
    frame = frame[frame["value"].notna()]
    if per == "workday":  # 'pro Arbeitstag': the days the line worked, their figures only
        frame = _on_worked_days(ctx, frame, window)
    if frame.empty:
        return None
    occurrences: float = max(_worked(ctx, m, per, window), len(frame))
    if (
        per == "hour" and m.source in COUNTED
    ):  # 'Stück pro Stunde': over the hours the shifts ran, idle ones too
        occurrences = _worked_hours(ctx, window) or occurrences
    total = float(frame["value"].sum())
    return total / occurrences, occurrences, total


def _worked_hours(ctx: Ctx, window: TimeWindow) -> float:
    """The planned hours (shift length less planned breaks) of the window's worked shifts for the plan's lines and
    shifts, a running shift's up to now."""
    shifts = {s.code: s for s in ctx.catalog.shift_pattern.shifts}
    hours = 0.0
    frame = _worked_frame(ctx, "shift", window)
    planned = frame["planned_h"] if "planned_h" in frame else [None] * len(frame)
    for day, code, planned_h in zip(frame["day"], frame["shift"], planned, strict=True):
        shift = shifts.get(str(code))
        if shift is None:
            continue
        start = datetime.combine(pd.Timestamp(day).date(), shift.start)
        ran = max((min(start + timedelta(hours=shift.hours), ctx.now) - start).total_seconds(), 0.0) / 3600
        hours += ran if planned_h is None or pd.isna(planned_h) else float(planned_h) * ran / shift.hours
    return int(hours) if hours == int(hours) else round(hours, 4)


def _mean_per(ctx: Ctx) -> None:
    """'Gutteile pro Schicht im Schnitt': the measure over each worked shift (day, week) of the window, averaged."""
    m = metric(ctx.plan.metrics[0])
    per = ctx.plan.per or "day"
    name = _occurrence_name(ctx, per)
    found = _mean_over(ctx, m, per, ctx.period, ctx.plan.filters)
    if found is None:
        ctx.answer.text = _no_data(ctx, m)
        return
    mean, occurrences, total = found
    lines = ctx.plan.filters.lines
    label = ctx.t(f"{m.label_de} pro {name} im Schnitt", f"{m.label_en} per {name} on average")
    ctx.answer.facts.append(ctx.fact(m, mean, ctx.period, lines, label))
    ctx.answer.facts.append(
        Fact(
            ctx.t(f"Anzahl {PLURAL_DE.get(per, name)}", f"number of {name}s"),
            occurrences,
            "count",
            ",".join(lines) or None,
            ctx.period.label(ctx.lang),
            "occurrences",
        )
    )
    ctx.answer.facts.append(
        ctx.fact(
            m,
            total,
            ctx.period,
            lines,
            ctx.t(f"{m.label_de} gesamt", f"{m.label_en} in total"),
        )
    )
    count = {
        lang: number(occurrences, lang, 0 if occurrences == int(occurrences) else 1) for lang in ("de", "en")
    }
    planned = per == "hour" and m.source in COUNTED  # the planned hours of the shifts, breaks left out
    ctx.answer.text = ctx.t(
        f"**{label} {ctx.scope()}**, {ctx.period.label_de}: **{ctx.show(m, mean)}** (über {count['de']} "
        f"{'geplante ' if planned else ''}{PLURAL_DE.get(per, name)}).",
        f"**{label} of {ctx.scope()}**, {ctx.period.label_en}: **{ctx.show(m, mean)}** (over {count['en']} "
        f"{'planned ' if planned else ''}{name}s).",
    )


def compare(ctx: Ctx) -> None:
    """Period against period, entity against entity, or the value against a reference (target, takt …)."""
    if ctx.plan.comparison == "periods" and ctx.plan.group_by and ctx.plan.ranking is None:
        _periods_by_group(ctx)
    elif ctx.plan.comparison == "periods" and ctx.plan.group_by:
        _change_by_group(ctx)
    elif ctx.plan.comparison == "periods":
        _compare_periods(ctx)
    elif ctx.plan.comparison == "reference" and ctx.plan.group_by == "line":
        grouped(ctx)  # each line against its own target
    elif ctx.plan.comparison == "reference":
        value(ctx)
        _against_reference(ctx)
    else:
        grouped(ctx, headline="named")
        if ctx.plan.form:
            _entity_difference(ctx)


def _group_values(ctx: Ctx, m: Metric, dimension: str) -> list[pd.Series]:
    """The measure by group in each of the plan's first two periods, later first."""
    values = []
    for window in ctx.plan.periods[:2]:
        frame = ctx.run(
            ctx.query(m.key, window=window, group_by=(dimension,)),
            ctx.t(f"{m.label_de} nach {ctx.dimension_name(dimension)}, {window.label_de}",
                  f"{m.label_en} by {ctx.dimension_name(dimension)}, {window.label_en}"),
        )  # fmt: skip
        data_warnings(ctx, m, ctx.plan.filters, window)
        values.append(frame.dropna(subset=[dimension, "value"]).set_index(dimension)["value"])
    return values


def _periods_by_group(ctx: Ctx) -> None:
    """'Stillstandsminuten pro Linie diese Woche gegen letzte Woche': each group's two values and their change."""
    m = metric(ctx.plan.metrics[0])
    dimension = str(ctx.plan.group_by)
    later, earlier = ctx.plan.periods[0], ctx.plan.periods[1]
    values = _group_values(ctx, m, dimension)
    earlier_day: dict[object, object] = {}  # a day of the later period: the same weekday of the earlier one
    if dimension == "day":  # 'pro Tag diese Woche gegen letzte': each day against the same weekday before
        weekday = {pd.Timestamp(k).weekday(): k for k in values[0].index}
        earlier_day = {
            weekday[pd.Timestamp(k).weekday()]: k
            for k in values[1].index
            if pd.Timestamp(k).weekday() in weekday
        }
        values[1] = pd.Series({day: values[1][k] for day, k in earlier_day.items()}, dtype=float)
    keys = [k for k in values[0].index if k in values[1].index] or list(values[0].index)
    if not keys:
        ctx.answer.text = _no_data_in(ctx, m, [(later, None), (earlier, None)])
        return
    if dimension not in ("day", "shift", "hour", "weekday"):
        keys.sort(
            key=lambda k: float(values[0][k]), reverse=True
        )  # the largest first, as a table of groups reads
    between = f"{later.label(ctx.lang)} vs {earlier.label(ctx.lang)}"
    points = m.unit == "%"
    absolute = points or ctx.plan.form == "difference"  # 'mit Differenz': in the measure's own unit
    unit = "pp" if points else m.unit if absolute else "%"
    rows = []
    for key in keys:
        now_, before_ = float(values[0][key]), values[1].get(key)
        line = str(key) if dimension == "line" else None
        for value_, window, own in ((now_, later, key), (before_, earlier, earlier_day.get(key, key))):
            if value_ is not None and not pd.isna(value_):
                label = f"{m.label(ctx.lang)} – {ctx.label(dimension, own)} – {window.label(ctx.lang)}"
                ctx.answer.facts.append(ctx.fact(m, float(value_), window, (line,) if line else (), label))
        if before_ is None or pd.isna(before_):
            rows.append(f"{ctx.label(dimension, key)}: {ctx.show(m, now_)}")
            continue
        before_ = float(before_)
        change = (
            (now_ - before_) * m.scale
            if absolute
            else ((now_ - before_) / before_ * 100 if before_ else None)
        )
        if change is not None:
            ctx.answer.facts.append(
                Fact(ctx.t(f"Veränderung – {ctx.label(dimension, key)}", f"change – {ctx.label(dimension, key)}"),
                     round(change, 4), unit, line, between, "change")
            )  # fmt: skip
        shown = (
            "–" if change is None else signed(change, unit, ctx.lang) if absolute
            else signed_percent(change / 100, ctx.lang)
        )  # fmt: skip
        rows.append(f"{ctx.label(dimension, key)}: {ctx.show(m, now_)} ({shown}; {ctx.show(m, before_)})")
    ctx.answer.text = ctx.t(
        f"**{m.label_de} {ctx.scope()}** nach {ctx.dimension_name(dimension)}, {later.label_de} "
        f"(Veränderung; {earlier.label_de}): " + "; ".join(rows) + ".",
        f"**{m.label_en} of {ctx.scope()}** by {ctx.dimension_name(dimension)}, {later.label_en} "
        f"(change; {earlier.label_en}): " + "; ".join(rows) + ".",
    )
    shown_frame = pd.DataFrame(
        {
            "label": [ctx.label(dimension, k) for k in keys],
            "value": [float(values[0][k]) * m.scale for k in keys],
        }
    )
    ctx.answer.chart = charts.bars(shown_frame, "label", later.label(ctx.lang), m.unit)


def _change_by_group(ctx: Ctx) -> None:
    """'Which line improved its OEE the most from October to November?': each group's change, the largest first."""
    m = metric(ctx.plan.metrics[0])
    dimension = str(ctx.plan.group_by)
    later, earlier = ctx.plan.periods[0], ctx.plan.periods[1]
    values = _group_values(ctx, m, dimension)
    change = (values[0] - values[1]).dropna()
    if change.empty:
        ctx.answer.text = _no_data_in(ctx, m, [(later, None), (earlier, None)])
        return
    sign = {"better": 1 if m.direction != "lower" else -1, "worse": -1 if m.direction != "lower" else 1,
            "below": -1}.get(ctx.plan.sense or "", 1)  # fmt: skip  # 'improved' follows the metric's direction
    ordered = change.sort_values(ascending=sign < 0, kind="stable")
    unit = "pp" if m.unit == "%" else m.unit
    top = ordered.index[0]
    ctx.answer.facts.append(_winner(ctx, m, dimension, top))
    between = f"{later.label(ctx.lang)} vs {earlier.label(ctx.lang)}"
    for key, delta in ordered.items():
        label = ctx.t(
            f"Veränderung {m.label_de} – {ctx.label(dimension, key)}",
            f"change in {m.label_en} – {ctx.label(dimension, key)}",
        )
        line = str(key) if dimension == "line" else None
        ctx.answer.facts.append(
            Fact(label, round(steady(float(delta) * m.scale), 4), unit, line, between, "change")
        )
    listing = "; ".join(
        f"{ctx.label(dimension, k)}: {signed(float(d) * m.scale, unit, ctx.lang)}" for k, d in ordered.items()
    )
    ctx.answer.text = ctx.t(
        f"**{ctx.label(dimension, top)}** – {m.label_de} {earlier.label_de} → {later.label_de}: "
        f"**{signed(float(ordered.iloc[0]) * m.scale, unit, 'de')}** ({ctx.show(m, values[1][top])} → "
        f"{ctx.show(m, values[0][top])}). Alle: {listing}.",
        f"**{ctx.label(dimension, top)}** – {m.label_en} {earlier.label_en} → {later.label_en}: "
        f"**{signed(float(ordered.iloc[0]) * m.scale, unit, 'en')}** ({ctx.show(m, values[1][top])} → "
        f"{ctx.show(m, values[0][top])}). All: {listing}.",
    )
    shown = pd.DataFrame(
        {"label": [ctx.label(dimension, k) for k in ordered.index], "value": ordered.values * m.scale}
    )
    ctx.answer.chart = charts.bars(shown, "label", ctx.t("Veränderung", "change"), unit, sort=True)


def _compare_periods(ctx: Ctx) -> None:
    m = metric(ctx.plan.metrics[0])
    per = ctx.plan.per if ctx.plan.per and m.unit in ADDITIVE else None  # each side as a mean per day
    values = []
    for window in ctx.plan.periods[:4]:
        filters = ctx.plan.filters
        if (
            window.own_shifts is not None
        ):  # 'heutige Frühschicht gegen gestrige Spätschicht': each side its shifts
            filters = filters.replace(shifts=window.own_shifts)
        if per:  # 'gegen den Tagesschnitt der Woche davor'
            averaged = _mean_over(ctx, m, per, window, filters)
            data_warnings(ctx, m, filters, window)
            values.append((window, averaged[0] if averaged else None))
            continue
        frame = ctx.run(
            ctx.query(m.key, window=window, filters=filters),
            ctx.t(f"{m.label_de} {window.label_de}", f"{m.label_en} {window.label_en}"),
        )
        data_warnings(ctx, m, filters, window)
        values.append((window, _single(frame)))
    facts = [
        ctx.fact(m, v, w, ctx.plan.filters.lines, f"{m.label(ctx.lang)} – {w.label(ctx.lang)}")
        for w, v in values
        if v is not None
    ]
    ctx.answer.facts.extend(facts)
    if len(facts) < 2:
        ctx.answer.text = _no_data_in(ctx, m, values)
        return
    (first_window, first), (second_window, second) = values[0], values[1]
    assert first is not None and second is not None
    change = (first - second) / second if second else 0.0
    between = f"{first_window.label(ctx.lang)} vs {second_window.label(ctx.lang)}"
    change_fact = Fact(
        ctx.t("Veränderung", "change"), round(change * 100, 2), "%", facts[0].line, between, "change"
    )
    headline = difference_fact(ctx, m, first, second, facts[0].line, between)
    if headline is None or headline.key != "change":
        ctx.answer.facts.append(change_fact)
    if headline is not None:
        ctx.answer.facts.insert(0, headline)
    shown = {lang: signed_percent(change, lang) for lang in ("de", "en")}
    if headline is not None and headline.key == "factor":
        shown = {lang: f"**{quantity(float(headline.value), '×', lang)}** ({shown[lang]})" for lang in shown}
    if headline is not None and headline.key in ("difference", "distance"):
        shown = {
            lang: f"**{_said_direction(headline)}{_fact_text(ctx, headline, lang)}** ({shown[lang]})"
            for lang in shown
        }
    each = PER_EACH.get(per or "", ("", ""))  # both sides are means per day (shift, week)
    ctx.answer.text = ctx.t(
        f"**{m.label_de} {ctx.scope()}** {first_window.label_de}: **{ctx.show(m, first)}**{each[0]} – "
        f"{shown['de']} gegenüber {second_window.label_de} ({ctx.show(m, second)}{each[0]}).",
        f"**{m.label_en} of {ctx.scope()}** {first_window.label_en}: **{ctx.show(m, first)}**{each[1]} – "
        f"{shown['en']} compared with {second_window.label_en} ({ctx.show(m, second)}{each[1]}).",
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
    if ctx.plan.within and ctx.plan.within != dimension:
        _grouped_within(ctx, m, ctx.plan.within, dimension)
        return
    if ctx.plan.per in ("shift", "day", "week") and dimension in ("line", "team", "shift"):
        _mean_in_each(ctx, m, dimension, ctx.plan.per)
        return
    filters = ctx.plan.filters
    if headline == "named" and dimension == "line" and len(filters.lines) < 2:
        filters = filters.replace(lines=())
    elif headline == "named" and ctx.plan.reference in REST:  # the named one and every other of its kind
        filters = filters.replace(**{FILTER_OF.get(dimension, dimension + "s"): ()})
    workdays = dimension == "day" and ctx.plan.per == "workday"  # 'which working day': the days worked only
    limit = None if workdays else ctx.plan.limit
    query = ctx.query(m.key, filters=filters, group_by=(dimension,), order=ctx.plan.ranking, limit=limit)
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
    frame = frame[
        ~(frame[dimension].isna() & (frame["value"] == 0))
    ]  # good units have no defect: no 'unassigned: 0'
    if workdays:
        frame = _on_worked_days(ctx, frame, ctx.period)
        frame = frame.head(ctx.plan.limit) if ctx.plan.limit else frame
    if frame.empty:
        ctx.answer.text = _no_data(ctx, m)
        return
    if ctx.plan.intent == "breakdown" and ctx.plan.ranking is None and m.unit in ADDITIVE:
        frame = _with_quiet_groups(ctx, m, dimension, filters, frame)
    if ctx.plan.reference == "bound":
        _against_targets(ctx, m, frame, dimension)  # 'wie viele Schichten lagen über 80 %?'
        return
    if (
        (ctx.plan.intent == "rank" or ctx.plan.comparison == "reference")
        and ctx.plan.reference
        and dimension == "line"
    ):
        frame = _by_gap(ctx, m, frame, ctx.plan.reference)
        if ctx.plan.reference == "target" and "gap" in frame:
            _against_targets(ctx, m, frame)
            return
    if ctx.plan.form == "count" and ctx.plan.reference == "target" and dimension in COUNTED_DE:
        _against_targets(ctx, m, frame, dimension)  # 'an wie vielen Tagen lag die OEE unter dem Ziel?'
        return
    named = _named(ctx, dimension) if headline == "named" else ()
    if dimension == "shift" and not named and ctx.plan.ranking is None:
        named = tuple(s.code for s in ctx.catalog.shift_pattern.shifts)
    ordered = _headline_first(frame, dimension, named)
    top = ordered.iloc[0]
    total = _overall(ctx, m, filters) if ctx.plan.intent == "breakdown" else None
    if ctx.plan.intent == "breakdown" and ctx.plan.group_by and ctx.plan.ranking is None:
        headline = "natural"
    if total is not None and ctx.plan.total_first:
        ctx.answer.facts.append(total)
    if headline == "top":
        ctx.answer.facts.append(_winner(ctx, m, dimension, top[dimension]))
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
    if headline == "natural":
        best = ordered.sort_values("value", ascending=False, kind="stable").iloc[0]
        ctx.answer.facts.append(_winner(ctx, m, dimension, best[dimension]))
    if total is not None and not ctx.plan.total_first:
        ctx.answer.facts.append(total)
    ctx.answer.text = _grouped_text(ctx, m, dimension, ordered, headline)
    if ctx.plan.form == "with_share" and m.unit in ADDITIVE:
        _shares_of_each(ctx, m, dimension, ordered)
    if total is not None and dimension == "line":
        _lines_together(ctx, m, frame)
    if ctx.plan.form == "spread" and len(frame) >= 2:
        _spread(ctx, m, dimension, frame)
    shown = frame.assign(
        label=[ctx.label(dimension, v) for v in frame[dimension]], value=frame["value"] * m.scale
    )
    ctx.answer.chart = charts.bars(
        shown, "label", m.label(ctx.lang), m.unit, sort=ctx.plan.ranking is not None
    )


WORKED_GROUPS = ("line", "shift", "team")  # the shift calendar knows every one that worked


def _with_quiet_groups(
    ctx: Ctx, m: Metric, dimension: str, filters: Filters, frame: pd.DataFrame
) -> pd.DataFrame:
    """A breakdown of events by line, shift or team: the ones that worked with none show 0, not nothing."""
    if m.source not in COUNTED or dimension not in WORKED_GROUPS:
        return frame
    calendar = Filters(lines=filters.lines, shifts=filters.shifts, teams=filters.teams)
    worked = ctx.run(
        ctx.query("availability", filters=calendar, group_by=(dimension,)),
        ctx.t(
            f"gearbeitet nach {ctx.dimension_name(dimension)}", f"worked by {ctx.dimension_name(dimension)}"
        ),
    )
    shown = set(frame[dimension])
    quiet = [v for v in worked[dimension] if v not in shown]
    if not quiet:
        return frame
    order = {v: i for i, v in enumerate(worked[dimension])}  # the calendar's own order of them
    filled = pd.concat([frame, pd.DataFrame({dimension: quiet, "value": 0.0})], ignore_index=True)
    return filled.sort_values(dimension, key=lambda c: c.map(order), kind="stable", ignore_index=True)


def _shares_of_each(ctx: Ctx, m: Metric, dimension: str, ordered: pd.DataFrame) -> None:
    """'… mit Anteil in Prozent': each group's share of the whole the ranking is taken from."""
    whole = _single(ctx.run(ctx.query(m.key), ctx.t(f"{m.label_de} gesamt", f"{m.label_en} in total")))
    if not whole:
        return
    said = []
    for key, value_ in zip(ordered[dimension].head(10), ordered["value"].head(10), strict=True):
        share_ = round(float(value_) / whole * 100, 2)
        line = str(key) if dimension == "line" else None
        label = ctx.t(f"Anteil – {ctx.label(dimension, key)}", f"share – {ctx.label(dimension, key)}")
        ctx.answer.facts.append(Fact(label, share_, "%", line, ctx.period.label(ctx.lang), "share"))
        said.append(f"{ctx.label(dimension, key)} {quantity(share_, '%', ctx.lang)}")
    ctx.answer.text += ctx.t(
        f" Anteil an {ctx.show(m, whole)} gesamt: {'; '.join(said)}.",
        f" Share of the {ctx.show(m, whole)} in total: {'; '.join(said)}.",
    )


def _mean_in_each(ctx: Ctx, m: Metric, dimension: str, per: str) -> None:
    """'Gutteile pro Schicht je Schichtgruppe': each group's total over the shifts (days, weeks) it worked."""
    name = _occurrence_name(ctx, per)
    totals = ctx.run(
        ctx.query(m.key, group_by=(dimension,)),
        ctx.t(
            f"{m.label_de} nach {ctx.dimension_name(dimension)}",
            f"{m.label_en} by {ctx.dimension_name(dimension)}",
        ),
    )
    worked = ctx.run(
        ctx.query("availability", group_by=tuple(dict.fromkeys((dimension, "line", *OCCURRENCES[per])))),
        ctx.t(f"gearbeitete {PLURAL_DE[per]} nach {ctx.dimension_name(dimension)}",
              f"worked {per}s by {ctx.dimension_name(dimension)}"),
    )  # fmt: skip
    counts = worked.groupby(dimension).size()  # each line's shift is one worked: the calendar's rows
    rows = [
        (key, float(total) / int(counts[key]), int(counts[key]))
        for key, total in zip(totals[dimension], totals["value"], strict=True)
        if key in counts.index and pd.notna(total)
    ]
    if not rows:
        ctx.answer.text = _no_data(ctx, m)
        return
    if dimension != "shift":
        rows.sort(key=lambda row: -row[1])
    label = ctx.t(f"{m.label_de} pro {name} im Schnitt", f"{m.label_en} per {name} on average")
    for key, mean, _ in rows:
        lines = (str(key),) if dimension == "line" else ctx.plan.filters.lines
        ctx.answer.facts.append(
            ctx.fact(m, mean, ctx.period, lines, f"{label} – {ctx.label(dimension, key)}")
        )
    plural = ctx.t(PLURAL_DE[per], f"{name}s")
    listing = "; ".join(f"{ctx.label(dimension, k)}: {ctx.show(m, v)} ({n} {plural})" for k, v, n in rows)
    ctx.answer.text = ctx.t(
        f"**{label} {ctx.scope()}**, {ctx.period.label_de}, nach {ctx.dimension_name(dimension)}: {listing}.",
        f"**{label} of {ctx.scope()}**, {ctx.period.label_en}, by {ctx.dimension_name(dimension)}: {listing}.",
    )
    shown = pd.DataFrame(
        {"label": [ctx.label(dimension, k) for k, _, _ in rows], "value": [v * m.scale for _, v, _ in rows]}
    )
    ctx.answer.chart = charts.bars(shown, "label", label, m.unit)


def _lines_together(ctx: Ctx, m: Metric, frame: pd.DataFrame) -> None:
    """'Stromverbrauch pro Linie': beside the plant's total, the lines' own sum when some meters have no line."""
    on_lines = frame[frame["line"].notna()]
    if m.unit not in ADDITIVE or len(on_lines) < 2 or len(on_lines) == len(frame):
        return
    value_ = float(on_lines["value"].sum())
    label = ctx.t("alle Linien zusammen", "all lines together")
    lines = tuple(str(line) for line in on_lines["line"])
    ctx.answer.facts.append(ctx.fact(m, value_, ctx.period, lines, f"{m.label(ctx.lang)} – {label}"))
    ctx.answer.text += ctx.t(
        f" Alle Linien zusammen: {ctx.show(m, value_)} (Zähler ohne Linie nicht mitgerechnet).",
        f" All lines together: {ctx.show(m, value_)} (meters without a line left out).",
    )


def _grouped_within(ctx: Ctx, m: Metric, outer: str, inner: str) -> None:
    """'Top defect for each line', 'Ausschuss nach Lieferant und Fehlerart': one grouping inside another."""
    ranked = ctx.plan.intent == "rank" and ctx.plan.limit is not None  # else every pair, the largest first
    pairs = ctx.plan.form == "pairs"  # 'Top 3 Fehlerbilder, mit Linie': the top pairs overall
    query = ctx.query(
        m.key,
        group_by=(outer, inner),
        order=ctx.plan.ranking or "desc",
        limit=ctx.plan.limit if ranked else None,
        limit_within=outer if ranked and not pairs else None,
    )
    outer_name, inner_name = ctx.dimension_name(outer), ctx.dimension_name(inner)
    frame = ctx.run(
        query,
        ctx.t(
            f"{m.label_de} nach {outer_name} und {inner_name}",
            f"{m.label_en} by {outer_name} and {inner_name}",
        ),
    )
    _warn_ignored(ctx, query)
    frame = frame[frame["value"].notna() & frame[inner].notna() & frame[outer].notna()]
    if frame.empty:
        ctx.answer.text = _no_data(ctx, m)
        return
    labels = [
        f"{ctx.label(outer, a)} · {ctx.label(inner, b)}"
        for a, b in zip(frame[outer], frame[inner], strict=True)
    ]
    for label, (_, row) in list(zip(labels, frame.iterrows(), strict=True))[:20]:
        lines = next((row[d] for d in (outer, inner) if d == "line"), None)
        ctx.answer.facts.append(
            ctx.fact(
                m,
                row["value"],
                ctx.period,
                (str(lines),) if lines else ctx.plan.filters.lines,
                f"{m.label(ctx.lang)} – {label}",
            )
        )
    listing = "; ".join(
        f"{label}: {ctx.show(m, v)}" for label, v in list(zip(labels, frame["value"], strict=True))[:8]
    )
    lowest = ctx.plan.ranking == "asc"
    how = (
        ctx.t(
            f"je {outer_name} {'niedrigster' if lowest else 'höchster'} Wert nach {inner_name}",
            f"the {'lowest' if lowest else 'top'} {inner_name} of each {outer_name}",
        )
        if ranked and not pairs
        else ctx.t(
            f"die {len(frame)} {'niedrigsten' if lowest else 'höchsten'} nach {inner_name}, mit {outer_name}",
            f"the {'lowest' if lowest else 'top'} {len(frame)} by {inner_name}, with their {outer_name}",
        )
        if ranked
        else ctx.t(f"nach {outer_name} und {inner_name}", f"by {outer_name} and {inner_name}")
    )
    ctx.answer.text = ctx.t(
        f"**{m.label_de} {ctx.scope()}**, {ctx.period.label_de}, {how}: {listing}.",
        f"**{m.label_en} of {ctx.scope()}**, {ctx.period.label_en}, {how}: {listing}.",
    )
    shown = frame.assign(label=labels, value=frame["value"] * m.scale)
    ctx.answer.chart = charts.bars(shown, "label", m.label(ctx.lang), m.unit, sort=True)


ORDERS = frozenset({"production_order", "maintenance_order"})  # records that carry a number of their own


def share(ctx: Ctx) -> None:
    """What part of a measure a subset makes up: breakdowns of downtime, AluNord of the scrap."""
    m = metric(ctx.plan.metrics[0])
    if ctx.plan.group_by:
        _share_by(ctx, m, ctx.plan.group_by)
        return
    whole = _single(ctx.run(ctx.query(m.key), ctx.t(f"{m.label_de} gesamt", f"{m.label_en} in total")))
    part_metric = metric(ctx.plan.part_metric or m.key)
    part_filters = _merged(ctx.plan.filters, ctx.plan.part)
    query = ctx.query(part_metric.key, filters=part_filters)
    part = _single(
        ctx.run(query, ctx.t(f"{part_metric.label_de} des Teils", f"{part_metric.label_en} of the part"))
    )
    _warn_ignored(ctx, query)
    if whole is None or not whole:
        ctx.answer.text = _no_data(ctx, m)
        return
    part = part or 0.0
    what = _part_label(ctx, part_metric)
    lines = ctx.plan.filters.lines
    ctx.answer.facts.append(
        Fact(
            ctx.t(f"Anteil {what}", f"share of {what}"),
            round(part / whole * 100, 4),
            "%",
            ",".join(lines) or None,
            ctx.period.label(ctx.lang),
            "share",
        )
    )
    part_label = part_metric.label(ctx.lang)
    part_label = part_label if what in part_label else f"{part_label} – {what}"
    ctx.answer.facts.append(ctx.fact(part_metric, part, ctx.period, lines, part_label))
    ctx.answer.facts.append(ctx.fact(m, whole, ctx.period, lines))
    if ctx.plan.form == "part":  # 'davon wie viel Rüsten?': the part's own figure first
        ctx.answer.facts[-3], ctx.answer.facts[-2] = ctx.answer.facts[-2], ctx.answer.facts[-3]
    share_text = quantity(part / whole * 100, "%", ctx.lang)
    ctx.answer.text = ctx.t(
        f"**{share_text}** der {m.label_de} {ctx.scope()} ({ctx.period.label_de}) entfallen auf {what}: "
        f"{ctx.show(part_metric, part)} von {ctx.show(m, whole)}.",
        f"**{share_text}** of the {m.label_en} of {ctx.scope()} ({ctx.period.label_en}) is {what}: "
        f"{ctx.show(part_metric, part)} of {ctx.show(m, whole)}.",
    )
    if (record_of(m.key) or ("",))[0] in ORDERS and (only := the_only_record(ctx, m.key)):
        ctx.answer.facts.append(only)  # 'how far along is the running order?': that order, by its number
        ctx.answer.text = ctx.answer.text.rstrip(".") + f" ({only.label} {only.value})."
    ctx.answer.chart = charts.bars(
        pd.DataFrame(
            {"part": [what, ctx.t("übrige", "rest")], "value": [part * m.scale, (whole - part) * m.scale]}
        ),
        "part",
        m.label(ctx.lang),
        m.unit,
    )


def _share_by(ctx: Ctx, m: Metric, dimension: str) -> None:
    """'Stillstand je Linie – wie viel Prozent davon war Rüsten?': the part's share in each group, highest first."""
    whole = ctx.run(
        ctx.query(m.key, group_by=(dimension,)), ctx.t(f"{m.label_de} je Gruppe", f"{m.label_en} per group")
    )
    part_metric = metric(ctx.plan.part_metric or m.key)
    query = ctx.query(
        part_metric.key, filters=_merged(ctx.plan.filters, ctx.plan.part), group_by=(dimension,)
    )
    part = ctx.run(
        query,
        ctx.t(f"{part_metric.label_de} des Teils je Gruppe", f"{part_metric.label_en} of the part per group"),
    )
    _warn_ignored(ctx, query)
    parts = {str(k): float(v) for k, v in zip(part[dimension], part["value"], strict=True) if pd.notna(v)}
    rows = [
        (str(k), parts.get(str(k), 0.0) / float(v) * 100, parts.get(str(k), 0.0), float(v))
        for k, v in zip(whole[dimension], whole["value"], strict=True)
        if pd.notna(k) and pd.notna(v) and v
    ]
    if not rows:
        ctx.answer.text = _no_data(ctx, m)
        return
    counted = ctx.plan.form == "with_share"  # 'how many …, with the share': ranked by the part's count
    rows.sort(key=lambda row: row[2] if counted else row[1], reverse=ctx.plan.ranking != "asc")
    what = _part_label(ctx, part_metric)
    ctx.answer.facts.append(_winner(ctx, part_metric if counted else m, dimension, rows[0][0]))
    for key, percent, _, _ in rows:
        label = ctx.t(
            f"Anteil {what} – {ctx.label(dimension, key)}", f"share of {what} – {ctx.label(dimension, key)}"
        )
        line = key if dimension == "line" else ",".join(ctx.plan.filters.lines) or None
        ctx.answer.facts.append(
            Fact(label, round(percent, 4), "%", line, ctx.period.label(ctx.lang), "share")
        )
    items = [
        f"{ctx.label(dimension, key)} {quantity(percent, '%', ctx.lang)} "
        f"({ctx.show(part_metric, part_value)} / {ctx.show(m, whole_value)})"
        for key, percent, part_value, whole_value in rows
    ]
    top = ctx.label(dimension, rows[0][0])
    first = ctx.t(f"die meisten {what}", f"most {what}") if counted else ctx.t("am höchsten", "highest")
    ctx.answer.text = ctx.t(
        f"Anteil {what} an der {m.label_de} ({ctx.scope()}, {ctx.period.label_de}), je {ctx.dimension_name(dimension)}: "
        f"{first} **{top}**. {'; '.join(items)}.",
        f"Share of {what} in the {m.label_en} ({ctx.scope()}, {ctx.period.label_en}), by {ctx.dimension_name(dimension)}: "
        f"{first} **{top}**. {'; '.join(items)}.",
    )
    ctx.answer.chart = charts.bars(
        pd.DataFrame({"label": [ctx.label(dimension, r[0]) for r in rows], "value": [r[1] for r in rows]}),
        "label",
        ctx.t(f"Anteil {what}", f"share of {what}"),
        "%",
    )


def difference_fact(
    ctx: Ctx, m: Metric, first: float, second: float, line: str | None, between: str
) -> Fact | None:
    """The headline a comparison asks for: the difference, the relative change or the percentage points."""
    form = ctx.plan.form
    if form == "relative":
        return Fact(
            ctx.t("Veränderung", "change"),
            round((first - second) / second * 100, 4) if second else 0.0,
            "%",
            line,
            between,
            "change",
        )
    if form == "factor":
        return Fact(
            ctx.t("Faktor", "factor"),
            round(first / second, 4) if second else 0.0,
            "×",
            line,
            between,
            "factor",
        )
    if form in ("difference", "points"):
        unit = "pp" if m.unit == "%" else m.unit
        difference = (first - second) * m.scale
        distance = asked_distance(ctx, m, difference)
        return Fact(
            ctx.t("Unterschied", "difference") if distance is None else ctx.t(*PERIOD_DISTANCE[distance[0]]),
            round(difference if distance is None else distance[1], 4),
            unit,
            line,
            between,
            "difference" if distance is None else "distance",
        )
    return None


PERIOD_DISTANCE = {"below": ("niedriger um", "lower by"), "above": ("höher um", "higher by")}
REFERENCE_DISTANCE = {"below": ("unter", "below"), "above": ("über", "above")}


def asked_distance(ctx: Ctx, m: Metric, difference: float) -> tuple[str, float] | None:
    """'How far below': a difference that lies in the direction asked, as a distance (label, positive value)."""
    sense = ctx.plan.sense
    if sense in ("worse", "better"):
        higher_is_better = m.direction == "higher"
        sense = "below" if (sense == "worse") == higher_is_better else "above"
        if m.direction == "neutral":
            return None
    if sense == "off" and difference:
        sense = "below" if difference < 0 else "above"
    if sense == "below" and difference < 0:
        return "below", -difference
    if sense == "above" and difference > 0:
        return "above", difference
    return None


def _spread(ctx: Ctx, m: Metric, dimension: str, frame: pd.DataFrame) -> None:
    """'the gap between the best and the worst line': the highest value less the lowest, first."""
    high, low = frame.loc[frame["value"].idxmax()], frame.loc[frame["value"].idxmin()]
    unit = "pp" if m.unit == "%" else m.unit
    between = f"{ctx.label(dimension, high[dimension])} – {ctx.label(dimension, low[dimension])}"
    spread = Fact(
        ctx.t("Spanne (höchster − niedrigster Wert)", "spread (highest − lowest)"),
        round(float(high["value"] - low["value"]) * m.scale, 4),
        unit,
        None,
        ctx.period.label(ctx.lang),
        "spread",
    )
    ctx.answer.facts.insert(0, spread)
    ctx.answer.text = (
        f"{spread.label}: **{quantity(float(spread.value), unit, ctx.lang)}** ({between}). " + ctx.answer.text
    )


REST = {  # what the named one is set against: the mean, the highest or the lowest of the others
    "others": ("Schnitt der anderen", "mean of the others"),
    "next": ("nächsthöchster Wert", "next highest"),
    "next_lowest": ("nächstniedrigster Wert", "next lowest"),
}


def _entity_difference(ctx: Ctx) -> None:
    """'Wie viele mehr in der Nacht als früh?': the difference of the first two named values first."""
    m = metric(ctx.plan.metrics[0])
    values = [f for f in ctx.answer.facts if f.key == m.key]
    if len(values) < 2:
        return
    first, second = (float(v.value) / m.scale for v in values[:2])
    between = f"{values[0].label} vs {values[1].label}"
    if ctx.plan.reference in REST:  # the named one against the mean, the highest or the lowest of the rest
        others = [float(v.value) / m.scale for v in values[1:]]
        second = {"others": sum(others) / len(others), "next": max(others), "next_lowest": min(others)}[
            ctx.plan.reference
        ]
        name = REST[ctx.plan.reference]
        rest = Fact(
            ctx.t(*name), round(second * m.scale, 4), m.unit, None, values[0].period, ctx.plan.reference
        )
        ctx.answer.facts.insert(0, rest)
        between = ctx.t(f"{values[0].label} vs {name[0]}", f"{values[0].label} vs {name[1]}")
    fact = difference_fact(ctx, m, first, second, values[0].line, between)
    if fact is not None:
        ctx.answer.facts.insert(0, fact)
        said = fact.label
        if ctx.plan.reference in REST:
            de, en = REFERENCES[ctx.plan.reference]  # as the restatement says it: 'den Schnitt der anderen'
            said = ctx.t(
                f"{values[0].label} gegen den {de} ({ctx.show(m, second)}) – {fact.label}",
                f"{values[0].label} against the {en} ({ctx.show(m, second)}) – {fact.label}",
            )
        ctx.answer.text = f"{said}: **{_fact_text(ctx, fact)}**. " + ctx.answer.text


def _against_reference(ctx: Ctx) -> None:
    """The value against its target, takt, ideal cycle or standard: as asked, in % of it or as the gap."""
    m = metric(ctx.plan.metrics[0])
    if not ctx.answer.facts:
        return
    headline = ctx.answer.facts[0]
    reference = _reference_value(ctx, m, headline)
    name = REFERENCE_NAMES[ctx.plan.reference or "target"]
    if reference is None:
        ctx.answer.warnings.append(
            ctx.t(
                f"Für diese Kennzahl und Auswahl ist kein {name[0]} hinterlegt.",
                f"No {name[1]} is set for this metric and selection.",
            )
        )
        return
    value_ = float(headline.value)
    ref_fact = Fact(
        ctx.t(name[0], name[1]),
        round(reference, 4),
        headline.unit,
        headline.line,
        headline.period,
        ctx.plan.reference or "target",
    )
    distance = asked_distance(ctx, m, value_ - reference)
    gap = Fact(
        ctx.t(f"Abstand zum {name[0]}", f"gap to {name[1]}")
        if distance is None
        else ctx.t(
            f"{REFERENCE_DISTANCE[distance[0]][0]} dem {name[0]} um",
            f"{REFERENCE_DISTANCE[distance[0]][1]} {name[1]} by",
        ),
        round(value_ - reference if distance is None else distance[1], 4),
        "pp" if headline.unit == "%" else headline.unit,
        headline.line,
        headline.period,
        "gap" if distance is None else "distance",
    )
    percent = Fact(
        ctx.t(f"in % vom {name[0]}", f"% of {name[1]}"),
        round(value_ / reference * 100, 4) if reference else 0.0,
        "%",
        headline.line,
        headline.period,
        "percent_of",
    )
    relative = Fact(
        ctx.t(f"über/unter {name[0]}", f"above/below {name[1]}"),
        round((value_ - reference) / reference * 100, 4) if reference else 0.0,
        "%",
        headline.line,
        headline.period,
        "relative",
    )
    factor = Fact(
        ctx.t(f"Faktor zum {name[0]}", f"factor to {name[1]}"),
        round(value_ / reference, 4) if reference else 0.0,
        "×",
        headline.line,
        headline.period,
        "factor",
    )
    forms = {
        "factor": factor,
        "percent_of": percent,
        "difference": gap,
        "points": gap,
        "relative": relative,
        "target": ref_fact,
    }
    first = forms.get(ctx.plan.form or "")
    ordered = [first] if first else []
    ordered += [f for f in (headline, ref_fact, gap, percent) if f is not first]
    ctx.answer.facts[:1] = ordered
    if first is None and ctx.plan.reference not in (
        None,
        "target",
    ):  # 'against takt': say the takt, not the target
        ctx.answer.text += ctx.t(
            f" {name[0]}: **{quantity(reference, headline.unit, 'de')}** ({gap.label}: {_fact_text(ctx, gap, 'de')}).",
            f" {name[1].capitalize()}: **{quantity(reference, headline.unit, 'en')}** ({gap.label}: {_fact_text(ctx, gap, 'en')}).",
        )
    if first is not None:
        ctx.answer.text = (
            ctx.t(
                f"{first.label}: **{_fact_text(ctx, first)}** ({m.label_de} {quantity(value_, headline.unit, 'de')}, {name[0]} {quantity(reference, headline.unit, 'de')}). ",
                f"{first.label}: **{_fact_text(ctx, first)}** ({m.label_en} {quantity(value_, headline.unit, 'en')}, {name[1]} {quantity(reference, headline.unit, 'en')}). ",
            )
            + ctx.answer.text
        )


REFERENCE_NAMES = {"target": ("Ziel", "target"), "takt": ("Takt", "takt time"), "ideal": ("Idealzyklus", "ideal cycle time"),
                   "standard": ("Standard", "standard")}  # fmt: skip
REFERENCE_COLUMNS = {"takt": "takt_s", "ideal": "ideal_s", "standard": "standard_minutes"}


def _reference_value(ctx: Ctx, m: Metric, headline: Fact) -> float | None:
    """The reference in the headline's display unit: the target, or takt/ideal/standard from the query's evidence."""
    if ctx.plan.reference in (None, "target"):
        return headline.target
    column = REFERENCE_COLUMNS[ctx.plan.reference]
    evidence = ctx.runner.evidence[0] if ctx.runner.evidence else None
    if evidence is None or column not in evidence.columns or not evidence.rows:
        return None
    cell = evidence.rows[0][evidence.columns.index(column)]
    if cell is None:
        return None
    if column == "standard_minutes" and m.key.endswith("__total"):
        return float(cell)  # a total against the sum of the standards
    if column == "standard_minutes":
        count = evidence.rows[0][evidence.columns.index("changeovers")]
        return float(cell) / float(count) if count else None
    return float(cell)


def _said_direction(fact: Fact) -> str:
    """The direction a distance's label says ('lower by '), nothing before a signed difference."""
    return f"{fact.label} " if fact.key == "distance" else ""


def _fact_text(ctx: Ctx, fact: Fact, lang: str | None = None) -> str:
    """A fact's value with its unit, signed for differences; a distance says its direction."""
    lang = lang or ctx.lang
    if fact.key == "distance":
        return quantity(float(fact.value), fact.unit, lang)
    if fact.key in ("difference", "gap", "change", "relative"):
        return signed(float(fact.value), fact.unit, lang)
    return quantity(float(fact.value), fact.unit, lang)


def _named(ctx: Ctx, dimension: str) -> tuple[str, ...]:
    """The values of a dimension the question named, in the order named."""
    attribute = FILTER_OF.get(dimension, dimension + "s")
    return tuple(getattr(ctx.plan.filters, attribute, ()) or ())


FILTER_OF = {"line": "lines", "shift": "shifts", "team": "teams", "station": "stations", "supplier": "suppliers",
             "product": "products", "family": "families", "medium": "media", "meter": "meters", "defect": "defects",
             "defect_category": "defect_categories",
             "reason": "reasons", "alarm": "alarms"}  # fmt: skip


def _overall(ctx: Ctx, m: Metric, filters: Filters) -> Fact | None:
    """The measure over the whole selection a breakdown splits ('alle Linien' puts it first)."""
    label = ctx.t(f"{m.label_de} gesamt", f"{m.label_en} in total")
    total = _single(ctx.run(ctx.query(m.key, filters=filters), label))
    return None if total is None else ctx.fact(m, total, ctx.period, filters.lines, label)


def _merged(filters: Filters, part: Filters | None) -> Filters:
    """The whole's filters with the part's restrictions added."""
    return filters if part is None else filters.replace(**part.used())


def _part_label(ctx: Ctx, part_metric: Metric) -> str:
    """What the part is: the sub-record ('Ausfälle') or the entities it is restricted to ('AluNord GmbH')."""
    part = ctx.plan.part
    if part is None or not part.used():
        return part_name(part_metric.key, ctx.plan.metrics[0], ctx.lang)
    names = []
    for attribute, values in part.used().items():
        kind = {v: k for k, v in FILTER_OF.items()}.get(attribute)
        words = VALUE_WORDS.get(attribute, {})  # 'between' → 'Familienwechsel'
        names += [
            ctx.label(kind, v)
            if kind
            else duration_words(v, ctx.lang)
            if attribute == "durations"
            else ctx.t(*words.get(v, (str(v), str(v))))
            for v in values
        ]
    return ", ".join(names)


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
    for _, row in frame.head(62).iterrows():  # the trend itself, day by day (week, shift …)
        label = f"{m.label(ctx.lang)} – {ctx.label(dimension, row[dimension])}"
        ctx.answer.facts.append(ctx.fact(m, row["value"], ctx.period, ctx.plan.filters.lines, label))
    ctx.answer.text = ctx.t(
        f"**{m.label_de} {ctx.scope()}**, {ctx.period.label_de}: **{ctx.show(m, total)}** "
        f"{'insgesamt' if m.unit in ADDITIVE else 'über den Zeitraum'}; "
        f"am höchsten {ctx.label(dimension, high[dimension])} ({ctx.show(m, high['value'])}), "
        f"am niedrigsten {ctx.label(dimension, low[dimension])} ({ctx.show(m, low['value'])}).",
        f"**{m.label_en} of {ctx.scope()}**, {ctx.period.label_en}: **{ctx.show(m, total)}** "
        f"{'in total' if m.unit in ADDITIVE else 'over the period'}; "
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
        if c in ("readings", "units", "produced", "stops", "changeovers", "breakdowns", "records")
    ]
    if evidence_rows and all(frame[c].fillna(0).iloc[0] == 0 for c in evidence_rows):
        return None
    return float(frame["value"].iloc[0])


BEHIND = {  # evidence columns shown as figures after the headline: (column, German, English, unit, scale)
    "oee": (("availability", "Verfügbarkeit", "availability", "%", 100), ("performance", "Leistung", "performance", "%", 100),
            ("quality", "Qualität", "quality", "%", 100)),
    "downtime": (("stops", "Anzahl Stillstände", "number of stops", "count", 1),),
    "mttr": (("breakdowns", "Anzahl Ausfälle", "number of breakdowns", "count", 1),),
    "breakdown_time": (("breakdowns", "Anzahl Ausfälle", "number of breakdowns", "count", 1),),
    "scrap_count": (("scrap_rate", "Ausschussquote", "scrap rate", "%", 100), ("produced", "produziert", "produced", "count", 1)),
    "scrap_rate": (("scrap", "Ausschussmenge", "scrap count", "count", 1), ("produced", "produziert", "produced", "count", 1)),
    "output": (("good", "Gutteile", "good parts", "count", 1), ("scrap", "Ausschussmenge", "scrap count", "count", 1)),
    "good_parts": (("produced", "produziert", "produced", "count", 1),),
    "changeover_count": (("minutes", "Rüstzeit gesamt", "total changeover time", "min", 1),),
    "stop_count": (("minutes", "Stillstandszeit", "downtime", "min", 1),),
    "cycle_time": (("ideal_s", "Idealzyklus", "ideal cycle time", "s", 1), ("takt_s", "Takt", "takt time", "s", 1)),
    "cycle_time_median": (("ideal_s", "Idealzyklus", "ideal cycle time", "s", 1), ("takt_s", "Takt", "takt time", "s", 1)),
    "cycle_time_cv": (("mean_s", "mittlere Zykluszeit", "mean cycle time", "s", 1), ("sd_s", "Standardabweichung", "standard deviation", "s", 1)),
    "changeover_time": (("changeovers", "Anzahl Rüstvorgänge", "number of changeovers", "count", 1),),
    "idle_load": (("kwh", "Energie im Leerlauf", "idle energy", "kWh", 1), ("idle_h", "Stunden ohne Schicht", "hours without a shift", "h", 1)),
}  # fmt: skip


def _evidence_facts(ctx: Ctx, m: Metric, frame: pd.DataFrame) -> list[Fact]:
    """The terms behind a figure (OEE's availability, performance and quality; how many stops)."""
    frame = (
        frame.assign(scrap_rate=frame["scrap"] / frame["produced"])
        if {"scrap", "produced"} <= set(frame)
        else frame
    )
    lines = ",".join(ctx.plan.filters.lines) or None
    behind = list(BEHIND.get(m.key, ()))
    found = record_of(m.key)
    if found and found[1] != "count" and m.key not in BEHIND:  # 'mean repair time' over how many orders
        record = RECORDS[found[0]]
        behind.append(("records", f"Anzahl {record.label_de}", f"number of {record.label_en}", "count", 1))
    return [
        Fact(
            ctx.t(de, en),
            round(float(frame[name].iloc[0]) * scale, 4),
            unit,
            lines,
            ctx.period.label(ctx.lang),
            name,
        )
        for name, de, en, unit, scale in behind
        if name in frame and pd.notna(frame[name].iloc[0])
    ]


def _value_sentence(ctx: Ctx, m: Metric, fact: Fact) -> str:
    """'**OEE Linie 1**, letzte 7 Tage (…): **72,3 %** (Ziel 80,0 %).'"""
    shown = ctx.display(m, float(fact.value))
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
    """Put the named values first (in the order named), else keep the query's order."""
    if not named:
        unassigned = frame[dimension].isna() | (frame[dimension] == "?")
        return pd.concat([frame[~unassigned], frame[unassigned]]).reset_index(
            drop=True
        )  # 'ohne Zuordnung' last
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
    if headline == "natural":
        best = frame.sort_values("value", ascending=False, kind="stable").iloc[0]
        high = ctx.label(dimension, best[dimension])
        return ctx.t(
            f"**{m.label_de} {ctx.scope()}**, {ctx.period.label_de}, nach {ctx.dimension_name(dimension)}: {listing}. "
            f"Am höchsten: {high}.",
            f"**{m.label_en} of {ctx.scope()}**, {ctx.period.label_en}, by {ctx.dimension_name(dimension)}: {listing}. "
            f"Highest: {high}.",
        )
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


def _no_data_in(ctx: Ctx, m: Metric, values: list[tuple[TimeWindow, float | None]]) -> str:
    """'Für OEE Linie 1 gibt es Sa 01.11.2025 keine Daten; Mi 19.11.2025: 74,1 %.' — the empty period named."""
    if all(v is None for _, v in values):
        return _no_data(ctx, m)
    empty = {lang: ", ".join(w.label(lang) for w, v in values if v is None) for lang in ("de", "en")}
    shown = {
        lang: "; ".join(
            f"{w.label(lang)}: {quantity(v * m.scale, m.unit, lang)}" for w, v in values if v is not None
        )
        for lang in ("de", "en")
    }
    ctx.answer.warnings.append(
        ctx.t(
            f"Keine Daten für {empty['de']}; kein Vergleich möglich.",
            f"No data for {empty['en']}; no comparison possible.",
        )
    )
    return ctx.t(
        f"Für {m.label_de} {ctx.scope()} gibt es {empty['de']} keine Daten; {shown['de']}.",
        f"There is no data for {m.label_en} of {ctx.scope()} {empty['en']}; {shown['en']}.",
    )


def _warn_ignored(ctx: Ctx, query: MetricQuery) -> None:
    for name in ignored_filters(query):
        ctx.answer.warnings.append(
            ctx.t(
                f"Die Einschränkung auf {name} lässt sich für {query.definition.label_de} nicht anwenden; die Zahl gilt ohne sie.",
                f"The restriction to {name} cannot be applied to {query.definition.label_en}; the figure is without it.",
            )
        )


def _by_gap(ctx: Ctx, m: Metric, frame: pd.DataFrame, reference: str) -> pd.DataFrame:
    """Lines ranked by how far their value lies from their own reference ('furthest above its target/ideal')."""
    if reference == "target":
        references = [ctx.target(m, (str(line),)) for line in frame["line"]]
    else:
        column = REFERENCE_COLUMNS[reference]
        references = [float(v) if pd.notna(v) else None for v in frame[column]] if column in frame else []
    if not references:
        return frame
    relative = m.unit != "%"  # seconds or kWh per unit differ by line: their ratio to the reference compares
    gaps = [
        (v * m.scale / t - 1 if relative else v * m.scale - t) if t else None
        for v, t in zip(frame["value"], references, strict=True)
    ]
    ranked = frame.assign(gap=gaps).dropna(subset=["gap"])
    if ctx.plan.ranking == "closest":  # 'which is closer to its target': the smallest gap either way first
        return ranked.iloc[ranked["gap"].abs().argsort(kind="stable")].reset_index(drop=True)
    return ranked.sort_values("gap", ascending=ctx.plan.ranking == "asc").reset_index(drop=True)


def _points(gap: float, language: str) -> str:
    """A gap between two percentages in percentage points: '−10,7 Pp.', '+3.9 pp'."""
    return signed(gap, "%", language).replace("%", "Pp." if language == "de" else "pp")


def _against_targets(ctx: Ctx, m: Metric, frame: pd.DataFrame, dimension: str = "line") -> None:
    """Each line (or each day of one line) against its target: the gap of each, how many missed it, the count
    first when asked."""
    lines = ctx.plan.filters.lines
    bound = ctx.plan.bound if ctx.plan.reference == "bound" else None
    targets = {
        str(v): bound if bound is not None else ctx.target(m, (str(v),) if dimension == "line" else lines)
        for v in frame[dimension]
    }
    rows = [
        (str(r[dimension]), float(r["value"]) * m.scale, targets[str(r[dimension])])
        for _, r in frame.iterrows()
    ]
    judged = [(key, value, target) for key, value, target in rows if target is not None]
    met = [key for key, value, target in judged if (value >= target) == (m.direction == "higher")]
    # each line against its own target ('ihr Ziel'); the days of one line against the one target ('das Ziel')
    de, dative, en = ("ihr", "ihrem", "their") if dimension == "line" else ("das", "dem", "the")
    if bound is not None:
        limit_de, limit_en = quantity(bound, m.unit, "de"), quantity(bound, m.unit, "en")
        counted, what = (
            (
                [key for key, value, target in judged if value > target],
                (f"über {limit_de}", f"above {limit_en}"),
            )
            if ctx.plan.sense == "above"
            else (
                [key for key, value, target in judged if value < target],
                (f"unter {limit_de}", f"below {limit_en}"),
            )
        )
    else:
        counted, what = {
            "met": (met, (f"{de} Ziel erreicht", f"met {en} target")),
            "above": (
                [key for key, value, target in judged if value > target],
                (f"über {dative} Ziel", f"above {en} target"),
            ),
            "below": (
                [key for key, value, target in judged if value < target],
                (f"unter {dative} Ziel", f"below {en} target"),
            ),
        }.get(
            ctx.plan.sense or "",
            ([key for key, _, _ in judged if key not in met], (f"{de} Ziel verfehlt", f"missed {en} target")),
        )
    of_target = ctx.plan.form == "percent_of" and bound is None  # 'OEE je Linie in % des Ziels'
    if of_target:
        share = {key: value / target for key, value, target in judged if target}
        rows = sorted(rows, key=lambda r: -share.get(r[0], float("-inf")))
        judged = [(key, value, target) for key, value, target in rows if target is not None]
        at = {str(v): i for i, v in enumerate(frame[dimension])}
        frame = frame.iloc[[at[r[0]] for r in rows]].reset_index(drop=True)
    elif ctx.plan.ranking != "closest" and ctx.plan.sense != "ranked":
        # 'which lines missed their target, by how much': those first, the widest gap first; 'which did best
        # against its target' ('ranked') keeps the order of the gaps
        gap = {
            key: abs(value / target - 1 if m.unit != "%" else value - target) for key, value, target in judged
        }
        rows = sorted(rows, key=lambda r: (r[0] not in counted, -gap.get(r[0], 0.0)))
        judged = [(key, value, target) for key, value, target in rows if target is not None]
        at = {str(v): i for i, v in enumerate(frame[dimension])}
        frame = frame.iloc[[at[r[0]] for r in rows]].reset_index(drop=True)
    noun = (
        ("Linien", "lines")
        if dimension == "line"
        else (
            COUNTED_DE.get(dimension) or GROUPS_DE.get(dimension, dimension),
            COUNTED_EN.get(dimension, f"{dimension}s"),
        )
    )
    count = Fact(
        ctx.t(f"{noun[0]} {what[0]}", f"{noun[1]} {what[1]}"),
        len(counted),
        "count",
        ",".join(lines) if dimension != "line" and lines else None,
        ctx.period.label(ctx.lang),
        noun[1],
    )
    if ctx.plan.form == "count":
        ctx.answer.facts.append(count)
    else:
        first = _winner(ctx, m, dimension, rows[0][0])
        if of_target:
            first = replace(first, label=ctx.t(f"{ctx.dimension_name(dimension)} mit dem höchsten Wert in % des Ziels",
                                               f"{ctx.dimension_name(dimension)} with the highest % of target"))  # fmt: skip
        elif ctx.plan.ranking == "closest":
            first = replace(first, label=ctx.t(f"{ctx.dimension_name(dimension)} am nächsten am Ziel",
                                               f"{ctx.dimension_name(dimension)} closest to its target"))  # fmt: skip
        elif rows[0][0] in counted and ctx.plan.sense != "ranked":
            first = replace(first, label=ctx.t(f"{ctx.dimension_name(dimension)} am weitesten vom Ziel",
                                               f"{ctx.dimension_name(dimension)} furthest from its target"))  # fmt: skip
        ctx.answer.facts.append(first)
    for _, r in frame.iterrows():
        key = str(r[dimension])
        label = f"{m.label(ctx.lang)} – {ctx.label(dimension, r[dimension])}"
        ctx.answer.facts.append(
            ctx.fact(m, r["value"], ctx.period, (key,) if dimension == "line" else lines, label)
        )
        own_target = targets.get(key)
        if of_target and own_target:
            ctx.answer.facts.append(
                Fact(ctx.t(f"in % des Ziels – {ctx.label(dimension, r[dimension])}",
                           f"% of target – {ctx.label(dimension, r[dimension])}"),
                     round(float(r["value"]) * m.scale / own_target * 100, 2), "%",
                     key if dimension == "line" else None, ctx.period.label(ctx.lang), "percent_of")
            )  # fmt: skip
    if ctx.plan.form != "count":
        ctx.answer.facts.append(count)
    shown_of = {str(v): ctx.label(dimension, v) for v in frame[dimension]}
    items = [
        f"{shown_of[key]} {quantity(value, m.unit, ctx.lang)} "
        + ctx.t(
            f"({'Grenze' if bound is not None else 'Ziel'} {quantity(target, m.unit, 'de')}, ",
            f"({'limit' if bound is not None else 'target'} {quantity(target, m.unit, 'en')}, ",
        )
        + (
            ctx.t(
                f"{quantity(value / target * 100, '%', 'de')} des Ziels",
                f"{quantity(value / target * 100, '%', 'en')} of target",
            )
            if of_target
            else _points(value - target, ctx.lang)
            if m.unit == "%"
            else signed_percent(value / target - 1, ctx.lang)
        )
        + ")"
        for key, value, target in judged
        if target
    ]
    named = (
        ", ".join(shown_of[key] for key, _, _ in rows if key in counted) or ctx.t("keine", "none")
    ).rstrip(".")
    scope = "" if dimension == "line" else f"{ctx.scope()}, "
    ctx.answer.text = ctx.t(
        f"**{len(counted)} von {len(items)} {noun[0]}** {what[0]} ({m.label_de}, {scope}{ctx.period.label_de}): "
        f"{named}. Je {ctx.dimension_name(dimension)}: {'; '.join(items)}.",
        f"**{len(counted)} of {len(items)} {noun[1]}** {what[1]} ({m.label_en}, {scope}{ctx.period.label_en}): "
        f"{named}. By {ctx.dimension_name(dimension)}: {'; '.join(items)}.",
    )
    if ctx.plan.ranking == "closest" and rows:
        closest = shown_of[rows[0][0]]
        ctx.answer.text = (
            ctx.t(f"Am nächsten am Ziel: **{closest}**. ", f"Closest to its target: **{closest}**. ")
            + ctx.answer.text
        )
    shown = frame.assign(label=[shown_of[str(v)] for v in frame[dimension]], value=frame["value"] * m.scale)
    ctx.answer.chart = charts.bars(shown, "label", m.label(ctx.lang), m.unit, sort=dimension == "line")


COUNTED_DE = {
    "day": "Tagen",
    "shift": "Schichten",
    "shift_day": "Schichten",
    "week": "Wochen",
}  # '3 von 5 Tagen'
GROUPS_DE = {"batch": "Chargen", "supplier": "Lieferanten", "station": "Stationen", "product": "Produkten",
             "team": "Teams", "family": "Familien", "month": "Monaten", "hour": "Stunden"}  # fmt: skip
COUNTED_EN = {"shift_day": "shifts", "batch": "batches", "family": "families"}
EVENT_SOURCES = frozenset({"downtime", "alarms", "changeovers", "maintenance"})


def _none_happened(ctx: Ctx, m: Metric) -> bool:
    """A count or total time of events over a window inside the data period with no rows is a real zero ('how many
    minutes did e-stops cost in October?'), not missing data."""
    start = ctx.catalog.data_start
    counted = m.unit == "count" or (record_of(m.key) or ("", ""))[1] == "total"
    return counted and m.source in EVENT_SOURCES and start is not None and ctx.period.end > start


def _before_the_data(ctx: Ctx) -> bool:
    """The window ends before the data start: a zero there is no figure ('Stillstände im Jahr 2024')."""
    start = ctx.catalog.data_start
    return start is not None and ctx.period.end <= start


def _winner(ctx: Ctx, m: Metric, dimension: str, value: object) -> Fact:
    """The fact that names the top group: its identifier, as the headline of a ranking."""
    return Fact(
        _top_label(ctx, m, dimension),
        _identifier(dimension, value),
        dimension,
        _line_of(ctx, dimension, value),
        ctx.period.label(ctx.lang),
        dimension,
    )


def _identifier(dimension: str, value: object) -> str:
    """A grouping value as an identifier: days and weeks as ISO dates, weekdays as ISO numbers (Monday 1),
    everything else as written."""
    if dimension in ("day", "week") and value is not None:
        return pd.Timestamp(str(value)).date().isoformat()
    if dimension == "weekday" and isinstance(value, int | float):
        return str(int(value))
    return str(value)
