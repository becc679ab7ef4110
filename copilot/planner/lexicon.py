"""Words the offline planner listens for: metric names, intent cues and grouping words, DE and EN."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, partial

from ..semantic import records
from ..semantic.catalog import DIMENSIONS, METRICS

FOLDS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower case with umlauts written out, so 'Störung' and 'Stoerung' read the same."""
    return text.lower().translate(FOLDS)


@dataclass(frozen=True)
class Hit:
    """A word or phrase found in a question."""

    key: str
    start: int
    end: int
    text: str


def canon(phrase: str) -> str:
    """Spaces and hyphens between words read the same: 'first-pass yield' = 'first pass yield'."""
    return re.sub(
        r"\bwieviel", "wie viel", re.sub(r"[\s-]+", " ", phrase.strip())
    )  # 'wieviele' = 'wie viele'


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """One regex that finds the longest of the phrases at word boundaries (the same in every process)."""
    ordered = sorted({canon(p) for p in phrases if p.strip()}, key=lambda phrase: (-len(phrase), phrase))
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in ordered)
    body = body.replace(r"wie[\s-]+viel", r"wie[\s-]*viel")  # 'wieviel' is written as one word too
    return re.compile(rf"(?<![\w])({body})(?![\w])")


@cache
def _metric_index() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every folded metric name mapped to its metric key."""
    names: dict[str, str] = {}
    for metric in METRICS:
        for name in metric.names:
            names.setdefault(canon(fold(name)), metric.key)
    return _alternation(list(names)), names


def find_metrics(folded: str) -> list[Hit]:
    """Metric names in a folded question, longest first at each place, in order."""
    pattern, names = _metric_index()
    hits = [Hit(names[canon(m.group(1))], m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(folded)]
    return hits


CUES: dict[str, tuple[str, ...]] = {
    "why": (
        "warum",
        "wieso",
        "weshalb",
        "weswegen",
        "woran liegt",
        "woher kommt",
        "was ist die ursache",
        "why",
        "how come",
        "what caused",
        "what causes",
        "cause of",
        "reason for",
        "root cause",
        "ursache",
        "ursachen",
    ),
    "overview": (
        "probleme",
        "problem",
        "was war los",
        "was ist passiert",
        "was lief schief",
        "auffaelligkeiten",
        "problems",
        "issues",
        "what happened",
        "what went wrong",
        "trouble",
        "anything unusual",
    ),
    "rank": (
        "welche linie",
        "welche station",
        "welche maschine",
        "welcher grund",
        "welche gruende",
        "welches produkt",
        "welcher lieferant",
        "welche schicht",
        "welches team",
        "welcher fehler",
        "welche fehler",
        "welche ursache",
        "welche stoerung",
        "welche stoerungen",
        "wo ",
        "am meisten",
        "haeufigste",
        "haeufigsten",
        "haeufigster",
        "haeufigstes",
        "hauptfehler",
        "main defect",
        "main reason",
        "most common",
        "most frequent",
        "biggest problem",
        "groesste problem",
        "groesstes problem",
        "meisten",
        "hoechste",
        "hoechsten",
        "groesste",
        "groessten",
        "schlechteste",
        "schlechtesten",
        "beste",
        "besten",
        "niedrigste",
        "niedrigsten",
        "am laengsten",
        "am haeufigsten",
        "top",
        "which line",
        "which station",
        "which machine",
        "which reason",
        "which product",
        "which supplier",
        "which shift",
        "which team",
        "which defect",
        "where",
        "most",
        "highest",
        "biggest",
        "largest",
        "worst",
        "best",
        "lowest",
        "longest",
        "most often",
        "least",
        "rangliste",
        "rangfolge",
        "schlechtestes",
        "schlechtester",
        "zuerst",
        "reihenfolge",
        "sortiert nach",
        "ranking",
        "ranked",
        "sorted by",
        "league table",
    ),
    "compare": (
        "vergleich",
        "verglichen",
        "vergleiche",
        "gegenueber",
        "gegen",
        "vs",
        "versus",
        "im vergleich",
        "compared",
        "compare",
        "comparison",
        "than",
        "against",
        "als am",
        "als in",
        "als letzte",
        "mehr als",
        "weniger als",
        "unterschied",
        "difference",
    ),
    "target": (
        "ziel",
        "zielwert",
        "soll",
        "vorgabe",
        "target",
        "goal",
        "on target",
        "im ziel",
        "plan erreicht",
    ),
    "trend": (
        "verlauf",
        "trending",
        "trends",
        "trendet",
        "over the last days",
        "trend",
        "entwicklung",
        "entwickelt",
        "pro tag",
        "taeglich",
        "jeden tag",
        "ueber die tage",
        "per day",
        "daily",
        "each day",
        "over time",
        "day by day",
        "tag fuer tag",
        "tagesverlauf",
        "tageweise",
        "tagesweise",
        "day after day",
        "day-by-day",
        "developed",
        "development",
        "woechentlich",
        "pro woche",
        "weekly",
        "per week",
        "week by week",
    ),
    "breakdown": (
        "nach",
        "aufgeteilt",
        "aufschluesselung",
        "aufgeschluesselt",
        "je ",
        "pro ",
        "verteilung",
        "verteilen",
        "verteilt",
        "by",
        "per",
        "broken down",
        "breakdown",
        "split",
        "distribution",
        "distributed",
        "spread across",
        "spread over",
        "for each",
    ),
    "variation": (
        "schwankt",
        "schwanken",
        "schwankte",
        "schwankten",
        "geschwankt",
        "schwankung",
        "schwankungen",
        "streut",
        "streuung",
        "variiert",
        "unruhig",
        "unstabil",
        "instabil",
        "varies",
        "vary",
        "variation",
        "fluctuate",
        "fluctuated",
        "varied",
        "fluctuates",
        "fluctuating",
        "unstable",
        "unsteady",
        "inconsistent",
        "jumps around",
        "erratic",
    ),
    "help": (
        "hilfe",
        "was kannst du",
        "was kann ich fragen",
        "beispiele",
        "wie funktioniert das",
        "help",
        "what can you do",
        "what can i ask",
        "examples",
        "how does this work",
    ),
    "lesson": (
        "was ist",
        "was sind",
        "was bedeutet",
        "was heisst",
        "erklaer",
        "erklaere",
        "erklaerung",
        "erklaer mir",
        "definition",
        "wofuer steht",
        "what is",
        "what's",
        "whats",
        "what are",
        "what does",
        "explain",
        "define",
        "meaning of",
        "tell me about",
        "teach me",
        "was versteht man unter",
        "versteh",
        "erklaeren",
        "was ist das",
        "what's that",
        "whats that",
        "what is it",
        "meaning",
        "bedeutung",
        "bedeutet",
        "ein beispiel",
        "an example",
        "for example",
        "wie funktioniert",
        "wie funktionieren",
        "wie laeuft",
        "wie ist ein",
        "wie ist eine",
        "aufgebaut",
        "wie zeichnet man",
        "wie macht man",
        "wie setzt sich",
        "unterschied zwischen",
        "difference between",
        "how does",
        "how do i",
        "how do you",
        "how is a",
        "how to use",
        "stands for",
        "stand for",
        "was macht man",
        "erklaert",
        "einfach erklaert",
        "fuer anfaenger",
        "for beginners",
        "welche arten",
        "what kinds of",
        "what types of",
        "wie berechnet man",
        "how do you calculate",
        "beibringen",
        "worum geht",
        "steckt hinter",
        "was genau ist",
        "was bedeuten",
    ),
}


CUES.update(
    {
        "count": (
            "wie viele", "wieviele", "wie viel mal", "wie oft", "wieoft", "anzahl", "zahl der", "stück", "stueck",
            "how many", "how often", "number of", "count", "counts", "how many times", "wie viele male",
            "nach häufigkeit", "häufigkeit", "by frequency", "frequency", "by count",
        ),
        "duration": (
            "wie lange", "wie lang", "wielange", "dauer", "dauerte", "dauerten", "dauert", "dauern", "gedauert", "minuten",
            "wie viel länger", "wieviel länger", "wie viel kürzer", "wieviel kürzer", "how much longer", "how much shorter",
            "stunden", "wie viel zeit", "wieviel zeit", "zeit verloren", "how long", "how much time", "duration",
            "minutes", "hours", "mins", "time lost", "lasted", "take", "takes", "took", "taking",
            "seconds lost", "total seconds", "sekunden verloren", "sekunden gesamt", "gesamte sekunden",
        ),
        "total": (
            "insgesamt", "gesamt", "gesamte", "gesamten", "gesamter", "in summe", "summe", "zusammen",
            "zusammengerechnet", "total", "in total", "overall", "altogether", "combined", "sum", "all together",
        ),
        "mean": (
            "durchschnittlich", "durchschnittliche", "durchschnittlichen", "durchschnittlicher", "durchschnittliches",
            "durchschnittlichem", "durchschnitt", "durchschnitts", "mittelwert", "mittelwerte", "mittelwerts",
            "tagesschnitt", "tagesmittel", "schichtschnitt", "wochenschnitt",
            "im schnitt", "schnitt", "im mittel", "mittlere", "mittleren", "mittlerer", "mittleres", "mittel", "pro stillstand", "pro rüstvorgang",
            "je rüstvorgang", "pro wechsel", "average", "avg", "mean", "on average", "typically", "typical",
            "per stop", "per changeover", "per order", "a changeover", "ein rüstvorgang", "ein wechsel",
        ),
        "median": ("median", "mediane", "medianwert"),
        "max": (
            "längste", "längster", "längsten", "längstes", "maximal", "maximale", "maximum", "longest", "max",
            "the longest", "am weitesten", "furthest", "farthest", "the most over", "biggest stop", "biggest stops",
            "größte stillstand", "größten stillstände", "größter stillstand", "biggest breakdown", "biggest breakdowns",
            "größte störung", "größten störungen", "größten ausfälle", "größte ausfall", "größter ausfall",
            "biggest single", "largest single", "highest single", "worst single", "größte einzelne", "größter einzelner",
            "größten einzelnen", "höchste einzelne", "längste einzelne", "longest single",
        ),
        "min": ("kürzeste", "kürzester", "kürzesten", "minimale", "minimum", "shortest"),
        "share": (
            "anteil", "anteile", "prozentsatz", "wie viel prozent", "wieviel prozent", "welcher anteil",
            "prozent der", "prozent des", "prozent vom", "prozentual", "share", "what share", "percentage of",
            "what percentage", "what percent", "what %", "wie viel %", "wieviel %", "how much of", "proportion", "fraction", "percent of",
        ),
        "difference": (
            "wie viel mehr", "wieviel mehr", "wie viele mehr", "wieviele mehr", "wie viel weniger",
            "wie viele weniger", "um wie viel", "um wieviel", "um wie viele", "um wieviele", "differenz", "unterschied", "mehr als", "weniger als",
            "how many more", "how much more", "how many fewer", "how much less", "how many less", "difference",
            "how far above", "how far below", "how far off", "wie weit ueber", "wie weit unter", "wie weit liegt", "wie weit lag", "wie weit lagen", "how far was",
            "how far were",
            "wie weit weg", "abstand zum", "abstand zur", "abstand zwischen", "the gap", "gap between", "gap to",
            "more than", "fewer than", "less than", "minus", "länger als",
            "kürzer als", "longer than", "shorter than", "gap in", "abstand in",
            "how many extra", "how much extra", "wie viele zusaetzliche", "wie viel zusaetzlich", "wie viele zusätzliche",
            "wie viel zusätzlich", "wie viele extra",
        ),
        "relative": (
            "um wie viel prozent", "um wieviel prozent", "um wie viel %", "um wieviel %", "by how many %", "by what %", "by how much %", "wie viel prozent mehr", "wie viel prozent weniger",
            "prozentuale veränderung", "prozentual", "relative veränderung", "by how many percent",
            "by how much percent", "by what percentage", "by what percent", "percent change", "percentage change",
            "relative change", "in percent", "in prozent", "in %", "how many percent", "what percent more", "% over", "% above",
            "% ueber", "prozent ueber", "percent over", "percent above", "% mehr als", "% more than", "% longer",
            "% laenger", "prozent laenger", "percent longer", "percent difference", "percentage difference",
            "difference in percent", "prozentualer unterschied", "unterschied in prozent", "wie viel prozent drueber",
            "wieviel prozent drueber", "wie viel prozent darueber", "wieviel prozent darueber", "percent higher",
            "percent lower", "prozent hoeher", "prozent niedriger", "% hoeher", "% niedriger", "% higher", "% lower",
            "percent slower", "prozent langsamer", "% slower", "% langsamer", "percent faster", "prozent schneller",
            "how many % more", "how many % less", "wie viel % mehr", "wieviel % mehr", "wie viel % weniger",
            "wieviel % weniger", "what % more", "what % less", "% change", "% veraenderung", "change in %",
            "change in percent",
        ),
        "factor": ("wievielfache", "wievielfach", "wievielfachen", "what multiple", "how many times more", "how many times as"),
        "points": ("prozentpunkte", "prozentpunkten", "prozentpunkt", "percentage points", "percentage point", "pp", "%-punkte",
                   "in points", "how many points", "by how many points", "wie viele punkte", "um wie viele punkte", "in punkten"),
        "percent_of": (
            "in prozent vom", "in prozent des", "in prozent der", "prozent vom", "prozent des", "als prozent",
            "in % vom", "in % des", "% vom", "% des", "% of", "as a percentage of", "as percentage of",
            "as a percent of", "percent of", "percentage of", "zielerreichung", "zielerfüllung", "erfüllungsgrad",
        ),
        "previous": (
            "die woche davor", "der woche davor", "woche davor", "der vorwoche", "zur vorwoche", "vorwoche",
            "the week before", "the previous week", "week before", "prior week", "der tag davor", "tag davor",
            "vortag", "zum vortag", "the day before", "the previous day", "previous day", "day before",
            "the same days last week", "same days last week", "gleichen tage der vorwoche", "gleichen tage letzte woche",
            "the month before", "monat davor", "den vormonat", "zum vormonat", "the previous month",
        ),
        "each": (
            "jede", "jeder", "jedes", "jeden", "jedem", "alle", "allen", "aller", "sämtliche", "einzelnen",
            "each", "every", "all", "per", "pro", "je", "for each", "for every", "by", "nach", "across",
        ),
        "act": (),  # requests to change data are refused before planning (refusals.py)
    }
)  # fmt: skip
RECORD_WORDS = records.RECORD_WORDS  # the words for each kind of record live with the records
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "excess": (
        "länger als der standard", "länger als standard", "über standard", "über dem standard", "über der standardzeit",
        "longer than standard", "longer than the standard", "over standard", "above standard", "über soll",
        "overrun", "overruns", "overrunning", "überschreitung", "ueberschreitung", "überziehung", "overshoot",
        "lost vs standard", "lost versus standard", "lost against standard", "lost against the standard",
        "lost compared with standard", "lost compared to standard", "verloren gegenüber standard",
        "verloren gegenüber dem standard", "verlust gegenüber standard", "verlust gegenüber dem standard",
        "gegenüber dem standard verloren", "gegenüber standard verloren", "über dem standard verloren",
    ),
    "repair": ("reparaturdauer", "reparaturzeit", "von beginn bis ende", "repair time", "repair duration", "from start to end",
               "maintenance actually work", "maintenance work on", "an der reparatur gearbeitet", "instandhaltung gearbeitet"),
    "age": (
        "seit wann offen", "wie lange offen", "wie lange schon offen", "schon offen", "offen seit", "liegen schon",
        "liegt schon", "rum", "herum", "liegen rum", "wartet schon", "warten schon", "alter der", "how long open",
        "been open", "open for", "how long has", "waiting for", "age of", "seit wie vielen stunden",
        "seit wie vielen tagen", "seit wie viel stunden", "for how many hours", "for how many days", "since when",
    ),
    "reaction": (
        "reaktionszeit", "vom anlegen bis arbeitsbeginn", "bis arbeitsbeginn", "response time", "reaction time",
        "time to start", "time to respond", "bis die instandhaltung", "bis instandhaltung", "until maintenance starts",
        "until maintenance arrives", "bis jemand kommt", "bis die arbeit beginnt", "before work starts",
        "someone starting on it", "somebody starting on it", "work starting on it", "someone starts on it",
        "bis jemand anfängt", "bis jemand daran arbeitet", "bis mit der arbeit begonnen",
    ),
    "planned_qty": (
        "planmenge", "geplante menge", "auftragsmenge", "auftragsgröße", "auftragsgroesse", "losgröße", "losgroesse",
        "planned qty", "planned quantity", "order size", "order quantity", "lot size", "how big", "wie groß", "wie gross",
    ),
    "remaining": (
        "fehlen noch", "fehlt noch", "noch fehlen", "noch fehlt", "restmenge", "offene menge", "noch zu fertigen",
        "noch zu machen", "remaining", "still to make", "left to make", "still to go", "left to produce", "to go",
    ),
    "made": ("bisher gefertigt", "schon gefertigt", "gefertigte menge", "made so far", "produced so far", "done so far"),
}  # fmt: skip
PRODUCTION_STATUS_WORDS: dict[str, tuple[str, ...]] = {  # a production order's status
    "done": (
        "abgeschlossen", "abgeschlossene", "abgeschlossenen", "fertiggestellt", "fertiggestellte", "fertig", "erledigt",
        "erledigte", "beendet", "beendete", "completed", "finished", "done", "closed", "finish", "complete", "close",
        "abschliessen", "abgearbeitet", "fertig gemacht",
    ),
    "running": (
        "laufend", "laufende", "laufenden", "laufender", "läuft", "laufen", "running", "in progress", "in arbeit",
        "active", "aktiv", "aktive", "current", "right now", "currently", "at the moment", "gerade", "derzeit",
        "momentan", "aktuell", "aktuelle", "aktuellen",
    ),
    "planned": (
        "geplant", "geplante", "geplanten", "planned", "backlog", "order backlog", "auftragsbestand", "auftragsvorrat",
        "anstehend", "anstehende", "anstehenden", "upcoming", "queued", "offen", "offene", "offenen", "open",
        "noch nicht gestartet", "not started", "eingeplant", "eingeplante", "eingeplanten", "vorgesehen", "vorgesehene",
        "scheduled", "steht an", "stehen an", "als naechstes", "next up", "coming up",
    ),
}  # fmt: skip
STATUS_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # filter: (words, values)
    "open": (("offen", "offene", "offenen", "offener", "offenes", "was offenes", "etwas offenes", "nicht erledigt", "unerledigt", "noch nicht abgeschlossen", "noch nicht fertig", "not yet finished", "not-yet-finished", "unfinished", "not yet done", "not completed", "not yet completed", "not-yet-done", "nicht abgeschlossen", "noch nicht fertig", "noch offen", "open", "pending", "outstanding", "not done", "not closed", "not yet closed", "not finished", "still open"), ("open", "in_progress")),
    "done": (("abgeschlossen", "abgeschlossene", "abgeschlossenen", "erledigt", "erledigte", "erledigten", "closed", "completed", "finished"), ("done",)),
    "in_progress": (("in arbeit", "in bearbeitung", "wird bearbeitet", "werden bearbeitet", "in progress", "being worked on", "under way", "underway", "working on", "arbeitet an", "arbeitet gerade", "woran arbeitet"), ("in_progress",)),
    "corrective": (("korrektiv", "korrektive", "korrektiven", "bei einer störung", "bei störungen", "bei einem ausfall", "bei ausfällen", "for breakdowns", "after a breakdown", "störungsauftrag", "störungsaufträge", "störauftrag", "störaufträge", "reparaturauftrag", "reparaturaufträge", "corrective", "repair order", "repair orders", "breakdown orders"), ("corrective",)),
    "preventive": (("vorbeugend", "vorbeugende", "vorbeugenden", "präventiv", "präventive", "wartung nach plan", "planmäßig", "planmäßige", "planmäßiger", "planmäßigen", "geplante wartung", "geplanter wartung", "scheduled maintenance", "preventive", "preventative", "planned maintenance orders"), ("preventive",)),
}  # fmt: skip
REFERENCE_WORDS: dict[str, tuple[str, ...]] = {
    "target": ("ziel", "zielwert", "ziels", "soll", "sollwert", "vorgabe", "target", "goal", "plan"),
    "takt": ("takt", "kundentakt", "kundentaktzeit", "taktzeit der linie", "takt time", "customer takt"),
    "ideal": ("ideal", "ideale", "idealen", "idealer", "idealwert", "idealzeit", "idealzykluszeit", "idealzyklus", "ideale zykluszeit", "ideale taktzeit", "ideal cycle time", "ideal cycle"),
    "standard": (
        "standard", "standards", "standardzeit", "standardzeiten", "sollzeit", "sollzeiten", "norm", "normzeit",
        "vorgabezeit", "vorgabezeiten", "standard time", "standard times", "planned time",
    ),
}  # fmt: skip


# Count nouns of any plant's output, read as the generic ones: 'Paletten' are units, 'Gutflaschen' good units.
_ONE = r"palette|pallet|flasche|bottle|karton|carton|kiste|crate|behaelter|werkstueck|workpiece|gebinde"
_MANY = (
    r"paletten|pallets|flaschen|bottles|dosen|cans|kartons|cartons|cases|kisten|crates|frames|containers|"
    r"bauteile|werkstuecke|workpieces|coils|rollen|rolls|saecke|bags"
)
UNIT_NOUNS = (
    (re.compile(rf"\bgut(?:{_MANY}|menge|stuecke)\b"), "gutteile"),
    (re.compile(rf"\bgut(?:{_ONE}|stueck)\b"), "gutteil"),
    (re.compile(rf"\b(?:good|gute[nr]?|i\.?o\.?)\s+(?:{_MANY})\b"), "good units"),
    (re.compile(rf"\b(?:good|gute[nr]?|i\.?o\.?)\s+(?:{_ONE})\b"), "good unit"),
    (
        re.compile(
            rf"\b(?:schlecht|ausschuss)(?:{_MANY}|{_ONE})\b|\b(?:bad|schlechte[nr]?)\s+(?:{_MANY}|{_ONE})\b"
        ),
        "ausschussteile",
    ),
    (re.compile(rf"\b(?:pro|je|per)\s+(?:{_ONE})\b"), "pro teil"),
    (re.compile(rf"\b(?:{_MANY})\b"), "teile"),
    (re.compile(rf"\b(?:{_ONE})\b"), "teil"),
)


def unit_word(folded: str) -> bool:
    """A count noun of a plant's output ('Paletten', 'Gutmenge'), read as units."""
    return any(pattern.fullmatch(folded) for pattern, _word in UNIT_NOUNS)


