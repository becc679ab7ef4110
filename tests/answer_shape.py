"""What must be the same when two engines answer one question: facts, ranked causes, kind and figures."""

from __future__ import annotations

import math
from typing import Any

from copilot.answer import Answer

RELATIVE = 1e-9


def shape(answer: Answer) -> dict[str, Any]:
    """The comparable parts of an answer: intent, facts, the why-tree's causes in rank order, warnings."""
    return {
        "intent": answer.intent,
        "facts": [
            (f.label, f.unit, f.line, f.period, f.key, f.value, f.target, f.direction) for f in answer.facts
        ],
        "causes": _causes(answer.five_why["tree"]) if answer.five_why else [],
        "warnings": list(answer.warnings),
        "text": answer.text,
    }


def differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Where got differs from expected; numbers may differ by a relative 1e-9."""
    found = []
    for key in expected:
        if not _same(expected[key], got[key]):
            found.append(_difference(key, expected[key], got[key]))
    return found


def _difference(key: str, expected: Any, got: Any) -> str:
    """The differing part of two values: for texts, from where they part, for the rest, both in full."""
    if isinstance(expected, str) and isinstance(got, str):
        start = next(
            (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
            min(len(expected), len(got)),
        )
        start = max(0, start - 40)
        return (
            f"{key} from character {start}: {expected[start : start + 240]!r} != {got[start : start + 240]!r}"
        )
    return f"{key}: {expected!r} != {got!r}"[:1200]


def _causes(node: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """Depth-first statements of the 5-Why tree: the ranked causes and their evidence."""
    return [(node["statement"], node["category"], node["root"])] + [
        c for child in node["children"] for c in _causes(child)
    ]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=RELATIVE, abs_tol=1e-12)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
