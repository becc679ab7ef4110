"""Time frames resolved in code: 'gestern', 'KW 46', 'seit dem 10.11.', 'the last 4 weeks', …

The clock is always the `now` passed in: the data set's present moment for the sample plant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_WORDS = {
    0: ("montag", "monday", "mon", "mo"),
    1: ("dienstag", "tuesday", "tue", "tues", "di"),
    2: ("mittwoch", "wednesday", "wed", "mi"),
    3: ("donnerstag", "thursday", "thu", "thur", "thurs", "do"),
    4: ("freitag", "friday", "fri", "fr"),
    5: ("samstag", "saturday", "sat", "sa", "sonnabend"),
    6: ("sonntag", "sunday", "sun", "so"),
}
MONTHS = {
    1: ("januar", "january", "jan", "jaenner", "jänner"), 2: ("februar", "february", "feb"),
    3: ("märz", "maerz", "march", "mar", "mär", "mrz"), 4: ("april", "apr"), 5: ("mai", "may"),
    6: ("juni", "june", "jun"), 7: ("juli", "july", "jul"), 8: ("august", "aug"),
    9: ("september", "sept", "sep"), 10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nov"), 12: ("dezember", "december", "dez", "dec"),
}  # fmt: skip
NUMBERS = {
    "ein": 1, "einen": 1, "eine": 1, "eins": 1, "one": 1, "a": 1, "zwei": 2, "two": 2, "drei": 3, "three": 3,
    "vier": 4, "four": 4, "fünf": 5, "fuenf": 5, "five": 5, "sechs": 6, "six": 6, "sieben": 7, "seven": 7,
    "acht": 8, "eight": 8, "neun": 9, "nine": 9, "zehn": 10, "ten": 10, "elf": 11, "eleven": 11,
    "zwölf": 12, "zwoelf": 12, "twelve": 12,
}  # fmt: skip
SHIFT_WORDS = {
    "E": (
        "frühschicht",
        "fruehschicht",
        "fruhschicht",
        "früh-schicht",
        "early shift",
        "morning shift",
        "frühdienst",
        "early-shift",
    ),
    "L": (
        "spätschicht",
        "spaetschicht",
        "spatschicht",
        "spät-schicht",
        "late shift",
        "afternoon shift",
        "late-shift",
    ),
    "N": (
        "nachtschicht",
        "nacht-schicht",
        "night shift",
        "night-shift",
        "nights",
        "nachts",
        "in der nacht",
        "overnight",
    ),
}
SHIFT_HOURS = {
    "E": (6, "Frühschicht", "early shift"),
    "L": (14, "Spätschicht", "late shift"),
    "N": (22, "Nachtschicht", "night shift"),
}


@dataclass(frozen=True)
class TimeWindow:
    """[start, end) on the plant's wall clock, with labels that state it."""

    start: datetime
    end: datetime
    label_de: str
    label_en: str
    grain: str  # 'day', 'week', 'month', 'range', 'shift'
    future: bool = False

    def label(self, language: str) -> str:
        """The label in the user's language."""
        return self.label_de if language == "de" else self.label_en

    @property
    def days(self) -> list[date]:
        """Calendar days touched by the window."""
        last = (self.end - timedelta(microseconds=1)).date()
        count = (last - self.start.date()).days + 1
        return [self.start.date() + timedelta(days=i) for i in range(max(count, 0))]


@dataclass(frozen=True)
class TimeMatch:
    """A time expression found in a question."""

    window: TimeWindow
    span: tuple[int, int]
    text: str


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0))


def _de(day: date) -> str:
    return f"{WEEKDAYS_DE[day.weekday()]} {day:%d.%m.%Y}"


def _en(day: date) -> str:
    return f"{WEEKDAYS_EN[day.weekday()]} {day:%Y-%m-%d}"


def _range_de(first: date, last: date) -> str:
    return f"{first:%d.%m.}–{last:%d.%m.%Y}"


def _range_en(first: date, last: date) -> str:
    return f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


