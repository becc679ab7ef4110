"""Time frames resolved in code: 'gestern', 'KW 46', 'seit dem 10.11.', 'the last 4 weeks', …

The clock is always the `now` passed in (for the sample plant, the data set's present moment).
Every expression found in a question becomes a TimeWindow on the plant's wall clock: a table of
precompiled patterns, each with a small handler, tried from the most specific to the most general.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache, partial

__all__ = [
    "DEFAULT_SHIFTS",
    "Shift",
    "ShiftPattern",
    "TimeMatch",
    "TimeWindow",
    "default_window",
    "find_invalid_dates",
    "find_timeframes",
    "last_shift",
    "previous_window",
]

Names = tuple[str, str]  # (German, English)

WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = (
    ("Montag", "Monday"), ("Dienstag", "Tuesday"), ("Mittwoch", "Wednesday"), ("Donnerstag", "Thursday"),
    ("Freitag", "Friday"), ("Samstag", "Saturday"), ("Sonntag", "Sunday"),
)  # fmt: skip
MONTH_NAMES = (
    ("Januar", "January"), ("Februar", "February"), ("März", "March"), ("April", "April"), ("Mai", "May"),
    ("Juni", "June"), ("Juli", "July"), ("August", "August"), ("September", "September"),
    ("Oktober", "October"), ("November", "November"), ("Dezember", "December"),
)  # fmt: skip
WEEKDAY_WORDS = (
    ("montag", "monday", "mon", "mo."), ("dienstag", "tuesday", "tues", "tue", "di."),
    ("mittwoch", "wednesday", "wed", "mi."), ("donnerstag", "thursday", "thurs", "thur", "thu", "do."),
    ("freitag", "friday", "fri", "fr."), ("samstag", "sonnabend", "saturday", "sat", "sa."),
    ("sonntag", "sunday", "sun", "so."),
)  # fmt: skip
LOOSE_WEEKDAYS = {"sat", "sun", "sa.", "so.", "do."}  # ordinary words too: only with 'am', 'on', 'seit' …
MONTH_WORDS = (
    ("januar", "jänner", "january", "jan"), ("februar", "february", "feb"), ("märz", "march", "mrz", "mar"),
    ("april", "apr"), ("mai", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"), ("august", "aug"),
    ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"), ("november", "nov"),
    ("dezember", "december", "dez", "dec"),
)  # fmt: skip
GERMAN_ONLY_MONTHS = {
    "januar",
    "jänner",
    "februar",
    "märz",
    "mrz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "okt",
    "dezember",
    "dez",
}
ABBREVIATED_MONTHS = {
    "jan",
    "feb",
    "mar",
    "mrz",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "oct",
    "nov",
    "dez",
    "dec",
}
LOOSE_MONTHS = ABBREVIATED_MONTHS | {"may"}  # names or verbs too: only with 'im', 'in', a dot or a year
NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "einer": 1, "einem": 1, "eins": 1, "one": 1, "a": 1,
    "zwei": 2, "zwo": 2, "two": 2, "drei": 3, "three": 3, "vier": 4, "four": 4, "fünf": 5, "five": 5,
    "sechs": 6, "six": 6, "sieben": 7, "seven": 7, "acht": 8, "eight": 8, "neun": 9, "nine": 9,
    "zehn": 10, "ten": 10, "elf": 11, "eleven": 11, "zwölf": 12, "twelve": 12, "vierzehn": 14, "fourteen": 14,
}  # fmt: skip


@dataclass(frozen=True)
class Shift:
    """One shift of the plant's pattern: its code, when it starts, how long it lasts, its names."""

    code: str
    start: time
    hours: float
    name_de: str
    name_en: str
    kind: str  # 'early', 'late' or 'night', by when it starts

    @property
    def length(self) -> timedelta:
        """How long the shift lasts."""
        return timedelta(hours=self.hours)


@dataclass(frozen=True)
class ShiftPattern:
    """The plant's shifts and the weekdays it works (0 = Monday)."""

    shifts: tuple[Shift, ...]
    workdays: frozenset[int] = frozenset(range(5))

    def of_kind(self, kind: str) -> Shift | None:
        """The one shift of a kind ('night'), None when there is none or several."""
        found = [s for s in self.shifts if s.kind == kind]
        return found[0] if len(found) == 1 else None

    def get(self, code: str) -> Shift | None:
        """The shift with this code."""
        return next((s for s in self.shifts if s.code == code), None)


DEFAULT_SHIFTS = ShiftPattern(
    (
        Shift("E", time(6), 8, "Frühschicht", "early shift", "early"),
        Shift("L", time(14), 8, "Spätschicht", "late shift", "late"),
        Shift("N", time(22), 8, "Nachtschicht", "night shift", "night"),
    )
)
AGO_WORDS = {"d": ("Tag", "Tagen", "day", "days"), "w": ("Woche", "Wochen", "week", "weeks"),
             "m": ("Monat", "Monaten", "month", "months")}  # fmt: skip
TIME_WORDS = frozenset(
    [w for words in (*WEEKDAY_WORDS, *MONTH_WORDS) for w in words if w.isalpha()]
    + list(NUMBER_WORDS)
    + [
        "heute",
        "gestern",
        "vorgestern",
        "morgen",
        "übermorgen",
        "woche",
        "wochen",
        "monat",
        "monate",
        "monaten",
        "jahr",
        "jahre",
        "tag",
        "tage",
        "tagen",
        "arbeitstage",
        "arbeitstagen",
        "werktage",
        "werktagen",
        "produktionstage",
        "produktionstagen",
        "stunde",
        "stunden",
        "letzte",
        "letzten",
        "letzter",
        "letztes",
        "vergangene",
        "vergangenen",
        "vergangener",
        "vorige",
        "vorigen",
        "diese",
        "dieser",
        "diesen",
        "dieses",
        "laufende",
        "laufenden",
        "aktuelle",
        "aktuellen",
        "nächste",
        "nächsten",
        "kommende",
        "kommenden",
        "seit",
        "schicht",
        "schichten",
        "wochenende",
        "kalenderwoche",
        "jetzt",
        "bisher",
        "vorwoche",
        "vormonat",
        "vortag",
        "nacht",
        "nachts",
        "früh",
        "spät",
        "frühschicht",
        "spätschicht",
        "nachtschicht",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "hour",
        "hours",
        "last",
        "past",
        "previous",
        "prior",
        "this",
        "current",
        "next",
        "since",
        "shift",
        "shifts",
        "weekend",
        "night",
        "nights",
        "morning",
        "early",
        "late",
        "afternoon",
        "evening",
        "ago",
        "now",
        "far",
        "zeitraum",
        "zeitraums",
        "datenzeitraum",
        "gesamtzeitraum",
        "zeitpunkt",
        "periode",
        "zeitfenster",
        "period",
        "timeframe",
        "window",
    ]
)
DASHES = ("-", "–", "—")
YEARS = range(1900, 2100)  # years a date may name
_YEAR = r"(?:19|20)\d{2}"


@dataclass(frozen=True)
class TimeWindow:
    """[start, end) on the plant's wall clock, with labels that state it."""

    start: datetime  # inclusive, plant-local, naive
    end: datetime  # exclusive; cut at now when the window reaches past it
    label_de: str
    label_en: str
    grain: str  # 'day', 'week', 'month', 'range', 'shift'
    future: bool = False  # the window lies entirely after now
    shift: str | None = None  # the shift code of a 'shift' window
    own_shifts: tuple[str, ...] | None = None  # one side of a comparison in its own shifts (() = all shifts)

    def label(self, language: str) -> str:
        """The label in the user's language ('de' or 'en')."""
        return self.label_de if language.lower().startswith("de") else self.label_en

    @property
    def days(self) -> list[date]:
        """Calendar days touched by [start, end)."""
        if self.end <= self.start:
            return []
        last = (self.end - timedelta(microseconds=1)).date()
        return [self.start.date() + timedelta(days=i) for i in range((last - self.start.date()).days + 1)]


@dataclass(frozen=True)
class TimeMatch:
    """A time expression found in a question: its window and where it stands."""

    window: TimeWindow
    span: tuple[int, int]
    text: str


