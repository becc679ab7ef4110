"""An A3 from a why-question or a whole conversation, with every figure taken from a query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..analysis.differences import baseline_window
from ..answer import Answer, Fact
from ..compose.context import Ctx
from ..formatting import number, quantity, signed_percent
from ..lean.library import cause, countermeasures
from ..plan import Plan
from ..runner import QueryRunner
from ..semantic.catalog import METRIC_BY_KEY, Metric
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters
from ..timeframes import WEEKDAYS_DE, WEEKDAYS_EN, TimeWindow
from .advice import advice_rows
from .charts import bar_chart
from .model import A3, A3Error, Figure, PlanRow, Source
from .observations import condition_lines, observations_for, supported_causes

if TYPE_CHECKING:
    from ..engine import Copilot

# The KPI with a target in kpi_targets that proves an improvement of each kind of problem.
GOAL_KPI = {
    "energy": "energy_per_good_unit", "electricity": "energy_per_good_unit",
    "compressed_air": "energy_per_good_unit", "energy_per_good_unit": "energy_per_good_unit",
    "idle_load": "energy_per_good_unit", "cycle_time": "performance", "cycle_time_median": "performance",
    "cycle_time_sd": "performance", "cycle_time_cv": "performance", "short_stops": "performance",
    "performance": "performance", "downtime": "availability", "stop_count": "availability",
    "mttr": "availability", "mtbf": "availability", "availability": "availability",
    "changeover_time": "availability", "changeover_vs_standard": "availability",
    "changeover_count": "availability", "setup_ratio": "availability", "scrap_rate": "quality_ratio",
    "scrap_count": "quality_ratio", "fpy": "quality_ratio", "quality_ratio": "quality_ratio", "oee": "oee",
}  # fmt: skip
# Who carries a countermeasure, by the Ishikawa category of its cause: roles, never people.
OWNER_ROLE = {
    "Maschine": ("Instandhaltung", "Maintenance"),
    "Material": ("Qualität / Einkauf", "Quality / purchasing"),
    "Messung": ("Qualität", "Quality"),
    "Mensch": ("Schichtleitung", "Shift leaders"),
    "Mitwelt": ("Schichtleitung", "Shift leaders"),
    "Methode": ("Produktion / Lean-Coach", "Production / lean coach"),
}
STANDARD = {
    "Maschine": ("Wartungsplan und Reinigungs-/Prüfstandard", "maintenance plan and cleaning/inspection standard"),
    "Material": ("Prüfplan im Wareneingang und Lieferantenvereinbarung", "incoming inspection plan and supplier agreement"),
    "Messung": ("Prüfplan", "inspection plan"),
    "Mensch": ("Standardarbeit und Schulungsplan", "standard work and training plan"),
    "Mitwelt": ("Schichtübergabe und Eskalationsstandard", "shift handover and escalation standard"),
    "Methode": ("Standardarbeit und Rüst-/Reihenfolgestandard", "standard work and changeover/sequence standard"),
}  # fmt: skip
CHECK_AFTER_DAYS = 28


@dataclass
class _Build(Ctx):
    """The why-answer's context, and the number of sources listed before this build's own queries."""

    offset: int = 0

    @property
    def metric(self) -> Metric:
        """The problem's metric."""
        return METRIC_BY_KEY[self.plan.metrics[0]]

    @property
    def line(self) -> str | None:
        """The one line the problem is about, if it is one."""
        lines = self.plan.filters.lines
        return lines[0] if len(lines) == 1 else None

    def scope(self, filters: Filters | None = None) -> str:
        """'Linie 3 – Montage' or, as a heading reads, 'Werk'."""
        return super().scope(filters) if (filters or self.plan.filters).lines else self.t("Werk", "plant")

    def value(self, metric: Metric, window: TimeWindow, purpose: str) -> tuple[float | None, int]:
        """A metric over a window (display units) and the number of its source."""
        frame = self.runner.metric(MetricQuery(metric.key, window, self.plan.filters), purpose)
        if frame.empty or pd.isna(frame["value"].iloc[0]):
            return None, self.last_source
        return float(frame["value"].iloc[0]) * metric.scale, self.last_source

    @property
    def last_source(self) -> int:
        """The number of the query run last."""
        return self.offset + len(self.runner.evidence) - 1

    def shown(self, value: float, unit: str) -> str:
        """A value with its unit in the A3's language."""
        return quantity(value, unit, self.lang)