def window(first: date, after: date, now: datetime, name_de: str, name_en: str, grain: str) -> TimeWindow:
    """A window of whole days [first, after), clipped at now, labelled with its dates."""
    start, end = _midnight(first), _midnight(after)
    future = start >= now
    clipped = min(end, now) if not future else end
    last = after - timedelta(days=1)
    if not future and end > now:
        last = now.date() if now.time() != time(0) else now.date() - timedelta(days=1)
    if grain == "day":
        dates_de, dates_en = _de(first), _en(first)
    else:
        dates_de, dates_en = _range_de(first, last), _range_en(first, last)
    if clipped < end and clipped.time() != time(0):
        dates_de += f" bis {clipped:%H:%M}"
        dates_en += f" until {clipped:%H:%M}"
    label_de = f"{name_de} ({dates_de})" if name_de else dates_de
    label_en = f"{name_en} ({dates_en})" if name_en else dates_en
    return TimeWindow(start, clipped, label_de, label_en, grain, future)


def day_window(day: date, now: datetime, name_de: str = "", name_en: str = "") -> TimeWindow:
    """One calendar day."""
    return window(day, day + timedelta(days=1), now, name_de, name_en, "day")


def default_window(now: datetime, days: int = 28) -> TimeWindow:
    """The last N calendar days including today."""
    first = now.date() - timedelta(days=days - 1)
    name_de = "letzte 4 Wochen" if days == 28 else f"letzte {days} Tage"
    name_en = "last 4 weeks" if days == 28 else f"last {days} days"
    return window(first, now.date() + timedelta(days=1), now, name_de, name_en, "range")


def last_shift(now: datetime) -> TimeWindow:
    """The most recent shift that has ended by now (Monday to Friday)."""
    candidates = []
    for back in range(0, 8):
        day = now.date() - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        for code, (hour, _de_name, _en_name) in SHIFT_HOURS.items():
            start = _midnight(day) + timedelta(hours=hour)
            if start + timedelta(hours=8) <= now:
                candidates.append((start, code, day))
    start, code, day = max(candidates)
    _hour, de_name, en_name = SHIFT_HOURS[code]
    return TimeWindow(start, start + timedelta(hours=8), f"letzte Schicht ({de_name} {_de(day)})",
                      f"last shift ({en_name} {_en(day)})", "shift")  # fmt: skip


# --- patterns -------------------------------------------------------------------------------

_MONTH_WORDS = "|".join(sorted((w for ws in MONTHS.values() for w in ws), key=len, reverse=True))
_WEEKDAY_LONG = "|".join(w for ws in WEEKDAY_WORDS.values() for w in ws if len(w) > 3)
_NUM = r"(\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_DATE_DE = r"(\d{1,2})\.\s?(\d{1,2})\.(\d{2,4})?"
_DATE_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_DATE_US = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_DATE_WORD_DM = rf"(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_WORDS})\.?(?:\s+(\d{{4}}))?"
_DATE_WORD_MD = rf"({_MONTH_WORDS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?"
_ANY_DATE = rf"(?:{_DATE_ISO}|{_DATE_US}|{_DATE_DE}|{_DATE_WORD_DM}|{_DATE_WORD_MD})"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


def _month_of(word: str) -> int:
    word = word.lower().rstrip(".")
    return next(m for m, words in MONTHS.items() if word in words)


def _year_for(month: int, day: int, now: datetime) -> int:
    """This year, or last year when the date would lie in the future."""
    candidate = date(now.year, month, day)
    return now.year if candidate <= now.date() else now.year - 1


