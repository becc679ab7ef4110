"""The plant's entities in a question: lines, stations, products, teams, suppliers, codes, media.

Names come from the plant's own master data, so a new line, station or product is understood
without code changes; small tables add English words and common synonyms. Matching folds case
and umlauts ('Porositaet' = 'Porosität'), accepts plural endings and corrects small typos of long
names ('Schweisanlage', 'Abfülung', 'Etikettiere'). It never guesses a number: a line, station, product,
alarm or team that does not exist becomes an `UnknownEntity` whose message names the valid ones.

Choices that keep ordinary words from becoming entities:
- A downtime reason whose text is also a metric name (a changeover word)
  counts as a reason only after a reason cue ('wegen …', 'reason …', 'due to …'), by its code
  or by its full text; otherwise
  the word is left to the metric. Generic words ('Störung', 'downtime', 'Prüfung') never name a reason.
- Longer metric names that contain an entity word ('idle power') stay metric names.
- A station name that several lines share (a packing station on every line) needs a line in the same question, else
  the question is answered with a clarification; generic station words ('robot', 'press') count
  only where they name exactly one station.
- Typos are corrected only for names of seven letters or more, with the same first letter, one edit
  (two from ten letters on), never for weekdays, months, metric names or other common words.
- 'Linien 1 und 2' names L1 with 'Linien 1' and L2 with '2', so that spans never overlap; lines
  inside a range ('Linien 1 bis 3') are named by the range word.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

import pandas as pd

from . import vocabulary
from .semantic.catalog import DIMENSIONS, METRICS
from .semantic.records import RECORD_WORDS
from .timeframes import DEFAULT_SHIFTS, Shift, ShiftPattern


def _wordset(text: str) -> frozenset[str]:
    """The words of a text block as a set."""
    return frozenset(text.split())


FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
TOKEN = re.compile(r"[^\W_]+")
BREAK = re.compile(r"[.,;:!?]")
SUFFIXES = ("s", "e", "n", "en", "es")
KINDS = ("line", "station", "product", "family", "shift", "team", "supplier", "batch", "order", "reason", "defect", "defect_category", "alarm", "meter", "medium")  # fmt: skip

CARDINALS = {
    "null": 0, "zero": 0, "eins": 1, "one": 1, "zwei": 2, "two": 2, "drei": 3, "three": 3, "vier": 4,
    "four": 4, "fünf": 5, "fuenf": 5, "five": 5, "sechs": 6, "six": 6, "sieben": 7, "seven": 7, "acht": 8,
    "eight": 8, "neun": 9, "nine": 9, "zehn": 10, "ten": 10, "elf": 11, "eleven": 11, "zwölf": 12,
    "zwoelf": 12, "twelve": 12, "dreizehn": 13, "thirteen": 13, "vierzehn": 14, "fourteen": 14,
    "fünfzehn": 15, "fuenfzehn": 15, "fifteen": 15, "sechzehn": 16, "sixteen": 16, "siebzehn": 17,
    "seventeen": 17, "achtzehn": 18, "eighteen": 18, "neunzehn": 19, "nineteen": 19, "zwanzig": 20, "twenty": 20,
}  # fmt: skip
ORDINALS = {
    "erste": 1, "ersten": 1, "erster": 1, "first": 1, "zweite": 2, "zweiten": 2, "zweiter": 2, "second": 2,
    "dritte": 3, "dritten": 3, "dritter": 3, "third": 3, "vierte": 4, "vierten": 4, "vierter": 4,
    "fourth": 4, "fünfte": 5, "fünften": 5, "fuenfte": 5, "fifth": 5, "sechste": 6, "sechsten": 6,
    "sixth": 6, "siebte": 7, "siebten": 7, "seventh": 7, "achte": 8, "achten": 8, "eighth": 8,
    "neunte": 9, "neunten": 9, "ninth": 9, "zehnte": 10, "zehnten": 10, "tenth": 10,
}  # fmt: skip
LINE_WORDS = frozenset({"linie", "linien", "line", "lines", "anlage", "band", "fertigungslinie", "produktionslinie"})  # fmt: skip
LINE_TYPO_TARGETS = ("linie", "line", "linien", "lines")
LINE_WORD_COMMON = frozenset({"like", "lime", "lane", "lone", "link", "lint", "lind", "live", "life", "lies", "lion", "liner", "lined", "lige", "lina", "lien"})  # fmt: skip
STATION_WORDS = r"station|stationen|stations|maschine|maschinen|machine|machines|arbeitsplatz|workstation"
NUMBER_GUARD = re.compile(
    r"\s*(?:%|[.:/]\d|(?:wochen?|weeks?|tagen?|days?|stunden?|hours?|h|min|minuten|minutes?|sekunden|seconds?"
    r"|mal|times|schichten|shifts?|monaten?|monate|months?|jahren?|jahre|years?|uhr|stück|stk|teile|units?"
    r"|pieces?|prozent|percent|kwh|x)(?![\w]))"
)
_NUM = r"\d{1,3}|" + "|".join(sorted(CARDINALS, key=len, reverse=True))
_SEP = r"\s*(?:,|&|\+|/|und|and|oder|or|sowie|vs\.?|versus|gegen|bis|to|through|-|–)\s*"
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
RANGE_WORDS = frozenset({"bis", "to", "through", "-", "–"})
NUMBER_PART = re.compile(rf"(?P<sep>{_SEP})?(?P<n>{_NUM})")
LINE_NUMBERED = re.compile(
    rf"(?<![\w-])(?P<word>[^\W\d_]{{3,20}})(?:\s*|-)(?:(?:nr|no|nummer|number)\.?\s*|#\s*)?"
    rf"(?P<nums>(?:{_NUM})(?:{_SEP}(?:{_NUM}))*)(?![\w])"
)
LINE_ODD_NUMBER = re.compile(  # 'Linie -1', 'line 1.5': a number no line can have
    r"(?<![\w-])(?P<word>[^\W\d_]{3,20})(?:\s+[-−]\s?\d{1,3}|\s*\d{1,3}\.\d{1,3}(?![.\d]))(?![\w])"
)
LINE_SHORT = re.compile(
    r"(?<![\w])l\s?(?P<nums>\d{1,3})(?:(?![\w])|(?=s(?![\w])))"
)  # "L3s alarms": the possessive
LINE_ARTICLE = re.compile(  # 'auf der 3', 'an der 2', 'hat die 3 gestern …', 'Qualitätsrate der 1': the line by its article
    r"(?<![\w])(?:(?:an|auf|bei|von|in|fuer|für|mit|zu)\s+der|die|der)\s+(?P<nums>\d{1,2})"
    r"(?=\s*(?:$|[?!,;]|\.(?!\d)|(?:gestern|heute|vorgestern|letzte\w*|diese\w*|am|im|in|an|seit|vom|von|bei|und|oder|"
    r"bis|hat|hatte|war|ist|lief|laeuft|läuft|gemacht|geschafft|produziert|verbraucht|gebraucht|gehabt|so|noch|"
    r"denn|eigentlich)\b))"
)
LINE_ORDINAL = re.compile(
    rf"(?<![\w])(?:(?P<nums>\d{{1,2}})(?:\.|st|nd|rd|th)|(?P<word>{_ORD}))\s+"
    r"(?:produktions|fertigungs)?(?:linie|line)(?![\w])"
)
STATION_ID = re.compile(r"(?<![\w])l\s?(?P<line>\d{1,3})\s?[-/]?\s?s(?:t|tation)?\s?(?P<seq>\d{1,3})(?![\w])")
STATION_NUMBERED = re.compile(
    rf"(?<![\w-])(?:{STATION_WORDS})\s*(?:(?:nr|no|nummer|number)\.?\s*|#\s*)?"
    rf"(?P<nums>(?:{_NUM})(?:{_SEP}(?:{_NUM}))*)(?![\w])"
)
STATION_ORDINAL = re.compile(
    rf"(?<![\w])(?:(?P<nums>\d{{1,2}})(?:\.|st|nd|rd|th)|(?P<word>{_ORD}))\s+(?:station|maschine|machine)(?![\w])"
)
STATION_SHORT = re.compile(r"(?<![\w-])s(?P<nums>\d{1,2})(?![\w-])")
SHIFT_PREFIX = re.compile(
    r"(?<![\w])(?:(?P<de>früh|frueh|spät|spaet|nacht)-(?=\s*(?:,|/|und|oder|sowie|bzw\.?)\s*[^\W\d_]+schicht)"
    r"|(?P<en>early|late|night|morning|afternoon)(?=\s*(?:,|/|and|or|&|vs\.?)\s*(?:in\s+|on\s+|during\s+)?(?:the\s+)?"
    r"(?:early|late|night|morning|afternoon)\s+shifts?(?![\w])))"
)
SHIFT_PAIR = re.compile(  # 'Früh gegen Spät', 'früh vs nacht': two shifts by their short names
    r"(?<![\w-])(früh|frueh|spät|spaet|nacht)\s*(?:gegen|vs\.?|versus|oder|und|/)\s*(früh|frueh|spät|spaet|nacht)(?![\w-])"
)
SHIFT_WORD_CLASSES = {"früh": "early", "frueh": "early", "spät": "late", "spaet": "late", "nacht": "night", "early": "early", "morning": "early", "late": "late", "afternoon": "late", "night": "night"}  # fmt: skip
BARE_SHIFT = re.compile(
    r"(?<![\w-])(früh|frueh|spät|spaet|nacht|early|late|night|morning|afternoon)(?![\w-])"
)
LIST_JOIN = re.compile(  # what stands between two shifts of a list: 'Nachtschicht im Vergleich zu Früh und Spät'
    r"\s*(?:,|/|&|und|and|oder|or|gegen|vs\.?|versus|compared (?:to|with)|im vergleich zu[rm]?|verglichen mit)\s*"
)
DAYTIME = re.compile(  # 'tagsüber', 'during the day': the shifts of the day, early and late
    r"(?<![\w-])(tagsüber|tagsueber|in den tagschichten|tagschichten|during the day|in the daytime|daytime|"
    r"day shifts)(?![\w-])"
)
TEAM_LIST = re.compile(
    r"(?<![\w-])(?i:schichtgruppen?|gruppen?|teams?|crews?)\s+[A-Z](?P<more>(?:\s*(?:,|/|&|(?i:und|and|oder|or|gegen|vs\.?|versus|against|compared with|verglichen mit))\s*[A-Z](?![\w-]))+)"
)
TEAM_LETTER = re.compile(r"(?<![\w-])(?i:schichtgruppe|gruppe|team|crew)\s+[A-HJ-Z](?![\w-])")

SHIFT_CLASS_WORDS: dict[str, tuple[str, ...]] = {  # generic words for a shift by when it starts
    "early": ("Frühschicht", "Früh-Schicht", "Frühdienst", "in der Früh", "early shift", "morning shift", "earlies"),
    "late": ("Spätschicht", "Spät-Schicht", "Spätdienst", "late shift", "afternoon shift", "evening shift", "lates"),
    "night": ("Nachtschicht", "Nacht-Schicht", "Nachtdienst", "Nacht", "nachts", "night shift", "nights", "at night", "overnight"),
}  # fmt: skip
TEAM_WORDS = (
    "Team {}",
    "Gruppe {}",
    "Schichtgruppe {}",
    "Crew {}",
    "Schichtteam {}",
    "shift team {}",
    "shift group {}",
)
REASON_CUES = frozenset(
    {"grund", "stillstandsgrund", "ursache", "wegen", "aufgrund", "reason", "cause", "code"}
)
REASON_CUE_PAIRS = frozenset({("due", "to"), ("because", "of"), ("caused", "by"), ("verursacht", "durch"), ("aufgrund", "von")})  # fmt: skip
LEGAL_FORMS = frozenset({"gmbh", "ag", "kg", "se", "ohg", "gbr", "ug", "co", "ltd", "inc", "llc", "plc", "sa", "sas", "spa", "bv", "nv"})  # fmt: skip
TEXT_KINDS = ("station", "reason", "defect", "alarm")  # the kinds whose texts hold shop-floor words
LISTED_KINDS = ("reason", "defect", "alarm")  # the kinds a list of their words names one by one
PLURAL_ENDS = ("en", "es", "e", "n", "s")
GENERIC = _wordset("""
    pruefung test tests inspection roboter robot sensor material materials oberflaeche station stationen linie
    line lines anlage team gruppe schicht shift qualitaet quality wartung maintenance stau jam fehler defekt error
    failure fault problem stoerung downtime dimension nord sued ost west north south east plast metall stahl werk
    plant halle teile parts produkt product einsetzen bearbeitung abwicklung verpacken bestanden entfernt ordnung
