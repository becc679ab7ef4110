"""Numbers written as words, German and English: 'siebenundneunzig Prozent', 'seventy-four', 'die Hälfte der'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import SHARE as SHARE_KIND
from .kinds import written_kind

UNITS_DE = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
WORDS_DE = {
    **UNITS_DE, "null": 0, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
    "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90,
}  # fmt: skip
TENS_DE = {w: v for w, v in WORDS_DE.items() if v >= 20}
WORDS_EN = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_EN = {"hundred": 100, "thousand": 1000}
# Parts of a whole, counted only where they name a share: 'die Hälfte der Stopps', 'a third of the scrap'.
FRACTIONS = {
    "hälfte": 1 / 2,
    "drittel": 1 / 3,
    "viertel": 1 / 4,
    "half": 1 / 2,
    "third": 1 / 3,
    "quarter": 1 / 4,
}
SHARE = re.compile(
    r"(?<!ersten )(?<!zweiten )(?<!letzten )(?<!first )(?<!second )(?<!last )"
    r"\b(?:(?P<count>zwei|drei|two|three) )?(?P<part>hälfte|drittel|viertel|half|thirds?|quarters?)"
    r"(?= (?:der|des|aller|of)\b)",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class WordNumber:
    """A number found as words: how it was written, its value, and whether it was a percentage or a share."""

    written: str
    value: float
    kind: str | None  # the kind its unit names: 'share' for 'Prozent', 'count' for 'Stopps', … (see kinds.py)
    share: bool = False  # a fraction word: the value is a ratio, compared loosely


def german(word: str) -> int | None:
    """One German number word ('siebenundneunzig', 'zweihundertdrei') as its value, else None."""
    word = word.lower()
    if word in WORDS_DE:
        return WORDS_DE[word]
    for name, scale in (("tausend", 1000), ("hundert", 100)):
        if name in word:
            left, _, right = word.partition(name)
            high = 1 if left in ("", "ein", "eins", "eine") else german(left)
            low = 0 if right == "" else german(right)
            return None if high is None or low is None else high * scale + low
    unit, joined, tens = word.partition("und")
    if joined and tens in TENS_DE and (unit in UNITS_DE or unit == "ein"):
        return UNITS_DE.get(unit, 1) + TENS_DE[tens]
    return None


def english(words: list[str]) -> int | None:
    """English number words in a row ('ninety', 'seven' / 'two', 'hundred', 'five') as one value, else None."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in WORDS_EN:
            current += WORDS_EN[word]
            seen = True
        elif word in SCALE_EN and seen:
            current = max(current, 1) * SCALE_EN[word]
            if SCALE_EN[word] == 1000:
                total, current = total + current, 0
        elif word != "and":
            return None
    return total + current if seen else None


def word_numbers(text: str) -> list[WordNumber]:
    """Every number the text writes as words, with shares ('die Hälfte der …') as ratios."""
    found: list[WordNumber] = []
    matches = list(WORD.finditer(text))
    index = 0
    while index < len(matches):
        match = matches[index]
        value = german(match.group(0))
        end, written = match.end(), match.group(0)
        if value is None:
            run: list[str] = []
            last = index
            for later in matches[index:]:
                parts = later.group(0).lower().split("-")
                if not all(p in WORDS_EN or p in SCALE_EN or p == "and" for p in parts):
                    break
                run.extend(parts)
                last = matches.index(later)
            value = english(run) if run and run[-1] != "and" else None
            if value is not None:
                end, written = matches[last].end(), text[match.start() : matches[last].end()]
                index = last
        if value is not None:
            found.append(WordNumber(written, float(value), written_kind(text[end:])))
        index += 1
    for share in SHARE.finditer(text):
        count = {"zwei": 2, "drei": 3, "two": 2, "three": 3}.get((share.group("count") or "").lower(), 1)
        part = FRACTIONS[share.group("part").lower().rstrip("s")]
        found.append(WordNumber(share.group(0), count * part, SHARE_KIND, share=True))
    return [f for f in found if not (f.share is False and f.written.lower() in ("zwei", "two", "drei", "three")
                                     and _counted_share(f, found))]  # fmt: skip


def _counted_share(number: WordNumber, found: list[WordNumber]) -> bool:
    """'zwei' of 'zwei Drittel' is part of the share, not a count of its own."""
    return any(f.share and f.written.lower().startswith(number.written.lower() + " ") for f in found)
