"""The plan of an advice question: the measure to judge, the loss to work on, the scenario to compute."""

from __future__ import annotations

import re

from ..plan import Plan
from ..planner import lexicon
from ..planner.shape import which_dimension
from .words import energy_lever, saving_cue, scenario_amount

FAMILY_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("changeover", ("changeover", "late_changeover", "setup")),
    ("short_stops", ("short_stop", "alarm")),
    ("scrap", ("scrap", "fpy", "quality_ratio", "good_parts")),
    ("breakdown", ("breakdown", "mttr", "mtbf")),
    ("energy", ("energy", "electricity", "compressed_air", "idle")),
    ("oee", ("oee", "availability", "performance", "downtime", "stop", "any_stop")),
)
JUDGED_BY = ("line", "station", "shift", "team", "product")  # what a normative answer ranks
SCENARIO_FAMILIES = ("changeover", "short_stops", "scrap", "breakdown")
JUDGED_AS = {"energy": "energy_per_good_unit", "electricity": "energy_per_good_unit",
             "compressed_air": "energy_per_good_unit", "idle_energy": "energy_per_good_unit"}  # fmt: skip
ENERGY_SHOWN = ("energy", "electricity", "compressed_air", "idle_energy")  # what an energy scenario changes
LONG = re.compile(r"\b(lang\w*|long\w*|dauer\w*|last\w*)\b")
DURATION_OF = {
    "changeover_count": "changeover_time",
    "stop_count": "downtime",
    "breakdown__count": "breakdown_time",
}
ADVICE_WORDS = {
    "normative": ("gegen Ziel und eigenen Normalwert", "against target and own normal"),
    "improve": ("Verbesserung: wo, wie viel, was tun", "improvement: where, how much, what to do"),
    "whatif": ("Szenario", "scenario"),
}
AMOUNT_WORDS = {
    "standard": ("auf Standard", "to standard"), "remove": ("entfällt", "removed"),
    "baseline": ("zurück auf Normalniveau", "back to baseline"), "default": ("", ""),
}  # fmt: skip


def family_of(metric: str) -> str | None:
    """The loss a measure belongs to: 'changeover', 'short_stops', 'scrap', 'breakdown', 'energy', 'oee'."""
    for family, prefixes in FAMILY_PREFIXES:
        if metric.startswith(prefixes):
            return family
    return None


def advice_plan(plan: Plan, folded: str, named: tuple[str, ...]) -> Plan:
    """The filled plan of an advice question, its shape cleared, its loss or scenario named from the measures named."""
    if plan.intent == "clarify":
        return plan  # a future period is asked back first
    asked = plan.group_by or which_dimension(folded)
    judged_by = asked if plan.intent == "normative" and asked in JUDGED_BY else None
    plan = plan.with_changes(
        group_by=judged_by, ranking=None, limit=None, comparison=None, form=None, reference=None,
        part=None, part_metric=None, per=None,
    )  # fmt: skip
    if plan.intent == "normative":
        judged = tuple(JUDGED_AS.get(m, m) for m in plan.metrics)
        if LONG.search(folded):  # 'unusually long changeovers' judges their duration, not their number
            judged = tuple(DURATION_OF.get(m, m) for m in judged)
        return plan.with_changes(metrics=judged)
    if plan.intent == "improve":
        on_energy = "energy" in map(family_of, (*named, *plan.metrics))
        if saving_cue(folded) and (on_energy or plan.filters.media or plan.filters.meters):
            measured = tuple(m for m in (*named, *plan.metrics) if m in ENERGY_SHOWN)
            return plan.with_changes(metrics=measured[:1] or ("energy",), topic="energy_savings")
        return plan.with_changes(topic=_first_family(named or plan.metrics) or "oee")
    energy = energy_lever(folded)
    if energy and (energy == "leak" or "energy" in map(family_of, (*named, *plan.metrics))):
        amount = scenario_amount(folded)
        amount = amount if energy == "idle_off" and amount.startswith("cut:") else "default"
        measured = tuple(m for m in (*named, *plan.metrics) if family_of(m) == "energy" and m in ENERGY_SHOWN)
        return plan.with_changes(metrics=measured[:1] or ("energy",), topic=f"{energy}|{amount}")
    levers = [f for f in map(family_of, named) if f in SCENARIO_FAMILIES]
    if not levers:
        note = "Was-wäre-wenn-Szenario" if plan.language == "de" else "what-if scenario"
        return plan.with_changes(metrics=(), topic="none", notes=(note,))
    lever = next(m for m in named if family_of(m) == levers[0])
    metrics = (lever, *(m for m in plan.metrics if m != lever))
    return plan.with_changes(metrics=metrics, topic=scenario_topic(folded))


