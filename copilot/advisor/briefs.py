"""'Wie kann ich die Rüstzeit optimieren?': where the loss sits, how big it is, the method, the expected gain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pandas as pd

from ..answer import Fact
from ..compose.context import Ctx
from ..formatting import number, quantity
from ..lean.methods import method_name, method_steps
from ..semantic.filters import Filters
from ..timeframes import TimeWindow
from .energy_advice import recommend
from .energy_drivers import base_step
from .energy_savings import leak_saving, step_of
from .scenarios import Scenario, compute
from .tariffs import said

WEEK_HOURS = 168


@dataclass
class Brief:
    """An improvement brief: sentences for where and how big, the methods, and the scenario of the gain."""

    title: str
    where: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    gain: Scenario | None = None
    gain_text: str = ""
    filters: Filters | None = None  # where the brief looked: the line with the largest loss


def _top(ctx: Ctx, metric: str, dimension: str, filters: Filters, limit: int = 1) -> pd.DataFrame:
    frame = ctx.run(
        ctx.query(metric, filters=filters, group_by=(dimension,), order="desc", limit=limit),
        ctx.t(f"{dimension}: größter Verlust", f"{dimension} with the largest loss"),
    )
    return frame[frame["value"].fillna(0) > 0]


def _lines(ctx: Ctx, metric: str) -> Filters:
    """The plan's filters, narrowed to the line with the largest loss when no line was named."""
    filters = ctx.plan.filters
    if filters.lines:
        return filters
    top = _top(ctx, metric, "line", filters)
    return filters.replace(lines=(str(top["line"].iloc[0]),)) if len(top) else filters


def _hours(ctx: Ctx, minutes: float) -> str:
    return quantity(minutes / 60, "h", ctx.lang)


def changeover(ctx: Ctx) -> Brief:
    """Changeovers over their standard: line, kind of change, product pair."""
    filters = _lines(ctx, "late_changeover__total__excess")
    brief = Brief(ctx.t("Rüsten", "changeovers"), methods=["smed"], filters=filters)
    kinds = ctx.run(
        ctx.query("changeover_vs_standard", filters=filters, group_by=("family_change",)),
        ctx.t("Rüsten je Wechselart gegen Standard", "changeovers by change type against standard"),
    )
    for row in kinds.itertuples(index=False):
        kind = ctx.t("Familienwechsel", "cross-family changeovers") if row.family_change == "between" else ctx.t("Wechsel innerhalb der Familie", "changeovers within a family")  # fmt: skip
        excess = float(row.minutes - row.standard_minutes)
        brief.where.append(
            ctx.t(
                f"{kind}: {int(row.changeovers)} Wechsel, im Schnitt {number(row.value * 100, 'de', 0)} % ihres Standards "
                f"({_hours(ctx, excess)} über Standard)",
                f"{kind}: {int(row.changeovers)} changeovers, on average {number(row.value * 100, 'en', 0)} % of their "
                f"standard ({_hours(ctx, excess)} over standard)",
            )
        )
        ctx.answer.facts.append(
            Fact(
                kind,
                round(float(row.value) * 100, 4),
                "%",
                ",".join(filters.lines) or None,
                ctx.period.label(ctx.lang),
                "changeover_vs_standard",
                100.0,
            )
        )
    by_pair = ctx.run(
        ctx.query(
            "late_changeover__total__excess",
            filters=filters,
            group_by=("from_product", "product"),
            order="desc",
            limit=3,
        ),
        ctx.t(
            "Produktpaare mit der meisten Zeit über Standard",
            "product pairs with the most time over standard",
        ),
    )
    if len(by_pair):
        said = [
            f"{ctx.catalog.label('product', str(r.from_product), ctx.lang)} → {ctx.catalog.label('product', str(r.product), ctx.lang)} "
            f"({_hours(ctx, float(r.value))})"
            for r in by_pair.itertuples(index=False)
        ]  # fmt: skip
        brief.where.append(ctx.t("größte Produktpaare: ", "largest product pairs: ") + ", ".join(said))
    found = compute(ctx, "changeover", "standard", filters, ctx.period)
    if isinstance(found, Scenario):
        brief.gain = found
        brief.gain_text = ctx.t("alle Wechsel auf Standardzeit", "every changeover at its standard time")
    return brief


