"""Words of a question that nothing understood: a near miss of a known word is corrected aloud.

'gestren' → 'gestern', 'yesterdy' → 'yesterday', 'Stilstand' → 'Stillstand'. A word is corrected
when exactly one word of the plant's vocabulary lies within one edit (two from eight letters on)
with the same first letter, and the word is not itself common German or English (wordfreq's small
large lists, loaded the first time they are needed) — unless the question lacks what the correction
supplies: 'Stillstand gesten' has no day, so 'gesten' (gestures) is read as 'gestern'. Long German
compounds are split: 'Durchschnitszykluszeit' → 'Durchschnitts Zykluszeit'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..entities import _osa
from .lexicon import fold, unit_word

WORD = re.compile(r"[^\W\d_]+")
FILLER_FILE = Path(__file__).parent / "words" / "filler.txt"
COMMON = 3.0  # zipf frequency from which a word is ordinary language, not a typo
SLOT_COMMON = 4.5  # …unless the question lacks the slot the correction fills (a day, a measure)


@dataclass(frozen=True)
class Correction:
    """One word read as another: what was written, what it was read as, and where."""

    written: str
    read: str
    span: tuple[int, int]
    silent: bool = False  # a compound only split into known words: applied, not reported

    def to_dict(self) -> dict[str, str]:
        """The JSON form."""
        return {"written": self.written, "read": self.read}


@cache
def filler() -> frozenset[str]:
    """Ordinary words that carry nothing of their own."""
    words = []
    for line in FILLER_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(fold(w) for w in words)


def frequency(word: str) -> float:
    """The zipf frequency of a word in German or English, 0 for words neither knows."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, language, wordlist="large") for language in ("de", "en"))


def ordinary(word: str, threshold: float = COMMON) -> bool:
    """An ordinary German or English word: on the filler list, or at least this frequent."""
    return fold(word) in filler() or frequency(word) >= threshold


def a_word(word: str) -> bool:
    """A word of German or English at all."""
    return fold(word) in filler() or frequency(word) > 0


def allowed_edits(word: str) -> int:
    """One edit, two from eight letters on."""
    return 2 if len(word) >= 8 else 1


class Corrector:
    """Finds near misses of a vocabulary in the free words of a question."""

    def __init__(self, vocabulary: frozenset[str], slots: dict[str, str] | None = None) -> None:
        self.vocabulary = frozenset(w for w in vocabulary if len(w) >= 3 and w.isalpha())
        self.slots = slots or {}  # word → 'time' or 'measure': what a correction to it supplies
        self._by_first: dict[str, list[str]] = {}
        for word in self.vocabulary:
            self._by_first.setdefault(word[0], []).append(word)

    def known(self, word: str) -> bool:
        """A word of the vocabulary or an ordinary word."""
        folded = fold(word)
        return folded in self.vocabulary or folded in filler()

    def closest(self, word: str, prefer: frozenset[str] = frozenset()) -> str | None:
        """The one vocabulary word within the allowed edits, or None (none, or several equally close).

        Among equally close words, those that fill a slot the question lacks (`prefer`) go first.
        """
        folded = fold(word)
        if len(folded) < 3:
            return None
        best: list[tuple[int, str]] = []
        limit = allowed_edits(folded)
        for candidate in self._by_first.get(folded[0], ()):
            if abs(len(candidate) - len(folded)) > limit or (len(folded) == 3 and len(candidate) > 4):
                continue
            distance = _osa(folded, candidate)
            if distance <= min(limit, allowed_edits(candidate)):
                best.append((distance, candidate))
        if not best:
            return None
        nearest = min(d for d, _c in best)
        ties = [c for d, c in best if d == nearest]
        preferred = [c for c in ties if self.slots.get(c) in prefer]
        ties = sorted(preferred or ties, key=lambda c: _alike(folded, c), reverse=True)
        if len(ties) > 1 and _alike(folded, ties[0]) == _alike(folded, ties[1]):
            return None
        return ties[0]

    def split(self, word: str) -> str | None:
        """A long compound as two vocabulary words, one of them corrected: 'durchschnits zykluszeit'."""
        folded = fold(word)
        if len(folded) < 8:
            return None
        for prefix in PREFIXES:  # 'Einzelstillstand': one stop, the stop word itself known
            if folded.startswith(prefix) and folded[len(prefix) :] in self.vocabulary:
                return f"{prefix} {folded[len(prefix) :]}"
        for cut in range(len(folded) - 4, 3, -1):
            head, tail = folded[:cut], folded[cut:]
            if len(folded) < 10 and not (head in self.vocabulary and tail in self.vocabulary):
                continue  # a short word is only split into two known words: 'lastnight'

            tail_read = tail if tail in self.vocabulary else self.closest(tail) if len(tail) >= 6 else None
            if tail_read is None:
                continue
            head_read = head if head in self.vocabulary else self.closest(head)
            if head_read is not None:
                return f"{head_read} {tail_read}"
        return None

    def correct(
        self, text: str, taken: list[tuple[int, int]], missing: frozenset[str] = frozenset()
    ) -> list[Correction]:
        """Corrections for the free words that are neither known nor ordinary (or fill a missing slot)."""
        found = []
        for m in WORD.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            word = m.group()
            if self.known(word) or len(word) < 3:
                continue
            read = self.closest(word, missing)
            split = read is None
            read = read or self.split(word)
            if read is None or fold(read) == fold(word):
                continue
            slot = self.slots.get(read.split()[-1] if split else read)
            if ordinary(word, SLOT_COMMON if slot in missing else COMMON):
                continue
            if len(word) <= SHORT and ordinary(word) and _common_neighbour(fold(word), fold(read)):
                continue  # 'tak', itself a word, is as likely 'take' as 'takt': nothing is read into it
            silent = (split and self._plain_split(word, read)) or _inflected(fold(word), read)
            found.append(Correction(word, read, m.span(), silent=silent))
        return found

    def _plain_split(self, word: str, read: str) -> bool:
        """A compound split into two known words without changing a letter: nothing to say aloud."""
        return fold(word) == read.replace(" ", "")


