"""The changeover-sequence proposal: from the line's own changeover history, never worse than the plan, optimal when small."""

from __future__ import annotations

from datetime import datetime
from itertools import permutations

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.cli import main
from copilot.entities import EntityCatalog
from copilot.proposals.optimise import best_order, sequence_cost
from copilot.proposals.render import render_proposal
from copilot.proposals.sequence import ProposalError, propose_sequence

NOW = datetime(2025, 11, 20, 14)
PAIR = """
SELECT AVG(c.duration_s) / 60, COUNT(*) FROM changeovers c JOIN downtime_events e USING (event_id)
WHERE c.line_id = $line AND c.from_product_id = $a AND c.to_product_id = $b AND e.shift_date < $day
"""
STANDARD = """
SELECT AVG(c.standard_duration_s) / 60 FROM changeovers c JOIN products f ON f.product_id = c.from_product_id
JOIN products t ON t.product_id = c.to_product_id WHERE c.line_id = $line AND (f.family = t.family) = $within
"""


@pytest.fixture(scope="module")
def plant(sample_db):
    connector = DuckDBConnector(sample_db)
    yield connector, EntityCatalog.from_connector(connector)
    connector.close()


@pytest.fixture(scope="module", params=["L1", "L2", "L3", "L4"])
def proposal(request, plant):
    return propose_sequence(*plant, request.param, NOW)


def test_pair_times_come_from_the_history_or_the_standard(proposal, con):
    family = {o.product: o.family for o in proposal.plan} | {proposal.start_product: proposal.family_of_start}
    for (a, b), pair in proposal.pairs.items():
        mean, count = con.execute(
            PAIR, {"line": proposal.line, "a": a, "b": b, "day": "2025-11-21"}
        ).fetchone()
        assert pair.changeovers == count
        if count:
            assert pair.minutes == pytest.approx(mean)
        else:
            within = family[a] == family[b]
            standard = con.execute(STANDARD, {"line": proposal.line, "within": within}).fetchone()[0]
            assert pair.minutes == pytest.approx(standard)


def test_never_worse_than_the_plan_and_a_reordering_of_it(proposal):
    assert sorted(o.order_id for o in proposal.proposal) == sorted(o.order_id for o in proposal.plan)
    assert proposal.minutes(proposal.proposal) <= proposal.minutes(proposal.plan) + 1e-9
    assert proposal.family_changes(proposal.proposal) <= proposal.family_changes(proposal.plan)


@pytest.mark.parametrize("size", range(1, 9))
def test_optimal_by_brute_force_up_to_eight_orders(proposal, size):
    products = [o.product for o in proposal.plan[:size]]
    order, method = best_order(proposal.start_product, products, proposal.cost)
    best = min(sequence_cost(proposal.start_product, list(p), proposal.cost) for p in permutations(products))
    assert method == "exact" and sorted(order) == list(range(len(products)))
    assert sequence_cost(
        proposal.start_product, [products[i] for i in order], proposal.cost
    ) == pytest.approx(best)


def test_line_2_saves_changeover_time_and_family_changes(plant):
    p = propose_sequence(*plant, "Linie 2", NOW)
    assert p.saved_minutes > 0 and p.family_changes(p.proposal) < p.family_changes(p.plan)
    german, english = render_proposal(p, "de"), render_proposal(p, "en", "md")
    saved = round(p.saved_minutes)
    assert f"Ersparnis: {saved} min" in german and "Familienwechsel weniger" in german
    assert f"Saving: {saved} min" in english and english.startswith("# Proposed changeover sequence Line 2")
    assert "nichts geändert" in german


def test_no_backlog_and_unknown_lines_are_said_plainly(plant, sample_db, capsys):
    with pytest.raises(ProposalError) as none:
        propose_sequence(*plant, "L2", datetime(2026, 1, 5))
    assert "keine geplanten Aufträge" in none.value.text("de")
    assert main(["propose", "sequence", "--line", "L2", "--db", str(sample_db), "--lang", "en"]) == 0
    assert "Proposed changeover sequence" in capsys.readouterr().out
    assert main(["propose", "sequence", "--line", "L9", "--db", str(sample_db)]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
