"""What the copilot understood, said back: 'Verstanden: Gutteile · Linie 3 · gestern (Mi 19.11.2025) · Frühschicht'.

The restatement opens every answer; its parts are chips the app lets the user tap to change one
part (the line, the window, the shift) and ask again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..advisor.planning import ADVICE_WORDS, advice_label
from ..entities import EntityCatalog
from ..formatting import quantity
from ..plan import Plan
from ..semantic.catalog import DIMENSION_BY_KEY, METRIC_BY_KEY, part_name
from ..semantic.records import RECORDS, record_of

KIND_OF_FILTER = {
    "lines": "line", "stations": "station", "products": "product", "families": "family", "shifts": "shift",
    "teams": "team", "suppliers": "supplier", "reasons": "reason", "defects": "defect", "defect_categories": "defect_category", "alarms": "alarm",
    "meters": "meter", "media": "medium", "from_products": "product", "from_families": "family",
    "batches": "batch", "orders": "order", "work_orders": "work_order",
}  # fmt: skip
DIRECTION_WORDS = {"from": ("von ", "from "), "to": ("auf ", "to ")}  # a changeover's two ends
VALUE_WORDS = {
    "loss_categories": {"breakdown": ("Ausfälle", "breakdowns"), "setup": ("Rüsten", "setup"),
                        "small_stop": ("Kurzstillstände", "small stops"), "material": ("Material", "material"),
                        "quality": ("Qualität", "quality"), "organisational": ("Organisation", "organisational"),
                        "planned": ("geplant", "planned")},
    "family_changes": {"between": ("Familienwechsel", "between families"), "within": ("innerhalb der Familie", "within a family")},
    "maintenance_kinds": {"corrective": ("Störungsaufträge", "corrective"), "preventive": ("vorbeugend", "preventive")},
    "statuses": {"open": ("offen", "open"), "in_progress": ("in Arbeit", "in progress"), "done": ("erledigt", "done"),
                 "running": ("laufend", "running"), "planned": ("geplant", "planned")},
}  # fmt: skip
VALUE_WORDS["missing"] = {"station": ("ohne Station", "no station recorded")}
VALUE_WORDS["without_loss_categories"] = {
    key: (f"ohne {de}", f"without {en}") for key, (de, en) in VALUE_WORDS["loss_categories"].items()
}
FORMS = {
    "difference": ("Unterschied", "difference"), "relative": ("Veränderung in %", "change in %"),
    "points": ("in Prozentpunkten", "in percentage points"), "percent_of": ("in % von", "as % of"),
    "factor": ("als Faktor", "as a factor"),
    "spread": ("Spanne höchster − niedrigster", "spread highest − lowest"),
    "weakest_factor": ("schwächster OEE-Faktor", "weakest OEE factor"),
}  # fmt: skip
UNIT_WORDS = {
    "h": ("in Stunden", "in hours"),
    "min": ("in Minuten", "in minutes"),
    "s": ("in Sekunden", "in seconds"),
    "MWh": ("in MWh", "in MWh"),
    "kWh/15 min": ("in kWh je 15 Minuten", "in kWh per 15 minutes"),
}
REFERENCES = {"target": ("Ziel", "target"), "takt": ("Takt", "takt"), "ideal": ("Idealzyklus", "ideal cycle"),
              "standard": ("Standard", "standard"), "others": ("Schnitt der anderen", "mean of the others"),
              "next": ("nächsthöchsten Wert", "next highest"), "next_lowest": ("nächstniedrigsten Wert", "next lowest")}  # fmt: skip
REFUSALS = {
    "change": ("eine Änderung an Daten", "a request to change data"), "people": ("eine Frage zu Personen", "a question about people"),
    "discipline": ("eine Frage zu Sanktionen", "a question about sanctions"), "sql": ("eine SQL-Anweisung", "an SQL statement"),
    "injection": ("eine Anweisung an den Copilot", "an instruction to the copilot"),
    "off_topic": ("ein anderes Thema", "another topic"), "no_prices": ("Kosten ohne Preise", "costs without prices"),
    "costs_not_in_chat": ("Kosten in Euro", "costs in euros"),
    "not_measured": ("nicht erfasste Messgröße", "a quantity not recorded"),
}  # fmt: skip


def duration_words(limit: str, lang: str) -> str:
    """'gt:1800' → 'länger als 30 min' / 'longer than 30 min'."""
    sense, amount = limit.split(":")
    factor, _, reference = amount.partition("x")
    if reference:  # 'gt:2xideal' → 'über dem 2-Fachen von ideal'
        de = {"ideal": "der Idealzeit", "standard": "des Standards", "takt": "des Takts"}.get(
            reference, reference
        )
        if lang == "de":
            shown = f"{float(factor):g}".replace(".", ",")
            return f"{'über' if sense == 'gt' else 'unter'} dem {shown}-Fachen {de}"
        return f"{'over' if sense == 'gt' else 'under'} {float(factor):g}× the {reference}"
    value = float(amount)
    whole_minutes = value >= 60 and value % 60 == 0
    shown = f"{value / 60:g} min" if whole_minutes else f"{value:g} s"  # '90 s', not '1.5 min'
    if sense == "gt":
        return ("länger als " if lang == "de" else "longer than ") + shown
    return ("kürzer als " if lang == "de" else "shorter than ") + shown


@dataclass(frozen=True)
class Chip:
    """One part of what was understood: its kind, its text and the value behind it."""

    part: str  # 'measure', 'line', 'window', 'shift', 'group', 'compare', 'correction', …
    label: str
    value: str = ""

    def to_dict(self) -> dict[str, str]:
        """The JSON form."""
        return {"part": self.part, "label": self.label, "value": self.value}


def _t(lang: str, pair: tuple[str, str]) -> str:
    return pair[0] if lang == "de" else pair[1]


def chips(plan: Plan, catalog: EntityCatalog) -> list[Chip]:
    """The parts of the plan, in the order they are said."""
    lang = plan.language
    if plan.intent == "lesson":
        from ..lessons.knowledge import title

        topic = plan.topic or ""
        name = METRIC_BY_KEY[topic].label(lang) if topic in METRIC_BY_KEY else title(topic, lang)
        return [Chip("lesson", ("Lektion: " if lang == "de" else "Lesson: ") + name, topic)]
    if plan.intent == "out_of_scope" and plan.topic in REFUSALS:
        return [Chip("refusal", _t(lang, REFUSALS[plan.topic]), plan.topic or "")]
    if plan.intent in ("out_of_scope", "unknown_entity", "help") or not plan.metrics:
        return []
    found = [Chip("measure", _measure(plan), plan.metrics[0])]
    if plan.intent in ADVICE_WORDS:
        found.append(Chip("advice", advice_label(plan), plan.topic or plan.intent))
    shift_windows = {w.shift for w in plan.periods if w.shift}
    used = plan.filters.used()
    names = list(used)
    ordered = sorted(  # a changeover's origin before its target
        names,
        key=lambda a: (
            names.index(a.removeprefix("from_") if a.removeprefix("from_") in used else a)
            - 0.5 * a.startswith("from_")
        ),
    )
    for attribute, values in ((a, used[a]) for a in ordered):
        kind = KIND_OF_FILTER.get(attribute)
        if kind and _both_ways(plan, attribute):  # 'zwischen Halter und Träger': one chip, not four
            text = _t(lang, BOTH_WAYS).format(*(catalog.label(kind, v, lang) for v in values))
            found.append(Chip(kind, text, "|".join(values)))
            continue
        if attribute in ("products", "families") and _both_ways(plan, f"from_{attribute}"):
            continue
        for value in values:
            if kind == "shift" and value in shift_windows:
                continue  # 'letzte Nachtschicht' names it already
            if kind == "medium" and (value,) == METRIC_BY_KEY[plan.metrics[0]].media:
                continue  # 'Stromverbrauch' names its medium
            if kind:
                label = (
                    catalog.label(kind, value, lang).split(" – ")[0]
                    if kind == "line"
                    else catalog.label(kind, value, lang)
                )
                found.append(Chip(kind, _direction(plan, attribute, lang) + label, value))
            elif attribute == "durations":
                found.append(Chip(attribute, duration_words(value, lang), value))
            elif attribute == "notes":
                found.append(
                    Chip(
                        attribute,
                        f"Notiz enthält „{value}“" if lang == "de" else f"note contains “{value}”",
                        value,
                    )
                )
            else:
                found.append(
                    Chip(
                        attribute, _t(lang, VALUE_WORDS.get(attribute, {}).get(value, (value, value))), value
                    )
                )
    if plan.part is not None:
        for attribute, values in plan.part.used().items():
            kind = KIND_OF_FILTER.get(attribute)
            for value in values:
                label = (
                    catalog.label(kind, value, lang)
                    if kind
                    else duration_words(value, lang)
                    if attribute == "durations"
                    else _t(lang, VALUE_WORDS.get(attribute, {}).get(value, (value, value)))
                )
                found.append(Chip("part", ("Anteil: " if lang == "de" else "share: ") + label, value))
    for window in plan.periods:
        found.append(Chip("window", window.label(lang), window.start.isoformat()))
    if plan.per == "workday" and plan.group_by == "day":
        found.append(Chip("per", _t(lang, ("nur Arbeitstage", "working days only")), plan.per))
    elif plan.per in PER_WORDS:
        found.append(Chip("per", _t(lang, PER_WORDS[plan.per]), plan.per))
    if plan.group_by and plan.within in DIMENSION_BY_KEY and plan.group_by in DIMENSION_BY_KEY:
        outer, inner = (DIMENSION_BY_KEY[d].label(lang) for d in (plan.within, plan.group_by))
        text = (
            _t(
                lang,
                (f"Top {plan.limit} nach {inner}, mit {outer}", f"top {plan.limit} by {inner}, with {outer}"),
            )
            if plan.intent == "rank" and plan.limit is not None and plan.form == "pairs"
            else _t(lang, (f"Top-{inner} je {outer}", f"top {inner} per {outer}"))
            if plan.intent == "rank" and plan.limit is not None
            else _t(lang, (f"pro {outer} und {inner}", f"per {outer} and {inner}"))
        )
        found.append(Chip("group", text, plan.group_by))
    elif plan.group_by and plan.group_by in DIMENSION_BY_KEY:
        word = "pro" if lang == "de" else "per"
        found.append(Chip("group", f"{word} {DIMENSION_BY_KEY[plan.group_by].label(lang)}", plan.group_by))
    if plan.form in FORMS:
        label = _t(lang, FORMS[plan.form])
        if plan.form == "percent_of" and plan.reference:
            label += " " + _t(lang, REFERENCES[plan.reference])
        elif plan.reference:
            label += (" zum " if lang == "de" else " to ") + _t(lang, REFERENCES[plan.reference])
        found.append(Chip("compare", label, plan.form))
    elif plan.reference == "bound" and plan.bound is not None:
        found.append(Chip("compare", _bound_label(plan), plan.reference))
    elif plan.reference:
        found.append(
            Chip(
                "compare",
                ("gegen " if lang == "de" else "vs ") + _t(lang, REFERENCES[plan.reference]),
                plan.reference,
            )
        )
    if plan.unit in UNIT_WORDS:
        found.append(Chip("unit", _t(lang, UNIT_WORDS[plan.unit]), plan.unit))
    return found


PER_WORDS = {
    "shift": ("im Schnitt pro Schicht", "on average per shift"),
    "day": ("im Schnitt pro Tag", "on average per day"),
    "workday": ("im Schnitt pro Arbeitstag", "on average per working day"),
    "week": ("im Schnitt pro Woche", "on average per week"),
    "hour": ("im Schnitt pro Stunde", "on average per hour"),
}


def _both_ways(plan: Plan, attribute: str) -> bool:
    """A changeover's two ends named as the same two things: 'zwischen A und B', either way."""
    if not attribute.startswith("from_"):
        return False
    origins = getattr(plan.filters, attribute)
    return len(origins) == 2 and set(origins) == set(getattr(plan.filters, attribute.removeprefix("from_")))