PREFIXES = ("einzel", "gesamt")  # German prefixes that make a compound of any known word
SHORT = 4  # a word this short has common words one edit away: a correction to the vocabulary is a guess
VERY_COMMON = 5.0
LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"


def _common_neighbour(word: str, read: str) -> bool:
    """A very common German or English word (not the correction itself) lies one edit from the word."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    edits |= {a + c + b for a, b in splits for c in LETTERS}
    return any(e != read and len(e) >= 3 and frequency(e) >= VERY_COMMON for e in edits - {word})


INFLECTIONS = ("n", "en", "s", "es", "e")


def _inflected(word: str, read: str) -> bool:
    """'Produktfamilien' read as 'produktfamilie': a plural or case ending is no typo to say aloud."""
    return word.startswith(read) and word[len(read) :] in INFLECTIONS


def apply(text: str, corrections: list[Correction]) -> str:
    """The text with every correction put in."""
    for c in sorted(corrections, key=lambda c: c.span, reverse=True):
        text = text[: c.span[0]] + c.read + text[c.span[1] :]
    return text


def _alike(word: str, candidate: str) -> tuple[bool, int, int]:
    """How much a candidate agrees with a word: the same letters (two swapped), common prefix, common suffix."""
    prefix = next(
        (i for i, (a, b) in enumerate(zip(word, candidate, strict=False)) if a != b),
        min(len(word), len(candidate)),
    )
    suffix = next(
        (i for i, (a, b) in enumerate(zip(reversed(word), reversed(candidate), strict=False)) if a != b), 0
    )
    return sorted(word) == sorted(candidate), prefix, suffix


def unplaced(text: str, taken: list[tuple[int, int]], vocabulary: frozenset[str]) -> list[str]:
    """Words outside the taken spans that are neither in the vocabulary nor ordinary words."""
    words = []
    for m in WORD.finditer(text):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        folded = fold(m.group())
        unknown = (
            len(folded) >= 3 and folded not in vocabulary and not unit_word(folded) and not a_word(m.group())
        )
        if unknown and not ordinary_compound(folded, vocabulary):
            words.append(m.group())
    return words


def ordinary_compound(folded: str, vocabulary: frozenset[str]) -> bool:
    """'Teamrunde': a compound of two words, ending in an ordinary word that names nothing of the plant."""
    for cut in range(4, len(folded) - 3):
        head, tail = folded[:cut], folded[cut:]
        if tail not in vocabulary and ordinary(tail) and a_word(head.removesuffix("s")):
            return True
    return False
