"""The hostile-input corpus under tests/hostile: its files, with each template filled by every combination of values."""

from __future__ import annotations

import itertools
import string
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).resolve().parent / "hostile"


def load(name: str) -> dict[str, Any]:
    """One corpus file as written."""
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


def expand(part: dict[str, Any]) -> list[str]:
    """The written cases, then every template with every combination of the values its placeholders name."""
    cases = list(part.get("cases") or [])
    values = part.get("values") or {}
    for template in part.get("templates") or []:
        names = [field for _, field, _, _ in string.Formatter().parse(template) if field]
        names = list(dict.fromkeys(names))
        for combination in itertools.product(*(values[n] for n in names)):
            cases.append(template.format(**dict(zip(names, combination, strict=True))))
    return list(dict.fromkeys(cases))


def ids(cases: list[str]) -> list[str]:
    """Short printable test ids."""
    return [case.encode("unicode_escape").decode("ascii")[:60] for case in cases]
