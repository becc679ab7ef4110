"""Every gold query of the second plant's question set runs on the generated file and gives one non-NULL row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import duckdb
import pytest
import yaml
from second_plant import QUESTIONS, built_once

ITEMS = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
KINDS = {"figure", "ranking", "refusal", "clarify", "lesson"}
GOLDS = [
    pytest.param(sql, id=f"{item['id']}-{n}")
    for item in ITEMS
    for n, sql in enumerate([item["expect"].get("gold_sql"), *(item["expect"].get("also_sql") or [])])
    if sql
]


@pytest.fixture(scope="module")
def pcon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(built_once(tmp_path_factory.getbasetemp())), read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize("sql", GOLDS)
def test_gold_query_gives_one_non_null_row(pcon, sql):
    rows = pcon.execute(sql).fetchall()
    assert len(rows) == 1, rows[:3]
    assert rows[0][0] is not None


def test_question_set_is_well_formed():
    ids = [item["id"] for item in ITEMS]
    assert len(ids) == len(set(ids)) >= 60
    for item in ITEMS:
        assert set(item) == {"id", "lang", "category", "question", "context", "expect", "note"}, item["id"]
        assert item["lang"] in ("de", "en") and item["question"].strip() and item["note"].strip(), item["id"]
        assert isinstance(item["context"], list), item["id"]
        assert item["expect"]["kind"] in KINDS, item["id"]
        if item["expect"]["kind"] in ("figure", "ranking"):
            assert item["expect"].get("gold_sql"), item["id"]


def test_question_set_is_bilingual_and_broad():
    langs = Counter(item["lang"] for item in ITEMS)
    assert min(langs.values()) >= 0.4 * len(ITEMS)
    kinds = Counter(item["expect"]["kind"] for item in ITEMS)
    assert kinds["refusal"] >= 2 and kinds["ranking"] >= 5 and kinds["clarify"] >= 1
    assert sum(1 for item in ITEMS if item["context"]) >= 3
    categories = {item["category"] for item in ITEMS}
    assert {
        "oee",
        "downtime",
        "breakdown",
        "short_stops",
        "scrap",
        "output",
        "cycle_time",
        "changeover",
        "energy",
    } <= categories


def test_rankings_name_an_identifier_of_the_plant(pcon):
    known = {
        v
        for (v,) in pcon.execute(
            "SELECT line_id FROM lines UNION SELECT station_id FROM stations UNION SELECT reason_code FROM downtime_reasons "
            "UNION SELECT defect_code FROM defect_codes UNION SELECT supplier FROM material_batches "
            "UNION SELECT team_id FROM teams UNION SELECT meter_id FROM energy_meters"
        ).fetchall()
    }
    for item in ITEMS:
        if item["expect"]["kind"] == "ranking":
            winner = pcon.execute(item["expect"]["gold_sql"]).fetchone()[0]
            assert winner in known, item["id"]


def test_questions_use_no_sample_plant_names():
    sample_words = (
        "Linie 1 ",
        "L1",
        "L2",
        "L3",
        "L4",
        "Druckguss",
        "Presswerk",
        "Lackierung",
        "BD-",
        "A-217",
    )
    for item in ITEMS:
        assert not any(word in item["question"] for word in sample_words), item["id"]
