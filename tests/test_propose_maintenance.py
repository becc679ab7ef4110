"""The maintenance-window proposal: the coming slot with the least planned output lost, against doing it now."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from copilot.cli import main
from copilot.proposals.maintenance import propose_maintenance
from copilot.proposals.render_maintenance import render_maintenance
from copilot.proposals.sequence import ProposalError

NOW = datetime(2025, 11, 20, 14)
DURATION = """
SELECT MEDIAN(DATE_DIFF('second', d.start_ts, d.end_ts)) / 60, COUNT(*) FROM maintenance_orders o
JOIN maintenance_orders d ON d.station_id = o.station_id AND d.kind = o.kind AND d.status = 'done'
WHERE o.mo_id = $mo
"""
HOUR_OUTPUT = """
SELECT COUNT(*) / 4.0 FROM units WHERE line_id = $line AND shift_date >= DATE '2025-10-23'
AND shift_date < DATE '2025-11-20' AND ISODOW(ts) = $dow AND HOUR(ts) = $hour
"""
CHANGES = """
SELECT o.order_id, o.planned_start_ts, o.product_id <> LAG(o.product_id) OVER (ORDER BY o.planned_start_ts)
FROM production_orders o WHERE o.line_id = $line AND o.status = 'planned' AND o.planned_start_ts > $now
"""


@pytest.fixture(scope="module", params=["L1", "L2", "L3", "L4"])
def proposals(request, plant):
    connector, catalog = plant
    return propose_maintenance(connector, catalog, NOW, line=request.param)


def plain_units(con, line: str, start: datetime, end: datetime) -> float:
    """The usual output of a window, hour by hour, from plain SQL over the last four weeks."""
    total, t = 0.0, start
    while t < end:
        piece = min(t.replace(minute=0) + timedelta(hours=1), end)
        rate = con.execute(HOUR_OUTPUT, {"line": line, "dow": t.isoweekday(), "hour": t.hour}).fetchone()[0]
        total += rate * (piece - t).total_seconds() / 3600
        t = piece
    return total


def test_duration_is_the_median_of_done_orders_of_the_kind(proposals, con):
    for p in proposals:
        median, count = con.execute(DURATION, {"mo": p.order.mo_id}).fetchone()
        if p.order.basis == "station":
            assert p.order.basis_orders == count
            assert p.order.minutes == max(15, round(median / 15) * 15)
        assert p.order.minutes >= 15


def test_lost_output_now_and_in_the_best_slot_match_plain_sql(proposals, con):
    for p in proposals:
        line = p.order.line
        assert p.now_slot is not None and p.now_slot.start == NOW  # the late shift runs at 14:00
        for slot in [p.now_slot, *p.best]:
            if slot.changeover_minutes == 0:
                assert slot.units == pytest.approx(plain_units(con, line, slot.start, slot.end))
            assert 0 <= slot.minutes <= p.order.minutes + 1e-9
            assert (slot.end - slot.start) == timedelta(minutes=p.order.minutes)
            assert slot.shift.start <= slot.start < slot.shift.end  # starts in a coming shift
        assert p.best[0].units <= p.now_slot.units and p.saved_units >= 0
        assert p.now_slot.units > 0  # doing it now costs output


def test_windows_in_changeovers_lie_before_a_planned_product_change(proposals, con):
    for p in proposals:
        changes = {
            r[1]: bool(r[2]) for r in con.execute(CHANGES, {"line": p.order.line, "now": NOW}).fetchall()
        }
        for slot in p.best:
            if slot.changeover_minutes:
                following = min(t for t in changes if t >= slot.start)
                assert following - slot.start <= timedelta(hours=2)
                assert changes[following] or following == min(changes)


def test_line_2_best_window_costs_nothing_against_over_two_hundred_parts_now(plant, con):
    (p,) = [x for x in propose_maintenance(*plant, NOW, line="Linie 2") if x.order.kind == "preventive"]
    assert p.order.mo_id == "MO-L2-0046" and p.best[0].units == pytest.approx(0)
    now_parts = plain_units(con, "L2", NOW, NOW + timedelta(minutes=p.order.minutes))
    assert p.now_slot is not None and p.now_slot.units == pytest.approx(now_parts) and now_parts > 200
    german, english = render_maintenance([p], "de"), render_maintenance([p], "en", "md")
    parts = f"{p.now_slot.units:.0f}"
    assert f"Gegenüber jetzt: {parts} Teile mehr" in german and "Bestes Fenster: Do 20.11." in german
    assert f"Against now: {parts} more parts" in english and english.startswith(
        "## Proposed maintenance window"
    )
    assert "nichts geändert" in german and "Nothing was changed" in english


def test_one_order_by_its_id_in_any_case(plant):
    (p,) = propose_maintenance(*plant, NOW, order="mo-l1-0053")
    assert p.order.mo_id == "MO-L1-0053" and p.order.station == "L1-S1" and p.order.kind == "corrective"


def test_bad_input_is_said_plainly(plant, sample_db, capsys):
    connector, catalog = plant
    cases = [
        ({"order": "MO-L9-0001"}, NOW, "gibt es nicht", "There is no maintenance order"),
        ({"order": "MO-L2-0045"}, NOW, "kein offener", "not an open maintenance order"),
        ({"line": "L2"}, datetime(2025, 11, 19, 12), "keine offenen", "no open maintenance orders"),
    ]
    for kwargs, now, german, english in cases:
        with pytest.raises(ProposalError) as error:
            propose_maintenance(connector, catalog, now, **kwargs)
        assert german in error.value.text("de") and english in error.value.text("en")
    assert main(["propose", "maintenance", "--line", "L9", "--db", str(sample_db)]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
    assert main(["propose", "maintenance", "--order", "MO-X", "--db", str(sample_db), "--lang", "en"]) == 1
    assert "There is no maintenance order “MO-X”" in capsys.readouterr().err
    assert (
        main(["propose", "maintenance", "--order", "MO-L4-0040", "--db", str(sample_db), "--lang", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "Proposed maintenance window MO-L4-0040" in out and "Best window" in out
