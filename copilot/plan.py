"""The Plan: what a question asks for, independent of how it was understood."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .semantic.filters import Filters
from .timeframes import TimeWindow

INTENTS = (
    "value",  # one figure
    "compare",  # period against period, entity against entity, or against a reference (target, takt …)
    "share",  # what part of a measure a subset makes up
    "rank",  # which line / station / reason … is highest or lowest
    "trend",  # over days, weeks or shifts
    "breakdown",  # split by a dimension
    "overview",  # "which problems did line 2 have?"
    "latest",  # "when was the last stop on line 2?": the newest records, newest first
    "why",  # causes of an effect
    "lesson",  # "what is Heijunka?"
    "help",  # what can I ask?
    "out_of_scope",  # not about the plant's data
    "unknown_entity",  # a line, station or product that does not exist
    "clarify",  # understood in part; needs one more detail
    "normative",  # "which line uses too much energy?": against its target and its own normal
    "improve",  # "how can I cut changeover time?": where the loss sits, the method, the gain
    "whatif",  # "what if we halved changeover time?": a scenario recomputed from the period's rows
)


@dataclass(frozen=True)
class Plan:
    """A question understood: intent, metrics, filters, periods, comparison, grouping, ranking."""

    intent: str
    language: str
    metrics: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    periods: tuple[TimeWindow, ...] = ()
    comparison: str | None = None  # 'periods', 'entities' (lines, shifts, teams …) or 'reference'
    form: str | None = None  # 'difference', 'relative', 'points' or 'percent_of'; None shows both sides
    reference: str | None = None  # 'target', 'takt', 'ideal', 'standard' or 'bound'
    bound: float | None = None  # reference 'bound': the fixed value each group is held against ('über 80 %')
    unit: str | None = None  # a time figure asked in another unit: 'h', 'min' or 's' ('in Stunden')
    sense: str | None = None  # a difference asked in one direction: 'below', 'above', 'worse' or 'better'
    group_by: str | None = None
    within: str | None = None  # a grouping inside each of another: the top defect of *each line*
    ranking: str | None = None  # 'desc' or 'asc'
    limit: int | None = None
    part: Filters | None = None  # a share: what the part is restricted to beyond the whole
    part_metric: str | None = None  # a share of a sub-record: breakdowns of stops, good of all units
    total_first: bool = False  # 'alle Linien': the total before the groups
    per: str | None = None  # 'pro Schicht im Schnitt': the mean over each shift, day or week of the window
    winner: tuple[str, str] | None = None  # a ranking's top (dimension, id) for 'wie viele waren das?'
    before: tuple[TimeWindow, ...] = ()  # the windows of the question before, when a follow-up changed them
    before_lines: tuple[str, ...] = ()  # the lines of the question before, when a follow-up named others
    topic: str | None = None
    confidence: float = 1.0
    period_defaulted: bool = False
    messages: tuple[str, ...] = ()  # what to tell the user when there is nothing to compute
    choices: tuple[str, ...] = ()  # a question back: the readings to choose from, as questions
    corrections: tuple[tuple[str, str], ...] = ()  # words read as others: ('gestren', 'gestern')
    unplaced: tuple[str, ...] = ()  # words nothing understood, said in the answer
    notes: tuple[str, ...] = ()  # what the restatement adds: a name left out, a line filled in

    @property
    def next_planned(self) -> bool:
        """The records asked are the next ones planned ('der nächste geplante Auftrag'), oldest start first."""
        return self.ranking == "asc" and self.filters.statuses == ("planned",)

    def with_changes(self, **changes: Any) -> Plan:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description of the plan."""
        data = asdict(self)
        data["filters"] = self.filters.used()
        data["part"] = self.part.used() if self.part is not None else None
        data["corrections"] = [{"written": w, "read": r} for w, r in self.corrections]
        data["periods"] = [
            {"start": p.start.isoformat(), "end": p.end.isoformat(), "label": p.label(self.language)}
            | ({"shifts": list(p.own_shifts)} if p.own_shifts is not None else {})
            for p in self.periods
        ]
        return data
