"""The offline planner: a question becomes a Plan with a lexicon and a small grammar, no model.

A question is read as measure × filters × window × grouping × comparison. Words nothing understood
are corrected when they are a near miss of a known word (and the answer says so), and a question
that names something the planner cannot place is asked back with concrete readings, never guessed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..advisor.planning import advice_plan
from ..advisor.words import advice_kind, asks_saving
from ..entities import EntityCatalog, EntityMatch, said_as_verb
from ..formatting import UNIT_FACTORS
from ..plan import Plan
from ..semantic.catalog import ADDITIVE_UNITS, METRIC_BY_KEY
from ..semantic.filters import Filters
from ..semantic.latest import has_latest
from ..semantic.records import RECORDS, measure_key, record_of
from ..timeframes import (
    NUMBER_WORDS,
    TimeMatch,
    TimeWindow,
    days_before,
    default_window,
    find_invalid_dates,
    find_timeframes,
    previous_window,
    range_ends,
    same_week_weekdays,
    since_day,
)
from ..vocabulary import names_a_colour
from . import asking, lexicon, my_line, shape
from .corrections import Correction, Corrector, apply, ordinary, unplaced
from .kinds import several_kinds
from .language import detect_language
from .latest import MOST as MOST_LISTED
from .latest import (
    asked_latest,
    asked_latest_named,
    asked_list,
    asked_next,
    asked_records,
    asked_since,
    listed_order,
)
from .measures import (
    AS_PART,
    DAILY,
    EXCESS,
    HOW_FAR,
    SECOND_PART,
    SLOWER_THAN_TAKT,
    MeasureChoice,
    aggregation_of,
    choose,
    counted_instead,
    kpi_per,
    order_progress,
    quantity_field,
    second_aggregation,
    variants,
)
from .notes import asked_noted, searched_notes
from .refusals import refusal
from .sides import sided_shifts, split_sides, whole_before
from .tariffs import tariff_plan
from .texts import PEOPLE_TOPICS, message, process_view
from .topics import find_topic
from .vocab import slots, vocabulary

MAX_QUESTION_CHARS = 500
SHARE_METRICS = {"scrap_rate", "fpy", "quality_ratio"}
FILTER_OF_KIND = {
    "line": "lines", "station": "stations", "product": "products", "family": "families",
    "shift": "shifts", "team": "teams", "supplier": "suppliers", "batch": "batches", "order": "orders", "work_order": "work_orders", "reason": "reasons",
    "defect": "defects", "defect_category": "defect_categories", "alarm": "alarms", "meter": "meters", "medium": "media",
}  # fmt: skip
PART_KINDS = (
    "station",
    "product",
    "family",
    "shift",
    "team",
    "supplier",
    "reason",
    "defect",
    "defect_category",
    "alarm",
    "meter",
    "medium",
)
VARIATION_METRIC = {"cycle_time": "cycle_time_cv", "cycle_time_median": "cycle_time_cv"}
RANK_DEFAULT = {"downtime": "reason", "stop_count": "reason", "breakdown_time": "station", "short_stops": "station",
                "scrap_count": "defect", "scrap_rate": "line", "mttr": "station"}  # fmt: skip
FOLLOW_UP = re.compile(
    r"^\s*(und|and|what about|how about|pro|per|je|wie (?:sieht|steht) es|was ist mit|und bei|und in|und am|und für|and for|and on|and in|same for|dasselbe|das gleiche|davon|of that|of those|und wie|and how|und welche|and which|which one|welche[rs]? davon|which of them|which of those)\b"
)
BACK_REFERENCE = re.compile(
    r"\b(das|dort|da|davon|dazu|dafuer|die|those|that|these|there|it|them|dabei|daran|one|for that|for it)\b"
)
THERE = re.compile(
    r"\b(dort|da|there|at that one|at it|on it|an (?:der|dem|ihr|ihm)|bei (?:der|dem|ihr|ihm))\s*(?:\W|$)"
)
CHANGEOVER_METRICS = {"changeover_count", "changeover_time", "setup_ratio"}
FIGURES = re.compile(r"\b(zahlen|kennzahlen|werte|kpis?|figures|numbers|stats|statistics|daten)\b")
STATE_NOW = re.compile(
    r"\b(gerade|aktuell|derzeit|momentan|jetzt|currently|right now|at the moment|now|still)\b"
)
PLACE_NUMBERED = re.compile(
    r"\b(?:halle|hall|gebäude|gebaeude|building|bereich|area|zone|sektor|sector|werk|plant|fabrik|factory)\s+\d+\b",
    re.IGNORECASE,
)
DEPARTMENT = re.compile(  # 'Schweißerei', 'welding shop': a shop of a plant, which this one may not have
    r"\b[^\W\d_]{3,}erei\b|\b[^\W\d_]{4,}\s+shop\b", re.IGNORECASE
)
NOT_RUNNING = re.compile(
    r"\b(not running|wasn'?t running|was not running|not producing|not in operation|nicht lief|nicht laeuft|"
    r"nicht in betrieb|nicht produziert\w*)\b"
)
CUT_SHORT_KINDS = ("line", "station", "product", "family", "team", "supplier", "reason", "defect", "alarm")
GROUPED_BY = re.compile(
    r"\b(broken down|broken out|split up)\s+(?:by|into|per|across)\b"
)  # a grouping, no breakdown
WHOLE_PERIOD = re.compile(
    r"\b(ganze[nr]? (?:daten)?zeitraum|gesamte[nr]? (?:daten)?zeitraum|whole (?:data )?period|since the data starts|"
    r"seit (?:beginn|anfang|start) der (?:daten|aufzeichnung\w*)|all time|since (?:the )?(?:data|records) (?:start|began)\w*|"
    r"since the (?:beginning|start) of (?:the )?(?:data|records)|overall period|seit datenbeginn|entire period|all the data(?: we have)?|"
    r"alle daten|gesamten daten\w*|ueber alle daten|all available data|seit aufzeichnungsbeginn|"
    r"in the data(?: so far)?|in den daten|bisher insgesamt|so far in total|to date|bis heute insgesamt|"
    r"seit datenanfang|seit dem datenbeginn|since the start of the data|since records began|all data|"
    r"since (?:we|they) (?:started|began) (?:recording|tracking|logging|measuring)|since (?:recording|tracking) (?:started|began)|"
    r"seit wir (?:aufzeichnen|erfassen|messen)|seit (?:es )?(?:die )?aufzeichnung(?:en)? (?:gibt|laeuft|laufen)|"
    r"bisher|bislang|bis jetzt|bis heute|so far|up to now|until now|"
    r"(?:whole|entire|all) history|(?:gesamte|ganze)[nr]? historie|ever|jemals|aller zeiten|of all time)\b"
)
OCCURRENCE = re.compile(  # 'the best shift we ever had': one shift on one day, not a kind of shift
    r"\b(?:ever|jemals|aller zeiten|of all time|we(?: ever)? had|wir (?:je )?hatten|wir je)\b"
)
HABITUAL = re.compile(  # 'wie lange dauert ein Wechsel im Schnitt': how things usually are, over all the data
    r"\b(dauert|dauern|take|takes|do they take|does it take|normalerweise|usually|normally|typischerweise|"
    r"in der regel|generally|ueblicherweise|ueberzieh\w*|ueberschreit\w*|exceed\w*|overrun\w*)\b"
)
NO_STATION = re.compile(
    r"\b(no station|without (?:a )?station|keine station|ohne station|station (?:is )?(?:missing|empty|not recorded)|"
    r"station fehlt|ohne stationsangabe)\b"
)
FURTHEST = re.compile(r"\b(am weitesten|furthest|farthest|most (?:below|above)|am meisten (?:unter|ueber))\b")
ALL_LINES = re.compile(r"\b(alle[rn]? linien|all (?:the )?lines|each line|every line|jede[rn]? linie)\b")
LINES_COUNTED = re.compile(
    r"\b(wie ?viele|how many|anzahl (?:der )?)\s*(linien|lines)\b"
)  # 'how many lines missed …'
TARGET_SENSES = (  # which lines a count against their targets counts: 'how many lines met their target'
    ("missed", re.compile(r"\b(missed|verfehlt\w*|nicht erreicht|not (?:meet|met|reach\w*)|fell short)\b")),
    ("met", re.compile(r"\b(met|meet|reached|achieved|hit|erreicht\w*|geschafft|eingehalten)\b")),
    ("below", re.compile(r"\b(below|under|beneath|unter|unterhalb|darunter|drunter)\b")),
    ("above", re.compile(r"\b(above|over|ueber|oberhalb|darueber|drueber)\b")),
)


def target_sense(folded: str) -> str | None:
    """The lines a question about targets counts: those that missed, met, or lie below or above it."""
    senses = [name for name, pattern in TARGET_SENSES if pattern.search(folded)]
    if {"below", "above"} <= set(senses) and senses[0] in ("below", "above"):
        return None  # 'how far above or below target is each': every line, the furthest off first
    if not senses and BEST_OR_WORST.search(folded):
        return "ranked"  # 'which line did best against its target': by the gap, best first
    return senses[0] if senses else None


BEST_OR_WORST = re.compile(r"\b(best\w*|beste\w*|am besten|worst|schlechtest\w*|am schlechtesten)\b")
PER_GOOD_PART = re.compile(
    r"\b(?:pro|per|je|for each|for every)\s+(?:gutteil\w*|gute[sn]? teil\w*|good (?:part|unit|piece)s?|teil|part|unit|stueck)\b"
)
WHO_MORE = re.compile(
    r"\b(?:wer|welche[rs]?|which(?: one)?|who)\b[^?]*\b(?:mehr|weniger|more|less|fewer|hoeher|niedriger|higher|lower|"
    r"besser|schlechter|better|worse)\b"
    r"|\b(?:were there|was there|gab es|hatten wir|did we have)\b[^?]*\b(?:mehr|weniger|more|fewer|less)\b[^?]*\b(?:or|oder)\b"
)  # 'L1 oder L3 – wer hatte mehr …?', 'were there more … in the early or the late shift?': the one ahead first
GOOD_THING = re.compile(r"\b(good|gute[n]?)(\s{6,})")  # 'good Halter HB-120': a named thing's good units


def _good_units(match: re.Match[str]) -> str:
    """'good' before a name (blanked) reads as 'good units', keeping the question's positions."""
    word = "good units" if match.group(1) == "good" else "gutteile"
    return word.ljust(len(match.group(0)))


A_THING = re.compile(  # 'the OEE of the line': a figure of one thing not named, not the concept
    r"\b(?:(?:of|on|at|for|von|an|auf|bei|fuer)\s+(?:the|this|our|my|der|dieser|unserer|meiner|die)"
    r"|der|dieser|unserer|meiner)\s+(?:line|linie|\w*anlage|\w*station|\w*maschine|machine|press|\w*presse)\b"
    r"|\b(?:hat|hatte|haben|war|ist|did|does|has|had|is|was)\s+(?:die|the|diese|this)\s+(?:line|linie|anlage)\b"
)  # 'wie viel hat die Linie verbraucht?'
HOW_IT_STANDS = re.compile(
    r"\bwie\s+(?:steht|stehts|stehen)(?:\s+es)?(?:\s+um)?\b"
)  # 'wie steht die OEE': no stop
DATA_GAPS = re.compile(  # 'events with no station recorded': a question about the data set itself
    r"\b(no station|without (?:a )?station|keine station|ohne station|not recorded|nicht erfasst|nicht eingetragen|"
    r"missing|fehlende[nr]?)\b"
)


@dataclass(frozen=True)
class Understanding:
    """Everything found in one question before deciding the intent."""

    question: str
    folded: str  # folded text with entities and time expressions masked out
    full: str  # the whole folded question
    language: str
    windows: tuple[TimeWindow, ...]
    entities: tuple[EntityMatch, ...]
    metrics: tuple[str, ...]
    choice: MeasureChoice
    dimensions: tuple[str, ...]
    durations: tuple[str, ...] = ()  # 'longer than 30 min': limits on the records' own duration

    def kinds(self) -> set[str]:
        """The kinds of entity named."""
        return {m.entity.kind for m in self.entities}

    def named(self, kind: str) -> list[str]:
        """The ids of one kind of entity, in the order named, once each."""
        if kind == "family_change":
            return family_changes_named(self.folded)
        return list(dict.fromkeys(m.entity.id for m in self.entities if m.entity.kind == kind))


