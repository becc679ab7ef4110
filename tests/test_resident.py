"""A resident copilot answers `copilot ask` as the command itself would, and never with old data, settings or code."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

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


def _without_timing(output: str) -> dict:
    answer = json.loads(output)
    answer.pop("duration_ms")
    return answer


@pytest.fixture()
def plant(sample_db: Path, tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """A copy of the sample plant, a store of its own, and a resident copilot over it (stopped afterwards)."""
    db = tmp_path / "plant.duckdb"
    shutil.copy(sample_db, db)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPILOT_", "OPENAI_"))}
    env["COPILOT_STORE"] = str(tmp_path / "store" / "store.sqlite")
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
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPILOT_", "OPENAI_"))}
    env["COPILOT_STORE"] = str(tmp_path / "store.sqlite")
    started = _copilot(env, "resident", "start", "--db", str(sample_db), "--idle-minutes", "0.02")
    assert started.returncode == 0, started.stderr
    path = _socket(env, sample_db)
    for _ in range(100):
        if not path.exists():
            break
        time.sleep(0.1)
    assert not path.exists() and _answered(env, sample_db) == -1