Handler = Callable[[re.Match[str], datetime], TimeWindow | None]

# --- words and patterns -----------------------------------------------------------------------

_UMLAUTS = {"ä": "(?:ä|ae|a)", "ö": "(?:ö|oe|o)", "ü": "(?:ü|ue|u)", "ß": "(?:ß|ss)"}
_KEY_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _u(regex: str) -> str:
    """The pattern with every umlaut also accepted as 'ae', 'oe', 'ue' or a plain vowel."""
    return "".join(_UMLAUTS.get(ch, ch) for ch in regex)


def _key(word: str) -> str:
    """A word folded for table look-ups: lower case, no umlauts, single spaces, no final dot."""
    folded = " ".join(word.lower().translate(_KEY_FOLD).split()).rstrip(".")
    return folded.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _alt(words: Iterable[str]) -> str:
    """An alternation of words, longest first (the same order in every process), any whitespace inside a phrase."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _month_words(words: Iterable[str]) -> str:
    """Month names as written, abbreviations also with a dot ('Okt.'), never a sentence's full stop."""
    chosen = set(words)
    short = chosen & ABBREVIATED_MONTHS
    return rf"(?:{_alt(chosen - short)}(?!\w)|{_alt(short)}\.?)"


def _table(groups: Iterable[Iterable[str]], base: int) -> dict[str, int]:
    """Folded word → position (+ base) for tables of synonyms."""
    return {_key(word): i + base for i, words in enumerate(groups) for word in words}


def _strip_names(regex: str) -> str:
    """The pattern without named groups, so that it can be embedded more than once."""
    return re.sub(r"\(\?P<\w+>", "(?:", regex)


WEEKDAY_OF = _table(WEEKDAY_WORDS, 0) | {_key(w): i for i, w in enumerate(WEEKDAYS_DE)}
MONTH_OF = _table(MONTH_WORDS, 1)
NUMBER_OF = {_key(w): n for w, n in NUMBER_WORDS.items()}

_START = r"(?<![\w.\-/])"
_END = r"(?![\w\-/]|\.\d)"
_ARTICLES = _alt(("am", "an", "im", "in", "on", "at", "the", "dem", "den", "der", "die", "des", "für", "for",
                  "during", "over", "within", "innerhalb", "während", "of", "von", "vom", "from"))  # fmt: skip
_LEAD = rf"(?:{_ARTICLES}\s+){{0,3}}"
_SINCE_LEAD = (  # 'seit Anfang Oktober' is since the first of October, 'seit Ende September' since its last day
    rf"(?:(?P<since>seit|since|ab|starting)\s+(?:(?:anfang|beginn|start of|the start of|the beginning of|"
    rf"(?P<edge>ende|end of|the end of))\s+)?)?{_LEAD}"
)
_LAST = r"(?:letzt|lezt|letz|vergangen|vorig|vorherig)e[nrms]?"
_THIS = r"(?:dies|laufend|aktuell)e[nrms]?"
_NEXT = r"(?:nächst|kommend)e[nrms]?"
_NUM = rf"(?:\d{{1,3}}|{_alt(NUMBER_WORDS)})"
_WEEKDAY = _alt(w for words in WEEKDAY_WORDS for w in words)
_WEEKDAY_ANY = _alt([*(w.rstrip(".") for words in WEEKDAY_WORDS for w in words), *WEEKDAYS_DE])
_MONTH = _month_words(w for words in MONTH_WORDS for w in words)
_MONTH_EN = _month_words(w for words in MONTH_WORDS for w in words if w not in GERMAN_ONLY_MONTHS)
_ORDINAL = r"(?:st|nd|rd|th)"

DATE_FORMS = (
    r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})",  # 2025-11-19
    r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})",  # 11/19/2025
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2}(?!\d))?",  # 19.11.2025, 19.11.25, 19.11.
    rf"(?P<d>\d{{1,2}})(?:\.\s*|{_ORDINAL}?\s+(?:of\s+)?)(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?",  # 19. Nov
    rf"(?P<mon>{_MONTH_EN})\s+(?P<d>\d{{1,2}}){_ORDINAL}?(?!\d)(?:,?\s+(?P<y>\d{{4}}))?",  # Nov 19th, 2025
)
_DATE = "(?:" + "|".join(_strip_names(form) for form in DATE_FORMS) + ")"

_WEEK_EN = r"(?:week|wk)(?![a-z])"  # 'this wk'
_TOMORROW = r"(?<!guten\s)(?<!am\s)(?<!jeden\s)(?<!den\s)(?<!der\s)(?<!dem\s)(?<!einen\s)morgen|tomorrow"
RELATIVE_PATTERNS = {  # d/w/m/y and the offset ('_' for minus); earlier entries win where two could match
    "d_2": r"vorgestern|(?:the\s+)?day\s+before\s+yesterday",
    "d_1": r"gestern(?:\s+(?:morgen|früh))?|gestrig(?:e[nmrs]?)?|yesterday|yday|yest(?:\.|\b)",
    "d0": r"heute(?:\s+(?:morgen|früh))?|heutig(?:e[nmrs]?)?|today|this\s+morning",
    "d2": r"übermorgen|(?:the\s+)?day\s+after\s+tomorrow",
    "d1": _TOMORROW,
    "w_2": r"vorletzte[nrms]?\s+woche|(?:the\s+)?week\s+before\s+last",
    "w_1": rf"{_LAST}\s+woche|vorwoche|(?:last|previous|prior|past)\s+{_WEEK_EN}",
    "w0": rf"{_THIS}\s+woche|(?:this|current)\s+{_WEEK_EN}|week\s+to\s+date",
    "w1": rf"{_NEXT}\s+woche|(?:next|coming|upcoming)\s+{_WEEK_EN}",
    "m_2": r"vorletzte[nrms]?\s+monat|(?:the\s+)?month\s+before\s+last",
    "m_1": rf"{_LAST}\s+monat|vormonat|(?:last|previous|prior|past)\s+month",
    "m0": rf"{_THIS}\s+monat|(?:this|current)\s+month|month\s+to\s+date|monatsanfang|monatsbeginn"
    r"|anfang\s+des\s+monats|(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+month",
    "m1": rf"{_NEXT}\s+monat|(?:next|coming)\s+month",
    "y_1": rf"{_LAST}\s+jahr|vorjahr|(?:last|previous|prior)\s+year",
    "y0": rf"{_THIS}\s+jahr|(?:this|current)\s+year|year\s+to\s+date",
    "y1": rf"{_NEXT}\s+jahr|next\s+year",
}

