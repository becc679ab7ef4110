"""Asking the sample plant's copilot as a user would: one conversation, its last answer."""

from __future__ import annotations

from typing import Any

from copilot.engine import Copilot, Session


def ask(copilot: Copilot, *questions: str) -> Any:
    """The answer to the last question of a conversation."""
    session = Session(copilot)
    for question in questions[:-1]:
        session.ask(question)
    return session.ask(questions[-1])


def split_figures(answer: Any) -> dict[str, float]:
    """The figure of each group a breakdown shows, by the group's name ('… – Frühschicht': 384)."""
    return {
        f.label.split(" – ")[-1]: f.value
        for f in answer.facts
        if isinstance(f.value, int | float) and " – " in f.label
    }