""")
COMMON = _wordset("""
    montag montags dienstag dienstags mittwoch mittwochs donnerstag donnerstags freitag freitags samstag
    samstags sonntag sonntags monday mondays tuesday wednesday thursday friday saturday sunday januar februar
    maerz april juni juli august september oktober november dezember january february march october december
    montagen halten haltern greifen greift gestern vorgestern heute morgen woche wochen letzte letzten letzter
    naechste vergleich vergleiche verglichen compared compare assemble assembled assembling painted stamped
    warum welche welcher welches problem probleme prozent percent station stationen stations maschine
    maschinen machine machines alarme alarms schicht schichten shifts teams gruppe gruppen grund gruende
    gestanden stillstand stillstaende stillstands einsetzen einbrennen verpacken verpackt verschraubt
    lackiert lackieren gegossen presse pressen gepresst montiert leistung lieferung lieferant lieferanten
    supplier suppliers produkte products artikel material materials charge chargen kategorie category
    taktzeit taktzeiten zykluszeit ausschuss ausbeute energie energy strom power verbrauch consumption
""")
MASTER_DATA = {
    "lines": "SELECT line_id, line_no, name, area FROM lines ORDER BY line_no",
    "stations": "SELECT station_id, line_id, seq, name FROM stations ORDER BY line_id, seq",
    "products": "SELECT product_id, name, family FROM products ORDER BY product_id",
    "shifts": "SELECT shift_code, name_de, name_en, start_time, end_time FROM shifts ORDER BY start_time",
    "teams": "SELECT team_id, name FROM teams ORDER BY team_id",
    "suppliers": "SELECT DISTINCT supplier, material FROM material_batches ORDER BY 1, 2",
    "batches": "SELECT batch_id, supplier FROM material_batches ORDER BY 1",
    "orders": "SELECT order_id, line_id, product_id FROM production_orders ORDER BY 1",
    "work_orders": "SELECT mo_id, line_id, station_id FROM maintenance_orders ORDER BY 1",
    "reasons": "SELECT reason_code, text_de, text_en FROM downtime_reasons ORDER BY 1",
    "defects": "SELECT defect_code, text_de, text_en FROM defect_codes ORDER BY 1",
    "defect_categories": "SELECT DISTINCT category FROM defect_codes ORDER BY 1",
    "alarms": "SELECT alarm_code, text_de, text_en FROM alarm_codes ORDER BY 1",
    "meters": "SELECT meter_id, medium, description, line_id FROM energy_meters ORDER BY 1",
}
GLOSSARY = "SELECT kind, id, term, language FROM glossary ORDER BY kind, id, term"
LINE_PRODUCTS = "SELECT line_id, product_id FROM line_products"
PLANNED_REASONS = "SELECT reason_code FROM downtime_reasons WHERE planned"
DEFECT_LINES = (
    "SELECT DISTINCT defect_code, line_id FROM units WHERE defect_code IS NOT NULL"  # 'Risse an der Presse'
)

DATA_START = "SELECT MIN(shift_date) FROM shift_calendar"
WORKED_DAYS = "SELECT DISTINCT shift_date FROM shift_calendar"
KIND_PLURALS = {
    "alarm": ("Alarmcodes", "alarm codes"),
    "team": ("Teams", "teams"),
    "supplier": ("Lieferanten", "suppliers"),
    "batch": ("Chargen", "batches"),
    "order": ("Aufträge", "orders"),
}
ORDER_NOUNS = ("Auftrag", "Auftrags", "Fertigungsauftrag", "Produktionsauftrag", "order", "production order", "work order")  # fmt: skip
HEAD_NOUNS = {  # a word naming a kind, after a word that tells which: 'das Lackiererei-Team', 'the steel supplier'
    "team": _wordset("team teams gruppe gruppen crew crews mannschaft schichtteam"),
    "supplier": _wordset("lieferant lieferanten lieferer zulieferer supplier suppliers vendor vendors"),
    "station": _wordset("station"),  # 'the painting station': one station of the painting line
}
MAX_LISTED = 12  # the known ones an 'unknown' message names; a longer list is cut with its count


@dataclass(frozen=True)
class Entity:
    """One identifiable thing of the plant."""

    kind: str
    id: str
    label_de: str
    label_en: str
    line: str | None = None  # the line of a station

    def label(self, language: str) -> str:
        """The label in the user's language."""
        return self.label_de if language == "de" else self.label_en


@dataclass(frozen=True)
class EntityMatch:
    """An entity named in a question."""

    entity: Entity
    span: tuple[int, int]
    score: float


@dataclass(frozen=True)
class UnknownEntity:
    """Something that looks like an entity but does not exist, or fits several: the answer says so."""

    kind: str
    text: str
    span: tuple[int, int]
    number: int | None = None  # the line or station number written, when there was one
    line_id: str | None = None  # the line a station was looked for on
    candidates: tuple[str, ...] = ()  # ids it could mean, when it fits several

    def message(self, language: str, catalog: EntityCatalog) -> str:
        """'There is no line 9; the lines are 1–4 (…).' in German or English."""
        return catalog.explain(self, language)


@dataclass
class _Alias:
    """One way to write one or more entities (several: the line decides); none: a metric name."""

    entities: list[Entity]
    code: bool = False  # an identifier: parts joined by hyphens (or spaces between longer parts)
    case: str | None = None  # must be written in exactly this case (a code in capitals)
    cue: bool = False  # also a metric name: only after a reason cue
    generic: bool = False  # a common word: dropped when the line does not decide between several
    inflected: bool = False  # a plural or case ending of the written alias


@dataclass(frozen=True)
class _Token:
    """A word of the question: folded text, position and what stood before it."""

    norm: str
    start: int
    end: int
    join: str


@dataclass
class _Candidate:
    """A match before lines decide between stations of the same name."""

    entities: tuple[Entity, ...]
    span: tuple[int, int]
    score: float
    generic: bool = False