def scenario_topic(folded: str) -> str:
    """'changeover|cut:50', or several scenarios to compare: 'changeover|cut:50;breakdown|mttr:20'.

    Each lever's amount is read from its own part of the question, up to the next lever named.
    """
    hits: list[tuple[str, int]] = []
    for hit in lexicon.find_metrics(folded):
        family = family_of(hit.key)
        if family in SCENARIO_FAMILIES and family not in [f for f, _ in hits]:
            hits.append((family, hit.start))
    if len(hits) == 1:
        return f"{hits[0][0]}|{scenario_amount(folded)}"
    parts = []
    for i, (family, start) in enumerate(hits):
        begin = 0 if i == 0 else start
        end = hits[i + 1][1] if i + 1 < len(hits) else len(folded)
        parts.append(f"{family}|{scenario_amount(folded[begin:end])}")
    return ";".join(parts)


def _first_family(metrics: tuple[str, ...]) -> str | None:
    return next((f for f in map(family_of, metrics) if f is not None), None)


def advice_label(plan: Plan) -> str:
    """The restatement's word for an advice question: 'gegen Ziel und eigenen Normalwert', 'Szenario: −50 %'."""
    de, en = ADVICE_WORDS[plan.intent]
    if plan.topic == "energy_savings":
        de, en = "Energie-Einsparung je Linie und Zähler", "energy savings per line and meter"
    label = de if plan.language == "de" else en
    if plan.intent != "whatif" or not plan.topic or "|" not in plan.topic:
        return label
    scenarios = plan.topic.split(";")
    if len(scenarios) > 1:
        label = "Szenariovergleich" if plan.language == "de" else "scenario comparison"
        names = [
            _lever_word(s.split("|")[0], plan.language) + _amount_word(s.split("|")[1], plan.language)
            for s in scenarios
        ]
        return f"{label}: " + ", ".join(names)
    lever, amount = scenarios[0].split("|")
    if lever in ENERGY_LEVER_WORDS:
        de, en = ENERGY_LEVER_WORDS[lever]
        return f"{label}: {de if plan.language == 'de' else en}" + _amount_word(amount, plan.language)
    word = _amount_word(amount, plan.language)
    return f"{label}:{word}" if word else label


ENERGY_LEVER_WORDS = {"leak": ("Leck behoben", "leak fixed"),
                      "idle_off": ("Grundlast außerhalb der Schichten aus", "base load off outside shifts")}  # fmt: skip
LEVER_WORDS = {"changeover": ("Rüstzeit", "changeover time"), "short_stops": ("Kurzstopps", "short stops"),
               "scrap": ("Ausschuss", "scrap"), "breakdown": ("Ausfälle", "breakdowns")}  # fmt: skip


def _lever_word(lever: str, language: str) -> str:
    de, en = LEVER_WORDS.get(lever, (lever, lever))
    return de if language == "de" else en


def _amount_word(amount: str, language: str) -> str:
    """' −50 %', ' auf Standard', ' MTTR 20 min', or nothing."""
    if amount.startswith("cut:"):
        return f" −{amount[4:]} %"
    if amount.startswith("mttr:"):
        return f" MTTR {amount[5:]} min"
    de, en = AMOUNT_WORDS.get(amount, ("", ""))
    word = de if language == "de" else en
    return f" {word}" if word else ""
