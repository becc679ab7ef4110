"""Broken plant data and odd clocks: a clear message or a data warning on the answer, never a traceback."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.cli import main, readable
from copilot.data_check import check_data
from copilot.engine import Copilot

BREAKS = {
    "null_line_no": ["UPDATE lines SET line_no = NULL WHERE line_id = 'L1'"],
    "null_line_name": ["UPDATE lines SET name = NULL WHERE line_id = 'L1'"],
    "garbage_now": ["UPDATE dataset_info SET value = 'gestern mittag' WHERE key = 'now'"],
    "zoned_now": ["UPDATE dataset_info SET value = '2025-11-20T14:00:00+01:00' WHERE key = 'now'"],
    "no_teams": ["DROP TABLE teams"],
    "negative": ["UPDATE downtime_events SET duration_s = -5760 WHERE event_id = 'DT-L2-00001'"],
    "planned_zero": ["UPDATE shift_calendar SET planned_minutes = 0 WHERE line_id = 'L1'"],
    "duplicated": ["INSERT INTO units SELECT * FROM units WHERE line_id = 'L1'"],
    "null_shift_date": ["UPDATE units SET shift_date = NULL WHERE line_id = 'L1' AND hour(ts) < 12"],
}


@pytest.fixture(scope="module")
def broken(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of the sample plant without constraints (as a plant's own export may be), each broken one way."""
    folder = tmp_path_factory.mktemp("broken")
    paths = {}
    for name, statements in BREAKS.items():
        path = folder / f"{name}.duckdb"
        con = duckdb.connect(str(path))
        con.execute(f"ATTACH '{sample_db}' AS src (READ_ONLY)")
        tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'src'").fetchall()
        for (table,) in tables:
            con.execute(f"CREATE TABLE main.{table} AS SELECT * FROM src.main.{table}")
        con.execute("DETACH src")
        for statement in statements:
            con.execute(statement)
        con.close()
        paths[name] = path
    data = sample_db.read_bytes()
    (folder / "truncated.duckdb").write_bytes(data[: len(data) // 3])
    paths["truncated"] = folder / "truncated.duckdb"
    return paths


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("case", "code", "message"),
    [
        ("garbage_now", 1, "dataset_info.now ist 'gestern mittag', kein Zeitpunkt"),
        ("truncated", 1, "Die Datenbank konnte die Abfrage nicht ausführen"),
    ],
)
def test_an_unusable_file_gives_a_clear_message(
    case: str, code: int, message: str, broken: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    result, out, err = _cli(capsys, "ask", "OEE Linie 1 gestern", "--db", str(broken[case]), "--lang", "de")
    assert result == code and message in err and "Traceback" not in err and out == ""


@pytest.mark.parametrize("case", ["null_line_no", "null_line_name", "no_teams", "zoned_now"])
def test_broken_master_data_answers_without_a_traceback(
    case: str, broken: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for question in ("OEE Linie 1 gestern", "Ausschuss nach Team letzte Woche", "Wie lange stand Linie 2?"):
        result, out, err = _cli(capsys, "ask", question, "--db", str(broken[case]))
        assert result == 0 and out and "Traceback" not in err and not re.search(r"\bnan\b", out)


def test_a_zoned_now_is_the_plant_clock_as_written(broken: dict[str, Path]) -> None:
    assert DuckDBConnector(broken["zoned_now"]).now() == datetime(2025, 11, 20, 14, 0)


def test_a_line_without_a_name_is_named_by_its_id(broken: dict[str, Path]) -> None:
    answer = Copilot(DuckDBConnector(broken["null_line_name"])).ask("OEE Linie 1 letzte Woche")
    assert not re.search(r"\bnan\b", answer.text) and "L1" in answer.text
    assert any("lines.name" in w and "(z. B. L1)" in w for w in answer.warnings)


@pytest.mark.parametrize(
    ("case", "question", "warning"),
    [
        ("negative", "Wie lange stand Linie 2 letzte Woche?",
         "downtime_events.duration_s – 1 Zeile mit negativer Dauer (z. B. DT-L2-00001)"),
        ("planned_zero", "OEE Linie 1 letzte Woche", "shift_calendar.planned_minutes – 130 Zeilen mit 0 oder weniger"),
        ("duplicated", "OEE Linie 1 letzte Woche", "units.unit_id – "),
        ("null_shift_date", "OEE Linie 1 letzte Woche", "units.shift_date – "),
        ("null_line_no", "OEE Linie 2 letzte Woche", "lines.line_no – 1 Zeile ohne Wert (z. B. L1)"),
    ],
)  # fmt: skip
def test_figures_from_broken_rows_carry_a_data_warning(
    case: str, question: str, warning: str, broken: dict[str, Path]
) -> None:
    answer = Copilot(DuckDBConnector(broken[case])).ask(question)
    assert any(warning in w for w in answer.warnings), answer.warnings


def test_the_sample_plant_breaks_no_rule(sample_db: Path) -> None:
    connector = DuckDBConnector(sample_db)
    assert check_data(connector) == []
    assert not any("Datenproblem" in w for w in Copilot(connector).ask("OEE Linie 1 letzte Woche").warnings)


def test_a_latin1_byte_in_the_question_is_read(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = os.fsdecode(b"OEE Linie 1 gr\xf6\xdfte Abweichung gestern")  # how a Latin-1 terminal passes it
    assert readable(question) == "OEE Linie 1 größte Abweichung gestern"
    result, out, err = _cli(capsys, "ask", question, "--db", str(sample_db))
    assert result == 0 and "OEE" in out and "Traceback" not in err


@pytest.mark.parametrize(
    ("moment", "code", "message"),
    [("2025-11-20T14:00+01:00", 0, ""), ("0001-01-01", 2, "outside the years 1900 to 2200"),
     ("morgen", 2, "not a timestamp")],
)  # fmt: skip
def test_odd_clocks_on_the_command_line(
    moment: str, code: int, message: str, sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result, out, err = _cli(capsys, "ask", "OEE Linie 1 gestern", "--db", str(sample_db), "--now", moment)
    assert result == code and message in err and "Traceback" not in err
    if code == 0:
        assert "19.11.2025" in out  # the day before the clock as written


@pytest.mark.parametrize(
    ("moment", "day"),
    [("2025-11-19T23:30:00+00:00", "19.11.2025"), ("2025-11-19T23:30:00", "18.11.2025")],
)  # 23:30 UTC is 00:30 on the 20th in the sample plant's zone (Europe/Berlin): yesterday is the 19th
def test_a_clock_with_an_offset_is_plant_time(
    moment: str, day: str, sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result, out, _err = _cli(capsys, "ask", "OEE Linie 1 gestern", "--db", str(sample_db), "--now", moment)
    assert result == 0 and day in out, out
