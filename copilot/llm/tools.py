"""The model's tools: LangChain tools over the same library the offline planner uses."""

from __future__ import annotations

import difflib
import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from connectors.base import ConnectorError

from ..a3.build import build_a3
from ..a3.model import SECTIONS, A3Error
from ..a3.render import texts
from ..answer import Answer
from ..compose import compose
from ..compose.context import Ctx
from ..entities import KINDS
from ..plan import Plan
from ..planner.topics import TOPICS, find_topic
from ..runner import QueryRunner
from ..semantic.catalog import DIMENSION_BY_KEY, METRIC_BY_KEY
from ..semantic.compile import UnsupportedQuery
from ..semantic.filters import Filters
from ..sql_guard import GuardError
from ..timeframes import TimeWindow, default_window, find_timeframes
from .prompts import dimensions_text, metrics_text, quoted_data, render, tool_description

SQL_ROWS_TO_MODEL = 50
MAX_RESULT_CHARS = 16_000  # what one tool call sends back to the model, at most
CELL_CHARS = 200  # characters of one cell of a model query's rows sent to the model
FILTER_KINDS = {"line": "lines", "station": "stations", "product": "products", "family": "families",
                "shift": "shifts", "team": "teams", "supplier": "suppliers", "batch": "batches", "order": "orders", "reason": "reasons",
                "defect": "defects", "alarm": "alarms", "meter": "meters", "medium": "media"}  # fmt: skip


@dataclass
class Work:
    """What the tools did for one question: the shared runner (evidence), composed answers, SQL repairs."""

    copilot: Any  # the Copilot (catalog, connector, now)
    question: str
    language: str
    role: str
    repairs_left: int = 2
    runner: QueryRunner = field(init=False)
    answers: list[Answer] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    refusals: list[GuardError] = field(default_factory=list)
    tool_ms: float = 0.0  # time spent in the tools (queries, analyses)

    def __post_init__(self) -> None:
        """One runner per question, so all evidence is kept together."""
        self.runner = QueryRunner(self.copilot.connector)


class MetricArgs(BaseModel):
    """Arguments of query_metric."""

    metric: str = Field(description="metric key, e.g. oee, downtime, scrap_rate, energy")
    period: str | None = Field(default=None, description="e.g. 'last week', 'yesterday', '2025-11-19'")
    filters: dict[str, list[str]] = Field(
        default_factory=dict, description="kind -> ids, e.g. {'line': ['L3']}"
    )
    group_by: str | None = Field(default=None, description="a grouping such as line, station, reason, day")
    order: str | None = Field(default=None, description="'desc' or 'asc' to rank the groups")
    limit: int | None = Field(default=None, description="keep the first N groups")


class ProblemArgs(BaseModel):
    """Arguments of the why tools."""

    metric: str = Field(description="metric key of the problem, e.g. oee, cycle_time_cv, scrap_rate, energy")
    period: str | None = Field(default=None, description="e.g. 'yesterday', 'last week'")
    line: str | None = Field(default=None, description="line id, e.g. L2")


class SqlArgs(BaseModel):
    """Arguments of run_sql."""

    sql: str = Field(description="one read-only SELECT in DuckDB SQL")
    purpose: str = Field(default="", description="what the query finds out, in a few words")


class KindArgs(BaseModel):
    """Arguments of list_entities."""

    kind: str = Field(description="one of: " + ", ".join(KINDS))


class TopicArgs(BaseModel):
    """Arguments of give_lesson."""

    topic: str = Field(description="the Lean concept, e.g. heijunka")


class NoArgs(BaseModel):
    """No arguments."""


def build_tools(work: Work) -> list[BaseTool]:
    """The tools offered to the model for one question."""
    handlers: dict[str, tuple[type[BaseModel], Any]] = {
        "list_metrics": (NoArgs, lambda: _list_metrics(work)),
        "list_entities": (KindArgs, lambda kind: _list_entities(work, kind)),
        "query_metric": (MetricArgs, lambda **a: _query_metric(work, MetricArgs(**a))),
        "run_sql": (SqlArgs, lambda sql, purpose="": _run_sql(work, sql, purpose)),
        "explain_drivers": (ProblemArgs, lambda **a: _why(work, ProblemArgs(**a), "drivers")),
        "build_five_why": (ProblemArgs, lambda **a: _why(work, ProblemArgs(**a), "five_why")),
        "draft_a3": (ProblemArgs, lambda **a: _why(work, ProblemArgs(**a), "a3")),
        "give_lesson": (TopicArgs, lambda topic: _lesson(work, topic)),
    }
    return [
        StructuredTool.from_function(
            func=_counted(work, name, handler),
            name=name,
            description=tool_description(name),
            args_schema=schema,
        )
        for name, (schema, handler) in handlers.items()
    ]