BODY_RELATIVE = "|".join(f"(?P<{key}>{pattern})" for key, pattern in RELATIVE_PATTERNS.items())
BODY_DATE = rf"(?:{_WEEKDAY_ANY}\.?,?\s+(?:(?:den|the)\s+)?)?(?P<date>{_DATE})"
BODY_WEEKDAY = rf"(?:(?P<mod>{_LAST}|{_THIS}|last|past|previous|this)\s+)?(?P<wd>{_WEEKDAY})"
BODY_CALENDAR_WEEK = (
    r"(?:kw|kalenderwoche|calendar\s+week|cw|wk|week)\s*\.?\s*(?P<week>\d{1,2})(?!\d)"
    rf"(?:\s*/\s*(?P<year>{_YEAR})|\s+(?:of\s+)?(?P<year2>{_YEAR}))?"
)
BODY_WEEK_OF = (  # 'the week of Nov 10', 'in der Woche vom 10.11.': the week that holds the date
    rf"(?:week\s+(?:of|starting|beginning|from)|woche\s+(?:vom|ab|des|um\s+den))\s+(?:(?:the|den|dem)\s+)?(?P<date>{_DATE})"
)
BODY_MONTH = rf"(?P<month>{_MONTH})(?:\s*(?P<year>{_YEAR})(?!\d))?"
BODY_YEAR = (
    rf"(?:(?:im\s+)?jahre?s?\s+|year\s+)?(?P<year>{_YEAR})"
    r"(?!\s*(?:%|(?:teile|stück|parts|units|pieces|pcs|mal|times|min|h|s|kwh|stunden|hours)\b))"
)
_WEEK_WORD = rf"(?:(?:der|in\s+der|of|in)\s+)?(?:{_LAST}|{_THIS}|vorletzte[nrms]?|last|previous|this)"
BODY_WEEKDAY_OF_WEEK = (
    rf"(?P<wd1>{_WEEKDAY}),?\s+(?P<wk1>{_WEEK_WORD})\s+(?:woche|week)"
    rf"|(?P<wk2>{_WEEK_WORD})\s+(?:woche|week)(?:'s)?\s+(?:(?:am|on)\s+)?(?P<wd2>{_WEEKDAY})"
    rf"|(?P<wd3>{_WEEKDAY})\s+(?:(?P<n3>{_NUM})\s+(?:weeks?|wochen)\s+ago|vor\s+(?P<n4>{_NUM})\s+wochen)"
    rf"|vor\s+(?P<n5>{_NUM})\s+wochen\s+(?:am\s+)?(?P<wd5>{_WEEKDAY})"
)
_WD_IN_RANGE = (  # a weekday inside a range, short forms too: 'Mo–Mi', 'Mon-Wed'
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)\.?"
)
_WD_TO = r"\s*(?:[-–—]|bis|to|through|thru|until)\s*"
BODY_WEEKDAYS_OF_WEEK = (  # 'diese Woche Mo–Mi', 'Monday to Wednesday last week': those days of that week
    rf"(?P<wk1>{_WEEK_WORD})\s+(?:woche|week)(?:'s)?\s+(?:(?:von|vom|from|am|on)\s+)?(?P<a1>{_WD_IN_RANGE}){_WD_TO}"
    rf"(?P<b1>{_WD_IN_RANGE})"
    rf"|(?:(?:von|vom|from)\s+)?(?P<a2>{_WD_IN_RANGE}){_WD_TO}(?P<b2>{_WD_IN_RANGE}),?\s+(?P<wk2>{_WEEK_WORD})\s+(?:woche|week)"
)
_UNIT = r"(?:tagen|tage|tag|days|day|wochen|woche|weeks|week|wks|monaten|monate|monat|months|month|stunden|stunde|std|hours|hour|hrs|h)"
BODY_LAST_N = rf"(?:{_LAST}|zurückliegende[n]?|past|last|previous|recent|seit|since)\s+(?P<n>{_NUM})\s+(?P<unit>{_UNIT})"
BODY_LAST_WORKING_DAYS = (  # 'the last 10 working days', 'die letzten 5 Arbeitstage': the plant's worked days
    rf"(?:(?:letzt|lezt|letz|vergangen)e[nrms]?|past|last|recent)\s+(?P<n>{_NUM})\s+(?:arbeitstage[n]?|werktage[n]?|"
    r"produktionstage[n]?|working days|work days|workdays|business days|production days|shift days)"
    r"(?!\s+(?:davor|zuvor|vorher|before|prior|earlier))"
)
BODY_LAST_N_FULL = (  # 'the last four full calendar weeks', 'die letzten 3 abgeschlossenen Monate': completed ones only
    rf"(?:{_LAST}|past|last|previous)\s+(?P<n>{_NUM})\s+(?:(?:full|complete|completed|whole|ganze[n]?|volle[n]?|"
    rf"abgeschlossene[n]?|komplette[n]?)\s+)+(?:calendar\s+|kalender)?(?P<unit>wochen|weeks|tagen|tage|days|monaten|monate|months)"
    rf"|(?:{_LAST}|past|last|previous)\s+(?P<n2>{_NUM})\s+(?:calendar\s+|kalender)(?P<unit2>wochen|weeks|monaten|monate|months)"
)
BODY_AGO = (
    rf"vor\s+(?P<n>{_NUM})\s+(?P<unit>tagen|tag|wochen|woche|monaten|monat)"
    rf"|(?P<n2>{_NUM})\s+(?P<unit2>days?|weeks?|months?)\s+ago"
)
BODY_LAST_SHIFT = (
    rf"(?:{_LAST}|latest|last|previous|prior)\s+(?:(?P<kind>früh|spät|nacht|early|late|night|morning)[-\s]?)?(?:schicht|shift)s?"
    rf"|vorschicht|(?:{_LAST}|gestern|heute)\s+(?P<night>nacht)(?:schicht)?|die\s+(?P<night3>nacht)(?!schicht|dienst)"
    rf"|last\s+(?P<night2>night)(?:'s|’s|s)?(?:\s+shift)?"
)
BODY_DAY_PART = (  # 'gestern Abend', 'yesterday evening': that day's shift of that part of the day
    r"(?P<day>heute|gestern|today|yesterday|this)\s+"
    r"(?P<part>nachmittag|abend|afternoon|evening|früh|frueh|morgen|vormittag|morning)"
    r"(?!\s*(?:schicht|shift|dienst))"
)  # 'gestern früh', 'this morning': that day's early shift
BODY_HOURS = (  # 'zwischen 6 und 14 Uhr', 'von 6:00 bis 10:00', 'from 6 to 14 h': hours of a day
    r"(?:von|zwischen|from|between)\s+(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?\s*(?:uhr|h)?\s+(?:bis|und|to|and|till|until)\s+"
    r"(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?\s*(?:uhr|h\b|o'clock)"
    r"|(?:von|zwischen|from|between)\s+(?P<h3>\d{1,2}):(?P<m3>\d{2})\s+(?:bis|und|to|and|till|until)\s+(?P<h4>\d{1,2}):(?P<m4>\d{2})"
)
BODY_OVERNIGHT = (  # 'die Nachtschicht von gestern auf heute', 'the night shift from yesterday to today'
    r"nacht(?:schicht)?\s+von\s+gestern\s+auf\s+heute|night(?:\s+shift)?\s+from\s+yesterday\s+(?:to|into)\s+today"
)
BODY_THIS_SHIFT = r"(?:aktuelle[nr]?|laufende[nr]?|diese[rn]?|jetzige[nr]?|this|current|present|ongoing)\s+(?:schicht|shift)"
BODY_DAY_OF_MONTH = (  # 'am 12.', 'on the 12th': that day of this month, or of the last if it is still to come
    rf"(?:am|on\s+the|the)\s+(?P<day>\d{{1,2}})(?:\.|{_ORDINAL})(?!\s*(?:\d|{_MONTH}))"
)
BODY_BEFORE = rf"(?:vor\s+dem|vor|before|prior\s+to|until)\s+(?:(?:the|dem|den)\s+)?(?P<date>{_DATE})"
BODY_WEEKEND = rf"(?P<which>{_LAST}|last|past|previous|this|dieses|am|at\s+the|on\s+the|over\s+the)?\s*(?:wochenende|weekend)"
_ANCHOR = "|".join(
    _strip_names(body)
    for body in (BODY_DATE, BODY_CALENDAR_WEEK, BODY_MONTH, BODY_WEEKDAY, BODY_RELATIVE, "jetzt|now")
)
_DAY_NUMBER = rf"\d{{1,2}}(?:\.|{_ORDINAL})?"
BODY_RANGE = (
    rf"(?:(?P<frm>von|vom|from|zwischen|between)\s+(?:(?:dem|den|the)\s+)?)?"
    rf"(?P<a>{_ANCHOR}|{_DAY_NUMBER})"
    r"(?P<sep>\s*[-–—]\s*|\s+(?:bis|to|until|till|through|thru|und|and)\s+)"
    r"(?:(?:zum|zur|dem|den|the|einschließlich|inklusive|including)\s+)*"
    rf"(?P<b>{_ANCHOR}|{_DAY_NUMBER})"
)


def _compile(body: str, lead: str = _LEAD) -> re.Pattern[str]:
    """A rule's pattern: optional leading words, the body, and word edges on both sides."""
    return re.compile(_u(f"{_START}{lead}(?:{body}){_END}"), re.IGNORECASE)


