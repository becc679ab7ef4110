"""Answers as terminal text or JSON."""

from __future__ import annotations

import json

from .answer import Answer
from .formatting import quantity


def answer_json(answer: Answer) -> str:
    """The `--json` shape: one object."""
    return json.dumps(answer.to_dict(), ensure_ascii=False, indent=2, default=str)


def printed(answer: Answer, as_json: bool, show_sql: bool) -> str:
    """What `copilot ask` prints: the JSON object or the readable text."""
    return answer_json(answer) if as_json else answer_text(answer, show_sql=show_sql)


def answer_text(answer: Answer, show_sql: bool = False) -> str:
    """Readable text: the answer, its figures, warnings, and optionally the SQL."""
    lines = [answer.understood_text] if answer.understood_text else []
    lines.append(answer.text.replace("**", ""))
    for number, choice in enumerate(answer.choices, 1):
        lines.append(f"  {number}. {choice}")
    for fact in answer.facts[:8]:
        shown = (
            quantity(float(fact.value), fact.unit, answer.language)
            if isinstance(fact.value, int | float)
            else fact.value
        )
        lines.append(f"  • {fact.label}: {shown}")
    for warning in answer.warnings:
        lines.append(f"  ⚠ {warning}")
    if show_sql:
        for evidence in answer.evidence:
            lines.append(f"\n-- {evidence.purpose} ({evidence.row_count} rows)\n{evidence.sql}")
    if answer.followups:
        label = "Weiter" if answer.language == "de" else "Next"
        lines.append(f"{label}: " + " · ".join(answer.followups))
    return "\n".join(lines)
