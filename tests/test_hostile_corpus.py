"""The hostile-input corpus (tests/hostile): every case holds its one property, whatever writes the input."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hostile_corpus import expand, ids, load
from llm_replay_server import ReplayServer, call, text

from connectors.base import ConnectorError
from connectors.contract import contract_tables
from connectors.duckdb_connector import DuckDBConnector
from copilot.config import SETTINGS, setting_problems
from copilot.data_check import RANGES
from copilot.engine import Copilot, Session
from copilot.llm.claims import claimed_action
from copilot.llm.router import ask_with_model
from copilot.llm.settings import LLMSettings
from copilot.planner.texts import PROCESS_VIEW
from copilot.sql_guard import GuardError, guard_sql
from copilot.store.audit import AuditLog, one_line

OPEN_EN = "Tell me a joke about the plant"  # no offline plan: the model is asked
OEE_L3 = call("query_metric", metric="oee", period="last week", filters={"line": ["L3"]})  # 70.2 %
REPLIES = load("model_replies")
CLAIMS, NUMBERS, LINKS = (expand(REPLIES[k]) for k in ("claims", "numbers", "links"))
SQL = [(s, e, sql) for s, part in load("sql").items() for e in part["engines"] for sql in expand(part)]
SETTING_CASES = [(n, v) for n in load("settings")["settings"] for v in load("settings")["values"]]
AUDIT = expand(load("audit"))
PEOPLE = load("people")
REFUSED, ANSWERED = expand(PEOPLE["refused"]), expand(PEOPLE["answered"])
ACTIONS = expand(load("actions"))
HIDDEN = {"Cc", "Cf", "Zl", "Zp"}


@pytest.fixture(scope="module")
def copilot(sample_db: Path) -> Copilot:
    return Copilot(DuckDBConnector(sample_db))


@pytest.fixture(scope="module")
def replay() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        yield server


def _model_says(copilot: Copilot, replay: ReplayServer, *script: dict) -> str:
    """The text the user sees after the model sent `script`."""
    replay.script = list(script)
    answer = ask_with_model(
        copilot, OPEN_EN, settings=LLMSettings(base_url=replay.base_url, model="replay-model")
    )
    return answer.text


# ----- model replies --------------------------------------------------------------------------------


def test_the_corpus_has_at_least_a_hundred_cases_of_each_kind() -> None:
    kinds = {"claims": CLAIMS, "numbers": NUMBERS, "links": LINKS, "sql": SQL, "settings": SETTING_CASES,
             "audit": AUDIT, "people": REFUSED, "actions": ACTIONS, "faults": FAULTS}  # fmt: skip
    assert {k: len(v) for k, v in kinds.items() if len(v) < 100} == {}


@pytest.mark.parametrize("reply", CLAIMS, ids=ids(CLAIMS))
def test_no_false_claim_of_an_action_is_shown(copilot: Copilot, replay: ReplayServer, reply: str) -> None:
    assert claimed_action(reply), reply  # the corpus case is a claim
    shown = _model_says(copilot, replay, text(reply))
    assert reply not in shown and claimed_action(shown) is None


@pytest.mark.parametrize("reply", NUMBERS, ids=ids(NUMBERS))
def test_no_ungrounded_figure_is_shown(copilot: Copilot, replay: ReplayServer, reply: str) -> None:
    shown = _model_says(copilot, replay, OEE_L3, text(reply))
    assert reply not in shown and "70.2" in shown  # the product's own text with the real figure


@pytest.mark.parametrize("reply", LINKS, ids=ids(LINKS))
def test_no_outside_link_or_image_is_rendered(copilot: Copilot, replay: ReplayServer, reply: str) -> None:
    shown = _model_says(copilot, replay, text(reply))
    assert "evil" not in shown and not re.search(r"!\[|<img|<a\s|javascript:|\]\(", shown, re.IGNORECASE)


# ----- SQL per engine -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "engine", "sql"),
    SQL,
    ids=[f"{e}:{i}" for (_, e, _), i in zip(SQL, ids([s for *_, s in SQL]), strict=True)],
)
def test_hostile_sql_is_refused_on_every_engine(written: str, engine: str, sql: str) -> None:
    read = "duckdb" if written == "duckdb" else engine
    with pytest.raises(GuardError) as refusal:
        guard_sql(sql, dialect=engine, read_dialect=read)
    assert refusal.value.message and refusal.value.message_de


# ----- settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value"), SETTING_CASES, ids=[f"{n}={v!a}" for n, v in SETTING_CASES])
def test_an_unusable_setting_is_named_and_its_default_used(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    (setting,) = [s for s in SETTINGS if s.name == name]
    assert [en for en, de in setting_problems() if en.startswith(name) and de.startswith(name)]
    assert setting.value() == setting.default


# ----- audit ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audited(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Copilot, AuditLog]:
    log = AuditLog(tmp_path_factory.mktemp("audit") / "audit.sqlite")
    return Copilot(DuckDBConnector(sample_db), audit=log), log


@pytest.mark.parametrize("question", AUDIT, ids=ids(AUDIT))
def test_each_question_is_one_entry_listed_on_one_line(
    audited: tuple[Copilot, AuditLog], question: str
) -> None:
    copilot, log = audited
    before = len(log.entries())
    copilot.ask(question)
    entries = log.entries()
    assert len(entries) == before + 1 and entries[-1].question == question
    listed = one_line(entries[-1].question)
    assert len(listed.splitlines()) == 1 and not any(unicodedata.category(ch) in HIDDEN for ch in listed)


# ----- people and actions ---------------------------------------------------------------------------


@pytest.mark.parametrize("question", REFUSED, ids=ids(REFUSED))
def test_people_questions_are_refused_with_the_process_view(copilot: Copilot, question: str) -> None:
    answer = Session(copilot).ask(question)
    assert answer.intent == "out_of_scope" and answer.understood.topic in ("people", "discipline")
    assert not answer.facts and answer.choices and answer.choices[0] in PROCESS_VIEW


@pytest.mark.parametrize("question", ANSWERED, ids=ids(ANSWERED))
def test_people_corpus_teams_stay_answerable_for_process_figures(copilot: Copilot, question: str) -> None:
    answer = Session(copilot).ask(question)
    assert answer.intent != "out_of_scope" and answer.facts


@pytest.mark.parametrize("question", ACTIONS, ids=ids(ACTIONS))
def test_requests_to_act_are_refused(copilot: Copilot, question: str) -> None:
    answer = Session(copilot).ask(question)
    assert answer.intent == "out_of_scope" and answer.understood.topic == "change", answer.understood.topic
    assert not answer.facts and not answer.evidence


# ----- plant-data faults ----------------------------------------------------------------------------


def _faults() -> list[tuple[str, str, str]]:
    """(table, column, statement): one fault each, from the contract and the corpus templates."""
    spec = load("plant_faults")
    faults: list[tuple[str, str, str]] = []
    for table in contract_tables().values():
        for column in table.columns:
            if not column.nullable:
                faults.append(
                    (
                        table.name,
                        column.name,
                        spec["required_column"].format(table=table.name, column=column.name),
                    )
                )
        if table.primary_key:
            faults.append((table.name, table.primary_key[0], spec["key"].format(table=table.name)))
        if table.name in spec["dropped"]:
            faults.append((table.name, "", spec["table"].format(table=table.name)))
    for table, column, *_ in RANGES:
        for bad in spec["range_values"]:
            faults.append((table, column, spec["range"].format(table=table, column=column, bad=bad)))
    for value in spec["now_values"]:
        faults.append(("dataset_info", "", spec["now"].format(value=value)))
    return faults


FAULTS = _faults()
QUESTIONS = load("plant_faults")["questions"]
DATED = ("shift_date", "ts", "start_ts", "created_ts", "planned_start_ts")


@pytest.fixture(scope="session")
def tiny_plant(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two days of the sample plant without constraints, built once per run."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    con = duckdb.connect(str(path))
    con.execute(f"ATTACH '{sample_db}' AS src (READ_ONLY)")
    for (table,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src'"
    ).fetchall():
        columns = {
            c
            for (c,) in con.execute(
                f"SELECT column_name FROM duckdb_columns() WHERE database_name = 'src' AND table_name = '{table}'"
            ).fetchall()
        }
        dated = next((c for c in DATED if c in columns), None)
        where = f" WHERE {dated} >= DATE '2025-11-18'" if dated else ""
        con.execute(f"CREATE TABLE main.{table} AS SELECT * FROM src.main.{table}{where}")
    con.execute("DETACH src")
    con.close()
    return path


@pytest.mark.parametrize(
    ("table", "column", "statement"), FAULTS, ids=[f"{t}.{c}:{s[:30]}" for t, c, s in FAULTS]
)
def test_a_plant_fault_gives_no_traceback_and_is_named(
    tiny_plant: Path, tmp_path: Path, table: str, column: str, statement: str
) -> None:
    path = tmp_path / "fault.duckdb"
    shutil.copy(tiny_plant, path)
    with duckdb.connect(str(path)) as con:
        con.execute(statement)
    try:
        copilot = Copilot(DuckDBConnector(path))
    except ConnectorError as error:  # the file cannot be used: said plainly when it opens
        assert error.message and "Traceback" not in error.message
        return
    question = QUESTIONS[len(statement) % len(QUESTIONS)]
    answer = copilot.ask(question)
    assert answer.text and "Traceback" not in answer.text and not re.search(r"\bnan\b", answer.text)
    if column and not statement.startswith("DROP"):
        assert any(p.table == table for p in copilot.data_problems), statement