def _counted(work: Work, name: str, handler: Any) -> Any:
    """Record the call; any library failure becomes a message for the model, never an exception."""

    def run(**arguments: Any) -> str:
        """Run the tool."""
        work.calls.append(name)
        started = time.perf_counter()
        try:
            return capped(str(handler(**arguments)))
        except (ConnectorError, UnsupportedQuery, GuardError, ValueError, TypeError, KeyError) as error:
            text = error.text("en") if isinstance(error, ConnectorError | GuardError) else str(error)
            return f"The tool failed: {text}"
        finally:
            work.tool_ms += (time.perf_counter() - started) * 1000

    return run


def capped(result: str) -> str:
    """A tool result cut to MAX_RESULT_CHARS, saying how much was left out."""
    if len(result) <= MAX_RESULT_CHARS:
        return result
    left = len(result) - MAX_RESULT_CHARS
    return f"{result[:MAX_RESULT_CHARS]}\n[cut: {left:,} more characters left out; ask for fewer rows or columns]"


def _short(cell: Any) -> Any:
    """A cell for the model: long texts cut to CELL_CHARS."""
    return cell[:CELL_CHARS] + "…" if isinstance(cell, str) and len(cell) > CELL_CHARS else cell


def _list_metrics(work: Work) -> str:
    """The metric catalogue and the groupings, for the model."""
    return f"Metrics:\n{metrics_text()}\nGroupings: {dimensions_text()}"


def _list_entities(work: Work, kind: str) -> str:
    """One kind's ids and names, quoted."""
    if kind not in KINDS:
        return f"Unknown kind {kind!r}.{_closest(kind, KINDS)} Kinds: {', '.join(KINDS)}."
    entities = work.copilot.catalog.entities(kind)
    rows = [[e.id, e.label_de if work.language == "de" else e.label_en] for e in entities]
    return quoted_data(f"{kind} list", ["id", "name"], rows, f"{len(rows)} {kind} entities:")


def _window(work: Work, period: str | None) -> TimeWindow:
    """The window a period phrase names, or the last 28 days."""
    if not period or not period.strip():
        return default_window(work.copilot.now)
    found = find_timeframes(period, work.copilot.now)
    if not found:
        raise ValueError(
            f"The period {period!r} was not understood; write e.g. 'last week', 'yesterday' or '2025-11-19'."
        )
    return found[0].window


def _filters(work: Work, given: dict[str, list[str]]) -> Filters:
    """Filters from kind -> ids, each id checked against the plant's entities."""
    kinds = {**{k: k for k in FILTER_KINDS}, **{v: k for k, v in FILTER_KINDS.items()}}
    values: dict[str, tuple[str, ...]] = {}
    for given_kind, ids in given.items():
        kind = kinds.get(given_kind)
        if kind is None:
            raise ValueError(f"Unknown filter {given_kind!r}.{_closest(given_kind, list(FILTER_KINDS))}")
        for identifier in ids:
            if work.copilot.catalog.get(kind, identifier) is None:
                known = [e.id for e in work.copilot.catalog.entities(kind)]
                raise ValueError(f"There is no {kind} {identifier!r}.{_closest(identifier, known)}")
        values[FILTER_KINDS[kind]] = tuple(ids)
    return Filters(**values)


def _metric(key: str) -> str:
    """A known metric key, or an error naming the closest ones."""
    if key not in METRIC_BY_KEY:
        raise ValueError(f"Unknown metric {key!r}.{_closest(key, list(METRIC_BY_KEY))} Call list_metrics.")
    return key


def _query_metric(work: Work, args: MetricArgs) -> str:
    """A Plan from the arguments, composed like an offline answer."""
    metric = _metric(args.metric)
    if args.group_by and args.group_by not in DIMENSION_BY_KEY:
        raise ValueError(
            f"Unknown grouping {args.group_by!r}.{_closest(args.group_by, list(DIMENSION_BY_KEY))}"
        )
    order = args.order if args.order in ("asc", "desc") else None
    intent = "value"
    if args.group_by in ("day", "week", "hour"):
        intent = "trend"
    elif args.group_by:
        intent = "rank" if order else "breakdown"
    plan = Plan(
        intent,
        work.language,
        metrics=(metric,),
        filters=_filters(work, args.filters),
        periods=(_window(work, args.period),),
        group_by=args.group_by,
        ranking=order,
        limit=args.limit if args.limit and args.limit > 0 else None,
    )
    return _result(work, _compose(work, plan))