def build_a3(
    copilot: Copilot, items: Sequence[str | Answer], lang: str | None = None, owner: str | None = None
) -> A3:
    """An A3 from questions (asked as one conversation) or the answers of a conversation."""
    answers = _answers(copilot, items, lang)
    main = _main_answer(answers)
    language = lang or main.language
    if language != main.language:
        main = copilot.ask(main.question, "coach", language, main.understood)
    runner = QueryRunner(copilot.connector)
    sources = [Source(e.purpose, e.sql, e.row_count) for e in main.evidence]
    b = _Build(main.understood, runner, copilot.catalog, "coach", copilot.now, main, offset=len(sources))
    figures, comparison, worse = _current_condition(b)
    chart, caption, benchmark = _chart(b)
    if benchmark is not None:
        figures.append(benchmark)
    reference = None
    if benchmark is not None:
        reference = (benchmark.value, b.t("Median der anderen Linien", "median of the other lines"))
    elif comparison is not None and worse is not None:
        reference = (comparison.value, comparison.label.split(" – ")[-1])
    drivers = _drivers(b)
    goal_figures, goal_text, kpi, target = _goal(b, reference, drivers)
    measures = _countermeasures(b, drivers)
    advice = advice_rows(main, language)
    if advice is not None:  # a brief or a scenario: its method and its expected gain
        goal_text = "\n".join(t for t in (advice.goal, goal_text) if t)
        measures = advice.measures + measures[:1]
    report_date = copilot.now.date()
    check = report_date + timedelta(days=CHECK_AFTER_DAYS)
    seen = observations_for(b.plan.filters.lines, b.period)
    tree = (main.five_why or {}).get("markdown", "")
    context = [a for a in answers if a is not main and a.facts]
    figures += _conversation_figures(b, context, sources)
    sources += [Source(e.purpose, e.sql, e.row_count) for e in runner.evidence]
    return A3(
        title=_title(b, figures[0].value, benchmark, comparison, worse),
        owner=owner or b.t("Lean-Coach", "Lean coach"),
        date=report_date.isoformat(),
        language=language,
        questions=[a.question for a in answers],
        sections={
            "background": _background(b, answers),
            "current_condition": "\n".join(
                [_condition_text(b, comparison), *condition_lines(seen, language)]
            ),
            "goal": goal_text,
            "root_cause": "\n".join([tree, *supported_causes(seen, tree, language)]).strip(),
            "countermeasures": "\n".join(
                f"{i + 1}. {what} — {b.t('erwartete Wirkung', 'expected effect')}: {effect}"
                for i, (what, effect, _) in enumerate(measures)
            ),
            "plan": b.t(
                "Maßnahmen mit Verantwortlichen (Rollen) und Terminen; Stand in der Shopfloor-Runde prüfen.",
                "Countermeasures with owners (roles) and dates; review progress in the shop-floor meeting.",
            ),
            "follow_up": _follow_up(b, check.isoformat(), kpi, target),
            "standardise": _standardise(b, measures),
        },
        figures=figures + goal_figures,
        drivers=drivers,
        plan_rows=_plan_rows(b, measures, report_date, check.isoformat(), kpi),
        sources=sources,
        chart=chart,
        chart_caption=caption,
        check_date=check.isoformat(),
        kpi=kpi,
        target=target,
        warnings=list(dict.fromkeys(w for a in answers for w in a.warnings)),
    )


def _answers(copilot: Copilot, items: Sequence[str | Answer], lang: str | None) -> list[Answer]:
    """Questions are asked in order as one conversation; answers are taken as they are."""
    from ..engine import Session

    session = Session(copilot, role="coach", language=lang)
    answers = []
    for item in items:
        if isinstance(item, Answer):
            answers.append(item)
            session.remember(item)
        elif str(item).strip():
            answers.append(session.ask(str(item).strip()))
    if not answers:
        raise A3Error(
            "Für ein A3 wird mindestens eine Frage gebraucht, z. B. „Warum schwankt die Taktzeit in Linie 3?“.",
            "An A3 needs at least one question, e.g. “Why does the cycle time on line 3 vary so much?”.",
            lang,
        )
    return answers


