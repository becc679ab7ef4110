"""Words the offline planner listens for: metric names, intent cues and grouping words, DE and EN."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from ..semantic.catalog import DIMENSIONS, METRICS

FOLDS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower case with umlauts written out, so 'Störung' and 'Stoerung' read the same."""
    return text.lower().translate(FOLDS)


@dataclass(frozen=True)
class Hit:
    """A word or phrase found in a question."""

    key: str
    start: int
    end: int
    text: str


def canon(phrase: str) -> str:
    """Spaces and hyphens between words read the same: 'first-pass yield' = 'first pass yield'."""
    return re.sub(r"[\s-]+", " ", phrase.strip())


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """One regex that finds the longest of the phrases at word boundaries."""
    ordered = sorted({canon(p) for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in ordered)
    return re.compile(rf"(?<![\w])({body})(?![\w])")


@cache
def _metric_index() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every folded metric name mapped to its metric key."""
    names: dict[str, str] = {}
    for metric in METRICS:
        for name in metric.names:
            names.setdefault(canon(fold(name)), metric.key)
    return _alternation(list(names)), names


def find_metrics(folded: str) -> list[Hit]:
    """Metric names in a folded question, longest first at each place, in order."""
    pattern, names = _metric_index()
    hits = [Hit(names[canon(m.group(1))], m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(folded)]
    return hits or _fuzzy_metrics(folded, names)


def _fuzzy_metrics(folded: str, names: dict[str, str]) -> list[Hit]:
    """Metric names with a typo ('Taktzet', 'Ausschus', 'downtme', 'cylce time')."""
    single = [n for n in names if " " not in n and len(n) >= 5]
    double = [n for n in names if n.count(" ") == 1 and len(n) >= 8]
    hits = []
    for match in re.finditer(r"(?=\b([a-z][a-z-]{2,}\s+[a-z][a-z-]{2,})\b)", folded):
        close = difflib.get_close_matches(match.group(1), double, n=1, cutoff=0.86)
        if close:
            start = match.start(1)
            hits.append(Hit(names[close[0]], start, start + len(match.group(1)), match.group(1)))
    if hits:
        return hits[:1]
    for match in re.finditer(r"[a-z][a-z-]{4,}", folded):
        close = difflib.get_close_matches(match.group(0), single, n=1, cutoff=0.84)
        if close:
            hits.append(Hit(names[close[0]], match.start(), match.end(), match.group(0)))
    return hits


CUES: dict[str, tuple[str, ...]] = {
    "why": (
        "warum",
        "wieso",
        "weshalb",
        "weswegen",
        "woran liegt",
        "woher kommt",
        "was ist die ursache",
        "why",
        "how come",
        "what caused",
        "what causes",
        "cause of",
        "reason for",
        "root cause",
        "ursache",
        "ursachen",
    ),
    "overview": (
        "probleme",
        "problem",
        "was war los",
        "was ist passiert",
        "was lief schief",
        "auffaelligkeiten",
        "problems",
        "issues",
        "what happened",
        "what went wrong",
        "trouble",
        "anything unusual",
    ),
    "rank": (
        "welche linie",
        "welche station",
        "welche maschine",
        "welcher grund",
        "welche gruende",
        "welches produkt",
        "welcher lieferant",
        "welche schicht",
        "welches team",
        "welcher fehler",
        "welche fehler",
        "welche ursache",
        "welche stoerung",
        "welche stoerungen",
        "wo ",
        "am meisten",
        "haeufigste",
        "haeufigsten",
        "hauptfehler",
        "main defect",
        "main reason",
        "most common",
        "most frequent",
        "biggest problem",
        "groesste problem",
        "groesstes problem",
        "meisten",
        "hoechste",
        "hoechsten",
        "groesste",
        "groessten",
        "schlechteste",
        "schlechtesten",
        "beste",
        "besten",
        "niedrigste",
        "niedrigsten",
        "am laengsten",
        "am haeufigsten",
        "top",
        "which line",
        "which station",
        "which machine",
        "which reason",
        "which product",
        "which supplier",
        "which shift",
        "which team",
        "which defect",
        "where",
        "most",
        "highest",
        "biggest",
        "largest",
        "worst",
        "best",
        "lowest",
        "longest",
        "most often",
        "least",
    ),
    "compare": (
        "vergleich",
        "verglichen",
        "vergleiche",
        "gegenueber",
        "vs",
        "versus",
        "im vergleich",
        "compared",
        "compare",
        "comparison",
        "than",
        "against",
        "als am",
        "als in",
        "als letzte",
        "mehr als",
        "weniger als",
        "unterschied",
        "difference",
    ),
    "target": (
        "ziel",
        "zielwert",
        "soll",
        "vorgabe",
        "target",
        "goal",
        "on target",
        "im ziel",
        "plan erreicht",
    ),
    "trend": (
        "verlauf",
        "trending",
        "trends",
        "trendet",
        "over the last days",
        "trend",
        "entwicklung",
        "entwickelt",
        "pro tag",
        "taeglich",
        "jeden tag",
        "ueber die tage",
        "per day",
        "daily",
        "each day",
        "over time",
        "day by day",
        "developed",
        "development",
        "woechentlich",
        "pro woche",
        "weekly",
        "per week",
        "week by week",
    ),
    "breakdown": (
        "nach",
        "aufgeteilt",
        "aufschluesselung",
        "aufgeschluesselt",
        "je ",
        "pro ",
        "verteilung",
        "by",
        "per",
        "broken down",
        "breakdown",
        "split",
        "distribution",
        "for each",
    ),
    "variation": (
        "schwankt",
        "schwanken",
        "schwankung",
        "schwankungen",
        "streut",
        "streuung",
        "variiert",
        "unruhig",
        "unstabil",
        "instabil",
        "varies",
        "vary",
        "variation",
        "fluctuate",
        "fluctuates",
        "fluctuating",
        "unstable",
        "unsteady",
        "inconsistent",
        "jumps around",
        "erratic",
    ),
    "help": (
        "hilfe",
        "was kannst du",
        "was kann ich fragen",
        "beispiele",
        "wie funktioniert das",
        "help",
        "what can you do",
        "what can i ask",
        "examples",
        "how does this work",
    ),
    "lesson": (
        "was ist",
        "was sind",
        "was bedeutet",
        "was heisst",
        "erklaer",
        "erklaere",
        "erklaerung",
        "erklaer mir",
        "definition",
        "wofuer steht",
        "what is",
        "what's",
        "whats",
        "what are",
        "what does",
        "explain",
        "define",
        "meaning of",
        "tell me about",
        "teach me",
        "was versteht man unter",
        "versteh",
        "erklaeren",
        "was ist das",
        "what's that",
        "whats that",
        "what is it",
        "meaning",
        "bedeutung",
        "wie funktioniert",
        "wie funktionieren",
        "wie laeuft",
        "wie ist ein",
        "wie ist eine",
        "aufgebaut",
        "wie zeichnet man",
        "wie macht man",
        "wie setzt sich",
        "unterschied zwischen",
        "difference between",
        "how does",
        "how do i",
        "how do you",
        "how is a",
        "how to use",
        "stands for",
        "stand for",
        "was macht man",
        "erklaert",
        "einfach erklaert",
        "fuer anfaenger",
        "for beginners",
        "welche arten",
        "what kinds of",
        "what types of",
        "wie berechnet man",
        "how do you calculate",
        "beibringen",
        "worum geht",
        "steckt hinter",
        "was genau ist",
        "was bedeuten",
    ),
}


@cache
def _cue_pattern(kind: str) -> re.Pattern[str]:
    return _alternation([c.strip() for c in CUES[kind]])


def has_cue(folded: str, kind: str) -> bool:
    """Whether the folded question contains a cue of this kind."""
    return _cue_pattern(kind).search(folded) is not None


@cache
def _dimension_index() -> tuple[re.Pattern[str], dict[str, str]]:
    words: dict[str, str] = {}
    for dimension in DIMENSIONS:
        for word in (*dimension.words_de, *dimension.words_en):
            words.setdefault(canon(fold(word)), dimension.key)
    return _alternation(list(words)), words


def find_dimensions(folded: str) -> list[Hit]:
    """Grouping words ('nach Station', 'by shift', 'pro Tag') in a folded question."""
    pattern, words = _dimension_index()
    return [Hit(words[canon(m.group(1))], m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(folded)]


TOP_N = re.compile(
    r"\btop[\s-]*(\d{1,2})\b|\b(\d{1,2})\s+(?:groessten|haeufigsten|wichtigsten|biggest|largest|most|main)\b"
)


def top_n(folded: str) -> int | None:
    """'top 5', 'die 3 größten' → 5, 3."""
    match = TOP_N.search(folded)
    if not match:
        return None
    return int(match.group(1) or match.group(2))