@dataclass
class _Scan:
    """The state of one `find` call."""

    text: str
    original: str
    tokens: list[_Token]
    claimed: list[bool]
    found: list[_Candidate] = field(default_factory=list)
    unknown: list[UnknownEntity] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        """No token between these characters is taken yet."""
        return not any(self.claimed[i] for i in self.token_range(start, end))

    def take(self, start: int, end: int) -> None:
        """Mark the tokens between these characters as taken."""
        for i in self.token_range(start, end):
            self.claimed[i] = True

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens that overlap the characters."""
        first = next((i for i, t in enumerate(self.tokens) if t.end > start), len(self.tokens))
        last = first
        while last < len(self.tokens) and self.tokens[last].start < end:
            last += 1
        return range(first, last)

    def add(
        self, entities: Iterable[Entity], span: tuple[int, int], score: float = 1.0, generic: bool = False
    ) -> None:
        """Record a match and take its words."""
        self.found.append(_Candidate(tuple(entities), span, score, generic))
        self.take(*span)

    def refuse(self, unknown: UnknownEntity) -> None:
        """Record an unknown entity and take its words."""
        self.unknown.append(unknown)
        self.take(*unknown.span)


Numbered = list[tuple[int, tuple[int, int]]]


class EntityCatalog:
    """Every entity of the plant, with the lookup tables to find them in text."""

    def __init__(self) -> None:
        self._by_kind: dict[str, list[Entity]] = {kind: [] for kind in KINDS}
        self._by_id: dict[tuple[str, str], Entity] = {}
        self._aliases: dict[tuple[str, ...], _Alias] = {}
        self._longest = 1
        self._fuzzy: dict[str, set[str]] = {}
        self._fuzzy_words: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._lines: dict[int, Entity] = {}
        self._line_short: dict[str, str] = {}
        self._stations: dict[tuple[str, int], Entity] = {}
        self._station_line: dict[str, str] = {}
        self._team_letters: dict[str, Entity] = {}
        self._qualifiers: dict[str, dict[str, set[Entity]]] = {kind: {} for kind in HEAD_NOUNS}
        self._shift_classes: dict[str, Entity] = {}
        self._meter_texts: dict[str, str] = {}
        self._meter_media: dict[str, str] = {}  # meter → the medium it measures
        self._text_words: dict[
            str, list[Entity]
        ] = {}  # each word of a code's text or a station's name → them
        self._made_on: dict[str, set[str]] = {}  # product → the lines that make it
        self._recorded_on: dict[tuple[str, str], set[str]] = {}  # (kind, code) → the lines it was recorded on
        self._measured: set[str] = set()  # the media the plant's meters measure
        self.data_start: datetime | None = None  # the first worked shift: before it there is no data
        self.priced_media: frozenset[str] = frozenset()  # the media the tariffs give a price for
        self.planned_reasons: frozenset[str] = frozenset()  # the reasons of planned downtime
        self._family_of: dict[str, str] = {}
        self.shift_pattern = DEFAULT_SHIFTS
        self._product_codes: dict[str, list[str]] = {}
        self._code_shapes: list[tuple[str, re.Pattern[str]]] = []
        self._id_shapes: list[tuple[str, re.Pattern[str]]] = []  # whole identifiers: 'B-L1-X999' is no line 1
        self._metric_words = _metric_words()

    @property
    def has_prices(self) -> bool:
        """The source has energy tariffs: costs in money can be answered."""
        return bool(self.priced_media)

    # ----- loading -------------------------------------------------------------------------

    @classmethod
    def from_connector(cls, connector: Any) -> EntityCatalog:
        """Load the master data once with a few SELECTs; tables a partial source lacks give no entities."""
        catalog = cls()
        rows = {key: _rows(connector, sql) for key, sql in MASTER_DATA.items()}
        catalog.shift_pattern = ShiftPattern(DEFAULT_SHIFTS.shifts, _workdays(connector))
        catalog._load_lines(rows["lines"])
        catalog._load_stations(rows["stations"])
        catalog._load_products(rows["products"])
        catalog._load_shifts(rows["shifts"])
        catalog._load_teams(rows["teams"])
        catalog._load_suppliers(rows["suppliers"])
        catalog._load_batches(rows["batches"])
        catalog._load_orders(rows["orders"])
        catalog._load_work_orders(rows["work_orders"])
        catalog._load_texts("reason", rows["reasons"])
        catalog._load_texts("defect", rows["defects"])
        catalog._load_defect_categories(rows["defect_categories"])
        catalog._load_texts("alarm", rows["alarms"])
        catalog._load_energy(rows["meters"])
        catalog._load_glossary(_glossary_rows(connector))
        if "energy_tariffs" in connector.schema():
            priced = _rows(connector, "SELECT DISTINCT medium FROM energy_tariffs")
            catalog.priced_media = frozenset(str(medium) for (medium,) in priced)
        if "shift_calendar" in connector.schema():
            first = _rows(connector, DATA_START)
            catalog.data_start = (
                pd.Timestamp(first[0][0]).to_pydatetime() if first and first[0][0] is not None else None
            )
        if "line_products" in connector.schema():
            for line_id, product_id in _rows(connector, LINE_PRODUCTS):
                catalog._made_on.setdefault(str(product_id), set()).add(str(line_id))
        catalog.planned_reasons = frozenset(str(code) for (code,) in _rows(connector, PLANNED_REASONS))
        for code, line_id in _rows(connector, DEFECT_LINES):
            catalog._recorded_on.setdefault(("defect", str(code)), set()).add(str(line_id))
        catalog._finish()
        return catalog

    def _load_lines(self, rows: list[tuple[Any, ...]]) -> None:
        """Lines by number (a grammar, not aliases), by name, area and English words for the name."""
        for line_id, line_no, given, area in rows:
            name = str(given) if _known(given) else str(line_id)  # a line without a name is named by its id
            short = name.split("–")[-1].split(" - ")[-1].strip()
            english = vocabulary.english_for("lines", short) or short
            number = f"Line {int(line_no)}" if _known(line_no) else "Line"
            label_en = f"{number} – {english[:1].upper()}{english[1:]}" if _known(given) else name
            entity = self._entity("line", str(line_id), name, label_en)
            if _known(line_no):
                self._lines[int(line_no)] = entity
            self._line_short[entity.id] = short
            self._alias(entity, [str(line_id)], code=True)
            self._alias(entity, [name, short, *vocabulary.words_for("lines", short)])
            if _known(area):
                self._alias(entity, [str(area)], partial=True)

    def _load_stations(self, rows: list[tuple[Any, ...]]) -> None:
        """Stations by name, first word, and English words of the name's parts."""
        for station_id, line_id, seq, name in rows:
            label = f"{station_id} {name}"
            entity = self._entity("station", str(station_id), label, label, str(line_id))
            if _known(seq):  # a station without its place in the line is found by name only
                self._stations[(str(line_id), int(seq))] = entity
            self._station_line[entity.id] = str(line_id)
            self._alias(entity, [str(station_id)], code=True)
            self._alias(entity, [str(name)])
            self._index_words(entity, [str(name)])
            self._alias(entity, _first_word(str(name)), partial=True)
            self._alias(entity, _station_words(str(name)), generic=True, short_ok=True)

    def _load_products(self, rows: list[tuple[Any, ...]]) -> None:
        """Products by id, name and code; families by name, English word and shared first word."""
        shared = _shared_words(str(row[1]) for row in rows)
        for product_id, name, family in rows:
            entity = self._entity("product", str(product_id), str(name), str(name))
            self._family_of[entity.id] = str(family)
            codes = _product_codes(str(name))
            self._product_codes[entity.id] = codes
            self._alias(entity, [str(product_id), *codes], code=True)
            self._alias(entity, _product_names(str(name), codes, shared))
            self._alias(entity, _colour_names(str(name)), short_ok=True)
            self._family(str(family))
        for word, families in _first_word_families(rows).items():
            if len(families) == 1:
                self._alias(self._by_id[("family", families[0])], [word], generic=True)

    def _family(self, family: str) -> None:
        """A product family, once."""
        if ("family", family) in self._by_id:
            return
        entity = self._entity("family", family, family, family)
        self._alias(entity, [family, *vocabulary.words_for("families", family)], short_ok=True)

    def _load_shifts(self, rows: list[tuple[Any, ...]]) -> None:
        """Shifts by their names, and by the usual words for early, late and night when one shift is that."""
        classes: dict[str, list[Entity]] = {}
        shifts = []
        for code, name_de, name_en, start, end in rows:
            if not (_known(start) and _known(end)):
                continue  # a shift without its hours cannot place a time; the data check names it
            shifts.append(_shift(str(code), start, end, str(name_de), str(name_en)))
            entity = self._entity("shift", str(code), str(name_de), str(name_en))
            self._alias(entity, [str(name_de), str(name_en), *_shift_forms(str(name_de), str(name_en))])
            classes.setdefault(shift_class(start), []).append(entity)
        for kind, entities in classes.items():
            if len(entities) == 1:
                self._shift_classes[kind] = entities[0]
                self._alias(entities[0], SHIFT_CLASS_WORDS[kind])
        self.shift_pattern = ShiftPattern(tuple(shifts), self.shift_pattern.workdays)

    def _load_teams(self, rows: list[tuple[Any, ...]]) -> None:
        """Teams by id, name and 'Team X' / 'Gruppe X' / 'Schichtgruppe X'."""
        for team_id, name in rows:
            entity = self._entity("team", str(team_id), str(name), str(name))
            self._alias(entity, [str(team_id)], code=True)
            letter = str(team_id).split("-")[-1]
            self._team_letters[letter.upper()] = entity
            words = [w.format(letter) for w in TEAM_WORDS] if len(letter) <= 2 else []
            self._alias(entity, [str(name), *words], short_ok=True)
            self._qualify(entity, _key(str(name)))

    def _load_suppliers(self, rows: list[tuple[Any, ...]]) -> None:
        """Suppliers by full name, name without legal form, distinctive single words and what they supply."""
        names = list(dict.fromkeys(str(row[0]) for row in rows))
        shared = _shared_words(_strip_legal(name) for name in names)
        for name in names:
            entity = self._entity("supplier", name, name, name)
            self._alias(entity, [name, _strip_legal(name)])
            words = [w for w in _words(_strip_legal(name)) if w.lower() not in shared]
            self._alias(entity, words, partial=True)
        for name, material in rows:
            self._qualify(self._by_id[("supplier", str(name))], _key(str(material)))

    def _qualify(self, entity: Entity, words: Iterable[str]) -> None:
        """Words that tell an entity from others of its kind before a head noun ('Pulverlack' → its suppliers)."""
        for word in words:
            if len(word) >= 4 and word not in HEAD_NOUNS[entity.kind]:
                self._qualifiers[entity.kind].setdefault(word, set()).add(entity)

    def _load_orders(self, rows: list[tuple[Any, ...]]) -> None:
        """Production orders by their id ('PO-L1-0081'), named with their product, on their line."""
        self._load_numbered("order", ("Auftrag", "order"), rows, ORDER_NOUNS)

    def _load_work_orders(self, rows: list[tuple[Any, ...]]) -> None:
        """Maintenance orders by their id, named with their station, on their line."""
        self._load_numbered("work_order", ("Instandhaltungsauftrag", "maintenance order"), rows, ())

    def _load_numbered(
        self, kind: str, nouns: tuple[str, str], rows: list[tuple[Any, ...]], said: tuple[str, ...]
    ) -> None:
        """Records named by their number, shown with what they are about (a product, a station), on their line."""
        for number, line_id, about in rows:
            entity = self._entity(
                kind, str(number), f"{nouns[0]} {number} ({about or line_id})", f"{nouns[1]} {number} ({about or line_id})",
                str(line_id),
            )  # fmt: skip
            self._alias(entity, [str(number)], code=True)
            self._alias(entity, [f"{noun} {number}" for noun in said], code=True)

    def _load_batches(self, rows: list[tuple[Any, ...]]) -> None:
        """Material batches by their id ('B-L1-X002'), named with their supplier."""
        for batch_id, supplier in rows:
            entity = self._entity(
                "batch", str(batch_id), f"Charge {batch_id} ({supplier})", f"batch {batch_id} ({supplier})"
            )
            self._alias(entity, [str(batch_id)], code=True)

    def _load_texts(self, kind: str, rows: list[tuple[Any, ...]]) -> None:
        """Reasons, defects or alarms by code, German and English text, and their parts."""
        for code, text_de, text_en in rows:
            if kind == "alarm":
                entity = self._entity(kind, str(code), f"{code} {text_de}", f"{code} {text_en}")
            else:
                entity = self._entity(kind, str(code), str(text_de), str(text_en))
            self._alias(entity, [str(code)], code=True)
            self._alias(entity, [str(text_de), str(text_en)], cue_ok=kind == "reason")
            self._alias(entity, _shortened(str(text_de)) + _shortened(str(text_en)), cue_ok=kind == "reason")
            parts = [p for text in (str(text_de), str(text_en)) for p in _text_parts(text)]
            self._alias(entity, parts, partial=True, cue_ok=kind == "reason")
            self._index_words(entity, [str(text_de), str(text_en)])

    def _load_defect_categories(self, rows: list[tuple[Any, ...]]) -> None:
        """Categories of defects ('forming', 'surface') by the shop floor's words for them: 'Umformfehler'."""
        for (category,) in rows:
            if not _known(category):
                continue
            name = str(category)
            group = next((g for g in vocabulary.groups("defect_categories") if g.stem == name.lower()), None)
            label_de = group.de[0] if group and group.de else f"Fehlerkategorie {name}"
            label_en = group.en[0] if group and group.en else f"{name} defects"
            entity = self._entity("defect_category", name, label_de, label_en)
            self._alias(entity, [*(group.words if group else ()), f"{name} defects", f"{name} defect"])

    def _load_energy(self, rows: list[tuple[Any, ...]]) -> None:
        """Meters by id; media by their names in both languages."""
        media = [g.stem for g in vocabulary.groups("media")]
        for meter_id, medium, description, line_id in rows:
            label = f"{meter_id} – {description}"
            line = (
                None
                if line_id is None or (isinstance(line_id, float) and line_id != line_id)
                else str(line_id)
            )
            meter = self._entity("meter", str(meter_id), label, label, line)
            self._alias(meter, [str(meter_id)], code=True)
            self._meter_texts[meter.id] = _fold(str(description))
            self._meter_media[meter.id] = str(medium)
            media.append(str(medium))
            self._measured.add(str(medium))
        for medium in dict.fromkeys(media):
            group = vocabulary.medium_words(medium)
            plain = medium.replace("_", " ")
            label_de = group.de[0] if group and group.de else plain
            label_en = group.en[0] if group and group.en else plain
            words = group.words if group else (plain,)
            self._alias(
                self._entity("medium", medium, label_de, label_en), words, short_ok=True, metric_ok=True
            )

    def _load_glossary(self, rows: list[tuple[Any, ...]]) -> None:
        """The plant's own words for its things; a term for an id the plant does not have is ignored."""
        for kind, identifier, term, _language in rows:
            entity = self.get(str(kind), str(identifier))
            if entity is not None and str(term).strip():
                self._alias(entity, _with_articles(str(term)), cue_ok=entity.kind == "reason", short_ok=True)
            if entity is not None and entity.kind == "station":  # 'coil feeder': 'the feeder' may be this one
                self._alias(entity, _head_word(str(term)), generic=True)
            if entity is not None and entity.kind in TEXT_KINDS:
                self._index_words(entity, [str(term)])
            if entity is not None and entity.kind == "family":  # 'solid colours': 'from solid to metallic'
                self._alias(entity, _first_word(str(term)), partial=True)

    def _index_words(self, entity: Entity, texts: list[str]) -> None:
        """Remember the entity under each word of its texts ('Stau auf dem Förderband' under 'stau')."""
        for word in re.findall(r"[^\W\d_]{4,}", _fold(" ".join(texts))):
            named = self._text_words.setdefault(word, [])
            if entity not in named:
                named.append(entity)

    def _entity(
        self, kind: str, identifier: str, label_de: str, label_en: str, line: str | None = None
    ) -> Entity:
        """Create and register one entity."""
        entity = Entity(kind, identifier, label_de, label_en, line)
        self._by_kind.setdefault(kind, []).append(entity)
        self._by_id[(kind, identifier)] = entity
        return entity

    def _alias(
        self,
        entity: Entity,
        phrases: Iterable[str],
        *,
        code: bool = False,
        generic: bool = False,
        partial: bool = False,
        short_ok: bool = False,
        cue_ok: bool = False,
        metric_ok: bool = False,
    ) -> None:
        """Register ways to write an entity; partial words must be distinctive, metric words need a cue."""
        for phrase in phrases:
            tokens = _key(phrase)
            if not tokens or (partial and len(tokens) == 1 and (tokens[0] in GENERIC or len(tokens[0]) < 5)):
                continue
            if not (code or short_ok) and len("".join(tokens)) < 4:
                continue
            is_code = code or _looks_like_code(phrase)
            metric = not is_code and not metric_ok and self._names_metric(tokens)
            if metric and not cue_ok:
                continue
            case = phrase if code and "-" not in phrase and not any(c.isdigit() for c in phrase) else None
            self._register(tokens, _Alias([entity], is_code, case, metric, generic or partial), entity)
            for variant in [*_variants(phrase, is_code), *_abbreviated(tokens)]:
                inflected = _Alias([entity], is_code, case, metric, generic or partial, inflected=True)
                self._register(variant, inflected, entity)

    def _register(self, tokens: tuple[str, ...], alias: _Alias, entity: Entity) -> None:
        """Add one key; a key shared by entities of one kind is ambiguous, another kind keeps the first."""
        known = self._aliases.get(tokens)
        named_over_head = (  # 'pasteuriser' is one station's own name and another's head word: the name wins
            known is not None
            and known.generic
            and not alias.generic
            and bool(known.entities)
            and known.entities[0].kind == entity.kind
        )
        if known is None or (known.inflected and not alias.inflected) or named_over_head:
            self._aliases[tokens] = alias
        elif (
            known.entities[0].kind == entity.kind
            and entity not in known.entities
            and known.inflected == alias.inflected
            and known.generic == alias.generic
        ):
            known.entities.append(entity)

    def _finish(self) -> None:
        """Drop partial words that name several entities, keep metric names, build typo index and shapes."""
        for (
            word,
            *more,
        ), alias in self._aliases.items():  # 'painting station': a word of a line names its stations
            if not more and alias.entities and alias.entities[0].kind == "line" and not alias.inflected:
                stations = [
                    e
                    for e in self.entities("station")
                    if self._station_line.get(e.id) == alias.entities[0].id
                ]
                self._qualifiers["station"].setdefault(word, set()).update(stations)
        for tokens, alias in list(self._aliases.items()):
            if len(alias.entities) > 1 and alias.generic and alias.entities[0].kind != "station":
                del self._aliases[tokens]
        self._block_metric_phrases()
        self._longest = max((len(t) for t in self._aliases), default=1)
        for tokens, alias in self._aliases.items():
            if alias.entities and not (alias.code or alias.cue or alias.inflected):
                self._index_typos(tokens)
        self._code_shapes = [(kind, shape) for kind, shape in self._shapes() if shape is not None]
        shapes = [(kind, _id_shape([e.id for e in self.entities(kind)])) for kind in ("batch", "order")]
        self._id_shapes = [(kind, shape) for kind, shape in shapes if shape is not None]

    def _shapes(self) -> Iterator[tuple[str, re.Pattern[str] | None]]:
        """Patterns for identifiers shaped like the plant's product ids and codes and its alarm codes."""
        products = [c for e in self.entities("product") for c in (e.id, *self._product_codes.get(e.id, []))]
        yield "product", _code_shape(products)
        yield "alarm", _code_shape([e.id for e in self.entities("alarm")])

    def _block_metric_phrases(self) -> None:
        """Longer metric names that contain an entity word ('idle power') stay metric names."""
        blockers = []
        for phrase in sorted(self._metric_words):
            tokens = tuple(phrase.split())
            if len(tokens) < 2 or tokens in self._aliases:
                continue
            parts = (tokens[a:b] for a in range(len(tokens)) for b in range(a + 1, len(tokens) + 1))
            if any(part in self._aliases for part in parts if part != tokens):
                blockers.append(tokens)
        self._aliases.update((tokens, _Alias([])) for tokens in blockers)

    def _index_typos(self, tokens: tuple[str, ...]) -> None:
        """Index the long words of an alias for typo lookup (deletions up to the allowed distance)."""
        for position, word in enumerate(tokens):
            if len(word) < 7 or not word.isalpha() or word in COMMON:
                continue
            self._fuzzy_words.setdefault(word, []).append((tokens, position))
            for deleted in _deletions(word, _allowed(word)):
                self._fuzzy.setdefault(deleted, set()).add(word)

    def _names_metric(self, tokens: tuple[str, ...]) -> bool:
        """The words are also a metric's or grouping's name (a changeover word)."""
        text = " ".join(tokens)
        return text in self._metric_words or any(text + s in self._metric_words for s in SUFFIXES)

    # ----- public --------------------------------------------------------------------------

    def entities(self, kind: str) -> list[Entity]:
        """Every entity of a kind, in the order of the master data."""
        return list(self._by_kind.get(kind, []))

    def meters_of_station(self, station_id: str) -> list[str]:
        """The meters whose description names the station ('… Ofen (Linie 4)' for its oven)."""
        entity = self.get("station", station_id)
        if entity is None:
            return []
        name = _fold(entity.label_de.split(" ", 1)[-1])
        line = self._station_line.get(station_id)
        return [
            meter
            for meter, text in self._meter_texts.items()
            if name and name in text and self._by_id[("meter", meter)].line in (None, line)
        ]

    def products_of(self, family: str) -> list[Entity]:
        """The products of one family, in the order of the master data."""
        return [e for e in self.entities("product") if self._family_of.get(e.id) == family]

    def meters_of_medium(self, medium: str) -> list[Entity]:
        """The meters that measure one medium, in the order of the master data."""
        return [e for e in self.entities("meter") if self._meter_media.get(e.id) == medium]

    def made_on(self, kind: str, identifier: str, lines: tuple[str, ...]) -> bool:
        """Whether a product or family is made on any of the lines (true when the source says nothing)."""
        if not self._made_on or not lines:
            return True
        products = (
            [identifier] if kind == "product" else [p for p, f in self._family_of.items() if f == identifier]
        )
        return any(self._made_on.get(p, set()) & set(lines) for p in products)

    def named_in_texts(self, word: str) -> list[Entity]:
        """The stations, reasons, defects and alarms whose texts hold the word, its singular or a compound of it."""
        folded = _fold(word)
        stems = [
            s
            for s in (folded, *(folded[: -len(e)] for e in PLURAL_ENDS if folded.endswith(e)))
            if len(s) >= 4
        ]
        found: list[Entity] = []
        for text_word, entities in self._text_words.items():
            if any(_holds(text_word, stem) for stem in stems):
                found += [e for e in entities if e not in found]
        return found

    def texts_naming(self, entity: Entity, kinds: tuple[str, ...]) -> list[Entity]:
        """The entities of those kinds whose text names this one ('Druckluft zu niedrig' names the medium)."""
        names = {_fold(entity.label_de), _fold(entity.label_en)}
        return [
            other
            for kind in kinds
            for other in self.entities(kind)
            if any(
                re.search(rf"\b{re.escape(n)}\b", _fold(f"{other.label_de} {other.label_en}")) for n in names
            )
        ]

    def text_words(self) -> set[str]:
        """The words of the codes' texts and the stations' names, with their plurals (known, so not corrected)."""
        return {w + end for w in self._text_words for end in ("", *PLURAL_ENDS)}

    def alias_words(self) -> set[str]:
        """The folded single words of every name, code and synonym (for typo correction elsewhere)."""
        return {word for tokens in self._aliases for word in tokens if word.isalpha()}

    def get(self, kind: str, identifier: str) -> Entity | None:
        """One entity by its contract identifier."""
        return self._by_id.get((kind, identifier))

    def label(self, kind: str, identifier: str, language: str) -> str:
        """How to show an identifier in a language; the identifier itself when unknown."""
        entity = self.get(kind, identifier)
        if entity is None:
            return identifier
        return entity.label_de if language == "de" else entity.label_en

    def find(self, question: str) -> tuple[list[EntityMatch], list[UnknownEntity]]:
        """All entities named, in order of appearance, non-overlapping; and the unknown ones."""
        scan = self._scan(question)
        self._unknown_ids(scan)
        self._station_ids(scan)
        self._qualified_heads(scan)
        self._phrases(scan)
        self._shift_prefixes(scan)
        self._team_lists(scan)
        self._numbered_lines(scan)
        self._typos(scan)
        self._listed_texts(scan)
        self._numbered_stations(scan)
        self._unknown_codes(scan)
        matches = self._resolve(scan)
        for m in [m for m in matches if m.entity.kind == "medium" and m.entity.id not in self._measured]:
            matches.remove(m)  # a medium no meter of this plant measures: said so, never a zero
            scan.unknown.append(UnknownEntity("medium", _written(scan, m.span), m.span))
        return matches, sorted(scan.unknown, key=lambda u: u.span)

    def explain(self, unknown: UnknownEntity, language: str) -> str:
        """The message for an unknown or ambiguous entity."""
        de = language == "de"
        if unknown.kind == "line":
            return self._no_line(unknown, de)
        if unknown.kind == "station":
            return self._no_station(unknown, de)
        if unknown.kind == "product":
            return self._no_product(unknown, de)
        if unknown.kind == "medium":
            measured = ", ".join(
                self.label("medium", m, "de" if de else "en") for m in sorted(self._measured)
            )
            if de:
                return f"„{unknown.text}“ misst in diesem Werk kein Zähler; gemessen werden: {measured}."
            return f"No meter of this plant measures “{unknown.text}”; the meters measure: {measured}."
        plural_de, plural_en = KIND_PLURALS.get(unknown.kind, (unknown.kind, unknown.kind))
        if unknown.candidates:
            listing = ", ".join(self.label(unknown.kind, c, language) for c in unknown.candidates)
            if de:
                return f"„{unknown.text}“ passt auf mehrere {plural_de}: {listing}. Bitte wählen Sie."
            return f"“{unknown.text}” fits several {plural_en}: {listing}. Which one do you mean?"
        known = self.entities(unknown.kind)
        valid = ", ".join(e.id if e.id in e.label_de else f"{e.id} {e.label_de}" for e in known[:MAX_LISTED])
        if len(known) > MAX_LISTED:
            valid += f" … ({len(known)})"
        if de:
            return f"„{unknown.text}“ gibt es nicht; die {plural_de} sind: {valid}."
        return f"“{unknown.text}” does not exist; the {plural_en} are: {valid}."

    # ----- matching passes -----------------------------------------------------------------

    def _scan(self, question: str) -> _Scan:
        """Lower-case the question without moving characters, and split it into words."""
        lowered = question.lower()
        if len(lowered) != len(question):
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in question)
        tokens: list[_Token] = []
        previous = 0
        for m in TOKEN.finditer(lowered):
            tokens.append(
                _Token(m.group().translate(FOLD), m.start(), m.end(), lowered[previous : m.start()])
            )
            previous = m.end()
        return _Scan(lowered, question, tokens, [False] * len(tokens))

    def _station_ids(self, scan: _Scan) -> None:
        """Line and station numbers: 'L7-S2', 'L7 S2', 'l7s2', 'L7 Station 2'."""
        for m in STATION_ID.finditer(scan.text):
            line_no, seq = int(m["line"]), int(m["seq"])
            line = self._lines.get(line_no)
            if line is None:
                scan.refuse(UnknownEntity("line", _written(scan, m.span()), m.span(), number=line_no))
            elif (line.id, seq) in self._stations:
                scan.add([self._stations[(line.id, seq)]], m.span())
            else:
                scan.refuse(UnknownEntity("station", _written(scan, m.span()), m.span(), seq, line.id))

    def _phrases(self, scan: _Scan) -> None:
        """Names, codes and synonyms: the non-overlapping choice that explains the most words.

        'PET „Etikettierer steht“' is the line and a reason, not a longer station name that would
        leave 'steht' unexplained; among equally good choices the longer phrase at each word wins.
        """
        tokens, n = scan.tokens, len(scan.tokens)
        options: list[list[tuple[int, _Alias]]] = [[] for _ in range(n)]
        for i in range(n):
            for length in range(min(self._longest, n - i), 0, -1):
                alias = self._aliases.get(tuple(t.norm for t in tokens[i : i + length]))
                if alias and self._accept(scan, alias, i, length):
                    options[i].append((length, alias))
        best = [0] * (n + 1)  # the most words explained from token i on
        choice: list[tuple[int, _Alias] | None] = [None] * (n + 1)
        for i in range(n - 1, -1, -1):
            best[i] = best[i + 1]
            for length, alias in options[i]:
                if length + best[i + length] > best[i]:
                    best[i], choice[i] = length + best[i + length], (length, alias)
        i = 0
        while i < n:
            picked = choice[i]
            if picked is None:
                i += 1
                continue
            length, alias = picked
            span = (tokens[i].start, tokens[i + length - 1].end)
            if alias.entities:
                scan.add(alias.entities, span, 0.95 if alias.inflected else 1.0, alias.generic)
            scan.take(*span)
            i += length

    def _accept(self, scan: _Scan, alias: _Alias, i: int, length: int) -> bool:
        """The words are free, joined as the alias needs, in the right case and after a cue if needed."""
        window = scan.tokens[i : i + length]
        if any(scan.claimed[i : i + length]) or not _joins_ok(window, alias.code):
            return False
        if alias.case is not None and scan.original[window[0].start : window[-1].end] != alias.case:
            return False
        if (
            alias.generic
            and alias.entities
            and alias.entities[0].kind == "station"
            and not _said_as_a_thing(scan, i)
        ):
            return False  # 'did we press …' is a verb, 'the press' a machine
        if length == 1 and _a_verb_here(scan.tokens, i):
            return False  # 'ich weiß nicht': the verb, not the colour
        return not alias.cue or _after_cue(scan.tokens, i)

    def _qualified_heads(self, scan: _Scan) -> None:
        """'das Lackiererei-Team', 'Stahlband-Lieferant', 'our aluminium supplier': one entity, or a question back."""
        for i in range(len(scan.tokens)):
            for kind, heads in HEAD_NOUNS.items():
                found = self._qualified_head(scan, i, kind, heads)
                if found is None:
                    continue
                span, entities = found
                if not scan.free(*span) or self._names_more(scan, span) or _asks_among(scan, span):
                    continue  # 'bei welchem Gehäuselieferanten': a grouping over them, not one of them
                first = i if span[0] == scan.tokens[i].start else i - 1  # a compound, or the word before
                if kind == "station" and (_numbered_next(scan, span) or not _said_as_a_thing(scan, first)):
                    continue  # 'assembly station 4' is numbered; 'if painting, station …' is no name
                if len(entities) == 1:
                    scan.add(entities, span)
                else:
                    ids = tuple(sorted(e.id for e in entities))
                    scan.refuse(UnknownEntity(kind, _written(scan, span), span, candidates=ids))

    def _names_more(self, scan: _Scan, span: tuple[int, int]) -> bool:
        """A known name starts at the span and goes on past it: 'Halle Gruppe X'."""
        first = scan.token_range(*span)
        start, end = first.start, first.stop
        return any(
            tuple(t.norm for t in scan.tokens[start:stop]) in self._aliases
            for stop in range(end + 1, min(start + self._longest, len(scan.tokens)) + 1)
        )

    def _qualified_head(
        self, scan: _Scan, i: int, kind: str, heads: frozenset[str]
    ) -> tuple[tuple[int, int], list[Entity]] | None:
        """The span and entities of a head noun of `kind` at token i with the word that qualifies it."""
        token = scan.tokens[i]
        if token.norm in self._qualifiers[kind]:
            return None  # 'Schichtgruppe X': a word of the names themselves
        if token.norm in heads:
            if i == 0 or token.join.strip() not in ("", "-"):
                return None
            qualifier, start = scan.tokens[i - 1].norm, scan.tokens[i - 1].start
            shortest = 3 if token.join.strip() == "-" else 5  # 'Alu-Lieferant': a short form, hyphenated
        else:
            head = next((h for h in heads if token.norm.endswith(h) and len(token.norm) - len(h) >= 4), None)
            if head is None:
                return None
            qualifier, start, shortest = token.norm[: -len(head)], token.start, 5
        entities = self._qualified(kind, qualifier, shortest)
        return ((start, token.end), entities) if entities else None

    def _qualified(self, kind: str, qualifier: str, shortest: int = 5) -> list[Entity]:
        """The entities of a kind with the word among their qualifying words, or as the start of one (from
        `shortest` letters on)."""
        found: set[Entity] = set()
        for word, entities in self._qualifiers[kind].items():
            if qualifier in (word, word + "s") or (len(qualifier) >= shortest and word.startswith(qualifier)):
                found |= entities
        return sorted(found, key=lambda e: e.id)

    def _shift_prefixes(self, scan: _Scan) -> None:
        """'Früh- und Spätschicht', 'early and late shifts': the first shift, named by its prefix; 'Früh gegen
        Spät': both shifts by their short names."""
        for m in SHIFT_PREFIX.finditer(scan.text):
            entity = self._shift_classes.get(SHIFT_WORD_CLASSES[m["de"] or m["en"]])
            if entity and scan.free(*m.span()):
                scan.add([entity], m.span())
        for m in SHIFT_PAIR.finditer(scan.text):
            for group in (1, 2):
                entity = self._shift_classes.get(SHIFT_WORD_CLASSES[m.group(group)])
                if entity and scan.free(*m.span(group)):
                    scan.add([entity], m.span(group))
        self._listed_shifts(scan)
        for m in DAYTIME.finditer(scan.text):
            day = [self._shift_classes[kind] for kind in ("early", "late") if kind in self._shift_classes]
            if len(day) == 2 and scan.free(*m.span()):
                scan.found.extend(_Candidate((entity,), m.span(), 1.0) for entity in day)
                scan.take(*m.span())

    def _listed_texts(self, scan: _Scan) -> None:
        """'hydraulic, mechanical, electrical, tool': listed next to a reason, each word that one reason's text holds."""
        listed = [c for c in scan.found if len(c.entities) == 1 and c.entities[0].kind in LISTED_KINDS]
        if not listed:
            return
        kinds = {c.entities[0].kind for c in listed}

        def one_thing(word: str) -> Entity | None:
            named = [e for e in self.named_in_texts(word) if e.kind in kinds]
            return named[0] if len(named) == 1 else None

        words = [m for m in re.finditer(r"[^\W\d_]{4,}", scan.text) if scan.free(*m.span())]
        _grow_list(scan, [c.span for c in listed], words, one_thing, by_themselves=False)

    def _listed_shifts(self, scan: _Scan) -> None:
        """'Früh, Spät und Nacht', 'night shift vs early and late': a short name listed next to a shift is one."""
        bare = [m for m in BARE_SHIFT.finditer(scan.text) if scan.free(*m.span())]
        named = [c.span for c in scan.found if c.entities and c.entities[0].kind == "shift"]
        _grow_list(
            scan,
            named,
            bare,
            lambda word: self._shift_classes.get(SHIFT_WORD_CLASSES[word]),
            by_themselves=True,
        )

    def _team_lists(self, scan: _Scan) -> None:
        """'Schichtgruppe X und Y', 'Teams X, Y und Z', 'Gruppe X gegen Y': every letter names a team."""
        for m in TEAM_LIST.finditer(scan.original):
            more = m.start("more")
            spans = [(m.start(), more)]
            spans += [
                (more + x.start(), more + x.end()) for x in re.finditer(r"(?<!\w)[A-Z](?!\w)", m["more"])
            ]
            for span in spans:
                if scan.free(*span):
                    self._name_team(scan, span, scan.original[span[1] - 1])

    def _name_team(self, scan: _Scan, span: tuple[int, int], letter: str) -> None:
        """Record the team of a letter, or an unknown team."""
        team = self._team_letters.get(letter)
        if team is None:
            scan.refuse(UnknownEntity("team", _written(scan, span), span))
        else:
            scan.add([team], span)

    def _numbered_lines(self, scan: _Scan) -> None:
        """'Linie 3', 'line three', 'Linei 3', 'lines 1 and 2', 'L3', 'L 3', 'dritte Linie', '3rd line'."""
        for m in LINE_ODD_NUMBER.finditer(scan.text):
            if _line_word_score(m["word"]) and scan.free(*m.span()):
                written = m.group(0)[len(m["word"]) :].strip()
                scan.refuse(UnknownEntity("line", written, m.span()))
        for pattern in (LINE_NUMBERED, LINE_SHORT, LINE_ORDINAL, LINE_ARTICLE):
            for m in pattern.finditer(scan.text):
                score = _line_word_score(m["word"]) if pattern is LINE_NUMBERED else 1.0
                if score and scan.free(*m.span()):
                    self._name_lines(scan, _numbers(scan.text, m), score)

    def _name_lines(self, scan: _Scan, numbers: Numbered, score: float) -> None:
        """Record the lines of one numbered mention; numbers without a line are unknown."""
        for number, span in numbers:
            entity = self._lines.get(number)
            if entity is None:
                scan.refuse(UnknownEntity("line", _written(scan, span), span, number=number))
            else:
                scan.add([entity], span, score)

    def _typos(self, scan: _Scan) -> None:
        """Long names with a small typo: 'Schweisanlage', 'Etikettiere', 'hydraulic failur'."""
        for i, token in enumerate(scan.tokens):
            if scan.claimed[i] or not _correctable(token.norm, self._metric_words):
                continue
            best = self._best_typo(scan, i)
            if best is not None:
                tokens, start, score = best
                alias = self._aliases[tokens]
                span = (scan.tokens[start].start, scan.tokens[start + len(tokens) - 1].end)
                scan.add(alias.entities, span, score, alias.generic)

    def _best_typo(self, scan: _Scan, i: int) -> tuple[tuple[str, ...], int, float] | None:
        """The closest alias that the words around token i spell with few edits."""
        best: tuple[tuple[str, ...], int, float] | None = None
        for target in self._typo_targets(scan.tokens[i].norm):
            for tokens, position in self._fuzzy_words[target]:
                score = _window_score(scan, i - position, tokens, self._metric_words)
                if score is not None and (best is None or score > best[2]):
                    best = (tokens, i - position, score)
        return best

    def _typo_targets(self, word: str) -> set[str]:
        """Indexed long words within the allowed distance of a word, same first letter."""
        found: set[str] = set()
        for deleted in _deletions(word, 2 if len(word) >= 8 else 1):
            found |= self._fuzzy.get(deleted, set())
        return {t for t in found if t[0] == word[0] and t != word and _osa(word, t) <= _allowed(t)}

    def _numbered_stations(self, scan: _Scan) -> None:
        """'Station 4' or 'S4' with a line in the question; alone, either asks which line's."""
        lines = [(c.span, self._line_of(c.entities[0])) for c in scan.found if len(c.entities) == 1 and c.entities[0].kind in ("line", "station")]  # fmt: skip
        for pattern in (STATION_NUMBERED, STATION_ORDINAL, STATION_SHORT):
            for m in pattern.finditer(scan.text):
                if not scan.free(*m.span()):
                    continue
                line = _nearest(lines, m.span())
                for number, span in _numbers(scan.text, m):
                    self._name_station(scan, span, number, line)

    def _line_of(self, entity: Entity) -> str:
        """The line id of a line or station entity."""
        return entity.id if entity.kind == "line" else self._station_line[entity.id]

    def _name_station(self, scan: _Scan, span: tuple[int, int], number: int, line: str | None) -> None:
        """Record station `number` of a line, or why it cannot be named."""
        text = _written(scan, span)
        if line is None:
            candidates = [e for (_line, seq), e in self._stations.items() if seq == number]
            if len(candidates) == 1:
                scan.add(candidates, span)
            else:
                ids = tuple(e.id for e in candidates)
                scan.refuse(UnknownEntity("station", text, span, number, None, ids))
        elif (line, number) in self._stations:
            scan.add([self._stations[(line, number)]], span)
        else:
            scan.refuse(UnknownEntity("station", text, span, number, line))

    def _unknown_ids(self, scan: _Scan) -> None:
        """Identifiers shaped like the plant's batch ids that name none: refused before their parts are read."""
        self._refuse_shaped(scan, self._id_shapes)

    def _unknown_codes(self, scan: _Scan) -> None:
        """Identifiers shaped like the plant's ('P-9999', 'GH-50', 'A-999', 'Team F') that name nothing."""
        self._refuse_shaped(scan, self._code_shapes)
        if self._by_kind["team"]:
            for m in TEAM_LETTER.finditer(scan.original):
                if scan.free(*m.span()):
                    scan.refuse(UnknownEntity("team", m.group(0), m.span()))

    def _refuse_shaped(self, scan: _Scan, shapes: list[tuple[str, re.Pattern[str]]]) -> None:
        """Text shaped like an identifier of a kind, in no other match, that is no known identifier: refused."""
        for kind, pattern in shapes:
            for m in pattern.finditer(scan.text):
                if (kind, m.group(0).upper()) not in self._by_id and scan.free(*m.span()):
                    scan.refuse(UnknownEntity(kind, _written(scan, m.span()), m.span()))

    # ----- resolution ----------------------------------------------------------------------

    def _resolve(self, scan: _Scan) -> list[EntityMatch]:
        """Let the named lines decide between stations of the same name; merge repeated mentions."""
        single = [c.entities[0] for c in scan.found if len(c.entities) == 1]
        lines = {self._line_of(e) for e in single if e.kind in ("line", "station")}
        recorded = [self._recorded_on[(e.kind, e.id)] for e in single if (e.kind, e.id) in self._recorded_on]
        matches: list[EntityMatch] = []
        for candidate in sorted(scan.found, key=lambda c: c.span):
            entity = (
                self._decide(scan, candidate, lines)
                if lines or not recorded
                else self._by_record(scan, candidate, set.intersection(*recorded))
            )
            if entity is not None:
                matches.append(EntityMatch(entity, candidate.span, round(candidate.score, 3)))
        return _merge(matches, scan.text)

    def _decide(self, scan: _Scan, candidate: _Candidate, lines: set[str]) -> Entity | None:
        """The one entity a candidate names, or None (and a clarification for a shared station name)."""
        if len(candidate.entities) == 1:
            return candidate.entities[0]
        on_line = [e for e in candidate.entities if self._station_line.get(e.id) in lines]
        if len(on_line) == 1:
            return on_line[0]
        if not candidate.generic or candidate.entities[0].kind == "station":
            line = next(iter(lines)) if len(lines) == 1 else None
            ids = tuple(e.id for e in (on_line or candidate.entities))
            kind = candidate.entities[0].kind
            scan.unknown.append(
                UnknownEntity(kind, _written(scan, candidate.span), candidate.span, None, line, ids)
            )
        return None

    def _by_record(self, scan: _Scan, candidate: _Candidate, lines: set[str]) -> Entity | None:
        """A shared station name beside a defect found on one line only: that line (units carry no station)."""
        on_line = {self._station_line.get(e.id, "") for e in candidate.entities} & lines
        if len(candidate.entities) > 1 and candidate.entities[0].kind == "station" and len(on_line) == 1:
            return self._by_id.get(("line", on_line.pop()))
        return self._decide(scan, candidate, set())

    # ----- messages ------------------------------------------------------------------------

    def _line_list(self) -> str:
        """'<id> <short name>, …' for every line."""
        return ", ".join(f"{e.id} {self._line_short[e.id]}" for e in self._lines.values())

    def _no_line(self, unknown: UnknownEntity, de: bool) -> str:
        """There is no line 9; the lines are 1–4 (…)."""
        number = unknown.number if unknown.number is not None else unknown.text
        if not self._lines:
            if de:
                return f"Eine Linie {number} gibt es nicht; diese Datenquelle kennt keine Linien."
            return f"There is no line {number}; this data source has no lines."
        numbers = _number_list(sorted(self._lines))
        if de:
            return f"Eine Linie {number} gibt es nicht; die Linien sind {numbers} ({self._line_list()})."
        return f"There is no line {number}; the lines are {numbers} ({self._line_list()})."

    def _no_station(self, unknown: UnknownEntity, de: bool) -> str:
        """A station number that the line does not have, or a station that fits several lines."""
        if unknown.candidates:
            return self._which_station(unknown, de)
        if unknown.line_id is None:
            most = max((seq for (_line, seq) in self._stations), default=0)
            if de:
                return f"Eine Station {unknown.number} gibt es an keiner Linie; die Linien haben bis zu {most} Stationen."
            return f"There is no station {unknown.number} on any line; the lines have up to {most} stations."
        line_no = self._line_number(unknown.line_id)
        stations = [(seq, e) for (line, seq), e in self._stations.items() if line == unknown.line_id]
        listing = ", ".join(f"S{seq} {e.label_de.split(' ', 1)[-1]}" for seq, e in stations)
        numbers = _number_list([seq for seq, _e in stations])
        if de:
            return f"Eine Station {unknown.number} gibt es an Linie {line_no} nicht; Linie {line_no} hat die Stationen {numbers}: {listing}."  # fmt: skip
        return f"Station {unknown.number} of line {line_no} does not exist; line {line_no} has stations {numbers}: {listing}."  # fmt: skip

    def _which_station(self, unknown: UnknownEntity, de: bool) -> str:
        """'Station 4' or a station name fits several lines: name them and ask."""
        word = "Linie" if de else "line"
        listing = ", ".join(
            f"{self.label('station', sid, 'de')} ({word} {self._line_number(self._station_line[sid])})"
            for sid in unknown.candidates
        )
        if unknown.line_id is not None:
            line_no = self._line_number(unknown.line_id)
            if de:
                return f"„{unknown.text}“ gibt es an Linie {line_no} nicht, sondern an: {listing}."
            return f"Line {line_no} has no “{unknown.text}”; it is at: {listing}."
        if len({self._station_line[sid] for sid in unknown.candidates}) == 1:  # several stations of one line
            names = ", ".join(self.label("station", sid, "de") for sid in unknown.candidates)
            line_no = self._line_number(self._station_line[unknown.candidates[0]])
            if de:
                return (
                    f"„{unknown.text}“: Linie {line_no} hat mehrere Stationen: {names}. Welche ist gemeint?"
                )
            return f"“{unknown.text}”: line {line_no} has several stations: {names}. Which one do you mean?"
        if de:
            return f"„{unknown.text}“ gibt es an mehreren Linien: {listing}. Welche Linie ist gemeint?"
        return f"“{unknown.text}” exists on several lines: {listing}. Which line do you mean?"

    def _no_product(self, unknown: UnknownEntity, de: bool) -> str:
        """There is no product X; the closest names are …."""
        closest = ", ".join(f"{e.id} {e.label_de}" for e in self._closest_products(unknown.text))
        if de:
            return f"Ein Produkt {unknown.text} gibt es nicht; am ähnlichsten sind: {closest}."
        return f"There is no product {unknown.text}; the closest are: {closest}."

    def _closest_products(self, text: str) -> list[Entity]:
        """The three products whose id, code or name is most like the text."""
        folded = _fold(text)

        def likeness(entity: Entity) -> float:
            names = [entity.id, entity.label_de, *self._product_codes.get(entity.id, [])]
            return max(difflib.SequenceMatcher(None, folded, _fold(n)).ratio() for n in names)

        return sorted(self.entities("product"), key=likeness, reverse=True)[:3]

    def _line_number(self, line_id: str) -> int | str:
        """The number people say for a line id."""
        return next((no for no, e in self._lines.items() if e.id == line_id), line_id)


