"""Phrases searched in the notes typed at the line, the notes themselves, the moment of the longest record, pairs
of groupings ranked, and a day against an average day: each answer against plain SQL."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.planner.notes import searched_notes

OCTOBER = "shift_date BETWEEN DATE '2025-10-01' AND DATE '2025-10-31'"


@pytest.fixture(scope="module")
def copilot(sample_db: Path) -> Copilot:
    return Copilot(DuckDBConnector(sample_db))


def _rows(sample_db: Path, sql: str, parameters: list[object] | None = None) -> list[tuple[object, ...]]:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def _common_notes(sample_db: Path) -> list[str]:
    """The notes typed most often, most often first."""
    sql = "SELECT note FROM downtime_events WHERE note IS NOT NULL GROUP BY note ORDER BY COUNT(*) DESC, note LIMIT 3"
    return [str(n) for (n,) in _rows(sample_db, sql)]


def test_a_quoted_phrase_is_searched_only_when_the_notes_are_named() -> None:
    text, phrases = searched_notes("wie oft stand „Teil quer“ in den Notizen?")
    assert (
        phrases == ("Teil quer",)
        and "Teil quer" not in text
        and len(text) == len("wie oft stand „Teil quer“ in den Notizen?")
    )
    assert searched_notes("OEE der 'Montage' gestern")[1] == ()  # a quoted name, no note word: no search


@pytest.mark.parametrize(
    "question",
    [
        "how often did somebody type '{phrase}' into the downtime notes in October?",
        "Wie viele Stillstände hatten im Oktober „{phrase}“ als Notiz?",
    ],
)
def test_stops_whose_note_holds_a_phrase_are_counted(
    copilot: Copilot, sample_db: Path, question: str
) -> None:
    note = _common_notes(sample_db)[0]
    phrase = note.split()[-1].upper() if len(note.split()) > 1 else note.upper()  # any case, part of the note
    answer = copilot.ask(question.format(phrase=phrase))
    ((expected,),) = _rows(
        sample_db,
        f"SELECT COUNT(*) FROM downtime_events WHERE lower(note) LIKE ? AND {OCTOBER}",
        [f"%{phrase.lower()}%"],
    )
    ((every,),) = _rows(sample_db, f"SELECT COUNT(*) FROM downtime_events WHERE {OCTOBER}")
    assert answer.facts[0].key == "stop_count" and answer.facts[0].value == expected
    assert 0 < int(expected) < int(every)  # the phrase restricts: a dropped search would count every stop
    assert phrase in answer.understood_text


def test_the_notes_of_named_stops_are_shown(copilot: Copilot, sample_db: Path) -> None:
    ((reason, day, note),) = _rows(
        sample_db,
        "SELECT r.text_de, e.shift_date, e.note FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
        "WHERE e.note IS NOT NULL AND e.line_id = 'L2' AND r.loss_category = 'breakdown' "
        "ORDER BY e.duration_s DESC LIMIT 1",
    )
    answer = copilot.ask(f"Was wurde am {day:%d.%m.%Y} bei der {reason} an L2 als Notiz eingetragen?")
    notes = [f.value for f in answer.facts if f.key == "note"]
    assert answer.intent == "latest" and note in notes
    assert note in answer.text


def test_the_moment_of_the_longest_stop_comes_first_when_asked_when(
    copilot: Copilot, sample_db: Path
) -> None:
    answer = copilot.ask("Wann war der längste Stillstand an Linie 2 und wie lange hat er gedauert?")
    ((start, minutes),) = _rows(
        sample_db,
        "SELECT e.start_ts, e.duration_s / 60 FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
        "WHERE e.line_id = 'L2' AND NOT r.planned ORDER BY e.duration_s DESC LIMIT 1",
    )
    assert answer.facts[0].unit == "timestamp" and answer.facts[0].value == start.isoformat()  # type: ignore[attr-defined]
    assert answer.facts[1].value == pytest.approx(minutes, abs=0.01)
    plain = copilot.ask("Wie lange war der längste Stillstand an Linie 2?")
    assert plain.facts[0].unit == "min"  # asked how long only: the duration first


@pytest.mark.parametrize(
    "question",
    ["Stillstand letzte Woche nach Linie und Grund – welche Kombination ist am größten?",
     "downtime last week by line and reason code, largest first"],
)  # fmt: skip
def test_pairs_of_groupings_are_ranked_as_pairs(copilot: Copilot, sample_db: Path, question: str) -> None:
    answer = copilot.ask(question)
    pairs = _rows(
        sample_db,
        "SELECT e.line_id, e.reason_code, SUM(e.duration_s) / 60 AS m FROM downtime_events e "
        "JOIN downtime_reasons r USING (reason_code) WHERE NOT r.planned "
        "AND e.shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-16' GROUP BY 1, 2 ORDER BY m DESC",
    )
    shown = [float(f.value) for f in answer.facts if f.key == "downtime"]
    assert shown[:3] == pytest.approx([float(m) for *_, m in pairs[:3]], abs=0.01)  # type: ignore[arg-type]
    lines = {str(line) for line, *_ in pairs[:5]}
    assert len(shown) > len(lines)  # every pair, not the top reason of each line


@pytest.mark.parametrize(
    "question",
    ["Top 3 Fehlerbilder gestern im ganzen Werk, mit Linie", "top 3 defects yesterday with the line"],
)
def test_the_top_ones_shown_with_another_grouping_are_the_top_pairs(
    copilot: Copilot, sample_db: Path, question: str
) -> None:
    answer = copilot.ask(question)
    pairs = _rows(
        sample_db,
        "SELECT line_id, defect_code, COUNT(*) AS n FROM units WHERE NOT is_good "
        "AND shift_date = DATE '2025-11-19' GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 3",
    )
    shown = [float(f.value) for f in answer.facts if f.key == "scrap_count"]
    assert shown == [float(n) for *_, n in pairs]  # type: ignore[arg-type]  # the top three pairs, not one a line


def test_a_day_against_an_average_day_is_a_difference_of_daily_means(
    copilot: Copilot, sample_db: Path
) -> None:
    answer = copilot.ask(
        "how many extra scrap parts did L1 make yesterday compared to an average day last week?"
    )
    days = _rows(
        sample_db,
        "SELECT shift_date, COUNT(*) FILTER (WHERE NOT is_good) FROM units WHERE line_id = 'L1' "
        "AND shift_date BETWEEN DATE '2025-11-10' AND DATE '2025-11-19' GROUP BY 1 ORDER BY 1",
    )
    yesterday = float(days[-1][1])  # type: ignore[arg-type]
    before = [float(n) for d, n in days[:-1] if str(d) <= "2025-11-16"]  # type: ignore[arg-type]
    assert answer.intent == "compare" and answer.facts[0].unit == "count"
    assert answer.facts[0].value == pytest.approx(yesterday - sum(before) / len(before), abs=0.01)


def test_how_often_and_how_long_in_total_gives_the_count_first(copilot: Copilot, sample_db: Path) -> None:
    ((code, count, minutes),) = _rows(
        sample_db,
        "SELECT alarm_code, COUNT(*), SUM(duration_s) / 60 FROM alarms WHERE ts >= TIMESTAMP '2025-11-10' "
        "AND ts < TIMESTAMP '2025-11-17' GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
    )
    answer = copilot.ask(f"wie oft kam {code} in KW 46 und wie lange insgesamt?")
    assert [f.unit for f in answer.facts[:2]] == ["count", "min"]
    assert answer.facts[0].value == count and answer.facts[1].value == pytest.approx(minutes, abs=0.01)


def test_the_longest_changeover_asked_with_its_products_is_that_record(
    copilot: Copilot, sample_db: Path
) -> None:
    ((record, before, after),) = _rows(
        sample_db,
        "SELECT changeover_id, from_product_id, to_product_id FROM changeovers "
        "WHERE start_ts >= TIMESTAMP '2025-11-10' AND start_ts < TIMESTAMP '2025-11-17' ORDER BY duration_s DESC LIMIT 1",
    )
    answer = copilot.ask("longest changeover last week - which line and what was switched?")
    facts = {f.key: f.value for f in answer.facts}
    assert answer.facts[0].value == record
    assert (facts["from_product"], facts["product"]) == (before, after)


def test_a_target_the_data_does_not_set_is_said_to_be_missing(copilot: Copilot) -> None:
    answer = copilot.ask("FPY per line this week vs the target")
    assert "no target is set" in answer.understood_text
    assert "no target is set" not in copilot.ask("OEE per line this week vs the target").understood_text


SLOWEST_UNIT = (
    "SELECT unit_id, ts FROM units WHERE line_id = ? AND shift_date = DATE '2025-11-19' "
    "AND cycle_time_s = (SELECT {agg}(cycle_time_s) FROM units WHERE line_id = ? AND shift_date = DATE '2025-11-19')"
)


def test_the_longest_cycle_is_one_unit_whose_moment_comes_first_when_asked(
    copilot: Copilot, sample_db: Path
) -> None:
    answer = copilot.ask("longest single cycle on line 2 yesterday - when was it?")
    rows = _rows(sample_db, SLOWEST_UNIT.format(agg="MAX"), ["L2", "L2"])
    assert len(rows) == 1
    (unit, ts), facts = rows[0], {f.key: f.value for f in answer.facts}
    assert answer.facts[0].key == "ts" and facts["ts"] == ts.isoformat() and facts["record"] == unit


def test_a_shortest_cycle_many_units_share_names_none_of_them(copilot: Copilot, sample_db: Path) -> None:
    answer = copilot.ask("kürzeste Taktzeit Linie 1 gestern")
    rows = _rows(sample_db, SLOWEST_UNIT.format(agg="MIN"), ["L1", "L1"])
    assert len(rows) > 1  # a tie, in the sample plant's data
    assert not any(f.key in ("record", "ts") for f in answer.facts)


def test_the_longest_stop_and_where_it_was_is_that_stop_not_a_ranking(
    copilot: Copilot, sample_db: Path
) -> None:
    answer = copilot.ask("Was war gestern der längste Stillstand auf Linie 2 und an welcher Station?")
    sql = (
        "SELECT e.event_id, e.station_id FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
        "WHERE NOT r.planned AND e.line_id = 'L2' AND e.shift_date = DATE '2025-11-19' "
        "ORDER BY e.duration_s DESC LIMIT 1"
    )
    ((event, station),) = _rows(sample_db, sql)
    facts = {f.key: f.value for f in answer.facts}
    assert answer.intent == "value" and answer.understood.group_by is None
    assert answer.facts[0].key == "record" and facts["record"] == event and facts["station"] == station
