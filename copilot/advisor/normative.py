"""'Welche Linie verbraucht zu viel Energie?': each line against its target and its own normal, worst first."""

from __future__ import annotations

from datetime import date, datetime, time

from ..analysis.energy_base import BaseStep
from ..answer import Fact
from ..compose.context import Ctx, metric
from ..formatting import number, quantity, signed_percent
from ..semantic.catalog import Metric
from .energy_drivers import EnergyDriver, energy_drivers
from .energy_savings import leak_saving
from .norms import NORMAL_WEEKS, Judged, judge
from .tariffs import Money, has_tariffs, said

ENERGY_METRICS = {"energy_per_good_unit"}
OTHERS_SHOWN = 5
CAUSE_WORDS = {
    "compressed_air_leak": ("Grundlast Druckluft (Leckage)", "compressed-air base load (leak)"),
    "base_load": ("Grundlast", "base load"),
    "changeovers": ("Rüsten", "changeovers"),
    "downtime": ("Stillstände", "stops"),
    "output": ("Ausbringung", "output"),
}


def normative(ctx: Ctx) -> None:
    """Rank the lines by how far they are off target and off their normal; name the driver of the worst."""
    m = metric(ctx.plan.metrics[0])
    dimension = ctx.plan.group_by or "line"
    judged = judge(ctx, m, ctx.period, dimension)
    if not judged:
        ctx.answer.text = ctx.t(
            "Für diese Auswahl gibt es keine Daten.", "There is no data for this selection."
        )
        ctx.answer.warnings.append(
            ctx.t("Keine Daten im gewählten Zeitraum.", "No data in the chosen period.")
        )
        return
    for j in judged:
        ctx.answer.facts.append(_fact(ctx, m, j))
    worst = judged[0]
    if not worst.off:
        ctx.answer.text = ctx.t(
            f"Keine Linie liegt bei {m.label_de} über ihrem Ziel oder deutlich über ihrem Normalwert "
            f"({ctx.period.label_de}). ",
            f"No line is above its target or clearly above its own normal for {m.label_en} ({ctx.period.label_en}). ",
        ) + _others(ctx, m, judged)
        return
    text = _headline(ctx, m, worst, alone=len(judged) == 1)
    if m.key in ENERGY_METRICS and dimension == "line":
        text += " " + _energy_driver(ctx, worst.line)
    rest = judged[1:]
    if rest:
        text += " " + _others(ctx, m, rest)
    ctx.answer.text = text
    ctx.answer.followups = [
        ctx.t(f"Wie kann ich {m.label_de} an {_line(ctx, worst.line)} senken?",
              f"How can I reduce {m.label_en} on {_line(ctx, worst.line)}?"),
    ]  # fmt: skip


def _line(ctx: Ctx, key: str) -> str:
    """The name of the line (or station, shift …) judged."""
    return ctx.label(ctx.plan.group_by or "line", key)


def _fact(ctx: Ctx, m: Metric, j: Judged) -> Fact:
    by_line = (ctx.plan.group_by or "line") == "line"
    label = m.label(ctx.lang) if by_line else f"{m.label(ctx.lang)} – {_line(ctx, j.line)}"
    return Fact(
        label, round(j.value, 4), m.unit, j.line if by_line else None, ctx.period.label(ctx.lang), m.key, j.target,
        m.direction,
    )  # fmt: skip


def _against(ctx: Ctx, m: Metric, j: Judged) -> str:
    parts = []
    if j.target is not None and j.worse_than_target is not None:
        parts.append(
            ctx.t("Ziel ", "target ")
            + f"{quantity(j.target, m.unit, ctx.lang)} ({_worse(ctx, j.worse_than_target)})"
        )
    if j.normal is not None and j.worse_than_normal is not None:
        parts.append(
            ctx.t(
                f"eigener Normalwert {quantity(j.normal, m.unit, ctx.lang)} (gleiche Wochentage der "
                f"{NORMAL_WEEKS} Wochen davor, {_worse(ctx, j.worse_than_normal)})",
                f"its own normal {quantity(j.normal, m.unit, ctx.lang)} (same weekdays of the {NORMAL_WEEKS} weeks "
                f"before, {_worse(ctx, j.worse_than_normal)})",
            )
        )
    return "; ".join(parts)


def _worse(ctx: Ctx, worse: float) -> str:
    word = ctx.t("schlechter", "worse") if worse >= 0 else ctx.t("besser", "better")
    return f"{number(abs(worse) * 100, ctx.lang, 1)} % {word}"


def _headline(ctx: Ctx, m: Metric, j: Judged, alone: bool) -> str:
    if alone:
        return ctx.t(
            f"**{_line(ctx, j.line)}** ({ctx.period.label_de}): {m.label_de} "
            f"**{quantity(j.value, m.unit, ctx.lang)}** gegen {_against(ctx, m, j)}.",
            f"**{_line(ctx, j.line)}** ({ctx.period.label_en}): {m.label_en} "
            f"**{quantity(j.value, m.unit, ctx.lang)}** against {_against(ctx, m, j)}.",
        )
    return ctx.t(
        f"**{_line(ctx, j.line)}** liegt am weitesten daneben ({ctx.period.label_de}): {m.label_de} "
        f"**{quantity(j.value, m.unit, ctx.lang)}** gegen {_against(ctx, m, j)}.",
        f"**{_line(ctx, j.line)}** is furthest off ({ctx.period.label_en}): {m.label_en} "
        f"**{quantity(j.value, m.unit, ctx.lang)}** against {_against(ctx, m, j)}.",
    )