# ----- helpers: text ---------------------------------------------------------------------------


def _rows(connector: Any, sql: str) -> list[tuple[Any, ...]]:
    """The rows of one master-data query as plain tuples; none when the source lacks its table."""
    table = re.search(r"\bFROM (\w+)", sql)
    if table is not None and table.group(1) not in connector.schema():
        return []
    return list(connector.execute(sql).itertuples(index=False, name=None))


def _glossary_rows(connector: Any) -> list[tuple[Any, ...]]:
    """The plant's glossary, when its source has one."""
    if "glossary" not in connector.schema():
        return []
    return _rows(connector, GLOSSARY)


def _workdays(connector: Any) -> frozenset[int]:
    """The weekdays the plant works shifts on (Monday = 0), from its shift calendar."""
    if "shift_calendar" not in connector.schema():
        return DEFAULT_SHIFTS.workdays
    days = {pd.Timestamp(day).weekday() for (day,) in _rows(connector, WORKED_DAYS) if day is not None}
    return frozenset(days) or DEFAULT_SHIFTS.workdays


def _shift(code: str, start: Any, end: Any, name_de: str, name_en: str) -> Shift:
    """One shift of the pattern from the shifts table."""
    begin, finish = _clock(start), _clock(end)
    hours = ((finish.hour * 60 + finish.minute) - (begin.hour * 60 + begin.minute)) % (24 * 60) / 60 or 24.0
    return Shift(code, begin, hours, name_de, name_en[:1].lower() + name_en[1:], shift_class(begin))


