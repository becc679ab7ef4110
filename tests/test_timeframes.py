"""Time frames are resolved in code against the data set's clock (now = Thu 2025-11-20 14:00)."""

from __future__ import annotations

from datetime import datetime

import pytest

from copilot.timeframes import default_window, find_invalid_dates, find_shift, find_timeframes, last_shift

NOW = datetime(2025, 11, 20, 14, 0)
D = datetime

CASES = [
    # (question, start, end): the first time frame found
    ("OEE heute", D(2025, 11, 20), NOW),
    ("OEE today", D(2025, 11, 20), NOW),
    ("Stillstand gestern", D(2025, 11, 19), D(2025, 11, 20)),
    ("downtime yesterday", D(2025, 11, 19), D(2025, 11, 20)),
    ("Ausschuss vorgestern", D(2025, 11, 18), D(2025, 11, 19)),
    ("scrap the day before yesterday", D(2025, 11, 18), D(2025, 11, 19)),
    ("Strom am Montag", D(2025, 11, 17), D(2025, 11, 18)),
    ("power on Monday", D(2025, 11, 17), D(2025, 11, 18)),
    ("Strom letzten Montag", D(2025, 11, 17), D(2025, 11, 18)),
    ("power last monday", D(2025, 11, 17), D(2025, 11, 18)),
    ("OEE Dienstag", D(2025, 11, 18), D(2025, 11, 19)),
    ("OEE on tuesday", D(2025, 11, 18), D(2025, 11, 19)),
    ("Mittwoch Ausschuss", D(2025, 11, 19), D(2025, 11, 20)),
    ("Wednesday scrap", D(2025, 11, 19), D(2025, 11, 20)),
    ("Donnerstag", D(2025, 11, 20), NOW),  # today is Thursday
    ("thursday", D(2025, 11, 20), NOW),
    ("am Freitag", D(2025, 11, 14), D(2025, 11, 15)),
    ("on Friday", D(2025, 11, 14), D(2025, 11, 15)),
    ("Samstag Grundlast", D(2025, 11, 15), D(2025, 11, 16)),
    ("Sunday idle load", D(2025, 11, 16), D(2025, 11, 17)),
    ("diese Woche", D(2025, 11, 17), NOW),
    ("this week", D(2025, 11, 17), NOW),
    ("in der laufenden Woche", D(2025, 11, 17), NOW),
    ("letzte Woche", D(2025, 11, 10), D(2025, 11, 17)),
    ("vergangene Woche", D(2025, 11, 10), D(2025, 11, 17)),
    ("last week", D(2025, 11, 10), D(2025, 11, 17)),
    ("previous week", D(2025, 11, 10), D(2025, 11, 17)),
    ("vorletzte Woche", D(2025, 11, 3), D(2025, 11, 10)),
    ("the week before last", D(2025, 11, 3), D(2025, 11, 10)),
    ("KW 46", D(2025, 11, 10), D(2025, 11, 17)),
    ("KW46", D(2025, 11, 10), D(2025, 11, 17)),
    ("in Kalenderwoche 45", D(2025, 11, 3), D(2025, 11, 10)),
    ("week 46", D(2025, 11, 10), D(2025, 11, 17)),
    ("CW 44", D(2025, 10, 27), D(2025, 11, 3)),
    ("wk 45", D(2025, 11, 3), D(2025, 11, 10)),
    ("diesen Monat", D(2025, 11, 1), NOW),
    ("this month", D(2025, 11, 1), NOW),
    ("letzten Monat", D(2025, 10, 1), D(2025, 11, 1)),
    ("letzter Monat", D(2025, 10, 1), D(2025, 11, 1)),
    ("vorigen Monat", D(2025, 10, 1), D(2025, 11, 1)),
    ("last month", D(2025, 10, 1), D(2025, 11, 1)),
    ("im Oktober", D(2025, 10, 1), D(2025, 11, 1)),
    ("Oktober 2025", D(2025, 10, 1), D(2025, 11, 1)),
    ("in October", D(2025, 10, 1), D(2025, 11, 1)),
    ("October 2025", D(2025, 10, 1), D(2025, 11, 1)),
    ("im September", D(2025, 9, 1), D(2025, 10, 1)),
    ("seit dem 10.11.", D(2025, 11, 10), NOW),
    ("seit 10.11.2025", D(2025, 11, 10), NOW),
    ("since 10 November", D(2025, 11, 10), NOW),
    ("since Nov 10", D(2025, 11, 10), NOW),
    ("since 2025-11-10", D(2025, 11, 10), NOW),
    ("seit Montag", D(2025, 11, 17), NOW),
    ("since Monday", D(2025, 11, 17), NOW),
    ("von 3.11. bis 7.11.", D(2025, 11, 3), D(2025, 11, 8)),
    ("vom 03.11.2025 bis zum 07.11.2025", D(2025, 11, 3), D(2025, 11, 8)),
    ("zwischen dem 3. und 7. November", D(2025, 11, 3), D(2025, 11, 8)),
    ("from 3 Nov to 7 Nov", D(2025, 11, 3), D(2025, 11, 8)),
    ("between Nov 3 and Nov 7", D(2025, 11, 3), D(2025, 11, 8)),
    ("2025-11-03 to 2025-11-07", D(2025, 11, 3), D(2025, 11, 8)),
    ("from 2025-11-03 to 2025-11-07", D(2025, 11, 3), D(2025, 11, 8)),
    ("die letzten 4 Wochen", D(2025, 10, 24), NOW),
    ("letzte vier Wochen", D(2025, 10, 24), NOW),
    ("in den letzten 14 Tagen", D(2025, 11, 7), NOW),
    ("the last four weeks", D(2025, 10, 24), NOW),
    ("past 2 weeks", D(2025, 11, 7), NOW),
    ("last 3 days", D(2025, 11, 18), NOW),
    ("over the last 7 days", D(2025, 11, 14), NOW),
    ("letzte zwei Wochen", D(2025, 11, 7), NOW),
    ("am 19.11.2025", D(2025, 11, 19), D(2025, 11, 20)),
    ("19.11.25", D(2025, 11, 19), D(2025, 11, 20)),
    ("am 19.11.", D(2025, 11, 19), D(2025, 11, 20)),
    ("19. November", D(2025, 11, 19), D(2025, 11, 20)),
    ("am 19. Nov", D(2025, 11, 19), D(2025, 11, 20)),
    ("2025-11-19", D(2025, 11, 19), D(2025, 11, 20)),
    ("11/19/2025", D(2025, 11, 19), D(2025, 11, 20)),
    ("Nov 19", D(2025, 11, 19), D(2025, 11, 20)),
    ("November 19th", D(2025, 11, 19), D(2025, 11, 20)),
    ("19 November 2025", D(2025, 11, 19), D(2025, 11, 20)),
    ("on the 19th of November", D(2025, 11, 19), D(2025, 11, 20)),
    ("am 12.11.", D(2025, 11, 12), D(2025, 11, 13)),
    ("on 12 Nov", D(2025, 11, 12), D(2025, 11, 13)),
    ("letzte Schicht", D(2025, 11, 20, 6), D(2025, 11, 20, 14)),
    ("last shift", D(2025, 11, 20, 6), D(2025, 11, 20, 14)),
    ("vorige Schicht", D(2025, 11, 20, 6), D(2025, 11, 20, 14)),
    ("previous shift", D(2025, 11, 20, 6), D(2025, 11, 20, 14)),
    ("Wie hoch war die OEE von Linie 1 GESTERN?", D(2025, 11, 19), D(2025, 11, 20)),
    ("WHAT HAPPENED YESTERDAY", D(2025, 11, 19), D(2025, 11, 20)),
]


