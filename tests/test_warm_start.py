"""The catalogue kept between processes: the same answers as a fresh build, rebuilt when stale or broken."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.render import answer_text

QUESTION = "OEE Linie 1 letzte Woche"
IN_PROCESS = {
    "COPILOT_AUTO_RESIDENT_MIN": "0"
}  # these check the command's own process: it leaves no resident


def _copilot(db: Path, cache: Path | None) -> Copilot:
    return Copilot(DuckDBConnector(db), cache=cache)


def _answer(copilot: Copilot, question: str = QUESTION) -> str:
    return answer_text(copilot.ask(question))


@pytest.fixture()
def own_plant(sample_db: Path, tmp_path: Path) -> Path:
    """A copy of the sample plant that a test may change."""
    return Path(shutil.copy(sample_db, tmp_path / "plant.duckdb"))


@pytest.mark.parametrize(
    "question", [QUESTION, "Welche Probleme hatte Linie 2 gestern?", "Stilstand gestren L3"]
)
def test_cached_catalogue_gives_the_answers_of_a_fresh_one(
    sample_db: Path, tmp_path: Path, question: str
) -> None:
    fresh = _copilot(sample_db, None)
    first = _copilot(sample_db, tmp_path / "cache")
    second = _copilot(sample_db, tmp_path / "cache")
    assert (fresh.warm, first.warm, second.warm) == ("built", "built", "cached")
    assert list((tmp_path / "cache").glob("warm-*.pickle"))  # written into the store folder
    assert _answer(second, question) == _answer(first, question) == _answer(fresh, question)
    assert second.planner.vocabulary == fresh.planner.vocabulary
    assert second.connector.schema() == fresh.connector.schema()


def test_a_changed_database_is_read_again(own_plant: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = _copilot(own_plant, cache)
    assert "Druckguss" in _answer(before)
    before.connector.close()  # type: ignore[attr-defined]
    with duckdb.connect(str(own_plant)) as con:
        con.execute("UPDATE lines SET name = 'Linie 1 – Gießerei' WHERE line_id = 'L1'")
    after = _copilot(own_plant, cache)
    assert after.warm == "built"
    assert "Gießerei" in _answer(after) and "Druckguss" not in _answer(after)
    assert _copilot(own_plant, cache).warm == "cached"


def test_a_corrupt_cache_file_is_rebuilt(sample_db: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _answer(_copilot(sample_db, cache))
    (stored,) = cache.glob("warm-*.pickle")
    stored.write_bytes(stored.read_bytes()[:500])  # cut off mid-write
    broken = _copilot(sample_db, cache)
    assert broken.warm == "built" and _answer(broken) == expected
    stored.write_bytes(b"not a cache at all")
    assert _copilot(sample_db, cache).warm == "built"
    assert _copilot(sample_db, cache).warm == "cached"  # and written again


def test_an_unwritable_cache_folder_still_answers(sample_db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "store"
    blocker.write_text("a file where the folder would be")
    copilot = _copilot(sample_db, blocker / "cache")
    assert copilot.warm == "built"
    assert _answer(copilot) == _answer(_copilot(sample_db, None))
    assert _copilot(sample_db, blocker / "cache").warm == "built"


def test_the_command_line_answers_the_same_from_the_cache(sample_db: Path, tmp_path: Path) -> None:
    env = {"COPILOT_STORE": str(tmp_path / "store" / "store.sqlite"), "PATH": "/usr/bin:/bin", **IN_PROCESS}
    command = [sys.executable, "-m", "copilot", "ask", QUESTION, "--db", str(sample_db)]
    runs = [subprocess.run(command, capture_output=True, text=True, timeout=120, env=env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0] and runs[0].stdout == runs[1].stdout
    assert "77,0 %" in runs[0].stdout
    assert list((tmp_path / "store" / "cache").glob("warm-*.pickle"))
    assert not list(sample_db.parent.glob("warm-*"))  # nothing next to the plant's database
    with sqlite3.connect(tmp_path / "store" / "store.sqlite") as store:  # the quick exit loses no entry
        assert store.execute("SELECT COUNT(*) FROM audit WHERE question = ?", (QUESTION,)).fetchone()[0] == 2


def test_the_whole_answer_reaches_a_pipe_before_the_process_leaves(sample_db: Path, tmp_path: Path) -> None:
    env = {"COPILOT_STORE": str(tmp_path / "store.sqlite"), "PATH": "/usr/bin:/bin", **IN_PROCESS}
    command = [sys.executable, "-m", "copilot", "ask", QUESTION, "--db", str(sample_db), "--json", "--sql"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["facts"][0]["key"] == "oee"