_DATE_PARTS = tuple(re.compile(_u(form), re.IGNORECASE) for form in DATE_FORMS)
_DAY_NUMBER_RE = re.compile(rf"(?P<n>\d{{1,2}})(?:\.|{_ORDINAL})?", re.IGNORECASE)
_BARE_MAY = re.compile(r"\d{1,2}\s+may", re.IGNORECASE)

# --- windows and labels -----------------------------------------------------------------------


def _midnight(day: date) -> datetime:
    """00:00 of a day."""
    return datetime.combine(day, time(0))


def _day_text(day: date, de: bool) -> str:
    """'Mi 19.11.2025' or 'Wed 2025-11-19'."""
    return (
        f"{WEEKDAYS_DE[day.weekday()]} {day:%d.%m.%Y}"
        if de
        else f"{WEEKDAYS_EN[day.weekday()]} {day:%Y-%m-%d}"
    )


def _days_text(first: date, last: date, de: bool) -> str:
    """'10.11.–16.11.2025' or '2025-11-10 – 2025-11-16'."""
    if not de:
        return f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"
    return (
        f"{first:%d.%m.}{first:%Y}–{last:%d.%m.%Y}"
        if first.year != last.year
        else f"{first:%d.%m.}–{last:%d.%m.%Y}"
    )


def _stamp(moment: datetime, de: bool) -> str:
    """'19.11.2025 14:00' or '2025-11-19 14:00'."""
    return f"{moment:%d.%m.%Y %H:%M}" if de else f"{moment:%Y-%m-%d %H:%M}"


def _dates(start: datetime, end: datetime, de: bool) -> str:
    """The dates of [start, end), with the clock time of an end that is not midnight."""
    if start.time() != time(0):
        return f"{_stamp(start, de)} – {_stamp(end, de)}"
    first = start.date()
    last = max(first, (end - timedelta(microseconds=1)).date())
    hour = f"{end:%H:%M}" if end.time() != time(0) else ""
    if first == last:
        text = _day_text(first, de)
        return f"{text} {'bis' if de else 'until'} {hour}" if hour else text
    return f"{_days_text(first, last, de)} {hour}".rstrip()


def _label(name: str, tag: str, dates: str) -> str:
    """'name (tag, dates)', or the dates alone for a window without a name."""
    if not name:
        return dates
    return f"{name} ({tag}, {dates})" if tag else f"{name} ({dates})"


def _window(start: datetime, end: datetime, now: datetime, grain: str, names: Names = ("", ""),
            tag: Names = ("", "")) -> TimeWindow:  # fmt: skip
    """[start, end) cut at now unless it lies entirely in the future, labelled in both languages."""
    future = start >= now
    cut_end = end if future else min(end, now)
    label_de = _label(names[0], tag[0], _dates(start, cut_end, True))
    label_en = _label(names[1], tag[1], _dates(start, cut_end, False))
    return TimeWindow(start, cut_end, label_de, label_en, grain, future)


def _days_window(first: date, last: date, now: datetime, grain: str, names: Names = ("", ""),
                 tag: Names = ("", "")) -> TimeWindow:  # fmt: skip
    """Whole calendar days first … last."""
    return _window(_midnight(first), _midnight(last + timedelta(days=1)), now, grain, names, tag)


def _day_window(day: date, now: datetime, names: Names = ("", "")) -> TimeWindow:
    """One calendar day."""
    return _days_window(day, day, now, "day", names)


def _monday(day: date) -> date:
    """The Monday of the ISO week of a day."""
    return day - timedelta(days=day.weekday())


def _week_window(monday: date, now: datetime, names: Names, tagged: bool = False) -> TimeWindow:
    """Monday to Sunday; tagged windows also state the calendar week."""
    week = monday.isocalendar().week
    tag = (f"KW {week}", f"week {week}") if tagged else ("", "")
    return _days_window(monday, monday + timedelta(days=6), now, "week", names, tag)


def _add_months(first: date, months: int) -> date:
    """The first of the month `months` after (or before) the month of `first`."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_window(first: date, now: datetime, names: Names | None = None) -> TimeWindow:
    """A calendar month, named after itself unless other names are given."""
    own = (
        f"{MONTH_NAMES[first.month - 1][0]} {first.year}",
        f"{MONTH_NAMES[first.month - 1][1]} {first.year}",
    )
    last = _add_months(first, 1) - timedelta(days=1)
    return _days_window(first, last, now, "month", names or own, own if names else ("", ""))


def _year_window(year: int, now: datetime, names: Names | None = None) -> TimeWindow:
    """A calendar year."""
    own = (f"Jahr {year}", f"year {year}")
    tag = (str(year), str(year)) if names else ("", "")
    return _days_window(date(year, 1, 1), date(year, 12, 31), now, "range", names or own, tag)


def _until_now(first: date, now: datetime, names: Names) -> TimeWindow:
    """From the start of a day up to now."""
    return _days_window(first, now.date(), now, "range", names)


def since_day(first: date, now: datetime) -> TimeWindow:
    """'seit 10.11.2025': from the start of a day up to now."""
    return _until_now(first, now, (f"seit {first:%d.%m.%Y}", f"since {first:%Y-%m-%d}"))


def _last_n(n: int, unit: str, now: datetime) -> TimeWindow:
    """The last n days, weeks (n·7 days) or months up to now, or the last n hours."""
    today = now.date()
    if unit == "h":
        names = ("letzte Stunde", "last hour") if n == 1 else (f"letzte {n} Stunden", f"last {n} hours")
        return _window(now - timedelta(hours=n), now, now, "range", names)
    if unit == "m":
        names = ("vergangener Monat", "past month") if n == 1 else (f"letzte {n} Monate", f"last {n} months")
        first = _add_months(today.replace(day=1), -n).replace(day=min(today.day, 28)) + timedelta(days=1)
        return _until_now(first, now, names)
    days = n * 7 if unit == "w" else n
    return _until_now(today - timedelta(days=days - 1), now, _names_of_last(n, unit))


def _names_of_last(n: int, unit: str) -> tuple[str, str]:
    """'letzte 4 Wochen', 'last 7 days'."""
    days = n * 7 if unit == "w" else n
    if unit == "w" and n > 1:
        return f"letzte {n} Wochen", f"last {n} weeks"
    return ("letzter Tag", "last day") if days == 1 else (f"letzte {days} Tage", f"last {days} days")


def default_window(now: datetime, days: int = 28) -> TimeWindow:
    """The last N calendar days including today, up to now (for questions that name no time)."""
    return _last_n(days // 7, "w", now) if days % 7 == 0 else _last_n(days, "d", now)


def _shift_starts(now: datetime, pattern: ShiftPattern) -> Iterator[tuple[datetime, Shift]]:
    """Shift starts from today backwards, latest first, on the plant's working days."""
    ordered = sorted(pattern.shifts, key=lambda s: s.start, reverse=True)
    for back in range(15):
        day = now.date() - timedelta(days=back)
        if day.weekday() in pattern.workdays:
            for shift in ordered:
                yield datetime.combine(day, shift.start), shift


def last_shift(now: datetime, kind: str | None = None, pattern: ShiftPattern = DEFAULT_SHIFTS) -> TimeWindow:
    """The most recent shift (of one kind or code, if given) that has ended by now."""
    wanted = (pattern.get(kind) or pattern.of_kind(kind)) if kind else None
    start, found = next(
        (s, shift)
        for s, shift in _shift_starts(now, pattern)
        if s + shift.length <= now and (wanted is None or shift == wanted)
    )
    names = (
        ("letzte Schicht", "last shift")
        if kind is None
        else (f"letzte {found.name_de}", f"last {found.name_en}")
    )
    return _shift_window(found, start, start + found.length, names)


def _shift_window(shift: Shift, start: datetime, end: datetime, names: Names) -> TimeWindow:
    """One shift's window, labelled 'letzte Schicht (Frühschicht Do 20.11.2025, 06:00–14:00)'."""
    hours = f"{start:%H:%M}–{end:%H:%M}"
    label_de = f"{names[0]} ({shift.name_de} {_day_text(start.date(), True)}, {hours})"
    label_en = f"{names[1]} ({shift.name_en} {_day_text(start.date(), False)}, {hours})"
    return TimeWindow(start, end, label_de, label_en, "shift", shift=shift.code)