def short_stops(ctx: Ctx) -> Brief:
    """Short stops: station, alarm code, shift."""
    filters = ctx.plan.filters
    brief = Brief(ctx.t("Kurzstopps", "short stops"), methods=["autonomous_maintenance"])
    stations = filters.stations or tuple(
        str(s) for s in _top(ctx, "short_stop__total", "station", filters)["station"]
    )
    if not stations:
        return brief
    at = Filters(stations=stations[:1])
    station = ctx.catalog.get("station", stations[0])
    if station is not None and station.line:
        brief.filters = Filters(lines=(station.line,), stations=stations[:1])
    name = ctx.catalog.label("station", stations[0], ctx.lang)
    total = ctx.run(
        ctx.query("short_stop__total", filters=at),
        ctx.t("Kurzstopps der Station", "the station's short stops"),
    )
    minutes, count = float(total["value"].iloc[0] or 0), int(total["records"].iloc[0] or 0)
    brief.where.append(
        ctx.t(
            f"{name}: {count} Kurzstopps, {_hours(ctx, minutes)}",
            f"{name}: {count} short stops, {_hours(ctx, minutes)}",
        )
    )
    alarms = _top(ctx, "short_stop__total", "alarm", at)
    if len(alarms):
        code = str(alarms["alarm"].iloc[0])
        share = float(alarms["value"].iloc[0]) / minutes if minutes else 0.0
        brief.where.append(
            ctx.t(
                f"davon Alarm {ctx.catalog.label('alarm', code, 'de')}: {number(share * 100, 'de', 0)} %",
                f"alarm {ctx.catalog.label('alarm', code, 'en')}: {number(share * 100, 'en', 0)} % of it",
            )
        )
    shifts = _top(ctx, "short_stop__total", "shift", at)
    if len(shifts) and minutes:
        shift = str(shifts["shift"].iloc[0])
        share = float(shifts["value"].iloc[0]) / minutes
        brief.where.append(
            ctx.t(
                f"meiste in der {ctx.catalog.label('shift', shift, 'de')} ({number(share * 100, 'de', 0)} %)",
                f"most in the {ctx.catalog.label('shift', shift, 'en')} ({number(share * 100, 'en', 0)} %)",
            )
        )
    ctx.answer.facts.append(Fact(ctx.t("Kurzstopp-Minuten", "short-stop minutes"), round(minutes, 1), "min", None, ctx.period.label(ctx.lang), "short_stop__total"))  # fmt: skip
    found = compute(ctx, "short_stops", "remove", filters.replace(stations=stations[:1]), ctx.period)
    if isinstance(found, Scenario):
        brief.gain, brief.gain_text = (
            found,
            ctx.t(f"Kurzstopps an {name} beseitigt", f"short stops at {name} removed"),
        )
    return brief


def breakdown(ctx: Ctx) -> Brief:
    """Breakdowns: line, station, reason."""
    filters = _lines(ctx, "breakdown_time")
    brief = Brief(
        ctx.t("Ausfälle", "breakdowns"),
        methods=["planned_maintenance", "autonomous_maintenance"],
        filters=filters,
    )
    for dimension in ("station", "reason"):
        top = _top(ctx, "breakdown_time", dimension, filters)
        if len(top):
            row = top.iloc[0]
            label = ctx.label(dimension, row[dimension])
            brief.where.append(
                ctx.t(
                    f"{label}: {int(row['breakdowns'])} Ausfälle, {_hours(ctx, float(row['value']))}",
                    f"{label}: {int(row['breakdowns'])} breakdowns, {_hours(ctx, float(row['value']))}",
                )
            )
    found = compute(ctx, "breakdown", "cut:50", filters, ctx.period)
    if isinstance(found, Scenario):
        brief.gain, brief.gain_text = found, ctx.t("Ausfallzeit halbiert", "breakdown time halved")
    return brief


