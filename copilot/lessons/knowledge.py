"""The Lean knowledge base in lean_templates/knowledge: one YAML file per concept, German and English."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..config import REPO_ROOT

KNOWLEDGE = REPO_ROOT / "lean_templates" / "knowledge"
LEVELS = ("trainee", "operator", "coach")


@dataclass(frozen=True)
class QuizQuestion:
    """One multiple-choice question: the correct option is options[answer]."""

    id: str
    question: str
    options: tuple[str, ...]
    answer: int
    explanation: str

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of one quiz question."""
        return {
            "id": self.id,
            "question": self.question,
            "options": list(self.options),
            "answer": self.answer,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Concept:
    """One Lean concept in one language."""

    topic: str
    language: str
    title: str
    definition: str
    why: str
    example: str
    misconceptions: tuple[str, ...]
    levels: dict[str, str]
    quiz: tuple[QuizQuestion, ...]
    related: tuple[str, ...]


def _concept(topic: str, language: str, data: dict[str, Any], related: tuple[str, ...]) -> Concept:
    """A concept from its YAML entry in one language."""
    quiz = tuple(
        QuizQuestion(
            id=f"{topic}-{number}",
            question=item["question"],
            options=tuple(item["options"]),
            answer=int(item["answer"]),
            explanation=item["explanation"],
        )
        for number, item in enumerate(data["quiz"], start=1)
    )
    return Concept(
        topic=topic,
        language=language,
        title=data["title"],
        definition=data["definition"],
        why=data["why"],
        example=data["example"],
        misconceptions=tuple(data.get("misconceptions") or ()),
        levels=dict(data["levels"]),
        quiz=quiz,
        related=related,
    )


@cache
def _entries(folder: Path = KNOWLEDGE) -> dict[str, dict[str, Any]]:
    """Every concept file, read once, by topic."""
    entries = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries[data["topic"]] = data
    return entries


def topics() -> list[str]:
    """The topic keys of the knowledge base."""
    return list(_entries())


def concept(topic: str, language: str) -> Concept | None:
    """A concept in 'de' or 'en', or None when the knowledge base has no such topic."""
    data = _entries().get(topic)
    if data is None:
        return None
    language = "de" if language == "de" else "en"
    return _concept(topic, language, data[language], tuple(data.get("related") or ()))


def title(topic: str, language: str) -> str:
    """A topic's title in one language; the key itself when it is unknown."""
    data = _entries().get(topic)
    return data["de" if language == "de" else "en"]["title"] if data else topic