def _main_answer(answers: list[Answer]) -> Answer:
    """The last why-answer with a 5-Why tree, else the last answer with a figure."""
    usable = [a for a in answers if a.facts and isinstance(a.understood, Plan) and a.understood.metrics]
    for answer in reversed(usable):
        if answer.intent == "why" and answer.five_why:
            return answer
    if usable:
        return usable[-1]
    last = answers[-1]
    said = "" if last.intent == "lesson" else " ".join(last.text.replace("**", "").split()).rstrip(".")
    said = f" ({said[:200].rstrip()}{' …' if len(said) > 200 else ''})" if said else ""
    raise A3Error(
        f"Aus dieser Frage lässt sich kein A3 erstellen: sie liefert keine Kennzahl{said}. "
        "Fragen Sie nach einer Ursache, z. B. „Warum hatte Linie 2 gestern so viel Stillstand?“.",
        f"No A3 can be made from this question: it gives no figure{said}. "
        "Ask for a cause, e.g. “Why did line 2 have so much downtime yesterday?”.",
        last.language,
    )


def _current_condition(b: _Build) -> tuple[list[Figure], Figure | None, str | None]:
    """The problem's figure over its period and the compared one; the change when it got worse."""
    m = b.metric
    value, index = b.value(m, b.period, b.t(f"{m.label_de} im Zeitraum", f"{m.label_en} in the period"))
    if value is None:
        raise A3Error(
            f"Für {m.label_de} {b.scope()} gibt es im Zeitraum {b.period.label_de} keine Daten; kein A3 ohne Zahlen.",
            f"There is no data for {m.label_en} of {b.scope()} in {b.period.label_en}; no A3 without figures.",
            b.lang,
        )
    figures = [Figure(f"{m.label(b.lang)} – {b.period.label(b.lang)}", b.shown(value, m.unit), index)]
    if len(b.plan.periods) == 1 and b.period.end - b.period.start <= timedelta(days=1):
        before, index, other_label = _working_days_before(b)
    elif len(b.plan.periods) == 1 and _previous(b.period).start < _first_day(b):
        return figures, None, None  # the period before lies outside the data: no comparison
    else:
        other = b.plan.periods[1] if len(b.plan.periods) > 1 else _previous(b.period)
        before, index = b.value(
            m, other, b.t(f"{m.label_de} im Vergleichszeitraum", f"{m.label_en} in the compared period")
        )
        other_label = other.label(b.lang)
    if before is None:
        return figures, None, None
    comparison = Figure(f"{m.label(b.lang)} – {other_label}", b.shown(before, m.unit), index)
    figures.append(comparison)
    if m.unit == "%":
        points = b.t("Prozentpunkte", "percentage points")
        change = f"{'+' if value >= before else '−'}{number(abs(value - before), b.lang, 1)} {points}"
    elif before:
        change = signed_percent((value - before) / abs(before), b.lang)
    else:
        return figures, comparison, None
    figures.append(
        Figure(b.t("Veränderung", "change"), change, index, b.t("aus beiden Abfragen", "from both queries"))
    )
    worse = {"lower": value > before, "higher": value < before}.get(m.direction, True)
    return figures, comparison, change if worse else None


def _working_days_before(b: _Build) -> tuple[float | None, int, str]:
    """The mean daily value over the seven working days before a single day."""
    m = b.metric
    span = baseline_window(b.runner, b.period, b.t("Die 7 Arbeitstage davor", "the 7 working days before"))
    worked = {str(row[0])[:10] for row in b.runner.evidence[-1].rows} if b.runner.evidence else set()
    window = TimeWindow(span.start, span.end, "", "", "range")
    frame = b.runner.metric(
        MetricQuery(m.key, window, b.plan.filters, ("day",)),
        b.t(f"{m.label_de} je Tag, 7 Arbeitstage davor", f"{m.label_en} per day, 7 working days before"),
    )
    index = b.last_source
    days = frame[[str(d)[:10] in worked for d in frame["day"]]] if worked else frame
    values = days["value"].dropna()
    first, last = pd.Timestamp(span.start), pd.Timestamp(span.end) - pd.Timedelta(days=1)
    pattern = "%d.%m." if b.lang == "de" else "%m-%d"
    label = b.t(
        f"Ø je Arbeitstag {first.strftime(pattern)}–{last.strftime(pattern)}",
        f"mean per working day {first.strftime(pattern)}–{last.strftime(pattern)}",
    )
    return (float(values.mean()) * m.scale if len(values) else None), index, label