class OfflinePlanner:
    """Turns German or English questions into Plans for the plant described by the catalogue."""

    name = "offline"

    def __init__(
        self,
        catalog: EntityCatalog,
        known: frozenset[str] | None = None,
        known_slots: dict[str, str] | None = None,
    ) -> None:
        """`known` and `known_slots`: the vocabulary and slots already derived from this catalogue."""
        self.catalog = catalog
        self.vocabulary = vocabulary(catalog) if known is None else known
        self.corrector = Corrector(self.vocabulary, slots() if known_slots is None else known_slots)
        self._alias_words = sorted(self.catalog.alias_words())

    def plan(
        self,
        question: str,
        now: datetime,
        context: Plan | None = None,
        language: str | None = None,
        line: str | None = None,
    ) -> Plan:
        """The Plan of one question, in the context of the previous one; `line` is the asker's own line."""
        text = _clean(question)
        lang = language or detect_language(text, context.language if context else "de")
        refused = _refuse_input(text, lang)
        if refused:
            return refused
        text, phrases = searched_notes(text)
        text, corrections = self._corrected(text, now)
        plan = self._plan(text, lang, now, context, line)
        if phrases and plan.intent not in (
            "out_of_scope",
            "lesson",
            "help",
            "clarify",
            "unknown_entity",
        ):  # 'wie oft stand „Stau an der Rutsche“ in den Notizen?'
            plan = plan.with_changes(filters=plan.filters.replace(notes=phrases))
        plan = _in_unit(plan, text)
        leftover = self._unplaced(text, now) if plan.intent not in ("out_of_scope", "lesson", "help") else []
        plan = asking.unplaced_words(plan, leftover, self.catalog, text)
        return plan.with_changes(corrections=tuple((c.written, c.read) for c in corrections))

    def _plan(
        self, text: str, lang: str, now: datetime, context: Plan | None, line: str | None = None
    ) -> Plan:
        """The plan of the (corrected) question."""
        if lexicon.has_cue(lexicon.fold(text), "help") and len(text) < 60 and find_topic(text) is None:
            return Plan("help", lang)  # 'Kanban – wie funktioniert das?' asks for the lesson
        invalid = find_invalid_dates(text)
        if invalid:
            return Plan(
                "clarify", lang, messages=(message(lang, "invalid_date").format(dates=", ".join(invalid)),)
            )
        matches, unknown = self.catalog.find(text)
        unknown = [
            x for x in unknown if not PERCENTILE_CODE.fullmatch(x.text.strip())
        ]  # 'P90' is a percentile
        found = find_timeframes(text, now, self.catalog.shift_pattern)
        times = _compared_ends(text, same_week_weekdays(found, now), now)
        topic = find_topic(text)
        lesson = bool(topic and _asks_for_lesson(text, topic, matches, bool(times)))
        if unknown and not (lesson and all(x.candidates for x in unknown)):  # 'Was ist SMED? … an der Presse'
            return asking.unknown_entities(lang, unknown, self.catalog, text)
        if lesson:
            lines = tuple(dict.fromkeys(m.entity.id for m in matches if m.entity.kind == "line"))
            return Plan("lesson", lang, topic=topic, filters=Filters(lines=lines))
        defined = _defined_metric(text, matches, times)
        if defined:
            return Plan("lesson", lang, topic=defined)
        understood = self._understand(text, lang, times, matches)
        return self._decide(understood, now, context, line)

    def _corrected(self, text: str, now: datetime) -> tuple[str, list[Correction]]:
        """The question with near misses of known words corrected, and the corrections said aloud."""
        taken = self._taken(text, now)
        folded = lexicon.fold(text)
        missing = set()
        if not find_timeframes(text, now, self.catalog.shift_pattern):
            missing.add("time")
        if not lexicon.find_metrics(folded) and not lexicon.find_words(folded, lexicon.RECORD_WORDS):
            missing.add("measure")
        corrections = self._cut_short(text, taken, frozenset(missing))
        corrections += self.corrector.correct(text, taken + [c.span for c in corrections], frozenset(missing))
        if not corrections:
            return text, []
        return apply(text, corrections), [c for c in corrections if not c.silent]

    def _cut_short(
        self, text: str, taken: list[tuple[int, int]], missing: frozenset[str]
    ) -> list[Correction]:
        """A name cut short that completes to one thing only: 'auf der Lacki' as 'Lackierung' (said aloud).

        A typo of a word the question lacks goes first: 'am Monta' with no day named is Monday.
        """
        found = []
        for m in re.finditer(r"[^\W\d_]{4,}", text):
            word = lexicon.fold(m.group())
            if (
                any(_overlap(m.span(), t) for t in taken)
                or self.corrector.known(m.group())
                or ordinary(m.group())
            ):
                continue
            typo = self.corrector.closest(m.group(), missing)
            if typo is not None and self.corrector.slots.get(typo) in missing:
                continue
            completions = sorted((w for w in self._alias_words if w.startswith(word) and w != word), key=len)
            things: dict[tuple[str, str], str] = {}
            for completion in completions:  # shortest first: each thing by its shortest completion
                for e in self.catalog.find(completion)[0]:
                    things.setdefault((e.entity.kind, e.entity.id), completion)
            kind = next((k for k in CUT_SHORT_KINDS if any(t[0] == k for t in things)), None)
            named = [w for t, w in things.items() if t[0] == kind]
            if len(named) == 1 and len(word) * 2 >= len(named[0]):  # the line before a team of its name
                found.append(Correction(m.group(), named[0], m.span()))
        return found

    def _taken(self, text: str, now: datetime) -> list[tuple[int, int]]:
        """Spans that entities and time expressions explain."""
        matches, unknown = self.catalog.find(text)
        spans = [m.span for m in matches] + [u.span for u in unknown]
        return spans + [t.span for t in find_timeframes(text, now, self.catalog.shift_pattern)]

    def _unplaced(self, text: str, now: datetime) -> list[str]:
        """Words nothing explains, and compounds of a known thing the plant does not have ('Schweißroboter')."""
        taken = self._taken(text, now)
        words = unplaced(text, taken, self.vocabulary)
        for m in re.finditer(r"[^\W\d_]{8,}", text):
            if (
                m.group() not in words
                and not any(_overlap(m.span(), t) for t in taken)
                and self._variant_of_thing(m.group())
            ):
                words.append(m.group())
        for pattern in (
            PLACE_NUMBERED,
            DEPARTMENT,
        ):  # 'hall 3', 'Schweißerei': a place the data does not name
            for m in pattern.finditer(text):
                if not any(_overlap(m.span(), t) for t in taken) and m.group() not in words:
                    words.append(m.group())
        for m in re.finditer(r"[^\W\d_]{3,}", text):  # 'the red panels' where no product is red
            if (
                m.group() not in words
                and not any(_overlap(m.span(), t) for t in taken)
                and names_a_colour(m.group())
                and not said_as_verb(text, m.span())
            ):
                words.append(m.group())
        return words

    def _variant_of_thing(self, word: str) -> bool:
        """A word that ends in a station or line word but names nothing of the plant: 'Schweißroboter'."""
        folded = lexicon.fold(word)
        if folded in self.vocabulary or ordinary(word):  # 'weitesten' ends in 'testen', and is no machine
            return False
        for cut in range(3, len(folded) - 4):
            matches, unknown = self.catalog.find(folded[cut:])
            kinds = {m.entity.kind for m in matches} | {u.kind for u in unknown}
            if kinds & {"station", "line"}:
                return True
        return False

    def _understand(
        self, text: str, lang: str, times: list[TimeMatch], matches: list[EntityMatch]
    ) -> Understanding:
        """Find time frames, entities, the measure and grouping words."""
        matches = [m for m in matches if not any(_overlap(m.span, t.span) for t in times)]
        previous = lexicon.cue_spans(lexicon.fold(text), "previous")
        inside = [
            t for t in times if any(p[0] <= t.span[0] and t.span[1] <= p[1] and t.span != p for p in previous)
        ]
        times = _distinct([t for t in times if t not in inside])  # 'last week' in 'the same days last week'
        times, filtering = sided_shifts(text, times, matches)

        masked = _mask(text, [m.span for m in matches] + [t.span for t in times])
        folded = lexicon.generic_units(lexicon.fold(masked))
        previous_folded = lexicon.cue_spans(folded, "previous")
        durations = duration_limits(folded)
        folded = MEASURE_PAIR.sub(
            lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), folded
        )  # 'good vs total': both figures of the units, no comparison of lines
        for limit in (DURATION_LIMIT, RELATIVE_LIMIT, PERCENT_OVER_LIMIT, BREAK_DOWN, WHERE_AS_REMARK):
            folded = limit.sub(
                lambda m: " " * len(m.group()), folded
            )  # the limit is no comparison; no stop in 'break down'
        whole = WHOLE_PERIOD.search(folded)
        if whole:
            folded = folded[: whole.start()] + " " * (whole.end() - whole.start()) + folded[whole.end() :]
        blanks = (
            [m.span(1) for m in _excluded(folded)]
            + [m.span() for m in shape.FACTOR.finditer(folded)]
            + [m.span() for m in EITHER_WAY.finditer(folded)]
            + [m.span() for m in IN_UNIT.finditer(folded)]
            + [m.span() for m in HOW_IT_STANDS.finditer(folded)]
            + [m.span(1) for m in GROUPED_BY.finditer(folded)]
        )
        folded = GOOD_THING.sub(_good_units, folded)
        measured = _blank(folded, blanks + _attached(text, matches))
        hits = lexicon.find_metrics(measured)
        if not hits:  # the hyphenated word is the only measure named: 'Druckluft-Grundlast'
            measured = _blank(folded, blanks)
            hits = lexicon.find_metrics(measured)
        metrics = _refine_metrics([h.key for h in hits], measured)
        if PER_GOOD_PART.search(measured) and any(m.entity.kind in ("medium", "meter") for m in matches):
            measured = _blank(measured, [m.span() for m in PER_GOOD_PART.finditer(measured)])
            metrics = [
                "energy_per_good_unit"
            ]  # 'wie viel Druckluft pro Gutteil': a medium's energy per good unit
            hits = [h for h in hits if h.key == "energy_per_good_unit"]
        choice = choose(measured, metrics, hits, per_hint=_per_named_shift(text, matches))
        choice = counted_instead(choice, folded)
        if any(m.entity.kind == "order" for m in matches):  # 'Auftrag PO-L1-0081': the noun is the order's
            choice = order_progress(folded) or _order_quantity(folded) or choice
        late = choice.metrics == ("late_changeover__count",) or (
            choice.record == "changeover" and choice.field == "excess"
        )
        if shape.FACTOR.search(folded) and late:
            choice = replace(
                choice, metrics=("changeover_time",), record=None, aggregation=None
            )  # 'um welchen Faktor über Standard', 'how much longer than standard, as a factor'
        return Understanding(
            question=text,
            folded=folded,
            full=lexicon.fold(text),
            language=lang,
            windows=tuple(t.window for t in times),
            entities=tuple(filtering),
            metrics=tuple(dict.fromkeys(metrics)),
            choice=choice,
            dimensions=tuple(
                h.key
                for h in lexicon.find_dimensions(_blank(folded, previous_folded + _not_groupings(folded)))
            )  # 'only the family changes' restricts to them; it groups by nothing
            + _periods_among(lexicon.fold(text)),
            durations=durations,
        )

    def _no_price_for(self, lang: str, media: tuple[str, ...]) -> str:
        """'Für Druckluft haben die Daten keine Preise; Preise gibt es für Strom.'"""
        names = ", ".join(self.catalog.label("medium", m, lang) for m in media)
        priced = ", ".join(self.catalog.label("medium", m, lang) for m in sorted(self.catalog.priced_media))
        return message(lang, "unpriced_medium").format(media=names, priced=priced)

    # ----- deciding -----------------------------------------------------------------------------

    def _decide(self, u: Understanding, now: datetime, context: Plan | None, line: str | None = None) -> Plan:
        """Choose the intent and fill the plan."""
        mine = line if line and my_line.applies(u.kinds(), u.full) else None
        follow_up = context is not None and context.intent not in ("help", "lesson", "out_of_scope")
        asks_why = lexicon.has_cue(u.folded, "why")
        saving = asks_saving(u.full)  # 'Druckluft sparen': the medium is named, not measured
        kind = None if asks_why else advice_kind(u.folded) or ("improve" if saving else None)
        if kind is not None and (u.choice.metrics or kind == "whatif" or saving):
            measure = u.choice.metrics or _default_metrics(u)
            filled = self._fill(Plan(kind, u.language, metrics=measure or ("oee",)), u, now)
            return advice_plan(filled, u.folded, u.metrics if measure else ())
        measure = u.choice.metrics
        if measure == ("output",) and "alarm" in u.kinds() and not _units_named(u):
            measure = _default_metrics(
                u
            )  # 'how many e-stops were pressed': the alarm counted, not parts pressed
        names_something = bool(
            measure or u.entities or u.windows or asks_why or _shapes(u) or _changes_shape(u, context)
        )
        if (
            follow_up
            and context
            and context.metrics
            and not measure
            and not names_something
            and asked_unit(u.full)
        ):
            return context.with_changes(confidence=0.9)  # 'in Stunden bitte': the same figure in another unit
        as_rate = bool(
            context and context.metrics[:1] and context.metrics[0] in RATE_OF and AS_PERCENT.search(u.full)
        )
        if (
            follow_up
            and context
            and (not measure or FOLLOW_UP.search(u.full) or _refers_back(u) or _factor_of_last(u, context))
            and (names_something or FOLLOW_UP.search(u.full) or (as_rate and _refers_back(u)))
        ):  # 'wie viel Prozent war das?' after a scrap count asks for its rate
            return self._follow_up(context, u, now, asks_why)
        shared = several_kinds(u, self.catalog, u.question)
        if shared is not None:
            return shared
        priced = tariff_plan(u, self.catalog.priced_media)
        if priced is not None:
            return priced
        if u.choice.impossible:
            return asking.impossible(u.language, u.choice)
        money = _asks_money(u)
        if money and not (self.catalog.has_prices and _energy_asked(u)):  # euros only for priced energy
            topic = "costs_not_in_chat" if self.catalog.has_prices else "no_prices"
            return Plan("out_of_scope", u.language, messages=(message(u.language, topic),), topic=topic)
        unpriced = _unpriced_media(u, self.catalog) if money else ()
        if unpriced:
            return Plan(
                "out_of_scope",
                u.language,
                messages=(self._no_price_for(u.language, unpriced),),
                topic="no_prices",
            )
        if NOT_MEASURED.search(u.full) and u.choice.record not in ("alarm", "short_stop"):
            return Plan(  # the contract records no temperatures, pressures or emissions; their alarms it does
                "out_of_scope",
                u.language,
                messages=(message(u.language, "not_measured"),),
                topic="not_measured",
            )
        ambiguous = asking.ambiguous_measure(u, self.catalog)
        if ambiguous is not None:
            return ambiguous
        if not measure and lexicon.has_cue(u.folded, "overview") and len(u.folded.split()) <= 12:
            return self._on_line(Plan("overview", u.language), u, now, mine)
        if not measure and not u.entities and not u.dimensions:
            if VAGUE_STATUS.search(u.full):  # 'Wie läuft's?': which figure is meant
                return asking.which_measure(u.language, u, self.catalog)
            if u.windows and (FIGURES.search(u.folded) or len(u.folded.split()) <= 6):
                return asking.which_measure(u.language, u, self.catalog)
            if lexicon.has_cue(u.folded, "compare") and SHIFT_WORDS.search(u.full):
                return asking.which_measure(u.language, u, self.catalog)  # 'Vergleich Früh gegen Spät bitte'
            return _out_of_scope(u.language)
        record_named = ORDER_KINDS.get(next(iter(u.kinds() & set(ORDER_KINDS)), ""))
        if (
            not measure and record_named and len(u.entities) <= 2
        ):  # 'MO-L2-0047?', 'status of PO-L4-0092': that one
            key = measure_key(record_named, "count")
            plan = Plan("latest", u.language, metrics=(key,), confidence=0.9)
            done = _finish(
                plan, u, (key,), _filters(u, Filters()), [whole_period(now)], now, None, self.catalog
            )
            return done.with_changes(limit=1, group_by=None, ranking=None)
        if not measure:
            measure = _default_metrics(u)
            if not measure:
                return asking.which_measure(u.language, u, self.catalog)
            switched = measure == (
                CHANGEOVERS,
            )  # 'go from solid colours to metallic': the changeovers between
            u = replace(
                u,
                choice=replace(
                    u.choice, metrics=measure, record="changeover" if switched else u.choice.record
                ),
            )
        counted = (
            u.choice.aggregation == "count" and DAILY.search(u.folded) is not None
        )  # 'Tagesdurchschnitt Gutteile'
        per = None if u.choice.per or (u.choice.record and not counted) else kpi_per(u.folded, measure)
        compared = (
            lexicon.has_cue(u.folded, "compare") or COMPARED.search(u.folded) or _since_against_before(u)
        )
        if not (per or u.choice.per) and compared and PER_WORKDAY.search(u.folded):
            per = "workday"  # 'bitte pro Arbeitstag vergleichen': periods of unequal length, each per day worked
        if per:
            u = replace(u, choice=replace(u.choice, per=per))  # 'Strom pro Arbeitstag'
        if u.choice.record == "production_order" and asked_next(u.full):
            key = measure_key("production_order", "count")
            plan = self._on_line(Plan("latest", u.language, metrics=(key,)), u, now, mine)
            return plan.with_changes(  # the first order planned to start: the backlog's head
                limit=1, group_by=None, ranking="asc", filters=plan.filters.replace(statuses=("planned",))
            )
        newest = asked_latest(u.folded)
        if newest is None and asked_latest_named(u.full, _record_names(u)):
            newest = 1
        listed = (
            newest is None
            and u.choice.record in ("maintenance_order", "production_order")
            and asked_records(u.full) is not None
        ) or (
            newest is None and asked_noted(u.full)
        )  # 'was wurde als Notiz eingetragen?': the records and notes
        own_ids = shape.which_dimension(u.folded) in (
            None,
            "order_id",
            "record",
        )  # 'which orders': the orders
        as_log = (
            newest is None
            and not listed
            and own_ids
            and not shape.each_dimension(u.folded)[0]  # 'Stillstandsminuten je Grund': a breakdown
            and asked_list(u.folded)
        )
        listed = listed or as_log
        if listed:
            newest = (
                asked_records(u.full) or MOST_LISTED
            )  # 'gibt es einen offenen Auftrag? welcher?': the orders themselves
        if newest is not None and has_latest(measure[0]):
            plan = self._on_line(Plan("latest", u.language, metrics=measure[:1]), u, now, mine)
            order = ("asc" if as_log else listed_order(u.full, plan.filters.statuses)) if listed else None
            since = newest == 1 and not listed and asked_since(u.folded)
            return plan.with_changes(
                limit=newest,
                group_by=None,
                ranking=order,
                form="list" if listed else "since" if since else None,
            )
        plan = Plan(_intent(u), u.language, metrics=measure)
        if (
            plan.intent == "value"
            and not mine
            and not u.windows
            and not u.entities
            and not _shapes(u)
            and not _all_time(u)
        ):
            return asking.no_scope(u.language, plan, self.catalog)
        unnamed_line = A_THING.search(u.full) is not None and not u.named("line") and not u.named("station")
        if plan.intent == "value" and not mine and (_needs_a_line(u, measure[0]) or unnamed_line):
            return asking.which_line(u.language, plan, self.catalog, u)
        filled = self._on_line(plan, u, now, mine)
        extreme = u.choice.aggregation in ("max", "min") or u.choice.metrics in EXTREME_KPIS
        if (
            filled.intent == "rank"
            and u.choice.aggregation in ("max", "min")
            and RECORD_AND_WHICH.search(u.full)
        ):
            filled = filled.with_changes(  # 'der längste Stillstand und an welcher Station': that one stop
                intent="value", group_by=None, ranking=None, limit=None, form="which_record"
            )
        if (
            filled.intent == "value"
            and extreme
            and (WHICH_RECORD.search(u.full) or RECORD_DETAIL.search(u.full))
        ):
            filled = filled.with_changes(
                form="which_record"
            )  # 'Welcher Stillstand war der längste?': that one
        elif (
            filled.intent == "value"
            and extreme
            and (WHEN_ASKED.search(u.full) or INTERVAL_ASKED.search(u.full))
        ):
            filled = filled.with_changes(
                form="when_record"
            )  # 'Wann war der längste Stillstand?': its moment first
        elif filled.metrics[:1] == ("missing_readings",) and WHICH_METER.search(u.full):
            filled = filled.with_changes(form="which_meter")  # 'welcher Zähler hat Lücken?': the meter first
        if filled.intent in ("value", "rank") and _weakest_factor(u, measure):
            filled = _weakest_factor_plan(filled)
        one_ideal = asking.which_product(filled, u, self.catalog)
        if one_ideal is not None:
            return one_ideal
        if _needs_a_period(filled, u):
            return asking.which_period(u.language, filled, u)
        return filled

    def _on_line(self, plan: Plan, u: Understanding, now: datetime, line: str | None) -> Plan:
        """The plan filled; on the asker's own line unless the answer is about lines, with a note saying so."""
        filled = self._fill(plan, u, now)
        if line is None or filled.filters.lines or filled.group_by == "line" or filled.intent == "clarify":
            return filled
        mine = self._fill(plan, u, now, Filters(lines=(line,)))
        return mine.with_changes(notes=(*mine.notes, my_line.note(u.language)))

    def _fill(self, plan: Plan, u: Understanding, now: datetime, inherited: Filters | None = None) -> Plan:
        """Filters and periods from the question, then the shape of the answer."""
        filters = _filters(u, inherited or Filters())
        periods, defaulted = _periods(u, plan, now, filters)
        if len(periods) == 2 and periods[0].start < periods[1].start and GROWN.search(u.folded):
            periods = [
                periods[1],
                periods[0],
            ]  # 'Oktober verglichen mit November – um wie viel gestiegen?': from then to now
        return _finish(
            plan.with_changes(period_defaulted=defaulted),
            u,
            plan.metrics or ("downtime",),
            filters,
            periods,
            now,
            catalog=self.catalog,
        )

    def _listed_after(self, context: Plan, u: Understanding, now: datetime) -> Plan | None:
        """'gibt's dazu einen Instandhaltungsauftrag? welche Nummer?': the orders of the last answer's top, listed."""
        key = measure_key("maintenance_order", "count")
        # 'welcher davon ist der älteste?' after 'wie viele Wartungsaufträge sind offen?', 'which of them are on
        # the press line?' after a list of orders
        after_orders = context.metrics[:1] == (key,) and (_refers_back(u) or context.form == "list")
        about_orders = u.choice.record == "maintenance_order" or (not u.choice.record and after_orders)
        if not about_orders or asked_records(u.full) is None:
            return None
        filters = _filters(u, context.filters)
        if context.winner and _refers_back(u) and hasattr(filters, _filter_of(context.winner[0])):
            filters = filters.replace(**{_filter_of(context.winner[0]): (context.winner[1],)})
        windows = list(u.windows or context.periods)
        plan = Plan("latest", u.language, metrics=(key,), confidence=0.9)
        done = _finish(plan, u, (key,), filters, windows, now, None, self.catalog)
        order = listed_order(u.full, done.filters.statuses)
        return done.with_changes(limit=asked_records(u.full), form="list", group_by=None, ranking=order)

    def _follow_up(self, context: Plan, u: Understanding, now: datetime, asks_why: bool) -> Plan:
        """'und am Montag?', 'and line 2?', 'warum?', 'und nach Schicht?': the previous plan with what changed."""
        if context.intent == "clarify":  # 'Linie 3' answers 'Taktzeit: für welche Linie?'
            context = context.with_changes(intent="value", choices=(), messages=())
        part = _part_of_last(context, u)
        if part is not None:
            return _metered_part(part, self.catalog)
        listed = self._listed_after(context, u, now)
        if listed is not None:
            return listed
        if CLOSER.search(u.full) and context.metrics[:1] and METRIC_BY_KEY[context.metrics[0]].target:
            lines = tuple(dict.fromkeys((*context.before_lines, *context.filters.lines)))
            return context.with_changes(  # 'which of the two is closer to its target?' after two lines
                intent="rank", group_by="line", ranking="closest", reference="target", comparison=None, form=None,
                limit=None, filters=context.filters.replace(lines=lines), language=u.language, confidence=0.9,
            )  # fmt: skip
        if (
            context.metrics[:1]
            and _weakest_factor(u, context.metrics[:1])
            and set(u.choice.metrics) <= OEE_TERMS
        ):
            filters = _filters(u, context.filters)
            if context.winner and context.winner[0] == "line" and not u.named("line"):
                filters = filters.replace(
                    lines=(context.winner[1],)
                )  # '… und woran lag's?' after the worst line
            return _weakest_factor_plan(context).with_changes(  # 'und welcher Faktor war am schwächsten?'
                confidence=0.9,
                language=u.language,
                filters=filters,
                periods=tuple(_shift_day(w) for w in u.windows) or context.periods,
            )
        metrics = _follow_up_metrics(context, u)
        intent = "why" if asks_why else context.intent
        grouped = bool(shape.each_dimension(u.folded)[0] or shape.which_dimension(u.folded) or u.dimensions)
        if (
            intent in ("compare", "share", "overview")
            and not shape.form_of(u.folded)
            and (u.windows or u.entities or grouped)
        ):
            intent = "value"
        if grouped and not asks_why:
            intent = (
                "rank"
                if shape.which_dimension(u.folded) or lexicon.has_cue(u.folded, "rank")
                else "breakdown"
            )
        as_rate = bool(context.metrics) and metrics[:1] == (RATE_OF.get(context.metrics[0]),)
        if (shape.form_of(u.folded) and not as_rate) or shape.reference_of(u.folded, metrics[0]):
            intent = "compare"  # a count asked 'in Prozent' is its rate, not a change
        ranked = not grouped and (
            lexicon.has_cue(u.folded, "rank") or re.search(r"\bwhich one|welche[rs]? davon\b", u.folded)
        )
        among_them = bool(ranked and context.group_by and not asks_why)
        if among_them:  # 'und welcher davon …?': the same groups, ranked by the new measure
            intent = "rank"
            grouped = True
        if intent == "overview" and u.choice.metrics:
            intent = "value"
        filters = _filters(u, context.filters, keep_stations=not u.named("line"))
        if context.winner and intent == "rank" and not grouped and _about_the_top(u, context):
            dimension, winner = context.winner  # 'wie viele Teile waren das?' after 'Häufigster Fehler?'
            attribute = _filter_of(dimension)
            if hasattr(filters, attribute):
                filters = filters.replace(**{attribute: (winner,)})
                if not CODE_WORD.search(u.folded):  # 'und welcher Code ist das?': the top's codes, ranked
                    intent, grouped = "value", True
        elif (
            context.winner
            and grouped
            and (THERE.search(u.folded) or BREAK_THAT_DOWN.search(u.full))
            and not u.named(context.winner[0])
        ):
            dimension, winner = (
                context.winner
            )  # 'und was war dort der häufigste Grund?' after 'welche Station …'
            attribute = _filter_of(dimension)
            if hasattr(filters, attribute) and shape.which_dimension(u.folded) != dimension:
                filters = filters.replace(**{attribute: (winner,)})
        if context.filters.shifts and not any(w.shift for w in u.windows) and WHOLE_SPAN.search(u.full):
            filters = filters.replace(shifts=())  # 'in the whole of last week' after a shift: every shift
        windows = list(u.windows or context.periods)
        if (
            len(u.windows) == 1
            and context.periods
            and not u.named("line")
            and shape.form_of(u.folded) in ("difference", "relative", "points")
        ):  # 'und am Mittwoch? wie viel Prozent mehr ist das?': the new day against the one asked before
            windows, intent = [u.windows[0], context.periods[0]], "compare"
        elif (
            len(u.windows) == 1
            and context.periods
            and lexicon.has_cue(u.folded, "compare")
            and u.windows[0].start != context.periods[0].start
        ):  # 'und im Vergleich zur Vorwoche?': the period asked before against the one named now
            windows, intent = [context.periods[0], u.windows[0]], "compare"
        stepped_back = False
        if (
            not u.windows
            and context.periods
            and (lexicon.has_cue(u.folded, "previous") or BARE_PREVIOUS.search(u.folded))
        ):
            windows = [previous_window(context.periods[0], now)]  # 'und in der Woche davor?'
            stepped_back = True
            if lexicon.has_cue(u.folded, "compare"):  # 'und im Vergleich zur Vorwoche?': the last against it
                windows, intent = [context.periods[0], windows[0]], "compare"
            elif intent == "compare" and not shape.form_of(u.folded):
                intent = "value"
        if (
            not u.windows
            and context.before
            and shape.form_of(u.folded) in ("difference", "relative", "points")
        ):
            windows = sorted(  # 'wie groß ist die Differenz?' of the last two: the later against the earlier
                [*context.before[:1], *context.periods[:1]], key=lambda window: window.start, reverse=True
            )
            intent = "compare"
        if (
            not u.windows
            and not u.entities
            and not context.before
            and context.before_lines
            and shape.form_of(u.folded) in ("difference", "relative", "points")
        ):  # 'Differenz in Prozentpunkten?' after 'OEE Linie 1?' and 'und Linie 3?': the first against the second
            both = tuple(dict.fromkeys((*context.before_lines, *context.filters.lines)))
            filters = filters.replace(lines=both)
            intent = "compare"
        if not u.windows and context.periods and SINCE_THEN.search(u.full) and context.periods[0].end < now:
            windows = [
                since_day(context.periods[0].end.date(), now)
            ]  # 'and since then?' after 'before Nov 10'
        together = _together(context) if not u.windows and BOTH_TOGETHER.search(u.full) else None
        if together is not None:  # 'und beides zusammen?': the last two periods as one
            windows, intent = [together], "value"
        plant_wide = not u.named("line") and not u.named("station") and PLANT_WIDE.search(u.folded)
        if plant_wide:  # 'und alle Linien zusammen?': the same figure for the whole plant
            filters = filters.replace(lines=(), stations=())
            grouped = False
            intent = "value" if intent in ("value", "compare", "breakdown") else intent
        joined = (
            together is None
            and not plant_wide
            and not u.windows
            and not u.named("line")
            and BOTH_TOGETHER.search(u.full)
        )
        if (
            joined and context.before_lines
        ):  # 'und beide zusammen?' after 'L3?' and 'und L2?': the two lines as one
            filters = filters.replace(
                lines=tuple(dict.fromkeys((*context.before_lines, *context.filters.lines)))
            )
            intent = "value"
        named_lines = tuple(u.named("line"))
        before_lines = (
            context.filters.lines if named_lines and set(named_lines) != set(context.filters.lines) else ()
        )
        defaulted = not windows
        if defaulted:  # the question back asked for a period too; none was given
            windows = [default_window(now, 7)]
        before = tuple(context.periods) if (u.windows or stepped_back) and context.periods else ()
        plan = context.with_changes(
            intent=intent,
            language=u.language,
            confidence=0.9,
            metrics=metrics,
            before=before,
            before_lines=before_lines,
            period_defaulted=defaulted or (context.period_defaulted and not u.windows),
        )
        keep = None if (grouped or u.dimensions or intent != context.intent) else context
        if intent == "value" and len(filters.lines) >= 2 and not (joined and context.before_lines):
            plan = plan.with_changes(intent="compare")
        record = (record_of(metrics[0]) or (None,))[0]
        if CODE_WORD.search(u.folded) and record in CODE_DIMENSION and not grouped:
            plan = plan.with_changes(intent="rank")  # 'which code was the most frequent?'
            done = _finish(plan, u, metrics, filters, windows, now, None, self.catalog)
            order = shape.rank_order(u.folded, METRIC_BY_KEY[metrics[0]].direction)
            return done.with_changes(group_by=CODE_DIMENSION[record], ranking=order, limit=5)
        if TARGET_ASKED.search(u.folded) and METRIC_BY_KEY[metrics[0]].target:
            plan = plan.with_changes(intent="compare")
            done = _finish(plan, u, metrics, filters, windows, now, None, self.catalog)
            return done.with_changes(comparison="reference", reference="target", form="target", group_by=None)
        against = _against_the_one_before(u, context, filters) if not u.windows else None
        if against is not None:  # 'und Team B im Vergleich?': the one named now beside the one before
            filters = against[1]
            plan = plan.with_changes(intent="compare")
        done = _finish(plan, u, metrics, filters, windows, now, keep, self.catalog)
        if against is not None:
            return done.with_changes(comparison="entities", group_by=against[0], ranking=None, limit=None)
        if among_them and not u.dimensions:
            done = done.with_changes(
                group_by=context.group_by
            )  # ranked anew, over the groups of the last answer
        return done