def scrap(ctx: Ctx) -> Brief:
    """Scrap: line, defect, supplier, shift."""
    filters = _lines(ctx, "scrap_count")
    brief = Brief(ctx.t("Ausschuss", "scrap"), methods=["poka_yoke"], filters=filters)
    total = ctx.run(ctx.query("scrap_count", filters=filters), ctx.t("Ausschuss gesamt", "total scrap"))
    scrapped = float(total["value"].iloc[0] or 0)
    for dimension in ("defect", "supplier", "shift"):
        top = _top(ctx, "scrap_count", dimension, filters)
        if len(top) and scrapped:
            row = top.iloc[0]
            share = float(row["value"]) / scrapped
            brief.where.append(
                f"{ctx.label(dimension, row[dimension])}: {int(row['value'])} "
                + ctx.t(
                    f"Teile ({number(share * 100, 'de', 0)} %)", f"units ({number(share * 100, 'en', 0)} %)"
                )
            )
            if dimension == "supplier" and share >= 0.5:
                brief.methods.append("supplier_quality")
    ctx.answer.facts.append(Fact(ctx.t("Ausschussteile", "scrapped units"), scrapped, "count", ",".join(filters.lines) or None, ctx.period.label(ctx.lang), "scrap_count"))  # fmt: skip
    found = compute(ctx, "scrap", "baseline", filters, ctx.period)
    if isinstance(found, Scenario):
        brief.gain, brief.gain_text = (
            found,
            ctx.t("Ausschuss zurück auf Normalniveau", "scrap back to its baseline"),
        )
    return brief


def energy(ctx: Ctx) -> Brief:
    """Energy: the line and meter whose base load stepped up, and what that costs a week."""
    brief = Brief(ctx.t("Energie", "energy"))
    lines = ctx.plan.filters.lines or tuple(e.id for e in ctx.catalog.entities("line"))
    steps = [(line, d) for line in lines for d in (base_step(ctx, line, ctx.period),) if d is not None]
    if not steps:
        brief.methods = ["switch_off"]
        return brief
    line, step = max(steps, key=lambda s: float(s[1].details["step_kw"]))
    meter = ctx.catalog.label("meter", str(step.details["meter"]), ctx.lang)
    step_kw = float(step.details["step_kw"])
    brief.methods = ["leak_management" if step.cause == "compressed_air_leak" else "switch_off"]
    brief.where.append(
        ctx.t(
            f"{meter}: Grundlast seit {step.details['since']} um {number(float(step.details['relative']) * 100, 'de', 0)} % höher (+{quantity(step_kw, 'kW', 'de')})",
            f"{meter}: base load {number(float(step.details['relative']) * 100, 'en', 0)} % higher since {step.details['since']} (+{quantity(step_kw, 'kW', 'en')})",
        )
    )
    week = TimeWindow(ctx.now - timedelta(hours=WEEK_HOURS), ctx.now, "", "", "range")
    meter_step = step_of(ctx, str(step.details["meter"]))
    weekly, money = step_kw * WEEK_HOURS, None
    if meter_step is not None:
        saving = leak_saving(ctx, meter_step, line, week)
        weekly, money = saving.per_week(float(saving.details["hours"]))
    ctx.answer.facts.append(
        Fact(ctx.t("Einsparung je Woche", "saving per week"), round(weekly, 1), "kWh", line, None, "energy")
    )
    if money is not None:
        ctx.answer.facts.append(
            Fact(ctx.t("Einsparung je Woche", "saving per week"), round(money.amount, 2), money.currency, line, None, "money_saved")
        )  # fmt: skip
    brief.gain_text = ctx.t(f"Grundlast zurück auf den Stand davor: {quantity(weekly, 'kWh', 'de')} je Woche{said(ctx, money)}",
                            f"base load back to its level before: {quantity(weekly, 'kWh', 'en')} per week{said(ctx, money)}")  # fmt: skip
    return brief


