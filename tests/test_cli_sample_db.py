"""`copilot sample-db` writes the sample plant where it is told, from the seed it is given."""

from __future__ import annotations

import subprocess
import sys

import duckdb


def _copilot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "copilot", *args], capture_output=True, text=True, timeout=300
    )


def test_sample_db_writes_the_file_with_seed(tmp_path):
    out = tmp_path / "plant.duckdb"
    result = _copilot("sample-db", "--out", str(out), "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "seed 7" in result.stdout
    con = duckdb.connect(str(out), read_only=True)
    info = dict(con.execute("SELECT key, value FROM dataset_info").fetchall())
    assert info["generator_seed"] == "7" and info["now"] == "2025-11-20T14:00:00"
    assert con.execute("SELECT COUNT(*) FROM lines").fetchone() == (4,)
    assert not (tmp_path / "plant.duckdb.tmp").exists()


def test_sample_db_refuses_scale_zero(tmp_path):
    result = _copilot("sample-db", "--out", str(tmp_path / "x.duckdb"), "--scale", "0")
    assert result.returncode == 2
    assert "--scale" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()
