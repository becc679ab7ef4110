"""Every word the offline planner knows for one plant: the near misses of these are corrected."""

from __future__ import annotations

import re

from ..advisor.words import ADVICE_CUES
from ..entities import EntityCatalog
from ..semantic.catalog import DIMENSIONS, METRICS
from ..timeframes import TIME_WORDS
from . import lexicon
from .measures import TIME_COMPOUND_WORDS
from .topics import TOPICS

WORD = re.compile(r"[^\W\d_]+")


def _words(phrases: object) -> set[str]:
    """The folded single words of a nested collection of phrases."""
    found: set[str] = set()
    if isinstance(phrases, str):
        return {w for w in WORD.findall(lexicon.fold(phrases))}
    if isinstance(phrases, dict):
        phrases = list(phrases.values())
    for item in phrases:  # type: ignore[attr-defined]
        found |= _words(item)
    return found


def vocabulary(catalog: EntityCatalog) -> frozenset[str]:
    """The folded words of metrics, cues, records, dimensions, time words, Lean topics and the plant's names."""
    words = _words([m.names for m in METRICS])
    words |= _words([(*d.words_de, *d.words_en) for d in DIMENSIONS])
    words |= _words(lexicon.CUES) | _words(lexicon.RECORD_WORDS) | _words(lexicon.FIELD_WORDS)
    words |= _words([w for w, _values in lexicon.STATUS_WORDS.values()]) | _words(lexicon.REFERENCE_WORDS)
    words |= (
        _words(lexicon.LOSS_CATEGORY_WORDS)
        | _words(lexicon.FAMILY_CHANGE_WORDS)
        | _words(lexicon.FAULT_WORDS)
    )
    words |= _words(sorted(TIME_WORDS)) | _words(TOPICS) | _words(ADVICE_CUES)
    words |= (
        _words(lexicon.PLANT_WORDS) | _words(lexicon.WHOLE_PERIOD_WORDS) | _words(lexicon.RUNNING_HOUR_WORDS)
    )
    words |= _words(lexicon.PREVIOUS_WORDS) | _words(lexicon.SPEED_ORDER_WORDS)
    words |= catalog.alias_words() | catalog.text_words() | TIME_COMPOUND_WORDS
    return frozenset(w for w in words if len(w) >= 3)


def slots() -> dict[str, str]:
    """What a correction to a word supplies: 'time' for time words, 'measure' for metric and record words."""
    found = dict.fromkeys(_words([m.names for m in METRICS]) | _words(lexicon.RECORD_WORDS), "measure")
    found.update(dict.fromkeys(_words(sorted(TIME_WORDS)), "time"))
    return found
