"""The source file: its form is checked when read, and its mapping rewrites the plant's tables onto the contract."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlglot

from connectors.mapping import inline_mappings, mapping_select, rows_select
from connectors.source_file import SourceError, load_source, parse_source
from connectors.sources import open_source
from copilot.engine import Copilot


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"connector": "oracle"}, "connector: must be one of"),  # an unknown connector
        ({"connector": "files", "tables": {"unit": {"file": "u.csv"}}}, "Did you mean units?"),  # a typo
        ({"connector": "files", "tables": {"units": {"file": "u.csv", "table": "u"}}}, "exactly one of"),
        ({"connector": "files", "tables": {"units": {"fiel": "u.csv"}}}, "unknown key fiel"),
        (
            {"connector": "files", "tables": {"units": "u"}, "missing": ["units"]},
            "both mapped and declared missing",
        ),
        ({"connector": "postgresql", "connection": {"password": "x"}}, "a password does not belong"),
        (
            {"connector": "spark", "connection": {"master": "spark://u:geheim@host:7077"}},
            "a password does not belong",
        ),
    ],
)
def test_a_malformed_source_file_says_what_to_fix(data: dict, words: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_source(data)
    assert words in caught.value.message and caught.value.message_de


def test_a_file_that_is_not_yaml_is_named(tmp_path: Path) -> None:
    path = tmp_path / "plant.yaml"
    path.write_text("connector: [files\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid YAML"):
        load_source(path)
    with pytest.raises(SourceError, match="does not exist"):
        load_source(tmp_path / "none.yaml")


def test_a_mapping_renames_columns_and_keeps_contract_order() -> None:
    spec = parse_source(
        {
            "connector": "postgresql",
            "tables": {
                "energy_readings": {
                    "table": "mes.zaehlerwerte",
                    "columns": {"value": "kwh", "meter_id": "UPPER(zaehler)"},
                }
            },
        }
    )
    sql = mapping_select(spec, spec.tables["energy_readings"]).sql("postgres")
    assert sql == "SELECT UPPER(zaehler) AS meter_id, ts AS ts, kwh AS value FROM mes.zaehlerwerte AS src"


def test_literal_rows_are_typed_by_the_contract() -> None:
    sql = rows_select(
        "energy_meters",
        ({"meter_id": "M1", "line_id": None, "medium": "electricity", "unit": "kWh", "description": "site"},),
    ).sql("spark")
    assert "CAST(v.line_id AS STRING) AS line_id" in sql and "VALUES ('M1', NULL" in sql
    with pytest.raises(SourceError, match="unknown columns colour"):
        rows_select("energy_meters", ({"colour": "red"},))


def test_inlining_replaces_real_tables_but_not_a_cte_of_the_same_name() -> None:
    # the copilot's shift source has a CTE called shifts; only the real table is the plant's
    spec = parse_source({"connector": "postgresql", "tables": {"shifts": {"table": "mes.schichten"}}})
    selects = {"shifts": mapping_select(spec, spec.tables["shifts"])}
    tree = sqlglot.parse_one(
        "WITH shifts AS (SELECT 1 AS a) SELECT * FROM shifts UNION ALL SELECT 1 FROM (SELECT * FROM shifts) AS x",
        read="postgres",
    )
    text = inline_mappings(tree, selects).sql("postgres")
    assert text.count("mes.schichten") == 0  # every reference is to the CTE
    real = inline_mappings(
        sqlglot.parse_one("SELECT s.shift_code FROM shifts AS s", read="postgres"), selects
    )
    assert "FROM (SELECT shift_code AS shift_code" in real.sql("postgres") and ") AS s" in real.sql(
        "postgres"
    )


def test_loaded_files_stay_loaded_when_the_connector_is_released(
    parquet_folder: Path, tmp_path: Path
) -> None:
    # a resident copilot releases its connector between questions: tables loaded into memory must survive it
    from plant_exports import files_source

    tables = ["dataset_info", "lines"]
    for name in tables:
        (tmp_path / f"{name}.parquet").write_bytes((parquet_folder / f"{name}.parquet").read_bytes())
    connector = open_source(load_source(files_source(tmp_path, tables)))
    before = connector.execute("SELECT COUNT(*) AS n FROM lines")["n"].tolist()
    connector.release()
    assert connector.execute("SELECT COUNT(*) AS n FROM lines")["n"].tolist() == before == [4]


def test_a_partial_copy_of_the_sample_plant_answers_energy_but_not_output(
    parquet_folder: Path, tmp_path: Path
) -> None:
    # an energy-only export of the sample plant: energy answers with DuckDB's figure, output is declined
    from plant_exports import files_source

    tables = ["dataset_info", "lines", "energy_meters", "energy_readings"]
    for name in tables:
        (tmp_path / f"{name}.parquet").write_bytes((parquet_folder / f"{name}.parquet").read_bytes())
    copilot = Copilot(open_source(load_source(files_source(tmp_path, tables))))
    energy = copilot.ask("Wie viel Strom hat Linie 4 gestern verbraucht?")
    assert energy.intent == "value" and float(energy.facts[0].value) > 0
    output = copilot.ask("Wie viele Teile hat Linie 2 gestern produziert?")
    assert output.intent == "not_available" and not output.facts
    assert (
        output.text
        == "Diese Datenquelle enthält keine Produktionsdaten — Stückzahlen und OEE sind hier nicht verfügbar."
    )
    stops = copilot.ask("How long did line 2 stand still yesterday?")
    assert stops.intent == "not_available" and "no " in stops.text and not stops.facts
