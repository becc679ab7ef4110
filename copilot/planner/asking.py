"""Questions back: when a question names something the planner cannot place, it asks with concrete readings.

Each reading is a question the user can tap (the app shows them as buttons) and that the planner
answers without asking again. Asking back is never a default window or a substitute measure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..entities import Entity, EntityCatalog, UnknownEntity
from ..plan import Plan
from ..semantic.catalog import METRIC_BY_KEY
from . import lexicon
from .measures import MeasureChoice

if TYPE_CHECKING:
    from .offline import Understanding

FIGURE_INTENTS = frozenset({"value", "compare", "share", "rank", "trend", "breakdown", "overview", "why"})
AMBIGUOUS: dict[str, tuple[str, ...]] = {  # words that name several measures, and the readings offered
    "leistung": ("performance", "output", "electricity"),
    "rate": ("scrap_rate", "performance", "fpy"),
    "quote": ("scrap_rate", "fpy", "quality_ratio"),
    "verbrauch": ("electricity", "compressed_air", "energy"),  # which medium, or all of them
    "consumption": ("electricity", "compressed_air", "energy"),
}
WHOLE_SITE = re.compile(
    r"\b(?:im |das |the |des )?(?:ganzen|gesamten|whole|entire) (?:werk\w*|plant|factory|site)\b|\bwerksweit\w*|"
    r"\bplant[- ]wide\b|\balle[rn]? medien\b|\ball media\b"
)
TARGET_OR_POINTS = re.compile(r"\b(ziel\w*|\w+ziel\w*|target\w*|prozentpunkt\w*|punkte[n]?|points?|pp)\b")
SAYS_THE_MEDIUM = re.compile(r"\b(kwh|mwh|zaehler\w*|meter|meters|medium|medien|alle[rn]? medien)\b")
FIRST_CHOICES = ("oee", "downtime", "scrap_count")
WORD = re.compile(r"[^\W\d_]+")
MAX_CHOICES = 3


def clarify(lang: str, text: str, choices: list[str], pending: Plan | None = None) -> Plan:
    """A question back with up to three readings; `pending` is the question it completes ('Linie 3' answers it)."""
    unique = list(dict.fromkeys(c.strip() for c in choices if c.strip()))[:MAX_CHOICES]
    asked = Plan("clarify", lang, messages=(text,), choices=tuple(unique), confidence=0.0)
    if pending is None:
        return asked
    return asked.with_changes(metrics=pending.metrics, periods=pending.periods, filters=pending.filters)


def replaced(text: str, span: tuple[int, int], by: str) -> str:
    """The question with one part written differently."""
    return re.sub(r"\s+", " ", text[: span[0]] + by + text[span[1] :]).strip()


def unknown_entities(lang: str, unknown: list[UnknownEntity], catalog: EntityCatalog, text: str) -> Plan:
    """Things that do not exist get their message; a name that fits several is asked back with each."""
    messages = tuple(u.message(lang, catalog) for u in unknown)
    ambiguous = [u for u in unknown if len(u.candidates) > 1]
    if not ambiguous:
        return Plan("unknown_entity", lang, messages=messages)
    first = ambiguous[0]
    choices = [replaced(text, first.span, catalog.label(first.kind, c, lang)) for c in first.candidates]
    return Plan("clarify", lang, messages=messages, choices=tuple(choices[:MAX_CHOICES]), confidence=0.0)


def impossible(lang: str, choice: MeasureChoice) -> Plan:
    """An aggregation a record does not have: 'the mean of units' is asked back with what exists."""
    aggregation, record = (choice.impossible or ":").split(":")
    from ..semantic.records import RECORDS, measure_key

    label = RECORDS[record].label_de if lang == "de" else RECORDS[record].label_en
    count = METRIC_BY_KEY.get(measure_key(record, "count"))
    readings = [count.label(lang)] if count else []
    if aggregation == "rate":
        text = (
            f"{label[:1].upper()}{label[1:]} je Betriebsstunde rechne ich noch nicht. Gemeint ist vielleicht:"
            if lang == "de"
            else f"I do not compute {label} per running hour yet. Perhaps you mean:"
        )
        return clarify(lang, text, readings)
    text = (
        f"Für {label} kann ich „{aggregation}“ nicht bilden – sie haben keine Dauer. Gemeint ist vielleicht:"
        if lang == "de"
        else f"I cannot take the {aggregation} of {label}: they have no duration. Perhaps you mean:"
    )
    return clarify(lang, text, readings)


def ambiguous_measure(u: Understanding, catalog: EntityCatalog) -> Plan | None:
    """'Wie war die Leistung?': a word that names several measures, and nothing else decides."""
    hits = lexicon.find_metrics(u.folded)
    if not hits or any(h.text.strip() not in AMBIGUOUS for h in hits) or u.choice.record:
        return None
    if any(m.entity.kind in ("meter", "medium") for m in u.entities) or SAYS_THE_MEDIUM.search(u.full):
        return None  # 'Verbrauch vom Ofenzähler', 'wie viel kWh': the medium is said
    if hits[0].text.strip() in ("verbrauch", "consumption") and WHOLE_SITE.search(u.full):
        return None  # 'der Verbrauch im ganzen Werk': every medium together, the energy
    if any(m.entity.kind == "station" and catalog.meters_of_station(m.entity.id) for m in u.entities):
        return None  # 'Ofen Verbrauch': a station with its own meter consumes energy
    word = hits[0].text.strip()
    readings = AMBIGUOUS[word]
    if TARGET_OR_POINTS.search(
        u.full
    ):  # 'unter ihrem Leistungsziel, um wie viele Punkte': a KPI with a target
        kept = [key for key in readings if METRIC_BY_KEY[key].target and METRIC_BY_KEY[key].unit == "%"]
        if kept == [hits[0].key]:
            return None
    text = (
        f"„{word.capitalize()}“ kann mehreres heißen. Welche Kennzahl meinen Sie?"
        if u.language == "de"
        else f"“{word}” can mean several things. Which figure do you mean?"
    )
    return clarify(u.language, text, [_scoped(u, key) for key in readings])


def which_measure(lang: str, u: Understanding, catalog: EntityCatalog) -> Plan:
    """A scope without a measure ('die Zahlen von der 2 für Dienstag'): which figures?"""
    text = "Welche Kennzahl möchten Sie sehen?" if lang == "de" else "Which figure would you like to see?"
    return clarify(lang, text, [_scoped(u, key) for key in FIRST_CHOICES])


def no_scope(lang: str, plan: Plan, catalog: EntityCatalog) -> Plan:
    """A measure with neither a line nor a period: for the plant or per line, and over which period?"""
    label = METRIC_BY_KEY[plan.metrics[0]].label(lang)
    if lang == "de":
        choices = [
            f"{label} im Werk, letzte 7 Tage",
            f"{label} pro Linie, letzte 7 Tage",
            f"{label} im Werk, gestern",
        ]
        text = f"{label}: für welche Linie und welchen Zeitraum?"
    else:
        choices = [
            f"{label} for the plant, last 7 days",
            f"{label} per line, last 7 days",
            f"{label} for the plant, yesterday",
        ]
        text = f"{label}: for which line and which period?"
    return clarify(lang, text, choices, plan)


def which_line(lang: str, plan: Plan, catalog: EntityCatalog, u: Understanding) -> Plan:
    """'Was war die Taktzeit letzte Woche?': a figure that only means something per line."""
    label = METRIC_BY_KEY[plan.metrics[0]].label(lang)
    lines = [e.label(lang).split(" – ")[0] for e in catalog.entities("line")]
    times = " ".join(w.label(lang).split(" (")[0] for w in u.windows)
    per = "pro Linie" if lang == "de" else "per line"
    plant = "Werk gesamt" if lang == "de" else "whole plant"
    pooled = (
        METRIC_BY_KEY[plan.metrics[0]].family != "cycle_time"
    )  # an OEE pools over lines; a cycle time not
    choices = [" ".join(p for p in (label, name, times) if p) for name in lines[: 1 if pooled else 2]]
    choices.append(" ".join(p for p in (label, per, times) if p))
    if pooled:
        choices.append(" ".join(p for p in (label, plant, times) if p))
    text = f"{label}: für welche Linie?" if lang == "de" else f"{label}: for which line?"
    if pooled:
        text = (
            f"{label} gilt je Linie: für welche Linie – oder jede Linie einzeln, oder das Werk gesamt?"
            if lang == "de"
            else f"{label} is defined per line: which line – or each line, or the whole plant?"
        )
    return clarify(lang, text, choices, plan.with_changes(periods=tuple(u.windows)))


PERIOD_READINGS = (("heute", "today"), ("gestern", "yesterday"), ("letzte 7 Tage", "last 7 days"))


def which_period(lang: str, plan: Plan, u: Understanding) -> Plan:
    """'Wie ist die OEE von Linie 2?': a figure that depends on its period, asked with none."""
    label = METRIC_BY_KEY[plan.metrics[0]].label(lang)
    names = [m.entity.label(lang).split(" – ")[0] for m in u.entities]
    index = 0 if lang == "de" else 1
    choices = [" ".join([label, *names, reading[index]]) for reading in PERIOD_READINGS]
    text = f"{label}: für welchen Zeitraum?" if lang == "de" else f"{label}: for which period?"
    return clarify(lang, text, choices, plan.with_changes(periods=()))


def _scoped(u: Understanding, key: str) -> str:
    """A reading: the measure's name with the scope the question named ('OEE Linie 2 Dienstag')."""
    names = [m.entity.label(u.language).split(" – ")[0] for m in u.entities]
    times = [w.label(u.language).split(" (")[0] for w in u.windows]
    if not times:  # a reading is a whole question: without a period, today's
        times = ["heute" if u.language == "de" else "today"]
    return " ".join([METRIC_BY_KEY[key].label(u.language), *names, *times])


