"""What every answer composer needs: the plan, the runner, the entity labels, and the answer so far."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime

import pandas as pd

from ..answer import Answer, Fact
from ..entities import EntityCatalog
from ..formatting import UNIT_FACTORS, quantity, steady
from ..plan import Plan
from ..runner import QueryRunner
from ..semantic.catalog import DIMENSION_BY_KEY, METRIC_BY_KEY, Metric
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters, sql_text
from ..semantic.records import RECORDS, record_of
from ..timeframes import WEEKDAY_NAMES, TimeWindow

DIMENSION_KIND = {"line": "line", "station": "station", "product": "product", "shift": "shift", "team": "team",
                  "supplier": "supplier", "batch": "batch", "order": "order", "reason": "reason", "defect": "defect", "alarm": "alarm",
                  "meter": "meter", "family": "family", "medium": "medium"}  # fmt: skip
FIGURE_INTENTS = ("value", "compare", "rank", "breakdown", "trend")  # answers that show the figure itself
LOSS_CATEGORY = {
    "breakdown": ("Ausfall", "breakdown"), "setup": ("Rüsten", "setup"), "small_stop": ("Kurzstillstand", "small stop"),
    "material": ("Material", "material"), "quality": ("Qualität", "quality"),
    "organisational": ("Organisation", "organisational"), "planned": ("geplant", "planned"),
}  # fmt: skip


@dataclass
class Ctx:
    """One question being answered."""

    plan: Plan
    runner: QueryRunner
    catalog: EntityCatalog
    role: str
    now: datetime
    answer: Answer
    targets: dict[tuple[str, str], float | None] = field(default_factory=dict)  # one query per line and KPI

    @classmethod
    def start(
        cls, plan: Plan, question: str, runner: QueryRunner, catalog: EntityCatalog, role: str, now: datetime
    ) -> Ctx:
        """A context with a fresh answer to the question, carrying the plan."""
        from ..planner.restate import restatement

        answer = Answer(question, plan.language, plan.intent, plan=plan.to_dict(), understood=plan)
        answer.restatement = restatement(plan, catalog)
        return cls(plan, runner, catalog, role, now, answer)

    @property
    def lang(self) -> str:
        """The answer's language."""
        return self.plan.language

    def t(self, german: str, english: str) -> str:
        """Pick the text in the answer's language."""
        return german if self.lang == "de" else english

    @property
    def period(self) -> TimeWindow:
        """The first (usually only) window of the plan."""
        return self.plan.periods[0]

    def query(self, metric: str, **changes: object) -> MetricQuery:
        """A metric query over the plan's first window and filters, with changes."""
        base: dict[str, object] = {"metric": metric, "window": self.period, "filters": self.plan.filters}
        base.update(changes)
        return MetricQuery(**base)  # type: ignore[arg-type]

    def run(self, query: MetricQuery, purpose: str) -> pd.DataFrame:
        """Run a metric query and keep its evidence."""
        return self.runner.metric(query, purpose)

    def label(self, dimension: str, value: object) -> str:
        """How to show one value of a grouping column."""
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == "?":
            return self.t("ohne Zuordnung", "unassigned")
        if dimension == "loss_category":
            de, en = LOSS_CATEGORY.get(str(value), (str(value), str(value)))
            return self.t(de, en)
        if dimension in ("day", "week"):
            return _day_label(value, self.lang, dimension)
        if dimension == "shift_day" and " " in str(value):  # '2025-11-18 E': that day's early shift
            day, shift = str(value).split(" ", 1)
            return f"{_day_label(day, self.lang, 'day')} {self.catalog.label('shift', shift, self.lang)}"
        if dimension == "weekday":
            return WEEKDAY_NAMES[int(value) - 1][0 if self.lang == "de" else 1]  # type: ignore[call-overload]
        if dimension == "hour":
            return f"{int(value):02d}:00"  # type: ignore[call-overload]
        if dimension == "family_change":  # 'between' → 'Familienwechsel'
            from ..planner.restate import VALUE_WORDS

            return self.t(*VALUE_WORDS["family_changes"].get(str(value), (str(value), str(value))))
        kind = DIMENSION_KIND.get(dimension)
        if kind:
            return self.catalog.label(kind, str(value), self.lang)
        return str(value)

    def dimension_name(self, dimension: str) -> str:
        """'Station' / 'station'."""
        return DIMENSION_BY_KEY[dimension].label(self.lang)

    def scope(self, filters: Filters | None = None) -> str:
        """'Linie 3' / 'lines 1, 2' / 'Werk' for the text."""
        chosen = filters or self.plan.filters
        lines = chosen.lines
        if chosen.meters and not chosen.stations:
            return ", ".join(self.catalog.label("meter", meter, self.lang) for meter in chosen.meters)
        if chosen.stations:  # the station asked about, not the whole line around it
            return ", ".join(self.catalog.label("station", station, self.lang) for station in chosen.stations)
        if not lines:
            plant = self.t("Werk gesamt", "the plant")
            named = [
                self.catalog.label(kind, value, self.lang)
                for kind, values in (
                    ("product", chosen.products),
                    ("family", chosen.families),
                    ("supplier", chosen.suppliers),
                )
                for value in values
            ]
            return f"{plant} ({', '.join(named)})" if named else plant  # "Werk gesamt (Metallhütte Süd AG)"
        return ", ".join(self.catalog.label("line", line, self.lang) for line in lines)

    def fact(
        self, metric: Metric, value: float, window: TimeWindow, lines: tuple[str, ...], label: str = ""
    ) -> Fact:
        """A metric fact in display units."""
        target = self.target(metric, lines)
        return Fact(
            label=label or metric.label(self.lang),
            value=round(
                steady(float(value) * metric.scale), 4
            ),  # the same digits whatever the summation order
            unit=metric.unit,
            line=",".join(lines) or None,
            period=window.label(self.lang),
            key=metric.key,
            target=target,
            direction=metric.direction,
        )

    def target(self, metric: Metric, lines: tuple[str, ...]) -> float | None:
        """The line's target for this metric from kpi_targets, in display units."""
        if not metric.target or len(lines) != 1 or "kpi_targets" not in self.runner.connector.schema():
            return None  # a source without targets answers without them
        if (
            self.plan.intent in FIGURE_INTENTS
            and metric.family == "energy"
            and (self.plan.filters.media or self.plan.filters.meters)
        ):
            return None  # a figure of one medium or meter is not measured against the line's all-meter target
        key = (lines[0], metric.target)
        if key not in self.targets:
            frame = self.runner.sql(
                f"SELECT target FROM kpi_targets WHERE line_id = {sql_text(lines[0])} AND kpi = {sql_text(metric.target)}",
                self.t(
                    f"Zielwert {metric.label_de} aus kpi_targets",
                    f"target {metric.label_en} from kpi_targets",
                ),
            )
            self.targets[key] = float(frame.iloc[0, 0]) if len(frame) else None
        target = self.targets[key]
        return None if target is None else round(target * metric.target_scale, 4)

    def show(self, metric: Metric, value: float) -> str:
        """A metric value in display units with its unit."""
        return self.display(metric, float(value) * metric.scale)

    def display(self, metric: Metric, shown: float, lang: str | None = None) -> str:
        """A value already in display units with its unit; a count of records with their noun ('76 Stillstände')."""
        lang = lang or self.lang
        counted = record_of(metric.key) if metric.unit == "count" else None
        record = RECORDS.get(counted[0]) if counted and counted[1] == "count" else None
        if record is not None and record.source != "units":
            bare = quantity(shown, "count", lang).rsplit(" ", 1)[0]
            return f"{bare} {record.label_de if lang == 'de' else record.label_en}"
        return quantity(shown, metric.unit, lang)


DISPLAY_UNIT: ContextVar[str | None] = ContextVar(
    "display_unit", default=None
)  # the unit the question asked in
INTERVAL_ENERGY = "kWh/15 min"


def metric(key: str) -> Metric:
    """The catalogue entry, shown in the unit the question asked for when it is a time or an energy."""
    found = METRIC_BY_KEY[key]
    unit = DISPLAY_UNIT.get()
    if unit == INTERVAL_ENERGY and found.unit == "kW":  # a mean power as the energy of one 15-minute interval
        return replace(found, unit=unit, scale=found.scale * 0.25, target_scale=found.target_scale * 0.25)
    factors = next((f for f in UNIT_FACTORS if found.unit in f and unit in f), None)
    if factors is None or unit is None or found.unit == unit:
        return found
    factor = factors[found.unit] / factors[unit]
    return replace(found, unit=unit, scale=found.scale * factor, target_scale=found.target_scale * factor)


def _day_label(value: object, language: str, dimension: str) -> str:
    stamp = pd.Timestamp(value)
    if dimension == "week":
        week = stamp.isocalendar().week
        return f"KW {week}" if language == "de" else f"week {week}"
    return stamp.strftime("%d.%m." if language == "de" else "%m-%d")