def current_shift(now: datetime, pattern: ShiftPattern = DEFAULT_SHIFTS) -> TimeWindow | None:
    """The shift running now (or ending at this moment), from its start up to now; None when none runs."""
    found = next(
        ((s, shift) for s, shift in _shift_starts(now, pattern) if s < now <= s + shift.length), None
    )
    if found is None:
        return None
    start, shift = found
    return _shift_window(shift, start, now, ("aktuelle Schicht", "current shift"))


def previous_window(window: TimeWindow, now: datetime, same_days: bool = False) -> TimeWindow:
    """The period just before a window: the whole week (month) before, or the same days of it; the day before.

    A window that runs from a day up to now ('since Nov 10') has everything before that day before it.
    """
    if window.grain == "range" and window.end == now and window.label_en.startswith("since "):
        return before_day(window.start.date(), now)
    if window.grain in ("week", "month") or (
        window.grain == "range" and (window.end - window.start).days >= 7
    ):
        if window.grain == "month":
            first = _add_months(window.start.date().replace(day=1), -1)
            if same_days:
                end = _midnight(first) + (window.end - window.start)
                return _window(_midnight(first), end, now, "month", ("Vormonat", "the month before"))
            return _month_window(first, now, ("Vormonat", "the month before"))
        if window.grain == "week" and not same_days:
            return _week_window(
                _monday(window.start.date()) - timedelta(weeks=1), now, ("Vorwoche", "the week before"), True
            )
        start, end = window.start - timedelta(weeks=1), window.end - timedelta(weeks=1)
        names = (
            ("gleiche Tage der Vorwoche", "the same days a week before")
            if same_days
            else ("Vorwoche", "the week before")
        )
        return _window(start, end, now, "range", names)
    if window.grain == "shift":
        start, end = window.start - timedelta(days=1), window.end - timedelta(days=1)
        return TimeWindow(start, end, "Vortag", "the day before", "shift", shift=window.shift)
    length = window.end - window.start
    start = window.start - timedelta(days=max(1, length.days))
    return _window(start, start + length, now, window.grain, ("Vortag", "the day before"))


def days_before(
    window: TimeWindow, n: int, now: datetime, workdays: frozenset[int] | None = None
) -> TimeWindow:
    """The n days (working days when `workdays` is given) just before a window: 'the 7 working days before'."""
    day, counted = window.start.date(), 0
    while counted < n:
        day -= timedelta(days=1)
        counted += workdays is None or day.weekday() in workdays
    last = window.start.date() - timedelta(days=1)
    names = (
        (f"die {n} Arbeitstage davor", f"the {n} working days before")
        if workdays is not None
        else (f"die {n} Tage davor", f"the {n} days before")
    )
    return _days_window(day, last, now, "range", names)


# --- reading dates and numbers ----------------------------------------------------------------


def _full_year(text: str | None) -> int | None:
    """'2025' → 2025, '25' → 2025, nothing → None."""
    if not text:
        return None
    return int(text) + 2000 if len(text) == 2 else int(text)