COMPARED_AGAIN = (("line", "lines"), ("team", "teams"), ("shift", "shifts"), ("station", "stations"),
                  ("product", "products"), ("supplier", "suppliers"), ("family", "families"))  # fmt: skip


def _against_the_one_before(u: Understanding, context: Plan, filters: Filters) -> tuple[str, Filters] | None:
    """'und Linie 2 im Vergleich?' after line 1: (the kind, the filters holding both), None when not asked."""
    if not lexicon.has_cue(u.folded, "compare"):
        return None
    for kind, attribute in COMPARED_AGAIN:
        named, before = tuple(u.named(kind)), tuple(getattr(context.filters, attribute, ()))
        if named and before and not set(before) & set(named) and hasattr(filters, attribute):
            return kind, filters.replace(**{attribute: (*named, *before)})
    return None


# ----- the parts of a plan ----------------------------------------------------------------------


TIME_UNITS = ("h", "min", "s")
_TIME_UNIT_WORDS = r"(stunden|std|hours|hrs|minuten|minutes|mins|sekunden|sek|seconds|secs)"
# 'in Stunden', 'how many hours', 'hours of downtime' (not '24 hours of'), 'downtime hours', 'Stillstandsstunden'
ASKED_UNIT = re.compile(
    rf"\b(?:in|als|wie ?viele?[nr]?|how many|number of|total|gesamte?n?|insgesamt)\s+(?:den\s+|the\s+)?{_TIME_UNIT_WORDS}\b"
    rf"|\b{_TIME_UNIT_WORDS}\s+(?:lost|verloren)\b"
    rf"|(?<!\d\s)(?<!\d)\b{_TIME_UNIT_WORDS}\s+(?:of|an|des|der)\b"
    rf"|\b(?:downtime|stop|stoppage|changeover|setup|repair|breakdown|idle)\s+{_TIME_UNIT_WORDS}\b"
    r"|\b(?:stillstands?|ausfall|ruest|reparatur|stoer|stoerungs)\s?(stunden|minuten)\b"
    rf"|\(\s*{_TIME_UNIT_WORDS}\s*\)"  # '… this month (hours)?'
    rf"|(?:^|[?.,;:!]\s*){_TIME_UNIT_WORDS}(?:\s+(?:pls|please|bitte|bitte schoen))?\s*[?.!]*\s*$"  # '… MTBF? hours'
)
IN_UNIT = re.compile(rf"\b(?:in|als)\s+{_TIME_UNIT_WORDS}\b")
UNIT_OF_WORD = {"stunden": "h", "std": "h", "hours": "h", "hrs": "h", "minuten": "min", "minutes": "min",
                "mins": "min", "sekunden": "s", "sek": "s", "seconds": "s", "secs": "s"}  # fmt: skip


def asked_unit(text: str) -> str | None:
    """The unit a question asks its figure in: 'in Stunden' → 'h', 'how many seconds' → 's', 'in MWh' → 'MWh'."""
    folded = lexicon.fold(text)
    energy = ENERGY_UNIT.search(folded)
    if energy:
        return "kWh" if (energy.group(1) or "") == "kwh" else "MWh"
    found = ASKED_UNIT.search(folded)
    return UNIT_OF_WORD[next(g for g in found.groups() if g)] if found else None


ENERGY_UNIT = re.compile(  # 'in MWh', 'wie viele MWh', 'und in kWh?', '… gestern, MWh?'
    r"\b(?:in|als|how many|wie ?viele?)\s+(mwh|kwh|megawatt ?stunden?|megawatt ?hours?)\b|\b(mwh)\s*[?.!]*\s*$"
)
PER_INTERVAL = re.compile(
    r"\b(?:per|pro|je)\s+(?:15\s*min\w*|viertelstunde|quarter[- ]hour|interval|intervall|15-min\w*)(?!\w)",
    re.IGNORECASE,
)


def _in_unit(plan: Plan, text: str) -> Plan:
    """A time or energy figure asked in another unit of its kind is shown in that unit; a power per 15 minutes
    in kWh."""
    if plan.metrics and METRIC_BY_KEY[plan.metrics[0]].unit == "kW" and PER_INTERVAL.search(text):
        return plan.with_changes(unit="kWh/15 min")
    unit = asked_unit(text)
    own = METRIC_BY_KEY[plan.metrics[0]].unit if plan.metrics else None
    counted = lexicon.has_cue(
        ASKED_UNIT.sub(" ", lexicon.fold(text)), "count"
    )  # 'how many, and how many minutes'
    timed = (
        _timed_total(plan.metrics[0])
        if own == "count" and unit in ("h", "min", "s") and not counted
        else None
    )
    if timed is not None:  # 'Kurzstopps in Minuten': the minutes of those records, not their number
        plan, own = plan.with_changes(metrics=(timed, *plan.metrics[1:])), METRIC_BY_KEY[timed].unit
    if unit is None or not any(own in kind and unit in kind for kind in UNIT_FACTORS):
        return plan
    return plan.with_changes(unit=None if own == unit else unit)


WHICH_OF_PERIODS = re.compile(  # 'which of the last four weeks had the most': the weeks of the window, ranked
    r"\b(?:which|welche[rsmn]?)\s+(?:of|der|von)\s+(?:the\s+|den\s+)?(?:last|letzten|vergangenen|past)\s+"
    r"(?:\w+\s+)?(weeks|wochen|days|tage[n]?|months|monate[n]?)\b"
)
PERIOD_DIMENSIONS = {"weeks": "week", "wochen": "week", "days": "day", "tage": "day", "tagen": "day",
                     "months": "month", "monate": "month", "monaten": "month"}  # fmt: skip


def _periods_among(full: str) -> tuple[str, ...]:
    """'welche der letzten 4 Wochen': the periods of the window are the grouping, though the window hides them."""
    m = WHICH_OF_PERIODS.search(full)
    return (PERIOD_DIMENSIONS[m.group(1)],) if m else ()


def _timed_total(metric: str) -> str | None:
    """The total duration of the records a count counts, when they have a duration."""
    found = record_of(metric)
    if found is None or found[1] != "count" or RECORDS[found[0]].field_sql("duration") is None:
        return None
    total = measure_key(found[0], "total")
    return total if total in METRIC_BY_KEY else None


IDLE_METRICS = frozenset({"idle_energy", "idle_load"})  # a share of them is of the energy: 'idle load share'


def _intent(u: Understanding) -> str:
    """Why, overview, share, compare, rank, trend, breakdown or a single value."""
    folded = u.folded
    if "slow_unit" in (
        u.choice.record,
        u.choice.part,
    ):  # 'longer than takt' defines the units, compares nothing
        folded = SLOWER_THAN_TAKT.sub(lambda m: " " * len(m.group()), folded)
    if u.choice.aggregation in ("max", "min") and RECORD_DETAIL.search(u.full):
        return (
            "value"  # 'longest changeover – which line, and what was switched?': that one record, told whole
        )
    if _cause_asked(folded) and u.choice.aggregation in ("max", "min"):
        return "rank"  # 'what caused the longest stop?' asks for the reason of that stop
    if lexicon.has_cue(folded, "why"):
        return "why"
    if lexicon.has_cue(folded, "overview") and not u.choice.metrics:
        return "overview"
    form = shape.form_of(shape.IN_PERCENT.sub(" ", folded))  # 'what share …, in %?': the share's unit
    if (
        (lexicon.has_cue(folded, "share") or lexicon.has_cue(u.full, "share"))  # 'how much of today's …'
        and (_part_filters(u) or u.choice.part or _line_share(u) or IDLE_METRICS & set(u.choice.metrics))
        and (form not in ("points", "relative") or _line_share(u))
    ) or (u.choice.part_field == "made" and u.choice.part == "production_order"):
        return "share"  # an order's progress is the share made of its planned quantity
    if lexicon.has_cue(folded, "share") and u.durations and not u.choice.part:
        return "share"  # 'what share of the stops took longer than 10 min': the part within the limit
    each, _all = shape.each_dimension(folded)
    if u.choice.per:
        each = None
    if each and shape.HOW_MANY_AND_WHICH.search(folded):
        return "breakdown"  # 'how many, and on which lines?': the total, then each line
    if shape.SHARE_TOO.search(folded) and (shape.which_dimension(folded) or each) and len(u.windows) < 2:
        return "rank"  # 'Ranking der Stationen nach Stillstand, mit Anteil in Prozent': each with its share
    if BEFORE_AND_AFTER.search(u.full) and len(u.windows) == 1:
        return (
            "compare"  # 'Grundlast vor und nach dem 10.11.': the time since that day against the time before
        )
    if _rest_of(u) is not None and len(u.windows) < 2:
        return "compare"  # 'L3 against the next-highest line', 'als der Schnitt der anderen Linien'
    compared = _compared_kind(u)
    if compared and len(u.windows) < 2 and _ranks_the_named(folded):
        return "rank"  # 'Linie 1 oder Linie 2 – wer hatte mehr Stillstand?': the one ahead first
    furthest = FURTHEST.search(folded) and (each == "line" or ALL_LINES.search(folded))
    every_line = (each == "line" or ALL_LINES.search(folded) or LINES_COUNTED.search(folded)) and not u.named(
        "line"
    )
    on_target = shape.reference_of(folded, u.choice.metrics[0]) == "target"
    against_target = on_target and (every_line or shape.DAYS_COUNTED.search(folded))
    bounded = shape.bound_of(folded, u.choice.metrics[0]) is not None and bool(
        every_line or shape.counted_periods(folded) or shape.which_dimension(folded) or each
    )
    per_line_reference = shape.reference_of(folded, u.choice.metrics[0]) in (
        "takt",
        "ideal",
        "standard",
    ) and bool(every_line)  # 'how close is each line to its takt?': the lines ranked by their distance
    against_target = bool(against_target) or bounded or per_line_reference
    if shape.CHANGED_MOST.search(folded) and u.windows and N_DAYS_BEFORE.search(u.full):
        return "compare"  # 'je Linie gestern gegen die 7 Arbeitstage davor – wo der größte Einbruch?': each change
    if (
        (shape.which_dimension(folded) == "line" or furthest or against_target)
        and not compared
        and len(u.windows) < 2
    ):
        return "rank"  # 'which line is furthest above its target?' ranks, it does not compare one value
    if (
        len(u.windows) >= 2
        or compared
        or lexicon.has_cue(folded, "previous")
        or _since_against_before(u)
        or (u.windows and N_DAYS_BEFORE.search(u.full))  # 'gestern … der 7 Arbeitstage davor'
        or shape.reference_of(folded, u.choice.metrics[0])
        or (
            shape.form_of(folded) in ("difference", "relative", "points")
            and not each
            and u.choice.field != "excess"
        )
    ):
        return "compare"
    if (
        lexicon.has_cue(folded, "compare")
        and not lexicon.has_cue(folded, "rank")
        and not lexicon.names_reference(folded, "standard")
    ):
        return "compare" if u.named("line") or len(u.windows) > 1 else "rank"
    which = shape.which_dimension(folded)
    extreme = u.choice.aggregation in ("max", "min") or u.choice.metrics[:1] in EXTREME_KPIS
    if extreme and not which and not each and not lexicon.top_n(folded):
        return "value"
    if which or lexicon.has_cue(folded, "rank") or lexicon.top_n(folded):
        return "rank"
    if u.choice.per:
        return "value"
    if lexicon.has_cue(folded, "trend"):
        return "trend"
    if each or ((u.dimensions or _listed_kind(u)) and lexicon.has_cue(folded, "breakdown")):
        return "breakdown"  # 'nach Art – Mechanik, Elektrik, Hydraulik': each of those named
    return "value"


def _listed_kind(u: Understanding) -> str | None:
    """A kind of thing named twice or more: 'Früh, Spät und Nacht', 'mechanical, electrical, hydraulic'."""
    return next((kind for kind in shape.COMPARABLE if len(u.named(kind)) >= 2), None)


EXTREME_KPIS = (("cycle_time_max",), ("cycle_time_min",))  # one value of many, asked for itself
SHIFT_WORDS = re.compile(r"\b(frueh|spaet|nacht|nachts|early|late|night|schicht\w*|shifts?)\b")
MORE_WORD = re.compile(r"\b(mehr|weniger|more|fewer|less|slower|faster|langsamer|schneller|longer|laenger)\b")
HIGHER_WORD = re.compile(  # matched in the question as written, so that its spans are the entities' spans
    r"\b(höher|hoeher|niedriger|größer|groesser|kleiner|higher|lower|bigger|smaller|länger|laenger|kürzer|kuerzer|"
    r"longer|shorter)\b"
)
THAN = re.compile(r"\b(als|than)\b")
SHIFT_ADVERBS = (  # 'wie viele mehr nachts': the side said after 'mehr' by its time of day
    (re.compile(r"^\W*(nachts|in der nacht|at night|overnight|in the night|nights)\b"), ("nacht", "night")),
    (
        re.compile(r"^\W*(frueh|morgens|am morgen|in the morning|mornings|early)\b"),
        ("frueh", "early", "morning"),
    ),
    (re.compile(r"^\W*(spaet|abends|am abend|in the evening|evenings|late)\b"), ("spaet", "late", "evening")),
)