def _clock(value: Any) -> time:
    """A TIME value or 'HH:MM[:SS]' text as a time."""
    if isinstance(value, time):
        return value
    parts = [int(p) for p in str(value).split(":")[:2]]
    return time(parts[0] % 24, parts[1] if len(parts) > 1 else 0)


ARTICLES = ("der", "die", "das", "den", "dem", "the")


def _with_articles(term: str) -> list[str]:
    """'die PET' is also 'der PET', 'auf der PET': a term said with an article, with every article."""
    head, _, rest = term.strip().partition(" ")
    if head.lower() not in ARTICLES or not rest:
        return [term]
    return [f"{article} {rest}" for article in ARTICLES]


def shift_class(start: Any) -> str:
    """'early', 'late' or 'night' for a shift by its start time (a time, or 'HH:MM:SS')."""
    hour = int(str(start)[:2]) if not hasattr(start, "hour") else int(start.hour)
    if 4 <= hour < 11:
        return "early"
    return "late" if 11 <= hour < 18 else "night"


def _shift_forms(name_de: str, name_en: str) -> list[str]:
    """'Früh-Schicht', 'Frühdienst' for 'Frühschicht'; 'day shifts' for 'day shift'."""
    forms = []
    if name_de.lower().endswith("schicht") and len(name_de) > 7:
        stem = name_de[:-7]
        forms += [f"{stem}-Schicht", f"{stem}dienst"]
    if name_en.lower().endswith("shift"):
        forms.append(f"{name_en}s")
    return forms


