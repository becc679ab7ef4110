"""The Plan: what a question asks for, independent of how it was understood."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .semantic.filters import Filters
from .timeframes import TimeWindow

INTENTS = (
    "value",  # one figure
    "compare",  # period against period, line against line, or against the target
    "rank",  # which line / station / reason … is highest or lowest
    "trend",  # over days, weeks or shifts
    "breakdown",  # split by a dimension
    "overview",  # "which problems did line 2 have?"
    "why",  # causes of an effect
    "lesson",  # "what is Heijunka?"
    "help",  # what can I ask?
    "out_of_scope",  # not about the plant's data
    "unknown_entity",  # a line, station or product that does not exist
    "clarify",  # understood in part; needs one more detail
)


@dataclass(frozen=True)
class Plan:
    """A question understood: intent, metrics, filters, periods, comparison, grouping, ranking."""

    intent: str
    language: str
    metrics: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    periods: tuple[TimeWindow, ...] = ()
    comparison: str | None = None  # 'periods', 'lines', 'target'
    group_by: str | None = None
    ranking: str | None = None  # 'desc' or 'asc'
    limit: int | None = None
    topic: str | None = None
    confidence: float = 1.0
    period_defaulted: bool = False
    messages: tuple[str, ...] = ()  # what to tell the user when there is nothing to compute

    def with_changes(self, **changes: Any) -> Plan:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description of the plan."""
        data = asdict(self)
        data["filters"] = self.filters.used()
        data["periods"] = [
            {"start": p.start.isoformat(), "end": p.end.isoformat(), "label": p.label(self.language)}
            for p in self.periods
        ]
        return data
