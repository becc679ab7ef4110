"""The copilot: a question in, an Answer out, through planner, semantic layer, guard and connector."""

from __future__ import annotations

import concurrent.futures
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from connectors.base import Connector, ConnectorError

from .answer import Answer
from .capabilities import Coverage
from .compose import compose
from .compose.context import Ctx
from .data_check import DataProblem, check_data, touched
from .entities import EntityCatalog
from .plan import Plan
from .planner.offline import OfflinePlanner
from .planner.vocab import slots, vocabulary
from .runner import QueryRunner
from .semantic.catalog import DIMENSION_BY_KEY
from .semantic.compile import UnsupportedQuery
from .sql_guard import GuardError
from .store.audit import AuditLog
from .store.warm_start import Prepared, prepared

ROLES = ("operator", "coach", "trainee")
CHECKS = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="data-check")
NO_CONTEXT = (
    "out_of_scope",
    "unknown_entity",
    "clarify",
    "help",
    "not_available",
)  # answers a follow-up cannot build on


class Copilot:
    """Answers questions about one plant's data; safe to share between sessions."""

    def __init__(
        self,
        connector: Connector,
        now: datetime | None = None,
        audit: AuditLog | None = None,
        cache: Path | None = None,
    ) -> None:
        """`cache`: a folder that keeps the catalogue of a DuckDB file between processes (None: build)."""
        self.connector = connector
        self.audit = audit
        self.now = now or connector.now()
        state, self.warm = prepared(connector, cache, _prepare)
        self.catalog = state.catalog
        self.coverage = Coverage.of(connector)
        self._problems = CHECKS.submit(check_data, connector)  # the contract's rules, checked once, meanwhile
        self.planner = OfflinePlanner(self.catalog, state.vocabulary, state.slots)

    def ask(
        self,
        question: str,
        role: str = "operator",
        language: str | None = None,
        context: Plan | None = None,
        session: str = "-",
        line: str | None = None,
    ) -> Answer:
        """Plan, query and compose the answer to one question; `line` is the asker's own line, if set.

        A question that fails is recorded before it raises.
        """
        started = time.perf_counter()
        try:
            return self._ask(question, role, language, context, session, started, line)
        except Exception as error:
            failed = Answer(question, language or "en", "error", text=type(error).__name__)
            failed.warnings.append(f"{type(error).__name__}: {str(error)[:200]}")
            failed.duration_ms = (time.perf_counter() - started) * 1000
            self._audit(failed, session, role if role in ROLES else "operator")
            raise

    def _ask(
        self,
        question: str,
        role: str,
        language: str | None,
        context: Plan | None,
        session: str,
        started: float,
        line: str | None = None,
    ) -> Answer:
        """The steps of ask."""
        plan = self.planner.plan(question, self.now, context, language, line)
        runner = QueryRunner(self.connector)
        ctx = Ctx.start(plan, question, runner, self.catalog, role if role in ROLES else "operator", self.now)
        answer = ctx.answer
        gap = self.coverage.gap(plan, question)
        try:
            if gap is None:
                compose(ctx)
            else:
                _not_available(ctx, gap.text(ctx.lang))
        except UnsupportedQuery as error:
            reduced = _without_the_split(plan, error)
            if reduced is None:
                _explain(ctx, error)
            else:  # 'availability per line, with the biggest loss category for each': the ranking, and why not the rest
                ctx = _composed_without(
                    error, Ctx.start(reduced, question, runner, self.catalog, ctx.role, self.now)
                )
                answer = ctx.answer
        except (ConnectorError, GuardError) as error:
            _explain(ctx, error)
        for problem in touched(self.data_problems, [e.sql for e in runner.evidence]):
            answer.warnings.append(problem.text(answer.language))
        answer.evidence = runner.evidence
        answer.duration_ms = (time.perf_counter() - started) * 1000
        self._audit(answer, session, ctx.role)
        return answer

    @property
    def data_problems(self) -> list[DataProblem]:
        """What the data check found (waits for it the first time)."""
        return self._problems.result()

    def _audit(self, answer: Answer, session: str, role: str) -> None:
        """Append to the audit trail; a store that cannot be written never costs the answer."""
        if self.audit is None:
            return
        try:
            self.audit.record(answer, session, role)
        except (sqlite3.Error, OSError):
            answer.warnings.append(
                "Das Audit-Protokoll konnte nicht geschrieben werden (COPILOT_STORE prüfen)."
                if answer.language == "de"
                else "The audit trail could not be written (check COPILOT_STORE)."
            )