def parse_date(text: str, now: datetime) -> date | None:
    """A German, English or ISO date; None when it names no real day."""
    text = text.strip().lower()
    patterns: list[tuple[str, Callable[[re.Match[str]], tuple[int | None, int, int]]]] = [
        (_DATE_ISO, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (_DATE_US, lambda m: (int(m[3]), int(m[1]), int(m[2]))),
        (_DATE_DE, lambda m: (_full_year(m[3]), int(m[2]), int(m[1]))),
        (_DATE_WORD_DM, lambda m: (_full_year(m[3]), _month_of(m[2]), int(m[1]))),
        (_DATE_WORD_MD, lambda m: (_full_year(m[3]), _month_of(m[1]), int(m[2]))),
    ]
    for pattern, parts in patterns:
        match = re.fullmatch(pattern, text)
        if match:
            year, month, day = parts(match)
            try:
                return date(year if year else _year_for(month, min(day, 28), now), month, day)
            except ValueError:
                return None
    return None


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _iso_week(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


Handler = Callable[[re.Match[str], datetime], TimeWindow | None]


def _today(m: re.Match[str], now: datetime) -> TimeWindow:
    return day_window(now.date(), now, "heute", "today")


def _relative_day(offset: int, de: str, en: str) -> Handler:
    return lambda m, now: day_window(now.date() + timedelta(days=offset), now, de, en)


def _weekday(m: re.Match[str], now: datetime) -> TimeWindow:
    word = m["wd"].lower().rstrip(".")
    weekday = next(d for d, words in WEEKDAY_WORDS.items() if word in words)
    back = (now.weekday() - weekday) % 7
    day = now.date() - timedelta(days=back)
    names = WEEKDAY_WORDS[weekday]
    return day_window(day, now, names[0].capitalize(), names[1].capitalize())


def _this_week(m: re.Match[str], now: datetime) -> TimeWindow:
    monday = now.date() - timedelta(days=now.weekday())
    return window(monday, monday + timedelta(days=7), now, "diese Woche", "this week", "week")


def _weeks_back(back: int, de: str, en: str) -> Handler:
    def handler(m: re.Match[str], now: datetime) -> TimeWindow:
        monday = now.date() - timedelta(days=now.weekday() + 7 * back)
        week = monday.isocalendar().week
        return window(
            monday, monday + timedelta(days=7), now, f"{de}, KW {week}", f"{en}, week {week}", "week"
        )

    return handler


def _calendar_week(m: re.Match[str], now: datetime) -> TimeWindow | None:
    week = int(m["kw"])
    monday = _iso_week(now.year, week)
    if monday is None or monday > now.date():
        monday = _iso_week(now.year - 1, week)
    if monday is None:
        return None
    return window(monday, monday + timedelta(days=7), now, f"KW {week}", f"week {week}", "week")


def _this_month(m: re.Match[str], now: datetime) -> TimeWindow:
    first = now.date().replace(day=1)
    return window(first, _next_month(first), now, "dieser Monat", "this month", "month")


def _last_month(m: re.Match[str], now: datetime) -> TimeWindow:
    first = (now.date().replace(day=1) - timedelta(days=1)).replace(day=1)
    return window(first, _next_month(first), now, "letzter Monat", "last month", "month")


def _named_month(m: re.Match[str], now: datetime) -> TimeWindow:
    month = _month_of(m["month"])
    year = int(m["year"]) if m["year"] else (now.year if month <= now.month else now.year - 1)
    first = date(year, month, 1)
    de = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ][month - 1]
    en = first.strftime("%B")
    return window(first, _next_month(first), now, f"{de} {year}", f"{en} {year}", "month")


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def _last_n(m: re.Match[str], now: datetime) -> TimeWindow:
    n = _number(m["n"])
    unit = m["unit"].lower()
    days = n * 7 if unit.startswith(("woche", "week", "wk")) else n
    first = now.date() - timedelta(days=days - 1)
    if unit.startswith(("woche", "week", "wk")):
        de, en = f"letzte {n} Wochen", f"last {n} weeks"
    else:
        de, en = f"letzte {n} Tage", f"last {n} days"
    return window(first, now.date() + timedelta(days=1), now, de, en, "range")


def _since(m: re.Match[str], now: datetime) -> TimeWindow | None:
    day = _date_or_weekday(m["what"], now)
    if day is None:
        return None
    return window(
        day, now.date() + timedelta(days=1), now, f"seit {day:%d.%m.%Y}", f"since {day:%Y-%m-%d}", "range"
    )


def _between(m: re.Match[str], now: datetime) -> TimeWindow | None:
    first = _date_or_weekday(m["a"], now)
    last = _date_or_weekday(m["b"], now)
    if first is None or last is None or last < first:
        return None
    return window(first, last + timedelta(days=1), now, "", "", "range")


def _between_same_month(m: re.Match[str], now: datetime) -> TimeWindow | None:
    month = _month_of(m["month"])
    year = int(m["year"]) if m["year"] else _year_for(month, 1, now)
    try:
        first, last = date(year, month, int(m["a"])), date(year, month, int(m["b"]))
    except ValueError:
        return None
    return window(first, last + timedelta(days=1), now, "", "", "range")


def _year(m: re.Match[str], now: datetime) -> TimeWindow:
    year = int(m["year"])
    return window(date(year, 1, 1), date(year + 1, 1, 1), now, f"Jahr {year}", f"year {year}", "range")


def _single_date(m: re.Match[str], now: datetime) -> TimeWindow | None:
    day = parse_date(m[0], now)
    return day_window(day, now) if day else None


def _date_or_weekday(text: str, now: datetime) -> date | None:
    text = text.strip().lower()
    for weekday, words in WEEKDAY_WORDS.items():
        if text.rstrip(".") in words:
            return now.date() - timedelta(days=(now.weekday() - weekday) % 7)
    return parse_date(text, now)


def _last_shift(m: re.Match[str], now: datetime) -> TimeWindow:
    return last_shift(now)


def _future(de: str, en: str, days: int) -> Handler:
    def handler(m: re.Match[str], now: datetime) -> TimeWindow:
        first = now.date() + timedelta(days=1)
        return TimeWindow(_midnight(first), _midnight(first + timedelta(days=days)), de, en, "range", True)

    return handler


_DATE_OR_DAY = rf"(?:{_ANY_DATE}|{_WEEKDAY_LONG})"
_ART = r"(?:(?:am|an|dem|den|der|im|in|on|the|the\s+\w+\s+of|of|vom|zum|bis\s+zum)\s+)*"
RULES: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(r"\b(?:heute|today|tonight|heutigen?)\b"), _today),
    (re.compile(r"\b(?:vorgestern|the\s+day\s+before\s+yesterday)\b"), _relative_day(-2, "vorgestern", "the day before yesterday")),
    (re.compile(r"\b(?:gestern|yesterday|gestrigen?)\b"), _relative_day(-1, "gestern", "yesterday")),
    (re.compile(r"\b(?:übermorgen|uebermorgen|morgen|tomorrow)\b"), _future("morgen", "tomorrow", 1)),
    (re.compile(r"\b(?:nächste|naechste|nächsten|naechsten|kommende|kommenden)\s+(?:woche|wochen)\b|\bnext\s+week\b"), _future("nächste Woche", "next week", 7)),
    (re.compile(r"\b(?:letzte|letzten|vorige|vorigen|vergangene|vergangenen|previous|last|prior)\s+(?:schicht|shift)\b"), _last_shift),
    (re.compile(r"\b(?:vorletzte|vorletzten|vorletzter)\s+woche\b|\bthe\s+week\s+before\s+last\b"), _weeks_back(2, "vorletzte Woche", "the week before last")),
    (re.compile(r"\b(?:diese|dieser|diesen|laufende|laufenden|aktuelle|aktuellen)\s+woche\b|\b(?:this|current)\s+week\b"), _this_week),
    (re.compile(r"\b(?:letzte|letzten|letzter|vorige|vorigen|vergangene|vergangenen)\s+woche\b|\b(?:last|previous|past)\s+week\b"), _weeks_back(1, "letzte Woche", "last week")),
    (re.compile(r"\b(?:kw|kalenderwoche|cw|wk|week|woche)\s*\.?\s*(?P<kw>\d{1,2})\b"), _calendar_week),
    (re.compile(r"\b(?:diesen|dieser|diesem|laufenden|aktuellen)\s+monat\b|\b(?:this|current)\s+month\b"), _this_month),
    (re.compile(r"\b(?:letzten|letzter|letztem|vorigen|voriger|vergangenen|vergangener)\s+monat\b|\b(?:last|previous|past)\s+month\b"), _last_month),
    (re.compile(rf"\b(?:(?:die|den|in\s+den|in\s+the|the|over\s+the|during\s+the)\s+)?(?:letzten|letzte|vergangenen|past|last)\s+{_NUM}\s+(?P<unit>wochen|woche|tage|tagen|weeks|week|days|day|wks)\b".replace(_NUM, rf"(?P<n>{_NUM[1:-1]})")), _last_n),
    (re.compile(rf"\b(?:seit|since|ab)\s+{_ART}(?P<what>{_DATE_OR_DAY})"), _since),
    (re.compile(rf"(?:\b(?:von|vom|from|zwischen|between)\s+)?{_ART}(?P<a>{_DATE_OR_DAY})\s*(?:bis|to|until|und|and|-|–)\s*{_ART}(?P<b>{_DATE_OR_DAY})"), _between),
    (re.compile(rf"\b(?:zwischen|between|vom|von|from)\s+(?:dem\s+|the\s+)?(?P<a>\d{{1,2}})\.?\s*(?:und|and|bis|to|-|–)\s*(?:dem\s+|the\s+)?(?P<b>\d{{1,2}})\.?\s+(?P<month>{_MONTH_WORDS})\.?(?:\s+(?P<year>\d{{4}}))?"), _between_same_month),
    (re.compile(rf"(?<![\w.\-/]){_ANY_DATE}(?![\w\-/])"), _single_date),
    (re.compile(rf"\b(?:im|in|for|during)?\s*(?P<month>{_MONTH_WORDS})(?:\s+(?P<year>\d{{4}}))?\b(?!\s*\d)"), _named_month),
    (re.compile(r"\b(?:(?:im\s+)?jahr|in|year|during)\s+(?P<year>(?:19|20)\d{2})\b"), _year),
    (re.compile(rf"\b(?:am\s+|on\s+|letzten\s+|last\s+|vergangenen\s+)?(?P<wd>{_WEEKDAY_LONG}|mo\.|di\.|mi\.|do\.|fr\.)(?![\w])"), _weekday),
]  # fmt: skip
FOLD = str.maketrans({"’": "'"})