def oee(ctx: Ctx) -> Brief:
    """OEE losses: the scenario that gains most among changeovers, short stops, scrap and breakdowns."""
    facts = ctx.answer.facts
    candidates = []
    for make in (changeover, short_stops, scrap, breakdown):
        ctx.answer.facts = []
        brief = make(ctx)
        candidates.append((brief, ctx.answer.facts))
    ctx.answer.facts = facts
    gaining = [(b, f) for b, f in candidates if b.gain is not None]
    if not gaining:
        return Brief(ctx.t("OEE-Verluste", "OEE losses"))
    best, kept = max(gaining, key=lambda c: c[0].gain.points if c[0].gain else 0.0)
    ctx.answer.facts += kept
    return best


BRIEFS: dict[str, Callable[[Ctx], Brief]] = {
    "changeover": changeover, "short_stops": short_stops, "breakdown": breakdown, "scrap": scrap,
    "energy": energy, "oee": oee,
}  # fmt: skip


def improve(ctx: Ctx) -> None:
    """Write the brief for the loss the question names."""
    if ctx.plan.topic == "energy_savings":
        recommend(ctx)
        return
    brief = BRIEFS.get(ctx.plan.topic or "oee", oee)(ctx)
    scope = ctx.scope(Filters(lines=brief.filters.lines) if brief.filters else None)
    parts = [ctx.t(f"**Verbesserung {brief.title}** – {scope}, {ctx.period.label_de}.",
                   f"**Improving {brief.title}** – {scope}, {ctx.period.label_en}.")]  # fmt: skip
    ctx.answer.facts += [
        Fact(ctx.t("Methode", "method"), method_name(key, ctx.lang), "method", None, None, f"method:{key}")
        for key in brief.methods
    ]
    if brief.where:
        parts.append(ctx.t("Wo der Verlust sitzt: ", "Where the loss sits: ") + "; ".join(brief.where) + ".")
    for key in brief.methods:
        steps = " ".join(f"{i}. {s}" for i, s in enumerate(method_steps(key, ctx.lang), 1))
        parts.append(ctx.t("Methode: ", "Method: ") + f"**{method_name(key, ctx.lang)}** – {steps}")
    if brief.gain is not None:
        g = brief.gain
        parts.append(
            ctx.t(
                f"Erwarteter Gewinn ({brief.gain_text}): **+{number(g.points, 'de', 2)} Prozentpunkte OEE**, "
                f"+{number(g.extra_good, 'de', 0)} Gutteile im Zeitraum.",
                f"Expected gain ({brief.gain_text}): **+{number(g.points, 'en', 2)} percentage points OEE**, "
                f"+{number(g.extra_good, 'en', 0)} good units in the period.",
            )
        )
        ctx.answer.facts += [
            Fact(ctx.t("OEE-Gewinn", "OEE gain"), round(g.points, 4), "pp", None, ctx.period.label(ctx.lang), "oee_points"),
            Fact(ctx.t("zusätzliche Gutteile", "extra good units"), round(g.extra_good, 1), "count", None, ctx.period.label(ctx.lang), "good_parts"),
        ]  # fmt: skip
    elif brief.gain_text:
        parts.append(ctx.t("Erwarteter Gewinn: ", "Expected gain: ") + brief.gain_text + ".")
    if not brief.where and brief.gain is None:
        parts.append(
            ctx.t(
                "In diesem Zeitraum zeigt sich kein Verlust, der heraussticht.",
                "No loss stands out in this period.",
            )
        )
    ctx.answer.text = " ".join(parts)
