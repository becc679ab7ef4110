"""The sample plant's order backlog: planned orders for the next five working days on every line, history untouched."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest

NOW = datetime(2025, 11, 20, 14)
FIFTH_WORKING_DAY = date(2025, 11, 27)  # Fri 21, Mon 24, Tue 25, Wed 26, Thu 27
# (rows, sum of row hashes) of the history as the generator wrote it before the backlog existed
HISTORY = {
    "units": (338325, 3124724417278487568239936),
    "downtime_events": (2504, 23274600384032388161088),
    "changeovers": (600, 5690257419334387340645),
    "alarms": (10966, 102431704741161178838290),
    "shift_calendar": (477, 4599048710135106423723),
    "maintenance_orders": (189, 1645563000342204074197),
    "material_batches": (146, 1352441849071817022200),
    "energy_readings": (62912, 579826822196434391706020),
    "kpi_targets": (24, 195595724356417494259),
    "production_orders": (612, 5798615009086206074176),  # every order up to the two planned for tonight
}
BEFORE_BACKLOG = "WHERE NOT (status = 'planned' AND planned_start_ts > TIMESTAMP '2025-11-20 23:00')"
HISTORY_ONLY = {"production_orders": BEFORE_BACKLOG, "maintenance_orders": "WHERE status = 'done'"}


@pytest.mark.parametrize("table", sorted(HISTORY))
def test_history_is_unchanged(con, table):
    where = HISTORY_ONLY.get(table, "")
    got = con.execute(f"SELECT COUNT(*), SUM(hash(CAST(x AS VARCHAR))) FROM {table} AS x {where}").fetchone()
    assert got == HISTORY[table]


@pytest.mark.parametrize("line", ["L1", "L2", "L3", "L4"])
def test_every_line_has_a_backlog_for_five_working_days(con, line):
    rows = con.execute(
        "SELECT o.order_id, o.product_id, p.family, o.planned_qty, o.planned_start_ts, o.actual_start_ts "
        "FROM production_orders o JOIN products p USING (product_id) "
        "WHERE o.line_id = ? AND o.status = 'planned' ORDER BY o.planned_start_ts",
        [line],
    ).fetchall()
    starts = [r[4] for r in rows]
    assert len(rows) >= 5 and all(s > NOW for s in starts) and all(r[5] is None for r in rows)
    assert starts[-1].date() >= FIFTH_WORKING_DAY  # reaches the fifth working day
    assert starts[-1] < datetime.combine(FIFTH_WORKING_DAY, datetime.min.time()) + timedelta(
        hours=30
    )  # its night shift
    assert all(s.weekday() < 5 or (s.weekday() == 5 and s.hour < 6) for s in starts)  # worked shifts only
    assert all(a[1] != b[1] for a, b in pairwise(rows))  # each order changes the product
    assert all(r[3] > 0 for r in rows)
    families = con.execute(
        "SELECT COUNT(DISTINCT p.family) FROM line_products lp JOIN products p USING (product_id) WHERE line_id = ?",
        [line],
    ).fetchone()[0]
    assert len({r[2] for r in rows}) == families  # the whole mix of the line's families
