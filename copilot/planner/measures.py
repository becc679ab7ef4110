"""Which measure a question asks for: a named KPI, or an aggregation over a kind of record.

"Wie viele Stillstände" is the count of stops, "how many minutes of short stops" their total,
"the longest stop" the max, "wie lange dauert ein Rüstvorgang im Schnitt" the mean changeover.
A named KPI decides the record and its usual aggregation; words for an aggregation change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..semantic.catalog import ADDITIVE_UNITS as ADDITIVE
from ..semantic.catalog import METRIC_BY_KEY
from ..semantic.records import RECORD_OF, RECORDS, measure_key
from . import lexicon, shape

OF_PLAN = re.compile(  # an order's progress against its planned quantity
    r"\b(vom plan|von der planmenge|der planmenge|vom soll|of (?:the )?plan\w*|of (?:its|the) (?:planned )?(?:quantity|qty)|"
    r"geschafft|erledigt|fertig|durch|gefertigt|produziert|done|made|produced|complete\w*|finished|progress|"
    r"fortschritt)\b"
)
OFTEN = re.compile(r"\b(oefter|haeufiger|more often|as often|less often|seltener|more frequently)\b")
DETAIL = ("max", "min", "median", "mean")  # aggregations named by their own word, strongest first
SPREAD = re.compile(
    r"\b(standardabweichung|standard deviation|std\.? ?dev\w*|stdabw|streuung|spread|sigma)\b"
)
COUNT_OF_DURATION = re.compile(
    r"\b(wie viele?|wieviele?|how many|anzahl|number of)\s+(?:(?:more|fewer|less|mehr|weniger|extra|zusaetzliche)\s+)?"
    r"(minuten|stunden|sekunden|minutes|hours|mins|seconds|secs)\b"
)
MOST_TIME = re.compile(
    r"\bam (laengsten|kuerzesten)\b|\b(the )?(longest|shortest) (time|in total)\b"
    r"|\b(?:die )?(?:meiste|wenigste) (?:\w+)?zeit\b|\bam meisten (?:\w+)?zeit\b"
    r"|\b(?:the )?(?:most|least) (?:(?:alarm|stop|down|setup|changeover|breakdown|repair|idle)\s?)?time\b"
    r"|\bzeit gekostet\b|\bcost (?:us )?(?:the )?most time\b"
    r"|\b(?:mit )?(?:der|den|the)\s+(?:laengsten|kuerzesten|longest|shortest)\s+(?:alarm|stillstands|stoer|ruest|"
    r"ausfall|stopp?|down|setup|changeover|breakdown)?\s?(?:dauer|zeit|duration|time)\b"  # 'Stationen mit der längsten Alarmdauer'
)  # 'wer stand am längsten', 'welcher Alarm hat die meiste Zeit gekostet': the most time in total
COUNT_OF_POINTS = re.compile(  # 'um wie viele Prozentpunkte': a difference of a ratio, not a count
    r"\b(wie viele?|wieviele?|how many)\s+(prozentpunkte\w*|prozent|percentage points?|percent|points|punkte|kwh)\b"
)
SLOWER_THAN_TAKT = re.compile(  # 'wie viele Teile waren langsamer als der Takt': units whose cycle missed takt
    r"\b(?:langsamer|laenger|slower|longer)\s+(?:als|than)\s+(?:der\s+|den\s+|dem\s+|the\s+)?(?:kunden)?takt\w*"
    r"|\b(?:ueber|over|above)\s+(?:dem\s+|den\s+|der\s+|the\s+)?(?:kunden|customer\s)?takt(?:zeit)?\b"
    r"|\b(?:exceed\w*|missed|ueberschritten)\s+(?:the\s+)?takt\b"
)
PERCENT = re.compile(r"(%|\bprozent\b|\bpercent\b|\bverhaeltnis\b|\bratio\b|\bin relation\b)")
UNITS_OF_RECORD = (
    re.compile(  # 'changeover minutes', 'Rüst-Stunden': the record's time in total, like 'Rüstminuten'
        r"\b(?:changeover|setup|set-up|umruest|ruest)\w*[\s-]+(?:minutes|mins|hours|minuten|stunden)\b"
    )
)
SETTING_UP = re.compile(r"\b(geruestet|umgeruestet|ruesten wir|set up|changed over)\b")
AS_PART = {("stop", "changeover"): "setup_stop", ("any_stop", "changeover"): "setup_stop",
           ("any_stop", "stop"): "stop", ("stop", "short_stop"): "small_stop",
           ("any_stop", "short_stop"): "small_stop"}  # fmt: skip  # a record named within another is its part
CHILD_FIRST = (
    "breakdown",
    "setup_stop",
    "short_stop",
    "late_changeover",
    "good_unit",
    "scrap_unit",
    "planned_stop",
)


@dataclass(frozen=True)
class MeasureChoice:
    """The measure keys chosen, the record they aggregate (if any) and filter words found."""

    metrics: tuple[str, ...]
    record: str | None = None
    aggregation: str | None = None
    statuses: tuple[str, ...] = ()
    maintenance_kinds: tuple[str, ...] = ()
    part: str | None = None  # a record that is part of the measured one ('breakdown' of 'stop'), for shares
    impossible: str | None = None  # an aggregation the record does not have: "mean of units"
    per: str | None = None  # 'im Schnitt pro Schicht': the mean over each occurrence of a shift, day or week
    records_named: tuple[str, ...] = field(default=())
    field: str = "duration"  # the field aggregated: 'excess' over standard, 'repair', 'reaction'
    part_field: str | None = (
        None  # the field a share's part sums when it is not the whole's ('made' of 'planned')
    )


MOST_FREQUENT = re.compile(r"\b(haeufigst\w*|am haeufigsten|most frequent\w*|most often|most common)\b")
MOST_OF = re.compile(  # 'die meisten Stopps', 'were there more stops': how many, unless the noun is a time
    r"\b(?:die meisten|the most|most|more|fewer|mehr|weniger)\s+(\w+)"
)
HIGHEST = re.compile(r"\b(hoechst\w*|groesst\w*|maximal\w*|maximum|max|highest|largest|peak|biggest)\b")
LOWEST = re.compile(r"\b(niedrigst\w*|kleinst\w*|geringst\w*|minimal\w*|minimum|min|lowest|smallest)\b")
RUNNING_RATE = re.compile(
    r"\b(?:per|pro|je|an|a|each)\s+(?:hour|stunde)\s+(?:of\s+)?(?:running|operating|production|run|machine)\s*(?:time)?\b"
    rf"|\b(?:per|pro|je|an|a|each)\s+(?:{'|'.join(lexicon.fold(w) for w in lexicon.RUNNING_HOUR_WORDS)})\b"
)
LOST = re.compile(r"\b(lost|verloren\w*|verlust\w*|zeitverlust\w*|gekostet|kostete\w*|cost us|costs? us)\b")
MASS_NOUNS = frozenset(
    {"stillstand", "downtime", "ausfallzeit", "standzeit", "verlustzeit", "lost", "verluste", "losses"}
)


def _counted_ranking(folded: str) -> bool:
    """'häufigster Grund', 'most frequent', 'die meisten Stopps': a ranking by how often, not how long."""
    if MOST_FREQUENT.search(folded):
        return True
    for m in MOST_OF.finditer(folded):
        noun = m.group(1)
        if noun not in MASS_NOUNS and lexicon.find_words(noun, lexicon.RECORD_WORDS):
            return True
    return False


ORDER_PHRASE = re.compile(  # 'MTTR per line, longest first': the order of a ranking, not the longest record
    r"\b(?:longest|shortest|highest|lowest|biggest|largest|smallest|worst|best)\s+(?:ones?\s+)?(?:first|on top|at the top)\b"
    r"|\b(?:laengste\w*|kuerzeste\w*|hoechste\w*|niedrigste\w*|groesste\w*|kleinste\w*|schlechteste\w*|beste\w*)\s+"
    r"(?:zuerst|oben|vorne|vorn)\b|\bam (?:laengsten|kuerzesten|hoechsten|niedrigsten|groessten)\s+(?:zuerst|oben)\b"
)


def aggregation_of(folded: str, record: str | None) -> str | None:
    """The aggregation the words ask for, None when they name none."""
    folded = ORDER_PHRASE.sub(" ", folded)
    folded = shape.FACTOR.sub(
        " ", COUNT_OF_POINTS.sub(" ", folded)
    )  # 'how many times the usual rate': a ratio
    timed = record is not None and RECORDS[record].field_sql("duration") is not None
    if (
        timed
        and _counted_ranking(folded)
        and not lexicon.has_cue(folded, "duration")
        and not MOST_TIME.search(folded)
    ):
        return "count"
    if record is not None and not timed and RECORDS[record].quantities:
        extreme = HIGHEST.search(folded) or LOWEST.search(folded)
        if extreme:
            return "max" if extreme.re is HIGHEST else "min"  # 'höchster Viertelstundenwert'
    most_time = MOST_TIME.search(folded)
    folded = MOST_TIME.sub(
        " dauer ", folded
    )  # 'wer stand am längsten': the most time in total, not the longest one
    summed = lexicon.has_cue(folded, "total") and lexicon.has_cue(folded, "duration")
    listed = _listed_first(folded)
    if listed:
        return listed  # 'Mittelwert, Median und Streuung': the one named first leads
    for key in DETAIL:
        if lexicon.has_cue(folded, key):
            return (
                "total" if summed and key in ("max", "min") else key
            )  # 'longest total duration': ranked totals
    if most_time:
        return "total"  # 'spent the most time on changeovers': all their minutes, not the mean one
    if COUNT_OF_DURATION.search(folded):
        return "total"
    if lexicon.has_cue(folded, "total") and lexicon.has_cue(folded, "duration"):
        return "total"
    if lexicon.has_cue(folded, "count"):
        return "count"
    if lexicon.has_cue(folded, "duration"):
        if record == "changeover" and not SETTING_UP.search(folded) and not UNITS_OF_RECORD.search(folded):
            return "mean"
        return "total"
    if lexicon.has_cue(folded, "total") and (
        record == "changeover" or lexicon.find_words(folded, lexicon.FIELD_WORDS)
    ):
        return "total"  # 'gesamte Reparaturdauer': the field's total
    return None


RATIO_RECORD = {"scrap_rate": "scrap_unit", "fpy": "good_unit", "quality_ratio": "good_unit"}
RATIO_OF_COUNT = {"good_parts": "fpy", "scrap_count": "scrap_rate"}
RATIO_WORD = re.compile(r"\b(ratio|rate|quote|rate of|anteil|prozentsatz)\b")
INCLUDED = re.compile(
    r"\b(?:inklusive|inkl|einschliesslich|samt|including|incl|plus|mitsamt)\.?\s+(?:(?:der|des|dem|the)\s+)?\w+"
    r"|\b\w+\s+(?:included|inklusive|eingeschlossen|eingerechnet)\b"
)


def counted_instead(choice: MeasureChoice, folded: str) -> MeasureChoice:
    """'wievielmal öfter stand Linie 3', 'how many times as often': the records counted, not their time."""
    triple = RECORD_OF.get(choice.metrics[0]) if choice.metrics else None
    if triple is None and choice.record and choice.aggregation == "total":
        triple = (choice.record, "total", "duration")
    if (
        triple is None
        or triple[1] != "total"
        or not OFTEN.search(folded)
        or lexicon.has_cue(folded, "duration")
    ):
        return choice
    return MeasureChoice((measure_key(triple[0], "count"),), triple[0], "count")


HOW_FAR = re.compile(  # 'Wie weit ist der laufende Auftrag?', 'how far along is the order': its progress
    r"\b(?:wie weit (?:ist|is|sind|steht|stehen|sind wir mit)(?!\s+(?:\w+\s+)?(?:unter|ueber|von|weg|vom|hinter))"
    r"|how far (?:along|is|are|have we got)(?!\s+(?:\w+\s+)?(?:below|above|from|off|behind))|stand (?:des|vom) auftrag\w*)"
    r"|\bhow'?s the (?:\w+\s+)?order (?:doing|going)\b|\bwie laeuft (?:der|unser) (?:\w+\s+)?auftrag\b"
    r"|\b(?:vs\.?|versus|against|gegen|compared (?:to|with))\s+(?:the\s+|die\s+|der\s+)?(?:planned|plan|planmenge|soll)"
    r"(?:\s+(?:qty|quantity|menge))?\b"
    r"|\b(?:soll|plan)\s*(?:vs\.?|versus|/|-|gegen|und|zu)\s*ist\b|\bplan(?:ned)?\s*(?:vs\.?|versus|/)\s*actual\b"
)


def order_progress(folded: str, statuses: tuple[str, ...] = ()) -> MeasureChoice | None:
    """'wie viel Prozent vom Plan hat der Auftrag geschafft': the quantity made as a share of the planned."""
    if not (OF_PLAN.search(folded) and PERCENT.search(folded)) and not HOW_FAR.search(folded):
        return None
    return MeasureChoice(
        (measure_key("production_order", "total", "planned_qty"),), "production_order", "total",
        statuses=tuple(s for s in statuses if s != "done"), part="production_order", field="planned_qty",
        part_field="made",
    )  # fmt: skip


def choose(
    folded: str, metrics: list[str], named: list[lexicon.Hit], per_hint: str | None = None
) -> MeasureChoice:
    """The measure of a question from its KPI names, record words and aggregation words.

    `named` are the KPI names found: a record word inside one ('good unit' in 'energy per good unit',
    'setup' in 'setup ratio') belongs to that KPI, not to a record. `per_hint` is an occurrence named
    as an entity ('per night shift').
    """
    hits = [
        h
        for h in lexicon.find_words(folded, lexicon.RECORD_WORDS)
        if not any(
            h.start < n.end
            and n.start < h.end
            and not (h.start <= n.start and n.end <= h.end and (h.end - h.start) > (n.end - n.start))
            for n in named
        )
    ]
    as_records = _as_records(hits + named)
    records = [h.key for h in hits if not _glossing(h, as_records, folded)]
    if (
        SPEED.search(folded)
        and not SLOWER_THAN_TAKT.search(folded)
        and set(metrics) <= {"output"}
        and set(records) <= {"unit"}
    ):
        return MeasureChoice(("cycle_time",))  # units or a line running slower: their cycle time
    changeovers = "changeover" in records or any(METRIC_BY_KEY[m].family == "changeovers" for m in metrics)
    if (
        changeovers
        and lexicon.has_cue(folded, "share")
        and not lexicon.has_cue(folded, "relative")
        and OVER_STANDARD.search(folded)
    ):
        return MeasureChoice(  # 'what share of the changeovers ran over their standard?'
            (measure_key("changeover", "count"),), "changeover", "count", part="late_changeover"
        )
    if changeovers and WITHIN_STANDARD.search(folded):
        if lexicon.has_cue(folded, "share"):  # 'what % of the changeovers stayed within standard?'
            return MeasureChoice(
                (measure_key("changeover", "count"),), "changeover", "count", part="timely_changeover"
            )
        return MeasureChoice((measure_key("timely_changeover", "count"),), "timely_changeover", "count")
    compound = TIME_COMPOUND.search(folded)
    if compound and not records and not metrics:
        timed = COMPOUND_RECORD[compound.group(1)]
        timed_field = _field(folded, timed, "total")
        if OVER_STANDARD.search(folded) and RECORDS[timed].field_sql("excess"):
            timed_field = "excess"  # "Rüstverlust über Standard": the overrun's minutes
        return MeasureChoice((measure_key(timed, "total", timed_field),), timed, "total", field=timed_field)
    statuses: tuple[str, ...]
    kinds: tuple[str, ...]
    if MAINTENANCE_FIELD.search(folded) and "maintenance_order" not in records:
        records.append("maintenance_order")  # 'bis die Instandhaltung anfängt' is an order's response time
    if not records and not metrics and lexicon.find_words(folded, {"excess": lexicon.FIELD_WORDS["excess"]}):
        records.append("changeover")  # 'the biggest overrun vs standard': only changeovers have a standard
    if not records and lexicon.find_words(folded, lexicon.LOSS_CATEGORY_WORDS):
        records.append("stop")  # 'wie viele Kleinstörungen': stops of that loss category
    if (
        "production_order" in records
        and (
            lexicon.find_words(folded, {k: lexicon.FIELD_WORDS[k] for k in ("repair", "reaction", "age")})
            or _order_filters(folded)[1]
            or FAULT.search(folded)
            or (OPEN_OR_CREATED.search(folded) and not PRODUCTION_NAMED.search(folded))
        )
    ):  # 'Reaktionszeit der korrektiven Aufträge', 'an order for the leak': maintenance orders, not production orders
        records = ["maintenance_order" if r == "production_order" else r for r in records]
    if "production_order" in records:
        statuses, kinds = _production_statuses(folded), ()
    else:
        statuses, kinds = _order_filters(folded)
        if statuses or kinds:
            records.append("maintenance_order")
        if not kinds and "maintenance_order" in records and A_REPAIR.search(folded):
            kinds = ("corrective",)  # 'wie lange dauert eine Reparatur': planned maintenance repairs nothing
    included = [m.span() for m in INCLUDED.finditer(folded)]
    kept = {n.key for n in named if not any(a <= n.start and n.end <= b for a, b in included)}
    metrics = [m for m in metrics if m in kept or m not in {n.key for n in named}]
    named_records = [RECORD_OF[m][0] for m in metrics if m in RECORD_OF]
    if lexicon.find_words(folded, lexicon.LOSS_CATEGORY_WORDS):  # a loss category is a stop's, not an alarm's
        records, named_records = (
            [("stop" if r == "short_stop" else r) for r in x] for x in (records, named_records)
        )
    plain = [m for m in metrics if m not in RECORD_OF]
    counted = (
        aggregation_of(shape.GROUPS_COUNTED.sub(" ", shape.DAYS_COUNTED.sub(" ", folded)), None) == "count"
    )  # 'an wie vielen Tagen', 'wie viele Linien' count days and lines
    if SLOWER_THAN_TAKT.search(folded) and (counted or lexicon.has_cue(folded, "share") or "unit" in records):
        if lexicon.has_cue(folded, "share"):  # 'Anteil der Teile über Takt': of the units with a cycle time
            return MeasureChoice(
                (measure_key("timed_unit", "count"),), "timed_unit", "count", part="slow_unit"
            )
        return MeasureChoice((measure_key("slow_unit", "count"),), "slow_unit", "count")
    if (
        counted
        and ("unit" in records or "output" in metrics)
        and any(METRIC_BY_KEY[m].family == "cycle_time" for m in plain)
    ):
        return MeasureChoice(
            (measure_key("unit", "count"),), "unit", "count"
        )  # 'wie viele Teile über 90 s Zykluszeit'
    ratios = [m for m in plain if m in RATIO_RECORD]
    if ratios and counted:
        return MeasureChoice(
            (measure_key(RATIO_RECORD[ratios[0]], "count"),), RATIO_RECORD[ratios[0]], "count"
        )
    scrap = [m for m in metrics if m == "scrap_count"]
    if (ratios or scrap) and lexicon.has_cue(folded, "mean") and _per(folded):
        unit_record = RATIO_RECORD.get(ratios[0], "scrap_unit") if ratios else "scrap_unit"
        return MeasureChoice((measure_key(unit_record, "count"),), unit_record, "count", per=_per(folded))
    counts = [m for m in metrics if m in RATIO_OF_COUNT]
    if counts and RATIO_WORD.search(folded) and not counted:
        return MeasureChoice((RATIO_OF_COUNT[counts[0]],))
    if plain and not [r for r in records if r != "unit"]:
        additive = all(METRIC_BY_KEY[m].unit in ADDITIVE for m in plain)
        averaged = lexicon.has_cue(folded, "mean") or RATE_PER_HOUR.search(folded) is not None
        per = _per(folded) if additive and averaged else None
        return MeasureChoice(
            variants(tuple(plain), folded), statuses=statuses, maintenance_kinds=kinds, per=per
        )
    record = _record(named_records + records, folded)
    found = named_records + records
    if record == "reading" and MISSING.search(folded):
        return MeasureChoice(
            ("missing_readings",)
        )  # 'wie viele Viertelstundenwerte fehlen': the gaps, not the values
    if "maintenance_order" in records:
        record = "maintenance_order"  # 'repair time of corrective orders' is the orders' own, not the MTTR
    progress = order_progress(folded, statuses) if "production_order" in found else None
    if progress is not None:
        return progress
    if "production_order" in found and (statuses or quantity_field(folded)):
        record = "production_order"  # 'Teile, die beim laufenden Auftrag noch fehlen' are the order's
    if lexicon.has_cue(
        folded, "share"
    ):  # 'Anteil der Rüstzeit an der Stillstandszeit': the part of a whole named
        record = next((whole for (whole, inner) in AS_PART if whole in found and inner in found), record)
    if (
        record == "changeover"
        and lexicon.names_reference(folded, "standard")
        and PERCENT.search(folded)
        and not lexicon.has_cue(
            folded, "relative"
        )  # 'um wie viel Prozent überschreiten': against the standard
    ):
        return MeasureChoice(("changeover_vs_standard",), statuses=statuses, maintenance_kinds=kinds)
    if (
        record == "changeover"
        and lexicon.names_reference(folded, "standard")
        and not lexicon.has_cue(folded, "count")
        and not _field_named(folded)
    ):  # 'um wie viel Prozent liegen die Familienwechsel über der Vorgabezeit': their time against it
        return MeasureChoice(("changeover_time",), statuses=statuses, maintenance_kinds=kinds)
    if record is None:
        return MeasureChoice(variants(tuple(plain or metrics), folded))
    part = _part(record, records + named_records)
    if part is None and lexicon.has_cue(folded, "share"):
        part = next((AS_PART[(record, r)] for r in records + named_records if (record, r) in AS_PART), None)
    if part is not None and not lexicon.has_cue(folded, "share"):
        record, part = part, None
    first_part = SECOND_PART.split(folded, maxsplit=1)[0]
    aggregation = (
        aggregation_of(first_part, record)
        or ("total" if TIMED.search(first_part) else None)
        or _named_aggregation(metrics, record)
        or _default(record)
    )
    if (
        record in ("unit", "good_unit", "scrap_unit")
        and RATE_PER_HOUR.search(folded)
        and aggregation in (None, "count")
    ):
        aggregation = "mean"  # 'units per hour': the units of each hour the shifts ran, averaged
    per = (_per(folded) or per_hint) if aggregation == "mean" else None
    if per:  # 'how many stops per working day on average': the count (or total) of each day, averaged
        named_aggregation = _named_aggregation(metrics, record)
        aggregation = (
            "total"  # 'Rüstzeit pro Schicht im Schnitt': the minutes of each shift, not how many
            if named_aggregation == "mean"
            else named_aggregation or _default(record)
        )
        if COUNT_OF_DURATION.search(first_part) or lexicon.has_cue(first_part, "duration"):
            aggregation = "total"
        elif lexicon.has_cue(first_part, "count"):
            aggregation = "count"
    field_name = _field(folded, record, aggregation)
    if record == "production_order" and field_name == "duration" and "unit" in found:
        # 'wie viele Teile hat der laufende Auftrag gemacht' / '… fehlen beim laufenden Auftrag noch'
        field_name = (
            "remaining"
            if STILL_MISSING.search(folded)
            else "planned_qty"
            if statuses == ("planned",)
            else "made"
        )  # an order not yet started is its planned quantity
    if field_name == "excess" and LOST.search(folded):
        aggregation = "total"  # 'time lost vs standard': every overrun added up
    if field_name == "excess" and aggregation == "count" and record == "changeover":
        record, field_name = "late_changeover", "duration"  # 'wie viele Rüstvorgänge lagen über Standard'
    elif field_name in RECORDS[record].quantities and aggregation == "count":
        aggregation = "total"  # 'wie viele Teile fehlen noch': the quantities added up
    elif field_name != "duration" and aggregation == "count":
        aggregation = "mean"
    elif (
        field_name in PER_RECORD_WAITS and aggregation == "total" and not lexicon.has_cue(first_part, "total")
    ):
        aggregation = (
            "mean"  # 'how long do orders wait': each order's wait, averaged; a total only when asked
        )
    key = measure_key(record, aggregation, field_name)
    if RUNNING_RATE.search(folded):  # 'alarms per hour of running time': a rate, not a grouping by hour
        return MeasureChoice((), record, "rate", impossible=f"rate:{record}")
    if key not in METRIC_BY_KEY:
        return MeasureChoice((), record, aggregation, impossible=f"{aggregation}:{record}")
    chosen = (key, *second_aggregation(folded, record, key), *[m for m in plain if m != key])
    return MeasureChoice(
        chosen,
        record,
        aggregation,
        statuses,
        kinds,
        part,
        records_named=tuple(dict.fromkeys(records)),
        per=per,
        field=field_name,
    )


PER = re.compile(
    r"\b(pro|je|per|each|every|a|an)\s+(?:(?:night|late|early|morning|afternoon|nacht|frueh|spaet|tag)\s*)?"
    r"(schicht|arbeitstag|produktionstag|werktag|tag|woche|stunde|shift|"
    r"working day|workday|production day|day|week|hour)\b"
)
PER_DIMENSION = {"schicht": "shift", "shift": "shift", "tag": "day", "day": "day", "arbeitstag": "workday",
                 "produktionstag": "workday", "werktag": "workday", "working day": "workday", "workday": "workday",
                 "production day": "workday", "woche": "week", "week": "week", "stunde": "hour", "hour": "hour"}  # fmt: skip


WORKDAYS_ONLY = re.compile(
    r"\b(?:nur|only)\s+(?:an\s+|on\s+)?(arbeitstage\w*|werktage\w*|produktionstage\w*|working days|workdays|production days)\b"
)
DAILY = re.compile(
    r"\b(daily|taeglich\w*|tagesdurchschnitt\w*|tagesschnitt\w*|tagesmittel\w*|weekly|woechentlich\w*|per diem)\b"
)
TIMED = re.compile(  # 'short stop time', 'Alarmzeit': the time the records took, summed
    r"(stop|stopp|stops|stopps|alarm|alarme|alarms|breakdown|breakdowns)[\s-]?(time|zeit|zeiten)\b"
)


RATE_PER_HOUR = re.compile(  # 'units per hour', 'Stück pro Stunde': a rate, not each hour of the day
    r"\b(?:(?:good|gute|scrap|bad|io|nio)\s+)?(?:units|parts|pieces|teile|stueck|stuck|einheiten|gutteile|ones)"
    r"\s+(?:per|pro|je|an|a|/)\s*(?:hour|stunde|std|h)\b"
)


def kpi_per(folded: str, metrics: tuple[str, ...]) -> str | None:
    """'durchschnittlicher Stromverbrauch pro Arbeitstag': an additive KPI averaged over each day (shift, week)."""
    additive = bool(metrics) and all(METRIC_BY_KEY[m].unit in ADDITIVE for m in metrics)
    averaged = lexicon.has_cue(folded, "mean") or DAILY.search(folded) is not None
    trend = lexicon.has_cue(folded, "trend") and not (
        lexicon.has_cue(folded, "mean") and PER.search(folded)
    )  # 'the daily trend' shows each day; 'average kWh per day' is one figure; 'per day' alone does not
    return _per(folded) if additive and averaged and not trend else None


AVERAGE_PERIOD = re.compile(  # 'compared to an average day', 'als an einem normalen Arbeitstag'
    r"\b(?:an?|the|einem|einen|ein|eine[rm]?|der|den|dem)\s+(?:average|typical|normal|usual|ordinary|"
    r"durchschnittliche[nmrs]?|normale[nmrs]?|typische[nmrs]?|uebliche[nmrs]?|gewoehnliche[nmrs]?)\s+"
    r"(schicht|arbeitstag|produktionstag|werktag|tag|woche|shift|working day|workday|production day|day|week)\b"
)


def _per(folded: str) -> str | None:
    """'im Schnitt pro Schicht', 'per day on average', 'daily': the occurrences a mean is taken over."""
    m = PER.search(folded) or AVERAGE_PERIOD.search(folded)
    if m:
        return PER_DIMENSION[m.groups()[-1]]
    if WORKDAYS_ONLY.search(folded):
        return "workday"  # 'Tagesdurchschnitt (nur Arbeitstage)': the mean of the days worked
    daily = DAILY.search(folded)
    return None if daily is None else "week" if daily.group(1).startswith(("week", "woech")) else "day"


SECOND_PART = re.compile(r",?\s+(?:und|and|sowie)\s+(?=(?:wie|how|what|was|welche|wieviel)\b)")


LIST_JOIN = re.compile(r"^\s*(?:,|und|and|&|sowie|oder|or|/)\s*(?:der\s+|die\s+|das\s+|the\s+)?$")


def _listed_first(folded: str) -> str | None:
    """The first of two or more aggregations named as a list ('mean, median and spread'), None otherwise."""
    spans = sorted((start, end, key) for key in DETAIL for start, end in lexicon.cue_spans(folded, key))
    for (_, end, key), (start, _, other) in pairwise(spans):
        if key != other and LIST_JOIN.match(folded[end:start]):
            return key
    return None


def second_aggregation(folded: str, record: str, first: str) -> tuple[str, ...]:
    """'Wie viele Ausfälle …, und wie lange im Schnitt?': the second aggregation of the same record, after the first."""
    parts = SECOND_PART.split(folded, maxsplit=1)
    if len(parts) < 2:
        return ()
    second = aggregation_of(parts[1], record)
    key = measure_key(record, second) if second else None
    return (key,) if key and key != first and key in METRIC_BY_KEY else ()


POWER_WORD = re.compile(r"\b(leistung|power|draw|kw|last|load|leistungsaufnahme)\b")
WITHIN_STANDARD = re.compile(
    r"\b(?:within|inside|under|below|innerhalb|unter|im|in)\s+(?:the\s+|their\s+|its\s+|der\s+|dem\s+|des\s+|ihrer\s+)?"
    r"(?:standard\w*|vorgabe\w*|sollzeit\w*)"
    r"|\b(?:standard\w*|vorgabe\w*|sollzeit\w*)\s+(?:eingehalten|gehalten|kept|met|held)\b"
)
OVER_STANDARD = re.compile(
    r"\b(over|above|beyond|exceed\w*|overran|overrun\w*|ueber|ueberschritten|ueberschreit\w*|ueberzogen|laenger als)\b"
    r".{0,25}\b(standard\w*|vorgabe\w*|sollzeit\w*|norm\w*)"
    r"|\b(standard\w*|vorgabe\w*|sollzeit\w*)\b.{0,20}\b(ueberschritten|ueberzogen|exceeded|overran|overrun)"
)
STILL_MISSING = re.compile(r"\b(fehl\w*|missing|left|remaining|ausstehend\w*|still to)\b")
FAULT = re.compile(  # what only a maintenance order is for: 'an open order for the air leak'
    r"\b(leak\w*|leck\w*|undicht\w*|kaputt\w*|broken|defekt\w*|reparier\w*|tauschen|austauschen|replace\w*|fix)\b"
)
SPEED = re.compile(  # 'läuft langsamer', 'how much slower are units from …': the cycle time
    r"\b(langsamer|schneller|flotter|slower|faster|quicker|zuegiger|gemaechlicher)\b"
)
COMPOUND_RECORD = {
    "ruest": "changeover", "umruest": "changeover", "stillstand": "stop", "stillstands": "stop",
    "ausfall": "breakdown", "stoerung": "stop", "stoerungs": "stop", "stoer": "stop", "kurzstopp": "short_stop",
    "kleinstopp": "short_stop", "stopp": "stop", "alarm": "alarm",
}  # fmt: skip
COMPOUND_TIMES = ("minuten", "stunden", "verlust", "verluste", "verlustzeit")
TIME_COMPOUND = re.compile(  # 'Rüstminuten', 'Störminuten', 'Rüstverlust': the total time of a kind of record
    rf"\b({'|'.join(sorted(COMPOUND_RECORD, key=len, reverse=True))})[ -]?({'|'.join(COMPOUND_TIMES)})\b"
)
TIME_COMPOUND_WORDS = frozenset(f"{record}{time}" for record in COMPOUND_RECORD for time in COMPOUND_TIMES)
MISSING = re.compile(r"\b(fehl\w*|missing|lacking|absent|gaps?|luecke\w*|ausgefallen\w*)\b")
GLOSS = re.compile(r"\(([^()]*)\)")


def _as_records(hits: list[lexicon.Hit]) -> list[lexicon.Hit]:
    """Record words and KPI names, each as the record it counts."""
    return [
        lexicon.Hit(RECORD_OF[h.key][0] if h.key in RECORD_OF else h.key, h.start, h.end, h.text)
        for h in hits
        if h.key in RECORDS or h.key in RECORD_OF
    ]


def _glossing(hit: lexicon.Hit, hits: list[lexicon.Hit], folded: str) -> bool:
    """A record named in brackets to define the one before: 'Kurzstopps (Alarme unter 2 Minuten)'."""
    for gloss in GLOSS.finditer(folded):
        if gloss.start() < hit.start and hit.end <= gloss.end():
            before = [h for h in hits if h.end <= gloss.start() and not folded[h.end : gloss.start()].strip()]
            return any(RECORDS[h.key].parent == hit.key for h in before)
    return False


def _record(found: list[str], folded: str) -> str | None:
    """The most specific record named; planned stops included or alone when said so."""
    if not found:
        return None
    if "any_stop" in found:
        return "any_stop"
    for child in CHILD_FIRST:
        if child in found and RECORDS[child].parent in found and lexicon.has_cue(folded, "share"):
            return RECORDS[child].parent
    for child in CHILD_FIRST:
        if child in found:
            return child
    return found[0]


def _part(record: str, found: list[str]) -> str | None:
    """A named record that is part of the chosen one: the numerator of a share."""
    return next((r for r in found if r != record and RECORDS[r].parent == record), None)


def _named_aggregation(metrics: list[str], record: str) -> str | None:
    """The aggregation of a named KPI over the chosen record ('Rüstzeit' is the mean changeover)."""
    return next((RECORD_OF[m][1] for m in metrics if m in RECORD_OF and RECORD_OF[m][0] == record), None)


def _default(record: str) -> str:
    """Stops are summed, everything else counted, when no word says otherwise."""
    return "total" if record in ("stop", "any_stop", "planned_stop", "breakdown", "setup_stop") else "count"


EXCESS = re.compile(
    r"\b(how much longer|wie ?viel laenger|wie ?viele minuten laenger|um wie ?viel laenger|how many minutes longer)\b"
    r".*\b(standard\w*|sollzeit\w*|norm\w*|vorgabe\w*)"
)


MAINTENANCE_FIELD = re.compile(
    r"\b(instandhaltung|maintenance|wartung)\b.*\b(arbeit\w*|work\w*|anfaengt|beginnt|kommt|starts?|arrives?|"
    r"beschaeftigt|busy|repariert|repaired)\b|\b(arbeit\w*|work\w*)\b.*\b(instandhaltung|maintenance)\b"
)


def _field(folded: str, record: str, aggregation: str = "count") -> str:
    """'länger als der Standard' → excess, 'Reaktionszeit' → reaction; else the duration (a repair for orders)."""
    if EXCESS.search(folded) and RECORDS[record].field_sql("excess"):
        return "excess"
    if CREATED_TO_STARTED.search(folded) and RECORDS[record].field_sql("reaction"):
        return "reaction"
    for hit in lexicon.find_words(folded, lexicon.FIELD_WORDS):
        if RECORDS[record].field_sql(hit.key):
            return hit.key
    if record == "maintenance_order" and (lexicon.has_cue(folded, "duration") or aggregation != "count"):
        return "repair"  # how long an order took is its repair
    fields = RECORDS[record].fields
    if aggregation != "count" and len(fields) == 1:
        return fields[0][0]  # a record of one field aggregates it: a stop's duration, a reading's kWh
    return "duration"


PER_RECORD_WAITS = frozenset({"reaction"})  # times each record waits: averaged, not added up
CREATED_TO_STARTED = re.compile(  # 'from creating an order to starting work': the time until work began
    r"\b(?:from|vom|von der|zwischen)\s+(?:the\s+|dem\s+)?(?:creat\w*|open\w*|rais\w*|anleg\w*|anlage|erstell\w*|"
    r"erfass\w*|meld\w*|eroeffn\w*)\b.{0,50}?\b(?:to|until|till|bis|und)\s+(?:zum\s+|the\s+)?(?:\w+\s+){0,2}?"
    r"(?:start\w*|begin\w*|arbeitsbeginn|beginn)\b"
    r"|\b(?:wait\w*|warte\w*)\b.{0,40}?\b(?:before|until|till|bis|ehe|bevor)\b.{0,40}?"  # 'wait before someone starts'
    r"\b(?:start\w*|begin\w*|beginn\w*|anf[aä]ng\w*|angefangen|loslegt|loslegen)\b"
)
A_REPAIR = re.compile(r"\b(reparatur|reparaturen|repair|repairs|repaired|repariert\w*|reparier\w*)\b")
OPEN_OR_CREATED = re.compile(
    r"\b(offen\w*|open|angelegt\w*|eroeffnet\w*|created|raised|opened|unerledigt\w*|"
    r"(?:noch )?nicht (?:erledigt|abgeschlossen|fertig)|not (?:yet )?(?:done|closed|completed|finished)|"
    r"in arbeit|in bearbeitung|in progress|being worked on)\b"  # a maintenance order's own status words
)
PRODUCTION_NAMED = re.compile(  # orders said to be production's: 'open production orders' are the backlog
    r"(fertigungs|produktions|production|auftragsbestand|backlog|po-\w)|\bplanned\b|\bgeplant\w*"
)


def _production_statuses(folded: str) -> tuple[str, ...]:
    """Production-order statuses the question names: 'abgeschlossen' → done, 'laufend' → running."""
    fields = lexicon.find_words(folded, lexicon.FIELD_WORDS)  # 'planned qty' names a quantity, not a status
    hits = [
        h
        for h in lexicon.find_words(folded, lexicon.PRODUCTION_STATUS_WORDS)
        if not any(f.start <= h.start and h.end <= f.end for f in fields)
    ]
    found = tuple(dict.fromkeys(h.key for h in hits))
    if "running" in found and "done" in found:  # 'units of the running order done so far': what it made
        found = tuple(k for k in found if k != "done")
    return found


def _field_named(folded: str) -> bool:
    """A record's field is named ('Überschreitung', 'Reparaturdauer'): it is what is measured."""
    return bool(EXCESS.search(folded) or lexicon.find_words(folded, lexicon.FIELD_WORDS))


