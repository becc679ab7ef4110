"""Routing: the offline planner answers when it is confident; the model takes the rest, grounded or not at all."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from connectors.base import ConnectorError

from ..answer import Answer, Evidence, Fact
from ..engine import ROLES
from ..formatting import number
from ..plan import Plan
from ..sql_guard import GuardError
from . import agent, grounding
from .claims import safe_markdown
from .prompts import system_prompt
from .settings import LLMSettings
from .tools import Work, build_tools

log = logging.getLogger(__name__)
CONFIDENT = 0.5
HISTORY = 2  # earlier exchanges of the conversation the model sees
TABLE_ROWS = 10
FAILURES = {
    "timeout": ("Das Sprachmodell hat nicht rechtzeitig geantwortet (Zeitlimit COPILOT_LLM_TIMEOUT_S = {limit} s).",
                "The language model did not answer in time (time limit COPILOT_LLM_TIMEOUT_S = {limit} s)."),
    "unreachable": ("Das Sprachmodell ist nicht erreichbar (OPENAI_BASE_URL prüfen, `copilot doctor`).",
                    "The language model cannot be reached (check OPENAI_BASE_URL, `copilot doctor`)."),
    "http": ("Das Sprachmodell hat mit einem Fehler geantwortet ({detail}).",
             "The language model answered with an error ({detail})."),
    "garbage": ("Die Antwort des Sprachmodells war unbrauchbar.", "The language model's reply was unusable."),
    "tokens": ("Das Sprachmodell hat das Token-Limit der Frage erreicht (COPILOT_LLM_MAX_TOTAL_TOKENS).",
               "The language model reached the question's token limit (COPILOT_LLM_MAX_TOTAL_TOKENS)."),
    "steps": ("Das Sprachmodell hat die Schrittgrenze erreicht (COPILOT_LLM_MAX_STEPS).",
              "The language model reached the step limit (COPILOT_LLM_MAX_STEPS)."),
    "truncated": ("Die Antwort des Sprachmodells brach an der Längengrenze ab (COPILOT_LLM_MAX_TOKENS).",
                  "The language model's reply was cut off at the length limit (COPILOT_LLM_MAX_TOKENS)."),
    "markup": ("Die Antwort des Sprachmodells war unbrauchbar (Steuerzeichen der Chat-Vorlage).",
               "The language model's reply was unusable (chat template markup)."),
    "empty": ("Das Sprachmodell hat keinen verwertbaren Text geliefert.", "The language model gave no usable text."),
    "too_long": ("Die Antwort des Sprachmodells war zu lang.", "The language model's reply was too long."),
    "ungrounded": ("Die Formulierung des Sprachmodells enthielt Zahlen, die in keiner Abfrage vorkommen ({detail}); "
                   "die Antwort stammt direkt aus den Daten.",
                   "The language model's wording had figures that no query produced ({detail}); "
                   "the answer comes straight from the data."),
    "action_claim": ("Das Sprachmodell behauptete, etwas getan oder geändert zu haben. Der Copilot liest nur und "
                     "ändert, bucht, löscht oder sendet nie etwas; seine Antwort wird nicht gezeigt.",
                     "The language model claimed to have done or changed something. The copilot only reads and "
                     "never changes, books, deletes or sends anything; its reply is not shown."),
    "error": ("Im Sprachmodell-Modus ist ein Fehler aufgetreten ({detail}).",
              "Language-model mode failed ({detail})."),
}  # fmt: skip
FALLBACK = (" Hier die Antwort ohne Sprachmodell.", " Here is the answer without the language model.")


@dataclass
class Trace:
    """What the model did for the last question: for the closing note, the bench and the tests."""

    routed: str = "offline"  # 'offline', 'llm', 'template', 'fallback'
    round_trips: int = 0
    model_ms: float = 0.0  # waiting for the model (HTTP and the client included)
    tool_ms: float = 0.0  # the tools' queries and analyses
    total_ms: float = 0.0
    failure: str | None = None
    tools: list[str] = field(default_factory=list)


def confident(plan: Plan) -> bool:
    """The offline planner's plan is taken as it is: everything but low-confidence refusals and questions back."""
    return plan.intent != "clarify" and plan.confidence >= CONFIDENT


