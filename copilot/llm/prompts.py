"""The prompts in prompts/*.md, filled with the schema, catalogue and entities generated from code."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from connectors.contract import contract_schema

from ..config import REPO_ROOT
from ..entities import KINDS, EntityCatalog
from ..semantic.catalog import DIMENSIONS, METRICS

PROMPTS = REPO_ROOT / "prompts"
LANGUAGE_NAME = {"de": "German", "en": "English"}
LISTED_IN_FULL = ("line", "shift", "team", "family", "medium")


@cache
def _environment() -> Environment:
    """Jinja2 over the prompts folder; a missing value is an error, never an empty string."""
    return Environment(
        loader=FileSystemLoader(PROMPTS),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def render(name: str, **values: Any) -> str:
    """One prompt file filled with values."""
    return _environment().get_template(name).render(**values).strip()


def tool_description(name: str) -> str:
    """A tool's description from prompts/tools/NAME.md."""
    return (PROMPTS / "tools" / f"{name}.md").read_text(encoding="utf-8").strip()


def schema_text() -> str:
    """Every contract table with its columns and types."""
    return "\n".join(
        f"- {table}({', '.join(f'{column} {kind}' for column, kind in columns.items())})"
        for table, columns in contract_schema().items()
    )


def metrics_text() -> str:
    """Every metric of the catalogue: key, name, unit, definition."""
    return "\n".join(f"- {m.key}: {m.label_en} [{m.unit}] – {m.description_en}" for m in METRICS)


def dimensions_text() -> str:
    """Every grouping the semantic layer knows."""
    return ", ".join(d.key for d in DIMENSIONS)


def entities_text(catalog: EntityCatalog, language: str = "en") -> str:
    """Small kinds in full (id = name); large kinds as a count, to be listed with `list_entities`."""
    lines = []
    for kind in KINDS:
        found = catalog.entities(kind)
        if kind in LISTED_IN_FULL:
            names = "; ".join(f"{e.id} = {e.label_de if language == 'de' else e.label_en}" for e in found)
            lines.append(f"- {kind}: {names}")
        else:
            lines.append(f"- {kind}: {len(found)} (call list_entities)")
    return "\n".join(lines)


def system_prompt(
    catalog: EntityCatalog, now: datetime, language: str, role: str, max_steps: int, max_repairs: int
) -> str:
    """The system prompt for one question."""
    return render(
        "system.md",
        role=role,
        language_name=LANGUAGE_NAME.get(language, "English"),
        now=now.isoformat(sep=" ", timespec="minutes"),
        max_steps=max_steps,
        max_repairs=max_repairs,
        schema=schema_text(),
        metrics=metrics_text(),
        dimensions=dimensions_text(),
        entities=entities_text(catalog, language),
    )


def quoted_data(source: str, columns: list[str], rows: list[list[Any]], header: str = "") -> str:
    """Rows as JSON inside the quoted-data markers; '<' is escaped so a cell cannot close the block."""
    body = "\n".join(
        json.dumps(dict(zip(columns, row, strict=False)), ensure_ascii=False, default=str) for row in rows
    )
    body = body.replace("<", "\\u003c").replace(">", "\\u003e")
    return render("quoted_data.md", header=header, source=source, body=body or "(no rows)")
