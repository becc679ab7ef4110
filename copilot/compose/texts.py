"""Answers made of words: help, a short lesson, refusals and follow-up suggestions."""

from __future__ import annotations

from .context import Ctx

EXAMPLES = {
    "de": (
        "Welche Probleme hatte Linie 2 gestern?",
        "Warum schwankt die Taktzeit in Linie 3?",
        "Wie viel Strom hat Linie 4 gestern im Vergleich zu Montag verbraucht?",
        "OEE pro Linie letzte Woche",
        "Welche Station hatte die meisten Kurzstopps in Linie 3?",
        "Was ist Heijunka?",
    ),
    "en": (
        "Which problems did line 2 have yesterday?",
        "Why does the cycle time vary on line 3?",
        "How much power did line 4 use yesterday compared with Monday?",
        "OEE by line last week",
        "Which station had the most short stops on line 3?",
        "What is Heijunka?",
    ),
}


def help_answer(ctx: Ctx) -> None:
    """What the copilot can answer, with examples to tap."""
    ctx.answer.text = ctx.t(
        "Ich beantworte Fragen zu OEE, Verfügbarkeit, Stillständen, Taktzeit, Ausschuss, Rüsten und Energie "
        "der Linien – mit Zahl, Zeitraum und der SQL-Abfrage dahinter. Zum Beispiel:",
        "I answer questions about the lines' OEE, availability, downtime, cycle time, scrap, changeovers and "
        "energy – with the figure, the period and the SQL behind it. For example:",
    )
    ctx.answer.followups = list(EXAMPLES[ctx.lang])


def lesson_answer(ctx: Ctx) -> None:
    """A lesson with the plant's data and a quiz (imported here: lessons build on the composers)."""
    from ..lessons.lesson import lesson_answer as answer_with_lesson

    answer_with_lesson(ctx)


def message_answer(ctx: Ctx) -> None:
    """Refusals and questions back: the planner's messages, never a figure."""
    ctx.answer.text = " ".join(ctx.plan.messages) or ctx.t(
        "Das habe ich nicht verstanden.", "I did not understand that."
    )
    if ctx.plan.intent in ("out_of_scope", "clarify"):
        ctx.answer.followups = list(EXAMPLES[ctx.lang][:3])


def followups(ctx: Ctx) -> list[str]:
    """Questions that naturally come next."""
    if ctx.plan.intent in ("help", "lesson", "out_of_scope", "unknown_entity", "clarify"):
        return ctx.answer.followups
    suggestions = []
    if ctx.plan.intent != "why":
        suggestions.append(ctx.t("Warum?", "Why?"))
    if ctx.plan.intent != "trend":
        suggestions.append(ctx.t("Verlauf pro Tag", "Trend per day"))
    if ctx.plan.filters.lines != ("L1",):
        suggestions.append(ctx.t("Und Linie 1?", "And line 1?"))
    else:
        suggestions.append(ctx.t("Und Linie 2?", "And line 2?"))
    suggestions.append(ctx.t("Und letzte Woche?", "And last week?"))
    return suggestions
