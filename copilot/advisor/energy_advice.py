"""'Wo können wir Energie sparen?': every line and meter's opportunities, ranked by kWh per week, each with its action."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..answer import Fact
from ..compose.charts import bars
from ..compose.context import Ctx, metric
from ..formatting import number, quantity
from ..lean.methods import method_name, method_steps
from ..timeframes import TimeWindow
from .energy_savings import (
    NO_CALENDAR,
    Saving,
    has_table,
    idle_savings,
    interval_sums,
    leak_saving,
    line_meters,
    period_hours,
    step_of,
)
from .norms import NOTABLE, judge
from .tariffs import Money, has_tariffs, money_of, said

SHOWN = 6
METHOD = {"leak": "leak_management", "idle": "switch_off", "enpi": "energy_performance"}


@dataclass(frozen=True)
class Opportunity:
    """One saving with its weekly kWh and money."""

    saving: Saving
    kwh_week: float
    money_week: Money | None


def opportunities(ctx: Ctx, window: TimeWindow) -> list[Opportunity]:
    """Base-load steps, idle load outside shifts and energy per good unit off its norm, largest first."""
    chosen = ctx.plan.filters
    meters = line_meters(ctx, chosen.lines, chosen)
    found: list[Saving] = []
    leak_idle: dict[str, float] = {}
    for meter, line in meters:
        step = step_of(ctx, meter)
        if step is not None:
            leak = leak_saving(ctx, step, line, window)
            found.append(leak)
            leak_idle[meter] = float(leak.details["saved_idle"])
    for s in idle_savings(ctx, meters, window, 1.0):
        overlap = leak_idle.get(str(s.meter), 0.0)  # the leak's part of the idle load is counted once
        share = (s.kwh - overlap) / s.kwh if s.kwh else 0.0
        money = (
            Money(s.money.amount * share, s.money.unpriced_kwh * share, s.money.currency) if s.money else None
        )
        found.append(
            Saving(s.kind, s.line, s.meter, s.medium, s.kwh - overlap, s.energy_kwh, money, s.details)
        )
    if has_table(ctx, "units") and not (chosen.media or chosen.meters):  # a line's figure, every medium
        found += energy_per_unit_gaps(ctx, window)
    hours = period_hours(ctx, window)
    ranked = [Opportunity(s, *s.per_week(float(s.details.get("hours", hours)))) for s in found]
    return sorted((o for o in ranked if o.kwh_week >= 1), key=lambda o: o.kwh_week, reverse=True)


def energy_per_unit_gaps(ctx: Ctx, window: TimeWindow) -> list[Saving]:
    """Each line's kWh above its target (or clearly above its own normal) at the period's good units."""
    m = metric("energy_per_good_unit")
    gaps = []
    good = ctx.run(
        ctx.query("good_parts", window=window, group_by=("line",)),
        ctx.t("Gutteile je Linie", "good units per line"),
    )
    units = {str(r["line"]): float(r["value"] or 0) for r in good.to_dict("records")}
    for j in judge(ctx, m, window, "line"):
        over_target = j.target is not None and j.value > j.target
        over_normal = j.normal is not None and (j.worse_than_normal or 0.0) > NOTABLE
        if not (over_target or over_normal):
            continue
        reference = j.target if over_target else j.normal
        assert reference is not None
        kwh = (j.value - reference) / m.scale * units.get(j.line, 0.0)
        details: dict[str, float | str] = {"value": j.value, "reference": reference,
                                           "against": "target" if over_target else "normal"}  # fmt: skip
        gaps.append(
            Saving("enpi", j.line, None, "", kwh, 0.0, _line_price(ctx, j.line, window, kwh), details)
        )
    return gaps


def _line_price(ctx: Ctx, line: str, window: TimeWindow, kwh: float) -> Money | None:
    """kWh at the line's own mean price of the period, its readings priced interval by interval."""
    if not has_tariffs(ctx):
        return None
    meters = tuple(meter for meter, _ in line_meters(ctx, (line,)))
    frame = interval_sums(ctx, meters, window, {"energy": "x.value"},
                          ("Energie der Linie zu Intervallpreisen", "the line's energy at interval prices"))  # fmt: skip
    each = [money_of(r, "energy") for r in frame.to_dict("records")]
    energy = float(frame["energy"].sum())
    priced = [x for x in each if x is not None]
    if not priced or not energy:
        return None
    share = kwh / energy
    amount = sum(x.amount for x in priced)
    unpriced = sum(x.unpriced_kwh for x in priced) + sum(
        float(r["energy"]) for r, x in zip(frame.to_dict("records"), each, strict=True) if x is None
    )
    return Money(amount * share, unpriced * share, priced[0].currency)


