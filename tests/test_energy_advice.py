"""Energy advice: a leak fixed, base load off outside shifts, where to save, and money only from tariffs.

kWh are checked against plain SQL on the same rows, money against plain SQL over a tariff table added to a copy
of the sample plant (tests/energy_plain.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from energy_plain import NOW, STEP, fact, idle_plain, leak_plain, priced_copy, window_of

from connectors.duckdb_connector import DuckDBConnector, open_read_only
from copilot.engine import Copilot


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


@pytest.fixture(scope="module")
def priced_db(sample_db, tmp_path_factory):
    """A copy of the sample plant with an energy_tariffs table."""
    return priced_copy(sample_db, tmp_path_factory.mktemp("tariffs"))


@pytest.fixture(scope="module")
def priced(priced_db):
    return Copilot(DuckDBConnector(priced_db))


@pytest.fixture(scope="module")
def pcon(priced_db):
    con = open_read_only(priced_db)
    yield con
    con.close()


# ----- a leak fixed -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "Was wäre, wenn das Druckluftleck an Linie 1 behoben wäre?",
            ("Leck behoben", "Annahmen", "2025-11-10"),
        ),
        ("What if we fixed the compressed-air leak on line 1?", ("leak fixed", "Assumptions", "2025-11-10")),
    ],
)
def test_leak_fixed_takes_the_step_out_of_every_interval_since(copilot, con, question, words):
    answer = copilot.ask(question)
    assert answer.intent == "whatif"
    assert "Leck behoben" in answer.understood_text or "leak fixed" in answer.understood_text
    for word in words:
        assert word in answer.text, word
    start, end = window_of(answer)
    saved = leak_plain(con, "CA-L1", start, end)
    before = con.execute(
        "SELECT SUM(value) FROM energy_readings WHERE meter_id = 'CA-L1' AND ts >= ? AND ts < ?", [start, end]
    ).fetchone()[0]
    assert fact(answer, "energy_saved").value == pytest.approx(saved, rel=1e-6)
    assert fact(answer, "energy").value == pytest.approx(before, rel=1e-6)
    assert fact(answer, "energy_after").value == pytest.approx(before - saved, rel=1e-6)
    assert fact(answer, "method:leak_management")
    assert "EUR" not in answer.text and not [f for f in answer.facts if f.unit == "EUR"]
    assert any("energy_readings" in sql for sql in answer.sql)


def test_leak_fixed_in_money_from_the_interval_prices(priced, pcon):
    answer = priced.ask("What if we fixed the compressed-air leak on line 1?")
    start, end = window_of(answer)
    money = leak_plain(pcon, "CA-L1", start, end, priced=True)
    assert fact(answer, "money_saved").value == pytest.approx(money, abs=0.006)  # cents
    assert fact(answer, "money_saved").unit == "EUR" and "EUR" in answer.text


# ----- base load switched off outside shifts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "share"),
    [
        ("Was wäre, wenn wir die Grundlast an Linie 4 außerhalb der Schichten abschalten?", 1.0),
        ("What if we cut the base load on line 4 outside shifts by 40 %?", 0.4),
    ],
)
def test_base_load_off_outside_shifts(copilot, con, question, share):
    answer = copilot.ask(question)
    assert answer.intent == "whatif"
    start, end = window_of(answer)
    meters = "m.line_id = 'L4'"
    idle = idle_plain(con, meters, start, end)
    total = con.execute(
        "SELECT SUM(r.value) FROM energy_readings r JOIN energy_meters m USING (meter_id) "
        f"WHERE {meters} AND r.ts >= ? AND r.ts < ?",
        [start, end],
    ).fetchone()[0]
    assert fact(answer, "energy_saved").value == pytest.approx(idle * share, rel=1e-6)
    assert fact(answer, "energy").value == pytest.approx(total, rel=1e-6)
    assert fact(answer, "method:switch_off")
    assert answer.chart is not None


def test_base_load_off_in_money_leaves_unpriced_days_out_and_says_so(priced, pcon):
    answer = priced.ask("What if the base load were switched off outside shifts?")
    start, end = window_of(answer)
    assert start <= datetime(2025, 11, 18) < end
    money = idle_plain(pcon, "m.line_id IS NOT NULL", start, end, priced=True)
    assert fact(answer, "money_saved").value == pytest.approx(money, abs=0.006)  # cents
    assert "without a tariff not priced" in answer.text


# ----- where can we save energy? -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "Wo können wir Energie sparen?",
            ("Leckage-Management", "Abschaltkonzept", "je Woche", "EUR"),  # the sample plant has a tariff
        ),
        ("Where can we save energy?", ("leak management", "Switch-off plan", "per week", "EUR")),
    ],
)
def test_savings_ranked_across_lines_and_meters(copilot, con, question, words):
    answer = copilot.ask(question)
    assert answer.intent == "improve"
    for word in words:
        assert word in answer.text, word
    start, end = window_of(answer)
    hours = (min(end, NOW) - start).total_seconds() / 3600
    savings = [f for f in answer.facts if f.key.startswith("saving:")]
    assert [f.value for f in savings] == sorted((f.value for f in savings), reverse=True)
    meters = {f.key.split(":")[2] for f in savings if f.key.startswith("saving:idle:")}
    assert {"E-L1", "CA-L1", "E-L2", "E-L3", "E-L4", "OVEN-L4"} <= meters  # every line's meters judged
    leak = fact(answer, "saving:leak:CA-L1")
    since_hours = (min(end, NOW) - max(start, STEP)).total_seconds() / 3600
    assert leak.value == pytest.approx(leak_plain(con, "CA-L1", start, end) * 168 / since_hours, abs=0.1)
    oven = fact(answer, "saving:idle:OVEN-L4")
    assert oven.value == pytest.approx(
        idle_plain(con, "m.meter_id = 'OVEN-L4'", start, end) * 168 / hours, abs=0.1
    )
    priced = {f.key.split(":", 1)[1] for f in answer.facts if f.unit == "EUR"}
    assert (
        "idle:OVEN-L4" in priced and "idle:CA-L1" not in priced
    )  # the sample tariff prices electricity only


def test_savings_in_money_per_week(priced, pcon):
    answer = priced.ask("Where can we save energy?")
    start, end = window_of(answer)
    hours = (min(end, NOW) - start).total_seconds() / 3600
    since_hours = (min(end, NOW) - max(start, STEP)).total_seconds() / 3600
    leak = fact(answer, "saving_money:leak:CA-L1")
    assert leak.value == pytest.approx(
        leak_plain(pcon, "CA-L1", start, end, priced=True) * 168 / since_hours, abs=0.01
    )
    oven = fact(answer, "saving_money:idle:OVEN-L4")
    money = idle_plain(pcon, "m.meter_id = 'OVEN-L4'", start, end, priced=True) * 168 / hours
    assert oven.value == pytest.approx(money, abs=0.01)
    assert "EUR" in answer.text


# ----- money where the advisor already stated kWh ---------------------------------------------------------------


def test_energy_brief_states_the_weekly_money(priced, pcon):
    answer = priced.ask("How can I reduce energy consumption on line 1?")
    assert answer.intent == "improve"
    money = leak_plain(pcon, "CA-L1", NOW - timedelta(days=7), NOW, priced=True)
    assert fact(answer, "money_saved").value == pytest.approx(money, abs=0.006)  # cents
    assert "EUR" in answer.text


def test_too_much_energy_states_the_steps_money_only_with_tariffs(copilot, priced, pcon):
    plain = copilot.ask("Which line uses too much energy at the moment?")
    assert "EUR" not in plain.text
    answer = priced.ask("Which line uses too much energy at the moment?")
    start, end = window_of(answer)
    assert fact(answer, "money").value == pytest.approx(
        leak_plain(pcon, "CA-L1", start, end, priced=True), abs=0.006
    )
    assert "EUR" in answer.text


def test_a3_from_an_energy_scenario_and_the_savings_ranking(priced):
    from copilot.a3.build import build_a3

    scenario = priced.ask("Was wäre, wenn das Druckluftleck an Linie 1 behoben wäre?")
    report = build_a3(priced, [scenario])
    saved = f"−{fact(scenario, 'energy_saved').value:,.0f}".replace(",", ".") + " kWh"
    euros = f"{fact(scenario, 'money_saved').value:,.0f}".replace(",", ".") + " EUR"
    assert saved in report.sections["goal"] and euros in report.sections["goal"]
    assert report.sections["countermeasures"].startswith("1. Leckage-Management")
    ranking = priced.ask("Wo können wir Energie sparen?")
    measures = build_a3(priced, [ranking]).sections["countermeasures"]
    leak = fact(ranking, "saving:leak:CA-L1")
    assert f"{leak.value:,.0f}".replace(",", ".") + " kWh je Woche" in measures
    assert "Abschaltkonzept" in measures and "EUR" in measures


def test_savings_ranking_renders_in_the_app_with_its_chart(sample_db, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    app_file = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    app = AppTest.from_file(str(app_file), default_timeout=60).run()
    app.chat_input[0].set_value("Wo können wir Energie sparen?").run()
    assert not app.exception, app.exception
    assert len(app.get("vega_lite_chart")) == 1
    assert any("kWh je Woche" in md.value and "Leckage-Management" in md.value for md in app.markdown)
    assert any(b.label == "A3 erstellen" for b in app.button)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("What if we fixed the leak?", "holds no shift calendar"),
        ("Wo können wir Energie sparen?", "keinen Schichtkalender"),
    ],
)
def test_energy_only_source_says_why_it_cannot_separate_idle_load(question, sentence):
    from connectors.source_file import load_source
    from connectors.sources import open_source
    from copilot.config import REPO_ROOT

    steel = Copilot(open_source(load_source(REPO_ROOT / "examples" / "steel-energy" / "plant.yaml")))
    answer = steel.ask(question)
    assert sentence in answer.text
    assert not answer.facts


def test_savings_of_one_medium_keep_to_its_meters(copilot, con):
    answer = copilot.ask("Wo können wir Druckluft sparen?")
    assert answer.intent == "improve" and "Energie-Einsparung" in answer.understood_text
    air = {
        r[0]
        for r in con.execute("SELECT meter_id FROM energy_meters WHERE medium = 'compressed_air'").fetchall()
    }
    named = {f.key.split(":")[2] for f in answer.facts if f.key.startswith("saving:")}
    assert named and named <= air
    assert "saving:leak:CA-L1" in {f.key for f in answer.facts}