def _date_parts(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a written date, whether that day exists or not."""
    for form in _DATE_PARTS:
        m = form.fullmatch(text.strip())
        if m is None:
            continue
        groups = m.groupdict()
        month = MONTH_OF[_key(groups["mon"])] if groups.get("mon") else int(groups["m"])
        day = int(groups["d"])
        if "/" in text and month > 12 >= day:
            month, day = day, month  # 19/11/2025: written day first
        return _full_year(groups.get("y")), month, day
    return None


def _real_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (or lies outside 1900–2099)."""
    try:
        return date(year, month, day) if year in YEARS else None
    except ValueError:
        return None


def _parse_date(text: str, now: datetime) -> date | None:
    """A written date; without a year, the most recent such day that is not in the future."""
    parts = _date_parts(text)
    if parts is None:
        return None
    year, month, day = parts
    if year is not None:
        return _real_date(year, month, day)
    for candidate in range(now.year, now.year - 5, -1):
        found = _real_date(candidate, month, day)
        if found and _midnight(found) < now:
            return found
    return None


def _recent_weekday(weekday: int, today: date) -> date:
    """The most recent day with that weekday, today included."""
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _number(text: str) -> int:
    """'4' → 4, 'vier' → 4, 'four' → 4."""
    return int(text) if text.isdigit() else NUMBER_OF[_key(text)]


def _unit(word: str) -> str:
    """'Tagen' → 'd', 'weeks' → 'w', 'Monate' → 'm', 'Stunden' → 'h'."""
    return {"t": "d", "d": "d", "w": "w", "m": "m", "s": "h", "h": "h"}[_key(word)[0]]


def _lead_words(m: re.Match[str], group: str) -> set[str]:
    """The folded words matched before a group (prepositions, articles, 'seit')."""
    return set(_key(m.string[m.start() : m.start(group)]).split())


def _iso_monday(year: int, week: int) -> date | None:
    """Monday of an ISO week, or None when the year has no such week."""
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


# --- handlers: a match and now in, a window (or None: not understood) out ----------------------


def _nth_day(offset: int, now: datetime, names: Names) -> TimeWindow:
    """The day `offset` days from today."""
    return _day_window(now.date() + timedelta(days=offset), now, names)


def _nth_week(offset: int, now: datetime, names: Names) -> TimeWindow:
    """The week (Monday to Sunday) `offset` weeks from this one."""
    return _week_window(_monday(now.date()) + timedelta(weeks=offset), now, names, True)


def _nth_month(offset: int, now: datetime, names: Names) -> TimeWindow:
    """The calendar month `offset` months from this one."""
    return _month_window(_add_months(now.date().replace(day=1), offset), now, names)


def _nth_year(offset: int, now: datetime, names: Names) -> TimeWindow:
    """The calendar year `offset` years from this one."""
    return _year_window(now.year + offset, now, names)


RELATIVE: dict[str, tuple[Callable[[int, datetime, Names], TimeWindow], Names]] = {
    "d_2": (_nth_day, ("vorgestern", "the day before yesterday")),
    "d_1": (_nth_day, ("gestern", "yesterday")),
    "d0": (_nth_day, ("heute", "today")),
    "d2": (_nth_day, ("übermorgen", "the day after tomorrow")),
    "d1": (_nth_day, ("morgen", "tomorrow")),
    "w_2": (_nth_week, ("vorletzte Woche", "the week before last")),
    "w_1": (_nth_week, ("letzte Woche", "last week")),
    "w0": (_nth_week, ("diese Woche", "this week")),
    "w1": (_nth_week, ("nächste Woche", "next week")),
    "m_2": (_nth_month, ("vorletzter Monat", "the month before last")),
    "m_1": (_nth_month, ("letzter Monat", "last month")),
    "m0": (_nth_month, ("dieser Monat", "this month")),
    "m1": (_nth_month, ("nächster Monat", "next month")),
    "y_1": (_nth_year, ("letztes Jahr", "last year")),
    "y0": (_nth_year, ("dieses Jahr", "this year")),
    "y1": (_nth_year, ("nächstes Jahr", "next year")),
}


def _on_relative(m: re.Match[str], now: datetime) -> TimeWindow:
    """'gestern', 'letzte Woche', 'this month', 'Vorjahr' …: counted from today."""
    key = m.lastgroup or ""
    build, names = RELATIVE[key]
    return build(int(key[1:].replace("_", "-")), now, names)


def _on_week_of(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'the week of Nov 10': the Monday-to-Sunday week that holds the date."""
    day = _parse_date(m["date"], now)
    if day is None:
        return None
    week = day.isocalendar().week
    return _week_window(_monday(day), now, (f"KW {week}", f"week {week}"))


def _on_date(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """A written date: that whole day."""
    if _BARE_MAY.fullmatch(m["date"]):
        return None  # 'line 2 may …' is a verb, not the 2nd of May
    day = _parse_date(m["date"], now)
    return _day_window(day, now) if day else None


def _on_day_of_month(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'am 12.': the most recent 12th, today included; None for a day no month of the two has."""
    number, today = int(m["day"]), now.date()
    month = today.replace(day=1) if number <= today.day else _add_months(today.replace(day=1), -1)
    try:
        return _day_window(month.replace(day=number), now)
    except ValueError:
        return None


def _on_weekday(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """A weekday: its most recent occurrence, today included."""
    word = m["wd"].lower()
    if word in LOOSE_WEEKDAYS and m.start("wd") == m.start():
        return None  # 'so.', 'sat', 'sun' alone are ordinary words
    weekday = WEEKDAY_OF[_key(word)]
    return _day_window(_recent_weekday(weekday, now.date()), now, WEEKDAY_NAMES[weekday])


def _weeks_back(word: str) -> int:
    """'diese Woche' → 0, 'letzte Woche' → 1, 'vorletzte Woche' → 2."""
    key = _key(word).split()[-1]
    if key.startswith("vorletzt"):
        return 2
    return 0 if key.startswith(("dies", "this", "laufend", "aktuell")) else 1


WEEKDAY_STARTS = {
    "mo": 0,
    "di": 1,
    "tu": 1,
    "mi": 2,
    "we": 2,
    "do": 3,
    "th": 3,
    "fr": 4,
    "sa": 5,
    "so": 6,
    "su": 6,
}


def _on_weekdays_of_week(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'diese Woche Mo–Mi', 'Monday to Wednesday last week': those days of that week, up to now."""
    first, last = (WEEKDAY_STARTS[_key(m[a] or m[b])[:2]] for a, b in (("a1", "a2"), ("b1", "b2")))
    if last < first:
        return None
    monday = _monday(now.date()) - timedelta(weeks=_weeks_back(m["wk1"] or m["wk2"]))
    week = monday.isocalendar().week
    de, en = (f"{WEEKDAY_NAMES[first][i][:2]}–{WEEKDAY_NAMES[last][i][: 2 if i == 0 else 3]}" for i in (0, 1))
    names = (f"{de}, KW {week}", f"{en}, week {week}")
    return _days_window(monday + timedelta(days=first), monday + timedelta(days=last), now, "range", names)


def _on_weekday_of_week(m: re.Match[str], now: datetime) -> TimeWindow:
    """'Montag letzter Woche', 'Monday of last week', 'Monday two weeks ago': that weekday in that week."""
    weekday = WEEKDAY_OF[_key(m["wd1"] or m["wd2"] or m["wd3"] or m["wd5"])]
    back = m["n3"] or m["n4"] or m["n5"]
    weeks = _number(back) if back else _weeks_back(m["wk1"] or m["wk2"])
    monday = _monday(now.date()) - timedelta(weeks=weeks)
    week = monday.isocalendar().week
    names = (f"{WEEKDAY_NAMES[weekday][0]}, KW {week}", f"{WEEKDAY_NAMES[weekday][1]}, week {week}")
    return _day_window(monday + timedelta(days=weekday), now, names)


def same_week_weekdays(times: list[TimeMatch], now: datetime) -> list[TimeMatch]:
    """'Montag gegen Dienstag letzte Woche': a bare weekday set against a weekday of a named week lies in that week."""
    if len(times) != 2:
        return times
    bare = [i for i, t in enumerate(times) if _key(t.text.strip(" ,.?")) in WEEKDAY_OF]
    anchored = [
        i
        for i, t in enumerate(times)
        if i not in bare and t.window.grain == "day" and ", KW " in t.window.label_de
    ]
    if len(bare) != 1 or len(anchored) != 1:
        return times
    weekday = WEEKDAY_OF[_key(times[bare[0]].text.strip(" ,.?"))]
    monday = _monday(times[anchored[0]].window.start.date())
    week = monday.isocalendar().week
    names = (f"{WEEKDAY_NAMES[weekday][0]}, KW {week}", f"{WEEKDAY_NAMES[weekday][1]}, week {week}")
    moved = replace(times[bare[0]], window=_day_window(monday + timedelta(days=weekday), now, names))
    return [moved if i == bare[0] else t for i, t in enumerate(times)]


def _on_calendar_week(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'KW 46': that ISO week of now's year, or of the year before if it lies ahead."""
    week = int(m["week"])
    explicit = m["year"] or m["year2"]
    year = int(explicit) if explicit else now.isocalendar().year
    monday = _iso_monday(year, week)
    if not explicit and (monday is None or _midnight(monday) >= now):
        monday = _iso_monday(year - 1, week)
    return _week_window(monday, now, (f"KW {week}", f"week {week}")) if monday else None


def _on_month(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'im Oktober', 'October 2025', 'Okt.': that month of now's year, or of the year before."""
    word = _key(m["month"])
    loose = word in LOOSE_MONTHS and not m["year"] and not m["month"].endswith(".")
    if loose and not _lead_words(m, "month") & {"im", "in", "seit", "since", "during", "ab", "for"}:
        return None  # 'Jan', 'may' alone: a name or a verb
    first = date(now.year, MONTH_OF[word], 1)
    if m["year"]:
        first = first.replace(year=int(m["year"]))
    elif _midnight(first) >= now:
        first = first.replace(year=now.year - 1)
    return _month_window(first, now)


AMOUNT_BEFORE = re.compile(  # 'mehr als 2000', 'under 2020': a number compared, not a year
    r"(?:mehr|weniger|groesser|größer|kleiner|more|less|fewer|greater|higher|lower)\s+(?:als|than)\s*$"
    r"|(?:über|ueber|unter|over|under|above|below|bis zu|up to|ca\.?|circa|etwa|about|around|rund|knapp|"
    r"mindestens|at least|höchstens|hoechstens|at most|[=<>≤≥~])\s*$",
    re.IGNORECASE,
)


def _on_year(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'im Jahr 2024', 'in 2024', 'Stromverbrauch 2018': that calendar year, unless the number is an amount."""
    if m.start("year") == m.start() and AMOUNT_BEFORE.search(m.string[: m.start()]):
        return None
    return _year_window(int(m["year"]), now)


def _on_last_n(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'die letzten 4 Wochen', 'past 3 days': the whole days before today; 'seit 14 Tagen': up to now."""
    n, unit = _number(m["n"]), _unit(m["unit"])
    if n <= 0:
        return None
    if unit not in ("d", "w") or re.match(r"seit|since", m.group()):
        return _last_n(n, unit, now)
    days, today = n * 7 if unit == "w" else n, now.date()
    first, last = today - timedelta(days=days), today - timedelta(days=1)
    return _days_window(first, last, now, "range", _names_of_last(n, unit))


def _on_last_working_days(
    m: re.Match[str], now: datetime, pattern: ShiftPattern = DEFAULT_SHIFTS
) -> TimeWindow | None:
    """'the last 10 working days': back from today over the plant's working days, up to now."""
    n = _number(m["n"])
    if n <= 0 or not pattern.workdays:
        return None
    day, counted = now.date(), 0
    while True:
        counted += day.weekday() in pattern.workdays
        if counted >= n:
            break
        day -= timedelta(days=1)
    return _until_now(day, now, (f"letzte {n} Arbeitstage", f"last {n} working days"))


def _on_last_n_full(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'the last 4 full weeks': the n whole calendar weeks (days, months) before the current one."""
    n = _number(m["n"] or m["n2"])
    unit = _unit(m["unit"] or m["unit2"])
    if n <= 0:
        return None
    today = now.date()
    if unit == "w":
        first, last = _monday(today) - timedelta(days=7 * n), _monday(today) - timedelta(days=1)
        weeks = f"{first.isocalendar()[1]}–{last.isocalendar()[1]}"
        names = (f"letzte {n} volle Wochen (KW {weeks})", f"last {n} full weeks (weeks {weeks})")
    elif unit == "m":
        first, last = _add_months(today.replace(day=1), -n), today.replace(day=1) - timedelta(days=1)
        names = (f"letzte {n} volle Monate", f"last {n} full months")
    else:
        first, last = today - timedelta(days=n), today - timedelta(days=1)
        names = (f"letzte {n} volle Tage", f"last {n} full days")
    return _days_window(first, last, now, "range", names)


def _on_ago(m: re.Match[str], now: datetime) -> TimeWindow:
    """'vor 3 Tagen' (that day), 'two weeks ago' (that week), 'a month ago' (that month)."""
    n, unit, today = _number(m["n"] or m["n2"]), _unit(m["unit"] or m["unit2"]), now.date()
    one_de, many_de, one_en, many_en = AGO_WORDS[unit]
    names = (f"vor {n} {one_de if n == 1 else many_de}", f"{n} {one_en if n == 1 else many_en} ago")
    if unit == "m":
        return _month_window(_add_months(today.replace(day=1), -n), now, names)
    if unit == "w":
        return _week_window(_monday(today - timedelta(weeks=n)), now, names, True)
    return _day_window(today - timedelta(days=n), now, names)


def _on_last_shift(
    m: re.Match[str], now: datetime, pattern: ShiftPattern = DEFAULT_SHIFTS
) -> TimeWindow | None:
    """'letzte Schicht', 'last night shift', 'letzte Nacht': the most recent shift that has ended."""
    word = _key(m["kind"] or m["night"] or m["night2"] or m["night3"] or "")
    kind = {"fruh": "early", "early": "early", "morning": "early", "spat": "late", "late": "late",
            "nacht": "night", "night": "night"}.get(word)  # fmt: skip
    if kind and pattern.of_kind(kind) is None:
        return None
    return last_shift(now, kind, pattern)


DAY_PARTS = {"nachmittag": "late", "abend": "late", "afternoon": "late", "evening": "late", "früh": "early",
             "frueh": "early", "morgen": "early", "vormittag": "early", "morning": "early"}  # fmt: skip


def _on_day_part(
    m: re.Match[str], now: datetime, pattern: ShiftPattern = DEFAULT_SHIFTS
) -> TimeWindow | None:
    """'gestern Abend', 'yesterday evening': the late shift of that day, up to now."""
    shift = pattern.of_kind(DAY_PARTS[m["part"].lower()])
    if shift is None:
        return None
    day = now.date() - timedelta(days=0 if _key(m["day"]) in ("heute", "today", "this") else 1)
    start = datetime.combine(day, shift.start)
    if start >= now:
        return None
    names = (f"{m['day']} {m['part']}".lower(), f"{m['day']} {m['part']}".lower())
    return _shift_window(shift, start, min(start + shift.length, now), names)


def _on_hours(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'zwischen 6 und 14 Uhr': those hours of today; a day named beside them moves them (see `with_hours`)."""
    first = (int(m["h1"] or m["h3"]), int(m["m1"] or m["m3"] or 0))
    last = (int(m["h2"] or m["h4"]), int(m["m2"] or m["m4"] or 0))
    if not (first[0] < 24 and last[0] <= 24 and first < last):
        return None
    start = _midnight(now.date()) + timedelta(hours=first[0], minutes=first[1])
    end = _midnight(now.date()) + timedelta(hours=last[0], minutes=last[1])
    hours = f"{first[0]:02d}:{first[1]:02d}–{last[0]:02d}:{last[1]:02d}"
    return TimeWindow(start, end, f"heute {hours}", f"today {hours}", "hours", start >= now)


def with_hours(times: list[TimeMatch], now: datetime) -> list[TimeMatch]:
    """'am Montag zwischen 6 und 14 Uhr': the hours inside the one day named beside them, cut at now."""
    hours = [t for t in times if t.window.grain == "hours"]
    if len(hours) != 1:
        return times
    days = [t for t in times if t.window.grain == "day"]
    part = hours[0].window
    if len(days) != 1:  # the hours of today
        return [
            replace(t, window=replace(part, end=min(part.end, now))) if t is hours[0] else t for t in times
        ]
    day = days[0].window
    moved = day.start - _midnight(now.date())
    times_of_day = part.label_en.removeprefix("today ")
    window = TimeWindow(
        part.start + moved,
        min(part.end + moved, now),
        f"{day.label_de}, {times_of_day}",
        f"{day.label_en}, {times_of_day}",
        "range",
        part.start + moved >= now,
    )
    span = (min(days[0].span[0], hours[0].span[0]), max(days[0].span[1], hours[0].span[1]))
    joined = TimeMatch(window, span, f"{days[0].text} {hours[0].text}")
    return sorted([t for t in times if t not in (days[0], hours[0])] + [joined], key=lambda t: t.span)


def _on_overnight(
    m: re.Match[str], now: datetime, pattern: ShiftPattern = DEFAULT_SHIFTS
) -> TimeWindow | None:
    """'die Nachtschicht von gestern auf heute': the last night shift."""
    return last_shift(now, "night", pattern) if pattern.of_kind("night") else None


def _on_this_shift(
    m: re.Match[str], now: datetime, pattern: ShiftPattern = DEFAULT_SHIFTS
) -> TimeWindow | None:
    """'aktuelle Schicht', 'this shift': the shift running now, up to now."""
    return current_shift(now, pattern)


def _on_before(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'vor dem 10.11.', 'before Nov 10': everything up to that day, the day itself not included."""
    day = _parse_date(m["date"], now)
    return None if day is None else before_day(day, now)


def before_day(day: date, now: datetime) -> TimeWindow:
    """Everything up to a day, the day itself not included ('and before that?' after 'since Nov 10')."""
    start, end = _midnight(day) - timedelta(days=3650), min(_midnight(day), now)
    return TimeWindow(start, end, f"vor dem {day:%d.%m.%Y}", f"before {day:%Y-%m-%d}", "range", start >= now)


def _on_weekend(m: re.Match[str], now: datetime) -> TimeWindow:
    """'letztes Wochenende', 'last weekend', 'am Wochenende': the most recent Saturday and Sunday."""
    today = now.date()
    saturday = today - timedelta(days=(today.weekday() - 5) % 7)
    last = bool(
        re.match(r"(letzt|lezt|letz|vergangen|vorig|vorherig|last|past|previous)", _key(m["which"] or ""))
    )
    if last and today.weekday() >= 5:
        saturday -= timedelta(weeks=1)
    return _days_window(saturday, saturday + timedelta(days=1), now, "range", ("Wochenende", "the weekend"))


def _since(handler: Handler) -> Handler:
    """The handler, widened to 'from then up to now' when the expression starts with seit/since/ab."""

    def handle(m: re.Match[str], now: datetime) -> TimeWindow | None:
        """The window of the expression, or from its start up to now after seit/since/ab."""
        window = handler(m, now)
        if window is None or not m["since"] or window.future:
            return window
        first = (window.end - timedelta(days=1)).date() if m["edge"] else window.start.date()
        return since_day(first, now)

    return handle


def _anchor(text: str, now: datetime) -> tuple[str, TimeWindow] | None:
    """One end of a range: its kind ('date', 'week', 'month', 'weekday', 'relative') and window."""
    for kind, pattern, handler in anchors():
        m = pattern.fullmatch(text)
        if m:
            window = handler(m, now)
            return (kind, window) if window else None
    return None


def _day_in(other: tuple[str, TimeWindow], number: str, now: datetime) -> tuple[str, TimeWindow] | None:
    """'3.' read in the month of the date at the other end, '46' in the year of its calendar week."""
    kind, window = other
    digits = _DAY_NUMBER_RE.fullmatch(number)
    if digits is None:
        return None
    value = int(digits["n"])
    if kind == "date":
        day = _real_date(window.start.year, window.start.month, value)
        return ("date", _day_window(day, now)) if day else None
    if kind == "week":
        monday = _iso_monday(window.start.isocalendar().year, value)
        return ("week", _week_window(monday, now, ("", ""))) if monday else None
    return None


def _in_order(first: tuple[str, TimeWindow], last: tuple[str, TimeWindow],
              now: datetime) -> tuple[TimeWindow, TimeWindow] | None:  # fmt: skip
    """Both ends in order: a weekday moves back a week, a month a year, if it lay after the other end."""
    kind, window = first
    if window.start > last[1].start and kind == "weekday":
        window = _day_window(window.start.date() - timedelta(days=7), now)
    if window.start > last[1].start and kind == "month":
        window = _month_window(window.start.date().replace(year=window.start.year - 1), now)
    return (window, last[1]) if window.start <= last[1].start else None


def _endpoints(m: re.Match[str], now: datetime) -> tuple[TimeWindow, TimeWindow] | None:
    """Both ends of a range; a bare day number borrows month and year from the other end."""
    first, last = _anchor(m["a"], now), _anchor(m["b"], now)
    dash = m["sep"].strip() in DASHES
    if first is None and last is not None and (m["frm"] or (dash and m["a"].endswith("."))):
        first = _day_in(last, m["a"], now)
    if last is None and first is not None:
        last = _day_in(first, m["b"], now)
    if first is None or last is None:
        return None
    if dash and "relative" in (first[0], last[0]):
        return None  # 'gestern – heute' compares two days
    return _in_order(first, last, now)


def _on_range(m: re.Match[str], now: datetime) -> TimeWindow | None:
    """'vom 3.11. bis 7.11.', 'between Nov 3 and Nov 7', 'KW 44–46': both ends included."""
    if _key(m["sep"]) in ("und", "and") and _key(m["frm"] or "") not in ("zwischen", "between"):
        return None  # 'gestern und Montag' are two windows
    ends = _endpoints(m, now)
    return _window(ends[0].start, ends[1].end, now, "range") if ends else None


def range_ends(found: TimeMatch, now: datetime) -> tuple[TimeWindow, TimeWindow] | None:
    """The two ends of a range found in a question ('from KW 45 to KW 46'), each as its own window."""
    if found.window.grain != "range":
        return None
    m = _compile(BODY_RANGE).search(found.text)
    return _endpoints(m, now) if m else None


# --- the rule table: most specific first; a later rule never takes what an earlier one took ---


@cache
def anchors() -> tuple[tuple[str, re.Pattern[str], Handler], ...]:
    """The ends a range may have, compiled the first time a question holds a range."""
    return (
        ("date", _compile(BODY_DATE), _on_date),
        ("week", _compile(BODY_CALENDAR_WEEK), _on_calendar_week),
        ("month", _compile(BODY_MONTH), _on_month),
        ("weekday", _compile(BODY_WEEKDAY), _on_weekday),
        ("relative", _compile(BODY_RELATIVE), _on_relative),
        ("relative", _compile("jetzt|now"), lambda m, now: _nth_day(0, now, ("", ""))),
    )


RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (_compile(BODY_OVERNIGHT), _on_overnight),
    (_compile(BODY_HOURS), _on_hours),
    (_compile(BODY_DAY_PART), _on_day_part),
    (_compile(BODY_WEEKDAYS_OF_WEEK), _on_weekdays_of_week),
    (_compile(BODY_WEEK_OF), _on_week_of),
    (_compile(BODY_RANGE), _on_range),
    (_compile(BODY_LAST_SHIFT), _on_last_shift),
    (_compile(BODY_THIS_SHIFT), _on_this_shift),
    (_compile(BODY_WEEKEND), _on_weekend),
    (_compile(BODY_BEFORE, ""), _on_before),
    (_compile(BODY_WEEKDAY_OF_WEEK, _SINCE_LEAD), _since(_on_weekday_of_week)),
    (_compile(BODY_LAST_WORKING_DAYS), _on_last_working_days),
    (_compile(BODY_LAST_N_FULL), _on_last_n_full),
    (_compile(BODY_LAST_N), _on_last_n),
    (_compile(BODY_AGO), _on_ago),
    (_compile(BODY_RELATIVE, _SINCE_LEAD), _since(_on_relative)),
    (_compile(BODY_CALENDAR_WEEK, _SINCE_LEAD), _since(_on_calendar_week)),
    (_compile(BODY_DATE, _SINCE_LEAD), _since(_on_date)),
    (_compile(BODY_MONTH, _SINCE_LEAD), _since(_on_month)),
    (_compile(BODY_YEAR, _SINCE_LEAD), _since(_on_year)),
    (_compile(BODY_WEEKDAY, _SINCE_LEAD), _since(_on_weekday)),
    (_compile(BODY_DAY_OF_MONTH, ""), _on_day_of_month),
)

INVALID_DATE = re.compile(_u(rf"{_START}{_DATE}{_END}"), re.IGNORECASE)
INVALID_WEEK = re.compile(
    _u(rf"{_START}(?:kw|kalenderwoche|calendar\s+week|cw)\s*\.?\s*(\d{{1,3}}){_END}"), re.IGNORECASE
)


# --- finding ----------------------------------------------------------------------------------


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether a span overlaps one already taken."""
    return any(span[0] < end and start < span[1] for start, end in taken)


def _scan(pattern: re.Pattern[str], handler: Handler, text: str, now: datetime,
          taken: list[tuple[int, int]]) -> Iterator[tuple[tuple[int, int], TimeWindow]]:  # fmt: skip
    """The matches of one rule that are still free and understood, left to right."""
    position = 0
    while m := pattern.search(text, position):
        position = m.start() + 1
        if m.end() == m.start() or _overlaps(m.span(), taken):
            continue
        window = handler(m, now)
        if window is not None:
            yield m.span(), window
            position = m.end()


PERIOD_COMPOUND = re.compile(  # the hyphen of 'Oktober-Schnitt', 'KW46-Wert', 'Vorwochen-Niveau'
    r"(?<=\w)-(?=(?:schnitt|durchschnitt|mittel\w*|wert|werte|werten|average|avg|niveau|zahlen|ergebnis\w*)\b)",
    re.IGNORECASE,
)


def find_timeframes(question: str, now: datetime, shifts: ShiftPattern = DEFAULT_SHIFTS) -> list[TimeMatch]:
    """Every time expression in the question, in order of appearance, not overlapping."""
    taken = [span for span, _text in _invalid_dates(question)]  # impossible dates yield no window
    found: list[TimeMatch] = []
    scanned = PERIOD_COMPOUND.sub(" ", question)  # 'Oktober-Schnitt' names October; same length, same spans
    for pattern, rule in RULES:
        handler = (
            partial(rule, pattern=shifts)
            if rule in (_on_last_shift, _on_this_shift, _on_overnight, _on_day_part, _on_last_working_days)
            else rule
        )
        for span, window in _scan(pattern, handler, scanned, now, taken):
            span = _without_particle(question, span)
            taken.append(span)
            found.append(TimeMatch(window, span, question[span[0] : span[1]]))
    return with_hours(sorted(found, key=lambda match: match.span), now)


PHRASAL = re.compile(
    r"(?i)\b(chang\w*|switch\w*|turn\w*)\s+$"
)  # 'changing over this week': 'over' is the verb's
PARTICLE = re.compile(r"(?i)^over\s+")


def _without_particle(question: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without a leading 'over' that belongs to the verb before it ('changed over last week')."""
    lead = PARTICLE.match(question[span[0] : span[1]])
    if lead and PHRASAL.search(question[: span[0]]):
        return span[0] + lead.end(), span[1]
    return span


def _exists(parts: tuple[int | None, int, int]) -> bool:
    """Whether a (year, month, day) exists; without a year, in a leap year."""
    year, month, day = parts
    return _real_date(2024 if year is None else year, month, day) is not None


def _invalid_dates(question: str) -> Iterator[tuple[tuple[int, int], str]]:
    """Spans and texts of date-like strings that name no real day or calendar week."""
    for m in INVALID_DATE.finditer(question):
        parts = _date_parts(m[0])
        date_like = parts is not None and (parts[0] is not None or (parts[1] <= 12 and parts[2] <= 39))
        if parts is not None and date_like and not _exists(parts):
            yield m.span(), m[0]
    for m in INVALID_WEEK.finditer(question):
        if not 1 <= int(m[1]) <= 53:
            yield m.span(), m[0]


def find_invalid_dates(question: str) -> list[str]:
    """Date-like strings that name no real day ('31.02.', '2025-13-45', 'KW 60'), in order."""
    return [text for _span, text in sorted(_invalid_dates(question))]
