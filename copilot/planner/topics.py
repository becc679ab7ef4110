"""Lean concepts a trainee may ask about, and the ways people name them."""

from __future__ import annotations

import difflib
import re
from functools import cache

from .lexicon import canon, fold

TOPICS: dict[str, tuple[str, ...]] = {
    "heijunka": (
        "heijunka",
        "produktionsglättung",
        "produktionsglaettung",
        "levelling",
        "leveling",
        "production levelling",
        "level loading",
        "nivellierung",
        "glättung",
    ),
    "kaizen": ("kaizen", "kontinuierliche verbesserung", "kvp", "continuous improvement"),
    "5s": ("5s", "5 s", "5-s", "fünf s", "five s", "5s-methode"),
    "smed": (
        "smed",
        "single minute exchange of die",
        "rüstzeitreduzierung",
        "quick changeover",
        "schnellrüsten",
        "rüstzeitoptimierung",
    ),
    "oee": ("oee", "gesamtanlageneffektivität", "overall equipment effectiveness"),
    "takt": ("takt", "taktzeit", "takt time", "kundentakt", "takt-zeit"),
    "jidoka": ("jidoka", "autonomation", "automation with a human touch"),
    "kanban": ("kanban", "kanban-system", "pull system", "pull-system", "zugsystem"),
    "poka_yoke": (
        "poka-yoke",
        "poka yoke",
        "pokayoke",
        "fehlersicherheit",
        "mistake proofing",
        "error proofing",
        "fehlhandlungssicher",
    ),
    "muda_mura_muri": (
        "muda",
        "mura",
        "muri",
        "verschwendung",
        "waste",
        "the 7 wastes",
        "7 arten der verschwendung",
        "sieben verschwendungsarten",
        "seven wastes",
    ),
    "gemba": ("gemba", "gemba walk", "gemba-walk", "gemba-rundgang"),
    "genchi_genbutsu": ("genchi genbutsu", "genchi-genbutsu", "go and see", "geh und sieh selbst"),
    "a3": ("a3", "a3-report", "a3 report", "a3-bericht", "a3 thinking", "a3-methode"),
    "pdca": ("pdca", "pdca-zyklus", "deming-kreis", "deming cycle", "plan do check act", "plan-do-check-act"),
    "five_why": (
        "5-why",
        "5 why",
        "5 whys",
        "five whys",
        "5-warum",
        "5 warum",
        "fünfmal warum",
        "5x warum",
        "5-why-methode",
        "five why",
        "5 why technique",
        "fünf warum",
        "fünf-warum-methode",
        "warum-warum-analyse",
    ),
    "ishikawa": (
        "ishikawa",
        "fischgrät",
        "fischgrätdiagramm",
        "fishbone",
        "fishbone diagram",
        "ursache-wirkungs-diagramm",
        "cause and effect diagram",
    ),
    "value_stream": (
        "wertstrom",
        "wertstromanalyse",
        "wertstromdesign",
        "value stream",
        "value stream mapping",
        "vsm",
        "wertstrommapping",
    ),
    "andon": ("andon", "andon-system", "andon system", "andon cord", "andon-leine"),
    "standard_work": (
        "standardarbeit",
        "standardisierte arbeit",
        "standard work",
        "standardised work",
        "standardized work",
    ),
    "tpm": (
        "tpm",
        "total productive maintenance",
        "autonome instandhaltung",
        "autonomer instandhaltung",
        "autonome wartung",
        "autonomous maintenance",
        "total productive management",
    ),
    "six_big_losses": (
        "six big losses",
        "6 big losses",
        "six major losses",
        "big six losses",
        "sechs großen verluste",
        "6 großen verluste",
        "sechs große verluste",
        "6 große verluste",
        "sechs großen verlustarten",
        "6 großen verlustarten",
        "sechs verlustarten",
        "6 verlustarten",
        "verlustmodell nach nakajima",
    ),
    "jit": ("just in time", "just-in-time", "jit"),
    "yamazumi": (
        "yamazumi",
        "yamazumi-diagramm",
        "yamazumi chart",
        "line balancing",
        "austaktung",
        "taktabstimmung",
    ),
}


@cache
def _index() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {canon(fold(name)): key for key, synonyms in TOPICS.items() for name in synonyms}
    ordered = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in ordered)
    return re.compile(rf"(?<![\w])({body})(?![\w])"), names


def find_topic(text: str) -> str | None:
    """The Lean concept a question names, tolerating a typo ('Heijunaka', 'takt tiem', 'gmeba walk')."""
    pattern, names = _index()
    folded = fold(text)
    match = pattern.search(folded)
    if match:
        return names[canon(match.group(1))]
    return _closest(canon(re.sub(r"[^\w\s-]", " ", folded)), names)


def _closest(folded: str, names: dict[str, str]) -> str | None:
    """The name closest to a run of one to three words; same first letter, at least 80 % alike."""
    words = folded.split()
    best: tuple[float, str] | None = None
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if len(phrase) < 5:
                continue
            for name in names:
                if len(name) < 5 or name[0] != phrase[0] or name.count(" ") != size - 1:
                    continue
                ratio = difflib.SequenceMatcher(None, phrase, name).ratio()
                if ratio >= 0.8 and (best is None or ratio > best[0]):
                    best = (ratio, name)
    return names[best[1]] if best else None
