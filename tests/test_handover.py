"""The shift handover: its figures agree with the contract's definitions in plain SQL, in both languages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from plain_shift import plain_losses, plain_plan, plain_scrap, plain_shift

from connectors.duckdb_connector import DuckDBConnector
from copilot.cli import main
from copilot.entities import EntityCatalog
from copilot.handover.build import HandoverError, build_handover
from copilot.handover.render import render_handover

NOWS = [datetime(2025, 11, 20, 14), datetime(2025, 11, 19, 22), datetime(2025, 11, 20, 6)]  # E, L, N ended


@pytest.fixture(scope="module")
def plant(sample_db):
    connector = DuckDBConnector(sample_db)
    yield connector, EntityCatalog.from_connector(connector)
    connector.close()


@pytest.mark.parametrize("now", NOWS, ids=["early", "late", "night"])
@pytest.mark.parametrize("line", ["L1", "L2", "L3", "L4"])
def test_handover_figures_match_plain_sql(plant, con, line, now):
    connector, catalog = plant
    h = build_handover(connector, catalog, line, now)
    slot = h.slot
    assert slot.end <= now and slot.line == line
    assert now - slot.end < timedelta(hours=9)  # the shift that ended last (L4 works no night shift)
    plain = plain_shift(con, line, slot.day, slot.code)
    assert h.output == plain["output"] and h.good == plain["good"]
    for key in ("oee", "availability", "performance", "quality"):
        assert getattr(h, key) == pytest.approx(plain[key], rel=1e-9), key
    week = plain_shift(con, line, slot.day - timedelta(days=7), slot.code)
    assert h.output_week_ago == week["output"]
    assert h.plan == pytest.approx(plain_plan(con, line, slot.start, slot.end, now), rel=1e-9)
    expected = plain_losses(con, line, slot.day, slot.code)
    assert [(x.station, x.reason, x.stops) for x in h.losses] == [(s, r, n) for s, r, _m, n in expected]
    assert [x.minutes for x in h.losses] == pytest.approx([m for _s, _r, m, _n in expected])
    assert sorted((s.defect, s.units) for s in h.scrap) == sorted(plain_scrap(con, line, slot.day, slot.code))


def test_line_2_late_shift_shows_the_breakdown_its_order_and_the_scrap(plant):
    connector, catalog = plant
    h = build_handover(connector, catalog, "Linie 2", datetime(2025, 11, 19, 22, 30))
    assert (h.slot.code, h.slot.day.isoformat()) == ("L", "2025-11-19")
    top = h.losses[0]
    assert (top.station, top.reason) == ("L2-S2", "BD-HYD") and 80 <= top.minutes <= 110
    assert [m.mo_id for m in h.maintenance if m.station == "L2-S2"] == ["MO-L2-0045"]
    german = render_handover(h, "de")
    english = render_handover(h, "en")
    assert "Hydraulikstörung" in german and "Hydraulic failure" in english
    assert "erledigt" in german and "done" in english
    availability = h.availability * 100
    assert f"{availability:.1f} %".replace(".", ",") in german and f"{availability:.1f} %" in english
    assert "L2-S2 beobachten" in german and "Watch L2-S2" in english
    assert any(
        "Riss im Blech" in de and "Crack in the sheet" in en for de, en in h.watch
    )  # scrap above normal


def test_markdown_and_html_carry_the_queries(plant):
    connector, catalog = plant
    h = build_handover(connector, catalog, "L3", datetime(2025, 11, 20, 14))
    md = render_handover(h, "en", "md")
    html = render_handover(h, "de", "html")
    assert md.startswith("# Shift handover Line 3") and "```sql" in md
    assert "<h1>Schichtübergabe Linie 3" in html and "@page { size: A4" in html and "shift_calendar" in html


def test_unknown_line_and_no_running_shift_are_said_plainly(plant):
    connector, catalog = plant
    with pytest.raises(HandoverError) as unknown:
        build_handover(connector, catalog, "L9", connector.now())
    assert "L1, L2, L3, L4" in unknown.value.text("de") and "no line" in unknown.value.text("en")
    with pytest.raises(HandoverError) as weekend:
        build_handover(connector, catalog, "L2", datetime(2025, 11, 16, 12), "current")
    assert "keine Schicht" in weekend.value.text("de")


def test_cli_prints_the_handover_and_refuses_bad_input(sample_db, capsys):
    assert main(["handover", "--line", "L2", "--db", str(sample_db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Shift handover Line 2") and "What to watch" in out
    assert main(["handover", "--line", "Linie 7", "--db", str(sample_db)]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
