"""What the MCP tools do: each one asks the copilot and returns its figures, SQL and warnings as JSON data.

Every tool returns a `ToolResult`: the data (for `ask`, `get_kpi` and `explain_cause` the same object as
`copilot ask --json`), a text summary, and whether the call was refused. Nothing here writes: every
statement still goes through the copilot's SQL guard on a read-only connection.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .render import answer_json, answer_text

if TYPE_CHECKING:
    from .answer import Answer
    from .engine import Copilot

WINDOW = re.compile(r"[\w .,:/–-]{1,60}")  # 'yesterday', 'letzte Woche', '2025-11-19', 'KW 46'
SESSION = "mcp"


@dataclass(frozen=True)
class ToolResult:
    """One tool call's outcome: JSON data, a readable summary, and whether the call was refused."""

    data: dict[str, Any]
    summary: str
    refused: bool = False


def _lang(language: str | None) -> str:
    return "de" if language == "de" else "en"


def refusal(language: str | None, german: str, english: str) -> ToolResult:
    """A refused call: the reason in the caller's language, no figure, no SQL."""
    text = german if _lang(language) == "de" else english
    return ToolResult(
        {"refused": True, "answer": text, "facts": [], "sql": [], "warnings": [text]}, text, True
    )


def from_answer(answer: Answer) -> ToolResult:
    """An answer as the `copilot ask --json` object, with the answer's text, figures, warnings and SQL."""
    return ToolResult(json.loads(answer_json(answer)), answer_text(answer, show_sql=True))


def ask(copilot: Copilot, question: str, role: str = "operator", language: str | None = None) -> ToolResult:
    """Any question about the plant, answered as `copilot ask` answers it."""
    return from_answer(copilot.ask(question, role=role, language=language, session=SESSION))


def get_kpi(
    copilot: Copilot, metric: str, line: str | None = None, window: str = "yesterday", language: str = "en"
) -> ToolResult:
    """One KPI by its key, for a line (or the plant) over a time frame said in words."""
    from .semantic.catalog import METRIC_BY_KEY

    found = METRIC_BY_KEY.get(metric.strip())
    if found is None:
        keys = ", ".join(sorted(METRIC_BY_KEY))
        return refusal(
            language,
            f"Unbekannte Kennzahl „{metric}“; möglich sind: {keys}.",
            f"Unknown metric “{metric}”; choose one of: {keys}.",
        )
    line_id = _line_id(copilot, line)
    if line is not None and line_id is None:
        lines = ", ".join(e.id for e in copilot.catalog.entities("line"))
        return refusal(
            language,
            f"Unbekannte Linie „{line}“; möglich sind: {lines}.",
            f"Unknown line “{line}”; choose one of: {lines}.",
        )
    if not WINDOW.fullmatch(window.strip()):
        return refusal(
            language,
            f"„{window}“ ist kein Zeitraum; z. B. „gestern“, „letzte Woche“ oder „2025-11-19“.",
            f"“{window}” is not a time frame; say e.g. “yesterday”, “last week” or “2025-11-19”.",
        )
    question = " ".join(part for part in (found.label(_lang(language)), line_id, window.strip()) if part)
    answer = copilot.ask(question, language=_lang(language), session=SESSION)
    understood = answer.understood
    if understood is not None and understood.metrics and found.key not in understood.metrics:
        return refusal(
            language,
            f"„{question}“ wurde anders verstanden ({answer.understood_text}); bitte als Frage mit ask stellen.",
            f"“{question}” was understood differently ({answer.understood_text}); please ask it with ask.",
        )
    return from_answer(answer)


def _line_id(copilot: Copilot, line: str | None) -> str | None:
    """'L3', '3', 'l3' or the line's name as the catalogue's line id; None when no line matches."""
    if line is None:
        return None
    wanted = line.strip().casefold()
    for entity in copilot.catalog.entities("line"):
        names = {entity.id.casefold(), entity.id.casefold().lstrip("l"), entity.label_de.casefold()}
        if wanted in names | {entity.label_en.casefold()}:
            return entity.id
    return None


