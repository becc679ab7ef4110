"""Grounding: every number in the model's text must match a figure from the executed queries."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..answer import Evidence, Fact
from .claims import claimed_action
from .kinds import COUNT, SHARE, column_kind, compatible, fact_kind, written_kind
from .number_words import word_numbers

NUMBER = re.compile(r"(?<![\w])\d+(?:[.,]\d+)*")
LIST_MARKER = re.compile(r"(?m)^\s*(?:\d+[.)]|[-*•])\s+")
LEAN_TERMS = re.compile(r"(?i)\b(?:5[- ]?(?:why|warum|s)|a3|pdca)\b")
SCALES = (1.0, 100.0)  # ratios are often written as percentages
SHARE_TOLERANCE = 0.04  # 'die Hälfte' stands for 46 % to 54 %
MAX_TEXT = 3000
CHAT_MARKUP = re.compile(
    r"<\|[a-z_]+\|>|<(?:start|end)_of_turn>|</?s>|\[/?INST\]"
)  # a chat template leaking out


@dataclass(frozen=True)
class Grounding:
    """The verdict on a text: ungrounded number tokens, or why the text is unusable."""

    ungrounded: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when the text may be shown."""
        return not self.ungrounded and self.problem is None


def numbers_in(text: str) -> list[str]:
    """The number tokens of a text, without list markers and Lean names such as 5-Why or A3."""
    return [token for token, _ in numbers_with_kind(text)]


def numbers_with_kind(text: str) -> list[tuple[str, str | None]]:
    """The number tokens of a text, each with the kind its unit names ('74 %' → share, '12 Stopps' → count)."""
    text = LEAN_TERMS.sub(" ", LIST_MARKER.sub(" ", text))
    return [(m.group(0).rstrip(".,"), written_kind(text[m.end() :])) for m in NUMBER.finditer(text)]


def readings(token: str) -> set[float]:
    """Every value a token can mean in German or English notation ('1.234,5', '1,234.5', '85,3', '1.5')."""
    values = set()
    for thousands, decimal in ((",", "."), (".", ",")):
        whole, _, fraction = token.partition(decimal)
        groups = whole.split(thousands)
        if decimal in fraction or thousands in fraction or any(len(g) != 3 for g in groups[1:]):
            continue
        values.add(float("".join(groups) + ("." + fraction if fraction else "")))
    return values


def decimals_of(token: str, value: float) -> int:
    """How many decimals a reading shows."""
    text = f"{value:.10f}".rstrip("0")
    return 0 if text.endswith(".") else len(text.split(".")[1])


def matches(token: str, allowed: Iterable[float], kind: str | None = None) -> bool:
    """Does any reading of the token equal an allowed value, as written or rounded (a share also × 100)?"""
    scales = SCALES if kind in (SHARE, None) else (1.0,)
    candidates = [abs(v) * s for v in allowed for s in scales if math.isfinite(v)]
    for reading in readings(token):
        tolerance = 0.5 * 10 ** -decimals_of(token, reading) + 1e-9
        if any(abs(reading - c) <= tolerance for c in candidates):
            return True
    return False


@dataclass
class Allowed:
    """What may ground a number: values with their kinds, trusted number tokens, and digits inside text cells."""

    values: list[tuple[float, str | None]] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    cell_tokens: set[str] = field(default_factory=set)

    def of_kind(self, kind: str | None) -> list[float]:
        """The values a number of this kind may match: its own kind and values of no known kind."""
        return [v for v, k in self.values if compatible(kind, k)]

    @cached_property
    def token_values(self) -> list[float]:
        """Every reading of the trusted number tokens (read once all tokens are in)."""
        return [v for t in self.tokens for v in readings(t)]

    @cached_property
    def cell_values(self) -> list[float]:
        """Every reading of the digits inside text cells."""
        return [v for t in self.cell_tokens for v in readings(t)]


def allowed_values(facts: Iterable[Fact], evidence: Iterable[Evidence]) -> tuple[list[float], set[str]]:
    """Numbers of facts and evidence cells, and the number tokens inside their texts."""
    allowed = _allowed(facts, evidence)
    return [v for v, _ in allowed.values], allowed.tokens | allowed.cell_tokens


def _allowed(facts: Iterable[Fact], evidence: Iterable[Evidence]) -> Allowed:
    """Values with kinds (a fact's unit, a column's name); number tokens of the facts' texts; digits in text cells."""
    allowed = Allowed()
    for fact in facts:
        kind = fact_kind(fact.unit)
        _collect(fact.value, kind, allowed.values, allowed.tokens)
        _collect(fact.target, kind, allowed.values, allowed.tokens)
        for text in (fact.label, fact.period, fact.line):
            _collect(text, None, allowed.values, allowed.tokens)
    for item in evidence:
        _collect(item.row_count, COUNT, allowed.values, allowed.cell_tokens)
        kinds = [column_kind(str(name)) for name in item.columns]
        for row in item.rows:
            for index, cell in enumerate(row):
                if not (
                    isinstance(cell, str) and re.search(r"\s", cell)
                ):  # free text typed at the line never grounds
                    kind = kinds[index] if index < len(kinds) else None
                    _collect(cell, kind, allowed.values, allowed.cell_tokens)
    return allowed


def _collect(value: Any, kind: str | None, values: list[tuple[float, str | None]], tokens: set[str]) -> None:
    """Numbers as values of a kind, texts as number tokens."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int | float):
        values.append((float(value), kind))
    elif isinstance(value, str):
        tokens.update(numbers_in(value))
        tokens.update(re.findall(r"\d+", value))  # digits inside identifiers: 'L3', 'L3-S4'


def check(
    text: str, facts: Iterable[Fact], evidence: Iterable[Evidence], texts: Iterable[str] = ()
) -> Grounding:
    """Check a model text against facts, evidence and trusted texts (the question, composed answers, names)."""
    if not text or not re.search(r"[^\W\d_]{2,}", text):
        return Grounding(problem="empty")
    if len(text) > MAX_TEXT:
        return Grounding(problem="too_long")
    if CHAT_MARKUP.search(text):
        return Grounding(problem="markup")
    if claimed_action(text) is not None:
        return Grounding(problem="action_claim")
    allowed = _allowed(facts, evidence)
    for trusted in texts:
        allowed.tokens.update(numbers_in(trusted))
    ungrounded = [t for t, kind in numbers_with_kind(text) if not _grounded(t, kind, allowed)]
    for word in word_numbers(text):
        if word.share:
            shares = allowed.of_kind(SHARE)
            ok = any(abs(abs(v) - word.value) <= SHARE_TOLERANCE for v in shares if math.isfinite(v))
            ok = ok or any(
                abs(abs(v) / 100 - word.value) <= SHARE_TOLERANCE for v in [*shares, *allowed.token_values]
            )
        else:
            ok = _grounded(f"{word.value:g}", word.kind, allowed)
        if not ok:
            ungrounded.append(word.written)
    return Grounding(ungrounded=tuple(ungrounded))


def _grounded(token: str, kind: str | None, allowed: Allowed) -> bool:
    """A number is grounded by a value of its kind or a trusted text; one with a unit never by digits inside
    identifiers or timestamps."""
    if (
        token in allowed.tokens
        or matches(token, allowed.of_kind(kind), kind)
        or matches(token, allowed.token_values, kind)
    ):
        return True
    return kind is None and (token in allowed.cell_tokens or matches(token, allowed.cell_values))