def _first_day(b: _Build) -> datetime:
    """The first worked day in the data."""
    frame = b.runner.sql(
        "SELECT MIN(shift_date) AS first_day FROM shift_calendar",
        b.t("Beginn der Daten", "start of the data"),
    )
    first = frame.iloc[0, 0] if len(frame) else None
    return pd.Timestamp(first).to_pydatetime() if first is not None and not pd.isna(first) else datetime.min


def _previous(window: TimeWindow) -> TimeWindow:
    """The window of the same length just before (the day before, the four weeks before)."""
    span = window.end - window.start
    if window.grain == "day":
        span = timedelta(days=1)
    start = window.start - span
    return TimeWindow(
        start,
        window.start,
        _range_label(start, window.start, "de"),
        _range_label(start, window.start, "en"),
        "range",
    )


def _range_label(start: object, end: object, language: str) -> str:
    first, last = pd.Timestamp(start), pd.Timestamp(end) - pd.Timedelta(microseconds=1)
    pattern = "%d.%m.%Y" if language == "de" else "%Y-%m-%d"
    if first.date() == last.date():
        return ("davor: " if language == "de" else "before: ") + first.strftime(pattern)
    return (
        "davor: " if language == "de" else "before: "
    ) + f"{first.strftime(pattern)}–{last.strftime(pattern)}"


def _target(b: _Build, m: Metric, line: str | None) -> tuple[float, int] | None:
    """The line's target for a metric from kpi_targets (display units) and its source."""
    target = b.target(m, (line,)) if line is not None else None
    return None if target is None else (target, b.last_source)


def _goal(
    b: _Build, reference: tuple[str, str] | None, drivers: list[Figure]
) -> tuple[list[Figure], str, str, str]:
    """The KPI with a target that proves success: its value now and its target, and the goal text."""
    m = b.metric
    kpi = METRIC_BY_KEY.get(GOAL_KPI.get(m.key, ""), m)
    lines = []
    if reference is not None and m.direction in ("lower", "higher"):
        lines.append(b.t(
            f"{m.label_de} {b.scope()}: auf {reference[0]} oder besser ({reference[1]}).",
            f"{m.label_en} of {b.scope()}: {reference[0]} or better ({reference[1]}).",
        ))  # fmt: skip
    if drivers:
        top = drivers[0].label.split(" (")[0]
        lines.append(b.t(
            f"Hauptursache beseitigen: {top} ({drivers[0].value} [S{(drivers[0].source or 0) + 1}]).",
            f"Remove the main cause: {top} ({drivers[0].value} [S{(drivers[0].source or 0) + 1}]).",
        ))  # fmt: skip
    target = _target(b, kpi, b.line)
    goal_figures: list[Figure] = []
    if target is None:
        lines.append(b.t(
            f"Für {kpi.label_de} {b.scope()} ist in kpi_targets kein Zielwert hinterlegt – Ziel mit dem Team festlegen.",
            f"kpi_targets holds no target for {kpi.label_en} of {b.scope()} – agree a target with the team.",
        ))  # fmt: skip
        return goal_figures, "\n".join(lines), kpi.label(b.lang), ""
    now, index = b.value(kpi, b.period, b.t(f"{kpi.label_de} im Zeitraum", f"{kpi.label_en} in the period"))
    shown_target = b.shown(target[0], kpi.unit)
    if now is not None:
        goal_figures.append(
            Figure(f"{kpi.label(b.lang)} ({b.t('Ist', 'actual')})", b.shown(now, kpi.unit), index)
        )
    goal_figures.append(
        Figure(f"{kpi.label(b.lang)} ({b.t('Ziel', 'target')})", shown_target, target[1], "kpi_targets")
    )
    word = b.t("höchstens", "at most") if kpi.direction == "lower" else b.t("mindestens", "at least")
    current = (
        b.t(f" (heute {b.shown(now, kpi.unit)})", f" (now {b.shown(now, kpi.unit)})")
        if now is not None
        else ""
    )
    lines.append(b.t(
        f"{kpi.label_de} {b.scope()}: {word} {shown_target}{current} – Zielwert aus kpi_targets.",
        f"{kpi.label_en} of {b.scope()}: {word} {shown_target}{current} – target from kpi_targets.",
    ))  # fmt: skip
    met = now is not None and (now <= target[0] if kpi.direction == "lower" else now >= target[0])
    if met:
        lines.append(b.t(
            "Im Zeitraum ist dieser Zielwert bereits erreicht: er darf durch die Maßnahmen nicht schlechter werden.",
            "This target is already met in the period: the countermeasures must not make it worse.",
        ))  # fmt: skip
    return goal_figures, "\n".join(lines), kpi.label(b.lang), f"{word} {shown_target}"


