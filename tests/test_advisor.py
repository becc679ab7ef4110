"""Advice on the sample plant: questions against a norm, improvement briefs and what-if scenarios.

Every figure is checked against the contract's definitions in plain SQL (tests/plain_kpis.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from plain_kpis import SHIFT_TERMS, Window, plain_measure, plain_params, plain_value

from connectors.duckdb_connector import DuckDBConnector
from connectors.sample_plant.master import LINES
from copilot.engine import Copilot


@pytest.fixture(scope="module")
def copilot(sample_db):
    return Copilot(DuckDBConnector(sample_db))


def window_of(answer) -> Window:
    period = answer.understood.periods[0]
    return Window(period.start, period.end)


def fact(answer, key, line=None):
    found = [f for f in answer.facts if f.key == key and (line is None or f.line == line)]
    assert found, (key, [f.key for f in answer.facts])
    return found[0]


def terms(con, line: str, window: Window) -> dict[str, float]:
    row = con.execute(SHIFT_TERMS, plain_params(line, window, SHIFT_TERMS)).df().iloc[0]
    return {k: float(row[k]) for k in ("pbt", "apt", "pq", "gq", "ideal")}


def short_stops_of(con, station: str, window: Window, value: str = "SUM(a.duration_s)") -> float:
    """A station's short stops (alarms under 2 minutes) in worked shifts of the window's production days."""
    sql = (
        f"SELECT {value} FROM alarms a JOIN stations s USING (station_id) JOIN shift_calendar c "
        "ON c.line_id = s.line_id AND a.ts >= c.start_ts AND a.ts < c.end_ts WHERE a.duration_s < 120 "
        "AND a.station_id = $station AND c.shift_date BETWEEN $first AND $last"
    )
    return con.execute(sql, {**plain_params("L1", window, "$first $last"), "station": station}).fetchone()[0]


def oee(t: dict[str, float]) -> float:
    return t["ideal"] * t["gq"] / (t["pbt"] * t["pq"])


def freed(t: dict[str, float], seconds: float, adds_production_time: bool) -> dict[str, float]:
    """The contract's terms with `seconds` more run at the period's performance and quality."""
    performance, quality = t["ideal"] / t["apt"], t["gq"] / t["pq"]
    extra_pq = performance * seconds * t["pq"] / t["ideal"]
    return {
        "pbt": t["pbt"],
        "apt": t["apt"] + (seconds if adds_production_time else 0),
        "ideal": t["ideal"] + performance * seconds,
        "pq": t["pq"] + extra_pq,
        "gq": t["gq"] + extra_pq * quality,
    }


# ----- normative: against the target and the line's own normal -------------------------------------------


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "Welche Linie verbraucht aktuell zu viel Energie?",
            ("Linie 1", "Druckluft", "10.11.2025", "Leckage"),
        ),
        ("Which line uses too much energy at the moment?", ("Line 1", "base load", "2025-11-10", "leak")),
    ],
)
def test_too_much_energy_names_line_1_its_target_and_the_air_step(copilot, con, one, question, words):
    answer = copilot.ask(question)
    assert answer.intent == "normative"
    assert answer.understood_text.startswith(("Verstanden:", "Understood:"))
    assert "Ziel" in answer.understood_text or "target" in answer.understood_text
    for word in words:
        assert word in answer.text, word
    window = window_of(answer)
    top = answer.facts[0]
    assert top.line == "L1" and top.key == "energy_per_good_unit"
    assert top.value == pytest.approx(plain_value(con, "energy_per_good_unit", "L1", window), abs=1e-3)
    target = one("SELECT target FROM kpi_targets WHERE line_id = 'L1' AND kpi = 'kwh_per_good_unit'")
    assert top.target == pytest.approx(target) and top.value > target
    others = [f for f in answer.facts if f.key == "energy_per_good_unit" and f.line != "L1"]
    for f in others:  # ranked by the relative gap to the target: line 1 is furthest above it
        assert (f.value - f.target) / f.target < (top.value - top.target) / top.target
    # the step: idle power of the air meter after 10 November against the weeks before
    idle = (
        "SELECT AVG(r.value) * 4 FROM energy_readings r JOIN energy_meters m USING (meter_id) "
        "WHERE r.meter_id = 'CA-L1' AND r.ts >= ? AND r.ts < ? AND NOT EXISTS (SELECT 1 FROM shift_calendar c "
        "WHERE c.line_id = m.line_id AND r.ts < c.end_ts AND r.ts + INTERVAL 15 MINUTE > c.start_ts)"
    )
    step = datetime(2025, 11, 10)
    before = one(idle, step - timedelta(days=28), step)
    after = one(idle, step, datetime(2025, 11, 20, 14))
    assert fact(answer, "driver:compressed_air_leak").line == "L1"
    assert fact(answer, "since").value == "2025-11-10"
    assert fact(answer, "idle_load").value == pytest.approx(after - before, rel=0.05)
    assert 0.15 < (after - before) / before < 0.25


def test_normal_is_the_same_weekdays_of_the_weeks_before(copilot, con):
    answer = copilot.ask("Ist die OEE von Linie 2 schlechter als sonst?")
    assert answer.intent == "normative"
    window = window_of(answer)
    weeks = [
        plain_value(
            con, "oee", "L2", Window(window.start - timedelta(days=7 * k), window.end - timedelta(days=7 * k))
        )
        for k in range(1, 5)
    ]
    normal = sum(weeks) / len(weeks) * 100
    assert f"{normal:.1f}".replace(".", ",") in answer.text
    assert fact(answer, "oee", "L2").value == pytest.approx(
        plain_value(con, "oee", "L2", window) * 100, abs=1e-3
    )


# ----- how can I …: the improvement brief ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "Wie kann ich die Rüstzeit optimieren?",
            ("Linie 2", "Familienwechsel", "SMED", "Standard", "extern"),
        ),
        ("How can I reduce changeover time?", ("Line 2", "cross-family", "SMED", "standard", "external")),
    ],
)
def test_changeover_brief_points_at_line_2_cross_family_changes(copilot, con, question, words):
    answer = copilot.ask(question)
    assert answer.intent == "improve"
    for word in words:
        assert word in answer.text, word
    window = window_of(answer)
    params = plain_params("L2", window, "$line $first $last")
    ratio = con.execute(
        "SELECT SUM(c.duration_s) / SUM(c.standard_duration_s) FROM changeovers c JOIN downtime_events e USING (event_id) "
        "JOIN products pf ON pf.product_id = c.from_product_id JOIN products pt ON pt.product_id = c.to_product_id "
        "WHERE pf.family <> pt.family AND c.line_id = $line AND e.shift_date BETWEEN $first AND $last",
        params,
    ).fetchone()[0]
    between = next(f for f in answer.facts if f.key == "changeover_vs_standard" and f.line == "L2")
    assert between.value == pytest.approx(ratio * 100, abs=1e-3)
    between_ratio = next(spec for spec in LINES if spec.line_id == "L2").changeover_ratio[1]
    assert ratio == pytest.approx(
        between_ratio, rel=0.2
    )  # story 6: the spec's ratio, within its lognormal noise
    excess = plain_measure(con, "late_changeover", "total", "excess", "L2", window)
    t = terms(con, "L2", window)
    gain = (oee(freed(t, excess, True)) - oee(t)) * 100
    assert fact(answer, "oee_points").value == pytest.approx(gain, abs=1e-3)


def test_station_stops_brief_names_the_alarm_and_autonomous_maintenance(copilot, con):
    answer = copilot.ask("What should I do about the stops at L3-S4?")
    assert answer.intent == "improve"
    assert "A-217" in answer.text and "Autonomous maintenance" in answer.text
    window = window_of(answer)
    minutes = short_stops_of(con, "L3-S4", window) / 60
    assert fact(answer, "short_stop__total").value == pytest.approx(minutes, abs=0.1)


def test_scrap_brief_names_the_supplier_and_poka_yoke(copilot, con):
    answer = copilot.ask("Wie kann ich den Ausschuss an Linie 1 senken?")
    assert answer.intent == "improve"
    assert "Poka-Yoke" in answer.text and "Lieferantenqualität" in answer.text
    window = window_of(answer)
    assert fact(answer, "scrap_count").value == plain_value(con, "scrap_count", "L1", window)


# ----- what if ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Wenn wir die Rüstzeit auf Linie 2 halbieren, wie viel OEE gewinnen wir?",
        "What if we halved changeover time on line 2, how much OEE would we gain?",
    ],
)
def test_halved_changeovers_on_line_2(copilot, con, question):
    answer = copilot.ask(question)
    assert answer.intent == "whatif"
    assert "50 %" in answer.understood_text
    window = window_of(answer)
    t = terms(con, "L2", window)
    setup = plain_measure(con, "changeover", "total", "duration", "L2", window)
    after = freed(t, setup / 2, True)
    assert fact(answer, "oee").value == pytest.approx(oee(t) * 100, abs=1e-3)
    assert fact(answer, "oee_after").value == pytest.approx(oee(after) * 100, abs=1e-3)
    assert fact(answer, "oee_points").value == pytest.approx((oee(after) - oee(t)) * 100, abs=1e-3)
    assert fact(answer, "good_parts").value == pytest.approx(after["gq"] - t["gq"], abs=0.1)
    assert any("changeover" in sql.lower() for sql in answer.sql)
    assert ("Annahmen" in answer.text) or ("Assumptions" in answer.text)
    assert answer.chart is not None


def test_station_short_stops_removed(copilot, con):
    answer = copilot.ask("Was wäre, wenn die Kurzstopps an L3-S4 wegfallen?")
    assert answer.intent == "whatif"
    window = window_of(answer)
    t = terms(con, "L3", window)
    seconds = short_stops_of(con, "L3-S4", window)
    after = freed(t, seconds, False)  # short stops lie inside production time: performance rises
    assert fact(answer, "oee_points").value == pytest.approx((oee(after) - oee(t)) * 100, abs=1e-3)


def test_scrap_back_to_baseline(copilot, con):
    answer = copilot.ask("What if scrap on line 1 went back to normal?")
    assert answer.intent == "whatif"
    window = window_of(answer)
    t = terms(con, "L1", window)
    base = Window(window.start - timedelta(days=28), window.start)
    rate = plain_value(con, "scrap_rate", "L1", base)
    after = {**t, "gq": t["pq"] * (1 - rate)}
    assert fact(answer, "oee_points").value == pytest.approx((oee(after) - oee(t)) * 100, abs=1e-3)


def test_breakdowns_at_a_target_mttr(copilot, con):
    answer = copilot.ask("Was wäre wenn die MTTR an Linie 2 20 min wäre?")
    assert answer.intent == "whatif"
    window = window_of(answer)
    t = terms(con, "L2", window)
    total = plain_measure(con, "breakdown", "total", "duration", "L2", window)
    count = plain_measure(con, "breakdown", "count", "duration", "L2", window)
    after = freed(t, max(total - count * 20 * 60, 0), True)
    assert fact(answer, "oee_points").value == pytest.approx((oee(after) - oee(t)) * 100, abs=1e-3)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("What if we hired two more people?", "I cannot compute this scenario"),
        ("Was wäre, wenn wir mehr Personal einstellen?", "kann ich nicht aus den Daten rechnen"),
    ],
)
def test_a_scenario_without_a_lever_gets_a_clear_sentence(copilot, question, sentence):
    answer = copilot.ask(question)
    assert answer.intent == "whatif"
    assert sentence in answer.text
    assert not answer.facts and not answer.sql


# ----- into the A3 and the app ------------------------------------------------------------------------------


def test_a3_from_a_brief_takes_its_method_and_gain(copilot):
    from copilot.a3.build import build_a3

    answer = copilot.ask("Wie kann ich die Rüstzeit optimieren?")
    report = build_a3(copilot, [answer])
    gain = fact(answer, "oee_points").value
    shown = f"+{gain:.2f}".replace(".", ",") + " Prozentpunkte OEE"
    assert shown in report.sections["goal"]
    assert report.sections["countermeasures"].startswith("1. SMED")
    assert shown in report.sections["countermeasures"]


def test_scenario_renders_in_the_app_with_chart_and_a3_button(sample_db, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    app_file = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    app = AppTest.from_file(str(app_file), default_timeout=60).run()
    app.chat_input[0].set_value(
        "Wenn wir die Rüstzeit auf Linie 2 halbieren, wie viel OEE gewinnen wir?"
    ).run()
    assert not app.exception, app.exception
    assert any(m.label == "OEE vorher" for m in app.metric)
    assert len(app.get("vega_lite_chart")) == 1
    assert any("Prozentpunkte" in md.value for md in app.markdown)
    assert any(b.label == "A3 erstellen" for b in app.button)


def test_plant_wide_scenario_adds_up_line_by_line(copilot, con):
    answer = copilot.ask("What if we halved changeover time?")
    assert answer.intent == "whatif"
    window = window_of(answer)
    lines = [r[0] for r in con.execute("SELECT line_id FROM lines ORDER BY 1").fetchall()]
    before, after = [], []
    for line in lines:
        t = terms(con, line, window)
        setup = plain_measure(con, "changeover", "total", "duration", line, window) or 0.0
        before.append(t)
        after.append(freed(t, setup / 2, True))

    def added(parts):
        return {k: sum(p[k] for p in parts) for k in parts[0]}

    gain = (oee(added(after)) - oee(added(before))) * 100
    assert fact(answer, "oee_points").value == pytest.approx(gain, abs=1e-3)
    assert fact(answer, "good_parts").value == pytest.approx(
        sum(a["gq"] - b["gq"] for a, b in zip(after, before, strict=True)), abs=0.1
    )


def test_unusual_stations_are_judged_against_their_own_normal(copilot, con):
    answer = copilot.ask("Welche Station hat auffällig viele Kurzstopps?")
    assert answer.intent == "normative" and answer.understood.group_by == "station"
    window = window_of(answer)
    top = answer.facts[0]
    stations = [r[0] for r in con.execute("SELECT station_id FROM stations").fetchall()]
    station = next(s for s in stations if s in top.label)

    def count(w: Window) -> float:
        return short_stops_of(con, station, w, "COUNT(*)")

    assert top.value == count(window)
    normal = (
        sum(
            count(Window(window.start - timedelta(days=7 * k), window.end - timedelta(days=7 * k)))
            for k in range(1, 5)
        )
        / 4
    )
    assert top.value > normal
    assert f"{normal:.0f}" in answer.text


def test_energy_only_source_says_what_it_cannot_judge():
    from connectors.source_file import load_source
    from connectors.sources import open_source
    from copilot.config import REPO_ROOT

    steel = Copilot(open_source(load_source(REPO_ROOT / "examples" / "steel-energy" / "plant.yaml")))
    answer = steel.ask("Welche Linie verbraucht aktuell zu viel Energie?")
    assert answer.intent == "not_available"
    assert "Produktionsdaten" in answer.text and not answer.facts
    scenario = steel.ask("What if we halved changeover time?")
    assert scenario.intent == "not_available" and not scenario.facts


def test_scenario_comparison_side_by_side(copilot, con):
    answer = copilot.ask(
        "Szenariovergleich Linie 2: Rüstzeit halbieren, Ausfälle um 30 % kürzer oder Ausschuss zurück auf Normalniveau"
    )
    assert answer.intent == "whatif" and "Szenariovergleich" in answer.understood_text
    window = window_of(answer)
    t = terms(con, "L2", window)
    setup = plain_measure(con, "changeover", "total", "duration", "L2", window)
    breakdowns = plain_measure(con, "breakdown", "total", "duration", "L2", window)
    rate = plain_value(con, "scrap_rate", "L2", Window(window.start - timedelta(days=28), window.start))
    expected = {
        "changeover": oee(freed(t, setup / 2, True)),
        "breakdown": oee(freed(t, breakdowns * 0.3, True)),
        "scrap": oee({**t, "gq": t["pq"] * (1 - rate)}),
    }
    for lever, after in expected.items():
        assert fact(answer, f"oee_points:{lever}").value == pytest.approx((after - oee(t)) * 100, abs=1e-3)
    assert (
        answer.chart is not None and len(answer.chart["datasets"][next(iter(answer.chart["datasets"]))]) == 4
    )


def test_scenarios_on_two_lines_each_start_from_their_own_oee(copilot, con):
    answer = copilot.ask(
        "Szenariovergleich: Rüstzeit auf Linie 2 halbieren vs. Kurzstopps an L3-S4 beseitigen"
    )
    assert answer.intent == "whatif"
    window = window_of(answer)
    line2, line3 = terms(con, "L2", window), terms(con, "L3", window)
    setup = plain_measure(con, "changeover", "total", "duration", "L2", window)
    after2 = freed(line2, setup / 2, True)
    after3 = freed(line3, short_stops_of(con, "L3-S4", window), False)
    assert fact(answer, "oee_points:changeover").value == pytest.approx(
        (oee(after2) - oee(line2)) * 100, abs=1e-3
    )
    assert fact(answer, "oee_points:short_stops").value == pytest.approx(
        (oee(after3) - oee(line3)) * 100, abs=1e-3
    )
    assert "OEE heute" not in answer.text  # no one OEE of today for two scopes
    for today in (oee(line2), oee(line3)):
        assert f"{today * 100:.1f} % →".replace(".", ",") in answer.text
    bars = next(iter(answer.chart["datasets"].values()))
    assert [round(b["value"], 3) for b in bars[::2]] == [
        round(oee(line2) * 100, 3),
        round(oee(line3) * 100, 3),
    ]
