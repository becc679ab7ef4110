"""Quizzes: shuffled multiple choice, scored with explanations; missed questions come back first."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from .knowledge import Concept, QuizQuestion
from .progress import Progress


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer given."""

    id: str
    chosen: int | None
    correct: bool
    right_option: str
    explanation: str


def shuffled(question: QuizQuestion, rng: random.Random) -> QuizQuestion:
    """The question as shown: options in a random order, the answer index following the right option."""
    order = list(range(len(question.options)))
    rng.shuffle(order)
    return replace(
        question, options=tuple(question.options[i] for i in order), answer=order.index(question.answer)
    )


def make_quiz(
    concept: Concept, size: int = 5, missed: set[str] | None = None, seed: int | None = None
) -> list[QuizQuestion]:
    """Up to `size` questions: the ones missed last time first, then the rest in a random order."""
    rng = random.Random(seed)
    missed = missed or set()
    questions = list(concept.quiz)
    rng.shuffle(questions)
    questions.sort(key=lambda q: q.id not in missed)
    return [shuffled(q, rng) for q in questions[:size]]


def score(items: list[QuizQuestion], chosen: dict[str, int | None]) -> list[Feedback]:
    """Feedback for each question; an unanswered question counts as wrong."""
    return [
        Feedback(
            id=item.id,
            chosen=chosen.get(item.id),
            correct=chosen.get(item.id) == item.answer,
            right_option=item.options[item.answer],
            explanation=item.explanation,
        )
        for item in items
    ]


def record(progress: Progress | None, learner: str, topic: str, feedback: list[Feedback]) -> None:
    """Keep a learner's answers, when there is a store and a name."""
    if progress is not None and learner.strip():
        progress.record(learner, topic, [(f.id, f.correct) for f in feedback])