def _asked_first(
    u: Understanding, named: list[str], dimension: str, catalog: EntityCatalog | None
) -> list[str]:
    """The compared entities with the one said right after 'mehr/more' first: it is the minuend."""
    text = lexicon.fold(u.question)
    for more in MORE_WORD.finditer(text):
        after = text[more.end() : more.end() + 30]
        for m in u.entities:
            if (
                m.entity.kind == dimension
                and more.end() <= m.span[0] <= more.end() + 60
                and not THAN.search(text[more.end() : m.span[0]])
            ):
                return [m.entity.id, *[n for n in named if n != m.entity.id]]
        if dimension != "shift" or catalog is None:
            continue
        for pattern, words in SHIFT_ADVERBS:
            if pattern.search(after):
                said = [
                    n
                    for n in named
                    if any(
                        w
                        in lexicon.fold(
                            catalog.label("shift", n, "de") + " " + catalog.label("shift", n, "en")
                        )
                        for w in words
                    )
                ]
                if said:
                    return [said[0], *[n for n in named if n != said[0]]]
    written = u.question.lower()
    for higher in HIGHER_WORD.finditer(
        written
    ):  # 'ist die Zykluszeit nachts höher': the side said just before
        before = [
            m for m in u.entities if m.entity.kind == dimension and 0 <= higher.start() - m.span[1] <= 12
        ]
        if before and not THAN.search(written[before[-1].span[1] : higher.start()]):
            first = before[-1].entity.id
            return [first, *[n for n in named if n != first]]
    return named


CHANGEOVERS = measure_key("changeover", "count")
RIVALS = (
    "supplier",
    "product",
    "family",
    "shift",
    "team",
    "line",
    "station",
)  # what 'the others' can be others of


def _rest_of(u: Understanding) -> tuple[str, str] | None:
    """(dimension, reference) of one named thing against the rest of its kind; 'Polyform-Chargen … als die aus
    anderen Chargen' sets the one supplier named against the others."""
    rest = shape.against_the_rest(u.folded)
    if rest is None:
        return None
    if len(u.named(rest[0])) == 1:
        return rest
    named = [kind for kind in RIVALS if u.named(kind) and kind != "line"]  # a line named too is the scope
    if not u.named(rest[0]) and len(named) == 1 and len(u.named(named[0])) == 1:
        return named[0], rest[1]
    return None


def _compared_kind(u: Understanding) -> str | None:
    """An entity kind named twice or more with a word that compares: 'Früh- vs Nachtschicht', 'team D vs team E'.

    Two lines are compared whenever both are named; other things named together ('Besprechung,
    Reinigung') are a selection unless the question compares them.
    """
    compares = (
        lexicon.has_cue(u.folded, "compare")
        or shape.form_of(u.folded) is not None
        or bool(WHO_MORE.search(u.folded))
    )
    ranked = [kind for kind in shape.COMPARABLE if kind != "line" and len(u.named(kind)) >= 2]
    if ranked and RANK_VERB.search(u.folded):
        return ranked[0]  # 'rank teams A, B and C by OEE on lines 1-3': the teams, on those lines
    for kind in shape.COMPARABLE:
        if len(u.named(kind)) >= 2 and (kind == "line" or compares):
            return kind
    return None


def _stops_of_planned_reasons(
    metrics: tuple[str, ...], filters: Filters, catalog: EntityCatalog | None
) -> tuple[str, ...]:
    """'die geplanten Wartungsstopps': unplanned stops of a planned reason are none; its stops are meant."""
    if catalog is None or not filters.reasons or not set(filters.reasons) <= catalog.planned_reasons:
        return metrics
    swapped = []
    for key in metrics:
        record = record_of(key)
        swapped.append(measure_key("any_stop", *record[1:]) if record and record[0] == "stop" else key)
    return tuple(swapped)


def _counted_with_share(u: Understanding) -> str | None:
    """'how many went over standard, per line, with the share': the count ranks, each share beside it."""
    return "with_share" if shape.SHARE_TOO.search(u.folded) and lexicon.has_cue(u.folded, "count") else None


RANK_VERB = re.compile(r"\b(rank|ranke|sortier\w*|ordne|rangliste|reihenfolge)\b")


def _ranks_the_named(folded: str) -> bool:
    """'wer hatte mehr?', 'rank teams A, B and C': the things named are set in order, not compared as values."""
    return bool(WHO_MORE.search(folded) or RANK_VERB.search(folded))


IMPLIED = {"reason": "downtime", "loss_category": "downtime", "defect": "scrap_count", "alarm": "alarm__count",
           "defect_category": "scrap_count",
           "batch": "scrap_count", "meter": "energy", "medium": "energy"}  # fmt: skip


def _default_metrics(u: Understanding) -> tuple[str, ...]:
    """The measure a thing or grouping implies: energy for a meter, scrap for a defect, stops for a reason."""
    kinds = u.kinds() | {d for d in u.dimensions if d in IMPLIED}
    if kinds & {"medium", "meter"}:
        return (
            ("idle_energy",) if NOT_RUNNING.search(u.folded) else ("energy",)
        )  # 'Strom, während sie nicht lief'
    if lexicon.names_reference(u.folded, "standard") and (
        family_changes_named(u.folded) or u.named("family")
    ):
        return (
            "changeover_time",
        )  # 'the standard time for a family change': a changeover's, against its standard
    if _from_to(u):
        return (CHANGEOVERS,)  # 'from Uni to Metallic' with nothing else measured: the changeovers that way
    if re.search(r"\b(kwh|mwh)\b", u.full) or (kinds & {"line", "station"} and ENERGY_VERB.search(u.full)):
        return ("energy",)  # 'How many kWh did L2 use', 'Wie viel hat der Ofen gezogen?': energy
    if kinds & {"defect", "defect_category", "supplier", "batch"}:
        return _implied("scrap_unit", u)
    if "alarm" in kinds:
        return _implied("alarm", u)
    if kinds & {"product", "family"} and (
        lexicon.has_cue(u.folded, "count") or lexicon.find_words(u.folded, lexicon.RECORD_WORDS)
    ):
        return ("output",)
    if shape.which_dimension(u.folded) in UNIT_DIMENSIONS:
        return ("output",)  # 'Welche Lieferanten liefern für Linie 1?': what each of them went into
    if "reason" in kinds:
        return _implied("any_stop", u)  # the reason decides which stops: planned ones too
    if "loss_category" in kinds:
        return _implied("stop", u)
    return ()


COMPARED = re.compile(r"\b(?:vergleich\w*|compar\w*)")
PER_WORKDAY = re.compile(
    r"\b(?:pro|je|per)\s+(?:arbeitstag|werktag|produktionstag|working day|workday|work day|production day)\b"
)


def _units_named(u: Understanding) -> bool:
    """Parts named as such ('Teile', 'units'), not only a verb of making them ('gepresst', 'pressed')."""
    return bool(lexicon.find_words(u.folded, {"unit": lexicon.RECORD_WORDS["unit"]}))


UNIT_DIMENSIONS = ("product", "family", "supplier", "batch")
ORDER_KINDS = {"order": "production_order", "work_order": "maintenance_order"}  # an order named is its record
REASON_ASKED = re.compile(
    r"\b(was war (?:der grund|die ursache)|welche[rnm]? grund|what was the (?:reason|cause)|which reason|what reason)\b"
)


def _cause_asked(folded: str) -> bool:
    """'what caused …', '– was war der Grund?': the reason of a record is asked."""
    return lexicon.has_cue(folded, "why") or REASON_ASKED.search(folded) is not None


def _implied(record: str, u: Understanding) -> tuple[str, ...]:
    """The measure of a record a thing implies, aggregated as the words say: 'wie oft' counts, 'wie lange' sums;
    'wie oft …, und wie lange insgesamt?' asks both, in that order."""
    first = SECOND_PART.split(u.folded, maxsplit=1)[0]
    aggregation = (
        aggregation_of(first, record)
        or aggregation_of(u.folded, record)
        or ("total" if record.endswith("stop") else "count")
    )
    key = measure_key(record, aggregation)
    key = key if key in METRIC_BY_KEY else measure_key(record, "count")
    return (key, *second_aggregation(u.folded, record, key))


def _shapes(u: Understanding) -> bool:
    """The question asks for a shape (per line, which station, a comparison) even without a measure."""
    return bool(shape.each_dimension(u.folded)[0] or shape.which_dimension(u.folded) or u.dimensions)


CODE_WORD = re.compile(r"\b(code|codes|welche[rsn]? (?:code|grund|ursache)|which (?:code|reason))\b")
CODE_DIMENSION = {"alarm": "alarm", "short_stop": "alarm", "stop": "reason", "any_stop": "reason", "breakdown": "reason",
                  "planned_stop": "reason", "scrap_unit": "defect", "unit": "defect"}  # fmt: skip
TARGET_ASKED = re.compile(
    r"\b(what(?:'s| is) the target|target for (?:that|it|this)|wie hoch ist das ziel|was ist das ziel|"
    r"welches ziel|und das ziel|and the target|zielwert dazu|ziel dafuer)\b"
)
OF_THAT = re.compile(r"\b(davon|of that|of those|of it|of them|darunter|among them|dabei)\b")


def _order_quantity(folded: str) -> MeasureChoice | None:
    """'wie viel fehlt noch bei PO-L4-0092', 'Restmenge', 'planned quantity of …': that quantity of the order."""
    field = quantity_field(folded)
    if field is None or field == "made":
        return None
    return MeasureChoice(
        (measure_key("production_order", "total", field),), "production_order", "total", field=field
    )


def _metered_part(plan: Plan, catalog: EntityCatalog) -> Plan:
    """'how much of that was the oven?': a station's part of an energy figure is its own meter's."""
    part = plan.part
    if part is None or not part.stations or METRIC_BY_KEY[plan.metrics[0]].source != "energy":
        return plan
    meters = tuple(m for s in part.stations for m in catalog.meters_of_station(s))
    return plan.with_changes(part=part.replace(meters=meters, stations=())) if meters else plan


def _part_of_last(context: Plan, u: Understanding) -> Plan | None:
    """'davon wie viel Rüsten?', 'how many minutes of that were breakdowns?': a share of the last measure."""
    named_part = _part_filters(u) if context.metrics and OF_THAT.search(u.folded) and not u.windows else {}
    if named_part and lexicon.has_cue(u.full, "share") and not _is_ratio(context.metrics[0]):
        return context.with_changes(  # 'welcher Anteil davon kam aus der Spätschicht?': that part of the last figure
            intent="share",
            language=u.language,
            metrics=(_additive(context.metrics[0]), *context.metrics[1:]),
            part=Filters().replace(**named_part),
            part_metric=None,
            form=None if PERCENT_WORDS.search(u.folded) or lexicon.has_cue(u.full, "share") else "part",
            comparison=None,
            group_by=None,
            ranking=None,
            limit=None,
            confidence=0.9,
        )
    whole = record_of(context.metrics[0]) if context.metrics else None
    if whole is None or not OF_THAT.search(u.folded) or u.windows:
        return None
    record, aggregation, _field = whole
    named = [h.key for h in lexicon.find_words(u.folded, lexicon.RECORD_WORDS)]
    part = next((r for r in named if RECORDS[r].parent == record), None)
    part = part or next((AS_PART[(record, r)] for r in named if (record, r) in AS_PART), None)
    if part is None:
        return None
    key = measure_key(part, aggregation)
    if key not in METRIC_BY_KEY:
        return None
    form = None if PERCENT_WORDS.search(u.folded) else "part"
    return context.with_changes(
        intent="share",
        language=u.language,
        part_metric=key,
        part=None,
        form=form,
        comparison=None,
        group_by=None,
        ranking=None,
        limit=None,
        confidence=0.9,
    )


def _changes_shape(u: Understanding, context: Plan | None) -> bool:
    """'how long in total?', 'und der Median?', 'im Vergleich zum Ziel?': a new aggregation or comparison of the last."""
    if context is None or not context.metrics:
        return False
    return bool(
        aggregation_of(u.folded, None)
        or family_changes_named(u.folded)
        or CODE_WORD.search(u.folded)
        or TARGET_ASKED.search(u.folded)
        or lexicon.has_cue(u.folded, "median")
        or shape.form_of(u.folded)
        or shape.reference_of(u.folded, context.metrics[0])
        or lexicon.has_cue(u.folded, "rank")
        or lexicon.has_cue(u.folded, "previous")
    )


def _refers_back(u: Understanding) -> bool:
    """'wie viele Teile waren das?', 'how many minutes of that were breakdowns?': about the last answer."""
    return bool(BACK_REFERENCE.search(u.folded)) and len(u.folded.split()) <= 9 and not u.named("line")


def _about_the_top(u: Understanding, context: Plan) -> bool:
    """'wie viele Teile waren das?', 'how many of those did L2 have …?' after a ranking: about its top."""
    if _refers_back(u):
        return True
    own_lines = set(u.named("line")) <= set(context.filters.lines)
    return bool(OF_THAT.search(u.folded)) and own_lines and len(u.folded.split()) <= 14


WHOLE_SPAN = re.compile(  # a period said whole: every shift of it
    r"\b(?:(?:the\s+)?(?:whole|entire|full)(?:\s+of)?(?:\s+the)?\s+(?:(?:last|this|previous|past)\s+)?"
    r"(?:week|day|month)|(?:die|den|das|der)\s+(?:ganze[nmr]?|gesamte[nmr]?|komplette[nmr]?)\s+"
    r"(?:(?:letzte|vorige|vergangene|diese)[nmr]?\s+)?(?:woche|tag|monat)|all shifts|alle[n]? schichten)\b"
)
PLANT_WIDE = re.compile(  # the whole plant, said in a follow-up: no line any more
    r"\b(?:alle[n]?|saemtliche[n]?|all(?: the)?|all four|alle vier) (?:linien|lines)\s*,?\s*"
    r"(?:together|combined|zusammen|insgesamt|gesamt|in total|in summe|zusammengenommen|summed)\b|"
    r"\b(?:das |the |fuer das |for the )?(?:ganze|gesamte|whole|entire) (?:werk|plant|factory|site)\b|"
    r"\bwerk gesamt\b|\bplant[- ]wide\b|\bwerksweit\b|\bfuers werk\b"
)
SINCE_THEN = re.compile(
    r"\b(since then|seitdem|seither|since that date|ab dann|von da an|from then on|danach)\b"
)
BOTH_TOGETHER = re.compile(
    r"\b(beides zusammen|beide zusammen|zusammen genommen|zusammengenommen|both together|both combined|"
    r"combined|together|in sum|zusammen)\b"
)


def _together(context: Plan) -> TimeWindow | None:
    """The last two periods asked for as one window, when they touch ('gestern' and 'vorgestern')."""
    if not context.before or not context.periods:
        return None
    first, second = sorted((context.before[0], context.periods[0]), key=lambda w: w.start)
    if second.start - first.end > timedelta(0):
        return None
    label_de = f"{first.label_de.split(' (')[0]} und {second.label_de.split(' (')[0]}"
    label_en = f"{first.label_en.split(' (')[0]} and {second.label_en.split(' (')[0]}"
    return TimeWindow(first.start, second.end, label_de, label_en, "range")


def _follow_up_metrics(context: Plan, u: Understanding) -> tuple[str, ...]:
    """The new question's measure, or the previous one changed by an aggregation word ('im Schnitt', 'in total')."""
    previous = context.metrics[0] if context.metrics else "downtime"
    record = (record_of(previous) or (None,))[0] or _record_of_ratio(previous)
    own = u.choice.record
    energy = METRIC_BY_KEY[previous].source in ("energy", "idle", "energy_per_unit")
    if u.kinds() & {"medium", "meter"} and not energy and not u.choice.metrics:
        return ("energy",)  # 'how much power did line 4 use?' after a question about stops is about energy
    if u.choice.metrics[:1] == ("idle_load",) and METRIC_BY_KEY[previous].unit == "kWh":
        return ("idle_energy",)  # 'Wie viel davon war Grundlast?' after kWh: the idle part, in kWh
    if (
        not u.choice.metrics
        and previous in RATE_OF
        and AS_PERCENT.search(u.full)
        and not CHANGE_ASKED.search(u.folded)  # 'um wie viel Prozent weniger': the change, not the rate
    ):
        return (RATE_OF[previous],)  # 'wie viel Prozent war das?' after a scrap count: the scrap rate
    counted = record_of(previous)
    if (
        not u.choice.metrics
        and counted
        and counted[1] == "count"
        and asked_unit(u.full) in TIME_UNITS
        and RECORDS[counted[0]].field_sql("duration")
    ):  # 'how many minutes did it cost?' after 'which alarm was the most frequent': their total time
        asked = aggregation_of(u.folded, counted[0])
        timed = measure_key(counted[0], asked if asked in ("mean", "median", "max", "min") else "total")
        return (timed,) if timed in METRIC_BY_KEY else (previous,)
    per_unit = PER_UNIT.match(u.folded)
    if per_unit and METRIC_BY_KEY[previous].source in (
        "energy",
        "energy_per_unit",
    ):  # 'pro Gutteil?' after energy
        return ("energy_per_good_unit",)  # the plant's energy KPI is per good unit; the answer names it
    if record == "unit" and not own and GOOD_OR_BAD.search(u.folded):
        part = "scrap_unit" if GOOD_OR_BAD.search(u.folded).group(1) in BAD else "good_unit"  # type: ignore[union-attr]
        return (measure_key(part, "count"),)  # 'and how many of those were good?'
    if own == "unit" and record and RECORDS[record].parent == "unit" and _refers_back(u):
        return (measure_key(record, aggregation_of(u.folded, record) or "count"),)
    if own and own != record:
        return u.choice.metrics
    first = SECOND_PART.split(u.folded, maxsplit=1)[
        0
    ]  # 'how many of those …, and how long on average?': both
    aggregation = aggregation_of(ASKED_UNIT.sub(" ", first), record) or aggregation_of(
        ASKED_UNIT.sub(" ", u.folded), record
    )  # 'in Stunden' changes the unit only
    if record and aggregation:
        key = measure_key(record, aggregation)
        if key in METRIC_BY_KEY:
            return (key, *second_aggregation(u.folded, record, key))
    if own and own == record and not u.metrics and not aggregation and context.metrics:
        # 'und nur die Wechsel zwischen Familien?' after the mean changeover: the same measure, on those records
        return context.metrics[:1]
    if u.choice.metrics:
        return u.choice.metrics
    return variants(context.metrics, u.folded)


PER_UNIT = re.compile(
    r"^\s*(?:und\s+|and\s+)?(?:pro|per|je|for each|for every)\s+(?:good\s+|gutes\s+)?"
    r"(gutteil|teil|stueck|part|unit|piece|good part|good unit|einheit)\b"
)
GOOD_OR_BAD = re.compile(r"\b(good|gut|gute|in ordnung|io|bad|schlecht|scrap|ausschuss|rejected|defekt)\b")
BAD = {"bad", "schlecht", "scrap", "ausschuss", "rejected", "defekt"}


BRACKETS = re.compile(r"\([^)]*\)")
EXAMPLES = re.compile(r"\b(usw|etc|z\.?\s?b|e\.?\s?g|zum beispiel|for example|such as|und so weiter)\b")


def _unglossed(u: Understanding) -> list[EntityMatch]:
    """The entities named, without reasons in brackets that explain a loss category ('organisational (waiting)')."""
    category = bool(lexicon.find_words(u.folded, lexicon.LOSS_CATEGORY_WORDS))
    inside = [
        m.span()
        for m in BRACKETS.finditer(u.question)
        if category or EXAMPLES.search(lexicon.fold(m.group())) or "," in m.group()
    ]  # a list in brackets ('geplanter Stillstand (Besprechung, Wartung, 5S)') explains, it does not filter
    examples = _example_spans(u.question)
    return [
        m
        for m in u.entities
        if not (m.entity.kind == "reason" and _within(m.span, inside))
        and not _within(m.span, examples)  # '(z. B. Gehäuse auf Deckel)'
    ]


def _example_spans(question: str) -> list[tuple[int, int]]:
    """Brackets that give examples ('z. B. Gehäuse auf Deckel'): what they name restricts nothing."""
    return [b.span() for b in BRACKETS.finditer(question) if EXAMPLES.search(lexicon.fold(b.group()))]