def _fold(text: str) -> str:
    """Lower case with umlauts written out."""
    return text.lower().translate(FOLD)


def _key(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase."""
    return tuple(w.translate(FOLD) for w in TOKEN.findall(phrase.lower()))


def _words(phrase: str) -> list[str]:
    """The words of a phrase as written."""
    return TOKEN.findall(phrase)


def _variants(phrase: str, code: bool) -> Iterator[tuple[str, ...]]:
    """Plain-vowel spelling ('Porositat'), joined codes ('P1234') and plural or case endings."""
    tokens = _key(phrase)
    plain = tuple(w.translate(PLAIN) for w in TOKEN.findall(phrase.lower()))
    if plain != tokens:
        yield plain
    if code:
        if any(c.isdigit() for c in phrase) and len(tokens) > 1:
            yield ("".join(tokens),)
        return
    for base in {tokens, plain}:
        last = base[-1]
        if last.isalpha() and (len(last) >= 4 or (len(base) > 1 and len(last) >= 3)):
            for suffix in SUFFIXES:
                yield (*base[:-1], last + suffix)
        if len(base) == 2 and base[0].isalpha() and len(base[0]) >= 5:
            stem = re.sub(r"(es|er|en|em|e)$", "", base[0])  # 'schiefes Etikett' = 'schiefe Etiketten'
            endings = (
                SUFFIXES if last.isalpha() and len(last) >= 3 else ()
            )  # a one-letter name takes no ending: 'Team A' is not 'Team an'
            for ending in ("", "e", "es", "er", "en", "em"):
                for suffix in ("", *endings):
                    if stem + ending != base[0] or suffix:
                        yield (stem + ending, last + suffix)


def _looks_like_code(phrase: str) -> bool:
    """Identifiers such as 'XY-A', 'AB-40', 'RAL 1234', 'M-7'."""
    return bool(re.fullmatch(r"[A-Z0-9]+(?:[- ][A-Z0-9]+)+", phrase.strip())) and any(
        c.isalpha() for c in phrase
    )


def _first_word(name: str) -> list[str]:
    """The first word of a multi-word station name ('Schweißzelle' of 'Schweißzelle Roboter')."""
    words = re.split(r"[\s/]+", name.strip())
    return [words[0].split("-")[0]] if len(words) > 1 or "-" in name else []


def _station_words(name: str) -> list[str]:
    """Shop-floor words for the parts of a station name, with its trailing number."""
    number = re.search(r"\s(\d+)$", name)
    words = vocabulary.words_for("stations", name)
    if number:
        words += [f"{w} {number.group(1)}" for w in words]
    return words


def _product_codes(name: str) -> list[str]:
    """Code-like parts of a product name: 'AB-40', 'XY-A', 'RAL 1234'."""
    return re.findall(r"\b[A-Z]{1,4}[- ]?\d+[A-Z]?\b|\b[A-Z]{2,}-[A-Z0-9]+\b", name)


def _product_names(name: str, codes: list[str], shared: set[str]) -> list[str]:
    """Full name, name without its first word, first word with code or with last word."""
    words = name.split()
    names = [name]
    if len(words) > 1:
        names.append(" ".join(words[1:]))
        names.extend(f"{words[0]} {code}" for code in codes)
        if words[-1].lower() not in shared and not any(words[-1] in c for c in codes):
            names.append(f"{words[0]} {words[-1]}")
    if len(words) > 2 and words[-1].lower() not in shared:
        names.append(" ".join(words[-2:]))
    return names


def _shortened(text: str) -> list[str]:
    """The text with each word people abbreviate written short: 'Oven temp deviation'."""
    words = text.split()
    found: list[str] = []
    for at, word in enumerate(words):
        folded = word.lower().translate(FOLD)
        for group in vocabulary.groups("abbreviations"):
            if folded.startswith(group.stem):
                found.extend(" ".join([*words[:at], short, *words[at + 1 :]]) for short in group.words)
    return found


def _colour_names(name: str) -> list[str]:
    """'schwarz', 'black', 'Metallic silver': a product by its colour word, in either language."""
    words = name.split()
    names: list[str] = []
    for at, word in enumerate(words):
        group = next(
            (g for g in vocabulary.groups("colours") if g.stem == word.lower().translate(FOLD)), None
        )
        if group is None:
            continue
        before = words[at - 1] if at > 1 and not words[at - 1].isdigit() else None
        names.extend(group.words)
        names.extend(f"{before} {colour}" for colour in group.words if before)
    return names


def _shared_words(names: Iterable[str]) -> set[str]:
    """Words that occur in more than one name (not distinctive)."""
    seen: dict[str, int] = {}
    for name in names:
        for word in {w.lower() for w in _words(name)}:
            seen[word] = seen.get(word, 0) + 1
    return {w for w, count in seen.items() if count > 1}


def _first_word_families(rows: list[tuple[Any, ...]]) -> dict[str, list[str]]:
    """First words of product names shared by several products, with the families they belong to."""
    by_word: dict[str, list[str]] = {}
    for _product_id, name, family in rows:
        words = str(name).split()
        if len(words) > 1:
            by_word.setdefault(words[0], []).append(str(family))
    return {w: sorted(set(families)) for w, families in by_word.items() if len(families) > 1}


def _grow_list(
    scan: _Scan,
    named: list[tuple[int, int]],
    words: list[re.Match[str]],
    entity_of: Callable[[str], Entity | None],
    by_themselves: bool,
) -> None:
    """Add each word that names one thing and stands in a list next to a named one (or, `by_themselves`, to
    another such word) until the list grows no more."""
    added = True
    while added:
        added = False
        for m in list(words):
            entity = entity_of(m.group(1) if m.re.groups else m.group())
            others = named + ([w.span() for w in words if w is not m] if by_themselves else [])
            if entity is not None and any(_joined(scan.text, m.span(), span) for span in others):
                scan.add([entity], m.span())
                named.append(m.span())
                words.remove(m)
                added = True


def _joined(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two mentions next to each other in a list: only a comma, 'und', 'vs' … between them."""
    first, second = sorted((a, b))
    return LIST_JOIN.fullmatch(text[first[1] : second[0]]) is not None


def _holds(text_word: str, stem: str) -> bool:
    """'Bandstau' and 'Stau' hold 'stau'; 'Staubsauger' would too, so a compound's part must leave 3 letters."""
    if text_word == stem:
        return True
    return len(text_word) >= len(stem) + 3 and (text_word.startswith(stem) or text_word.endswith(stem))


def _strip_legal(name: str) -> str:
    """'Muster Metall GmbH' → 'Muster Metall'."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".&") in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def _text_parts(text: str) -> list[str]:
    """Parts of a code text: 'A / B' → both; 'Sensor: Teil …' → 'Sensor'; 'Riss im Blech' → 'Riss'."""
    text = re.sub(r"\s*\([^)]*\)", "", text)
    parts = [p.strip() for p in re.split(r"\s*/\s*", text) if p.strip()]
    heads = [
        re.split(
            r":|\s(?:im|nicht|not|out of|in the|failed|missing|fehlerhaft|defekt|abweichung|deviation|schwankt|"
            r"fluctuating)(?:\s|$)",
            p,
        )[0].strip()
        for p in parts
    ]
    return list(dict.fromkeys([*parts, *heads]))


def _metric_words() -> frozenset[str]:
    """Every metric and grouping word, folded, as one set."""
    words = {" ".join(_key(name)) for metric in METRICS for name in metric.names}
    words |= {" ".join(_key(w)) for d in DIMENSIONS for w in (*d.words_de, *d.words_en)}
    words |= {" ".join(_key(w)) for names in RECORD_WORDS.values() for w in names}
    return frozenset(words)


AMONG = _wordset("welche welcher welchem welchen welches which what jede jeder jedem jeden each per pro je alle allen all both beide beiden beider by nach")  # fmt: skip


def _numbered_next(scan: _Scan, span: tuple[int, int]) -> bool:
    """A number follows the span: 'assembly station 4' names the station by its number."""
    after = scan.token_range(*span).stop
    return after < len(scan.tokens) and (
        scan.tokens[after].norm.isdigit() or scan.tokens[after].norm in CARDINALS
    )


def _asks_among(scan: _Scan, span: tuple[int, int]) -> bool:
    """'bei welchem Gehäuselieferanten', 'both housing suppliers': all of those that fit, not one of them."""
    first = scan.token_range(*span).start
    return first > 0 and scan.tokens[first - 1].norm in AMONG


ABBREVIATIONS = {"temperatur": "temp", "temperature": "temp", "temperaturen": "temp", "temperatures": "temps"}


COMPOUND_SYNONYMS = (("pruefung", "test"), ("test", "pruefung"))  # 'Funktionsprüfung' is also 'Funktionstest'


def _abbreviated(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name as the shop floor also writes it: 'oven temperature' → 'oven temp', 'Funktionsprüfung' →
    'Funktionstest'."""
    forms = []
    if any(t in ABBREVIATIONS for t in tokens):
        forms.append(tuple(ABBREVIATIONS.get(t, t) for t in tokens))
    for ending, other in COMPOUND_SYNONYMS:
        if any(len(t) > len(ending) + 3 and t.endswith(ending) for t in tokens):
            forms.append(tuple(t[: -len(ending)] + other if t.endswith(ending) else t for t in tokens))
    return forms


def _head_word(term: str) -> list[str]:
    """The last word of a name of several words, when it is long and no common word: 'coil feeder' → 'feeder'."""
    words = _key(term)
    head = words[-1] if len(words) > 1 else ""
    return [head] if len(head) >= 5 and head.isalpha() and head not in GENERIC | COMMON else []


def _written(scan: _Scan, span: tuple[int, int]) -> str:
    """The characters of the question in a span, as the user wrote them."""
    return scan.original[span[0] : span[1]]


def _joins_ok(window: list[_Token], code: bool) -> bool:
    """Words of one name stand together: no sentence marks between; codes need hyphens."""
    for before, token in itertools.pairwise(window):
        join = token.join
        if code and not (
            join.strip() in ("-", "–") or (join == " " and min(len(before.norm), len(token.norm)) >= 2)
        ):
            return False
        if not code and BREAK.search(join):
            return False
    return True


DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "this",
        "that",
        "each",
        "every",
        "die",
        "der",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "am",
        "an",
        "im",
        "beim",
        "vom",
        "zum",
        "zur",
        "at",
        "on",
        "of",
        "unsere",
        "unser",
        "unseren",
        "unserem",
        "dieser",
        "diese",
        "diesem",
    ]
)


