"""A lesson: the concept explained for the learner's role, shown on the plant's data, with a quiz."""

from __future__ import annotations

from typing import Any

from connectors.base import ConnectorError

from ..answer import Answer
from ..compose.context import Ctx
from ..plan import Plan
from ..runner import QueryRunner
from ..sql_guard import GuardError
from .diagrams import diagram
from .knowledge import Concept, concept, title
from .plant import ILLUSTRATIONS, Illustration
from .quiz import make_quiz

QUIZ_SIZE = 5
LEVEL_HEADINGS = {
    "trainee": ("Einfach erklärt", "In plain words"),
    "operator": ("An deiner Linie", "At your line"),
    "coach": ("Anwenden und messen", "How to apply and measure"),
}
SECTION_ORDER = {  # what each role reads first
    "trainee": ("definition", "level", "example", "plant", "misconceptions", "related"),
    "operator": ("definition", "level", "plant", "why", "misconceptions", "related"),
    "coach": ("definition", "why", "level", "plant", "example", "misconceptions", "related"),
}


def _sections(ctx: Ctx, found: Concept, illustration: Illustration | None) -> list[dict[str, str]]:
    """The lesson's sections in the order the role reads them."""
    t = ctx.t
    available = {
        "definition": (t(f"Was ist {found.title}?", f"What is {found.title}?"), found.definition),
        "level": (t(*LEVEL_HEADINGS[ctx.role]), found.levels[ctx.role]),
        "why": (t("Warum es zählt", "Why it matters"), found.why),
        "example": (t("Beispiel", "Example"), found.example),
        "misconceptions": (
            t("Häufige Irrtümer", "Common misconceptions"),
            "\n".join(f"- {item}" for item in found.misconceptions),
        ),
        "related": (
            t("Hängt zusammen mit", "Related concepts"),
            ", ".join(title(other, ctx.lang) for other in found.related),
        ),
    }
    if illustration is not None:
        available["plant"] = (illustration.heading, illustration.text)
    return [
        {"key": key, "heading": available[key][0], "text": available[key][1]}
        for key in SECTION_ORDER[ctx.role]
        if key in available and available[key][1]
    ]


def _illustration(ctx: Ctx, topic: str) -> Illustration | None:
    """The plant's data for the topic; a database that fails costs only this section."""
    make = ILLUSTRATIONS.get(topic)
    if make is None:
        return None
    try:
        return make(ctx)
    except (ConnectorError, GuardError) as error:
        ctx.answer.warnings.append(error.text(ctx.lang))
        return None


def build_lesson(
    ctx: Ctx, topic: str, missed: set[str] | None = None, seed: int | None = None
) -> dict[str, Any] | None:
    """The lesson JSON: {topic, title, level, sections, chart, diagram, quiz}; None for an unknown topic."""
    found = concept(topic, ctx.lang)
    if found is None:
        return None
    illustration = _illustration(ctx, topic)
    return {
        "topic": topic,
        "title": found.title,
        "level": ctx.role,
        "sections": _sections(ctx, found, illustration),
        "chart": illustration.chart if illustration else None,
        "diagram": None if illustration else diagram(found),
        "quiz": [item.to_dict() for item in make_quiz(found, QUIZ_SIZE, missed, seed)],
        "related": list(found.related),
    }


def lesson_answer(ctx: Ctx) -> None:
    """Answer 'Was ist Heijunka?' with a lesson for the asker's role."""
    topic = ctx.plan.topic or ""
    lesson = build_lesson(ctx, topic)
    if lesson is None:
        from .definitions import definition_lesson

        lesson = definition_lesson(ctx, topic)
    if lesson is None:
        ctx.answer.text = ctx.t("Dazu habe ich noch keine Lektion.", "I have no lesson on that yet.")
        return
    ctx.answer.lesson = lesson
    ctx.answer.chart = lesson["chart"]
    first = lesson["sections"][0]["text"]
    plant = next((s["text"] for s in lesson["sections"] if s["key"] == "plant"), "")
    ctx.answer.text = f"**{lesson['title']}** – {first}" + (f"\n\n{plant}" if plant else "")
    ctx.answer.followups = [
        ctx.t(f"Was ist {title(other, 'de')}?", f"What is {title(other, 'en')}?")
        for other in lesson["related"][:3]
    ]


def teach(
    copilot: Any,
    topic: str,
    role: str,
    language: str,
    missed: set[str] | None = None,
    seed: int | None = None,
) -> Answer:
    """A lesson on a topic chosen from a list rather than asked: the Learn page's entry point."""
    plan = Plan("lesson", "de" if language == "de" else "en", topic=topic)
    runner = QueryRunner(copilot.connector)
    level = role if role in LEVEL_HEADINGS else "trainee"
    ctx = Ctx.start(plan, title(topic, plan.language), runner, copilot.catalog, level, copilot.now)
    answer = ctx.answer
    answer.lesson = build_lesson(ctx, topic, missed, seed)
    answer.chart = answer.lesson["chart"] if answer.lesson else None
    answer.evidence = runner.evidence
    return answer
