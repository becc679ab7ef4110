"""'Wenn wir die Rüstzeit halbieren, wie viel OEE gewinnen wir?': the scenario, before and after, with its assumptions."""

from __future__ import annotations

import pandas as pd

from ..a3.advice import LEVER_METHOD
from ..answer import Fact
from ..compose.charts import bars
from ..compose.context import Ctx
from ..formatting import number, quantity
from ..lean.methods import method_name
from .energy_whatif import energy_whatif
from .scenarios import Scenario, compute

NO_LEVER = (
    "Dieses Szenario kann ich nicht aus den Daten rechnen. Berechenbar sind: Rüstzeit kürzer oder auf Standard, "
    "Kurzstopps einer Station beseitigt, Ausschuss zurück auf Normalniveau, Ausfallzeit bei einer Ziel-MTTR – "
    "z. B. „Wenn wir die Rüstzeit auf Linie 2 halbieren, wie viel OEE gewinnen wir?“",
    "I cannot compute this scenario from the data. I can compute: changeover time cut or brought to standard, "
    "a station's short stops removed, scrap back to its baseline, breakdown time at a target MTTR – "
    "e.g. “What if we halved changeover time on line 2, how much OEE would we gain?”",
)


def whatif(ctx: Ctx) -> None:
    """Compute the scenario the plan names and say it with its assumptions."""
    topic = ctx.plan.topic or "none"
    if ";" in topic:
        compare(ctx, [tuple(part.split("|", 1)) for part in topic.split(";")])
        return
    lever, _, amount = topic.partition("|")
    if lever in ("leak", "idle_off"):
        energy_whatif(ctx, lever, amount)
        return
    if lever == "none":
        ctx.answer.text = ctx.t(*NO_LEVER)
        ctx.answer.warnings.append(ctx.answer.text)
        return
    found = compute(ctx, lever, amount, ctx.plan.filters, ctx.period)
    if not isinstance(found, Scenario):
        ctx.answer.text = ctx.t(*found)
        ctx.answer.warnings.append(ctx.answer.text)
        return
    say(ctx, found)


def say(ctx: Ctx, s: Scenario) -> None:
    """Text, facts and a before/after chart of one scenario."""
    lines = ctx.plan.filters.lines
    line = ",".join(lines) or None
    period = ctx.period.label(ctx.lang)
    before, after = s.before.oee * 100, s.after.oee * 100
    ctx.answer.facts += [
        Fact(ctx.t("OEE vorher", "OEE before"), round(before, 4), "%", line, period, "oee"),
        Fact(ctx.t("OEE nachher", "OEE after"), round(after, 4), "%", line, period, "oee_after"),
        Fact(ctx.t("OEE-Gewinn", "OEE gain"), round(s.points, 4), "pp", line, period, "oee_points"),
        Fact(ctx.t("zusätzliche Gutteile", "extra good units"), round(s.extra_good, 1), "count", line, period, "good_parts"),
        Fact(ctx.t("gewonnene Produktionszeit", "production time freed"), round(s.freed_min, 1), "min", line, period, "freed"),
        Fact(ctx.t("Methode", "method"), method_name(LEVER_METHOD[s.lever], ctx.lang), "method", None, None,
             f"method:{LEVER_METHOD[s.lever]}"),
    ]  # fmt: skip
    scope = ctx.scope() if not s.where[0] else ctx.t(*s.where)
    freed = (
        ctx.t(f", {quantity(s.freed_min / 60, 'h', 'de')} mehr Laufzeit", f", {quantity(s.freed_min / 60, 'h', 'en')} more run time")
        if s.freed_min
        else ""
    )  # fmt: skip
    ctx.answer.text = ctx.t(
        f"Szenario {scope}, {ctx.period.label_de}: {s.change[0]}. OEE **{number(before, 'de')} % → {number(after, 'de')} %** "
        f"(**+{number(s.points, 'de', 2)} Prozentpunkte**), **+{number(s.extra_good, 'de', 0)} Gutteile**{freed}. "
        f"Vorher/nachher: Verfügbarkeit {_pct(s.before.apt_s / s.before.pbt_s)} → {_pct(s.after.apt_s / s.after.pbt_s)}, "
        f"Leistung {_pct(s.before.performance)} → {_pct(s.after.performance)}, Qualität {_pct(s.before.quality)} → "
        f"{_pct(s.after.quality)}. Annahmen: " + " ".join(a[0] for a in s.assumptions),
        f"Scenario {scope}, {ctx.period.label_en}: {s.change[1]}. OEE **{number(before, 'en')} % → {number(after, 'en')} %** "
        f"(**+{number(s.points, 'en', 2)} percentage points**), **+{number(s.extra_good, 'en', 0)} good units**{freed}. "
        f"Before/after: availability {_pct(s.before.apt_s / s.before.pbt_s, 'en')} → {_pct(s.after.apt_s / s.after.pbt_s, 'en')}, "
        f"performance {_pct(s.before.performance, 'en')} → {_pct(s.after.performance, 'en')}, quality "
        f"{_pct(s.before.quality, 'en')} → {_pct(s.after.quality, 'en')}. Assumptions: " + " ".join(a[1] for a in s.assumptions),
    )  # fmt: skip
    frame = pd.DataFrame(
        {"scenario": [ctx.t("vorher", "before"), ctx.t("nachher", "after")], "value": [before, after]}
    )
    ctx.answer.chart = bars(frame, "scenario", "OEE", "%")