def _drivers(b: _Build) -> list[Figure]:
    """The ranked causes of the 5-Why tree's evidence level, with their queries."""
    tree = (b.answer.five_why or {}).get("tree") or {}
    causes = _cause_facts(b.answer)
    drivers = []
    for i, node in enumerate(tree.get("children", [])):
        evidence = node.get("evidence") or {}
        if node.get("hypothesis") or evidence.get("sql_index") is None:
            continue
        kind = causes[i].key if i < len(causes) else ""
        drivers.append(
            Figure(node["statement"], evidence.get("figure") or "", evidence["sql_index"], cause=kind)
        )
    return drivers


def _cause_facts(answer: Answer) -> list[Fact]:
    return [
        f
        for f in answer.facts
        if isinstance(f.value, str) and f.label.lower().startswith(("ursache", "cause"))
    ]


def _countermeasures(b: _Build, drivers: list[Figure]) -> list[tuple[str, str, str]]:
    """(what, expected effect, Ishikawa category): two for the top cause, one for the next, at least two."""
    chosen: list[tuple[str, str, str]] = []
    chosen_en: list[tuple[str, str, str]] = []
    for rank, driver in enumerate(drivers[:2]):
        if not driver.cause:
            continue
        category = cause(driver.cause)["category"]
        name = driver.label.split(":")[0].split(" (")[0]
        fresh = [c for c in countermeasures(driver.cause) if c.text_en not in {w for w, _, _ in chosen_en}]
        for c in fresh[: 2 if rank == 0 else 1]:
            chosen_en.append((c.text_en, "", ""))
            what = c.text_de if b.lang == "de" else c.text_en
            reason = c.reason_de if b.lang == "de" else c.reason_en
            effect = b.t(
                f"{reason} Zielt auf {name} ({driver.value}).", f"{reason} Targets {name} ({driver.value})."
            )
            chosen.append((what, effect, category))
    if len(chosen) < 2:
        chosen += [
            (b.t("Gemba-Beobachtung der Linie über eine Schicht mit dem Team, Abweichungen notieren.",
                 "Gemba walk: observe the line for one shift with the team and note every deviation."),
             b.t("Findet die Ursache, die die Daten nicht zeigen.", "Finds the cause the data do not show."), "Methode"),
            (b.t("Standardarbeit für den betroffenen Ablauf festlegen und aushängen.",
                 "Define and post standard work for the affected process."),
             b.t("Macht die beste Arbeitsweise für alle Schichten verbindlich.",
                 "Makes the best way of working binding for every shift."), "Methode"),
        ][: 2 - len(chosen)]  # fmt: skip
    return chosen


def _plan_rows(
    b: _Build, measures: list[tuple[str, str, str]], start: object, check: str, kpi: str
) -> list[PlanRow]:
    """One row per countermeasure a week apart, then the check of the effect."""
    day = pd.Timestamp(start)
    rows = []
    for i, (what, _, category) in enumerate(measures):
        de, en = OWNER_ROLE.get(category, OWNER_ROLE["Methode"])
        rows.append(
            PlanRow(_short(what), b.t(de, en), (day + pd.Timedelta(days=7 * (i + 1))).date().isoformat())
        )
    rows.append(
        PlanRow(
            b.t(f"Wirkung prüfen: {kpi} gegen Ziel", f"Check the effect: {kpi} against target"),
            b.t("Lean-Coach", "Lean coach"),
            check,
        )
    )
    return rows