def find_timeframes(question: str, now: datetime) -> list[TimeMatch]:
    """Every time expression in the question, in order, not overlapping."""
    text = question.lower().translate(FOLD)
    found: list[TimeMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, handler in RULES:
        for match in pattern.finditer(text):
            span = match.span()
            if span[0] == span[1] or any(span[0] < e and s < span[1] for s, e in taken):
                continue
            result = handler(match, now)
            if result is None:
                continue
            taken.append(span)
            found.append(TimeMatch(result, span, question[span[0] : span[1]]))
    return sorted(found, key=lambda t: t.span[0])


def find_shift(question: str) -> tuple[str, tuple[int, int]] | None:
    """'E', 'L' or 'N' when the question names a shift, with where it did."""
    text = question.lower()
    for code, words in SHIFT_WORDS.items():
        for word in words:
            match = re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text)
            if match:
                return code, match.span()
    return None


INVALID_CANDIDATE = re.compile(
    rf"(?<![\w.\-/])(?:{_DATE_ISO}|{_DATE_DE}|{_DATE_WORD_DM}|{_DATE_WORD_MD})(?![\w\-/])"
)


def find_invalid_dates(question: str) -> list[str]:
    """Date-like strings that name no real day ('31.02.', '2025-13-45')."""
    now = datetime(2000, 1, 1)
    bad = []
    for match in INVALID_CANDIDATE.finditer(question.lower()):
        text = match.group(0)
        if parse_date(text, datetime(2100, 1, 1)) is None and parse_date(text, now) is None:
            bad.append(question[match.start() : match.end()])
    return bad
