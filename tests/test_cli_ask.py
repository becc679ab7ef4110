"""`copilot ask` as a user runs it: one JSON object per question, exit code 0 whatever the question."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import pytest


def _ask(sample_db, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "copilot", "ask", *args, "--db", str(sample_db)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def _electricity_kwh(con, line: str, start: str, end: str) -> float:
    """A line's electricity in [start, end), straight from the readings."""
    return con.execute(
        "SELECT SUM(value) FROM energy_readings JOIN energy_meters USING (meter_id) "
        "WHERE line_id = ? AND medium = 'electricity' AND ts >= CAST(? AS TIMESTAMP) AND ts < CAST(? AS TIMESTAMP)",
        [line, start, end],
    ).fetchone()[0]


def test_json_answer_has_the_documented_fields(sample_db, con):
    result = _ask(sample_db, "How much power did line 4 use yesterday compared with Monday?", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert {"question", "language", "intent", "answer", "facts", "sql", "warnings", "followups"} <= set(
        answer
    )
    assert answer["language"] == "en" and answer["intent"] == "compare"
    headline = answer["facts"][0]
    assert {"label", "value", "unit", "line", "period"} <= set(headline)
    expected = _electricity_kwh(con, "L4", "2025-11-19", "2025-11-20")
    assert (
        headline["value"] == pytest.approx(expected)
        and headline["unit"] == "kWh"
        and headline["line"] == "L4"
    )
    assert "2025-11-19" in headline["period"]
    assert all(statement.rstrip().upper().startswith(("SELECT", "WITH")) for statement in answer["sql"])
    assert "2 more changeovers" in answer["answer"]


def test_energy_asked_in_mwh_is_shown_in_mwh(sample_db, con):
    answer = json.loads(_ask(sample_db, "Stromverbrauch Linie 2 gestern in MWh?", "--json").stdout)
    kwh = _electricity_kwh(con, "L2", "2025-11-19", "2025-11-20")
    assert answer["facts"][0]["unit"] == "MWh"
    assert answer["facts"][0]["value"] == pytest.approx(kwh / 1000, rel=1e-3)
    assert "in MWh" in answer["understood"]["text"]


def test_a_batch_that_does_not_exist_is_said_so(sample_db, con):
    known = con.execute("SELECT batch_id FROM material_batches ORDER BY 1 LIMIT 1").fetchone()[0]
    missing = known[:-3] + "999"
    answer = json.loads(_ask(sample_db, f"Ausschuss der Charge {missing} letzte Woche?", "--json").stdout)
    assert answer["intent"] == "unknown_entity" and not answer["facts"]
    assert missing in answer["answer"]


def test_an_orders_progress_is_made_of_planned_from_the_command_line(sample_db, con):
    order, planned, made = con.execute(
        "SELECT o.order_id, o.planned_qty, COUNT(u.unit_id) FROM production_orders o "
        "JOIN units u USING (order_id) GROUP BY 1, 2 ORDER BY 1 LIMIT 1"
    ).fetchone()
    answer = json.loads(
        _ask(sample_db, f"Wie viel Prozent vom Plan hat Auftrag {order} schon geschafft?", "--json").stdout
    )
    assert answer["intent"] == "share"
    assert abs(answer["facts"][0]["value"] - 100 * made / planned) < 0.01
    assert order in answer["understood"]["text"]


def test_energy_per_shift_from_the_command_line_covers_the_shifts(sample_db, con):
    answer = json.loads(_ask(sample_db, "Stromverbrauch pro Schicht auf Linie 2 gestern", "--json").stdout)
    assert answer["intent"] == "breakdown" and "Schicht" in answer["understood"]["text"]
    shifts = con.execute(
        "SELECT COUNT(DISTINCT shift_code) FROM shift_calendar WHERE line_id = 'L2' AND shift_date = DATE '2025-11-19'"
    ).fetchone()[0]
    per_shift = [f for f in answer["facts"] if f["unit"] == "kWh"]
    assert len(per_shift) >= shifts > 0


def test_why_answer_carries_the_five_why_tree(sample_db):
    answer = json.loads(_ask(sample_db, "Warum schwankt die Taktzeit in Linie 3?", "--json").stdout)
    assert answer["intent"] == "why" and answer["language"] == "de"
    assert answer["five_why"]["tree"]["children"] and "digraph" in answer["five_why"]["dot"]
    assert answer["facts"][0]["key"] == "cycle_time_cv"


def test_lesson_answer(sample_db):
    answer = json.loads(_ask(sample_db, "Was ist Heijunka?", "--json").stdout)
    assert answer["intent"] == "lesson" and answer["lesson"]["topic"] == "heijunka"
    assert answer["facts"] and all(statement.startswith(("SELECT", "WITH")) for statement in answer["sql"])


@pytest.mark.parametrize(
    "question",
    [
        "",  # empty
        "x" * 10_000,  # very long
        "DROP TABLE units; --",  # SQL
        "😀🏭🔥",  # emojis
        "¿Cuál es el tiempo de ciclo de la línea 3?",  # another language
        "Quel temps fait-il demain ?",  # another language, the future
        "OEE von Linie 9 gestern",  # unknown line
        "Ausschuss an Station 12 von Linie 3",  # unknown station
        "OEE am 31.02.2025",  # impossible date
        "Stillstand morgen",  # the future
        "Ausschuss im Jahr 1999",  # before the data
    ],
)
def test_any_question_gets_a_clear_answer_and_exit_code_0(sample_db, question):
    result = _ask(sample_db, question, "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    answer = json.loads(result.stdout)
    assert answer["answer"].strip()
    assert not [f for f in answer["facts"] if isinstance(f["value"], int | float)], answer["answer"]


def test_text_output_and_sql_flag(sample_db):
    result = _ask(sample_db, "OEE Linie 1 letzte Woche", "--sql")
    assert result.returncode == 0
    assert "OEE" in result.stdout and "SELECT" in result.stdout and "%" in result.stdout


def test_language_and_role_options(sample_db):
    answer = json.loads(_ask(sample_db, "OEE L1 gestern", "--json", "--lang", "en", "--role", "coach").stdout)
    assert answer["language"] == "en"
    assert {f["key"] for f in answer["facts"]} >= {"oee", "availability", "performance", "quality"}


def test_now_option_moves_the_clock(sample_db):
    answer = json.loads(
        _ask(sample_db, "Stillstand Linie 2 gestern", "--json", "--now", "2025-11-18T10:00").stdout
    )
    assert "2025-11-17" in answer["facts"][0]["period"] or "17.11.2025" in answer["facts"][0]["period"]


def test_missing_database_is_explained(tmp_path):
    command = [sys.executable, "-m", "copilot", "ask", "OEE?", "--db", str(tmp_path / "none.duckdb")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "copilot sample-db" in result.stderr and "Traceback" not in result.stderr


def test_the_newest_record_as_a_user_asks_for_it(sample_db, con):
    result = _ask(sample_db, "Wann war der letzte Stillstand an Linie 2?", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    newest = con.execute(
        "SELECT e.start_ts FROM downtime_events e JOIN downtime_reasons r USING (reason_code) "
        "WHERE NOT r.planned AND e.line_id = 'L2' ORDER BY e.start_ts DESC LIMIT 1"
    ).fetchone()[0]
    assert answer["intent"] == "latest"
    assert (
        answer["understood"]["text"].startswith("Verstanden: letzter Eintrag")
        and "Linie 2" in answer["understood"]["text"]
    )
    assert answer["facts"][0]["unit"] == "timestamp" and answer["facts"][0]["value"] == newest.isoformat()
    assert f"{newest:%d.%m.%Y %H:%M}" in answer["answer"]
    assert "ORDER BY" in answer["sql"][0] and "LIMIT 1" in answer["sql"][0]


def test_hours_of_a_named_day_narrow_the_window_from_the_command_line(sample_db, con):
    answer = json.loads(_ask(sample_db, "Strom Linie 3 am Montag zwischen 6 und 14 Uhr?", "--json").stdout)
    kwh = _electricity_kwh(con, "L3", "2025-11-17 06:00", "2025-11-17 14:00")
    assert answer["facts"][0]["value"] == pytest.approx(kwh)
    assert "06:00–14:00" in answer["understood"]["text"] and "17.11.2025" in answer["understood"]["text"]


def test_the_next_planned_order_is_named_with_its_product_from_the_command_line(sample_db, con):
    answer = json.loads(_ask(sample_db, "What's the next order on line 2?", "--json").stdout)
    order_id, product, qty = con.execute(
        "SELECT order_id, product_id, planned_qty FROM production_orders WHERE line_id = 'L2' AND status = 'planned' "
        "ORDER BY planned_start_ts, order_id LIMIT 1"
    ).fetchone()
    facts = {f["key"]: f["value"] for f in answer["facts"]}
    assert answer["intent"] == "latest"
    assert facts["order_id"] == order_id and facts["product"] == product and facts["planned_qty"] == qty
    assert answer["understood"]["text"].startswith("Understood: next entry")


def test_the_time_since_the_latest_stop_from_the_command_line(sample_db, con):
    answer = json.loads(
        _ask(sample_db, "Wie lange ist der letzte Teilestau an Linie 2 her? in Stunden", "--json").stdout
    )
    end = con.execute(
        "SELECT MAX(start_ts + duration_s * INTERVAL 1 SECOND) FROM downtime_events "
        "WHERE line_id = 'L2' AND reason_code = 'SS-JAM'"
    ).fetchone()[0]
    hours = (datetime(2025, 11, 20, 14) - end).total_seconds() / 3600
    assert answer["facts"][0]["key"] == "since" and answer["facts"][0]["value"] == pytest.approx(
        hours, abs=1e-3
    )
    assert "Zeit seitdem" in answer["understood"]["text"] and "Teilestau" in answer["understood"]["text"]


def test_a_supplier_named_by_its_material_is_asked_back_from_the_command_line(sample_db, con):
    answer = json.loads(
        _ask(
            sample_db, "Wie viele Chargen hat der Stahlband-Lieferant diesen Monat geliefert?", "--json"
        ).stdout
    )
    suppliers = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT supplier FROM material_batches WHERE material LIKE 'Stahlband%'"
        ).fetchall()
    ]
    assert answer["intent"] == "clarify" and not answer["facts"] and len(suppliers) > 1
    assert all(s in answer["answer"] for s in suppliers)


def test_a_word_several_things_share_is_asked_back_from_the_command_line(sample_db, con):
    result = _ask(sample_db, "wie viele Staus hatte L2 gestern", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    jams = {
        code
        for (code,) in con.execute(
            "SELECT alarm_code FROM alarm_codes WHERE text_de ILIKE '%stau%' UNION "
            "SELECT reason_code FROM downtime_reasons WHERE text_de ILIKE '%stau%'"
        ).fetchall()
    }
    choices = answer["understood"]["choices"]
    assert answer["intent"] == "clarify" and not answer["facts"] and len(choices) == min(3, len(jams)) > 1
    again = json.loads(_ask(sample_db, choices[1], "--json").stdout)
    assert again["intent"] != "clarify" and again["facts"]