def ask_with_model(
    copilot: Any,
    question: str,
    role: str = "operator",
    language: str | None = None,
    context: Plan | None = None,
    session: str = "-",
    settings: LLMSettings | None = None,
    trace: Trace | None = None,
    history: Sequence[Answer] = (),
    line: str | None = None,
) -> Answer:
    """Answer offline when the planner is confident or no model is configured; else ask the model, grounded.

    `history` is the conversation so far: the model sees its latest exchanges, and may repeat their figures.
    """
    settings = settings or LLMSettings.from_env()
    trace = trace if trace is not None else Trace()
    role = role if role in ROLES else "operator"
    started = time.perf_counter()
    plan = copilot.planner.plan(question, copilot.now, context, language, line)
    if not settings.configured or confident(plan):
        return copilot.ask(question, role, language, context, session, line)
    try:
        answer = _model_answer(
            copilot, question, role, plan.language, context, session, settings, trace, history[-HISTORY:]
        )
    except (
        ConnectorError,
        GuardError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        RuntimeError,
    ) as error:
        log.warning("language-model mode failed: %r", error)
        trace.failure = "error"
        answer = _fallback(
            copilot, question, role, language, context, session, "error", type(error).__name__, settings
        )
        trace.routed = "fallback"
    trace.total_ms = (time.perf_counter() - started) * 1000
    answer.duration_ms = trace.total_ms
    return answer


def _model_answer(
    copilot: Any,
    question: str,
    role: str,
    lang: str,
    context: Plan | None,
    session: str,
    settings: LLMSettings,
    trace: Trace,
    history: Sequence[Answer] = (),
) -> Answer:
    """The model's grounded text, else the template built from its tool work, else the offline answer."""
    work = Work(copilot, question, lang, role, repairs_left=settings.max_repairs)
    system = system_prompt(copilot.catalog, copilot.now, lang, role, settings.max_steps, settings.max_repairs)
    earlier = [(said.question, said.text) for said in history if said.text]
    outcome = agent.run(settings, system, question, build_tools(work), lang, earlier)
    trace.round_trips, trace.model_ms, trace.tools = outcome.round_trips, outcome.model_ms, list(work.calls)
    trace.tool_ms = work.tool_ms
    facts = [f for a in work.answers for f in a.facts]
    evidence = list(work.runner.evidence)
    failure, detail = outcome.failure, outcome.detail
    if outcome.text is not None and failure is None:
        shown = safe_markdown(outcome.text)  # no images, HTML or links to outside addresses
        trusted = [*_trusted_texts(copilot, question, work), *(text for _, text in earlier)]
        verdict = grounding.check(shown, facts, evidence, trusted)
        if verdict.ok:
            trace.routed = "llm"
            return _finish(copilot, _answer(work, question, lang, shown, facts, evidence), session, role)
        failure, detail = ("ungrounded", ", ".join(verdict.ungrounded)) if verdict.problem is None else (
            verdict.problem, "")  # fmt: skip
    trace.failure = failure
    if failure == "action_claim":  # a false claim is not softened into a template: the plain offline answer
        trace.routed = "fallback"
        return _fallback(copilot, question, role, lang, context, session, failure, detail, settings)
    if work.answers or evidence:
        trace.routed = "template"
        answer = _answer(work, question, lang, _template(work, lang, evidence), facts, evidence)
        answer.planner = "template"  # the text shown is the product's own, built from the model's tool calls
        answer.warnings.append(_message(lang, failure or "empty", detail, settings, fallback=False))
        return _finish(copilot, answer, session, role)
    trace.routed = "fallback"
    return _fallback(copilot, question, role, lang, context, session, failure or "empty", detail, settings)


