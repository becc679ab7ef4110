"""The offline planner: a question becomes a Plan with a lexicon and a small grammar, no model."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..entities import EntityCatalog, EntityMatch
from ..plan import Plan
from ..semantic.catalog import METRIC_BY_KEY
from ..semantic.filters import Filters
from ..timeframes import TimeWindow, default_window, find_invalid_dates, find_shift, find_timeframes
from . import lexicon
from .language import detect_language
from .refusals import refusal
from .topics import find_topic

MAX_QUESTION_CHARS = 500
SHARE_METRICS = {"scrap_rate", "fpy", "quality_ratio"}
SHIFT_BY_START_HOUR = {6: "E", 14: "L", 22: "N"}
FILTER_OF_KIND = {
    "line": "lines", "station": "stations", "product": "products", "family": "families",
    "shift": "shifts", "team": "teams", "supplier": "suppliers", "reason": "reasons",
    "defect": "defects", "alarm": "alarms", "meter": "meters", "medium": "media",
}  # fmt: skip
VARIATION_METRIC = {"cycle_time": "cycle_time_cv", "cycle_time_median": "cycle_time_cv"}
RANK_DEFAULT = {"downtime": "reason", "stop_count": "reason", "breakdown_time": "station", "short_stops": "station",
                "scrap_count": "defect", "scrap_rate": "line", "mttr": "station"}  # fmt: skip
FOLLOW_UP = re.compile(
    r"^\s*(und|and|what about|how about|wie (?:sieht|steht) es|was ist mit|und bei|und in|und am|und für|and for|and on|and in|same for|dasselbe|das gleiche)\b"
)


@dataclass(frozen=True)
class Understanding:
    """Everything found in one question before deciding the intent."""

    question: str
    folded: str  # folded text with entities and time expressions masked out
    language: str
    windows: tuple[TimeWindow, ...]
    shift: str | None
    entities: tuple[EntityMatch, ...]
    metrics: tuple[str, ...]
    dimensions: tuple[str, ...]


class OfflinePlanner:
    """Turns German or English questions into Plans for the plant described by the catalogue."""

    name = "offline"

    def __init__(self, catalog: EntityCatalog) -> None:
        self.catalog = catalog

    def plan(
        self, question: str, now: datetime, context: Plan | None = None, language: str | None = None
    ) -> Plan:
        """The Plan of one question, in the context of the previous one."""
        text = _clean(question)
        lang = language or detect_language(text)
        refusal = _refuse_input(text, lang)
        if refusal:
            return refusal
        if lexicon.has_cue(lexicon.fold(text), "help") and len(text) < 60:
            return Plan("help", lang)
        invalid = find_invalid_dates(text)
        if invalid:
            return _invalid_date(lang, invalid)
        matches, unknown = self.catalog.find(text)
        if unknown:
            return Plan(
                "unknown_entity", lang, messages=tuple(u.message(lang, self.catalog) for u in unknown)
            )
        topic = find_topic(text)
        if topic and _asks_for_lesson(text, topic, matches, bool(find_timeframes(text, now))):
            lines = tuple(dict.fromkeys(m.entity.id for m in matches if m.entity.kind == "line"))
            return Plan("lesson", lang, topic=topic, filters=Filters(lines=lines))
        understood = self._understand(text, lang, now, matches)
        return self._decide(understood, now, context)

    def _understand(self, text: str, lang: str, now: datetime, matches: list[EntityMatch]) -> Understanding:
        """Find time frames, shifts, entities, metrics and grouping words."""
        times = find_timeframes(text, now)
        shift = find_shift(text)
        spans = [m.span for m in matches] + [t.span for t in times] + ([shift[1]] if shift else [])
        masked = _mask(text, spans)
        folded = lexicon.fold(masked)
        metrics = [h.key for h in lexicon.find_metrics(folded)]
        metrics = _refine_metrics(metrics, folded)
        return Understanding(
            question=text,
            folded=folded,
            language=lang,
            windows=tuple(t.window for t in times),
            shift=shift[0] if shift else None,
            entities=tuple(m for m in matches if m.entity.kind != "shift" or not shift),
            metrics=tuple(dict.fromkeys(metrics)),
            dimensions=tuple(h.key for h in lexicon.find_dimensions(folded)),
        )

    def _decide(self, u: Understanding, now: datetime, context: Plan | None) -> Plan:
        """Choose the intent and fill the plan."""
        follow_up = context is not None and context.intent not in ("help", "lesson", "out_of_scope")
        asks_why = lexicon.has_cue(u.folded, "why")
        names_something = bool(u.metrics or u.entities or u.windows or u.shift or asks_why)
        if (
            follow_up
            and context
            and (not u.metrics or FOLLOW_UP.search(u.folded))
            and (names_something or FOLLOW_UP.search(u.folded))
        ):
            return self._follow_up(context, u, now, asks_why)
        if not u.metrics and not u.entities:
            if lexicon.has_cue(u.folded, "overview") and len(u.folded.split()) <= 12:
                return self._fill(Plan("overview", u.language), u, now, None)
            return _out_of_scope(u.language)
        if not u.metrics and {m.entity.kind for m in u.entities} & {"medium", "meter", "alarm"}:
            u = replace(u, metrics=self._default_metrics(u))
        plan = Plan(self._intent(u), u.language, metrics=u.metrics or self._default_metrics(u))
        return self._fill(plan, u, now, None)

    def _intent(self, u: Understanding) -> str:
        """Why, overview, compare, rank, trend, breakdown or a single value."""
        folded = u.folded
        lines = [m for m in u.entities if m.entity.kind == "line"]
        if lexicon.has_cue(folded, "why"):
            return "why"
        if lexicon.has_cue(folded, "overview") and not u.metrics:
            return "overview"
        against_standard = bool(re.search(r"\b(standard|standardzeit|norm|sollzeit)\b", folded))
        if len(u.windows) >= 2 or len(lines) >= 2 or lexicon.has_cue(folded, "target"):
            return "compare"
        if (
            lexicon.has_cue(folded, "compare")
            and not lexicon.has_cue(folded, "rank")
            and not against_standard
        ):
            return "compare"
        if lexicon.has_cue(folded, "rank") or lexicon.top_n(folded):
            return "rank"
        if lexicon.has_cue(folded, "trend"):
            return "trend"
        if u.dimensions and lexicon.has_cue(folded, "breakdown"):
            return "breakdown"
        return "value" if u.metrics else "overview"

    def _default_metrics(self, u: Understanding) -> tuple[str, ...]:
        """A metric for questions that name none: stops for problems, energy for a meter."""
        kinds = {m.entity.kind for m in u.entities}
        if kinds & {"medium", "meter"}:
            return ("energy",)
        if kinds & {"defect", "supplier"}:
            return ("scrap_count",)
        if "alarm" in kinds:
            return ("short_stops",)
        return ("downtime",)

    def _fill(self, plan: Plan, u: Understanding, now: datetime, context: Plan | None) -> Plan:
        """Filters and periods from the question, then the shape of the answer."""
        filters = _filters(u, context.filters if context else Filters())
        periods, defaulted = _periods(u, plan.intent, now, context)
        if u.shift:
            filters = filters.replace(shifts=(u.shift,))
        periods, filters = _shift_windows(periods, filters)
        return _finish(
            plan.with_changes(period_defaulted=defaulted), u, plan.metrics or ("downtime",), filters, periods
        )

    def _follow_up(self, context: Plan, u: Understanding, now: datetime, asks_why: bool) -> Plan:
        """'und am Montag?', 'and line 2?', 'warum?': the previous plan with what changed."""
        intent = "why" if asks_why else context.intent
        if intent == "compare" and (u.windows or u.entities) and not u.metrics:
            intent = "value"
        filters = _filters(u, context.filters)
        if u.shift:
            filters = filters.replace(shifts=(u.shift,))
        periods, filters = _shift_windows(list(u.windows or context.periods), filters)
        if intent == "value" and len(filters.lines) >= 2:
            intent = "compare"
        plan = context.with_changes(intent=intent, language=u.language, confidence=0.9)
        keep = context if intent == context.intent and not u.dimensions and context.group_by else None
        return _finish(plan, u, u.metrics or context.metrics, filters, periods, keep)


def _finish(
    plan: Plan,
    u: Understanding,
    metrics: tuple[str, ...],
    filters: Filters,
    periods: list[TimeWindow],
    keep_shape_of: Plan | None = None,
) -> Plan:
    """Energy media, grouping, ranking and comparison, and a question back for future periods."""
    if any(METRIC_BY_KEY[m].source in ("energy", "idle") for m in metrics):
        media = tuple(m.entity.id for m in u.entities if m.entity.kind == "medium")
        if media:
            filters = filters.replace(media=media)
            metrics = tuple("energy" if m in ("electricity", "compressed_air") else m for m in metrics)
    group_by, ranking, limit, comparison = _shape(plan.intent, u, metrics, filters, len(periods))
    if keep_shape_of is not None:
        group_by, ranking, limit = keep_shape_of.group_by, keep_shape_of.ranking, keep_shape_of.limit
    if group_by in ("defect", "batch") and metrics[0] in SHARE_METRICS:
        metrics = ("scrap_count", *metrics[1:])  # a share per defect is 100 %: count them instead
    future = [p for p in periods if p.future]
    return plan.with_changes(
        metrics=metrics,
        filters=filters,
        periods=tuple(periods),
        comparison=comparison,
        group_by=group_by,
        ranking=ranking,
        limit=limit,
        intent="clarify" if future else plan.intent,
        messages=tuple(_future_message(plan.language, p) for p in future),
    )


CHANGEOVER_METRICS = {"changeover_count", "changeover_time", "setup_ratio"}


def _refine_metrics(metrics: list[str], folded: str) -> list[str]:
    """Words around a metric that change which one is meant: 'schwankt', 'so lange', 'Standard', 'Fehler'."""
    if metrics and lexicon.has_cue(folded, "variation"):
        metrics = [VARIATION_METRIC.get(m, m) for m in metrics]
    if any(m in CHANGEOVER_METRICS for m in metrics):
        if re.search(r"\b(standard|standardzeit|norm|sollzeit)\b", folded):
            metrics = ["changeover_vs_standard" if m in CHANGEOVER_METRICS else m for m in metrics]
        elif re.search(r"\b(lange|long|longer|dauer\w*|take|takes|taking|how long|wie lange)\b", folded):
            metrics = ["changeover_time" if m == "changeover_count" else m for m in metrics]
    if not metrics and re.search(r"\b(fehler|fehlerart|defekt\w*|defect|defects|reject reason)\b", folded):
        metrics = ["scrap_count"]
    return metrics


def _clean(question: str) -> str:
    """Printable text on one line."""
    text = "".join(ch if ch.isprintable() else " " for ch in question)
    return re.sub(r"\s+", " ", text).strip()


def _refuse_input(text: str, lang: str) -> Plan | None:
    """Empty, overlong, SQL or junk input gets a clear answer instead of a guess."""
    if not text or not re.search(r"[^\W\d_]", text):
        return Plan("out_of_scope", lang, messages=(_t(lang, "empty"),))
    if len(text) > MAX_QUESTION_CHARS:
        return Plan("out_of_scope", lang, messages=(_t(lang, "too_long"),))
    key = refusal(text)
    if key == "language":
        return Plan("out_of_scope", lang, messages=(f"{_t('de', 'language')} / {_t('en', 'language')}",))
    if key:
        return Plan("out_of_scope", lang, messages=(_t(lang, key),))
    return None


METRIC_TOPICS = {"oee", "takt"}
DEFINITION = re.compile(
    r"(was ist|was sind|was bedeutet|was heisst|was versteht man unter|erklaer\w*|what is|what's|whats|what does|"
    r"explain|define|tell me about|meaning of|wie setzt sich|wie funktioniert|how does|how is|unterschied zwischen|"
    r"difference between|wie berechnet man|how do you calculate)\s+(?:(?:ein|eine|einen|an?|mir|den|die|der|das|the|bitte|mal|kurz|eigentlich)\s+){0,3}"
    r"[\"'„“]?(oee|takt|kundentakt|gesamtanlageneff|overall equipment)"
    r"|(oee|takt)\w*\W+(?:\w+\W+)?(what is it|what's that|was ist das|was heisst das)"
)


TEACH = re.compile(r"\b(erklaer\w*|explain|teach|lektion|lesson|zeig mir was|bring mir)\b")


def _asks_for_lesson(text: str, topic: str, matches: list[EntityMatch], has_time: bool) -> bool:
    """'Was ist Heijunka?' is a lesson; 'Was ist die OEE von Linie 1 gestern?' and 'und die OEE?' are figures.

    A line may be named to see the lesson on it ('Erklär mir SMED an Linie 2'); for OEE and takt only
    with an explicit request to teach, since 'What is OEE on line 1?' asks for the figure. Any other
    Lean term asked about without a line, station, product or period is a question about the concept.
    """
    folded = lexicon.fold(text)
    kinds = {m.entity.kind for m in matches}
    if has_time or kinds & {"station", "product"} or FOLLOW_UP.search(folded):
        return False
    if "line" in kinds:
        return bool(TEACH.search(folded)) if topic in METRIC_TOPICS else lexicon.has_cue(folded, "lesson")
    if topic in METRIC_TOPICS:
        return bool(DEFINITION.search(folded)) or folded.strip(" ?!.") in (
            "oee",
            "takt",
            "taktzeit",
            "takt time",
        )
    return True  # a Lean term with no line, station, product or period asks about the concept


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out the given character spans, keeping positions."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _filters(u: Understanding, inherited: Filters) -> Filters:
    """Entity restrictions from the question; kinds it does not name are kept from the context."""
    named: dict[str, list[str]] = {}
    for match in u.entities:
        kind = FILTER_OF_KIND.get(match.entity.kind)
        if kind and match.entity.id not in named.setdefault(kind, []):
            named[kind].append(match.entity.id)
    if "stations" in named and "lines" not in named:
        named["lines"] = sorted({s.split("-")[0] for s in named["stations"]})
    changes = {kind: tuple(ids) for kind, ids in named.items()}
    if "lines" in changes and "lines" in inherited.used():
        changes.setdefault("stations", ())
    return inherited.replace(**changes)


def _periods(
    u: Understanding, intent: str, now: datetime, context: Plan | None
) -> tuple[list[TimeWindow], bool]:
    """The windows asked for, or a default: four weeks for causes and trends, one week otherwise."""
    if u.windows:
        return list(u.windows), False
    if context and context.periods:
        return list(context.periods), context.period_defaulted
    days = 28 if intent in ("why", "trend") else 7
    return [default_window(now, days)], True


def _shift_windows(periods: list[TimeWindow], filters: Filters) -> tuple[list[TimeWindow], Filters]:
    """'last shift' becomes its day plus a shift filter, so shift KPIs use shift_date."""
    result = []
    for window in periods:
        if window.grain == "shift" and window.start.hour in SHIFT_BY_START_HOUR:
            filters = filters.replace(shifts=(SHIFT_BY_START_HOUR[window.start.hour],))
            day = datetime.combine(window.start.date(), datetime.min.time())
            result.append(TimeWindow(day, day + timedelta(days=1), window.label_de, window.label_en, "shift"))
        else:
            result.append(window)
    return result, filters


def _shape(
    intent: str, u: Understanding, metrics: tuple[str, ...], filters: Filters, n_periods: int
) -> tuple[str | None, str | None, int | None, str | None]:
    """Grouping, ranking, limit and comparison for an intent."""
    metric = METRIC_BY_KEY[metrics[0]]
    dimension = u.dimensions[0] if u.dimensions else None
    order = _rank_order(u.folded, metric.direction)
    if intent == "compare":
        if n_periods >= 2:
            return None, None, None, "periods"
        if len(filters.lines) >= 2:
            return "line", None, None, "lines"
        if lexicon.has_cue(u.folded, "target"):
            return None, None, None, "target"
        return "line", None, None, "lines"
    if intent == "rank":
        group = dimension if (dimension and dimension != "line") or not filters.lines else None
        group = group or (RANK_DEFAULT.get(metric.key, "line") if filters.lines else "line")
        return group, order, lexicon.top_n(u.folded) or 5, None
    if intent == "trend":
        return dimension if dimension in ("day", "week", "shift", "hour") else "day", None, None, None
    if intent == "breakdown":
        return dimension, "desc", None, None
    return None, None, None, None


def _rank_order(folded: str, direction: str) -> str:
    """'most/highest' → largest first; 'lowest/least' → smallest; 'best/worst' follow the metric's direction."""
    if re.search(r"\b(best\w*|beste\w*)\b", folded):
        return "asc" if direction == "lower" else "desc"
    if re.search(r"\b(worst|schlechtest\w*)\b", folded):
        return "desc" if direction == "lower" else "asc"
    if re.search(r"\b(lowest|least|fewest|niedrigst\w*|wenigst\w*|geringst\w*)\b", folded):
        return "asc"
    return "desc"


