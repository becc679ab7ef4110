"""The A3 report: ordered editable sections, figures with their SQL, plan rows; a JSON round trip."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

# The A3 sections in reading order (Toyota / Lean Enterprise Institute practice).
SECTIONS = (
    "background",
    "current_condition",
    "goal",
    "root_cause",
    "countermeasures",
    "plan",
    "follow_up",
    "standardise",
)
HEADER_FIELDS = ("title", "owner", "date")
FORMATS = ("pdf", "html", "md")  # export formats


class A3Error(ValueError):
    """An A3 that cannot be built, loaded or changed, with a message in the user's language."""

    def __init__(self, german: str, english: str, language: str | None = None) -> None:
        super().__init__(english)
        self.german = german
        self.english = english
        self.language = language  # the language of the question, when one was asked

    def text(self, language: str) -> str:
        """The message in 'de' or 'en'."""
        return self.german if language == "de" else self.english


@dataclass
class Figure:
    """A figure shown on the A3 and the number of the query behind it (index into `sources`)."""

    label: str
    value: str
    source: int | None = None
    note: str = ""
    cause: str = ""  # the cause type of a driver in lean_templates/causes.yaml


@dataclass
class PlanRow:
    """One row of the implementation plan: what, who (a role or team, never a person's name), when."""

    what: str
    who: str
    when: str  # ISO date
    done: bool = False


@dataclass
class Source:
    """A query behind the A3's figures: what it computes, its SQL and how many rows it returned."""

    purpose: str
    sql: str
    row_count: int


@dataclass
class A3:
    """An A3 report; every text section is editable, figures and sources come from the analysis."""

    title: str
    owner: str
    date: str  # ISO date of the report
    language: str
    questions: list[str]
    sections: dict[str, str]
    figures: list[Figure] = field(default_factory=list)  # current condition and goal
    drivers: list[Figure] = field(default_factory=list)  # ranked causes with their evidence
    plan_rows: list[PlanRow] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    chart: dict[str, Any] | None = None  # Vega-Lite
    chart_caption: str = ""
    check_date: str = ""
    kpi: str = ""
    target: str = ""
    warnings: list[str] = field(default_factory=list)
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    version: int = 0  # the draft version it was loaded from; 0 when never saved

    def __post_init__(self) -> None:
        self.sections = {key: self.sections.get(key, "") for key in SECTIONS}

    def edit(self, section: str, text: str) -> None:
        """Replace the text of a section or a header field (title, owner, date)."""
        if section in HEADER_FIELDS:
            setattr(self, section, text.strip())
        elif section in SECTIONS:
            self.sections[section] = text
        else:
            names = ", ".join((*HEADER_FIELDS, *SECTIONS))
            raise A3Error(
                f"Unbekannter Abschnitt „{section}“; möglich sind: {names}.",
                f"Unknown section “{section}”; choose one of: {names}.",
            )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> A3:
        """The inverse of `to_dict`."""
        values = dict(data)
        values["figures"] = [Figure(**f) for f in data.get("figures", [])]
        values["drivers"] = [Figure(**f) for f in data.get("drivers", [])]
        values["plan_rows"] = [PlanRow(**r) for r in data.get("plan_rows", [])]
        values["sources"] = [Source(**s) for s in data.get("sources", [])]
        return cls(**values)


def plan_rows(rows: list[dict[str, Any]] | list[PlanRow]) -> list[PlanRow]:
    """Plan rows from dicts (as an editor sends them) or rows; each needs what, who and when."""
    result = []
    for row in rows:
        item = row if isinstance(row, PlanRow) else PlanRow(
            what=str(row.get("what", "")).strip(),
            who=str(row.get("who", "")).strip(),
            when=str(row.get("when", "")).strip(),
            done=bool(row.get("done", False)),
        )  # fmt: skip
        if not item.what:
            raise A3Error("Jede Planzeile braucht ein „Was“.", "Every plan row needs a “what”.")
        result.append(item)
    return result
