"""Shop-floor words in German and English for any plant, read from `planner/words/shopfloor.yaml`.

A plant name that contains a group's stem is also found by the group's words: 'Einbrennofen' by
'oven', 'Transferpresse 1' by 'transfer press 1'. The plant's own words come from its glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

WORDS_FILE = Path(__file__).parent / "planner" / "words" / "shopfloor.yaml"
FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
SHORT_STEM = 4  # shorter stems must start a word ('cnc', 'uni'); longer ones may sit inside a compound


@dataclass(frozen=True)
class WordGroup:
    """One thing said several ways: a stem to find in names, and the German and English words."""

    stem: str
    de: tuple[str, ...]
    en: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """Every word of the group, German first."""
        return (*self.de, *self.en)

    def in_name(self, name: str) -> bool:
        """Whether the (folded) name contains the stem."""
        folded = name.lower().translate(FOLD)
        if len(self.stem) < SHORT_STEM:
            return re.search(rf"(?<![a-z]){re.escape(self.stem)}", folded) is not None
        return self.stem in folded


@cache
def _word_file() -> dict[str, Any]:
    """The words file, read once per process (libyaml's parser when it is there)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return dict(yaml.load(WORDS_FILE.read_text(encoding="utf-8"), Loader=loader) or {})


@cache
def groups(kind: str) -> tuple[WordGroup, ...]:
    """The word groups of one kind: 'lines', 'stations', 'families' or 'media'."""
    return tuple(
        WordGroup(str(g["stem"]), tuple(map(str, g.get("de") or ())), tuple(map(str, g.get("en") or ())))
        for g in _word_file().get(kind, ())
    )


def words_for(kind: str, name: str) -> list[str]:
    """Every shop-floor word for a name of this kind."""
    return [w for g in groups(kind) if g.in_name(name) for w in g.words]


def english_for(kind: str, name: str) -> str | None:
    """The first English word of the first group the name belongs to."""
    return next((g.en[0] for g in groups(kind) if g.in_name(name) and g.en), None)


def medium_words(medium: str) -> WordGroup | None:
    """The words for one energy medium ('electricity', 'compressed_air', …)."""
    return next((g for g in groups("media") if g.stem == medium), None)


def names_a_colour(word: str) -> bool:
    """Whether the word is a colour ('rot', 'silver'): it names products, so it cannot just be left out."""
    return word.lower().translate(FOLD) in _colour_words()


@cache
def _colour_words() -> frozenset[str]:
    """Every colour word, folded, once per process (asked for each word of each question)."""
    return frozenset(w.lower().translate(FOLD) for g in groups("colours") for w in g.words)