def _what(ctx: Ctx, s: Saving) -> str:
    """'CA-L1 – Druckluft Linie 1: Grundlast seit 10.11.2025 +25,8 kW (Leckage)'."""
    if s.kind == "enpi":
        line = ctx.catalog.label("line", str(s.line), ctx.lang)
        against = (
            ctx.t("Ziel", "target")
            if s.details["against"] == "target"
            else ctx.t("eigenen Normalwert", "its own normal")
        )
        unit = "kWh/unit"
        return ctx.t(
            f"{line}: Energie pro Gutteil {quantity(float(s.details['value']), unit, 'de')} gegen {against} "
            f"{quantity(float(s.details['reference']), unit, 'de')}",
            f"{line}: energy per good unit {quantity(float(s.details['value']), unit, 'en')} against {against} "
            f"{quantity(float(s.details['reference']), unit, 'en')}",
        )
    meter = ctx.catalog.label("meter", str(s.meter), ctx.lang)
    if s.kind == "leak":
        leak = ctx.t(", Verdacht auf Leckage", ", points to a leak") if s.medium == "compressed_air" else ""
        return ctx.t(
            f"{meter}: Grundlast seit {s.details['since']} um {quantity(float(s.details['step_kw']), 'kW', 'de')} "
            f"höher (+{number(float(s.details['relative']) * 100, 'de', 0)} %){leak}",
            f"{meter}: base load {quantity(float(s.details['step_kw']), 'kW', 'en')} higher since {s.details['since']} "
            f"(+{number(float(s.details['relative']) * 100, 'en', 0)} %){leak}",
        )
    return ctx.t(f"{meter}: Verbrauch außerhalb der Schichten", f"{meter}: consumption outside shifts")


def recommend(ctx: Ctx) -> None:
    """The ranked list of energy savings with kWh per week, money when the source has tariffs, and actions."""
    if not has_table(ctx, "shift_calendar"):
        ctx.answer.text = ctx.t(*NO_CALENDAR)
        ctx.answer.warnings.append(ctx.answer.text)
        return
    ranked = opportunities(ctx, ctx.period)
    scope = ctx.scope()
    head = ctx.t(
        f"**Energie sparen** – {scope}, {ctx.period.label_de}, hochgerechnet je Woche",
        f"**Saving energy** – {scope}, {ctx.period.label_en}, scaled to one week",
    )
    if not ranked:
        ctx.answer.text = head + ctx.t(": keine Einsparmöglichkeit sticht heraus.", ": no saving stands out.")
        return
    said_items, methods = [], []
    for i, o in enumerate(ranked, 1):
        s, key = o.saving, METHOD[o.saving.kind]
        where = s.meter or s.line
        ctx.answer.facts.append(
            Fact(_what(ctx, s), round(o.kwh_week, 1), "kWh", s.line, ctx.t("je Woche", "per week"), f"saving:{s.kind}:{where}")
        )  # fmt: skip
        if o.money_week is not None:
            ctx.answer.facts.append(
                Fact(_what(ctx, s), round(o.money_week.amount, 2), o.money_week.currency, s.line,
                     ctx.t("je Woche", "per week"), f"saving_money:{s.kind}:{where}")
            )  # fmt: skip
        if i <= SHOWN:
            said_items.append(
                f"{i}. {_what(ctx, s)}: **{quantity(o.kwh_week, 'kWh', ctx.lang)}"
                + ctx.t(" je Woche", " per week")
                + f"**{said(ctx, o.money_week)} → {method_name(key, ctx.lang)}"
            )
        if key not in methods:
            methods.append(key)
    more = len(ranked) - SHOWN
    tail = ctx.t(f" ({more} kleinere weitere)", f" ({more} smaller ones more)") if more > 0 else ""
    steps = [
        ctx.t("Maßnahme ", "Action ")
        + f"**{method_name(key, ctx.lang)}**: "
        + " ".join(f"{n}. {step}" for n, step in enumerate(method_steps(key, ctx.lang)[:2], 1))
        for key in methods[:3]
    ]
    overlap = ctx.t(
        " Die Energie pro Gutteil einer Linie enthält die Grundlast ihrer Zähler; diese Posten nicht addieren.",
        " A line's energy per good unit includes its meters' base load; do not add those items up.",
    ) if any(o.saving.kind == "enpi" for o in ranked) else ""  # fmt: skip
    no_money = "" if has_tariffs(ctx) else ctx.t(
        " Ohne Energietarife in der Quelle nenne ich keine Geldbeträge.", " Without energy tariffs in the source I state no money."
    )  # fmt: skip
    ctx.answer.text = (
        head + ": " + "; ".join(said_items) + tail + "." + overlap + no_money + " " + " ".join(steps)
    )
    ctx.answer.facts += [
        Fact(ctx.t("Methode", "method"), method_name(key, ctx.lang), "method", None, None, f"method:{key}")
        for key in methods
    ]
    frame = pd.DataFrame(
        {
            "item": [_short(ctx, o.saving) for o in ranked[:SHOWN]],
            "value": [o.kwh_week for o in ranked[:SHOWN]],
        }
    )
    ctx.answer.chart = bars(frame, "item", ctx.t("kWh je Woche", "kWh per week"), "kWh")


def _short(ctx: Ctx, s: Saving) -> str:
    kind = {"leak": ctx.t("Grundlast-Sprung", "base-load step"), "idle": ctx.t("außerhalb Schicht", "outside shifts"),
            "enpi": ctx.t("Energie/Gutteil", "energy/unit")}[s.kind]  # fmt: skip
    return f"{s.meter or s.line} {kind}"
