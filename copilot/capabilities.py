"""What a data source can answer: the contract tables a question needs against the tables the source has.

A source with only some tables (an energy-only export) answers what it holds and says plainly what it
cannot, before any query runs: no engine error, no zero, no invented figure. Plant columns that the
source file declares as outside the contract (`not_in_contract:`) are named when a question asks for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connectors.base import Connector

from .plan import Plan
from .semantic.catalog import METRIC_BY_KEY

SOURCE_TABLES: dict[
    str, frozenset[str]
] = {  # the contract tables each row source of the semantic layer reads
    "shift": frozenset({"shift_calendar", "downtime_events", "downtime_reasons", "units", "line_products"}),
    "units": frozenset(
        {"units", "line_products", "products", "lines", "material_batches", "defect_codes", "shift_calendar"}
    ),
    "downtime": frozenset({"downtime_events", "downtime_reasons", "shift_calendar"}),
    "changeovers": frozenset({"changeovers", "downtime_events", "products"}),
    "energy": frozenset({"energy_readings", "energy_meters"}),
    "energy_cost": frozenset({"energy_readings", "energy_meters", "energy_tariffs"}),
    "idle": frozenset({"energy_readings", "energy_meters", "shift_calendar"}),
    "energy_per_unit": frozenset({"energy_readings", "energy_meters", "units"}),
    "alarms": frozenset({"alarms", "stations", "shift_calendar"}),
    "maintenance": frozenset({"maintenance_orders"}),
}
# causes are looked for in shifts, stops, changeovers and units, whatever the figure asked about
WHY_TABLES = frozenset({"shift_calendar", "downtime_events", "downtime_reasons", "units", "line_products"})
# (tables, German, English): the first group a question needs and the source lacks is named
GROUPS: tuple[tuple[frozenset[str], str, str], ...] = (
    (
        frozenset({"units"}),
        "Diese Datenquelle enthält keine Produktionsdaten — Stückzahlen und OEE sind hier nicht verfügbar.",
        "This data source holds no production data — unit counts and OEE are not available here.",
    ),
    (
        frozenset({"shift_calendar"}),
        "Diese Datenquelle enthält keinen Schichtkalender — Kennzahlen je Schicht und die Grundlast "
        "außerhalb der Schichten sind hier nicht verfügbar.",
        "This data source holds no shift calendar — figures per shift and the idle load outside "
        "worked shifts are not available here.",
    ),
    (
        frozenset({"downtime_events", "downtime_reasons"}),
        "Diese Datenquelle enthält keine Stillstandsdaten — Stillstände, Verfügbarkeit und MTTR sind hier nicht verfügbar.",
        "This data source holds no downtime data — stops, availability and MTTR are not available here.",
    ),
    (
        frozenset({"changeovers"}),
        "Diese Datenquelle enthält keine Rüstdaten — Rüstzeiten sind hier nicht verfügbar.",
        "This data source holds no changeover data — changeover times are not available here.",
    ),
    (
        frozenset({"alarms", "stations"}),
        "Diese Datenquelle enthält keine Alarmdaten — Kurzstopps je Station sind hier nicht verfügbar.",
        "This data source holds no alarm data — short stops per station are not available here.",
    ),
    (
        frozenset({"maintenance_orders"}),
        "Diese Datenquelle enthält keine Instandhaltungsaufträge — Reparatur- und Reaktionszeiten sind hier nicht verfügbar.",
        "This data source holds no maintenance orders — repair and response times are not available here.",
    ),
    (
        frozenset({"energy_readings", "energy_meters"}),
        "Diese Datenquelle enthält keine Energiedaten — Verbrauch und Energie je Gutteil sind hier nicht verfügbar.",
        "This data source holds no energy data — consumption and energy per good unit are not available here.",
    ),
    (
        frozenset({"energy_tariffs"}),
        "Diese Datenquelle enthält keine Energiepreise — Kosten in Euro sind hier nicht verfügbar; "
        "den Verbrauch in kWh zeige ich.",
        "This data source holds no energy prices — costs in euros are not available here; "
        "I can show the consumption in kWh.",
    ),
    (
        frozenset({"lines", "products", "line_products", "material_batches"}),
        "Diese Datenquelle enthält keine Stammdaten zu Linien und Produkten — diese Auswertung ist hier nicht verfügbar.",
        "This data source holds no master data on lines and products — this analysis is not available here.",
    ),
)


@dataclass(frozen=True)
class Gap:
    """What the source cannot answer, in both languages."""

    reason: str  # 'missing_tables' or 'not_in_contract'
    text_de: str
    text_en: str
    tables: tuple[str, ...] = ()

    def text(self, language: str) -> str:
        """The sentence in the answer's language."""
        return self.text_de if language == "de" else self.text_en


@dataclass(frozen=True)
class Coverage:
    """The contract tables one source has, and the plant columns it declares outside the contract."""

    tables: frozenset[str]
    outside: tuple[tuple[str, str, str, re.Pattern[str]], ...] = ()  # column, meaning de, en, words

    @classmethod
    def of(cls, connector: Connector) -> Coverage:
        """Read the connector's tables and, when it has a source file, its declared columns."""
        spec = getattr(connector, "spec", None)
        declared = getattr(spec, "not_in_contract", ()) or ()
        outside = tuple((d.column, d.meaning_de, d.meaning_en, _words(d.words)) for d in declared if d.words)
        return cls(frozenset(connector.schema()), outside)

    def gap(self, plan: Plan, question: str) -> Gap | None:
        """Why this question cannot be answered from this source, or None when it can."""
        return self._outside(question) or self._missing(plan)

    def _missing(self, plan: Plan) -> Gap | None:
        needed = needed_tables(plan)
        lacking = needed - self.tables
        if not lacking:
            return None
        for group, de, en in GROUPS:
            if group & lacking:
                return Gap("missing_tables", de, en, tuple(sorted(lacking)))
        names = ", ".join(sorted(lacking))
        return Gap(
            "missing_tables",
            f"Dieser Datenquelle fehlen die Tabellen {names} — diese Auswertung ist hier nicht verfügbar.",
            f"This data source lacks the tables {names} — this analysis is not available here.",
            tuple(sorted(lacking)),
        )

    def _outside(self, question: str) -> Gap | None:
        for column, de, en, words in self.outside:
            if words.search(question):
                return Gap(
                    "not_in_contract",
                    f"Diese Datenquelle führt {de} (Spalte „{column}“), aber das Datenmodell hat dafür keinen "
                    "Platz — darauf kann ich hier nicht antworten, statt eine Zahl zu raten.",
                    f"This data source has {en} (column “{column}”), but the data model has no place for "
                    "it — I cannot answer that here rather than guess a figure.",
                )
        return None


def needed_tables(plan: Plan) -> frozenset[str]:
    """The contract tables the plan's metrics (and, for a why-question, its causes) read."""
    needed: set[str] = set()
    for key in plan.metrics:
        metric = METRIC_BY_KEY.get(key)
        if metric is not None:
            needed |= SOURCE_TABLES.get(metric.source, frozenset())
    if plan.intent == "why" and needed:
        needed |= WHY_TABLES
    return frozenset(needed)


def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any of the words as a whole word or phrase, ignoring case and hyphens."""
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"[\s-]*").replace(r"\-", r"[\s-]*") for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)