def generic_units(folded: str) -> str:
    """The plant's count nouns as the generic ones, so 'Energie pro Gutpalette' reads 'Energie pro Gutteil'.

    Positions stay where they were (spans found in the question still fit): a shorter word is padded,
    one that does not fit is written 'pcs'.
    """
    for pattern, word in UNIT_NOUNS:
        folded = pattern.sub(partial(_fitted_match, word), folded)
    return folded


def _fitted_match(word: str, m: re.Match[str]) -> str:
    return _fitted(word, len(m.group()))


def _fitted(word: str, width: int) -> str:
    """The word padded to a width, or 'pcs' (also a count noun) when it is longer."""
    return word.ljust(width) if len(word) <= width else "pcs".ljust(width)


FAULT_WORDS = (  # what a maintenance order is for; known words, so 'Druckluftleckage' splits into two
    "leck", "lecks", "leckage", "leckagen", "undicht", "undichte", "defekt", "defekte", "kaputt", "leak", "leaks",
    "leakage", "broken",
)  # fmt: skip
LOSS_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {  # ISO 22400 loss categories as people say them
    "material": ("materialmangel", "materialverluste", "materialprobleme", "material losses", "material shortage",
                 "material shortages", "material problems"),
    "quality": ("qualitaetsverluste", "qualitaetsstillstaende", "qualitaetssperren", "quality losses", "quality holds"),
    "organisational": ("organisatorisch", "organisatorische", "organisatorischen", "organisatorischer", "organisational",
                       "organizational", "orga-verluste", "organisation losses"),
    "planned": ("geplante stillstaende", "geplanten stillstaende", "planned losses"),
    "small_stop": ("kleinstoerung", "kleinstoerungen", "kleinstillstand", "kleinstillstaende", "kategorie small stop",
                   "category small stop", "small stop category", "small_stop",
                   "kurzstillstand", "kurzstillstaende", "small stops"),  # the loss category's own names in answers
}  # fmt: skip