def explain_cause(copilot: Copilot, question: str, language: str | None = None) -> ToolResult:
    """A why-question: the figure, the likely causes with their evidence, the 5-Why tree and countermeasures."""
    return from_answer(copilot.ask(question, role="coach", language=language, session=SESSION))


def build_a3(
    copilot: Copilot, question: str, language: str | None = None, owner: str | None = None
) -> ToolResult:
    """The A3 report the product builds for a why-question, as Markdown with its figures and SQL."""
    from .a3.build import build_a3 as build
    from .a3.model import A3Error
    from .a3.render import render_markdown

    try:
        a3 = build(copilot, [question], language, owner)
    except A3Error as error:
        return refusal(error.language or language, error.german, error.english)
    markdown = render_markdown(a3, chart_src="")  # the chart's spec is in the data, not a picture
    data = {**a3.to_dict(), "markdown": markdown, "sql": [s.sql for s in a3.sources]}
    return ToolResult(data, markdown)


def open_lesson(copilot: Copilot, topic: str, language: str = "en", role: str = "trainee") -> ToolResult:
    """A lesson on a Lean topic (a knowledge-base key such as 'heijunka', or its name), with the plant's data."""
    from .lessons.knowledge import topics
    from .lessons.lesson import teach

    key = topic.strip().casefold().replace(" ", "_").replace("-", "_")
    if key in topics():
        result = from_answer(teach(copilot, key, role, _lang(language)))
    else:
        asked = f"Was ist {topic.strip()}?" if _lang(language) == "de" else f"What is {topic.strip()}?"
        result = from_answer(copilot.ask(asked, role=role, language=_lang(language), session=SESSION))
    lesson = result.data.get("lesson")
    if not lesson:
        names = ", ".join(topics())
        return refusal(
            language,
            f"Zu „{topic}“ gibt es keine Lektion; Themen: {names}.",
            f"There is no lesson on “{topic}”; topics: {names}.",
        )
    sections = "\n\n".join(f"{s.get('heading', '')}\n{s['text']}".strip() for s in lesson["sections"])
    return ToolResult(result.data, f"{lesson['title']}\n\n{sections}")


def describe_source(copilot: Copilot, language: str = "en") -> ToolResult:
    """Which contract tables the source has (with row counts), its lines, its present moment and what it can answer."""
    from connectors.contract import contract_tables

    from .capabilities import GROUPS
    from .datasource import describe
    from .runner import QueryRunner

    lang = _lang(language)
    present = sorted(copilot.coverage.tables)
    runner = QueryRunner(copilot.connector)
    rows = {
        table: int(runner.sql(f"SELECT COUNT(*) AS row_count FROM {table}", f"rows of {table}").iloc[0, 0])
        for table in present
    }
    missing = sorted(set(contract_tables()) - copilot.coverage.tables)
    unavailable = [de if lang == "de" else en for group, de, en in GROUPS if group & set(missing)]
    data = {
        "source": describe(copilot.connector),
        "dialect": copilot.connector.dialect,
        "now": copilot.now.isoformat(),
        "lines": [{"id": e.id, "name": e.label(lang)} for e in copilot.catalog.entities("line")],
        "tables": [
            {"table": t, "rows": rows[t], "columns": list(copilot.connector.schema()[t])} for t in present
        ],
        "missing_tables": missing,
        "facts": [{"label": t, "value": n, "unit": "count", "key": "row_count"} for t, n in rows.items()],
        "sql": [e.sql for e in runner.evidence],
        "warnings": unavailable,
    }
    heading = "Datenquelle" if lang == "de" else "Data source"
    lines = [f"{heading}: {data['source']} ({data['dialect']}), now {data['now']}"]
    lines += [f"  • {t}: {n} rows" for t, n in rows.items()]
    lines += [f"  ⚠ {text}" for text in unavailable]
    return ToolResult(data, "\n".join(lines))
