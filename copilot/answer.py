"""The Answer: the only thing renderers (chat, CLI, A3) know about a question's result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fact:
    """One figure or finding, with what it covers."""

    label: str
    value: float | int | str
    unit: str  # 'kWh', 's', 'min', 'h', '%', 'kW', 'kWh/unit', 'count', or the kind of an identifier
    line: str | None = None  # 'L3', 'L1,L2', or None for the plant
    period: str | None = None  # the window's label
    key: str = ""  # metric key or identifier kind
    target: float | None = None
    direction: str = "neutral"


@dataclass(frozen=True)
class Evidence:
    """A query that was run, with its rows."""

    purpose: str
    sql: str
    columns: list[str]
    rows: list[list[Any]]
    row_count: int


@dataclass
class Answer:
    """Text, facts, evidence, chart and follow-ups for one question."""

    question: str
    language: str
    intent: str
    text: str = ""
    facts: list[Fact] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)
    chart: dict[str, Any] | None = None
    five_why: dict[str, Any] | None = None
    lesson: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None
    planner: str = "offline"  # who wrote the text: offline, llm, or template (ours, from the model's tools)
    restatement: dict[str, Any] | None = None  # what was understood: text, chips, corrections, choices
    duration_ms: float = 0.0
    understood: Any = field(default=None, repr=False, compare=False)  # the Plan, for follow-ups

    @property
    def understood_text(self) -> str:
        """'Verstanden: OEE · Linie 3 · gestern (…)', or nothing for messages without a plan."""
        return str((self.restatement or {}).get("text") or "")

    @property
    def choices(self) -> list[str]:
        """The readings a question back offers, as questions to ask."""
        return list((self.restatement or {}).get("choices") or [])

    @property
    def sql(self) -> list[str]:
        """Every statement run for this answer."""
        return [e.sql for e in self.evidence]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `copilot ask --json`."""
        data: dict[str, Any] = {
            "question": self.question,
            "language": self.language,
            "intent": self.intent,
            "answer": self.text,
            "facts": [asdict(f) for f in self.facts],
            "sql": self.sql,
            "warnings": self.warnings,
            "followups": self.followups,
            "evidence": [asdict(e) for e in self.evidence],
            "understood": {**(self.restatement or {}), "plan": self.plan},
            "plan": self.plan,
            "planner": self.planner,
            "duration_ms": round(self.duration_ms, 1),
        }
        for name in ("chart", "five_why", "lesson"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        return data