def _short(text: str, limit: int = 90) -> str:
    """A plan row's 'what': the text up to `limit` characters, cut at a word."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _conversation_figures(b: _Build, answers: list[Answer], sources: list[Source]) -> list[Figure]:
    """The headline figure of each other answer of the conversation, with its query."""
    figures = []
    for answer in answers:
        if not answer.evidence:
            continue
        fact = answer.facts[0]
        if not isinstance(fact.value, int | float):
            continue
        sources.append(
            Source(answer.evidence[0].purpose, answer.evidence[0].sql, answer.evidence[0].row_count)
        )
        label = " – ".join(x for x in (fact.label, fact.line or "", fact.period or "") if x)
        figures.append(
            Figure(label, quantity(float(fact.value), fact.unit, b.lang), len(sources) - 1, answer.question)
        )
    return figures


def _chart(b: _Build) -> tuple[dict[str, Any] | None, str, Figure | None]:
    """The chart, its caption, and for one line over a long period the other lines' median (if worse)."""
    m = b.metric  # long periods: every line over the period; short ones: the line per day over two weeks
    if b.period.end - b.period.start >= timedelta(days=7):
        filters = b.plan.filters.replace(lines=())
        frame = b.runner.metric(
            MetricQuery(m.key, b.period, filters, ("line",)),
            b.t(f"{m.label_de} aller Linien", f"{m.label_en} of all lines"),
        )
        frame = frame[frame["value"].notna()]
        labels = [b.catalog.label("line", str(v), b.lang) for v in frame["line"]]
        marked = [str(v) in b.plan.filters.lines for v in frame["line"]]
        caption = b.t(
            f"{m.label_de} je Linie, {b.period.label_de}", f"{m.label_en} per line, {b.period.label_en}"
        )
    else:
        start = b.period.end - timedelta(days=14)
        window = TimeWindow(start, b.period.end, "", "", "range")
        frame = b.runner.metric(
            MetricQuery(m.key, window, b.plan.filters, ("day",)),
            b.t(f"{m.label_de} je Tag", f"{m.label_en} per day"),
        )
        frame = frame[frame["value"].notna()]
        days = {d for p in b.plan.periods for d in p.days}
        labels = [_day(pd.Timestamp(v), b.lang) for v in frame["day"]]
        marked = [pd.Timestamp(v).date() in days for v in frame["day"]]
        caption = b.t(
            f"{m.label_de} {b.scope()} je Tag, letzte 14 Tage",
            f"{m.label_en} of {b.scope()} per day, last 14 days",
        )
    if frame.empty:
        return None, "", None
    source = b.last_source
    benchmark = None
    rest = [float(v) * m.scale for v, mark in zip(frame["value"], marked, strict=True) if not mark]
    mine = [float(v) * m.scale for v, mark in zip(frame["value"], marked, strict=True) if mark]
    median = float(pd.Series(rest).median()) if rest else 0.0
    worse = bool(mine) and {"lower": mine[0] > median, "higher": mine[0] < median}.get(m.direction, False)
    if "line" in frame.columns and b.line is not None and rest and worse:
        label = b.t(f"{m.label_de} der anderen Linien (Median)", f"{m.label_en} of the other lines (median)")
        benchmark = Figure(f"{label} – {b.period.label(b.lang)}", b.shown(median, m.unit), source)
    values = [round(float(v) * m.scale, 3) for v in frame["value"]]
    unit = quantity(0, m.unit, b.lang).split(" ", 1)[-1]
    chart = bar_chart(
        labels,
        values,
        marked,
        f"{m.label(b.lang)} ({unit})",
        b.t("betrachtet", "in focus"),
        b.t("übrige", "others"),
    )
    return chart, f"{caption} [S{source + 1}]", benchmark


def _day(day: pd.Timestamp, language: str) -> str:
    """'Mi 19.11.' / 'Wed 11-19' without depending on the machine's locale."""
    if language == "de":
        return f"{WEEKDAYS_DE[day.weekday()]} {day.strftime('%d.%m.')}"
    return f"{WEEKDAYS_EN[day.weekday()]} {day.strftime('%m-%d')}"