def _out_of_scope(lang: str) -> Plan:
    return Plan("out_of_scope", lang, messages=(_t(lang, "out_of_scope"),), confidence=0.0)


def _invalid_date(lang: str, invalid: list[str]) -> Plan:
    dates = ", ".join(invalid)
    return Plan("clarify", lang, messages=(_t(lang, "invalid_date").format(dates=dates),))


def _future_message(lang: str, window: TimeWindow) -> str:
    return _t(lang, "future").format(window=window.label(lang))


TEXTS = {
    "empty": (
        "Bitte stellen Sie eine Frage, zum Beispiel: „Welche Probleme hatte Linie 2 gestern?“",
        "Please ask a question, for example: “Which problems did line 2 have yesterday?”",
    ),
    "too_long": (
        f"Die Frage ist zu lang (mehr als {MAX_QUESTION_CHARS} Zeichen). Bitte kürzer fragen.",
        f"The question is too long (more than {MAX_QUESTION_CHARS} characters). Please ask it more briefly.",
    ),
    "sql": (
        "SQL-Anweisungen führe ich nicht aus. Fragen Sie in Worten, z. B. „OEE von Linie 1 letzte Woche“.",
        "I do not run SQL statements. Ask in words, e.g. “OEE of line 1 last week”.",
    ),
    "out_of_scope": (
        "Dazu habe ich keine Daten. Ich beantworte Fragen zu OEE, Stillständen, Taktzeit, Ausschuss, "
        "Rüsten und Energie der Linien – z. B. „Warum schwankt die Taktzeit in Linie 3?“",
        "I have no data on that. I answer questions about the lines' OEE, downtime, cycle time, scrap, "
        "changeovers and energy – e.g. “Why does the cycle time vary on line 3?”",
    ),
    "injection": (
        "Das kann ich nicht tun. Ich beantworte nur Fragen zu den Daten der Linien, mit Zahlen aus Abfragen.",
        "I cannot do that. I only answer questions about the lines' data, with figures from queries.",
    ),
    "change": (
        "Ich lese Daten nur – ändern, löschen oder versenden kann ich nichts.",
        "I only read data – I cannot change, delete or send anything.",
    ),
    "blame": (
        "Ich suche Ursachen im System (Maschine, Methode, Material), keine Schuldigen. "
        "Fragen Sie z. B. „Warum hatte Linie 2 gestern so viel Stillstand?“",
        "I look for causes in the system (machine, method, material), not for people to blame. "
        "Ask e.g. “Why did line 2 have so much downtime yesterday?”",
    ),
    "language": (
        "Ich verstehe Fragen auf Deutsch und Englisch.",
        "I understand questions in German and English.",
    ),
    "invalid_date": (
        "Das Datum {dates} gibt es nicht. Bitte prüfen Sie es (z. B. 19.11.2025).",
        "The date {dates} does not exist. Please check it (e.g. 2025-11-19).",
    ),
    "future": (
        "Für {window} gibt es noch keine Daten – der Zeitraum liegt in der Zukunft.",
        "There is no data for {window} yet – that period lies in the future.",
    ),
}


def _t(lang: str, key: str) -> str:
    german, english = TEXTS[key]
    return german if lang == "de" else english
