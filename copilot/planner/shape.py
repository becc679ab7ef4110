"""The shape of an answer: grouping, ranking and its key, comparison and its form, shares.

Compose, don't enumerate: a question is measure × filters × window × grouping × comparison, and
each of these is read here from the words for it, independently of the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..semantic.catalog import DIMENSION_BY_KEY, METRIC_BY_KEY, Dimension
from . import lexicon

ORDERED = frozenset(
    {"line", "shift", "day", "week", "weekday", "hour", "team", "medium", "meter", "kind", "status"}
)
COMPARABLE = ("line", "shift", "team", "station", "supplier", "product", "family", "medium", "meter", "defect",
              "reason", "alarm", "family_change")  # fmt: skip
REFERENCE_METRICS = {  # the metrics a reference exists for, and the evidence column that holds it
    "takt": {"cycle_time": "takt_s", "cycle_time_median": "takt_s"},
    "ideal": {"cycle_time": "ideal_s", "cycle_time_median": "ideal_s"},
    "standard": {"changeover_time": "standard_minutes", "changeover__total": "standard_minutes"},
}
EACH = re.compile(
    r"\b(jede[nmrs]?|einzelne[n]?|each|every|per|pro|je|fuer jede[nmrs]?|for each|for every|by|nach|line by)\s+"
    r"(?:(?:der|die|das|den|dem|the|einzelnen?|our|unsere[n]?)\s+)?(\w+)(?:\s+(\w+))?"
)


def each_words(folded: str) -> list[re.Match[str]]:
    """Every 'pro/je/by … word' of a question, overlapping: 'pro Gutteil je Linie' holds 'je Linie' too."""
    found, at = [], 0
    while (m := EACH.search(folded, at)) is not None:
        found.append(m)
        at = m.end(1)
    return found


ALL_OF = re.compile(r"\b(alle[nr]?|saemtliche[n]?|all|all the|aller)\s+(?:(?:der|die|the)\s+)?(\w+)")
HOW_MANY_AND_WHICH = re.compile(
    r"\b(?:how many|wie ?viele?)\b.{0,40}?\b(?:and|und)\s+(?:on |in |at |auf |an |bei |for |fuer )?"
    r"(?:which|welche[nrm]?|welchen)\s+(\w+)"
)
WHICH = re.compile(
    r"\b(welche[rsnm]?|which|what|an welchem|on which|in which|wo|where|main|top|biggest|largest|haupt|groesste[rn]?|"
    r"rank|ranking|sort|sortier\w*|ordne|rangliste)"  # 'rank the lines by …': a ranking over them
    r"\s+(?:(?:der|die|das|the)\s+)?-?(\w+)(?:\s+(\w+))?"
)  # '-' : 'welche Lackiererei-Gruppe' with the line's name blanked
HEAD_NOUN = re.compile(
    r"\b(haupt|top)(?:stillstands|stoerungs|stoer|ausfall)?(grund|ursache|fehler|fehlerart|station|stoerung|stoerungsursache)\w*\b"
)


@dataclass(frozen=True)
class Shape:
    """Grouping, ranking, limit, comparison and its form, and the reference compared with."""

    group_by: str | None = None
    ranking: str | None = None
    limit: int | None = None
    within: str | None = None  # the top defect of each line: the ranking inside each line
    comparison: str | None = None
    form: str | None = None
    reference: str | None = None
    natural: bool = False  # a breakdown in the dimension's own order (lines, shifts, days)
    total_too: bool = False  # 'all lines': the total first, then each


def dimension_word(word: str) -> str | None:
    """The dimension a (folded) word names: 'linien' → line, 'schichten' → shift."""
    for hit in lexicon.find_dimensions(word):
        if hit.start == 0 and hit.end == len(word):
            return hit.key
    return None


def each_dimension(folded: str) -> tuple[str | None, bool]:
    """'pro Linie', 'jede Schicht', 'by station': the dimension to group by, and whether it is 'all …'."""
    for m in each_words(folded):
        dimension = (
            dimension_word(f"{m.group(1)} {m.group(2)}")  # 'einzelne Schicht' is one grouping
            or (m.group(3) and dimension_word(f"{m.group(2)} {m.group(3)}"))
            or dimension_word(m.group(2))
        )
        if dimension:
            return dimension, False
    for m in HOW_MANY_AND_WHICH.finditer(folded):  # 'how many, and on which lines': the total, then each
        dimension = dimension_word(m.group(1))
        if dimension:
            return dimension, True
    for m in ALL_OF.finditer(folded):
        dimension = dimension_word(m.group(2))
        if dimension and not TOGETHER.match(folded[m.end() :]):  # 'all lines together' is the total
            return dimension, True
    return heading_dimension(folded), False


HEADING = re.compile(
    r"^[^\w\s]*(?:(?:die|the|alle|all|unsere|our)\s+)?([a-z]+(?:\s[a-z]+)?)\b(?!\s*[-:]?\s*[a-z]{0,3}-?\d)"
)
PLURAL_ENDINGS = ("s", "e", "n", "er")


def heading_dimension(folded: str) -> str | None:
    """'Fehlerkategorien letzte Woche, mit Anzahl', 'reason codes on L3': a plural heading is each of them."""
    m = HEADING.match(folded)
    if m is None:
        return None
    for words in (m.group(1), m.group(1).split()[0]):
        dimension = dimension_word(words)
        if dimension is not None:
            return dimension if _plural(words, DIMENSION_BY_KEY[dimension]) else None
    return None


def _plural(word: str, dimension: Dimension) -> bool:
    """A dimension's word in the plural: not its label and not a form its plural is made from."""
    forms = {lexicon.fold(w) for w in (*dimension.words_de, *dimension.words_en)}
    labels = {lexicon.fold(dimension.label_de), lexicon.fold(dimension.label_en)}
    singular = word in labels or any(word + ending in forms for ending in ("s", "es", "n", "en", "e"))
    return not singular and word.endswith(PLURAL_ENDINGS)


