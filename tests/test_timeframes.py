"""Time frames are resolved in code against the data set's clock: now = Thu 2025-11-20 14:00."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest

from copilot.timeframes import (
    TimeWindow,
    default_window,
    find_invalid_dates,
    find_timeframes,
    last_shift,
)

NOW = datetime(2025, 11, 20, 14, 0)  # a Thursday, ISO week 47


def D(month: int, day: int, hour: int = 0, year: int = 2025) -> datetime:
    """A moment in 2025 unless another year is given."""
    return datetime(year, month, day, hour)


# (question, the text understood, start, end) with now = Thu 2025-11-20 14:00
GERMAN = [
    # relative days
    ("OEE heute", "heute", D(11, 20), NOW),
    (
        "Wie viele Teile hat Linie 1 heute Morgen gemacht?",
        "heute Morgen",
        D(11, 20, 6),
        NOW,
    ),  # its early shift
    ("Kurzstopps gestern früh", "gestern früh", D(11, 19, 6), D(11, 19, 14)),  # not the whole day
    ("Stillstand gestern", "gestern", D(11, 19), D(11, 20)),
    ("Wie hoch war die OEE von Linie 1 GESTERN?", "GESTERN", D(11, 19), D(11, 20)),
    ("Ausschuss vorgestern", "vorgestern", D(11, 18), D(11, 19)),
    ("und für vorgestern?", "für vorgestern", D(11, 18), D(11, 19)),
    # weekdays: the most recent one, today included
    ("Strom am Montag", "am Montag", D(11, 17), D(11, 18)),
    ("Strom Montag", "Montag", D(11, 17), D(11, 18)),
    ("Taktzeit letzten Montag", "letzten Montag", D(11, 17), D(11, 18)),
    ("OEE am Mo.", "am Mo.", D(11, 17), D(11, 18)),
    ("Ausschuss Dienstag", "Dienstag", D(11, 18), D(11, 19)),
    ("Strom am Mittwoch", "am Mittwoch", D(11, 19), D(11, 20)),
    ("Donnerstag", "Donnerstag", D(11, 20), NOW),  # today is Thursday
    ("Taktzeit Linie 2 am Freitag", "am Freitag", D(11, 14), D(11, 15)),
    ("Grundlast am Sa.", "am Sa.", D(11, 15), D(11, 16)),
    ("Sonntag Grundlast", "Sonntag", D(11, 16), D(11, 17)),
    ("Montag letzter Woche", "Montag letzter Woche", D(11, 10), D(11, 11)),
    # weeks
    ("OEE diese Woche", "diese Woche", D(11, 17), NOW),
    ("in dieser Woche", "in dieser Woche", D(11, 17), NOW),
    ("letzte Woche", "letzte Woche", D(11, 10), D(11, 17)),
    ("vergangene Woche", "vergangene Woche", D(11, 10), D(11, 17)),
    (
        "Welche Linie hatte in der letzten Woche den höchsten Strom?",
        "in der letzten Woche",
        D(11, 10),
        D(11, 17),
    ),
    ("Ausschuss der Vorwoche", "der Vorwoche", D(11, 10), D(11, 17)),
    ("FPY L4 lezte woche", "lezte woche", D(11, 10), D(11, 17)),  # a common typing error
    ("vorletzte Woche", "vorletzte Woche", D(11, 3), D(11, 10)),
    ("Druckluft Linie 1 in KW 46", "in KW 46", D(11, 10), D(11, 17)),
    ("KW46", "KW46", D(11, 10), D(11, 17)),
    ("in der Kalenderwoche 45", "in der Kalenderwoche 45", D(11, 3), D(11, 10)),
    ("KW 46/2025", "KW 46/2025", D(11, 10), D(11, 17)),
    # months
    ("diesen Monat", "diesen Monat", D(11, 1), NOW),
    ("MTTR Linie 2 letzter Monat", "letzter Monat", D(10, 1), D(11, 1)),
    ("letzten Monat", "letzten Monat", D(10, 1), D(11, 1)),
    ("vorigen Monat", "vorigen Monat", D(10, 1), D(11, 1)),
    ("im Oktober", "im Oktober", D(10, 1), D(11, 1)),
    ("und für Oktober?", "für Oktober", D(10, 1), D(11, 1)),
    ("Oktober 2025", "Oktober 2025", D(10, 1), D(11, 1)),
    ("im Okt.", "im Okt.", D(10, 1), D(11, 1)),
    ("Strom im Maerz", "im Maerz", D(3, 1), D(4, 1)),  # umlaut written as 'ae'
    ("im Dezember", "im Dezember", D(12, 1, year=2024), D(1, 1)),  # December 2025 lies ahead
    ("Strom Linie 4 im Januar 2024", "im Januar 2024", D(1, 1, year=2024), D(2, 1, year=2024)),
    # since
    ("seit dem 10.11.", "seit dem 10.11.", D(11, 10), NOW),
    ("seit 10.11.2025", "seit 10.11.2025", D(11, 10), NOW),
    ("seit Montag", "seit Montag", D(11, 17), NOW),
    ("ab Montag", "ab Montag", D(11, 17), NOW),
    ("seit letzter Woche", "seit letzter Woche", D(11, 10), NOW),
    ("seit Oktober", "seit Oktober", D(10, 1), NOW),
    # ranges, both ends included
    ("Ausschussteile vom 3.11. bis 7.11.", "vom 3.11. bis 7.11.", D(11, 3), D(11, 8)),
    ("von 3.11. bis 7.11.", "von 3.11. bis 7.11.", D(11, 3), D(11, 8)),
    ("vom 03.11.2025 bis zum 07.11.2025", "vom 03.11.2025 bis zum 07.11.2025", D(11, 3), D(11, 8)),
    ("zwischen dem 3. und 7. November", "zwischen dem 3. und 7. November", D(11, 3), D(11, 8)),
    ("Stillstand 3.–7.11.", "3.–7.11.", D(11, 3), D(11, 8)),
    ("von Montag bis Mittwoch", "von Montag bis Mittwoch", D(11, 17), D(11, 20)),
    ("KW 44 bis KW 46", "KW 44 bis KW 46", D(10, 27), D(11, 17)),
    ("vom 3.11. bis heute", "vom 3.11. bis heute", D(11, 3), NOW),
    ("vom 28.12. bis 3.1.", "vom 28.12. bis 3.1.", D(12, 28, year=2024), D(1, 4)),  # across New Year
    # the last N days or weeks: the whole days before today
    ("die letzten 4 Wochen", "die letzten 4 Wochen", D(10, 23), D(11, 20)),
    (
        "Gutteile der letzten 5 Arbeitstage",
        "der letzten 5 Arbeitstage",
        D(11, 14),
        NOW,
    ),  # Sat and Sun not counted
    ("letzte vier Wochen", "letzte vier Wochen", D(10, 23), D(11, 20)),
    ("Verfügbarkeit in den letzten 14 Tagen", "in den letzten 14 Tagen", D(11, 6), D(11, 20)),
    ("Kurzstopps für die letzten 4 Wochen", "für die letzten 4 Wochen", D(10, 23), D(11, 20)),
    ("letzte zwei Wochen", "letzte zwei Wochen", D(11, 6), D(11, 20)),
    ("Stillstand seit 14 Tagen", "seit 14 Tagen", D(11, 7), NOW),  # "since": up to now, today included
    ("seit 3 Tagen", "seit 3 Tagen", D(11, 18), NOW),
    ("letzte 24 Stunden", "letzte 24 Stunden", D(11, 19, 14), NOW),
    ("die letzten 3 Monate", "die letzten 3 Monate", D(8, 21), NOW),
    ("vor 3 Tagen", "vor 3 Tagen", D(11, 17), D(11, 18)),  # that day
    ("vor zwei Wochen", "vor zwei Wochen", D(11, 3), D(11, 10)),  # that week
    # single dates
    ("Stückzahl Linie 4 am 19.11.2025", "am 19.11.2025", D(11, 19), D(11, 20)),
    ("19.11.25", "19.11.25", D(11, 19), D(11, 20)),
    ("am 19.11.", "am 19.11.", D(11, 19), D(11, 20)),
    ("19. November", "19. November", D(11, 19), D(11, 20)),
    ("am 19. Nov", "am 19. Nov", D(11, 19), D(11, 20)),
    ("Stillstand für Linie 3 am 2025-11-12", "am 2025-11-12", D(11, 12), D(11, 13)),
    ("OEE Mi 19.11.2025", "Mi 19.11.2025", D(11, 19), D(11, 20)),  # weekday and date: one day
    ("Mittwoch, den 19.11.", "Mittwoch, den 19.11.", D(11, 19), D(11, 20)),
    ("am 29.02.", "am 29.02.", D(2, 29, year=2024), D(3, 1, year=2024)),  # the last 29 February
    # shifts and years
    ("letzte Schicht", "letzte Schicht", D(11, 20, 6), D(11, 20, 14)),
    ("Ausschuss in der laufenden Schicht", "in der laufenden Schicht", D(11, 20, 6), NOW),
    ("vorige Schicht", "vorige Schicht", D(11, 20, 6), D(11, 20, 14)),
    ("letzte Nachtschicht", "letzte Nachtschicht", D(11, 19, 22), D(11, 20, 6)),
    ("OEE im Jahr 2024", "im Jahr 2024", D(1, 1, year=2024), D(1, 1)),
    ("letztes Jahr", "letztes Jahr", D(1, 1, year=2024), D(1, 1)),
    ("dieses Jahr", "dieses Jahr", D(1, 1), NOW),
]

ENGLISH = [
    # relative days
    ("OEE today", "today", D(11, 20), NOW),
    ("downtime yesterday", "yesterday", D(11, 19), D(11, 20)),
    ("WHAT HAPPENED YESTERDAY", "YESTERDAY", D(11, 19), D(11, 20)),
    ("yesterday's scrap", "yesterday", D(11, 19), D(11, 20)),
    ("scrap the day before yesterday", "the day before yesterday", D(11, 18), D(11, 19)),
    ("and yesterday?", "yesterday", D(11, 19), D(11, 20)),
    # weekdays
    ("power on Monday", "on Monday", D(11, 17), D(11, 18)),
    ("power monday", "monday", D(11, 17), D(11, 18)),
    ("power last Monday", "last Monday", D(11, 17), D(11, 18)),
    ("output on mon", "on mon", D(11, 17), D(11, 18)),
    ("OEE on tuesday", "on tuesday", D(11, 18), D(11, 19)),
    ("Wednesday scrap", "Wednesday", D(11, 19), D(11, 20)),
    ("thursday", "thursday", D(11, 20), NOW),  # today is Thursday
    ("How much downtime did line 4 have on Friday?", "on Friday", D(11, 14), D(11, 15)),
    ("idle load on Sat", "on Sat", D(11, 15), D(11, 16)),
    ("Sunday idle load", "Sunday", D(11, 16), D(11, 17)),
    ("Monday of last week", "Monday of last week", D(11, 10), D(11, 11)),
    # weeks
    ("this week", "this week", D(11, 17), NOW),
    ("What's the plant OEE this week?", "this week", D(11, 17), NOW),
    ("last week", "last week", D(11, 10), D(11, 17)),
    ("previous week", "previous week", D(11, 10), D(11, 17)),
    ("the week before last", "the week before last", D(11, 3), D(11, 10)),
    ("electricity of line 3 in week 46", "in week 46", D(11, 10), D(11, 17)),
    ("wk 46", "wk 46", D(11, 10), D(11, 17)),
    ("CW 45", "CW 45", D(11, 3), D(11, 10)),
    ("in calendar week 45", "in calendar week 45", D(11, 3), D(11, 10)),
    # months
    ("this month", "this month", D(11, 1), NOW),
    ("last month", "last month", D(10, 1), D(11, 1)),
    ("previous month", "previous month", D(10, 1), D(11, 1)),
    ("scrap rate of line 3 in October", "in October", D(10, 1), D(11, 1)),
    ("October 2025", "October 2025", D(10, 1), D(11, 1)),
    ("OEE of line 4 for October.", "for October", D(10, 1), D(11, 1)),  # the full stop is not part of it
    ("in Oct", "in Oct", D(10, 1), D(11, 1)),
    ("in December", "in December", D(12, 1, year=2024), D(1, 1)),  # December 2025 lies ahead
    ("scrap line 1 in March 2023", "in March 2023", D(3, 1, year=2023), D(4, 1, year=2023)),
    # since
    ("since 10 November", "since 10 November", D(11, 10), NOW),
    ("How many stops has line 2 had since November 10?", "since November 10", D(11, 10), NOW),
    ("since Nov 10", "since Nov 10", D(11, 10), NOW),
    ("since 2025-11-10", "since 2025-11-10", D(11, 10), NOW),
    ("since Monday", "since Monday", D(11, 17), NOW),
    ("since last week", "since last week", D(11, 10), NOW),
    # ranges, both ends included
    ("from 3 Nov to 7 Nov", "from 3 Nov to 7 Nov", D(11, 3), D(11, 8)),
    ("between Nov 3 and Nov 7", "between Nov 3 and Nov 7", D(11, 3), D(11, 8)),
    ("2025-11-03 to 2025-11-07", "2025-11-03 to 2025-11-07", D(11, 3), D(11, 8)),
    ("cycle time of line 1 from Nov 3 to Nov 7?", "from Nov 3 to Nov 7", D(11, 3), D(11, 8)),
    ("from Nov 3 to 7", "from Nov 3 to 7", D(11, 3), D(11, 8)),
    (
        "between the 3rd and the 7th of November",
        "between the 3rd and the 7th of November",
        D(11, 3),
        D(11, 8),
    ),
    ("from Monday to Wednesday", "from Monday to Wednesday", D(11, 17), D(11, 20)),
    ("from week 44 to week 46", "from week 44 to week 46", D(10, 27), D(11, 17)),
    # the last N days or weeks, today included
    ("past 2 weeks", "past 2 weeks", D(11, 6), D(11, 20)),
    ("last 3 days", "last 3 days", D(11, 17), D(11, 20)),
    ("good units over the last 10 working days", "over the last 10 working days", D(11, 7), NOW),
    ("the last four weeks", "the last four weeks", D(10, 23), D(11, 20)),
    ("changeovers line 2 over the last 4 weeks", "over the last 4 weeks", D(10, 23), D(11, 20)),
    ("energy of line 1 in the last 14 days", "in the last 14 days", D(11, 6), D(11, 20)),
    ("last 24 hours", "last 24 hours", D(11, 19, 14), NOW),
    ("3 days ago", "3 days ago", D(11, 17), D(11, 18)),  # that day
    ("two weeks ago", "two weeks ago", D(11, 3), D(11, 10)),  # that week
    # single dates
    ("OEE line 3 on 2025-11-19", "on 2025-11-19", D(11, 19), D(11, 20)),
    ("11/19/2025", "11/19/2025", D(11, 19), D(11, 20)),
    ("good parts on Nov 19?", "on Nov 19", D(11, 19), D(11, 20)),
    ("November 19th", "November 19th", D(11, 19), D(11, 20)),
    ("19 November 2025", "19 November 2025", D(11, 19), D(11, 20)),
    ("on the 19th of November", "on the 19th of November", D(11, 19), D(11, 20)),
    ("Wed, Nov 19, 2025", "Wed, Nov 19, 2025", D(11, 19), D(11, 20)),
    ("on 12 Nov", "on 12 Nov", D(11, 12), D(11, 13)),
    ("the 2nd of May", "the 2nd of May", D(5, 2), D(5, 3)),
    # shifts and years
    ("last shift", "last shift", D(11, 20, 6), D(11, 20, 14)),
    ("previous shift", "previous shift", D(11, 20, 6), D(11, 20, 14)),
    ("last night shift", "last night shift", D(11, 19, 22), D(11, 20, 6)),
    ("scrap this shift", "this shift", D(11, 20, 6), NOW),  # now is 14:00: the early shift ends with it
    ("downtime line 2 in 2019", "in 2019", D(1, 1, year=2019), D(1, 1, year=2020)),
    ("last year", "last year", D(1, 1, year=2024), D(1, 1)),
    # more wording
    ("power this morning", "this morning", D(11, 20, 6), NOW),
    ("previous Friday", "previous Friday", D(11, 14), D(11, 15)),
    ("Monday last week", "Monday last week", D(11, 10), D(11, 11)),
    ("OEE in the current week", "in the current week", D(11, 17), NOW),
    ("scrap in Sept.", "in Sept.", D(9, 1), D(10, 1)),  # the dot belongs to the abbreviation
    ("starting Monday", "starting Monday", D(11, 17), NOW),
    ("from yesterday until today", "from yesterday until today", D(11, 19), NOW),
    ("a week ago", "a week ago", D(11, 10), D(11, 17)),
    ("a month ago", "a month ago", D(10, 1), D(11, 1)),
    ("19/11/2025", "19/11/2025", D(11, 19), D(11, 20)),  # written day first
    ("last 12 months", "last 12 months", D(11, 21, year=2024), NOW),
]


@pytest.mark.parametrize(("question", "text", "start", "end"), GERMAN + ENGLISH)
def test_time_frame_is_resolved(question, text, start, end):
    found = find_timeframes(question, NOW)
    assert [m.text for m in found] == [text]
    (match,) = found
    assert question[match.span[0] : match.span[1]] == text  # the span covers exactly the expression
    assert (match.window.start, match.window.end) == (start, end)
    assert not match.window.future and match.window.end <= NOW
    assert match.window.label_de and match.window.label_en


def test_cases_are_half_german_half_english():
    assert abs(len(GERMAN) - len(ENGLISH)) <= 5 and len(GERMAN + ENGLISH) >= 100


@pytest.mark.parametrize(
    "question",
    [
        "OEE Linie 3",  # a line number is not a date
        "line 4 power",
        "Kurzstopps an L3-S4",  # a station
        "KPI 85 %",
        "Station 2 an Linie 1",
        "top 5 reasons",
        "Top 3 Stillstandsgründe Linie 3",
        "Was ist 5S?",
        "Teil P-3101",
        "Warum schwankt die Taktzeit in Linie 3?",
        "Which problems did line 2 have?",
        "Kurzstopps Linie 3 – Montage",  # the line is called 'Montage', which is not 'Montag'
        "line 2 may have stopped",  # 'may' is a verb here
        "Schicht von Jan",  # a name, not January
        "Guten Morgen",  # a greeting, not tomorrow
        "Wie hoch ist die Grundlast am Morgen?",  # in the morning, not tomorrow
        "Ist das so.",  # 'so.' is not Sunday
        "OEE über 85.5.",  # a decimal number
        "for 2000 parts",  # a quantity, not a year
        "Linie 1 bis 3",  # a range of lines
        "between 3 and 5 stops",  # a range of counts
        "What's 2 + 2?",
        "12345",
    ],
)
def test_no_time_frame_where_there_is_none(question):
    assert find_timeframes(question, NOW) == []
    assert find_invalid_dates(question) == []


@pytest.mark.parametrize(
    ("question", "invalid"),
    [
        ("Wie hoch war die Ausschussquote am 31.02.2025?", ["31.02.2025"]),
        ("Ausschuss am 30.02.", ["30.02."]),
        ("Strom am 32.11.2025", ["32.11.2025"]),
        ("Stillstand am 00.11.2025", ["00.11.2025"]),
        ("OEE vom 31.04.2025", ["31.04.2025"]),
        ("downtime on 2025-13-45", ["2025-13-45"]),
        ("power on 2025-00-10", ["2025-00-10"]),
        ("What was the scrap rate of line 1 on February 30, 2025?", ["February 30, 2025"]),  # not 'February'
        ("scrap on Nov 31", ["Nov 31"]),
        ("OEE in KW 60", ["KW 60"]),
    ],
)
def test_impossible_dates_are_named_not_guessed(question, invalid):
    assert find_invalid_dates(question) == invalid
    assert find_timeframes(question, NOW) == []


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("Wie viel Strom wird die Linie 1 morgen verbrauchen?", D(11, 21), D(11, 22)),
        ("What will the scrap be tomorrow?", D(11, 21), D(11, 22)),
        ("Wie hoch wird die OEE morgen früh?", D(11, 21), D(11, 22)),
        ("übermorgen", D(11, 22), D(11, 23)),
        ("Stillstand nächste Woche", D(11, 24), D(12, 1)),
        ("What will the OEE of line 2 be next week?", D(11, 24), D(12, 1)),
        ("nächsten Monat", D(12, 1), D(1, 1, year=2026)),
        ("next month", D(12, 1), D(1, 1, year=2026)),
        ("OEE Linie 1 in 2026", D(1, 1, year=2026), D(1, 1, year=2027)),
        ("Ausschuss im Jahr 2030", D(1, 1, year=2030), D(1, 1, year=2031)),
        ("Freitag dieser Woche", D(11, 21), D(11, 22)),
        ("October 2026", D(10, 1, year=2026), D(11, 1, year=2026)),  # an explicit year is kept
    ],
)
def test_future_windows_are_marked_and_not_cut(question, start, end):
    (match,) = find_timeframes(question, NOW)
    assert match.window.future
    assert (match.window.start, match.window.end) == (start, end)


@pytest.mark.parametrize(
    ("question", "texts", "starts"),
    [
        (
            "Wie viel Strom hat Linie 4 gestern im Vergleich zu Montag verbraucht?",
            ["gestern", "Montag"],
            [D(11, 19), D(11, 17)],
        ),
        (
            "How much power did line 4 use yesterday compared with Monday?",
            ["yesterday", "Monday"],
            [D(11, 19), D(11, 17)],
        ),
        ("KW 45 vs KW 46", ["KW 45", "KW 46"], [D(11, 3), D(11, 10)]),
        ("Gutteile Linie 3 in KW 46 vs KW 45", ["in KW 46", "KW 45"], [D(11, 10), D(11, 3)]),
        (
            "Compare the OEE of line 3 in week 45 and week 46",
            ["in week 45", "week 46"],
            [D(11, 3), D(11, 10)],
        ),
        (
            "OEE letzte Woche gegenüber vorletzter Woche",
            ["letzte Woche", "vorletzter Woche"],
            [D(11, 10), D(11, 3)],
        ),
        (
            "Zykluszeit Linie 2: gestern gegenüber vorgestern",
            ["gestern", "vorgestern"],
            [D(11, 19), D(11, 18)],
        ),
        ("scrap today versus yesterday", ["today", "yesterday"], [D(11, 20), D(11, 19)]),
        ("Strom am 12.11. und am 19.11.", ["am 12.11.", "am 19.11."], [D(11, 12), D(11, 19)]),  # two days
        ("gestern - heute", ["gestern", "heute"], [D(11, 19), D(11, 20)]),  # a comparison, not a range
        ("power in October and in September", ["in October", "in September"], [D(10, 1), D(9, 1)]),
    ],
)
def test_several_time_frames_in_order(question, texts, starts):
    found = find_timeframes(question, NOW)
    assert [m.text for m in found] == texts
    assert [m.window.start for m in found] == starts
    assert all(a.span[1] <= b.span[0] for a, b in pairwise(found))


@pytest.mark.parametrize(
    ("question", "label_de", "label_en"),
    [
        ("gestern", "gestern (Mi 19.11.2025)", "yesterday (Wed 2025-11-19)"),
        ("heute", "heute (Do 20.11.2025 bis 14:00)", "today (Thu 2025-11-20 until 14:00)"),
        ("am Montag", "Montag (Mo 17.11.2025)", "Monday (Mon 2025-11-17)"),
        ("KW 46", "KW 46 (10.11.–16.11.2025)", "week 46 (2025-11-10 – 2025-11-16)"),
        (
            "letzte Woche",
            "letzte Woche (KW 46, 10.11.–16.11.2025)",
            "last week (week 46, 2025-11-10 – 2025-11-16)",
        ),
        (
            "die letzten 4 Wochen",
            "letzte 4 Wochen (23.10.–19.11.2025)",
            "last 4 weeks (2025-10-23 – 2025-11-19)",
        ),
        ("im Oktober", "Oktober 2025 (01.10.–31.10.2025)", "October 2025 (2025-10-01 – 2025-10-31)"),
        (
            "seit dem 10.11.",
            "seit 10.11.2025 (10.11.–20.11.2025 14:00)",
            "since 2025-11-10 (2025-11-10 – 2025-11-20 14:00)",
        ),
        ("vom 3.11. bis 7.11.", "03.11.–07.11.2025", "2025-11-03 – 2025-11-07"),
        ("vom 28.12.2024 bis 3.1.2025", "28.12.2024–03.01.2025", "2024-12-28 – 2025-01-03"),
        ("19.11.2025", "Mi 19.11.2025", "Wed 2025-11-19"),
        (
            "letzte Schicht",
            "letzte Schicht (Frühschicht Do 20.11.2025, 06:00–14:00)",
            "last shift (early shift Thu 2025-11-20, 06:00–14:00)",
        ),
        ("morgen", "morgen (Fr 21.11.2025)", "tomorrow (Fri 2025-11-21)"),
    ],
)
def test_labels_state_the_window(question, label_de, label_en):
    (match,) = find_timeframes(question, NOW)
    assert (match.window.label("de"), match.window.label("en")) == (label_de, label_en)


MONDAY = datetime(2025, 11, 17, 9, 0)
FIRST_OF_MONTH = datetime(2025, 12, 1, 8, 0)
JANUARY = datetime(2026, 1, 5, 10, 0)  # Monday of ISO week 2 of 2026
NEW_YEARS_EVE = datetime(2025, 12, 30, 12, 0)  # already ISO week 1 of 2026


@pytest.mark.parametrize(
    ("now", "question", "start", "end"),
    [
        (MONDAY, "Montag", D(11, 17), MONDAY),  # today is Monday
        (MONDAY, "letzten Montag", D(11, 17), MONDAY),
        (MONDAY, "Sonntag", D(11, 16), D(11, 17)),
        (MONDAY, "gestern", D(11, 16), D(11, 17)),
        (MONDAY, "this week", D(11, 17), MONDAY),
        (MONDAY, "last week", D(11, 10), D(11, 17)),
        (MONDAY, "last shift", D(11, 14, 22), D(11, 15, 6)),  # Friday's night shift; none at the weekend
        (MONDAY, "von Montag bis Mittwoch", D(11, 10), D(11, 13)),  # the last complete Monday to Wednesday
        (FIRST_OF_MONTH, "diesen Monat", D(12, 1), FIRST_OF_MONTH),
        (FIRST_OF_MONTH, "letzten Monat", D(11, 1), D(12, 1)),
        (FIRST_OF_MONTH, "last month", D(11, 1), D(12, 1)),
        (FIRST_OF_MONTH, "im Dezember", D(12, 1), FIRST_OF_MONTH),  # begun this morning: this year's
        (FIRST_OF_MONTH, "yesterday", D(11, 30), D(12, 1)),
        (FIRST_OF_MONTH, "die letzten 4 Wochen", D(11, 3), D(12, 1)),  # the whole days before today
        (JANUARY, "KW 52", D(12, 22), D(12, 29)),  # week 52 of 2026 lies ahead: last year's
        (JANUARY, "week 1", D(12, 29), D(1, 5, year=2026)),  # ISO week 1 of 2026 starts in December
        (JANUARY, "KW 2", D(1, 5, year=2026), JANUARY),
        (JANUARY, "KW 3", D(1, 13), D(1, 20)),
        (JANUARY, "letzte Woche", D(12, 29), D(1, 5, year=2026)),
        (JANUARY, "the week before last", D(12, 22), D(12, 29)),
        (JANUARY, "letzten Monat", D(12, 1), D(1, 1, year=2026)),
        (JANUARY, "in October", D(10, 1), D(11, 1)),
        (JANUARY, "am 30.12.", D(12, 30), D(12, 31)),
        (JANUARY, "vom 28.12. bis 3.1.", D(12, 28), D(1, 4, year=2026)),
        (JANUARY, "dieses Jahr", D(1, 1, year=2026), JANUARY),
        (JANUARY, "last year", D(1, 1), D(1, 1, year=2026)),
        (NEW_YEARS_EVE, "KW 1", D(12, 29), NEW_YEARS_EVE),  # the current week, not January 2025
        (NEW_YEARS_EVE, "KW 52", D(12, 22), D(12, 29)),
    ],
)
def test_other_clocks(now, question, start, end):
    (match,) = find_timeframes(question, now)
    assert (match.window.start, match.window.end) == (start, end)


@pytest.mark.parametrize(
    ("question", "code", "text"),
    [
        ("Ausschuss in der Frühschicht", "E", "Frühschicht"),
        ("Fruehschicht gestern", "E", "Fruehschicht"),
        ("early shift output of line 1", "E", "early shift"),
        ("Wie viel Ausschuss in der Spätschicht?", "L", "Spätschicht"),
        ("Spaetschicht", "L", "Spaetschicht"),
        ("downtime in the late shift", "L", "late shift"),
        ("Nachtschicht OEE", "N", "Nachtschicht"),
        ("OEE of line 3 in the night shift", "N", "night shift"),
        ("Kurzstopps nachts", "N", "nachts"),
        ("Kurzstopps in der Nacht", "N", "Nacht"),
    ],
)
def test_shift_names(shift_catalog, question, code, text):
    # shifts are the plant's own (its shifts table); the usual words for early, late and night come with them
    (found,) = [m for m in shift_catalog.find(question)[0] if m.entity.kind == "shift"]
    assert found.entity.id == code and question[found.span[0] : found.span[1]] == text


@pytest.mark.parametrize(
    "question", ["OEE Linie 1 gestern", "Wie spät ist es?", "Good morning!", "shift change"]
)
def test_no_shift_where_there_is_none(shift_catalog, question):
    assert not [m for m in shift_catalog.find(question)[0] if m.entity.kind == "shift"]


@pytest.fixture(scope="module")
def shift_catalog(sample_db):
    from connectors.duckdb_connector import DuckDBConnector
    from copilot.entities import EntityCatalog

    return EntityCatalog.from_connector(DuckDBConnector(sample_db))


@pytest.mark.parametrize(
    ("now", "start"),
    [
        (NOW, D(11, 20, 6)),  # Thursday 14:00: the early shift has just ended
        (D(11, 20, 13), D(11, 19, 22)),  # the early shift still runs: Wednesday's night shift
        (D(11, 20, 22), D(11, 20, 14)),  # Thursday's late shift
        (D(11, 20, 5), D(11, 19, 14)),  # the night shift still runs: Wednesday's late shift
        (D(11, 22, 12), D(11, 21, 22)),  # Saturday: Friday's night shift ended at 06:00
        (D(11, 22, 5), D(11, 21, 14)),  # Saturday early morning: Friday's late shift
        (D(11, 24, 5), D(11, 21, 22)),  # Monday before six: still Friday's night shift
        (D(11, 24, 14), D(11, 24, 6)),  # Monday's early shift
    ],
)
def test_last_shift(now, start):
    window = last_shift(now)
    assert (window.start, window.end, window.grain) == (start, start + timedelta(hours=8), "shift")
    assert window.end <= now  # it has ended
    assert "Schicht" in window.label_de and "shift" in window.label_en


def test_last_shift_of_one_kind():
    window = last_shift(NOW, "N")
    assert (window.start, window.end) == (D(11, 19, 22), D(11, 20, 6))
    assert window.label_en == "last night shift (night shift Wed 2025-11-19, 22:00–06:00)"
    assert window.days == [date(2025, 11, 19), date(2025, 11, 20)]


@pytest.mark.parametrize(
    ("days", "start", "label_de", "label_en"),
    [
        (
            28,
            D(10, 24),
            "letzte 4 Wochen (24.10.–20.11.2025 14:00)",
            "last 4 weeks (2025-10-24 – 2025-11-20 14:00)",
        ),
        (
            7,
            D(11, 14),
            "letzte 7 Tage (14.11.–20.11.2025 14:00)",
            "last 7 days (2025-11-14 – 2025-11-20 14:00)",
        ),
        (
            3,
            D(11, 18),
            "letzte 3 Tage (18.11.–20.11.2025 14:00)",
            "last 3 days (2025-11-18 – 2025-11-20 14:00)",
        ),
    ],
)
def test_default_window(days, start, label_de, label_en):
    window = default_window(NOW, days)
    assert (window.start, window.end, window.grain) == (start, NOW, "range")
    assert (window.label_de, window.label_en) == (label_de, label_en)


def test_default_window_is_four_weeks():
    assert default_window(NOW) == default_window(NOW, 28)


def test_days_and_label():
    (week,) = find_timeframes("letzte Woche", NOW)
    assert week.window.days == [date(2025, 11, d) for d in range(10, 17)]
    (today,) = find_timeframes("heute", NOW)
    assert today.window.days == [date(2025, 11, 20)]
    empty = TimeWindow(NOW, NOW, "", "", "range")
    assert empty.days == []
    assert week.window.label("de") == week.window.label_de and week.window.label("en") == week.window.label_en


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "x" * 500,
        "😀🏭🔥",
        "Dezember 9999",
        "KW 52/9999",
        "vom 1.1.1900 bis",
        "letzte 999 Monate",
        "??? 31.12.",
    ],
)
def test_odd_input_never_fails(question):
    for match in find_timeframes(question, NOW):
        assert question[match.span[0] : match.span[1]] == match.text
    assert isinstance(find_invalid_dates(question), list)