RUNNING_HOUR_WORDS = (  # an hour the line ran: 'Alarme je Betriebsstunde' asks for a rate (read in measures.py)
    "betriebsstunde", "betriebsstunden", "laufstunde", "laufstunden", "produktionsstunde", "produktionsstunden",
    "maschinenstunde", "maschinenstunden", "operating hour", "operating hours", "running hour", "running hours",
)  # fmt: skip
WHOLE_PERIOD_WORDS = (
    "datenbeginn",
    "aufzeichnungsbeginn",
    "datenzeitraum",
    "datenanfang",
)  # 'seit Datenbeginn'
PREVIOUS_WORDS = (
    "vorher",
    "zuvor",
    "davor",
    "vorhin",
    "before",
    "previously",
    "prior",
    "earlier",
)  # 'than before'
PLANT_WORDS = (  # the whole plant, said of no line in particular
    "werk", "fabrik", "betrieb", "standort", "gesamtwerk", "plant", "factory", "site", "whole plant", "shop floor",
    "werksweit", "werksweite", "werksweiten", "plantwide", "plant-wide", "sitewide", "site-wide", "factory-wide",
)  # fmt: skip
SPEED_ORDER_WORDS = (  # a ranking said by speed: 'langsamstes zuerst' (the highest time first), 'fastest'
    "langsamste", "langsamster", "langsamstes", "langsamsten", "am langsamsten", "slowest", "schnellste", "schnellster",
    "schnellstes", "schnellsten", "am schnellsten", "fastest", "quickest",
)  # fmt: skip
FAMILY_CHANGE_WORDS = (  # said of changeovers between or within product families (read in offline.py)
    "familienwechsel", "familienwechseln", "familienuebergreifend", "familienuebergreifende", "familienuebergreifenden",
    "familienuebergreifender", "between-family", "cross-family", "innerhalb", "within", "familie", "familien",
)  # fmt: skip