PER_OCCURRENCE = frozenset({"shift", "day", "week", "hour", "weekday", "month"})  # 'pro Schicht': a mean
ORDER_WORDS = frozenset({"by", "nach", "line by"})  # 'stations by alarm count': the ranking's key


def each_of(folded: str) -> str | None:
    """'for each line', 'jede Linie', 'per station': the dimension a ranking is repeated in, if any."""
    for m in each_words(folded):
        if m.group(1) in ORDER_WORDS or dimension_word(f"{m.group(1)} {m.group(2)}"):
            continue  # 'stations by alarm count'; 'einzelne Schicht' names a grouping of its own
        dimension = (m.group(3) and dimension_word(f"{m.group(2)} {m.group(3)}")) or dimension_word(
            m.group(2)
        )
        if dimension and (m.group(1) not in ("per", "pro", "je") or dimension not in PER_OCCURRENCE):
            return dimension
    return None


TWO_WAY = re.compile(
    r"^\s*(?:und|and|&|x|×|sowie|plus)\s+(?:(?:nach|by|der|die|dem|den|the|per|je|pro)\s+)*$"
)


LIST_COMMA = re.compile(r"^\s*,\s*$")  # 'by shift, station and defect': three or more, not two


def two_way(folded: str) -> tuple[str, str] | None:
    """'nach Lieferant und Fehlerart', 'by shift and line': the two dimensions of a two-way breakdown."""
    if not EACH.search(folded):
        return None
    hits = lexicon.find_dimensions(folded)
    for index, (first, second) in enumerate(pairwise(hits)):
        if first.key != second.key and TWO_WAY.match(folded[first.end : second.start]):
            listed = index > 0 and LIST_COMMA.match(folded[hits[index - 1].end : first.start])
            return None if listed else (first.key, second.key)
    return None