@pytest.mark.parametrize(("question", "start", "end"), CASES)
def test_time_frame_is_resolved(question, start, end):
    found = find_timeframes(question, NOW)
    assert found, question
    window = found[0].window
    assert (window.start, window.end) == (start, end)
    assert not window.future
    assert window.label_de and window.label_en


@pytest.mark.parametrize(
    "question",
    [
        "OEE Linie 3",  # a line number is not a date
        "line 4 power",
        "Kurzstopps an L3-S4",  # a station
        "KPI 85 %",
        "Station 2 an Linie 1",
        "top 5 Gründe",
        "Was ist 5S?",
        "Teil P-3101",
        "Warum schwankt die Taktzeit in Linie 3?",
        "Which problems did line 2 have?",
    ],
)
def test_no_time_frame_where_there_is_none(question):
    assert find_timeframes(question, NOW) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Wie viel Strom hat Linie 4 gestern im Vergleich zu Montag verbraucht?",
            [D(2025, 11, 19), D(2025, 11, 17)],
        ),
        ("How much power did line 4 use yesterday compared with Monday?", [D(2025, 11, 19), D(2025, 11, 17)]),
        ("KW 45 vs KW 46", [D(2025, 11, 3), D(2025, 11, 10)]),
        ("OEE letzte Woche gegenüber vorletzter Woche", [D(2025, 11, 10), D(2025, 11, 3)]),
        ("scrap today versus yesterday", [D(2025, 11, 20), D(2025, 11, 19)]),
    ],
)
def test_several_time_frames_in_order(question, expected):
    assert [t.window.start for t in find_timeframes(question, NOW)] == expected