def find_words(folded: str, table: dict[str, tuple[str, ...]]) -> list[Hit]:
    """Every phrase of a word table in a folded question, longest first at each place."""
    pattern, names = _table_index(tuple((key, words) for key, words in table.items()))
    return [Hit(names[canon(m.group(1))], m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(folded)]


@cache
def _table_index(items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for key, words in items:
        for word in words:
            names.setdefault(canon(fold(word)), key)
    return _alternation(list(names)), names


def cue_spans(folded: str, kind: str) -> list[tuple[int, int]]:
    """Where the cues of one kind stand in a folded question."""
    return [m.span(1) for m in _cue_pattern(kind).finditer(folded)]


@cache
def _cue_pattern(kind: str) -> re.Pattern[str]:
    return _alternation([fold(c.strip()) for c in CUES[kind]])


GROUPED_BY_CAUSE = re.compile(
    r"\b(?:by|per|nach|je|pro|broken down by|split by)\s+(?:the\s+|der\s+|den\s+)?(?:reason|reasons|cause|causes|ursache|ursachen)\b"
)  # 'downtime by reason for L3': a grouping, not a why-question


def has_cue(folded: str, kind: str) -> bool:
    """Whether the folded question contains a cue of this kind."""
    if kind == "why":
        folded = GROUPED_BY_CAUSE.sub(" ", folded)
    return _cue_pattern(kind).search(folded) is not None


@cache
def _dimension_index() -> tuple[re.Pattern[str], dict[str, str]]:
    words: dict[str, str] = {}
    for dimension in DIMENSIONS:
        for word in (*dimension.words_de, *dimension.words_en):
            words.setdefault(canon(fold(word)), dimension.key)
    return _alternation(list(words)), words


def find_dimensions(folded: str) -> list[Hit]:
    """Grouping words ('nach Station', 'by shift', 'pro Tag') in a folded question."""
    pattern, words = _dimension_index()
    hits = [Hit(words[canon(m.group(1))], m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(folded)]
    if any(h.key == "defect_category" for h in hits):  # 'defect categories … which category': the same one
        hits = [replace(h, key="defect_category") if h.key == "loss_category" else h for h in hits]
    return hits


TOP_N = re.compile(
    r"\btop[\s-]*(\d{1,2})\b|\b(\d{1,2})\s+(?:groessten|haeufigsten|wichtigsten|biggest|largest|most|main)\b"
)


def top_n(folded: str) -> int | None:
    """'top 5', 'die 3 größten' → 5, 3."""
    match = TOP_N.search(folded)
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def names_reference(folded: str, reference: str) -> bool:
    """Whether the folded question names this reference ('Vorgabezeit' is the standard)."""
    return any(h.key == reference for h in find_words(folded, {reference: REFERENCE_WORDS[reference]}))