WITH_DIMENSION = re.compile(  # 'Top 3 Fehlerbilder gestern, mit Linie': each of the top shown with its line
    r"\b(?:mit|samt|inkl|inklusive|with|incl|including)\.?\s+(?:(?:der|die|dem|jeweilige[rnm]?|the|its|their)\s+)?"
    r"(\w+)\W*$"
)


def shown_with(folded: str) -> str | None:
    """'… mit Linie', '… with the line': a second dimension the ranked ones are shown with, as pairs."""
    m = WITH_DIMENSION.search(folded)
    return dimension_word(m.group(1)) if m else None


TOGETHER = re.compile(
    r"\s*,?\s*(together|combined|zusammen|insgesamt|gesamt|in total|in summe|zusammengenommen)\b"
)


PARETO = re.compile(r"\b(\w+)[\s-]+pareto\b|\bpareto\s+(?:(?:der|des|of|the|von|ueber|nach|by)\s+)*(\w+)")


def pareto_dimension(folded: str) -> str | None:
    """'Fehler-Pareto', 'Pareto der Stillstandsgründe': the dimension ranked, largest first."""
    for m in PARETO.finditer(folded):
        dimension = dimension_word(m.group(1) or m.group(2))
        if dimension:
            return dimension
    return None


WHOSE_BATCHES = re.compile(
    r"\b(?:whose|wessen|von wem)\s+(?:\w+\s+){0,2}?(?:batch|batches|chargen|charge|material|lots?|coils?)\b"
)


def which_dimension(folded: str) -> str | None:
    """'Welche Station …', 'an welchem Tag', 'the main downtime reason', 'Hauptursache': what a ranking is over."""
    if WHOSE_BATCHES.search(folded):
        return "supplier"  # 'whose batches': the supplier they come from
    found = _which_dimension(folded)
    if found == "loss_category" and any(h.key == "defect_category" for h in lexicon.find_dimensions(folded)):
        return "defect_category"  # 'defect categories … which category is biggest'
    return found


def _which_dimension(folded: str) -> str | None:
    """The dimension a 'which …' word names, before the question's other grouping words are weighed."""
    pareto = pareto_dimension(folded)
    if pareto:
        return pareto
    head = HEAD_NOUN.search(folded)
    if head:
        return dimension_word(head.group(2)) or ("defect" if head.group(2).startswith("fehler") else "reason")
    if FROM_WHICH_TO_WHICH.search(folded):
        return "product_change"  # 'von welchem auf welches Produkt': the pair of products
    for m in WHICH.finditer(folded):
        if ANY_OF.search(folded[max(0, m.start() - 12) : m.start()]):
            continue  # 'egal welche Linie', 'no matter which line': not a grouping
        two = f"{m.group(2)} {m.group(3)}" if m.group(3) else ""
        dimension = (two and dimension_word(two)) or dimension_word(
            m.group(2)
        )  # 'which shift group' is a team
        if (
            dimension is None
            and m.group(3)
            and m.group(1) in ("main", "top", "biggest", "largest", "groesste", "groessten", "groesster")
        ):
            dimension = dimension_word(m.group(3))  # 'the main downtime reason'
        if dimension:
            return dimension
        if m.group(1) in ("wo", "where"):
            return each_dimension(folded)[0] or "station"  # 'an allen Linien – wo am häufigsten?': which line
    return None


