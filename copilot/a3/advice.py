"""An improvement brief or a scenario in the A3: its gain as a goal line, its method as countermeasures."""

from __future__ import annotations

from dataclasses import dataclass

from ..answer import Answer, Fact
from ..formatting import number
from ..lean.methods import method_name, method_steps

LEVER_METHOD = {"changeover": "smed", "short_stops": "autonomous_maintenance", "scrap": "poka_yoke",
                "breakdown": "planned_maintenance"}  # fmt: skip
METHOD_CATEGORY = {"smed": "Methode", "autonomous_maintenance": "Maschine", "planned_maintenance": "Maschine",
                   "poka_yoke": "Methode", "supplier_quality": "Material", "leak_management": "Maschine",
                   "switch_off": "Methode", "energy_performance": "Methode"}  # fmt: skip


@dataclass(frozen=True)
class AdviceRows:
    """The goal line and the countermeasures (what, expected effect, Ishikawa category) of an advice answer."""

    goal: str
    measures: list[tuple[str, str, str]]


def _fact(answer: Answer, key: str) -> Fact | None:
    return next((f for f in answer.facts if f.key == key), None)


def advice_rows(answer: Answer, language: str) -> AdviceRows | None:
    """What an improvement brief or a scenario adds to the A3; None for other answers."""
    methods = [f.key.removeprefix("method:") for f in answer.facts if f.key.startswith("method:")]
    points, good = _fact(answer, "oee_points"), _fact(answer, "good_parts")
    if answer.intent not in ("improve", "whatif") or not methods:
        return None
    de = language == "de"
    effect = ""
    goal = ""
    if points is not None and good is not None:
        effect = (
            f"+{number(float(points.value), language, 2)} Prozentpunkte OEE, +{number(float(good.value), language, 0)} Gutteile im Zeitraum"
            if de
            else f"+{number(float(points.value), language, 2)} percentage points OEE, +{number(float(good.value), language, 0)} good units in the period"
        )
        before, after = _fact(answer, "oee"), _fact(answer, "oee_after")
        shown = (
            f"OEE {number(float(before.value), language)} % → {number(float(after.value), language)} %, "
            if before is not None and after is not None
            else ""
        )
        goal = ("Szenario als Ziel: " if de else "Scenario as the goal: ") + shown + effect + "."
    if not effect:
        effect, goal = _energy_effect(answer, language)
    measures = []
    for key in methods:
        steps = method_steps(key, language)
        what = f"{method_name(key, language)}: " + " ".join(steps[:2])
        said = _saving_of(answer, key, language) or effect
        said = said or ("Wirkung mit dem Team schätzen" if de else "estimate the effect with the team")
        measures.append((what, said, METHOD_CATEGORY.get(key, "Methode")))
    return AdviceRows(goal, measures)


METHOD_SAVING = {"leak_management": "leak", "switch_off": "idle", "energy_performance": "enpi"}


def _money(answer: Answer, key: str, language: str) -> str:
    found = _fact(answer, key)
    return f" ≈ {number(float(found.value), language, 0)} {found.unit}" if found is not None else ""


def _energy_effect(answer: Answer, language: str) -> tuple[str, str]:
    """An energy scenario's effect and goal line: kWh saved over its period, money when priced."""
    saved = _fact(answer, "energy_saved")
    if saved is None:
        return "", ""
    de = language == "de"
    effect = (
        f"−{number(float(saved.value), language, 0)} kWh" + _money(answer, "money_saved", language)
        + (" im Zeitraum" if de else " in the period")
    )  # fmt: skip
    before, after = _fact(answer, "energy"), _fact(answer, "energy_after")
    shown = (
        f"{number(float(before.value), language, 0)} kWh → {number(float(after.value), language, 0)} kWh, "
        if before is not None and after is not None
        else ""
    )
    return effect, ("Szenario als Ziel: " if de else "Scenario as the goal: ") + shown + effect + "."


def _saving_of(answer: Answer, method: str, language: str) -> str:
    """The largest weekly saving of a method's kind in a savings ranking: '4.338 kWh je Woche ≈ 949 EUR'."""
    kind = METHOD_SAVING.get(method)
    found = next((f for f in answer.facts if kind and f.key.startswith(f"saving:{kind}:")), None)
    if found is None:
        return ""
    money = _money(answer, found.key.replace("saving:", "saving_money:", 1), language)
    week = " je Woche" if language == "de" else " per week"
    return f"{found.label}: {number(float(found.value), language, 0)} kWh{week}{money}"