def _answer(
    work: Work, question: str, lang: str, text: str, facts: list[Fact], evidence: list[Evidence]
) -> Answer:
    """An Answer of the model's work: its text, every fact and query, the richest parts of the sub-answers."""
    last = work.answers[-1] if work.answers else None
    answer = Answer(
        question,
        lang,
        last.intent if last else "open",
        text=text,
        facts=facts,
        evidence=evidence,
        plan=last.plan if last else None,
        planner="llm",
        understood=last.understood if last else None,
    )
    for sub in work.answers:
        answer.warnings.extend(w for w in sub.warnings if w not in answer.warnings)
        for name in ("chart", "five_why", "lesson"):
            if getattr(sub, name) is not None:
                setattr(answer, name, getattr(sub, name))
    answer.followups = last.followups if last else []
    if work.refusals:
        answer.warnings.append(_refusal_note(work, lang))
    return answer


def _template(work: Work, lang: str, evidence: list[Evidence]) -> str:
    """The composed texts of the tools' answers, or the rows of the model's own queries as a small table."""
    if work.answers:
        return "\n\n".join(a.text for a in work.answers if a.text)
    item = evidence[-1]
    head = "| " + " | ".join(item.columns) + " |\n|" + "---|" * len(item.columns)
    rows = ["| " + " | ".join(_cell(v, lang) for v in row) + " |" for row in item.rows[:TABLE_ROWS]]
    lead = (
        f"Die Abfrage ergab {item.row_count} Zeilen:"
        if lang == "de"
        else f"The query returned {item.row_count} rows:"
    )
    return "\n".join([lead, "", head, *rows])


def _cell(value: Any, lang: str) -> str:
    """A table cell: numbers in the reader's notation, text without table breaks."""
    if isinstance(value, float):
        return number(value, lang, 2)
    return str(value).replace("|", "/").replace("\n", " ") if value is not None else "–"


def _refusal_note(work: Work, lang: str) -> str:
    """Which statements of the model the guard refused."""
    reasons = ", ".join(dict.fromkeys(e.reason for e in work.refusals))
    return (
        f"Der SQL-Wächter hat {len(work.refusals)} Abfrage(n) des Sprachmodells abgelehnt ({reasons})."
        if lang == "de"
        else f"The SQL guard refused {len(work.refusals)} statement(s) proposed by the language model ({reasons})."
    )


def _trusted_texts(copilot: Any, question: str, work: Work) -> list[str]:
    """Texts whose numbers the model may repeat: the question, the composed answers, line and station names."""
    names = [
        label
        for kind in ("line", "station", "shift", "team")
        for e in copilot.catalog.entities(kind)
        for label in (e.label_de, e.label_en)
    ]
    return [question, *(a.text for a in work.answers), *names]


def _message(lang: str, failure: str, detail: str, settings: LLMSettings, fallback: bool = True) -> str:
    """The user's explanation of why the model's text is not shown."""
    de, en = FAILURES.get(failure, FAILURES["error"])
    values = {"limit": f"{settings.timeout_s:g}", "detail": detail or failure}
    text = (de if lang == "de" else en).format(**values)
    return text + (FALLBACK[0] if lang == "de" else FALLBACK[1]) if fallback else text


def _fallback(
    copilot: Any,
    question: str,
    role: str,
    language: str | None,
    context: Plan | None,
    session: str,
    failure: str,
    detail: str,
    settings: LLMSettings,
) -> Answer:
    """The offline answer with a clear note of what went wrong with the model."""
    answer: Answer = copilot.ask(question, role, language, context, session)
    answer.warnings.insert(0, _message(answer.language, failure, detail, settings))
    return answer


def _finish(copilot: Any, answer: Answer, session: str, role: str) -> Answer:
    """Write the model's answer to the audit trail like any other."""
    copilot._audit(answer, session, role)
    return answer


def ask_in_session(session: Any, question: str, settings: LLMSettings | None = None) -> Answer:
    """Like Session.ask, with the model taking the open questions: follow-ups reuse the previous plan."""
    context = session.plans[-1] if session.plans else None
    answer = ask_with_model(
        session.copilot,
        question,
        session.role,
        session.language,
        context,
        session.id,
        settings,
        history=session.history,
        line=getattr(session, "line", None),
    )
    session.remember(answer)
    return answer