SHARE_TOO = re.compile(  # 'Ranking der Stationen …, mit Anteil in Prozent': each group with its share of the total
    r"\b(?:mit|samt|inkl\w*|und|with|and|plus|incl\w*)\s+(?:(?:ihrem|ihren|deren|dem|the|their|its|each'?s?)\s+)?"
    r"(?:jeweiligen\s+|own\s+|percentage\s+)?(?:anteil\w*|share|prozentanteil|percentage|% of (?:the )?total)\b"
)
ANY_OF = re.compile(r"\b(?:egal|gleich|no matter|regardless of|irrespective of)\s*$")
FROM_WHICH_TO_WHICH = re.compile(
    r"\b(?:von|from)\s+welche[mrn]?\s+(?:\w+\s+)?(?:auf|nach|zu|in)\s+welche[sn]?\b"
    r"|\bfrom which\s+(?:\w+\s+)?to which\b"
)
STRONG_RELATIVE = re.compile(  # a relative change asked for, not just 'in percent'
    r"\b(um wie ?viel|by how (?:many|much)|by what|ueber|above|below|over|unter|higher|lower|hoeher|niedriger|longer|laenger|"
    r"ueberschreit\w*|exceed\w*|drueber|darueber|drunter|darunter|slower|faster|langsamer|schneller)\b"
)
UNITS_OVER = re.compile(  # 'how many kWh over', 'wie viele Sekunden liegt … über der Idealzeit': the distance
    r"\b(wie ?viele?|how (?:many|much))\s+(?:\w+\s+)?(kwh|minuten|minutes|mins|min|sekunden|seconds|secs|sec|sek|"
    r"stueck|units|parts|"
    r"teile|stunden|hours|punkte|points)\s+(?:[\w'-]+\s+){0,9}?(ueber|unter|drueber|darueber|drunter|darunter|zu viel|"
    r"over|above|under|below|too many|too much|slower|faster|langsamer|schneller|longer|shorter|laenger|kuerzer)\b"
)
MORE_THAN = re.compile(
    r"\b(wie ?viele?|how (?:many|much))\b.{0,40}?\b(mehr|weniger|more|fewer|less|laenger|kuerzer|longer|shorter)\b.{0,60}?\b(als|than)\b"
    r"|\b(wie ?viele?|how (?:many|much))\s+(?:[a-z]+\s+)?(mehr|weniger|more|fewer|less)\b"  # 'wieviel Minuten mehr'
)


IN_PERCENT = re.compile(
    r"\bin (?:prozent|percent)\b|\bin %"
)  # alone, a figure in percent; with two values, their change
FACTOR = re.compile(  # 'how many times as much', 'how many times the usual rate': the ratio of the two values
    r"\b(how many times\s+(?:more|as|longer|higher|bigger|greater|larger|over|the|its|their|"
    r"(?:\S+\s+){0,2}(?:usual|normal|average|typical))|what multiple|"
    r"(?:um )?das wievielfache|um welchen faktor|als faktor|as a factor|faktor,? bitte|factor,? (?:please|pls)|"
    r"ratio of (?:the )?(?:actual|real|measured|avg|average|mean)\b.{0,40}\bto (?:the )?(?:ideal|standard|takt|target)|"
    r"verhaeltnis (?:von )?(?:ist|tatsaechlich\w*|istzeit)\b.{0,30}\bzu[mr]? (?:ideal|standard|takt|ziel)\w*|welche[rn]? faktor|by what factor|by which factor|what factor|wievielfach\w*|wie ?viel ?mal (?:so|mehr|laenger|hoeher|groesser|oefter|haeufiger)|how many times (?:as )?(?:often|frequent\w*)|"
    r"wie oft (?:so )?(?:viel|lang|hoch|groesser|hoeher|laenger|mehr))\b"
)


OTHERS = re.compile(  # 'als der Schnitt der anderen Linien', 'than the other suppliers': the named one against the rest
    r"\b(?:anderen|uebrigen|restlichen|other|remaining)\s+(?:(?:\d|zwei|drei|vier|fuenf|two|three|four|five)\s+)?(\w+)"
    r"|\bthe rest of the (lines|plant)\b"  # 'the other three lines
)
NEXT_ONE = re.compile(  # 'than the next-highest line': the named one against the highest (lowest) of the rest
    r"\b(next[- ]highest|next[- ]largest|second[- ]highest|runner[- ]up|naechsthoechste\w*|zweithoechste\w*|"
    r"next[- ]lowest|next[- ]smallest|naechstniedrigste\w*|zweitniedrigste\w*)\b(?:\s+(\w+))?"
)