def _why(work: Work, args: ProblemArgs, shape: str) -> str:
    """A why-answer, with its 5-Why tree or as an A3 draft."""
    filters = {"line": [args.line]} if args.line else {}
    plan = Plan(
        "why",
        work.language,
        metrics=(_metric(args.metric),),
        filters=_filters(work, filters),
        periods=(_window(work, args.period),),
    )
    answer = _compose(work, plan)
    if shape == "a3" and answer.five_why:
        answer.text = a3_text(work, answer)
    extra = ""
    if shape in ("five_why", "a3") and answer.five_why:
        extra = "\n5-Why tree:\n" + str(answer.five_why.get("markdown", ""))
    return _result(work, answer, extra)


def _lesson(work: Work, topic: str) -> str:
    """The knowledge base's lesson on a Lean topic."""
    key = topic if topic in TOPICS else find_topic(topic)
    if key is None:
        return f"No lesson on {topic!r}.{_closest(topic, list(TOPICS))} Topics: {', '.join(TOPICS)}."
    return _result(work, _compose(work, Plan("lesson", work.language, topic=key)))


def _compose(work: Work, plan: Plan) -> Answer:
    """Compose one sub-answer with the shared runner, so its evidence joins the question's."""
    ctx = Ctx.start(plan, work.question, work.runner, work.copilot.catalog, work.role, work.copilot.now)
    answer = ctx.answer
    compose(ctx)
    work.answers.append(answer)
    return answer


def _result(work: Work, answer: Answer, extra: str = "") -> str:
    """The composed text and facts, quoted: they contain names from the database."""
    rows = [[f.label, f.value, f.unit, f.line, f.period, f.target] for f in answer.facts]
    header = "Result (every figure below was computed by the plant's own KPI definitions):"
    facts = quoted_data("facts", ["label", "value", "unit", "line", "period", "target"], rows, header)
    text = quoted_data("summary", ["text"], [[answer.text + extra]])
    warnings = f"\nWarnings: {json.dumps(answer.warnings, ensure_ascii=False)}" if answer.warnings else ""
    return f"{facts}\n{text}{warnings}"


def _run_sql(work: Work, sql: str, purpose: str) -> str:
    """The model's own SELECT through the guard: quoted rows, or the refusal for repair."""
    if work.repairs_left < 0:
        return "run_sql is closed for this question: answer with the results you have."
    try:
        frame = work.runner.sql(sql, purpose or "model query")
    except GuardError as error:
        work.refusals.append(error)
        left = work.repairs_left
        work.repairs_left -= 1
        return render(
            "sql_repair.md",
            reason=error.reason,
            position=error.position,
            message=error.message,
            suggestions=error.suggestions,
            repairs_left=left,
        )
    evidence = work.runner.evidence[-1]
    shown = f" (first {SQL_ROWS_TO_MODEL} shown)" if len(frame) > SQL_ROWS_TO_MODEL else ""
    header = f"{len(frame)} rows{shown}:"
    rows = [[_short(cell) for cell in row] for row in evidence.rows[:SQL_ROWS_TO_MODEL]]
    return quoted_data("query result", evidence.columns, rows, header)


def a3_text(work: Work, answer: Answer) -> str:
    """The A3 the product drafts from a why-answer: its title and sections, without the SQL appendix."""
    try:
        a3 = build_a3(work.copilot, [answer], work.language)
    except A3Error as error:
        return f"{answer.text}\n\n{error.text(work.language)}"
    labels = texts(a3.language)
    return "\n\n".join([f"**{a3.title}**", *(f"**{labels[key]}**\n{a3.sections[key]}" for key in SECTIONS)])


def _closest(word: str, names: list[str] | tuple[str, ...]) -> str:
    """' Did you mean: a, b?' or nothing."""
    close = difflib.get_close_matches(word, list(names), n=3, cutoff=0.5)
    return f" Did you mean: {', '.join(close)}?" if close else ""


def facts_of(work: Work) -> list[dict[str, Any]]:
    """Every fact the tools produced, as dicts."""
    return [asdict(f) for a in work.answers for f in a.facts]