def _prepare(connector: Connector) -> Prepared:
    """Read the plant's master data and derive the planner's words from it."""
    catalog = EntityCatalog.from_connector(connector)
    return Prepared(catalog, vocabulary(catalog), slots(), connector.schema())


def _not_available(ctx: Ctx, message: str) -> None:
    """What the source cannot answer, said plainly: no figure, no chart."""
    ctx.answer.intent = "not_available"
    ctx.answer.text = message
    ctx.answer.warnings.append(message)


def _without_the_split(plan: Plan, error: UnsupportedQuery) -> Plan | None:
    """A ranking inside groups whose inner split the measure cannot make: the groups themselves, ranked."""
    if plan.within is None or error.value not in (plan.group_by, plan.within):
        return None
    if error.value == plan.within:
        return plan.with_changes(within=None)
    return plan.with_changes(group_by=plan.within, within=None, limit=None)


def _composed_without(error: UnsupportedQuery, ctx: Ctx) -> Ctx:
    """The answer to the reduced plan, saying first which part of the question it leaves out."""
    try:
        compose(ctx)
        _left_out(ctx, error)
    except (ConnectorError, GuardError, UnsupportedQuery) as again:
        _explain(ctx, again)
    return ctx


def _left_out(ctx: Ctx, error: UnsupportedQuery) -> None:
    """The part of a question the measure cannot be split by, said before the rest of the answer."""
    name = ctx.dimension_name(error.value) if error.value in DIMENSION_BY_KEY else error.value
    message = ctx.t(
        f"{error.metric.label_de} lässt sich nicht nach „{name}“ aufteilen; das zeige ich nicht.",
        f"{error.metric.label_en} cannot be split by “{name}”; that part is not shown.",
    )
    ctx.answer.text = f"{message} {ctx.answer.text}"
    ctx.answer.warnings.append(message)


def _explain(ctx: Ctx, error: Exception) -> None:
    """A failure becomes a clear message and no figure."""
    ctx.answer.facts.clear()
    ctx.answer.chart = None
    if isinstance(error, ConnectorError):
        message = error.text(ctx.lang)
    elif isinstance(error, UnsupportedQuery):
        name = ctx.dimension_name(error.value) if error.value in DIMENSION_BY_KEY else error.value
        message = ctx.t(
            f"{error.metric.label_de} lässt sich nicht nach „{name}“ aufteilen.",
            f"{error.metric.label_en} cannot be split by “{name}”.",
        )
    else:
        message = ctx.t(
            "Die Abfrage wurde aus Sicherheitsgründen abgelehnt: ", "The query was refused for safety: "
        ) + str(error)
    ctx.answer.text = message
    ctx.answer.warnings.append(message)


@dataclass
class Session:
    """One person's conversation: follow-ups reuse the previous plan."""

    copilot: Copilot
    role: str = "operator"
    language: str | None = None
    line: str | None = None  # the asker's own line, for questions that name none
    history: list[Answer] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def ask(self, question: str) -> Answer:
        """Answer in the context of the conversation so far."""
        context = self.plans[-1] if self.plans else None
        answer = self.copilot.ask(question, self.role, self.language, context, self.id, self.line)
        self.remember(answer)
        return answer

    def remember(self, answer: Answer) -> None:
        """Keep an answer; its plan becomes the context of the next question unless it was a refusal."""
        self.history.append(answer)
        pending = answer.intent == "clarify" and answer.understood is not None and answer.understood.metrics
        if answer.understood is not None and (answer.intent not in NO_CONTEXT or pending):
            plan = answer.understood  # a question back with a measure waits for its line or period
            top = next(
                (f for f in answer.facts if f.unit == plan.group_by), None
            )  # a breakdown's highest too
            if plan.intent in ("rank", "breakdown") and plan.group_by and top is not None:
                plan = plan.with_changes(winner=(plan.group_by, str(top.value)))
            self.plans.append(plan)