CHANGED_MOST = re.compile(  # 'which line improved its OEE the most from October to November'
    r"\b(verbessert|verschlechtert|gestiegen|gesunken|zugelegt|gewachsen|improved|worsened|increased|decreased|grew|rose|"
    r"fell|dropped|grow|rise|increase|decrease|drop|fall|climb|go up|went up|improve|worsen|steig|wachs|jump|spike|"
    r"sprang|gesprungen|springt)\w*\b.{0,60}\b(most|am meisten|am staerksten|am deutlichsten|the most)\b"
    r"|\b(most|am meisten|am staerksten|am deutlichsten|biggest|groesste\w*|largest|strongest)\b.{0,30}\b(improvement|"
    r"verbesserung|increase|anstieg|rise|drop|decrease|rueckgang|change|veraenderung|verbessert|verschlechtert|"
    r"jump|sprung|spike|zuwachs|growth|einbruch|einbrueche|slump|dip|absturz|"
    r"gestiegen|gesunken|zugelegt|improved|worsened|increased|decreased)\w*\b"
)


def against_the_rest(folded: str) -> tuple[str, str] | None:
    """(dimension, reference) when one named thing is set against the rest: 'others' (their mean), 'next' or
    'next_lowest' (the highest or lowest of them)."""
    nxt = NEXT_ONE.search(folded)
    if nxt:
        lowest = any(w in nxt.group(1) for w in ("low", "small", "niedrig"))
        return dimension_word(nxt.group(2) or "") or "line", "next_lowest" if lowest else "next"
    for m in OTHERS.finditer(folded):
        word = m.group(1) or m.group(2)
        dimension = "line" if word == "plant" else dimension_word(word)
        if dimension:
            return dimension, "others"
    return None


SPREAD = re.compile(  # 'the gap between the best and the worst line': highest less lowest
    r"\b(gap|difference|spread|range|unterschied|abstand|differenz|spanne)\s+(?:(?:in|of|der|bei|im)\s+[\w-]+\s+)?"
    r"(?:between|zwischen)\s+"
    r"(?:the\s+|der\s+|dem\s+|den\s+)?(best|beste\w*|highest|hoechste\w*|top|worst|schlechteste\w*|lowest|niedrigste\w*)"
    r"\s+(?:\w+\s+)?(?:and|und)\s+(?:the\s+|der\s+|dem\s+|den\s+)?(best|beste\w*|highest|hoechste\w*|worst|"
    r"schlechteste\w*|lowest|niedrigste\w*|bottom)\b"
)


PERCENT_THEN_SIDE = re.compile(  # 'Wieviel Prozent lag das Presswerk im Schnitt über der Idealzeit?': the change
    r"\b(?:wie ?viele?|how many|what)\s+(?:prozent|percent|%)\s+(?!der\b|des\b|die\b|von\b|vom\b|of\b|aller\b)"
    r".{0,60}?\b(?:ueber|unter|over|above|below|under|drueber|darueber|langsamer|schneller|slower|faster|hoeher|"
    r"niedriger|higher|lower|mehr|weniger|more|less)\b"
)


def form_of(folded: str) -> str | None:
    """How two values are set against each other: difference, relative change, points, percent of, factor."""
    if SPREAD.search(folded):
        return "spread"
    if FACTOR.search(folded):
        return "factor"
    if lexicon.has_cue(folded, "points"):
        return "points"
    if PERCENT_THEN_SIDE.search(folded):
        return "relative"
    if lexicon.has_cue(IN_PERCENT.sub(" ", folded), "relative"):
        return (
            "relative"  # 'wie viel Prozent drüber': the change, before 'Prozent vom' is read as a share of it
        )
    if lexicon.has_cue(folded, "percent_of"):
        return "percent_of"
    if lexicon.has_cue(folded, "relative"):
        return "relative"
    if (
        lexicon.has_cue(folded, "difference")
        or MORE_THAN.search(folded)
        or COMPARATIVE.search(folded)
        or UNITS_OVER.search(folded)
        or FAR_OFF.search(folded)
        or HEADROOM.search(folded)
    ):
        return "difference"
    return None