BEFORE_A_NOUN = frozenset(  # copulas and prepositions: 'how's packing doing', 'stops at packing'
    {
        "s",
        "is",
        "was",
        "are",
        "were",
        "ist",
        "war",
        "at",
        "on",
        "in",
        "an",
        "am",
        "im",
        "bei",
        "beim",
        "of",
        "von",
        "vom",
    }
)


def _said_as_a_thing(scan: _Scan, i: int) -> bool:
    """A generic machine word stands as a noun: after an article, capitalised, or with a number after it."""
    token = scan.tokens[i]
    if i == 0 or scan.tokens[i - 1].norm in DETERMINERS | BEFORE_A_NOUN:
        return True
    if i + 1 < len(scan.tokens) and scan.tokens[i + 1].norm.isdigit():
        return True
    written = scan.original[token.start : token.end]
    return written[:1].isupper() and i > 0


VERB_HOMONYMS = frozenset({"weiss", "weiß"})  # colour words that are also a verb form ('ich weiß')
PRONOUNS = frozenset(
    {"ich", "du", "er", "sie", "es", "man", "wer", "wir", "ihr", "jemand", "niemand", "keiner"}
)


def _a_verb_here(tokens: list[_Token], i: int) -> bool:
    """A word that is a verb next to its pronoun: 'ich weiß nicht', 'weiß jemand, warum …'."""
    if tokens[i].norm not in VERB_HOMONYMS:
        return False
    before = i >= 1 and tokens[i - 1].norm in PRONOUNS
    return before or (i + 1 < len(tokens) and tokens[i + 1].norm in PRONOUNS)


