"""The evaluation set: questions with gold SQL or an expected refusal, scored by category."""

from __future__ import annotations

import math
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from connectors.base import Connector

from .answer import Answer
from .engine import Copilot, Session

REFUSALS = frozenset({"out_of_scope", "unknown_entity", "clarify"})
RELATIVE_TOLERANCE = 0.005
ABSOLUTE_TOLERANCE = 0.05


@dataclass(frozen=True)
class Case:
    """One question of the evaluation set and what a correct answer holds."""

    id: str
    category: str
    question: str
    expect: dict[str, Any]
    context: tuple[str, ...] = ()
    role: str = "operator"


@dataclass
class Outcome:
    """How the copilot did on one case."""

    case: Case
    passed: bool
    reason: str
    seconds: float
    answer: Answer | None = field(default=None, repr=False)


def load_cases(folder: Path) -> list[Case]:
    """Every case from the YAML files of a folder, in file order."""
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append(
                Case(
                    id=str(item["id"]),
                    category=str(item["category"]),
                    question=str(item["question"]),
                    expect=dict(item["expect"]),
                    context=tuple(item.get("context", ())),
                    role=str(item.get("role", "operator")),
                )
            )
    return cases


def run_case(copilot: Copilot, connector: Connector, case: Case) -> Outcome:
    """Ask the case's conversation and score the last answer."""
    session = Session(copilot, role=case.role)
    for earlier in case.context:
        session.ask(earlier)
    started = time.perf_counter()
    answer = session.ask(case.question)
    seconds = time.perf_counter() - started
    passed, reason = score(answer, case.expect, connector)
    return Outcome(case, passed, reason, seconds, answer)


def score(answer: Answer, expect: dict[str, Any], connector: Connector) -> tuple[bool, str]:
    """Whether the answer holds what the case expects, and why not."""
    if "intent" in expect and answer.intent != expect["intent"]:
        return False, f"intent {answer.intent}, expected {expect['intent']}"
    if expect.get("refusal"):
        numbers = [f for f in answer.facts if isinstance(f.value, int | float)]
        if answer.intent not in REFUSALS or numbers:
            return False, f"expected a refusal, got {answer.intent} with {len(numbers)} figures"
        return True, "refused"
    if "topic" in expect:
        topic = (answer.lesson or {}).get("topic")
        return topic == expect["topic"], f"topic {topic}"
    if "gold_sql" in expect:
        return _compare_gold(answer, expect, connector)
    return True, "intent"


def _compare_gold(answer: Answer, expect: dict[str, Any], connector: Connector) -> tuple[bool, str]:
    """facts[0].value against the first cell of the gold query."""
    gold_frame = connector.execute(expect["gold_sql"])
    if gold_frame.empty:
        return False, "gold query returned no rows"
    gold = gold_frame.iloc[0, 0]
    if not answer.facts:
        return False, f"no facts; gold {gold}"
    got = answer.facts[0].value
    if isinstance(gold, str) or isinstance(got, str):
        return str(got) == str(gold), f"{got} vs gold {gold}"
    tolerance = max(
        ABSOLUTE_TOLERANCE * float(expect.get("tolerance_scale", 1)), abs(float(gold)) * RELATIVE_TOLERANCE
    )
    ok = not math.isnan(float(gold)) and abs(float(got) - float(gold)) <= tolerance
    return ok, f"{got} vs gold {float(gold):.4f}"


@dataclass
class Report:
    """Accuracy per category and latency."""

    outcomes: list[Outcome]

    @property
    def accuracy(self) -> float:
        """Share of cases passed."""
        return sum(o.passed for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    def by_category(self) -> dict[str, tuple[int, int]]:
        """(passed, total) per category."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for outcome in self.outcomes:
            table[outcome.case.category][0] += outcome.passed
            table[outcome.case.category][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(table.items())}

    def latency_ms(self) -> tuple[float, float]:
        """Median and 95th percentile of the answer time."""
        times = sorted(o.seconds * 1000 for o in self.outcomes)
        if not times:
            return 0.0, 0.0
        return statistics.median(times), times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]

    def table(self) -> str:
        """A Markdown table of the results."""
        rows = ["| category | passed | total | accuracy |", "|---|---|---|---|"]
        for category, (passed, total) in self.by_category().items():
            rows.append(f"| {category} | {passed} | {total} | {passed / total:.1%} |")
        passed = sum(o.passed for o in self.outcomes)
        rows.append(f"| **all** | {passed} | {len(self.outcomes)} | {self.accuracy:.1%} |")
        p50, p95 = self.latency_ms()
        rows.append(f"\nlatency per question: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        return "\n".join(rows)

    def failures(self) -> list[str]:
        """One line per failed case."""
        return [
            f"{o.case.id} [{o.case.category}] {o.case.question!r}: {o.reason}"
            for o in self.outcomes
            if not o.passed
        ]


def evaluate(copilot: Copilot, connector: Connector, cases: list[Case]) -> Report:
    """Run every case."""
    return Report([run_case(copilot, connector, case) for case in cases])