DAYS_COUNTED = re.compile(  # 'an wie vielen Tagen lag die OEE unter dem Ziel?': the days of one line counted
    r"\b(?:an |in |on |in how )?(?:wie ?viele[nr]?|how many|anzahl (?:der )?)\s*(tage|tagen|days|schichten|shifts|wochen|weeks)\b"
)
GROUPS_COUNTED = (
    re.compile(  # 'wie viele Linien hatten eine Quote über 2 %': the lines counted, not the units
        r"\b(?:wie ?viele|how many|anzahl (?:der )?)\s*(?:linien|lines|stationen|stations)\b"
    )
)
PERIOD_OF_WORD = {"tage": "day", "tagen": "day", "days": "day", "schichten": "shift_day", "shifts": "shift_day",
                  "wochen": "week", "weeks": "week"}  # fmt: skip
WHICH_PERIODS = re.compile(  # 'an welchen Tagen lag die OEE unter 70 %?': the days themselves
    r"\b(?:an |in |on )?(?:welche[nr]?|which|what)\s+(tage|tagen|days|schichten|shifts|wochen|weeks)\b"
)
BOUND = re.compile(  # 'über 80 %', 'an OEE above 80%', 'mehr als 2 % Ausschuss', '>= 85 %': a fixed value to clear
    r"(?:\b(?P<side>ueber|unter|above|over|below|under|beyond|mehr als|weniger als|more than|less than|at least|"
    r"mindestens|hoechstens|at most|groesser als|kleiner als|besser als|schlechter als|better than|worse than)|"
    r"(?P<sign>>=?|<=?|≥|≤))\s*(?:(?:an?|the|einer?|eine[nm]?|der|die|den|dem)\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?P<num>\d{1,3}(?:[.,]\d+)?)\s*(?:%|prozent\b|percent\b)"
)
BELOW_WORDS = frozenset({"unter", "below", "under", "weniger als", "less than", "hoechstens", "at most",
                         "kleiner als", "<", "<=", "≤"})  # fmt: skip


def bound_of(folded: str, metric: str) -> tuple[str, float] | None:
    """('above' or 'below', value) when a percentage KPI is held against a fixed value: 'OEE über 80 %'."""
    if METRIC_BY_KEY[metric].unit != "%":
        return None
    m = BOUND.search(folded)
    if m is None:
        return None
    side = m["side"] or m["sign"]
    worse = side in ("schlechter als", "worse than")
    if side in ("besser als", "better than") or worse:
        lower = METRIC_BY_KEY[metric].direction == "lower"
        side = "unter" if lower != worse else "ueber"
    return ("below" if side in BELOW_WORDS else "above"), float(m["num"].replace(",", "."))


def counted_periods(folded: str) -> str | None:
    """'an wie vielen Tagen …', 'an welchen Schichten …': the periods a KPI is judged in, one by one."""
    m = DAYS_COUNTED.search(folded) or WHICH_PERIODS.search(folded)
    return PERIOD_OF_WORD[m.group(1)] if m else None


