"""'Was wäre, wenn das Leck an Linie 1 behoben wäre?' and 'what if base load were switched off outside shifts?'."""

from __future__ import annotations

import pandas as pd

from ..answer import Fact
from ..compose.charts import bars
from ..compose.context import Ctx
from ..formatting import number, quantity
from ..lean.methods import method_name
from .energy_savings import NO_CALENDAR, Saving, has_table, idle_savings, leak_saving, line_meters, step_of
from .tariffs import Money, said

Pair = tuple[str, str]
NO_STEP: Pair = (
    "Bei keinem Zähler dieser Auswahl ist die Grundlast in den letzten acht Wochen sprunghaft gestiegen; "
    "ein behobenes Leck ändert hier nichts.",
    "No meter of this selection shows a step up in its base load over the last eight weeks; "
    "fixing a leak changes nothing here.",
)
NO_METERS: Pair = (
    "Für diese Auswahl gibt es keine Energiezähler.",
    "There are no energy meters for this selection.",
)
METHOD = {"leak": "leak_management", "idle": "switch_off"}


def energy_whatif(ctx: Ctx, lever: str, amount: str) -> None:
    """Compute the energy scenario and say it with its assumptions, before and after, kWh and money."""
    if not has_table(ctx, "shift_calendar"):
        _refuse(ctx, NO_CALENDAR)
        return
    meters = line_meters(ctx, ctx.plan.filters.lines, ctx.plan.filters)
    if not meters:
        _refuse(ctx, NO_METERS)
        return
    if lever == "leak":
        steps = [
            (step, line) for meter, line in meters for step in (step_of(ctx, meter),) if step is not None
        ]
        if not steps:
            _refuse(ctx, NO_STEP)
            return
        savings = [leak_saving(ctx, step, line, ctx.period) for step, line in steps]
        assumptions = [_leak_assumption(ctx, s) for s in savings]
        assumptions.append(ctx.t("Das Leck verliert rund um die Uhr gleich viel; Produktion und Schichten bleiben gleich.",
                                 "The leak loses the same around the clock; production and shifts stay the same."))  # fmt: skip
        change = ctx.t("Leck behoben, Grundlast zurück auf den Stand vor dem Sprung",
                       "leak fixed, base load back to its level before the step")  # fmt: skip
    else:
        share = min(float(amount[4:]), 100.0) / 100 if amount.startswith("cut:") else 1.0
        savings = [s for s in idle_savings(ctx, meters, ctx.period, share) if s.kwh > 0]
        shown = number(share * 100, ctx.lang, 0)
        assumptions = [
            ctx.t(f"In jeder Viertelstunde ohne Schicht der Linie sinkt der Verbrauch jedes Zählers um {shown} %.",
                  f"In every quarter hour without a shift on the line each meter uses {shown} % less.")
            if share < 1 else
            ctx.t("In jeder Viertelstunde ohne Schicht der Linie verbraucht kein Zähler der Linie etwas.",
                  "In every quarter hour without a shift on the line none of its meters uses anything."),
            ctx.t("In den Schichten ändert sich nichts; Anfahren vor Schichtbeginn ist nicht gerechnet.",
                  "Nothing changes during shifts; starting up before a shift is not counted."),
        ]  # fmt: skip
        change = ctx.t(f"Grundlast außerhalb der Schichten abgeschaltet ({shown} %)",
                       f"base load switched off outside shifts ({shown} %)")  # fmt: skip
    if not savings:
        _refuse(ctx, NO_METERS)
        return
    _say(ctx, lever, change, savings, assumptions)


def _leak_assumption(ctx: Ctx, s: Saving) -> str:
    meter = ctx.catalog.label("meter", str(s.meter), ctx.lang)
    before, step = float(s.details["before_kw"]), float(s.details["step_kw"])
    return ctx.t(
        f"{meter}: Grundlast vor dem {s.details['since']} {quantity(before, 'kW', 'de')}, seither "
        f"{quantity(step, 'kW', 'de')} mehr; jede Viertelstunde ab dem Sprung braucht {quantity(step / 4, 'kWh', 'de')} weniger.",
        f"{meter}: base load before {s.details['since']} {quantity(before, 'kW', 'en')}, {quantity(step, 'kW', 'en')} "
        f"more since; every quarter hour from the step uses {quantity(step / 4, 'kWh', 'en')} less.",
    )  # fmt: skip


def _refuse(ctx: Ctx, sentence: Pair) -> None:
    ctx.answer.text = ctx.t(*sentence)
    ctx.answer.warnings.append(ctx.answer.text)


def total_money(savings: list[Saving]) -> Money | None:
    """The savings' money added up, None when none had a price."""
    priced = [s.money for s in savings if s.money is not None]
    if not priced:
        return None
    unpriced = sum(s.kwh for s in savings if s.money is None)
    return Money(
        sum(m.amount for m in priced), sum(m.unpriced_kwh for m in priced) + unpriced, priced[0].currency
    )


def _say(ctx: Ctx, lever: str, change: str, savings: list[Saving], assumptions: list[str]) -> None:
    period = ctx.period.label(ctx.lang)
    before = sum(s.energy_kwh for s in savings)
    saved = sum(s.kwh for s in savings)
    after = before - saved
    money = total_money(savings)
    key = "leak" if lever == "leak" else "idle"
    scope = ctx.scope()
    line = ",".join(ctx.plan.filters.lines) or None
    ctx.answer.facts += [
        Fact(ctx.t("Energie vorher", "energy before"), round(before, 3), "kWh", line, period, "energy"),
        Fact(ctx.t("Energie nachher", "energy after"), round(after, 3), "kWh", line, period, "energy_after"),
        Fact(ctx.t("Einsparung", "saving"), round(saved, 3), "kWh", line, period, "energy_saved"),
        Fact(ctx.t("Methode", "method"), method_name(METHOD[key], ctx.lang), "method", None, None, f"method:{METHOD[key]}"),
    ]  # fmt: skip
    if money is not None:
        ctx.answer.facts.append(
            Fact(ctx.t("Einsparung in Geld", "saving in money"), round(money.amount, 2), money.currency, line, period, "money_saved")
        )  # fmt: skip
    each = [
        f"{ctx.catalog.label('meter', str(s.meter), ctx.lang)} {quantity(s.energy_kwh, 'kWh', ctx.lang)} → "
        f"{quantity(s.energy_kwh - s.kwh, 'kWh', ctx.lang)}{said(ctx, s.money)}"
        for s in savings
    ]
    ctx.answer.text = ctx.t(
        f"Szenario {scope}, {ctx.period.label_de}: {change}. Energie der Zähler **{quantity(before, 'kWh', 'de')} → "
        f"{quantity(after, 'kWh', 'de')}** (**−{quantity(saved, 'kWh', 'de')}**{said(ctx, money)}). Je Zähler: "
        + "; ".join(each) + ". Annahmen: " + " ".join(assumptions),
        f"Scenario {scope}, {ctx.period.label_en}: {change}. Energy of the meters **{quantity(before, 'kWh', 'en')} → "
        f"{quantity(after, 'kWh', 'en')}** (**−{quantity(saved, 'kWh', 'en')}**{said(ctx, money)}). Per meter: "
        + "; ".join(each) + ". Assumptions: " + " ".join(assumptions),
    )  # fmt: skip
    frame = pd.DataFrame(
        {"scenario": [ctx.t("vorher", "before"), ctx.t("nachher", "after")], "value": [before, after]}
    )
    ctx.answer.chart = bars(frame, "scenario", ctx.t("Energie", "energy"), "kWh")
