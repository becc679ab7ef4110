"""Golden equivalence: the sample plant in Parquet files, in PostgreSQL and in Spark answers every evaluation
question with the same facts (relative difference ≤ 1e-9) and, for why-questions, the same ranked causes
as DuckDB. Engines are compared with DuckDB, not with the gold SQL, so this holds whatever the planner does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from answer_shape import differences, shape

from connectors.base import Connector
from connectors.duckdb_connector import DuckDBConnector
from connectors.source_file import load_source
from connectors.sources import open_source
from copilot.config import REPO_ROOT
from copilot.engine import Copilot, Session
from copilot.evaluation import Case, load_cases

CASES = load_cases(REPO_ROOT / "tests" / "questions")
ENGINES = ("files", "postgresql", "spark")


def _answer(copilot: Copilot, case: Case) -> dict[str, Any]:
    session = Session(copilot, role=case.role)
    for earlier in case.context:
        session.ask(earlier)
    return shape(session.ask(case.question))


@pytest.fixture(scope="module")
def duckdb_answers(sample_db: Path) -> dict[str, dict[str, Any]]:
    """What DuckDB answers to every evaluation question."""
    copilot = Copilot(DuckDBConnector(sample_db))
    return {case.id: _answer(copilot, case) for case in CASES}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest, plant_tables: list[str]) -> Iterator[tuple[str, Copilot]]:
    """A copilot over the sample plant on another engine, mapped by a source file."""
    from plant_exports import files_source

    kind = request.param
    if kind == "postgresql":
        path = request.getfixturevalue("postgres_source")
    else:
        folder = request.getfixturevalue("parquet_folder")
        if kind == "spark":
            request.getfixturevalue("spark_session")
        path = files_source(folder, plant_tables, kind)
    connector: Connector = open_source(load_source(path), timeout_s=60)
    assert connector.dialect == {"files": "duckdb", "postgresql": "postgres", "spark": "spark"}[kind]
    yield kind, Copilot(connector)
    getattr(connector, "close", lambda: None)()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_same_answer_on_every_engine(
    engine: tuple[str, Copilot], case: Case, duckdb_answers: dict[str, dict[str, Any]]
) -> None:
    # each evaluation question: facts, causes, warnings and text as DuckDB gives them
    kind, copilot = engine
    got = _answer(copilot, case)
    assert not differences(duckdb_answers[case.id], got), (
        f"{kind}: {differences(duckdb_answers[case.id], got)}"
    )


def test_the_golden_run_has_figures_and_causes(duckdb_answers: dict[str, dict[str, Any]]) -> None:
    # the comparison means something: most answers carry figures, and the why-questions carry causes
    with_figures = sum(1 for a in duckdb_answers.values() if any(isinstance(f[5], float) for f in a["facts"]))
    with_causes = sum(1 for a in duckdb_answers.values() if len(a["causes"]) > 2)
    assert with_figures > 150 and with_causes >= 5
    assert not any(
        "konnte die Abfrage nicht" in w or "could not run" in w
        for a in duckdb_answers.values()
        for w in a["warnings"]
    )
