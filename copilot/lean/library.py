"""The cause and countermeasure library of lean_templates/causes.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from ..config import REPO_ROOT

CAUSES_FILE = REPO_ROOT / "lean_templates" / "causes.yaml"
ISHIKAWA = {
    "Mensch": ("Mensch", "People"),
    "Maschine": ("Maschine", "Machine"),
    "Methode": ("Methode", "Method"),
    "Material": ("Material", "Material"),
    "Messung": ("Messung", "Measurement"),
    "Mitwelt": ("Mitwelt", "Environment"),
}


@dataclass(frozen=True)
class Countermeasure:
    """A Lean countermeasure with the reason it fits."""

    key: str
    text_de: str
    text_en: str
    reason_de: str
    reason_en: str

    def text(self, language: str) -> str:
        """'SMED workshop: … – Cuts changeover time directly.'"""
        return (
            f"{self.text_de} – {self.reason_de}" if language == "de" else f"{self.text_en} – {self.reason_en}"
        )


@cache
def _library() -> dict[str, Any]:
    return yaml.safe_load(CAUSES_FILE.read_text(encoding="utf-8"))


def cause(kind: str) -> dict[str, Any]:
    """The entry of a cause type: Ishikawa category, Gemba hypotheses, countermeasure keys."""
    return _library()["causes"][kind]


def cause_types() -> list[str]:
    """Every cause type in the library."""
    return list(_library()["causes"])


def countermeasures(kind: str) -> list[Countermeasure]:
    """The countermeasures that fit a cause type."""
    entries = _library()["countermeasures"]
    return [
        Countermeasure(key, e["de"], e["en"], e["reason_de"], e["reason_en"])
        for key in cause(kind)["countermeasures"]
        for e in (entries[key],)
    ]


def category_name(category: str, language: str) -> str:
    """'Maschine' / 'Machine'."""
    german, english = ISHIKAWA[category]
    return german if language == "de" else english