def said_as_verb(text: str, span: tuple[int, int]) -> bool:
    """The same test on raw text: the word at span is a verb form next to its pronoun."""
    if _fold(text[span[0] : span[1]]) not in VERB_HOMONYMS:
        return False
    before = TOKEN.findall(text[: span[0]].lower())[-1:]
    after = TOKEN.findall(text[span[1] :].lower())[:1]
    return bool(set(before + after) & PRONOUNS)


def _after_cue(tokens: list[_Token], i: int) -> bool:
    """A reason cue stands right before token i ('wegen', 'reason', 'due to')."""
    if i >= 1 and tokens[i - 1].norm in REASON_CUES:
        return True
    return i >= 2 and (tokens[i - 2].norm, tokens[i - 1].norm) in REASON_CUE_PAIRS


def _line_word_score(word: str) -> float:
    """1.0 for 'Linie', 'line', 'Anlage', 'Fertigungslinie'; 0.9 for a typo ('Linei', 'lnie'); else 0."""
    if word in LINE_WORDS or (word.endswith("linie") and len(word) > 8):
        return 1.0
    if len(word) < 4 or word[0] != "l" or word in LINE_WORD_COMMON:
        return 0.0
    return 0.9 if any(_osa(word, target) <= 1 for target in LINE_TYPO_TARGETS) else 0.0


def _numbers(text: str, m: re.Match[str]) -> Numbered:
    """Each number of a mention with the characters naming it: 'Linien 1' and '2' of 'Linien 1 und 2'.

    The first number includes the word before it; numbers inside a range ('1 bis 3') are named by the
    range word (further ones by an empty span after it); '4 Wochen' or a date ends the mention.
    """
    if m.re in (LINE_ORDINAL, STATION_ORDINAL):
        return [(int(m["nums"]) if m["nums"] else ORDINALS[m["word"]], m.span())]
    offset = m.start("nums")
    numbers: Numbered = []
    for part in NUMBER_PART.finditer(m["nums"]):
        if NUMBER_GUARD.match(text, offset + part.end()):
            break
        value = int(part["n"]) if part["n"].isdigit() else CARDINALS[part["n"]]
        span = (offset + part.start("n") if numbers else m.start(), offset + part.end())
        sep = part["sep"] or ""
        if numbers and sep.strip() in RANGE_WORDS and numbers[-1][0] < value <= numbers[-1][0] + 20:
            numbers.extend(_range_middle(numbers[-1][0], value, offset + part.start("sep"), sep))
        numbers.append((value, span))
    return numbers


def _range_middle(first: int, last: int, start: int, sep: str) -> Numbered:
    """The numbers strictly inside a range, named by its range word ('bis', 'to', '-')."""
    left = start + len(sep) - len(sep.lstrip())
    right = start + len(sep.rstrip())
    return [(n, (left, right) if n == first + 1 else (right, right)) for n in range(first + 1, last)]


def _nearest(lines: list[tuple[tuple[int, int], str]], span: tuple[int, int]) -> str | None:
    """The line mentioned closest to a span."""
    if not lines:
        return None
    return min(lines, key=lambda item: min(abs(item[0][0] - span[1]), abs(span[0] - item[0][1])))[1]


def _merge(matches: list[EntityMatch], text: str) -> list[EntityMatch]:
    """'Linie 3 – <name>': one entity named twice in a row is one match."""
    merged: list[EntityMatch] = []
    for match in matches:
        last = merged[-1] if merged else None
        gap = text[last.span[1] : match.span[0]] if last else ""
        if last and last.entity == match.entity and len(gap) <= 3 and not re.search(r"\w", gap):
            merged[-1] = EntityMatch(
                match.entity, (last.span[0], match.span[1]), max(last.score, match.score)
            )
        else:
            merged.append(match)
    return merged


def _number_list(numbers: list[int]) -> str:
    """'1–4' for a run, '1, 2, 5' otherwise."""
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)


# ----- helpers: typos and shapes ---------------------------------------------------------------


def _allowed(word: str) -> int:
    """Edits allowed for a name of this length: one, two from ten letters on."""
    return 2 if len(word) >= 10 else 1


def _deletions(word: str, depth: int) -> set[str]:
    """The word with up to `depth` letters deleted (the symmetric-delete index of typo lookup)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:k] + w[k + 1 :] for w in frontier for k in range(len(w))}
        found |= frontier
    return found


def _osa(a: str, b: str) -> int:
    """Edit distance with swapped neighbours counting as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _correctable(word: str, protected: frozenset[str]) -> bool:
    """A word long enough for typo correction and not a common or metric word."""
    return len(word) >= 6 and word.isalpha() and word not in COMMON and word not in protected


def _window_score(scan: _Scan, start: int, alias: tuple[str, ...], protected: frozenset[str]) -> float | None:
    """How well the free words from `start` spell an alias with typos; None if not within limits."""
    if start < 0 or start + len(alias) > len(scan.tokens):
        return None
    window = scan.tokens[start : start + len(alias)]
    if any(scan.claimed[start : start + len(alias)]) or not _joins_ok(window, False):
        return None
    edits = 0
    for token, word in zip(window, alias, strict=True):
        if token.norm == word:
            continue
        if len(word) < 7 or token.norm[:1] != word[:1] or not _correctable(token.norm, protected):
            return None
        distance = _osa(token.norm, word)
        if distance > _allowed(word):
            return None
        edits += distance
    if edits == 0 or edits > 2:
        return None
    return max(0.5, min(0.9, 1.0 - edits / max(len("".join(alias)), 1)))


def _code_shape(codes: list[str]) -> re.Pattern[str] | None:
    """One pattern for codes of the same prefixes: 'AB-40' → 'ab-50'; 'XY-A' → 'xy-d'; 'P-1234' → 'p-9999'."""
    prefixes = sorted(
        {m[1].lower() for c in codes if (m := re.fullmatch(r"([A-Za-z]{1,4})[- ]\d+[A-Za-z]?", c))}
    )
    letters = sorted({m[1].lower() for c in codes if (m := re.fullmatch(r"([A-Za-z]{2,4})-[A-Za-z]", c))})
    body = [rf"{p}{'[- ]?' if len(p) > 1 else '-?'}\d{{2,5}}[a-z]?" for p in prefixes]
    body += [rf"(?:{'|'.join(letters)})-[a-z]"] if letters else []
    return re.compile(rf"(?<![\w-])(?:{'|'.join(body)})(?![\w-])") if body else None


def _id_shape(ids: list[str]) -> re.Pattern[str] | None:
    """One pattern for identifiers written alike, their numbers any: 'B-L1-X002' → 'b-l7-x019'."""
    digits = (re.sub(r"\d+", "0", i.lower()) for i in ids if re.search(r"\d", i))
    forms = sorted({re.escape(form).replace("0", r"\d+") for form in digits})
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])") if forms else None


def _known(value: Any) -> bool:
    """A value that is there: not None, NaN or pandas' NA."""
    return value is not None and not pd.isna(value)
