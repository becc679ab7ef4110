"""The Lean methods of lean_templates/methods.yaml: name and concrete steps in German and English."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from ..config import REPO_ROOT

METHODS_FILE = REPO_ROOT / "lean_templates" / "methods.yaml"


@cache
def _methods() -> dict[str, Any]:
    return yaml.safe_load(METHODS_FILE.read_text(encoding="utf-8"))


def method_name(key: str, language: str) -> str:
    """'SMED (Rüsten in einstelligen Minuten)'."""
    return str(_methods()[key]["name_de" if language == "de" else "name_en"])


def method_steps(key: str, language: str) -> list[str]:
    """The method's steps, in order."""
    return [str(s) for s in _methods()[key]["steps_de" if language == "de" else "steps_en"]]