HEADROOM = re.compile(  # 'wie viel Luft zum Takt', 'headroom to takt': how far below a reference the value stays
    r"\b(luft|puffer|reserve|spielraum|headroom|margin|slack|buffer)\b.{0,40}\b(zu[mr]?|bis zu[mr]?|to|against|vs|vor)\b"
)
FAR_OFF = re.compile(  # 'how far off target', 'wie weit vom Ziel weg': the distance, whichever side the value lies
    r"\b(how far (?:off|from|away)|far off|wie weit (?:weg|entfernt|daneben|ab|vom|von)|wie weit sind wir (?:vom|von))\b"
    r"|\bwie weit\b.{0,40}\b(weg|entfernt|daneben)\b"
)
SENSES = (  # the direction a difference is asked in: 'how far below target' wants the distance below
    ("off", FAR_OFF),
    ("worse", re.compile(r"\b(schlechter|worse|verschlechtert\w*|worsened|deteriorated)\b")),
    ("better", re.compile(r"\b(besser|better|verbessert\w*|improved|improvement)\b")),
    ("below", re.compile(
        r"\b(below|under|short of|beneath|less|fewer|lower|shorter|unter|unterhalb|weniger|niedriger|kuerzer|"
        r"drunter|darunter|verfehlt\w*|missed by|luft|puffer|spielraum|reserve|slack|headroom|margin|"
        r"fehlen|fehlt|fehlten|short of|short by|to go|shortfall|drop|drops|dropped|decline\w*|decrease\w*|"
        r"rueckgang|gesunken|abgenommen|eingebrochen|einbruch|"
        r"(?:points?|pp|prozentpunkte|minutes|mins|seconds|secs|kwh|units|parts)\s+short)\b"
    )),
    ("above", re.compile(
        r"\b(above|over|more|higher|longer|ueber|oberhalb|mehr|hoeher|laenger|drueber|darueber)\b"
    )),
)  # fmt: skip


def sense_of(folded: str) -> str | None:
    """The one direction a difference is asked in, or None when the question names none or both."""
    found = [name for name, pattern in SENSES if pattern.search(folded)]
    return found[0] if len(found) == 1 else None


COMPARATIVE = re.compile(
    r"\b(besser|schlechter|hoeher|niedriger|mehr|weniger|groesser|kleiner|laenger|kuerzer|better|worse|higher|lower|"
    r"more|less|fewer|bigger|smaller|longer|shorter)\b.{0,60}?\b(als|than)\b"
)


def reference_of(folded: str, metric: str) -> str | None:
    """The reference a value is compared with: its target, the takt, the ideal cycle or the standard."""
    hits = [h.key for h in lexicon.find_words(folded, lexicon.REFERENCE_WORDS)]
    if re.search(r"\btaktzeit\w*", folded) and re.search(
        r"\b(zykluszeit\w*|cycle ?times?|zyklus\w*)\b", folded
    ):
        hits.append("takt")  # 'Zykluszeit unter der Taktzeit': beside the cycle time, 'Taktzeit' is the takt
    for reference in ("takt", "ideal", "standard"):
        if reference in hits and metric in REFERENCE_METRICS[reference]:
            return reference
    if "target" in hits and METRIC_BY_KEY[metric].target:
        return "target"
    return None


BEST = re.compile(r"\b(best\w*|beste\w*|am besten|strongest|staerkst\w*)\b")
WORST = re.compile(
    r"\b(worst|worse|schlechtest\w*|schlechtere[nrs]?|am schlechtesten|weakest|schwaechst\w*|am schwaechsten)\b"
)


def rank_order(folded: str, direction: str) -> str:
    """'most/highest' → largest first; 'lowest/least' → smallest; 'best/worst' follow the metric's direction."""
    if re.search(r"\bam (staerksten|heftigsten)\b", folded):
        return "desc"  # 'schwankt am stärksten': the adverb is 'most', the adjective ('die stärkste Linie') 'best'
    if BEST.search(folded):
        return "asc" if direction == "lower" else "desc"
    if WORST.search(folded):
        return "desc" if direction == "lower" else "asc"
    if re.search(
        r"\b(lowest|least|fewest|niedrigst\w*|wenigst\w*|geringst\w*|kleinst\w*|smallest|"
        r"fastest|quickest|schnellst\w*|am schnellsten|kuerzest\w*|shortest)\b",
        folded,
    ):
        return "asc"  # 'wer rüstet am schnellsten': the shortest time first
    return "desc"


def natural_order(dimension: str) -> bool:
    """Dimensions read in their own order rather than by size."""
    return dimension in ORDERED or DIMENSION_BY_KEY.get(dimension) is None