def unplaced_words(plan: Plan, words: list[str], catalog: EntityCatalog, text: str = "") -> Plan:
    """A figure question with words nothing understood is asked back: the words may change the figure."""
    if not words or plan.intent not in FIGURE_INTENTS:
        return plan.with_changes(unplaced=tuple(words)) if words else plan
    lang = plan.language
    shown = ", ".join(f"„{w}“" if lang == "de" else f"“{w}”" for w in words)
    readings = _tail_readings(words[0], catalog, lang, text)
    if text:
        readings.append(_without(text, words))
    if lang == "de":
        note = f"{shown} kenne ich nicht. Meinten Sie:" if readings else f"{shown} kenne ich nicht."
    else:
        note = f"I do not know {shown}. Did you mean:" if readings else f"I do not know {shown}."
    return clarify(lang, note, readings).with_changes(unplaced=tuple(words))


def _tail_readings(word: str, catalog: EntityCatalog, lang: str, text: str) -> list[str]:
    """'Schweißroboter' ends in a known word ('Roboter'): the things that word names, as readings."""
    folded = lexicon.fold(word)
    for cut in range(1, len(folded) - 3):
        matches, unknown = catalog.find(folded[cut:])
        found: list[Entity | None] = [m.entity for m in matches]
        found = found or [catalog.get(u.kind, c) for u in unknown for c in u.candidates]
        entities = [e for e in found if e is not None]
        if entities and text:
            return [text.replace(word, e.label(lang)) for e in entities][:MAX_CHOICES]
    return []


def _without(text: str, words: list[str]) -> str:
    """The question without the words nothing understood."""
    for word in words:
        text = re.sub(rf"\b{re.escape(word)}\b", "", text)
    return re.sub(r"\s+", " ", text).strip()


def which_product(plan: Plan, u: Understanding, catalog: EntityCatalog) -> Plan | None:
    """'Was ist die Soll-Zykluszeit vom Lagerdeckel?': each product of the family has its own ideal; which one."""
    if (
        plan.form != "target"
        or plan.reference != "ideal"
        or plan.filters.products
        or len(plan.filters.families) != 1
    ):
        return None
    products = catalog.products_of(plan.filters.families[0])
    named = next((m for m in u.entities if m.entity.kind == "family"), None)
    if len(products) < 2 or named is None:
        return None
    readings = [replaced(u.question, named.span, p.label(u.language)) for p in products]
    shown = ", ".join(p.label(u.language) for p in products)
    if u.language == "de":
        note = f"Jedes Produkt hat seine eigene Idealzykluszeit ({shown}). Welches meinen Sie?"
    else:
        note = f"Each product has its own ideal cycle time ({shown}). Which one do you mean?"
    return clarify(u.language, note, readings)
