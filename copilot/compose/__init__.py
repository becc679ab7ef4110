"""Composers: a Plan and its query results become an Answer."""

from __future__ import annotations

from collections.abc import Callable

from ..advisor.compose import ADVICE_COMPOSERS
from .causes import overview
from .context import DISPLAY_UNIT, Ctx
from .figures import compare, grouped, share, trend, value
from .latest import latest
from .texts import followups, help_answer, lesson_answer, message_answer
from .why import why

COMPOSERS: dict[str, Callable[[Ctx], None]] = {
    "value": value,
    "compare": compare,
    "share": share,
    "rank": grouped,
    "breakdown": grouped,
    "trend": trend,
    "overview": overview,
    "latest": latest,
    "why": why,
    "help": help_answer,
    "lesson": lesson_answer,
    "out_of_scope": message_answer,
    "unknown_entity": message_answer,
    "clarify": message_answer,
    **ADVICE_COMPOSERS,
}


def compose(ctx: Ctx) -> None:
    """Fill ctx.answer for the plan's intent."""
    token = DISPLAY_UNIT.set(ctx.plan.unit)
    try:
        COMPOSERS[ctx.plan.intent](ctx)
        ctx.answer.followups = ctx.answer.followups or followups(ctx)
    finally:
        DISPLAY_UNIT.reset(token)