def _within(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """The span lies inside one of the spans."""
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _record_of_ratio(key: str) -> str | None:
    """The record behind a share KPI: scrap rate → scrapped units, FPY → good units."""
    return {"scrap_rate": "scrap_unit", "fpy": "good_unit", "quality_ratio": "good_unit"}.get(key)


def _filters(u: Understanding, inherited: Filters, keep_stations: bool = True) -> Filters:
    """Entity restrictions from the question; kinds it does not name are kept from the context."""
    named: dict[str, list[str]] = {}
    left_out = _left_out_spans(u.question)
    for match in _unglossed(u):
        if _within(match.span, left_out):
            continue  # 'Rüsten mal außen vor': the reason named is what is left out, no filter
        kind = FILTER_OF_KIND.get(match.entity.kind)
        if kind and match.entity.id not in named.setdefault(kind, []):
            named[kind].append(match.entity.id)
    for window in u.windows:
        if window.shift:
            named["shifts"] = [window.shift]
    if "stations" in named and "lines" not in named:
        named["lines"] = sorted({_line_of_station(u, s) for s in named["stations"]})
    if {FILTER_OF_KIND[kind] for kind in ORDER_KINDS} & set(named) and "lines" not in named:  # one line each
        named["lines"] = sorted(
            {m.entity.line for m in u.entities if m.entity.kind in ORDER_KINDS and m.entity.line}
        )
    changes = {kind: tuple(ids) for kind, ids in named.items()}
    if "lines" in changes and "lines" in inherited.used() and not keep_stations:
        changes.setdefault("stations", ())
    if u.choice.statuses:
        changes["statuses"] = u.choice.statuses
    if u.choice.maintenance_kinds:
        changes["maintenance_kinds"] = u.choice.maintenance_kinds
    changes.update(_family_changes(u))
    changes.update(_exclusions(u))
    if NO_STATION.search(u.folded):
        changes["missing"] = ("station",)
    if u.durations:
        changes["durations"] = u.durations
    categories = [h.key for h in lexicon.find_words(u.folded, lexicon.LOSS_CATEGORY_WORDS)]
    if categories and u.choice.record in (None, "stop", "any_stop"):
        changes["loss_categories"] = tuple(dict.fromkeys(categories))
    if u.choice.record in ("changeover", "late_changeover") or any(
        METRIC_BY_KEY[m].family == "changeovers" for m in u.choice.metrics if m in METRIC_BY_KEY
    ):
        changes.update(_from_to(u))
    return inherited.replace(**changes)


EXCLUDE = re.compile(
    r"\b(?:ohne|ausser|ausgenommen|exklusive|exkl|abzueglich|excluding|excluded|not counting|without|except|"
    r"apart from|other than)\.?\s+(?:(?:die|den|der|das|the|any)\s+)?(\w+)"
)
EXCLUDES = (  # group 1 is the thing left out
    EXCLUDE,
    re.compile(  # 'wenn man das Rüsten rausnimmt'
        r"\b(\w+)\s+(?:(?:mal|doch|bitte|einfach|jetzt|mal eben)\s+)?"
        r"(?:raus|heraus|weg|herausge|rausge)(?:nimmt|nehmen|genommen|laesst|lassen|gelassen|rechnet|"
        r"rechnen|gerechnet)\b"
    ),
    re.compile(
        r"\b(?:take|taking|took|leave|leaving|left)\s+out\s+(?:(?:the|all)\s+)?(\w+)"
    ),  # 'take out setups'
    re.compile(
        r"\b(?:take|taking|took|leave|leaving|left|leaves)\s+(?:(?:the|all)\s+)?(\w+)\s+(?:out|aside)\b"
    ),
    re.compile(
        r"\b(\w+)\s+(?:(?:mal|doch|bitte|einfach)\s+)?(?:aussen vor|ausgeklammert|ausgenommen|nicht mitgerechnet|"
        r"nicht eingerechnet|excluded|aside|"
        r"not counted|not included|left out|ignored)\b"
    ),
)


DURATION_LIMIT = re.compile(  # 'longer than 30 min', 'über 10 Minuten', 'kürzer als 2 min'
    r"\b(laenger|longer|mehr|more|ueber|over|above|mindestens|at least|kuerzer|shorter|weniger|less|unter|under|"
    r"below|hoechstens|at most)\s+(?:als\s+|than\s+)?(\d+(?:[.,]\d+)?|half an|a half|einer halben|eine halbe|"
    r"an|a|one|eine[rn]?)\s*(sekunden|sek|seconds|secs|s|minuten|minutes|mins|min|stunden|std|hours|hrs|h|"
    r"stunde|hour|minute|sekunde|second)\b"
)
SPOKEN_AMOUNTS = {"half an": 0.5, "a half": 0.5, "einer halben": 0.5, "eine halbe": 0.5, "an": 1, "a": 1, "one": 1,
                  "eine": 1, "einer": 1, "einen": 1}  # fmt: skip  # 'longer than an hour', 'über eine halbe Stunde'
LIMIT_SECONDS = {"sekunden": 1, "sek": 1, "seconds": 1, "secs": 1, "s": 1, "minuten": 60, "minutes": 60, "mins": 60,
                 "min": 60, "stunden": 3600, "std": 3600, "hours": 3600, "hrs": 3600, "h": 3600, "stunde": 3600,
                 "hour": 3600, "minute": 60, "sekunde": 1, "second": 1}  # fmt: skip
SHORTER = {"kuerzer", "shorter", "weniger", "less", "unter", "under", "below", "hoechstens", "at most"}


def duration_limits(folded: str) -> tuple[str, ...]:
    """The limits a question puts on the records' own duration: ('gt:1800',) for 'longer than 30 min',
    ('gt:2xideal',) for 'more than twice the ideal cycle time'."""
    limits = []
    for m in DURATION_LIMIT.finditer(folded):
        amount = SPOKEN_AMOUNTS.get(m.group(2)) or float(m.group(2).replace(",", "."))
        seconds = amount * LIMIT_SECONDS[m.group(3)]
        limits.append(f"{'lt' if m.group(1) in SHORTER else 'gt'}:{seconds:g}")
    for m in RELATIVE_LIMIT.finditer(folded):
        factor = TIMES_WORDS.get(m.group(2) or "") or float((m.group(3) or "1").replace(",", "."))
        limits.append(f"{'lt' if m.group(1) in SHORTER else 'gt'}:{factor:g}x{_reference_named(m.group(4))}")
    for m in PERCENT_OVER_LIMIT.finditer(folded):
        factor = 1 + float(m.group(1).replace(",", ".")) / 100
        limits.append(f"gt:{factor:g}x{_reference_named(m.group(2))}")
    return tuple(limits)


def _reference_named(word: str) -> str:
    """The reference a limit's word names: 'Vorgabezeit' → standard, 'idealen' → ideal."""
    return next(ref for stem, ref in REFERENCE_STEMS.items() if word.startswith(stem))


PERCENT_OVER_LIMIT = re.compile(  # 'mehr als 50 % über der Vorgabezeit', 'more than 20% over standard': 1.5×, 1.2×
    r"\b(?:mehr als|more than|ueber|over|mindestens|at least|by more than|um mehr als)\s+(\d+(?:[.,]\d+)?)\s*"
    r"(?:%|prozent|percent|pct)\s+(?:ueber|over|above|longer than|laenger als|beyond|past)\s+"
    r"(?:(?:the|die|der|dem|den|des|its|their|seine\w*|ihre\w*)\s+)*(ideal\w*|standard\w*|takt\w*|soll\w*|vorgabe\w*)"
)


RELATIVE_LIMIT = re.compile(  # 'more than twice the ideal cycle time', 'über 1,5-mal so lang wie der Standard'
    r"\b(laenger|longer|mehr|more|ueber|over|above|slower|langsamer|kuerzer|shorter|weniger|less|unter|under|below)\s+"
    r"(?:als\s+|than\s+)?(?:das\s+|the\s+|dem\s+)?(?:(twice|double|doppelte?n?|zweimal|dreimal|three times|triple)|(\d+(?:[.,]\d+)?)\s*[-]?\s*"
    r"(?:x|mal|times|fache[ns]?))\s+(?:(?:so\s+lang\w*\s+wie|as long as|the|die|der|das|dem|den|des|its|their|seine\w*|"
    r"ihre\w*|of)\s+)*(ideal\w*|standard\w*|takt\w*|soll\w*|vorgabe\w*)"
)
TIMES_WORDS = {"twice": 2.0, "double": 2.0, "doppelt": 2.0, "doppelte": 2.0, "doppelten": 2.0, "zweimal": 2.0,
               "dreimal": 3.0, "three times": 3.0, "triple": 3.0}  # fmt: skip
REFERENCE_STEMS = {
    "ideal": "ideal",
    "standard": "standard",
    "takt": "takt",
    "soll": "standard",
    "vorgabe": "standard",
}


def _left_out_spans(text: str) -> list[tuple[int, int]]:
    """Where in the question (not its folded form) something is left out: 'Rüsten mal außen vor'."""
    left_out = _excluded(lexicon.fold(text))
    if not left_out:
        return []
    start_of = []  # each folded character's place in the question ('ü' folds to two)
    for index, char in enumerate(text):
        start_of += [index] * len(lexicon.fold(char))
    start_of.append(len(text))
    return [(start_of[m.start(1)], start_of[m.end(1)]) for m in left_out]


def _excluded(folded: str) -> list[re.Match[str]]:
    """Where a question leaves something out ('ohne Rüsten', 'das Rüsten rausgenommen')."""
    return [m for pattern in EXCLUDES for m in pattern.finditer(folded)]


EXCLUDED_CATEGORY = {
    "changeover": "setup",
    "setup_stop": "setup",
    "breakdown": "breakdown",
    "short_stop": "small_stop",
}


def _exclusions(u: Understanding) -> dict[str, tuple[str, ...]]:
    """'Not counting changeovers', 'ohne Rüsten': stops without that loss category."""
    left_out = []
    for m in _excluded(u.folded) + _excluded(u.full):  # 'Rüsten mal außen vor': the reason's own name too
        hit = lexicon.find_words(m.group(1), lexicon.RECORD_WORDS)
        if hit and hit[0].key in EXCLUDED_CATEGORY:
            left_out.append(EXCLUDED_CATEGORY[hit[0].key])
    return {"without_loss_categories": tuple(dict.fromkeys(left_out))} if left_out else {}


FROM_WORD = re.compile(r"\b(von|vom|from)\s+(?:[^\s()]+\s+){0,2}\(?\s*$|\b(von|vom|from)\s*$")
AND_WORD = re.compile(r"^\s*(und|and|&|/)\s*(?:(?:the|die|den|der|dem)\s+)?$", re.IGNORECASE)
BETWEEN_WORD = re.compile(r"\b(zwischen|between)\s+(?:(?:den|dem|der|the)\s+)?$", re.IGNORECASE)
TO_WORD = re.compile(r"^\s*(zu|zum|zur|auf|nach|to|into|->|→)\s*$")


def _from_to(u: Understanding) -> dict[str, tuple[str, ...]]:
    """'von Uni zu Metallic', 'from SG-A to SG-B': a changeover's families or products in its direction."""
    things: list[EntityMatch] = []
    examples = _example_spans(u.question)  # '(z. B. Gehäuse auf Deckel)' is an example, not a direction
    for m in u.entities:  # 'Schwarz (P-4101)' names one product twice
        if _within(m.span, examples):
            continue
        if m.entity.kind in ("family", "product") and not (things and things[-1].entity == m.entity):
            things.append(m)
    for m in things:
        if m.entity.kind == "family" and WITHIN_NAMED.search(lexicon.fold(u.question[: m.span[0]])):
            return {"from_families": (m.entity.id,), "families": (m.entity.id,)}
    for first, second in itertools.pairwise(things):
        between = re.sub(r"\([^)]*\)|[,()]", " ", u.question[first.span[1] : second.span[0]])
        if first.entity.kind == second.entity.kind and TO_WORD.match(
            between
        ):  # 'von Uni zu Metallic', 'Metallic auf Uni umrüsten': the first is where the changeover starts
            kind = first.entity.kind
            plural = "families" if kind == "family" else "products"
            return {f"from_{plural}": (first.entity.id,), plural: (second.entity.id,)}
        if (
            first.entity.kind == second.entity.kind
            and AND_WORD.match(between)
            and BETWEEN_WORD.search(u.question[: first.span[0]])
        ):  # 'zwischen Halter und Querträger gewechselt': either way, from one to the other
            pair = (first.entity.id, second.entity.id)
            if first.entity.kind == "family":
                return {"from_families": pair, "families": pair, "family_changes": ("between",)}
            return {"from_products": pair, "products": pair}
    if len(things) == 1 and FROM_WORD.search(u.question[: things[0].span[0]]):  # 'changeovers from Uni'
        plural = "families" if things[0].entity.kind == "family" else "products"
        return {f"from_{plural}": (things[0].entity.id,), plural: ()}
    return {}


WITHIN_NAMED = re.compile(
    r"\b(innerhalb|within|inside)\s+(?:(?:der|des|einer|a|the)\s+)?(?:(?:produkt)?familie\s+|(?:product )?family\s+)?$"
)
BETWEEN_FAMILIES = re.compile(
    r"\b(familienwechsel\w*|familienuebergreifend\w*|between (?:two )?(?:different )?(?:product )?families|between-family|"
    r"cross-family|(?:product )?family change(?:s|over|overs)?|family switch\w*|across (?:product )?families|"
    r"zwischen (?:den |zwei )?(?:verschiedenen |unterschiedlichen )?(?:produkt)?familien?|"
    r"(?:different|verschiedene[n]?|unterschiedliche[n]?) (?:product |produkt)?famil(?:ies|ien)|"
    r"(?:produkt)?familie (?:wechselt|gewechselt wird|sich aendert)|(?:product )?family (?:changes|switches|is changed))\b"
)
WITHIN_FAMILY = re.compile(
    r"\b((?:innerhalb|in) (?:einer|der|derselben|der gleichen) (?:\w+-)?(?:produkt)?familie|"
    r"(?:within|inside) (?:a |the |one |the same )?(?:\w+[- ])?(?:product )?family|same family|gleichen familie|"
    r"derselben familie)\b"
)
BARE_WITHIN = re.compile(r"\b(?:vs\.?|versus|or|oder|gegenueber|compared with|than)\s+(within|innerhalb)\b")


def family_changes_named(folded: str) -> list[str]:
    """'between' and 'within' product families, in the order the question names them."""
    found = [(m.start(), "between") for m in BETWEEN_FAMILIES.finditer(folded)]
    found += [(m.start(), "within") for m in WITHIN_FAMILY.finditer(folded)]
    if found and not any(kind == "within" for _s, kind in found):
        found += [
            (m.start(1), "within") for m in BARE_WITHIN.finditer(folded)
        ]  # 'between families vs within'
    return list(dict.fromkeys(kind for _start, kind in sorted(found)))


def _family_changes(u: Understanding) -> dict[str, tuple[str, ...]]:
    """Changeovers between or within families; both named are compared (no restriction)."""
    named = family_changes_named(u.folded)
    return {"family_changes": tuple(named)} if len(named) == 1 else {}


def _line_of_station(u: Understanding, station: str) -> str:
    """The line a station belongs to (stations carry their line in the catalogue)."""
    match = next(m for m in u.entities if m.entity.kind == "station" and m.entity.id == station)
    return match.entity.line or station.split("-")[0]


TIMELESS = frozenset({"takt_time"})  # measures that do not change with the period
ONE_EVENT = re.compile(  # 'Wie lange hat die Reparatur vom geplatzten Schlauch gedauert?': that event, whenever
    r"\b(?:die|der|den|the)\s+(?:reparatur|repair|stillstand|stoerung|ausfall|breakdown|stoppage|umruestung"
    r"|ruestvorgang|changeover|wartung)\b.*\b(?:gedauert|dauerte|took|lasted)\b"
)


def _needs_a_period(plan: Plan, u: Understanding) -> bool:
    """A single figure that depends on its period, asked with none: which period is asked back, not assumed."""
    return (
        plan.period_defaulted
        and plan.intent == "value"
        and plan.form is None
        and not plan.per
        and u.choice.aggregation not in ("max", "min")
        and not set(plan.metrics) & TIMELESS
        and not ONE_EVENT.search(u.folded)
    )


WHICH_METER = re.compile(
    r"\b(?:which|welche[rsmn]?|wo|where|any|irgendwo)\b"
)  # the meter with gaps asked for
INTERVAL_ASKED = re.compile(  # 'peak 15 min interval', 'in welcher Viertelstunde': the interval itself, its moment first
    r"\b(?:peak|highest|hoechste\w*|groesste\w*|max\w*|spitzen)\s*-?\s*(?:15[- ]?min\w*[\s-]+)?(?:interval\w*|viertelstunde)\b"
    r"|\b(?:which|what|welche[rs]?|in welcher)\s+(?:15[- ]?min\w*\s+)?(?:interval\w*|viertelstunde)\b"
)
WHEN_ASKED = re.compile(r"\b(?:wann|when|zu welchem zeitpunkt|at what time|what time)\b")
WHEN_WAS = re.compile(
    r"^\s*(?:wann war|wann gab es|when was|when did)\b"
)  # the moment of one record, of all time


def _periods(u: Understanding, plan: Plan, now: datetime, filters: Filters) -> tuple[list[TimeWindow], bool]:
    """The windows asked for; the whole data period or a default when none is named (the answer says which)."""
    windows = [_shift_day(w) for w in u.windows]
    if windows:
        return windows, False
    if (
        plan.intent == "latest"
        or _all_time(u)
        or ((u.entities or u.choice.record) and _habit(u, plan))
        or _reference_itself(u, plan)
        or plan.metrics[:1] == ("missing_readings",)  # 'fehlen irgendwo Energiedaten?': ever, not last week
        or filters.batches
        or filters.orders
        or filters.work_orders
        or shape.which_dimension(u.folded)
        in (
            "week",
            "month",
            "hour",
            "weekday",
        )  # 'in welcher Woche', 'zu welcher Uhrzeit die meisten?': of all
        or (
            u.choice.aggregation in ("max", "min") and WHEN_WAS.search(u.full) is not None
        )  # 'wann war der längste?'
    ):
        return [whole_period(now)], False
    days = 28 if plan.intent in ("why", "trend", "improve", "whatif") else 7
    return [default_window(now, days)], True


ALL_RECORDS = re.compile(
    r"\b(?:alle[nrs]?|all|all the|saemtliche[nr]?|jemals|ever)\s+(?:(?:der|die|den|the|our|unsere[nr]?)\s+)?(\w+(?:\s\w+)?)"
)


def _bound(found: shape.Shape, u: Understanding, metrics: tuple[str, ...]) -> tuple[str, float] | None:
    """The side and value of a fixed bound the groups are held against, when the shape holds them against one."""
    return shape.bound_of(u.folded, metrics[0]) if found.reference == "bound" else None


def _record_names(u: Understanding) -> tuple[str, ...]:
    """The folded names, as written, of the reasons, alarms and defects a question names."""
    kinds = ("reason", "alarm", "defect")
    return tuple(
        lexicon.fold(u.question[m.span[0] : m.span[1]]) for m in u.entities if m.entity.kind in kinds
    )


def _all_time(u: Understanding) -> bool:
    """No window, and the question means all data: 'ganzer Zeitraum', 'all maintenance orders', open orders."""
    if u.windows:
        return False
    if WHOLE_PERIOD.search(u.full) or u.choice.statuses or DATA_GAPS.search(u.folded):
        return True
    if HABITUAL.search(u.folded) and u.choice.aggregation in ("mean", "median", "max", "min") and u.entities:
        return True
    return any(lexicon.find_words(m.group(1), lexicon.RECORD_WORDS) for m in ALL_RECORDS.finditer(u.folded))


def _reference_itself(u: Understanding, plan: Plan) -> bool:
    """'Was ist die ideale Zykluszeit von HB-140?': master data, the same in every period."""
    return bool(plan.metrics and REFERENCE_ITSELF.search(u.full)) and shape.reference_of(
        u.folded, plan.metrics[0]
    ) in ("ideal", "takt", "standard")


AGAINST_STANDARD = frozenset({"changeover_vs_standard"})  # measures that are themselves a ratio to a standard


def _habit(u: Understanding, plan: Plan) -> bool:
    """An average or a share of something named, with no period: how things are, over all the data."""
    measured = {(record_of(m) or ("", "", ""))[1] for m in plan.metrics}
    averaged = u.choice.aggregation in ("mean", "median") or bool(measured & {"mean", "median"})
    against_standard = bool(plan.metrics) and (
        shape.reference_of(u.folded, plan.metrics[0]) == "standard" or plan.metrics[0] in AGAINST_STANDARD
    )  # 'how do changeovers compare to their standard': how they run, over all the data
    if plan.intent in ("rank", "breakdown", "compare") and (averaged or lexicon.has_cue(u.folded, "mean")):
        return True  # 'which product has the slowest average cycle time': how they run, over all the data
    return plan.intent in ("value", "compare", "share") and (
        averaged or against_standard or plan.intent == "share"
    )


def whole_period(now: datetime) -> TimeWindow:
    """Everything up to now: the data set's whole period."""
    window = default_window(now, 7 * 520)
    return TimeWindow(window.start, window.end, "gesamter Zeitraum", "the whole period", "range")


def _shift_day(window: TimeWindow) -> TimeWindow:
    """'last shift' becomes its production day; its shift is a filter, so shift KPIs use shift_date."""
    if window.grain != "shift" or window.shift is None:
        return window
    day = datetime.combine(window.start.date(), datetime.min.time())
    return TimeWindow(
        day, day + timedelta(days=1), window.label_de, window.label_en, "shift", shift=window.shift
    )


def _finish(
    plan: Plan,
    u: Understanding,
    metrics: tuple[str, ...],
    filters: Filters,
    periods: list[TimeWindow],
    now: datetime,
    keep_shape_of: Plan | None = None,
    catalog: EntityCatalog | None = None,
) -> Plan:
    """Energy media, the answer's shape, shares, and a question back for future periods."""
    medium_is_part = (  # 'Anteil Druckluft am Energieverbrauch': the medium is the part, not the whole
        plan.intent == "share" and metrics[:1] == ("energy",) and not filters.stations and not filters.meters
    )
    if not medium_is_part:
        metrics, filters = _media(u, metrics, filters, catalog)
    filters, notes = _made_there(filters, catalog, plan.language)
    periods = [_shift_day(w) for w in periods]
    intent = plan.intent
    part, part_metric = None, None
    metrics = _unit_level(metrics, filters)
    metrics = _of_alarms(metrics, filters)
    if (
        intent in ("value", "compare")
        and metrics[0] == "scrap_rate"
        and filters.defects
        and not u.choice.part
    ):
        intent, metrics = (
            "share",
            ("output", *metrics[1:]),
        )  # the rate of one defect: its scrap among all made
        part, part_metric = Filters(defects=filters.defects), "scrap_count"
        filters = filters.replace(defects=())
    elif intent == "share" and IDLE_METRICS & set(metrics):  # '… außerhalb der Schichten'
        media = filters.media or tuple(
            dict.fromkeys(m.entity.id for m in u.entities if m.entity.kind == "medium")
        )
        metrics = (_of_medium("energy", media) if media else "energy",)
        filters = filters.replace(media=media) if media else filters
        part, part_metric = Filters(), "idle_energy"
    elif intent == "share" and filters.durations and not u.choice.part and not _part_filters(u):
        if METRIC_BY_KEY[metrics[0]].family == "cycle_time":
            metrics = (
                "output",
                *metrics[1:],
            )  # 'what share of units took over 1.5× the ideal': units counted
        elif metrics[0] in COUNT_OF_TIME and not TIME_NAMED.search(u.folded):
            metrics = (
                COUNT_OF_TIME[metrics[0]],
                *metrics[1:],
            )  # 'Anteil der Stillstände über 10 min': of the stops
        part, filters = Filters(durations=filters.durations), filters.replace(durations=())
    elif intent == "share" and _is_ratio(metrics[0]) and _part_filters(u):
        intent = "value"  # 'what % of standard do cross-family changeovers take': the ratio of that part
    elif intent == "share":
        metrics = (_additive(metrics[0]), *metrics[1:])
        filters, part, part_metric = _share(u, filters)
        if part is not None and part.stations and filters.meters:  # the oven's share: its meter is the part
            part, filters = part.replace(meters=filters.meters, stations=()), filters.replace(meters=())
        if not PERCENT_WORDS.search(u.folded) and not HOW_FAR.search(u.folded):
            plan = plan.with_changes(form="part")  # 'davon wie viel Rüsten?' asks for the part itself
    if (
        intent == "compare"
        and len(periods) == 1
        and BEFORE_AND_AFTER.search(u.full)
        and periods[0].end <= now
    ):
        day = periods[0].start  # 'vor und nach dem 10.11.': from that day on, against everything before it
        since = TimeWindow(day, now, f"ab {day:%d.%m.%Y}", f"from {day:%Y-%m-%d}", "range")
        start = default_window(day, 7 * 520).start
        periods = [
            since,
            TimeWindow(start, day, f"vorher (bis {day:%d.%m.%Y})", f"before (until {day:%Y-%m-%d})", "range"),
        ]
    if (
        intent == "compare"
        and len(periods) == 1
        and (
            lexicon.has_cue(u.folded, "previous")
            or _previous_word(u)
            or _since_against_before(u)
            or N_DAYS_BEFORE.search(u.full)
        )
    ):
        periods.append(_before(periods[0], now, u, catalog))
        if filters.shifts and periods[0].own_shifts is None and whole_before(u.full):
            periods, filters = split_sides(periods, filters.shifts, catalog), filters.replace(shifts=())
    if (
        intent == "compare"
        and len(periods) == 2
        and N_DAYS_BEFORE.search(u.full)
        and periods[1].end > periods[0].start
    ):  # 'yesterday … take the previous 4 weeks as normal': the weeks before yesterday, not up to today
        periods[1] = _before(periods[0], now, u, catalog)
    if (
        intent == "compare"
        and len(periods) == 2
        and FROM_TO.search(u.full)
        and periods[0].start < periods[1].start
    ):
        periods.reverse()  # 'von KW 45 auf KW 46': the later period against the earlier one
    found = _shape(intent, u, metrics, filters, len(periods))
    group_by, ranking, limit = found.group_by, found.ranking, found.limit
    notes = (*notes, *_no_target_note(u, metrics, found))
    if keep_shape_of is not None:
        group_by, ranking, limit = keep_shape_of.group_by, keep_shape_of.ranking, keep_shape_of.limit
    metrics = _stops_of_planned_reasons(metrics, filters, catalog)
    if group_by == "loss_category" and METRIC_BY_KEY[metrics[0]].source == "units":
        group_by = "defect_category"  # 'Ausschuss nach Kategorie': a unit's category is its defect's
    each = shape.each_dimension(u.folded)[0]
    if intent == "share" and each and (part is not None or part_metric) and not group_by:
        group_by = each  # 'Stillstand je Linie – wie viel Prozent davon war Rüsten?': the share in each
    if group_by == "defect" and metrics[0] in SHARE_METRICS and intent != "compare":
        metrics = ("scrap_count", *metrics[1:])  # a share per defect is 100 %: count them instead
    elif intent == "rank" and metrics[0] in SHARE_COUNT and MOST.search(u.folded):
        metrics = (SHARE_COUNT[metrics[0]], *metrics[1:])  # 'the most scrap' is the most scrapped units
    if found.comparison == "entities" and group_by and hasattr(filters, _filter_of(group_by)):
        named = u.named(group_by)
        asked = tuple(_asked_first(u, named, group_by, catalog)) or getattr(filters, _filter_of(group_by), ())
        filters = filters.replace(**{_filter_of(group_by): asked})  # a follow-up keeps the two it compares
    per_group = _mean_in_each(u, intent, metrics, group_by)
    if (
        per_group is not None
    ):  # 'average output per shift by team': each team's mean over the shifts it worked
        intent, group_by, ranking, limit = "breakdown", per_group[0], None, None
        if per_group[0] == "shift":
            filters = filters.replace(
                shifts=()
            )  # 'aufgeteilt nach Früh/Spät/Nacht': every shift, side by side
    planned = (record_of(metrics[0]) or ("",))[0] == "production_order" and filters.statuses == ("planned",)
    future = [p for p in periods if p.future and not planned]  # orders planned ahead are data, not the future
    return plan.with_changes(
        intent="clarify" if future else intent,
        metrics=metrics,
        filters=filters,
        periods=tuple(periods),
        comparison=found.comparison,
        form=found.form
        or ("spread" if intent == "rank" and shape.SPREAD.search(u.folded) else None)
        or (plan.form if intent == "share" else None)
        or (_counted_with_share(u) if intent == "share" and group_by else None),
        reference=found.reference,
        bound=bound[1] if (bound := _bound(found, u, metrics)) else None,
        sense=bound[0]
        if bound
        else shape.sense_of(u.folded)
        if found.form in ("difference", "points")
        else target_sense(u.folded)
        if found.reference == "target" and intent == "rank"
        else None,
        group_by=group_by,
        within=found.within if keep_shape_of is None and group_by == found.group_by else None,
        ranking=ranking,
        limit=limit,
        part=part,
        part_metric=part_metric,
        total_first=found.total_too,
        notes=notes,
        per=per_group[1] if per_group else _per_of_plan(u, intent, found, group_by),
        messages=tuple(
            message(plan.language, "future").format(window=p.label(plan.language)) for p in future
        ),
    )


WORKED_GROUPS = ("line", "team", "shift")  # the groupings the shift calendar counts worked shifts and days in
SPLIT_BY_SHIFT = re.compile(
    r"\b(?:aufgeteilt|aufgeschluesselt|getrennt|split|broken down|separately)\b.{0,20}\b(?:nach|by|in|into)\b"
    r"|\b(?:frueh|early)\s*/\s*(?:spaet|late)"
)  # 'aufgeteilt nach Früh/Spät/Nacht': a grouping by shift


def _mean_in_each(
    u: Understanding, intent: str, metrics: tuple[str, ...], group_by: str | None
) -> tuple[str, str] | None:
    """(grouping, occurrence) for 'Gutteile pro Schicht je Schichtgruppe', 'average output per shift by team':
    the mean over the occurrences each group worked; None when the question asks no such thing."""
    if intent not in ("value", "breakdown", "rank") or METRIC_BY_KEY[metrics[0]].unit not in ADDITIVE_UNITS:
        return None
    occurrence = u.choice.per or (group_by if group_by in ("shift", "day", "week") else None)
    if occurrence not in ("shift", "day", "week"):
        return None
    hits = [shape.dimension_word(m.group(2)) for m in shape.each_words(u.folded)]
    groups = [d for d in hits if d in WORKED_GROUPS and d != occurrence]
    if groups:
        return groups[0], occurrence
    if occurrence == "shift" and SPLIT_BY_SHIFT.search(u.folded):
        return "shift", "shift"
    return None


def _per_of_plan(u: Understanding, intent: str, found: shape.Shape, group_by: str | None) -> str | None:
    """The occurrences a figure is taken over: 'gestern gegen den Tagesschnitt der Woche davor' per day on each side;
    'which working day' ranks the days worked only."""
    if intent == "value" or (intent == "compare" and found.comparison == "periods" and group_by is None):
        return u.choice.per
    return "workday" if group_by == "day" and WORKING_DAY.search(u.full) else None


WORKING_DAY = re.compile(
    r"\b(working days?|work ?days?|business days?|production days?|arbeitstag\w*|werktag\w*|produktionstag\w*)\b"
)
PERCENT_WORDS = re.compile(
    r"(%|\bprozent\w*|\bpercent\w*|\banteil\w*|\bshare\b|\bproportion\b|\bfraction\b|\bquote\b|\brate\b)"
)
MOST = re.compile(r"\b(most|meisten|am meisten|the most)\b")
SAME_DAYS = re.compile(
    r"\b(same days|gleichen tage[n]?|selben tage[n]?|same period|gleichen zeitraum|bis zum gleichen tag)\b"
)
BARE_PREVIOUS = re.compile(r"\b(davor|zuvor|the (?:week|day|month) before|vorher|before that)\b")
FROM_TO = re.compile(r"\b(von|vom|from)\b.+\b(auf|zu|zur|zum|nach|to|bis)\b")
BREAK_THAT_DOWN = re.compile(  # 'break that down by shift' after a ranking: the top one, split
    r"\b(?:break|split)\s+(?:that|it|this|the (?:worst|best|top|first|highest|lowest|biggest) one)\s+(?:down|up)?\b"
    r"|\b(?:schluessel|teil|brich)\w*\s+(?:das|es)\s+(?:auf|runter)\b"
)
WHERE_AS_REMARK = re.compile(
    r"\bwo (?:doch|ja|eh|gar|sowieso)\b"
)  # 'wo doch nix läuft': a remark, no 'where?'
BREAK_DOWN = re.compile(
    r"\b(?:break|breaking)\s+(?:(?:that|it|this|them|those|these|the(?: \w+){1,2})\s+)?down\b"
)  # a split
BEFORE_AND_AFTER = re.compile(
    r"\b(?:vor und (?:nach|seit|ab)|before and (?:after|since)|vorher und (?:nachher|seitdem)|seit und vor|since and before)\b"
)
BARE_BEFORE = re.compile(r"\b(than before|als vorher|als davor|als zuvor|vorher|davor|before)\s*[?.!]?\s*$")


NUMBER_OF_FOLDED = {lexicon.fold(w): n for w, n in NUMBER_WORDS.items()}
_COUNT = r"(\d{1,2}|" + "|".join(lexicon.fold(w) for w in NUMBER_WORDS if len(w) > 2) + r")"
_DAYS = (
    r"(working days|work days|production days|workdays|arbeitstage\w*|werktage\w*|produktionstage\w*|days|tage\w*|"
    r"wochen|weeks)"
)
N_DAYS_BEFORE = re.compile(  # '7 working days before', 'the previous 7 working days', 'den vorherigen 5 Arbeitstagen'
    rf"\b{_COUNT}\s+{_DAYS}\s+(?:before|davor|zuvor|vorher|prior|earlier)\b"
    rf"|\b(?:previous|preceding|prior|vorherige\w*|vorangegangene\w*|vorausgegangene\w*)\s+{_COUNT}\s+{_DAYS}"
)


def _before(window: TimeWindow, now: datetime, u: Understanding, catalog: EntityCatalog | None) -> TimeWindow:
    """The period to compare with: 'the week before', 'the 7 working days before', everything before 'seit'."""
    counted = N_DAYS_BEFORE.search(u.full)
    if counted:
        number, unit = (
            (counted.group(1), counted.group(2)) if counted.group(1) else (counted.group(3), counted.group(4))
        )
        n = int(number) if number.isdigit() else NUMBER_OF_FOLDED[number]
        if unit.startswith(("wochen", "weeks")):
            n, unit = n * 7, "days"  # 'die vier Wochen davor': 28 calendar days
        working = not unit.startswith(("days", "tage"))
        workdays = (catalog.shift_pattern.workdays if catalog else frozenset(range(5))) if working else None
        return days_before(window, n, now, workdays)
    if USUAL.search(u.folded):  # 'how many times its normal rate': against all the days before
        start = default_window(window.start, 7 * 520).start
        label_de = f"sonst (alle Tage vor dem {window.start:%d.%m.%Y})"
        label_en = f"usual (all days before {window.start:%Y-%m-%d})"
        return TimeWindow(start, window.start, label_de, label_en, "range")
    if (
        (BARE_BEFORE.search(u.full) or _since_against_before(u))
        and window.end >= now
        and window.start.date() != now.date()
    ):
        start = default_window(window.start, 7 * 520).start
        label_de = f"vorher (bis {window.start:%d.%m.%Y})"
        label_en = f"before (until {window.start:%Y-%m-%d})"
        return TimeWindow(start, window.start, label_de, label_en, "range")
    return previous_window(window, now, bool(SAME_DAYS.search(u.full)))


def _no_target_note(u: Understanding, metrics: tuple[str, ...], found: shape.Shape) -> tuple[str, ...]:
    """'FPY vs the target' where the data set none for it: the answer says it shows the figure without one."""
    if found.reference or not metrics or not lexicon.names_reference(u.folded, "target"):
        return ()
    if (record_of(metrics[0]) or ("",))[0] == "production_order":
        return ()  # 'Soll vs Ist' of an order: its planned quantity is the 'Soll'
    m = METRIC_BY_KEY[metrics[0]]
    if m.target:
        return ()
    return (
        f"für {m.label_de} gibt es keinen Zielwert – ohne Ziel gezeigt"
        if u.language == "de"
        else f"no target is set for {m.label_en} – shown without one",
    )


UNIT_LEVEL = ("products", "families", "suppliers", "defects", "defect_categories", "batches")


def _made_there(
    filters: Filters, catalog: EntityCatalog | None, lang: str
) -> tuple[Filters, tuple[str, ...]]:
    """A product or family the named lines do not make is left out, and the answer says so."""
    if catalog is None or not filters.lines:
        return filters, ()
    notes = []
    kept: dict[str, tuple[str, ...]] = {}
    for attribute, kind in (("products", "product"), ("families", "family")):
        values = getattr(filters, attribute)
        kept[attribute] = tuple(v for v in values if catalog.made_on(kind, v, filters.lines))
        for value in values:
            if value not in kept[attribute]:
                lines = ", ".join(catalog.label("line", line, lang).split(" – ")[0] for line in filters.lines)
                name = catalog.label(kind, value, lang)
                notes.append(
                    f"„{name}“ wird auf {lines} nicht gefertigt – nicht berücksichtigt"
                    if lang == "de"
                    else f"“{name}” is not made on {lines} – left out"
                )
    return filters.replace(**kept), tuple(notes)


def _unit_level(metrics: tuple[str, ...], filters: Filters) -> tuple[str, ...]:
    """The quality ratio of a product, family or supplier comes from its units (the shift terms have no product)."""
    if metrics[0] == "quality_ratio" and any(getattr(filters, f) for f in UNIT_LEVEL):
        return ("fpy", *metrics[1:])
    return metrics


CHANGED = re.compile(
    r"\b(gestiegen|angestiegen|gesunken|zugenommen|abgenommen|veraendert|gewachsen|gefallen|hochgegangen|"
    r"increased|risen|rose|gone up|went up|dropped|fallen|decreased|gone down|went down|changed|grown)\b"
)


USUAL = re.compile(r"\b(usual|normal|typical|sonst|ueblich\w*|gewoehnlich\w*|normale[nmrs]?)\b")


def _since_against_before(u: Understanding) -> bool:
    """'Wie stark ist die Grundlast seit dem 10.11. gestiegen?', '… seit 10.11. – und vorher?', 'its normal rate'."""
    if len(u.windows) != 1:
        return False
    since = bool(re.search(r"\b(seit|since)\b", u.full))
    return bool(since and (CHANGED.search(u.folded) or BARE_BEFORE.search(u.full))) or bool(
        USUAL.search(u.folded)
    )


def _previous_word(u: Understanding) -> bool:
    """'gegenüber Vorwoche', 'than the week before': a comparison with the period before."""
    return bool(re.search(r"\b(davor|before|vorher|zuvor|previous|prior)\b", u.folded)) and (
        lexicon.has_cue(u.folded, "compare")
        or bool(shape.COMPARATIVE.search(u.folded))
        or shape.form_of(u.folded) is not None
    )


STOP_RECORDS = frozenset({"stop", "any_stop", "breakdown", "small_stop"})


def _of_alarms(metrics: tuple[str, ...], filters: Filters) -> tuple[str, ...]:
    """'Wie lange standen wir wegen Not-Aus?': stops by an alarm code are that alarm's records, the same aggregation."""
    found = record_of(metrics[0]) if metrics and filters.alarms and not filters.reasons else None
    if found is None or found[0] not in STOP_RECORDS:
        return metrics
    key = measure_key("alarm", found[1], found[2])
    return (key, *metrics[1:]) if key in METRIC_BY_KEY else metrics


def _filter_of(dimension: str) -> str:
    return FILTER_OF_KIND.get(dimension, dimension + "s")


def _media(
    u: Understanding, metrics: tuple[str, ...], filters: Filters, catalog: EntityCatalog | None = None
) -> tuple[tuple[str, ...], Filters]:
    """A named medium restricts an energy measure; a station with its own meter means that meter."""
    energy = any(METRIC_BY_KEY[m].source in ("energy", "idle", "energy_per_unit") for m in metrics)
    if energy and catalog is not None and filters.stations and not filters.meters:
        meters = tuple(m for s in filters.stations for m in catalog.meters_of_station(s))
        if meters:
            filters = filters.replace(meters=meters, stations=())
    if any(METRIC_BY_KEY[m].source in ("energy", "idle", "energy_cost") for m in metrics):
        media = tuple(m.entity.id for m in u.entities if m.entity.kind == "medium")
        if media:
            filters = filters.replace(media=media)
            metrics = tuple(_of_medium(m, media) for m in metrics)
    if catalog is not None and catalog.has_prices and _asks_money(u) and _priced(metrics):
        own = METRIC_BY_KEY[metrics[0]].media  # 'Was hat der Strom gekostet?': the electricity, priced
        if own and not filters.media:
            filters = filters.replace(media=own)
        if METRIC_BY_KEY[metrics[0]].source == "energy":
            metrics = ("energy_price" if PER_KWH.search(u.full) else "energy_cost", *metrics[1:])
    priced = bool(metrics) and METRIC_BY_KEY[metrics[0]].source == "energy_cost"
    if priced and catalog is not None and not filters.media and catalog.priced_media:
        filters = filters.replace(
            media=tuple(sorted(catalog.priced_media))
        )  # said aloud: only priced media count
    return metrics, filters


PER_KWH = re.compile(r"\b(?:pro|per|je|a|the)\s+kwh\b")


def _unpriced_media(u: Understanding, catalog: EntityCatalog) -> tuple[str, ...]:
    """The media a cost question names that the tariffs give no price for ('Druckluftkosten')."""
    named = [m.entity.id for m in u.entities if m.entity.kind == "medium"]
    named += [medium for key in u.choice.metrics for medium in METRIC_BY_KEY[key].media]
    return tuple(dict.fromkeys(m for m in named if m not in catalog.priced_media))


def _energy_asked(u: Understanding) -> bool:
    """The question measures energy: an energy KPI, or a medium named with no other measure ('der Strom')."""
    if u.choice.metrics:
        return _priced(u.choice.metrics)
    return any(m.entity.kind in ("medium", "meter") for m in u.entities)


def _priced(metrics: tuple[str, ...]) -> bool:
    """The measure is energy that the plant's tariffs can put a price on."""
    return bool(metrics) and METRIC_BY_KEY[metrics[0]].source in ("energy", "energy_cost")


def _of_medium(key: str, media: tuple[str, ...]) -> str:
    """The energy measure for the media named: electricity stays electricity, several media are energy."""
    own = METRIC_BY_KEY[key].media
    if key in ("electricity", "compressed_air", "energy"):
        single = next(
            (m.key for m in METRIC_BY_KEY.values() if m.source == "energy" and m.media == media), None
        )
        return single or ("energy" if own != media else key)
    return key


ON_LINE = re.compile(
    r"\b(entfaell\w*|entfallen|entfiel\w*|is on|was on|are on|were on|comes? from|came from|kommt von|kommen von|"
    r"kam von|kamen von|kam aus|kamen aus|"
    r"stammt|stammen|(?:geht|gehen|ging|gingen|entfaellt|entfielen)\s+auf|falls on|fell on|belongs? to|happened on|"
    r"lies on|went to|go to|goes to)\b"
)


def _line_share(u: Understanding) -> bool:
    """'Welcher Anteil des Stillstands entfällt auf Linie 2?': the share of one line in the plant's figure."""
    if not u.named("line") or len(u.metrics) > 1:
        return False
    return bool(ON_LINE.search(u.folded)) or _line_in_whole(u)


REFERENCE_ITSELF = re.compile(  # the reference asked for, not the value against it
    r"^\s*(?:was ist|was war|wie (?:hoch|lang) ist|welche[rs]? ist|what(?:'?s| is| was)|how long is|which is)\s+"
    r"(?:die |der |das |the |our |unsere[rn]? )?(?:ideal\w*|takt\w*|standard\w*|vorgabe\w*|soll\w*)"
)
CLOSER = re.compile(
    r"\b(closer to|closest to|naeher (?:am|an|zum|an seinem|an ihrem)|am naechsten (?:am|an))\b.{0,25}\b(target|ziel\w*)"
)
WHICH_RECORD = re.compile(  # 'which changeover took the longest': the record itself, named by its number
    r"\b(?:welche[rsn]?|which|what)\s+(?:\w+\s+)?(?:stillstand|stillstaende|stopp?s?|stops?|stoppage|ausfall|"
    r"ausfaelle|breakdowns?|ruestvorgang|ruestvorgaenge|wechsel|changeovers?|auftrag|auftraege|orders?)\b"
)
RECORD_AND_WHICH = (
    re.compile(  # '… und an welcher Station?', '… and which products?': where the one record was
        r"(?:\bund|\band|,)\s+(?:an|auf|bei|at|on|in|with|mit|von|from)?\s*(?:welche[rmns]?|which|what)\s+\w+"
    )
)
RECORD_DETAIL = re.compile(  # what one changeover was: its products before and after
    r"\b(?:what was (?:it )?(?:switch|chang)\w*(?: from| over)?|switching from|switched from|from\s*/\s*to|"
    r"von welchem (?:produkt )?auf welches|von was auf was|was wurde (?:um)?(?:geruestet|gewechselt)|"
    r"welche[rs]? produkte? (?:davor|danach|vorher|nachher)|which products? (?:before|after|from|to))"
)
WEAKEST_FACTOR = re.compile(  # 'biggest OEE loss', 'schwächster Faktor', 'which factor': one of A, P, Q
    r"\b(?:biggest|largest|groesste\w*|hoechste\w*|main|haupt)\s+(?:oee[- ]?)?(?:loss|losses|verlust(?!art|kategor)\w*)\b"
    r"(?!\s+(?:categor\w*|kategor\w*|types?|arten?|reasons?|gr[uü]nde?))"  # 'biggest loss category': a grouping
    r"|\b(?:weakest|schwaechste\w*|lowest|niedrigste\w*|worst|schlechteste\w*)\s+(?:oee[- ]?)?(?:factor|faktor\w*)\b"
    r"|\b(?:which|welche[rs]?)\s+(?:(?:of the|der|von den)\s+)?(?:(?:3|three|drei)\s+)?(?:oee[- ]?)?(?:factors?|faktor\w*)\b"
)
FACTOR_NAMES = re.compile(r"\b(availability|performance|quality|verfuegbarkeit|leistung|qualitaet)\b")
FACTOR_CHOICE = re.compile(  # 'woran lag's – Verfügbarkeit, Leistung oder Qualität?': which of the three
    r"\b(?:woran|warum|wieso|weshalb|why|what caused|caused by|due to|mainly|hauptsaechlich|vor allem)\b"
    r"|\b(?:verfuegbarkeit|leistung|qualitaet|availability|performance|quality)\s+(?:oder|or)\s+"
    r"(?:verfuegbarkeit|leistung|qualitaet|availability|performance|quality)\b"
)
OEE_TERMS = frozenset({"oee", "availability", "performance", "quality_ratio"})


def _factor_of_last(u: Understanding, context: Plan) -> bool:
    """'Woran lag's – Verfügbarkeit, Leistung oder Qualität?' after an OEE, with nothing else named: about it."""
    return (
        context.metrics[:1] == ("oee",)
        and not u.entities
        and not u.windows
        and set(u.choice.metrics) <= OEE_TERMS
        and _weakest_factor(u, context.metrics[:1])
    )


def _weakest_factor_plan(plan: Plan) -> Plan:
    """The OEE with its three factors, the lowest of them first."""
    return plan.with_changes(
        intent="value", metrics=("oee",), group_by=None, ranking=None, limit=None, comparison=None,
        form="weakest_factor",
    )  # fmt: skip


def _weakest_factor(u: Understanding, measure: tuple[str, ...]) -> bool:
    """The question asks which OEE factor loses most, not for one figure."""
    named = {m.group() for m in FACTOR_NAMES.finditer(u.folded)}
    listed = (
        len(named) >= 2 and FACTOR_CHOICE.search(u.folded) is not None
    )  # '… – availability, performance or …'
    if (WEAKEST_FACTOR.search(u.full) or listed) and "oee" in u.metrics:
        return True  # 'which of the OEE factors is pulling L2 down': not the stops that 'down' names
    if not set(measure) <= OEE_TERMS:
        return False
    return bool(WEAKEST_FACTOR.search(u.full)) or (
        len(named) >= 2 and (lexicon.has_cue(u.full, "rank") or FACTOR_CHOICE.search(u.folded) is not None)
    )


def _line_in_whole(u: Understanding) -> bool:
    """'Anteil Linie 2 an der Ausbringung', "line 4's share of the plant's electricity": the line is the part."""
    return any(LINE_IN_WHOLE.match(u.question[m.span[1] :]) for m in u.entities if m.entity.kind == "line")


PLANTS_WHOLE = re.compile(  # "what share of the plant's electricity", 'Anteil am Strom des Werks': all else is the whole's
    r"\b(?:the plant'?s|the factory'?s|the site'?s|plant-wide|des (?:ganzen |gesamten )?werk(?:e)?s|werksweit\w*|"
    r"im (?:ganzen |gesamten )?werk)\b"
)
LINE_IN_WHOLE = re.compile(  # 'Anteil Linie 2 an der Ausbringung', "line 4's share of", 'share of line 2 in the total'
    r"(?:\s+(?:an|am)\b(?!\s+(?:\d|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|wochenende|tag))"
    r"|\s+(?:of|in|im)\s+(?:der|dem|den|the)?\s*(?:gesamt|total|insgesamt|werk|plant|whole|all\b)"
    r"|['’]s\s+share)",
    re.IGNORECASE,
)


def _needs_a_line(u: Understanding, key: str) -> bool:
    """A cycle time mixes lines of different takt: for the plant it means nothing, so ask which line.

    An OEE (ISO 22400 defines it per line) asked with no line, place, grouping or 'whole plant' is asked back too.
    """
    if METRIC_BY_KEY[key].family == "cycle_time":  # an order or a batch ran on one line
        return not u.kinds() & {"line", "station", "product", "family", "order", "batch"}
    return key in PER_LINE_KPIS and not u.entities and not u.dimensions and not PLANT_OR_EACH.search(u.full)


PER_LINE_KPIS = frozenset({"oee", "availability", "performance"})
PLANT_OR_EACH = re.compile(
    r"\b(werk\w*|fabrik|plant\w*|factory|site|standort|gesamt\w*|insgesamt|overall|total|in summe|ueberall|"
    r"alle[nr]?|all|every|each|jede[nrs]?|pro|per|je|linien|lines|schicht\w*|shift\w*|team\w*)\b"
)


# what follows names the part: '… came in night shifts', '… entfielen auf die Nachtschicht'
PART_VERB = re.compile(  # '… geht auf L3-S4', '… comes from forming defects'
    r"\b(?:came|comes|come|happened|occurred|fell|falls|were|was|goes|go|went|kamen|kommt|kommen|stammt|stammen|"
    r"fielen|fallen|faellt|fällt|entfielen|entfiel|entfaellt|entfällt|entfallen|geht|gehen|ging|gingen|passierten|"
    r"traten|landen|landeten|entstehen|entstanden)\s+"
    r"(?:\w+\s+){0,3}?(?:in|on|during|at|to|from|auf|an|im|in der|aus|von|vom|waehrend|während)\b"
)


def _part_filters(u: Understanding) -> dict[str, tuple[str, ...]]:
    """The restrictions a share's part has beyond its whole: everything named but lines and time."""
    named: dict[str, list[str]] = {}
    verb = PART_VERB.search(u.question.lower())
    for match in u.entities:
        if verb and match.span[0] < verb.start():
            continue  # 'share of the gripper alarms on the lid robot that came in night shifts': the whole's
        if match.entity.kind in PART_KINDS:
            named.setdefault(FILTER_OF_KIND[match.entity.kind], []).append(match.entity.id)
    if u.choice.maintenance_kinds:
        named["maintenance_kinds"] = list(u.choice.maintenance_kinds)
    changes = family_changes_named(u.folded)
    if len(changes) == 1:  # 'what share of the changeovers are family changes'
        named["family_changes"] = changes
    return {k: tuple(dict.fromkeys(v)) for k, v in named.items()}


SHARE_COUNT = {"scrap_rate": "scrap_count", "fpy": "good_parts", "quality_ratio": "good_parts"}
AVERAGES = frozenset({"mean", "median"})


def _additive(key: str) -> str:
    """The measure a share divides: a rate's count, a mean's total ('Anteil an der Rüstzeit': all minutes)."""
    if key in SHARE_COUNT:
        return SHARE_COUNT[key]
    triple = record_of(key)
    if triple and triple[1] in AVERAGES:
        return measure_key(triple[0], "total", triple[2])
    return key


def _is_ratio(key: str) -> bool:
    """A KPI that is itself a ratio of totals (a percentage of a reference), so no share of a whole."""
    metric = METRIC_BY_KEY[key]
    return metric.unit == "%" and key not in SHARE_COUNT and record_of(key) is None


def _share(u: Understanding, filters: Filters) -> tuple[Filters, Filters | None, str | None]:
    """The whole (filters), the part's extra restrictions, and the part's measure for sub-records."""
    if u.choice.part:
        key = measure_key(u.choice.part, u.choice.aggregation or "total", u.choice.part_field or "duration")
        if filters.durations and "duration_s" in (RECORDS[u.choice.part].where or ""):
            filters = filters.replace(
                durations=()
            )  # 'Kurzstopps, also unter 2 min': the limit defines the part
        return filters, None, key if key in METRIC_BY_KEY else None
    extra = _part_filters(u)
    if filters.lines and (
        not extra or _line_in_whole(u) or PLANTS_WHOLE.search(u.full)
    ):  # 'how much of the downtime is on the paint line', "share of the plant's electricity": a line's share
        return filters.replace(lines=(), stations=()), Filters(lines=filters.lines), None
    whole = filters.replace(**dict.fromkeys(extra, ()))
    if "stations" in extra and not whole.lines:
        whole = whole.replace(lines=filters.lines)
    return whole, Filters().replace(**extra), None


SAME_WEEKDAY = re.compile(
    r"\b(?:gleichen|selben|same|corresponding|entsprechenden)\s+(?:wochen)?(?:tag|weekday|day)\w*\b|\bday by day\b"
    r"|\b(?:pro|je|per|each|every)\s+(?:tag|day)\b"
)  # two weeks day by day: each day paired with the same weekday of the other
ALARM_MEASURE = re.compile(
    r"\balarm\w*[\s-]*(?:minuten|minutes|mins|stunden|hours|zeit|time|dauer|duration|count|anzahl|zahl)\b"
    r"|\b(?:anzahl|number|count|zahl)\s+(?:der\s+|of\s+)?alarm"
)  # 'Alarmminuten pro Linie', 'number of alarms by line': the alarms are what is measured, not a grouping
CODE_GROUPING = re.compile(r"\b(?:nach|by|per|pro|je)\s+(?:\w+)?codes?\b|\bcodes? aufgeschluesselt\b")
UNALIGNED = frozenset({"day", "week", "month"})  # groupings whose members differ from one period to the next


def _shape(
    intent: str, u: Understanding, metrics: tuple[str, ...], filters: Filters, n_periods: int
) -> shape.Shape:
    """Grouping, ranking, limit and comparison for an intent."""
    metric = METRIC_BY_KEY[metrics[0]]
    measured_alarms = (record_of(metric.key) or ("",))[0] in ("alarm", "short_stop") and ALARM_MEASURE.search(
        u.folded
    )
    named = [
        d for d in u.dimensions if not (measured_alarms and d == "alarm")
    ]  # 'alarm minutes per line': the measure
    dimension = shape.which_dimension(u.folded) or (named[0] if named else None)
    each, all_of = shape.each_dimension(u.folded)
    record = (record_of(metric.key) or ("",))[0]
    if not each and CODE_GROUPING.search(u.folded) and record in CODE_DIMENSION:
        each = CODE_DIMENSION[record]  # 'nach Code aufgeschlüsselt': the alarm, reason or defect codes
        dimension = dimension or each
    order = shape.rank_order(u.folded, metric.direction)
    form = shape.form_of(u.folded)
    if intent == "compare":
        reference = shape.reference_of(u.folded, metric.key)
        if n_periods >= 2:
            grouped_by = shape.which_dimension(u.folded) or shape.each_dimension(u.folded)[0]
            if grouped_by and shape.CHANGED_MOST.search(u.folded):  # each line's change, ranked
                return shape.Shape(grouped_by, "desc", comparison="periods", form=form or "difference")
            form = form if form != "percent_of" else None
            each_one = shape.each_dimension(u.folded)[
                0
            ]  # 'pro Linie diese Woche gegen letzte': both values of each
            if each_one == "day" and SAME_WEEKDAY.search(u.full):  # 'verglichen mit dem gleichen Wochentag'
                return shape.Shape("day", comparison="periods", form=form)
            if (
                each_one and each_one not in UNALIGNED and not u.choice.per
            ):  # days of two weeks do not pair up
                return shape.Shape(each_one, comparison="periods", form=form)
            return shape.Shape(comparison="periods", form=form)
        rest = _rest_of(u)
        if rest and not (rest[0] == "line" and filters.stations):
            return shape.Shape(rest[0], comparison="entities", form=form or "difference", reference=rest[1])
        compared = _compared_kind(u)
        if compared:
            return shape.Shape(compared, comparison="entities", form=form)
        if reference:
            if form == "relative" and not shape.STRONG_RELATIVE.search(u.folded):
                form = "percent_of"  # 'im Vergleich zum Ziel in Prozent': the value as a percentage of it
            if (
                form is None
                and reference in ("ideal", "takt", "standard")
                and REFERENCE_ITSELF.search(u.full)
            ):
                form = "target"  # 'Was ist die ideale Zykluszeit von Linie 3?': the reference itself first
            if (
                reference == "target" and each == "line"
            ):  # 'je Linie verglichen mit dem Ziel': each its own target
                return shape.Shape("line", comparison="reference", form=form, reference=reference)
            return shape.Shape(comparison="reference", form=form, reference=reference)
        if len(filters.lines) >= 2:
            return shape.Shape("line", comparison="entities", form=form)
        named_kind = next((d for d in u.dimensions if d != "line"), None)  # 'the two suppliers on L1'
        return shape.Shape(each or named_kind or "line", comparison="entities", natural=True)
    if intent == "rank" and _cause_asked(u.folded) and u.choice.aggregation in ("max", "min"):
        return shape.Shape("reason", "desc" if u.choice.aggregation == "max" else "asc", 1)
    compared = _compared_kind(u) if intent == "rank" and _ranks_the_named(u.folded) else None
    if compared:  # 'Linie 1 oder Linie 2 – wer hatte mehr?': the named ones ranked, all of them
        return shape.Shape(compared, order, None)
    if intent == "rank":
        group = dimension if (dimension and dimension != "line") or not filters.lines else None
        group = group or each or (RANK_DEFAULT.get(metric.key, "line") if filters.lines else "line")
        if group == "shift" and OCCURRENCE.search(u.full) and not filters.shifts:
            group = "shift_day"  # 'the best shift we ever had on line 2': that shift on its day
        reference = shape.reference_of(u.folded, metric.key) if group == "line" else None
        if reference:
            below = re.search(r"\b(below|under|unter|unterm|unterhalb|darunter|drunter)\b", u.folded)
            above = re.search(r"\b(above|over|ueber|ueberm|oberhalb|darueber|drueber)\b", u.folded)
            if below or above:  # 'am weitesten unterm Ziel': the one furthest on that side first
                order = "asc" if below else "desc"
            # otherwise 'lowest first', 'worst against target' keep their own order
        limit = None if reference else lexicon.top_n(u.folded) or 5
        days = shape.DAYS_COUNTED.search(u.folded)
        if days and shape.reference_of(u.folded, metric.key) == "target":
            return shape.Shape(
                shape.PERIOD_OF_WORD[days.group(1)], None, None, form="count", reference="target"
            )
        if shape.bound_of(
            u.folded, metric.key
        ):  # 'wie viele Schichten über 80 %', 'welche Linien unter 70 %'
            counted = "count" if days or LINES_COUNTED.search(u.folded) else None
            return shape.Shape(
                shape.counted_periods(u.folded) or group, None, None, form=counted, reference="bound"
            )
        counted = "count" if reference == "target" and LINES_COUNTED.search(u.folded) else None
        two = shape.two_way(u.folded)
        if (
            two and not reference and not counted
        ):  # 'nach Linie und Verlustart – welche Kombi ist am größten?'
            return shape.Shape(two[1], order, None, within=two[0])
        shown = shape.shown_with(u.folded)
        if shown and shown != group and not reference and not counted:
            return shape.Shape(group, order, limit, within=shown, form="pairs")  # the top pairs overall
        within = shape.each_of(u.folded)
        if within and dimension == group and within != group and not reference and not counted:
            top = lexicon.top_n(u.folded) or 1
            return shape.Shape(group, order, top, within=within)  # 'top defect for each line'
        of_target = (
            "percent_of" if reference == "target" and form == "percent_of" else None
        )  # 'in % des Ziels'
        with_share = "with_share" if shape.SHARE_TOO.search(u.folded) and not reference else None
        return shape.Shape(group, order, limit, form=counted or of_target or with_share, reference=reference)
    if intent == "trend":
        return shape.Shape(dimension if dimension in ("day", "week", "shift", "hour") else "day")
    if intent == "breakdown":
        group = (
            shape.pareto_dimension(u.folded) or each or _listed_kind(u) or dimension
        )  # 'auf Früh, Spät und Nacht'
        two = shape.two_way(u.folded)
        if two:  # 'nach Lieferant und Fehlerart': the second inside each of the first
            return shape.Shape(two[1], "desc", within=two[0])
        natural = group is not None and shape.natural_order(group)
        return shape.Shape(group, None if natural else "desc", natural=natural, total_too=all_of)
    return shape.Shape()


EXCEEDED = re.compile(
    r"\b(exceed\w*|overrun\w*|ueberschritten|ueberschreit\w*|ueberzieh\w*|ueberzogen|ueber der standardzeit|over standard)\b"
)


def _refine_metrics(metrics: list[str], folded: str) -> list[str]:
    """Words around a metric that change which one is meant: 'schwankt', 'Standard', 'Fehler'."""
    if metrics and METRIC_BY_KEY[metrics[0]].source == "energy" and NOT_RUNNING.search(folded):
        metrics = ["idle_energy"]  # 'energy burnt while the line was not running': its idle energy
    if any(m in ("idle_energy", "idle_load") for m in metrics):  # 'Energie/Leistung außerhalb der Schichten'
        metrics = [m for m in metrics if METRIC_BY_KEY[m].source != "energy" and m != "performance"]
    if metrics and lexicon.has_cue(folded, "variation"):
        metrics = [VARIATION_METRIC.get(m, m) for m in metrics]
    if (
        any(m in CHANGEOVER_METRICS for m in metrics)
        and lexicon.names_reference(folded, "standard")
        and not lexicon.find_words(folded, lexicon.FIELD_WORDS)
        and not EXCESS.search(folded)
    ):
        counted = lexicon.has_cue(folded, "count") and not lexicon.has_cue(folded, "relative")
        if counted or (EXCEEDED.search(folded) and not shape.form_of(folded)):
            metrics = ["late_changeover__count"]  # 'wie viele Rüstvorgänge lagen über Standard'
        elif lexicon.has_cue(folded, "duration") or lexicon.has_cue(folded, "mean") or shape.form_of(folded):
            metrics = ["changeover_time"]  # 'wie lange … im Vergleich zum Standard': the duration against it
        else:
            metrics = ["changeover_vs_standard" if m in CHANGEOVER_METRICS else m for m in metrics]
    if (
        metrics in ([], ["takt_time"])
        and shape.HEADROOM.search(folded)
        and lexicon.names_reference(folded, "takt")
    ):
        metrics = ["cycle_time"]  # 'wie viel Luft zum Kundentakt': the cycle time against the takt
    if "takt_time" in metrics and any(
        METRIC_BY_KEY[m].family == "cycle_time" for m in metrics if m != "takt_time"
    ):
        metrics = [
            m for m in metrics if m != "takt_time"
        ]  # 'cycle time against takt time': takt is the reference
    if (
        len(metrics) == 1
        and metrics[0] in RATE_OF
        and AS_PERCENT.search(folded)
        and not (
            lexicon.has_cue(shape.IN_PERCENT.sub(" ", folded), "relative")
            or lexicon.has_cue(folded, "points")
            or lexicon.has_cue(folded, "share")
            or CHANGE_IN_PERCENT.search(folded)
        )
    ):
        metrics = [RATE_OF[metrics[0]]]  # 'scrap %', 'Ausschuss in Prozent': the rate
    elif len(metrics) == 1 and metrics[0] in RATE_OF and USUAL.search(folded):
        metrics = [
            RATE_OF[metrics[0]]
        ]  # 'das Wievielfache vom normalen Niveau': against all the days before, as rates
    if not metrics and re.search(
        r"\b(fehler|fehlerart|fehlercode|defekt\w*|defect|defects|reject reason)\b", folded
    ):
        metrics = ["scrap_count"]
    return metrics


# ----- input and small helpers ------------------------------------------------------------------


def _clean(question: str) -> str:
    """Printable text on one line."""
    text = "".join(ch if ch.isprintable() else " " for ch in question)
    return re.sub(r"\s+", " ", text).strip()


def _refuse_input(text: str, lang: str) -> Plan | None:
    """Empty, overlong, SQL, instructions, requests to act, people or other topics: a clear answer, no guess."""
    if not text or not re.search(r"[^\W\d_]", text):
        return Plan("out_of_scope", lang, messages=(message(lang, "empty"),))
    if len(text) > MAX_QUESTION_CHARS:
        return Plan("out_of_scope", lang, messages=(message(lang, "too_long"),))
    key = refusal(text)
    if key == "people" and find_topic(text) and DEFINES.search(lexicon.fold(text)):
        key = None  # 'What does TPM mean – operators or the maintenance guys?': roles in a method, no person
    if key == "language":
        return Plan(
            "out_of_scope", lang, messages=(f"{message('de', 'language')} / {message('en', 'language')}",)
        )
    if key:
        confidence = (
            0.0 if key == "off_topic" else 1.0
        )  # a configured model may take other topics, never a figure
        choices = (process_view(lang),) if key in PEOPLE_TOPICS else ()
        return Plan(
            "out_of_scope",
            lang,
            messages=(message(lang, key),),
            choices=choices,
            topic=key,
            confidence=confidence,
        )
    return None


METRIC_TOPICS = {"oee", "takt"}
DEFINITION = re.compile(
    r"(was ist|was sind|was bedeutet|was heisst|was versteht man unter|erklaer\w*|what is|what's|whats|what does|"
    r"explain|define|tell me about|meaning of|wie setzt sich|wie funktioniert|how does|how is|unterschied zwischen|"
    r"difference between|wie berechnet man|how do you calculate)\s+(?:(?:ein|eine|einen|an?|mir|den|die|der|das|the|bitte|mal|kurz|eigentlich)\s+){0,3}"
    r"[\"'„“]?(oee|takt|kundentakt|gesamtanlageneff|overall equipment)"
    r"|(oee|takt)\w*\W+(?:\w+\W+)?(what is it|what's that|was ist das|was heisst das)"
    r"|(oee|takt)\w*\b.{0,60}\b(dasselbe|das gleiche|dasgleiche|the same(?: thing)?|same as|gleich)\b"
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
    figure_topic = topic in METRIC_TOPICS or topic in METRIC_BY_KEY
    if (has_time and (figure_topic or not DEFINITION_ASKED.match(folded))) or FOLLOW_UP.search(folded):
        return False  # 'Was ist eigentlich Heijunka? … heute erwähnt': a concept asked, the day is only told
    if kinds & {"station", "product"}:  # 'Was ist Poka-Yoke – ein Beispiel für unsere Schraubstation?'
        return topic not in METRIC_TOPICS and bool(DEFINES.search(folded) or HOW_TO.search(folded))
    if "line" in kinds:
        return bool(TEACH.search(folded)) if topic in METRIC_TOPICS else lexicon.has_cue(folded, "lesson")
    if topic in METRIC_TOPICS or topic in METRIC_BY_KEY:
        if A_THING.search(folded):  # 'What's the OEE of the line?', 'die MTBF von der Prüfstation': a figure
            return False
        return bool(DEFINITION.search(folded)) or folded.strip(" ?!.") in (
            "oee",
            "takt",
            "taktzeit",
            "takt time",
        )
    return True  # a Lean term with no line, station, product or period asks about the concept


DEFINITION_ASKED = re.compile(
    r"\s*(was ist|was sind|was bedeutet|was heisst|what is|what's|whats|what are|erklaer)"
)
HOW_TO = re.compile(
    r"\b(wie macht man|wie mache ich|wie machen wir|wie geht|wie fuehrt man|wie fuehre ich|how do (?:i|we|you)|"
    r"how to|how should (?:i|we))\b"
)
DEFINES = re.compile(
    r"\b(was ist|was sind|was bedeutet|was heisst|wofuer steht|was versteht man unter|wie berechnet man|wie wird .{1,30} berechnet|"
    r"erklaer\w*|wie man .{1,30} (?:aus)?rechnet|unterschied zwischen|difference between|"
    r"definition|definiere|what is|what are|what does|stand for|stands for|meaning of|how is .{1,30} calculated|"
    r"how do you calculate|define|explain)\b"
)


def _defined_metric(text: str, matches: list[EntityMatch], times: list[TimeMatch]) -> str | None:
    """'What does MTBF stand for?': a KPI asked about as a concept (no line, station or period) gets its definition."""
    folded = lexicon.fold(text)
    if matches or times or not DEFINES.search(folded) or FOLLOW_UP.search(folded) or A_THING.search(folded):
        return None
    records = {lexicon.fold(w) for words in lexicon.RECORD_WORDS.values() for w in words}
    keys = list(dict.fromkeys(h.key for h in lexicon.find_metrics(folded) if h.text not in records))
    if len(keys) > 1 and re.search(r"\b(unterschied zwischen|difference between)\b", folded):
        families = {METRIC_BY_KEY[k].family for k in keys}
        return "oee" if families <= {"oee", "quality"} else keys[0]  # two OEE terms: the OEE lesson
    return keys[0] if len(keys) == 1 else None


def _per_named_shift(text: str, matches: list[EntityMatch]) -> str | None:
    """'pro Nachtschicht', 'per night shift': a mean over each occurrence of the shift named."""
    for m in matches:
        if m.entity.kind == "shift" and PER_WORD.search(lexicon.fold(text[: m.span[0]])):
            return "shift"
    return None


PER_WORD = re.compile(r"\b(pro|je|per|each|every|jede[nr]?)\s+$")


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out the given character spans, keeping positions."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _attached(text: str, matches: list[EntityMatch]) -> list[tuple[int, int]]:
    """Words hyphenated to a name ('Greifer-Alarme'): they describe the thing, they are not the measure."""
    spans = []
    for m in matches:
        tail = re.match(r"-(\w+)", text[m.span[1] :])
        if tail:
            spans.append((m.span[1], m.span[1] + tail.end()))
    return spans


def _not_groupings(folded: str) -> list[tuple[int, int]]:
    """Words of a grouping that name something else: 'family changes', 'maintenance orders', 'außerhalb der Schichten'."""
    spans = [m.span() for pattern in (BETWEEN_FAMILIES, WITHIN_FAMILY) for m in pattern.finditer(folded)]
    named = [*lexicon.find_words(folded, lexicon.RECORD_WORDS), *lexicon.find_metrics(folded)]
    return spans + [(h.start, h.end) for h in named if " " in folded[h.start : h.end].strip()]


def _blank(folded: str, spans: list[tuple[int, int]]) -> str:
    """The text with some spans blanked ('der Woche davor' names no grouping by week)."""
    for start, end in spans:
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return folded


def _compared_ends(text: str, times: list[TimeMatch], now: datetime) -> list[TimeMatch]:
    """'percent change from KW 45 to KW 46', 'difference between the 18th and 19th': two periods, not one range."""
    folded = shape.IN_PERCENT.sub(" ", lexicon.fold(text))  # 'CV in KW 43 bis 46, in Prozent' is one range
    compared = shape.form_of(folded) in ("difference", "relative", "points", "factor")
    changed = shape.CHANGED_MOST.search(folded)  # 'the biggest jump from KW 45 to KW 46'
    if len(times) != 1 or not (compared or changed):
        return times
    ends = range_ends(times[0], now)
    if ends is None:
        return times
    span = times[0].span
    return [TimeMatch(ends[1], span, times[0].text), TimeMatch(ends[0], (span[1], span[1]), times[0].text)]


def _distinct(times: list[TimeMatch]) -> list[TimeMatch]:
    """Each window once: '(Mon–Thu)' after 'this week so far' names the same days again."""
    seen: set[tuple[datetime, datetime]] = set()
    kept = []
    for t in times:
        key = (t.window.start, t.window.end)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


MONEY = re.compile(
    r"(€|\b(euro|euros|eur|bezahlt|zahlen wir|stromkosten|energiekosten|preis|preise|pay|paid|price|prices|money|"
    r"geld|bill|rechnung|tarif|tariff|cheaper|cheapest|expensive|billiger|billigste\w*|guenstiger|guenstigste\w*|"
    r"teurer|teuerste\w*)\b)"
)
EITHER_WAY = re.compile(  # 'up or down', 'above or below': a difference of either sign, nothing more
    r"\b(up or down|down or up|above or below|below or above|higher or lower|more or less|rauf oder runter|"
    r"hoch oder runter|ueber oder unter|mehr oder weniger|besser oder schlechter|better or worse)\b"
)
RATE_OF = {"scrap_count": "scrap_rate", "good_parts": "fpy"}  # a count and its rate of the units made
CHANGE_ASKED = re.compile(
    r"\b(mehr|weniger|more|less|fewer|um wie ?viel|by how (?:many|much)|by what|change|veraenderung)\b"
)
MEASURE_PAIR = re.compile(  # two figures of the same units set side by side: the first is the one asked
    r"\b(gutteile|gute|good(?: ones| parts| units)?|ausschuss|scrap)\s+(?:vs\.?|versus|gegen|gegenueber|und|and|/|zu)\s+"
    r"(?:(?:die|der|the)\s+)?(gesamt\w*|total|insgesamt|alle|all|overall|produziert\w*|produced|ausschuss|scrap|"
    r"gutteile|good(?: ones| parts| units)?)\b"
)
PERCENTILE_CODE = re.compile(r"[pP](?:5|10|25|50|75|90|95|99)")
ENERGY_VERB = re.compile(
    r"\b(gezogen|zieht|ziehen|draw|drew|drawn|verbraucht|verbrauchen|consumed|consume|use|used|uses|using|burnt|burned)\b"
)
COUNT_OF_TIME = {"downtime": "stop_count"}  # a share of records within a limit: counted, unless time is named
TIME_NAMED = re.compile(
    r"\b(stillstandszeit\w*|stillstandsdauer|stillstandsminuten|ausfallzeit\w*|downtime|down time|stop time|"
    r"minuten|minutes|stunden|hours|zeit|time)\b"
)
GROWN = re.compile(  # a change over time: measured from the earlier period to the later one
    r"\b(gestiegen|angestiegen|gesunken|gefallen|zugenommen|abgenommen|gewachsen|zurueckgegangen|"
    r"risen|rose|increased|grown|grew|gone up|went up|dropped|fallen|fell|decreased|declined|gone down|went down)\b"
)
CHANGE_IN_PERCENT = re.compile(  # 'Veränderung in %', '% change': the change is in percent, not the count
    r"\b(?:veraenderung|aenderung|change|zuwachs|anstieg|rueckgang|differenz|unterschied|difference)\s+(?:in\s+)?"
    r"(?:%|prozent\b|percent\b)|%[\s-]*(?:change|veraenderung|aenderung|differenz|difference)\b"
)
AS_PERCENT = re.compile(r"(%|\b(in prozent|prozentual|prozent|percent|percentage|quote|rate)\b)")
VAGUE_STATUS = re.compile(  # how things are, with no figure named
    r"\b(wie (?:laeuft|lauft|laufts|laeufts|gehts|geht es|siehts|sieht es)\w*|alles (?:gut|ok|okay|klar|im griff)|"
    r"how (?:are we|are things|is it|is everything|did we|do we) (?:doing|going|looking|do)|how'?s it (?:going|looking)|"
    r"(?:besser|schlechter) als (?:vorher|sonst|frueher)|(?:better|worse) than (?:before|usual|normal)|"
    r"any (?:problems|issues)|irgendwelche probleme|status|(?:die|der|the) (?:quote|rate|ratio|kennzahl|kpi|zahlen|numbers))\b"
)
NOT_MEASURED = re.compile(
    r"\b(temperatur\w*|temperature\w*|celsius|grad celsius|luftfeuchte|feuchtigkeit|humidity|vibration\w*|"
    r"schwingung\w*|co2|kohlendioxid|emission\w*|emitted|carbon|laerm|noise|lautstaerke|"
    r"hydraulikdruck|oeldruck|oil pressure|ph-wert)\b"
)
COST = re.compile(r"\b(kosten|kostet|kosteten|gekostet|cost|costs|costed)\b")
COST_IN_TIME = re.compile(
    r"\b(zeit|time|minuten|minutes|stunden|hours|punkte|points|oee|teile|parts|units|pieces|stueck|scrapped|"
    r"ausschussteile|ausschuss|verfuegbarkeit|availability)\b"
)


def _asks_money(u: Understanding) -> bool:
    """'Was hat uns der Strom gekostet?' asks for euros; 'wie viel Zeit hat das Rüsten gekostet' does not."""
    return bool(MONEY.search(u.full)) or bool(COST.search(u.full) and not COST_IN_TIME.search(u.full))


def _out_of_scope(lang: str) -> Plan:
    return Plan("out_of_scope", lang, messages=(message(lang, "out_of_scope"),), confidence=0.0)


__all__ = ["RECORDS", "OfflinePlanner", "Understanding"]
