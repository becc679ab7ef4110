"""Questions the copilot refuses before planning: SQL, instructions to it, changes, blame, other languages."""

from __future__ import annotations

import re

SQL_WORDS = (
    "select|selec|with|insert|update|delete|drop|create|alter|truncate|pragma|attach|detach|copy|install|load|"
    "call|set|reset|export|import|describe|summarize|explain|show|vacuum|checkpoint|begin|commit|rollback|use|merge"
)
ONLY_SQL = "truncate|pragma|attach|detach|vacuum|checkpoint|summarize|install|insert|drop|alter|merge|selec"
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?is)^\s*({SQL_WORDS})\b.*(\bfrom\b|\btable\b|\binto\b|\bdatabase\b|;|\*|=|\bvalues\b|\bto\s+')"), "sql"),
    (re.compile(rf"(?is)^\s*({ONLY_SQL})\b"), "sql"),
    (re.compile(r"(?is)^\s*(describe|summarize|show)\s+\w+\s*;?\s*$|^\s*explain\s+(select|with)\b"), "sql"),
    (re.compile(r"(?i)(drop\s+table|delete\s+from|insert\s+into|\btruncate\s|</?sql>|;\s*--|\bunion\s+select\b)"), "sql"),
    (re.compile(r"(?i)\b(ignore|ignoriere|vergiss|forget|disregard|missachte)\b.{0,40}\b(instructions?|anweisungen|regeln|rules|prompt)"), "injection"),
    (re.compile(r"(?i)(system\s?prompt|developer mode|entwicklermodus|you are now|du bist jetzt|pretend|tu so als|\bact as\b|jailbreak|\{\{|\$\{|<script)"), "injection"),
    (re.compile(r"(?i)\b(lösche|loesche|löschen|delete|deletes|ändere|aendere|ändern|change the|set the|setze|approve|genehmige|insert a|schreib eine e-?mail|send an e-?mail|book me)\b"), "change"),
    (re.compile(r"(?i)\b(wer ist schuld|who is to blame|wessen schuld|whose fault|best employee|bester mitarbeiter|schlechtester mitarbeiter)"), "blame"),
)  # fmt: skip
FOREIGN = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "est",
        "quel",
        "quelle",
        "quels",
        "ligne",
        "temps",
        "fait",
        "il",
        "qu'est",
        "el",
        "los",
        "las",
        "qué",
        "cuál",
        "cual",
        "es",
        "línea",
        "tiempo",
        "hace",
        "hoy",
        "della",
        "linea",
        "è",
        "qual",
        "di",
        "jest",
        "czas",
        "linii",
        "cyklu",
        "jaki",
        "hoe",
        "laat",
        "het",
        "wat",
        "weer",
        "een",
    ]
)
NATIVE = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "the",
        "and",
        "of",
        "what",
        "which",
        "how",
        "line",
        "linie",
        "wie",
        "was",
        "welche",
    ]
)


def refusal(text: str) -> str | None:
    """The refusal message key for a question, or None when it may be planned."""
    for pattern, key in RULES:
        if pattern.search(text):
            return key
    return "language" if foreign_language(text) else None


def foreign_language(text: str) -> bool:
    """A question in French, Spanish, Italian, Polish, Dutch or a non-Latin script."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return False
    non_latin = sum(not re.fullmatch(r"[a-zäöüßàâçéèêëîïôûùüÿñæœáíóúìò']+", w) for w in words)
    if non_latin > len(words) / 2:
        return True
    foreign = sum(w in FOREIGN for w in words)
    return foreign >= 2 and foreign > sum(w in NATIVE for w in words)