def _pct(ratio: float, language: str = "de") -> str:
    return f"{number(ratio * 100, language)} %"


def compare(ctx: Ctx, levers: list[tuple[str, ...]]) -> None:
    """Two or three scenarios side by side: each one's change, OEE after, points and good units; a chart of them."""
    rows: list[tuple[str, float, float]] = []
    said: list[str | tuple[str, Scenario]] = []
    for lever, amount in levers:
        found = compute(ctx, lever, amount, ctx.plan.filters, ctx.period)
        if not isinstance(found, Scenario):
            said.append(ctx.t(*found))
            continue
        name = ctx.t(*found.change)
        rows.append((name, found.before.oee * 100, found.after.oee * 100))
        ctx.answer.facts.append(
            Fact(name, round(found.points, 4), "pp", ",".join(ctx.plan.filters.lines) or None, ctx.period.label(ctx.lang),
                 f"oee_points:{lever}")
        )  # fmt: skip
        ctx.answer.facts.append(
            Fact(
                name,
                round(found.extra_good, 1),
                "count",
                None,
                ctx.period.label(ctx.lang),
                f"good_parts:{lever}",
            )
        )
        said.append((name, found))
    if not rows:
        ctx.answer.text = " ".join(str(part) for part in said)
        ctx.answer.warnings.append(ctx.answer.text)
        return
    before = rows[0][1]
    shared = all(abs(row[1] - before) < 0.005 for row in rows)  # one scope: one OEE today for all
    ctx.answer.text = (
        ctx.t(
            f"Szenariovergleich {ctx.scope()}, {ctx.period.label_de}"
            + (f" – OEE heute {number(before, 'de')} %: " if shared else ": "),
            f"Scenario comparison for {ctx.scope()}, {ctx.period.label_en}"
            + (f" – OEE now {number(before, 'en')} %: " if shared else ": "),
        )
        + "; ".join(part if isinstance(part, str) else _one(ctx, *part, shared) for part in said)
        + ctx.t(
            ". Jede gewonnene Zeit läuft mit Leistungsgrad und Qualitätsrate des Zeitraums.",
            ". Time freed runs at the period's performance and quality ratio.",
        )
    )
    if shared:
        names, values = [ctx.t("heute", "now")] + [r[0] for r in rows], [before] + [r[2] for r in rows]
    else:  # each scenario against its own today
        names = [n for r in rows for n in (f"{r[0]} · {ctx.t('heute', 'now')}", r[0])]
        values = [v for r in rows for v in (r[1], r[2])]
    ctx.answer.chart = bars(pd.DataFrame({"scenario": names, "value": values}), "scenario", "OEE", "%")


def _one(ctx: Ctx, name: str, found: Scenario, shared: bool) -> str:
    """'**Rüstzeit um 50 % kürzer**: OEE 78,6 % (+1,75 Prozentpunkte, …)', from today's OEE when scopes differ."""
    start = {lang: "" if shared else f"{number(found.before.oee * 100, lang)} % → " for lang in ("de", "en")}
    return ctx.t(
        f"**{name}**: OEE {start['de']}{number(found.after.oee * 100, 'de')} % (+{number(found.points, 'de', 2)} "
        f"Prozentpunkte, +{number(found.extra_good, 'de', 0)} Gutteile)",
        f"**{name}**: OEE {start['en']}{number(found.after.oee * 100, 'en')} % (+{number(found.points, 'en', 2)} "
        f"percentage points, +{number(found.extra_good, 'en', 0)} good units)",
    )