BOTH_WAYS = ("zwischen {0} und {1} (beide Richtungen)", "between {0} and {1} (either way)")


def _direction(plan: Plan, attribute: str, lang: str) -> str:
    """'von ' before a changeover's origin, 'auf ' before its target when both are named."""
    if attribute.startswith("from_"):
        return _t(lang, DIRECTION_WORDS["from"])
    if attribute in ("products", "families") and getattr(plan.filters, f"from_{attribute}"):
        return _t(lang, DIRECTION_WORDS["to"])
    return ""


def _bound_label(plan: Plan) -> str:
    """'über 80 %' / 'below 70 %': the fixed value each group is held against."""
    unit = METRIC_BY_KEY[plan.metrics[0]].unit
    value = quantity(plan.bound or 0.0, unit, plan.language)
    side = {"above": ("über", "above"), "below": ("unter", "below")}[plan.sense or "above"]
    return f"{_t(plan.language, side)} {value}"


def _measure(plan: Plan) -> str:
    """The measure's name; a share says what it is a share of."""
    lang = plan.language
    label = METRIC_BY_KEY[plan.metrics[0]].label(lang)
    if plan.intent == "latest":
        found = record_of(plan.metrics[0])  # 'latest' is planned only for a kind of record
        kind = (
            label
            if found is None
            else RECORDS[found[0]].label_de
            if lang == "de"
            else RECORDS[found[0]].label_en
        )
        newest = "letzter Eintrag" if lang == "de" else "latest entry"
        if plan.next_planned:
            newest = "nächster Eintrag" if lang == "de" else "next entry"
        elif (plan.limit or 1) > 1:
            newest = f"letzte {plan.limit} Einträge" if lang == "de" else f"latest {plan.limit} entries"
        if plan.form == "list":
            newest = "Liste" if lang == "de" else "list"
        if plan.form == "since":
            return f"{newest}: {kind} · " + ("Zeit seitdem" if lang == "de" else "time since")
        return f"{newest}: {kind}"
    if plan.intent == "share":
        part = part_name(plan.part_metric, plan.metrics[0], lang) if plan.part_metric else ""
        if not part:
            return f"Anteil an {label}" if lang == "de" else f"share of {label}"
        return f"Anteil {part} an {label}" if lang == "de" else f"share of {part} in {label}"
    return label


def restatement(plan: Plan, catalog: EntityCatalog) -> dict[str, Any]:
    """{text, chips, corrections, unplaced, choices}: what was understood, for every renderer."""
    lang = plan.language
    parts = chips(plan, catalog)
    lead = "Verstanden" if lang == "de" else "Understood"
    text = f"{lead}: " + " · ".join(c.label for c in parts) if parts else ""
    notes = [
        (f"„{written}“ als „{read}“ verstanden" if lang == "de" else f"read “{written}” as “{read}”")
        for written, read in plan.corrections
    ]
    notes += list(plan.notes)
    if plan.period_defaulted and plan.periods and plan.intent not in ("clarify", "out_of_scope", "lesson"):
        notes.append("kein Zeitraum genannt" if lang == "de" else "no period named")
    if notes and text:
        text += " (" + "; ".join(notes) + ")"
    elif notes:
        text = "; ".join(notes)
    return {
        "text": text,
        "chips": [c.to_dict() for c in parts],
        "corrections": [{"written": w, "read": r} for w, r in plan.corrections],
        "unplaced": list(plan.unplaced),
        "choices": list(plan.choices),
    }