def test_span_covers_exactly_the_expression():
    question = "Strom von Linie 4 gestern?"
    (match,) = find_timeframes(question, NOW)
    assert question[match.span[0] : match.span[1]] == "gestern"


@pytest.mark.parametrize("question", ["morgen", "tomorrow", "nächste Woche", "next week"])
def test_future_windows_are_marked(question):
    (match,) = find_timeframes(question, NOW)
    assert match.window.future and match.window.start > NOW


@pytest.mark.parametrize("question", ["am 31.02.2025", "on 2025-13-45", "am 30.02.", "32.11.2025"])
def test_impossible_dates_are_named_not_guessed(question):
    assert find_timeframes(question, NOW) == []
    assert find_invalid_dates(question)


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("Ausschuss in der Frühschicht", "E"), ("Fruehschicht gestern", "E"), ("early shift", "E"),
        ("Spätschicht", "L"), ("late shift scrap", "L"), ("Nachtschicht OEE", "N"), ("on the night shift", "N"),
        ("nachts", "N"),
    ],
)  # fmt: skip
def test_shift_names(question, code):
    found = find_shift(question)
    assert found is not None and found[0] == code


def test_other_clocks():
    monday = datetime(2025, 11, 17, 9, 0)
    (today,) = find_timeframes("Montag", monday)
    assert today.window.start == D(2025, 11, 17)
    first_of_month = datetime(2025, 12, 1, 8, 0)
    (month,) = find_timeframes("letzten Monat", first_of_month)
    assert (month.window.start, month.window.end) == (D(2025, 11, 1), D(2025, 12, 1))
    january = datetime(2026, 1, 5, 10, 0)
    (week,) = find_timeframes("KW 52", january)
    assert week.window.start == D(2025, 12, 22)  # week 52 of 2026 lies ahead, so last year's
    (october,) = find_timeframes("im Oktober", january)
    assert october.window.start == D(2025, 10, 1)


def test_last_shift_skips_the_weekend_and_default_window():
    assert last_shift(datetime(2025, 11, 22, 12, 0)).start == D(2025, 11, 21, 22)
    window = default_window(NOW, 7)
    assert (window.start, window.end) == (D(2025, 11, 14), NOW)
    assert "14.11." in window.label_de and "2025-11-14" in window.label_en