def _title(
    b: _Build, value: str, benchmark: Figure | None, comparison: Figure | None, worse: str | None
) -> str:
    """A problem statement: what, where, when, how much, against what – never a countermeasure."""
    m = b.metric
    text = f"{m.label(b.lang)} {b.scope()}, {b.period.label(b.lang)}: {value}"
    if benchmark is not None:
        return text + b.t(f" (andere Linien: {benchmark.value})", f" (other lines: {benchmark.value})")
    if comparison is not None and worse is not None:
        other = comparison.label.split(" – ")[-1]
        return text + b.t(f" ({worse} gegenüber {other})", f" ({worse} vs {other})")
    return text


def _background(b: _Build, answers: list[Answer]) -> str:
    """Why this matters now: the question, the scope, the answer's first finding."""
    asked = "; ".join(f"„{a.question}“" if b.lang == "de" else f"“{a.question}”" for a in answers)
    lead = b.answer.text.replace("**", "").split(". ")[0].strip()
    media = [b.catalog.label("medium", x, b.lang) for x in b.plan.filters.media]
    return "\n".join([
        b.t(f"Anlass: {asked}", f"Trigger: {asked}"),
        b.t(f"Bereich: {b.scope()}; Kennzahl: {b.metric.label_de} – {b.metric.description_de}",
            f"Area: {b.scope()}; metric: {b.metric.label_en} – {b.metric.description_en}"),
        *([b.t(f"Medium: {', '.join(media)}.", f"Medium: {', '.join(media)}.")] if media else []),
        b.t(f"Befund der Analyse: {lead}.", f"Finding of the analysis: {lead}."),
    ])  # fmt: skip


def _condition_text(b: _Build, comparison: Figure | None) -> str:
    """The period, what it is compared with, and where the figures come from."""
    lines = [b.t(f"Zeitraum: {b.period.label_de}.", f"Period: {b.period.label_en}.")]
    if comparison is not None:
        other = comparison.label.split(" – ")[-1].rstrip(".")
        lines.append(b.t(f"Vergleich: {other}.", f"Compared with: {other}."))
    lines.append(b.t(
        "Jede Zahl stammt aus einer Abfrage der MES-Daten; [S n] verweist auf die SQL im Anhang.",
        "Every figure comes from a query of the MES data; [S n] points to its SQL in the appendix.",
    ))  # fmt: skip
    return "\n".join(lines)


def _follow_up(b: _Build, check: str, kpi: str, target: str) -> str:
    """When and by which KPI the effect is checked."""
    goal = f"{kpi} {target}".strip() if target else kpi
    return "\n".join([
        b.t(f"Prüftermin: {check}.", f"Check date: {check}."),
        b.t(f"Erfolg ist belegt, wenn {goal} erreicht ist und {b.metric.label_de} {b.scope()} stabil bleibt.",
            f"Success is proven when {goal} is reached and {b.metric.label_en} of {b.scope()} stays stable."),
        b.t(f"Nachmessen mit derselben Frage: „{b.answer.question}“.", f"Re-measure with the same question: “{b.answer.question}”."),
    ])  # fmt: skip


def _standardise(b: _Build, measures: list[tuple[str, str, str]]) -> str:
    """What becomes the standard, and where the lesson is shared (yokoten)."""
    categories = list(dict.fromkeys(category for _, _, category in measures))
    standards = ", ".join(
        STANDARD.get(c, STANDARD["Methode"])[0 if b.lang == "de" else 1] for c in categories
    )
    others = [e.id for e in b.catalog.entities("line") if e.id not in b.plan.filters.lines]
    share = ", ".join(b.catalog.label("line", line, b.lang) for line in others)
    return "\n".join([
        b.t(f"Wirksame Maßnahmen übernehmen in: {standards}.", f"Make what works part of: {standards}."),
        b.t("Ergebnis und A3 in der Shopfloor-Runde und am Teamboard vorstellen.",
            "Present the result and this A3 in the shop-floor meeting and on the team board."),
        b.t(f"Übertrag prüfen (Yokoten): {share}." if share else "Übertrag auf andere Bereiche prüfen (Yokoten).",
            f"Check where else it applies (yokoten): {share}." if share else "Check where else it applies (yokoten)."),
    ])  # fmt: skip