def quantity_field(folded: str) -> str | None:
    """A production order's quantity the question names: planned, made or still to make."""
    quantities = RECORDS["production_order"].quantities
    return next((h.key for h in lexicon.find_words(folded, lexicon.FIELD_WORDS) if h.key in quantities), None)


def _order_filters(folded: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Maintenance-order statuses and kinds the question names."""
    hits = lexicon.find_words(folded, {k: words for k, (words, _values) in lexicon.STATUS_WORDS.items()})
    statuses: list[str] = []
    kinds: list[str] = []
    for hit in hits:
        values = lexicon.STATUS_WORDS[hit.key][1]
        (statuses if hit.key in ("open", "in_progress", "done") else kinds).extend(values)
    return tuple(dict.fromkeys(statuses)), tuple(dict.fromkeys(kinds))


PERCENTILE = re.compile(
    r"\b(\d{2})(?:th|\.|%|te[nrs]?|ste[nrs]?)?[\s-]*(?:percentile|perzentil\w*|quantil\w*)|\bp(\d{2})\b"
)


WHICH_GROUP = re.compile(r"\b(?:which|welche[rsmn]?|wo|where|per|pro|je|jede[rsmn]?|each|every|rank\w*)\b")


def _one_extreme(folded: str) -> str | None:
    """'the longest single cycle', 'kürzeste Taktzeit von Linie 2': 'max' or 'min' of one scope, not groups ranked."""
    aggregation = aggregation_of(folded, None)
    return aggregation if aggregation in ("max", "min") and not WHICH_GROUP.search(folded) else None


CYCLE_STATISTICS = (("cycle_time", "mean"), ("cycle_time_median", "median"))


def _cycle_statistics_listed(folded: str) -> tuple[str, ...]:
    """'Mittelwert, Median und Streuung der Zykluszeit': each statistic named, in the order named (two or more)."""
    found = [(spans[0][0], key) for key, cue in CYCLE_STATISTICS if (spans := lexicon.cue_spans(folded, cue))]
    spread = SPREAD.search(folded)
    if spread:
        found.append((spread.start(), "cycle_time_sd"))
    return tuple(key for _, key in sorted(found)) if len(found) >= 2 else ()


def variants(metrics: tuple[str, ...], folded: str) -> tuple[str, ...]:
    """Median, spread or idle energy instead of the plain cycle time or idle load when asked."""
    result = []
    percentile = PERCENTILE.search(folded)
    cycle = {"cycle_time", "cycle_time_median", "cycle_time_sd"}
    listed = _cycle_statistics_listed(folded) if cycle & set(metrics) else ()
    if listed:
        return tuple(dict.fromkeys((*listed, *(m for m in metrics if m not in cycle))))
    for key in metrics:
        if key in ("cycle_time", "cycle_time_median", "cycle_time_sd", "cycle_time_cv"):
            if percentile and f"cycle_time_p{percentile.group(1) or percentile.group(2)}" in METRIC_BY_KEY:
                key = f"cycle_time_p{percentile.group(1) or percentile.group(2)}"
            elif lexicon.has_cue(folded, "median"):
                key = "cycle_time_median"
            elif SPREAD.search(folded):
                key = "cycle_time_sd"
            elif key == "cycle_time" and (extreme := _one_extreme(folded)):
                key = f"cycle_time_{extreme}"  # 'der längste einzelne Zyklus'
        if key == "idle_load" and re.search(r"\bkwh\b", folded):
            key = "idle_energy"
        elif key == "idle_energy" and POWER_WORD.search(folded) and not re.search(r"\bkwh\b", folded):
            key = "idle_load"  # 'mittlere Leistung außerhalb der Arbeitszeit': the idle load in kW
        result.append(key)
    return tuple(dict.fromkeys(result))
