"""A word that names several things of the plant ('Stau': two alarms and a reason) is asked back.

The plant's own texts decide: a counted word that nothing else in the question took, and that the
texts of several stations, reasons, defects or alarms hold, is offered as each of them. A medium's
'problems', where an alarm's text names the medium, are offered as its consumption and as that alarm;
'the compressed air meter', where there are several, as each meter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..entities import Entity, EntityCatalog, EntityMatch
from ..plan import Plan
from . import lexicon
from .asking import MAX_CHOICES, clarify, replaced

if TYPE_CHECKING:
    from .offline import Understanding

WORD = re.compile(r"[^\W\d_]+")
TROUBLE = re.compile(  # the noun after the word: what of it is counted
    r"(?:probleme?n?|problems?|issues?|trouble|stoerung(?:en)?|fehler|faults?|stops?|stopps?|stillstaende?|"
    r"ausfaelle?|alarme?|alarms?|meldungen?)"
)
ONE_METER = re.compile(r"[\s-]*(?:meter|zähler|zaehler|counter|messstelle)\b", re.IGNORECASE)
EVERY = re.compile(
    r"\b(?:which|what|welche[nrms]?|alle[nrs]?|all|sämtliche[nr]?|jede[nmrs]?|each|every|both|beide[n]?)\s+$",
    re.IGNORECASE,
)
COUNTED = re.compile(r"\b(?:wie ?viele|how many|einen?|any|many|viele)\s+$")
QUANTITY = re.compile(
    r"\b(?:wie ?viel\w*|how much|kwh|mwh|verbrauch\w*|consum\w*|us(?:e|ed|es|ing)|gezogen|gebraucht|"
    r"benoetigt|kost\w*|cost\w*|anteil|share)\b"
)
NOUNS: dict[str, tuple[str, str]] = {  # how each kind reads in a reading: German, English
    "alarm": ("Alarme {}", "{} alarms"),
    "reason": ("Stillstände {}", "{} stops"),
    "defect": ("Fehler {}", "{} defects"),
    "medium": ("{}verbrauch", "{} consumption"),
}


def several_kinds(u: Understanding, catalog: EntityCatalog, text: str) -> Plan | None:
    """A question back when one word of the question may be several things of the plant."""
    found = (
        _shared_word(u, catalog, text) or _medium_or_alarm(u, catalog, text) or _which_meter(u, catalog, text)
    )
    if found is None:
        return None
    written, readings = found
    if u.language == "de":
        note = f"„{written}“ kann Verschiedenes meinen. Meinten Sie:"
    else:
        note = f"“{written}” can mean several things. Did you mean:"
    return clarify(u.language, note, readings[:MAX_CHOICES])


def _shared_word(u: Understanding, catalog: EntityCatalog, text: str) -> tuple[str, list[str]] | None:
    """'wie viele Staus', 'sensor problems', 'feeder stops': a counted word several things' texts hold."""
    named = {(m.entity.kind, m.entity.id) for m in u.entities}
    measured = [
        (h.start, h.end)
        for h in [*lexicon.find_metrics(u.folded), *lexicon.find_words(u.folded, lexicon.RECORD_WORDS)]
    ]
    for m in WORD.finditer(u.folded):
        if any(start <= m.start() and m.end() <= end for start, end in measured):
            continue  # 'short' of 'short stops' is the measure's
        rest = u.folded[m.end() :].split()
        counted = bool(rest) and TROUBLE.fullmatch(rest[0]) is not None
        counted = counted or (
            COUNTED.search(u.folded[: m.start()]) is not None and not _noun_follows(rest, catalog)
        )
        generic = TROUBLE.fullmatch(m.group()) is not None or bool(
            lexicon.find_words(m.group(), lexicon.RECORD_WORDS)
        )
        things = catalog.named_in_texts(m.group()) if counted and not generic and len(m.group()) >= 4 else []
        if len(things) < 2 or any((e.kind, e.id) in named for e in things):
            continue
        written = _written(text, m.group())
        if written is None:
            continue
        return written.group(1), [_reading(text, written, e, u.language) for e in things]
    return None


def _medium_or_alarm(u: Understanding, catalog: EntityCatalog, text: str) -> tuple[str, list[str]] | None:
    """'compressed air problems': the medium's consumption, or the alarm named after it."""
    medium = _one_medium(u)
    if medium is None or u.metrics or u.choice.metrics or QUANTITY.search(u.full):
        return None
    after = re.match(r"[\s-]+([^\W\d_]+)", text[medium.span[1] :])
    if after is None or TROUBLE.fullmatch(lexicon.fold(after.group(1))) is None:
        return None  # 'Druckluft Linie 1 gestern': the medium alone is its consumption
    alarms = catalog.texts_naming(medium.entity, ("alarm", "reason"))
    if not alarms:
        return None
    span = (medium.span[0], medium.span[1] + after.end())
    said = NOUNS["medium"][0 if u.language == "de" else 1].format(medium.entity.label(u.language))
    readings = [replaced(text, span, said)]
    for e in alarms:
        noun = NOUNS[e.kind][0 if u.language == "de" else 1]
        readings.append(replaced(text, span, noun.format(e.label(u.language))))
    return text[medium.span[0] : medium.span[1]], readings


def _which_meter(u: Understanding, catalog: EntityCatalog, text: str) -> tuple[str, list[str]] | None:
    """'the compressed air meter', where each line has one: which of them."""
    medium = _one_medium(u)
    if medium is None or u.kinds() & {"line", "station", "meter"}:
        return None
    after = ONE_METER.match(text[medium.span[1] :])
    meters = catalog.meters_of_medium(medium.entity.id)
    if after is None or len(meters) < 2 or EVERY.search(text[: medium.span[0]]):
        return None  # 'alle Stromzähler', 'which meter used most': not one meter meant
    span = (medium.span[0], medium.span[1] + after.end())
    return text[span[0] : span[1]], [replaced(text, span, e.label(u.language)) for e in meters]


def _one_medium(u: Understanding) -> EntityMatch | None:
    """The medium the question names, when it names exactly one."""
    media = [m for m in u.entities if m.entity.kind == "medium"]
    return media[0] if len(media) == 1 else None


def _noun_follows(rest: list[str], catalog: EntityCatalog) -> bool:
    """'how many material batches': the counted thing is the next word, not this one."""
    if not rest:
        return False
    word = rest[0]
    named = lexicon.find_words(word, lexicon.RECORD_WORDS) or lexicon.find_dimensions(word)
    return bool(named or lexicon.find_metrics(word) or catalog.named_in_texts(word))


def _written(text: str, folded: str) -> re.Match[str] | None:
    """The word as the user wrote it, with the noun after it when that says what of it is counted."""
    for m in re.finditer(r"\b([^\W\d_]+)(?=(?:\s+([^\W\d_]+))?)", text):
        if lexicon.fold(m.group(1)) == folded:
            return m
    return None


def _reading(text: str, written: re.Match[str], entity: Entity, lang: str) -> str:
    """The question with the word (and its noun) replaced by one thing it may mean: 'A-190 alarms'."""
    noun = written.group(2)
    if noun is None or TROUBLE.fullmatch(lexicon.fold(noun)) is None or entity.kind not in NOUNS:
        return replaced(text, written.span(1), entity.label(lang))
    said = NOUNS[entity.kind][0 if lang == "de" else 1]
    end = text.index(noun, written.end(1)) + len(noun)
    return replaced(text, (written.start(1), end), said.format(entity.label(lang)))
