"""`copilot source check`: each problem of a source file is named in one line; a sound source has none."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from connectors.duckdb_connector import open_read_only
from copilot.cli import main
from copilot.config import REPO_ROOT
from copilot.source_check import check_source

STEEL = REPO_ROOT / "examples" / "steel-energy" / "plant.yaml"


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory, sample_db: Path) -> Path:
    """An energy export with a missing table, a misnamed column and a wrong type."""
    folder = tmp_path_factory.mktemp("broken")
    with open_read_only(sample_db) as con:
        con.execute(
            "SELECT meter_id AS zaehler, line_id, medium, unit, description FROM energy_meters"
        ).df().to_csv(folder / "meters.csv", index=False)
        con.execute(
            "SELECT meter_id, CAST(ts AS VARCHAR) || ' Uhr' AS ts, value FROM energy_readings LIMIT 500"
        ).df().to_csv(folder / "readings.csv", index=False)
    others = "lines, stations, products, line_products, shifts, teams, shift_calendar, material_batches, production_orders, units, downtime_reasons, downtime_events, changeovers, alarm_codes, alarms, defect_codes, maintenance_orders, kpi_targets, glossary, energy_tariffs"
    (folder / "plant.yaml").write_text(
        "connector: files\n"
        "tables:\n"
        "  energy_meters: {file: meters.csv}\n"
        "  energy_readings:\n    file: readings.csv\n    options: {all_varchar: true}\n"
        "    columns: {value: CAST(value AS DOUBLE)}\n"
        f"missing: [{others}]\n",
        encoding="utf-8",
    )
    return folder / "plant.yaml"


def test_each_problem_of_a_broken_mapping_is_named(broken: Path) -> None:
    report = check_source(broken)
    english = report.lines("en")
    problems = [line for line in english if line.startswith("✗")]
    assert len(problems) == 3, english
    assert any("table dataset_info" in p and "missing:" in p for p in problems)  # the missing table
    assert any("column meter_id not found" in p and "zaehler" in p for p in problems)  # misnamed, with a hint
    assert any("energy_readings.ts is VARCHAR" in p and "TIMESTAMP" in p for p in problems)  # the wrong type
    german = [line for line in report.lines("de") if line.startswith("✗")]
    assert any("Spalte meter_id fehlt" in p for p in german) and any(
        "verlangt TIMESTAMP" in p for p in german
    )


def test_the_steel_example_is_sound_and_says_what_it_answers() -> None:
    report = check_source(STEEL)
    assert not report.problems, report.lines("en")
    lines = report.lines("en")
    assert "· can answer: energy consumption" in lines
    assert any(line.startswith("· cannot answer: OEE") and "units" in line for line in lines)


def test_the_data_rules_find_a_stop_outside_shifts_and_data_after_now(
    tmp_path: Path, parquet_folder: Path, plant_tables: list[str]
) -> None:
    # a copy of the sample plant with one stop moved into the night of a Sunday and one reading in the future
    folder = tmp_path / "plant"
    folder.mkdir()
    for table in plant_tables:
        (folder / f"{table}.parquet").write_bytes((parquet_folder / f"{table}.parquet").read_bytes())
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT * REPLACE (CASE WHEN event_id = (SELECT MIN(event_id) FROM '{parquet_folder}/downtime_events.parquet') "
            f"THEN TIMESTAMP '2025-11-16 03:00:00' ELSE start_ts END AS start_ts) FROM '{parquet_folder}/downtime_events.parquet') "
            f"TO '{folder}/downtime_events.parquet' (FORMAT parquet)"
        )
        con.execute(
            f"COPY (SELECT * FROM '{parquet_folder}/energy_readings.parquet' UNION ALL "
            f"(SELECT meter_id, TIMESTAMP '2025-12-01 00:00:00', value FROM '{parquet_folder}/energy_readings.parquet' LIMIT 1)) "
            f"TO '{folder}/energy_readings.parquet' (FORMAT parquet)"
        )
    from plant_exports import files_source

    problems = [
        line for line in check_source(files_source(folder, plant_tables)).lines("en") if line.startswith("✗")
    ]
    assert any("downtime_events: 1 stops lie outside a worked shift" in p for p in problems), problems
    assert any("energy_readings: 1 rows lie after the data set's now" in p for p in problems), problems
    assert len(problems) == 2, problems


def test_the_sample_plant_in_postgresql_passes(postgres_source: Path) -> None:
    report = check_source(postgres_source)
    assert not report.problems, report.lines("en")
    assert "· can answer: causes (why-questions)" in report.lines("en")


def test_the_command_exits_1_on_problems_and_0_without(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["source", "check", str(broken), "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "3 Probleme" in out and "✗" in out
    assert main(["source", "check", str(STEEL)]) == 0
    assert "0 problems" in capsys.readouterr().out


def test_a_source_file_with_a_password_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plant.yaml"
    path.write_text(
        "connector: postgresql\nconnection: {url: 'postgresql://mes:geheim@db/mes'}\n", encoding="utf-8"
    )
    report = check_source(path)
    assert len(report.problems) == 1 and "environment variable" in report.problems[0][0]
