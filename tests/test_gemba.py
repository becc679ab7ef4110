"""Gemba observations: linked to the planted evidence, kept in the application store, reported per walk."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.cli import main
from copilot.entities import EntityCatalog
from copilot.gemba.links import link_observation
from copilot.gemba.observe import observe
from copilot.gemba.report import walk_report
from copilot.gemba.store import GembaError, GembaStore
from copilot.handover.build import build_handover

NOW = datetime(2025, 11, 20, 13, 30)
HYDRAULIC = "an L2-S2 tropft Öl am Hydraulikschlauch, Bediener sagt seit Montag"
STOPS = """
SELECT e.reason_code, COUNT(*), SUM(e.duration_s) / 60 FROM downtime_events e JOIN downtime_reasons r USING (reason_code)
WHERE NOT r.planned AND e.station_id = $station AND e.shift_date BETWEEN $first AND $last GROUP BY 1
"""
NIGHT_ALARMS = """
SELECT COUNT(*), COUNT(*) FILTER (WHERE c.shift_code = 'N') FROM alarms a
JOIN stations s USING (station_id) JOIN shift_calendar c ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts
WHERE a.station_id = $station AND a.alarm_code = $code AND c.shift_date BETWEEN $first AND $last
"""


@pytest.fixture(scope="module")
def plant(sample_db):
    connector = DuckDBConnector(sample_db)
    yield connector, EntityCatalog.from_connector(connector)
    connector.close()


@pytest.fixture()
def store(tmp_path):
    opened = GembaStore(tmp_path / "store.sqlite")
    yield opened
    opened.close()


def test_hydraulic_note_finds_the_breakdown_and_its_order(plant, con):
    found = link_observation(*plant, HYDRAULIC, NOW)
    assert (found.place.line, found.place.station) == ("L2", "L2-S2")
    assert found.window.start == datetime(2025, 11, 17) and found.time_said == "seit Montag"
    plain = {code: (n, minutes) for code, n, minutes in con.execute(
        STOPS, {"station": "L2-S2", "first": "2025-11-17", "last": "2025-11-20"}).fetchall()}  # fmt: skip
    assert {s["reason"]: (s["count"], pytest.approx(s["minutes"])) for s in found.stops} == plain
    assert found.stops[0]["reason"] == "BD-HYD" and 80 <= found.stops[0]["minutes"] <= 110
    assert [(o["mo_id"], o["status"]) for o in found.orders] == [("MO-L2-0045", "done")]


def test_the_card_answers_in_german_and_english(plant, store):
    note = observe(*plant, store, HYDRAULIC, NOW, "coach", "de")
    minutes = round(note.link["stops"][0]["minutes"])
    german, english = note.card("de"), note.card("en")
    assert german.startswith("Seit Montag (17.11.") and f"1× Hydraulikstörung ({minutes} min)" in german
    assert "Instandhaltungsauftrag MO-L2-0045 erledigt" in german
    assert (
        f"1× Hydraulic failure ({minutes} min)" in english and "maintenance order MO-L2-0045 done" in english
    )


def test_night_alarms_at_l3_s4(plant, con):
    found = link_observation(*plant, "L3-S4 klemmt nachts, seit zwei Wochen", NOW)
    top = found.alarms[0]
    total, night = con.execute(
        NIGHT_ALARMS,
        {"station": "L3-S4", "code": "A-217", "first": found.window.start.date(), "last": "2025-11-20"},
    ).fetchone()
    assert (top["alarm"], top["count"], top["night"]) == ("A-217", total, night)
    assert night > total / 2


@pytest.mark.parametrize(
    ("text", "start", "place"),
    [
        ("since Monday oil under station 2 of line 2", datetime(2025, 11, 17), ("L2", "L2-S2")),
        ("gestern an Linie 2 viele Risse", datetime(2025, 11, 19), ("L2", None)),
        ("heute Lackläufer an L4", datetime(2025, 11, 20), ("L4", None)),
    ],
)
def test_time_and_place_come_from_the_note(plant, text, start, place):
    found = link_observation(*plant, text, NOW)
    assert found.window.start == start and (found.place.line, found.place.station) == place


def test_a_note_without_a_place_is_refused_plainly(plant, store):
    with pytest.raises(GembaError) as refused:
        observe(*plant, store, "Greifer hakt", NOW)
    assert "keine Linie oder Station" in refused.value.text(
        "de"
    ) and "no line or station" in refused.value.text("en")
    assert store.notes() == []
    note = observe(*plant, store, "Greifer hakt", NOW, station="L4-S3")
    assert note.station == "L4-S3" and note.line == "L4"


def test_notes_and_photos_stay_in_the_store_never_in_the_plant(plant, store, sample_db):
    before = hashlib.sha256(sample_db.read_bytes()).hexdigest()
    walk = store.start_walk("Presswerk", "coach")
    observe(*plant, store, HYDRAULIC, NOW, walk_id=walk.id, photo=b"\xff\xd8 photo bytes")
    observe(*plant, store, "L3-S4 klemmt nachts seit zwei Wochen", NOW, "operator", "en", walk_id=walk.id)
    again = GembaStore(store.path)
    notes = again.notes(walk_id=walk.id)
    assert [n.station for n in notes] == ["L2-S2", "L3-S4"]
    assert again.photo(notes[0]) == b"\xff\xd8 photo bytes" and (store.photo_dir / notes[0].photo).exists()
    assert "MO-L2-0045" in notes[0].card("de")
    md = walk_report(again, walk.id, "md", "de")
    html = walk_report(again, walk.id, "html", "en")
    assert md.startswith("# Gemba-Rundgang: Presswerk") and "A-217" in md and f"`{notes[0].photo}`" in md
    assert "data:image/jpeg;base64," in html and "maintenance order MO-L2-0045 done" in html
    assert hashlib.sha256(sample_db.read_bytes()).hexdigest() == before


def test_handover_shows_the_notes_of_its_shift(plant, store):
    observe(*plant, store, HYDRAULIC, NOW)
    observe(*plant, store, "L2-S2 wieder Öl", datetime(2025, 11, 19, 23))  # the night before: not this shift
    handover = build_handover(*plant, "L2", datetime(2025, 11, 20, 14))
    from copilot.gemba.store import notes_of_shift

    shown = notes_of_shift(handover.slot, store.path)
    assert [n.text for n in shown] == [HYDRAULIC]


def test_cli_walk_add_list_report(sample_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "cli.sqlite"))
    assert main(["gemba", "walk", "Linie 2"]) == 0
    walk = capsys.readouterr().out.strip()
    photo = tmp_path / "leak.png"
    photo.write_bytes(b"\x89PNG not really")
    assert (
        main(
            [
                "gemba",
                "add",
                HYDRAULIC,
                "--db",
                str(sample_db),
                "--now",
                NOW.isoformat(),
                "--photo",
                str(photo),
            ]
        )
        == 0
    )
    assert "MO-L2-0045 erledigt" in capsys.readouterr().out
    assert main(["gemba", "add", "Greifer hakt", "--db", str(sample_db), "--lang", "en"]) == 1
    assert "no line or station" in capsys.readouterr().err
    assert main(["gemba", "list", "--walk", walk]) == 0
    assert capsys.readouterr().out.rstrip().endswith("1 Beobachtung")
    out = tmp_path / "walk.html"
    assert main(["gemba", "report", "--format", "html", "--out", str(out), "--lang", "en"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Gemba walk: Linie 2" in page and "data:image/png;base64," in page
    assert main(["gemba", "report", "--walk", "nope"]) == 1
    assert "keinen Rundgang" in capsys.readouterr().err
