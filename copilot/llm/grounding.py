"""Grounding: every number in the model's text must match a figure from the executed queries."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..answer import Evidence, Fact
from .claims import claimed_action
from .number_words import word_numbers

NUMBER = re.compile(r"(?<![\w])\d+(?:[.,]\d+)*")
LIST_MARKER = re.compile(r"(?m)^\s*(?:\d+[.)]|[-*•])\s+")
LEAN_TERMS = re.compile(r"(?i)\b(?:5[- ]?(?:why|warum|s)|a3|pdca)\b")
SCALES = (1.0, 100.0)  # ratios are often written as percentages
SHARE_TOLERANCE = 0.04  # 'die Hälfte' stands for 46 % to 54 %
PERCENT = re.compile(r"^\s*(?:%|prozent\b|percent\b|per cent\b)", re.IGNORECASE)
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


def numbers_with_kind(text: str) -> list[tuple[str, bool]]:
    """The number tokens of a text, each with whether a percent sign or word follows it."""
    text = LEAN_TERMS.sub(" ", LIST_MARKER.sub(" ", text))
    return [(m.group(0).rstrip(".,"), bool(PERCENT.match(text[m.end() :]))) for m in NUMBER.finditer(text)]


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


def matches(token: str, allowed: Iterable[float]) -> bool:
    """Does any reading of the token equal an allowed value, as written or rounded?"""
    candidates = [abs(v) * s for v in allowed for s in SCALES if math.isfinite(v)]
    for reading in readings(token):
        tolerance = 0.5 * 10 ** -decimals_of(token, reading) + 1e-9
        if any(abs(reading - c) <= tolerance for c in candidates):
            return True
    return False


def allowed_values(facts: Iterable[Fact], evidence: Iterable[Evidence]) -> tuple[list[float], set[str]]:
    """Numbers of facts and evidence cells, and the number tokens inside their texts."""
    values, tokens, cell_tokens = _allowed(facts, evidence)
    return values, tokens | cell_tokens


def _allowed(facts: Iterable[Fact], evidence: Iterable[Evidence]) -> tuple[list[float], set[str], set[str]]:
    """Numeric values; number tokens of the facts' texts; and the digits inside text cells (ids, timestamps)."""
    values: list[float] = []
    tokens: set[str] = set()
    cell_tokens: set[str] = set()
    for fact in facts:
        _collect(fact.value, values, tokens)
        _collect(fact.target, values, tokens)
        for text in (fact.label, fact.period, fact.line):
            _collect(text, values, tokens)
    for item in evidence:
        _collect(item.row_count, values, cell_tokens)
        for row in item.rows:
            for cell in row:
                if not (isinstance(cell, str) and re.search(r"\s", cell)):
                    _collect(cell, values, cell_tokens)  # free text typed at the line never grounds a figure
    return values, tokens, cell_tokens


def _collect(value: Any, values: list[float], tokens: set[str]) -> None:
    """Numbers as values, texts as number tokens."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int | float):
        values.append(float(value))
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
    values, tokens, cell_tokens = _allowed(facts, evidence)
    for trusted in texts:
        tokens.update(numbers_in(trusted))
    token_values = [v for t in tokens for v in readings(t)]
    cell_values = [v for t in cell_tokens for v in readings(t)]
    ungrounded = [
        t
        for t, percent in numbers_with_kind(text)
        if not _grounded(t, percent, values, tokens, token_values, cell_tokens, cell_values)
    ]
    for word in word_numbers(text):
        if word.share:
            ok = any(abs(abs(v) - word.value) <= SHARE_TOLERANCE for v in values if math.isfinite(v))
            ok = ok or any(
                abs(abs(v) / 100 - word.value) <= SHARE_TOLERANCE for v in [*values, *token_values]
            )
        else:
            token = f"{word.value:g}"
            ok = _grounded(token, word.percent, values, tokens, token_values, cell_tokens, cell_values)
        if not ok:
            ungrounded.append(word.written)
    return Grounding(ungrounded=tuple(ungrounded))


def _grounded(
    token: str,
    percent: bool,
    values: list[float],
    tokens: set[str],
    token_values: list[float],
    cell_tokens: set[str],
    cell_values: list[float],
) -> bool:
    """A number is grounded by a value, or a trusted text; a percentage never by digits inside ids or timestamps."""
    if token in tokens or matches(token, values) or matches(token, token_values):
        return True
    return not percent and (token in cell_tokens or matches(token, cell_values))