def _others(ctx: Ctx, m: Metric, judged: list[Judged]) -> str:
    said = []
    for j in judged:
        reference = j.worse_than_target if j.worse_than_target is not None else j.worse_than_normal
        against = (
            ctx.t("zum Ziel", "vs target")
            if j.worse_than_target is not None
            else ctx.t("zum Normalwert", "vs normal")
        )
        shown = signed_percent(reference, ctx.lang) if reference is not None else "–"
        said.append(f"{_line(ctx, j.line)} {quantity(j.value, m.unit, ctx.lang)} ({shown} {against})")
    if (ctx.plan.group_by or "line") != "line":
        more = len(said) - OTHERS_SHOWN
        tail = ctx.t(f"; {more} weitere", f"; {more} more") if more > 0 else ""
        return ctx.t("Übrige: ", "Others: ") + "; ".join(said[:OTHERS_SHOWN]) + tail + "."
    return ctx.t("Übrige Linien: ", "Other lines: ") + "; ".join(said) + "."


def _energy_driver(ctx: Ctx, line: str) -> str:
    """The drivers of the worst line's energy, the largest named first."""
    drivers = energy_drivers(ctx, line, ctx.period)
    if not drivers or drivers[0].kwh <= 0:
        return ctx.t(
            "Rüsten, Stillstände und Ausbringung erklären die Abweichung nicht.",
            "Changeovers, stops and output do not explain the gap.",
        )
    top, rest = drivers[0], drivers[1:]
    ctx.answer.facts.append(
        Fact(
            ctx.t("Haupttreiber", "main driver"),
            _cause(ctx, top.cause),
            "cause",
            line,
            ctx.period.label(ctx.lang),
            f"driver:{top.cause}",
        )
    )
    text = ctx.t("Haupttreiber: ", "Main driver: ") + _driver_text(ctx, top)
    others = [d for d in rest if abs(d.kwh) >= 1]
    if others:
        text += (
            ctx.t(" Weitere Anteile: ", " Other parts: ")
            + ", ".join(
                f"{_cause(ctx, d.cause)} {'+' if d.kwh >= 0 else '−'}{quantity(abs(d.kwh), 'kWh', ctx.lang)}"
                for d in others
            )
            + ctx.t(" (gegen die gleichen Wochentage davor).", " (against the same weekdays before).")
        )
    return text


def _cause(ctx: Ctx, cause: str) -> str:
    de, en = CAUSE_WORDS.get(cause, (cause, cause))
    return ctx.t(de, en)


def _driver_text(ctx: Ctx, d: EnergyDriver) -> str:
    if d.cause in ("compressed_air_leak", "base_load"):
        meter = ctx.catalog.label("meter", str(d.details["meter"]), ctx.lang)
        since = date.fromisoformat(str(d.details["since"]))
        step_kw, relative = float(d.details["step_kw"]), float(d.details["relative"])
        ctx.answer.facts += [
            Fact(ctx.t("Grundlast-Sprung", "base-load step"), round(step_kw, 3), "kW", None, None, "idle_load"),
            Fact(ctx.t("seit", "since"), since.isoformat(), "date", None, None, "since"),
            Fact(ctx.t("Mehrenergie im Zeitraum", "extra energy in the period"), round(d.kwh, 1), "kWh", None, None, "energy"),
        ]  # fmt: skip
        money = _step_money(ctx, d, since)
        leak = (
            ctx.t(" – Verdacht auf Leckage", " – points to a leak")
            if d.cause == "compressed_air_leak"
            else ""
        )
        return ctx.t(
            f"die Grundlast von {meter} ist seit {since:%d.%m.%Y} um {number(relative * 100, 'de', 1)} % gestiegen "
            f"({quantity(step_kw, 'kW', 'de')} mehr, ≈ {quantity(d.kwh, 'kWh', 'de')}{said(ctx, money)} im Zeitraum){leak}.",
            f"the base load of {meter} has risen by {number(relative * 100, 'en', 1)} % since {since.isoformat()} "
            f"({quantity(step_kw, 'kW', 'en')} more, ≈ {quantity(d.kwh, 'kWh', 'en')}{said(ctx, money)} in the period){leak}.",
        )
    return ctx.t(
        f"{_cause(ctx, d.cause)} ({quantity(d.kwh, 'kWh', 'de')} mehr als an den gleichen Wochentagen davor).",
        f"{_cause(ctx, d.cause)} ({quantity(d.kwh, 'kWh', 'en')} more than on the same weekdays before).",
    )


def _step_money(ctx: Ctx, d: EnergyDriver, since: date) -> Money | None:
    """The step's money over the period, each interval's step kWh at its tariff; None without tariffs."""
    if not has_tariffs(ctx):
        return None
    step = BaseStep(str(d.details["meter"]), str(d.details["medium"]), datetime.combine(since, time()),
                    float(d.details["before_kw"]), float(d.details["step_kw"]))  # fmt: skip
    money = leak_saving(ctx, step, "", ctx.period).money
    if money is not None:
        ctx.answer.facts.append(
            Fact(ctx.t("Mehrkosten im Zeitraum", "extra cost in the period"), round(money.amount, 2), money.currency,
                 None, None, "money")
        )  # fmt: skip
    return money
