"""A resident copilot answers `copilot ask` as the command itself would, and never with old data, settings or code."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

QUESTION = "Welche Probleme hatte Linie 2 gestern?"


def _copilot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "copilot", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=240, env=env)


def _answered(env: dict[str, str], db: Path) -> int:
    """How many questions the resident copilot for `db` has answered; -1 when none runs."""
    status = _copilot(env, "resident", "status", "--db", str(db))
    if status.returncode:
        return -1
    return int(status.stdout.split(";")[1].split()[0])


def _socket(env: dict[str, str], db: Path) -> Path:
    """Where the resident copilot for `db` under `env` listens."""
    script = (
        "import sys; from pathlib import Path; from copilot.resident.address import socket_path; "
        "print(socket_path(None, Path(sys.argv[1])))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, env=env)
    return Path(done.stdout.strip())


def _own_env(tmp_path: Path, auto_minutes: str = "0") -> dict[str, str]:
    """The environment without the suite's settings, a store of its own, and how long a resident left behind
    by `copilot ask` stays (0: none is left)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPILOT_", "OPENAI_"))}
    env["COPILOT_STORE"] = str(tmp_path / "store" / "store.sqlite")
    env["COPILOT_AUTO_RESIDENT_MIN"] = auto_minutes
    return env


def _until(condition: Callable[[], bool], seconds: float = 120.0) -> bool:
    """Whether the condition became true within the time, looking every 0.2 s."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _without_timing(output: str) -> dict:
    answer = json.loads(output)
    answer.pop("duration_ms")
    return answer


@pytest.fixture()
def plant(sample_db: Path, tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """A copy of the sample plant, a store of its own, and a resident copilot over it (stopped afterwards)."""
    db = tmp_path / "plant.duckdb"
    shutil.copy(sample_db, db)
    env = _own_env(tmp_path)
    started = _copilot(env, "resident", "start", "--db", str(db))
    assert started.returncode == 0, started.stderr
    yield env, db
    _copilot(env, "resident", "stop", "--db", str(db))


def test_the_resident_answers_as_the_command_itself(plant: tuple[dict[str, str], Path]) -> None:
    env, db = plant
    through_resident = _copilot(env, "ask", QUESTION, "--json", "--db", str(db))
    assert _answered(env, db) == 1
    in_process = _copilot(env, "ask", QUESTION, "--json", "--db", str(db), "--now", "2025-11-20T14:00:00")
    assert _answered(env, db) == 1  # --now is answered in the command's own process
    assert through_resident.returncode == in_process.returncode == 0
    assert _without_timing(through_resident.stdout) == _without_timing(in_process.stdout)
    text = _copilot(env, "ask", QUESTION, "--sql", "--db", str(db))
    assert text.stdout.startswith("Verstanden:") and "SELECT" in text.stdout
    assert _answered(env, db) == 2


def test_other_settings_are_answered_in_process(plant: tuple[dict[str, str], Path]) -> None:
    env, db = plant
    other = _copilot(env | {"COPILOT_QUERY_TIMEOUT_S": "9"}, "ask", QUESTION, "--json", "--db", str(db))
    assert other.returncode == 0 and json.loads(other.stdout)["facts"]
    assert _answered(env, db) == 0


def test_a_replaced_data_file_is_never_answered_from_the_old_one(
    plant: tuple[dict[str, str], Path], sample_db: Path
) -> None:
    env, db = plant
    before = _copilot(env, "ask", QUESTION, "--json", "--db", str(db))
    assert _answered(env, db) == 1
    db.unlink()
    shutil.copy(sample_db, db)  # a rebuilt file: a new inode, the same content
    after = _copilot(env, "ask", QUESTION, "--json", "--db", str(db))
    assert after.returncode == 0
    assert _without_timing(after.stdout) == _without_timing(before.stdout)
    assert _answered(env, db) == -1  # it saw the change and stopped


def test_a_broken_request_gets_an_error_and_the_resident_goes_on(plant: tuple[dict[str, str], Path]) -> None:
    env, db = plant
    path = str(_socket(env, db))
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    for request in (b"not json", b'{"ask": {"question": 42}}', b"[1, 2]"):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(path)
            connection.sendall(request)
            connection.shutdown(socket.SHUT_WR)
            reply = json.loads(connection.recv(65536))
        assert "error" in reply and "output" not in reply
    assert _answered(env, db) == 0
    assert _copilot(env, "ask", QUESTION, "--db", str(db)).stdout.startswith("Verstanden:")
    assert _answered(env, db) == 1


def test_stop_ends_it_and_removes_its_socket(plant: tuple[dict[str, str], Path]) -> None:
    env, db = plant
    assert _copilot(env, "resident", "stop", "--db", str(db)).stdout.strip() == "Stopped."
    assert _answered(env, db) == -1
    assert not _socket(env, db).exists()


def test_it_stops_by_itself_when_nobody_asks(sample_db: Path, tmp_path: Path) -> None:
    env = _own_env(tmp_path)
    started = _copilot(env, "resident", "start", "--db", str(sample_db), "--idle-minutes", "0.02")
    assert started.returncode == 0, started.stderr
    path = _socket(env, sample_db)
    for _ in range(100):
        if not path.exists():
            break
        time.sleep(0.1)
    assert not path.exists() and _answered(env, sample_db) == -1


def test_a_first_question_leaves_a_resident_that_answers_the_next(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "plant.duckdb"
    shutil.copy(sample_db, db)
    env = _own_env(tmp_path, auto_minutes="2")
    try:
        first = _copilot(env, "ask", QUESTION, "--json", "--db", str(db))
        assert first.returncode == 0 and json.loads(first.stdout)["facts"]
        assert _until(lambda: _answered(env, db) == 0), "no resident copilot was left behind"
        second = _copilot(env, "ask", QUESTION, "--json", "--db", str(db))
        assert _answered(env, db) == 1  # the second question went to it
        assert _without_timing(second.stdout) == _without_timing(first.stdout)
        status = _copilot(env, "resident", "status", "--db", str(db)).stdout
        # COPILOT_AUTO_RESIDENT_MIN=2, counted from the last question
        assert re.search(r"stops after [12] min", status)
    finally:
        _copilot(env, "resident", "stop", "--db", str(db))


def test_between_questions_a_program_that_writes_to_the_file_is_not_locked_out(
    plant: tuple[dict[str, str], Path],
) -> None:
    env, db = plant
    assert _copilot(env, "ask", QUESTION, "--db", str(db)).stdout.startswith("Verstanden:")
    assert _answered(env, db) == 1
    writer = duckdb.connect(str(db))  # a plant's loader opening the file to write
    try:
        writer.execute("CREATE TABLE loader_mark AS SELECT 1 AS done")
    finally:
        writer.close()
    # the file changed: answered anew, never from the file as it was
    after = _copilot(env, "ask", QUESTION, "--db", str(db))
    assert after.returncode == 0 and after.stdout.startswith("Verstanden:")


def test_a_second_resident_for_the_same_data_leaves_the_first_alone(
    plant: tuple[dict[str, str], Path],
) -> None:
    env, db = plant
    second = _copilot(env, "resident", "serve", "--db", str(db))
    assert second.returncode == 0 and "already serves" in second.stderr
    assert _copilot(env, "ask", QUESTION, "--db", str(db)).stdout.startswith("Verstanden:")
    assert _answered(env, db) == 1
