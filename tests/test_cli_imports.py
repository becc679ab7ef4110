"""`copilot ask` loads only what the answer needs: no app, no language model, no generator, no exporters.

Checked by the modules a fresh interpreter holds, not by timing (bench/cli_startup.py measures that).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Libraries and modules that `copilot ask` (offline) never needs.
NOT_FOR_ASK = (
    "streamlit", "langchain", "langchain_core", "langchain_openai", "openai", "altair", "weasyprint",
    "vl_convert", "jinja2", "faster_whisper", "pyspark", "psycopg", "mcp", "matplotlib",
    "connectors.sample_plant", "copilot.llm", "copilot.a3.build", "copilot.a3.render", "copilot.mcp_server",
)  # fmt: skip
# What building the command line's parser (`copilot --help`, any subcommand's start) needs even less.
NOT_FOR_PARSER = (*NOT_FOR_ASK, "pandas", "numpy", "duckdb", "sqlglot", "pyarrow", "yaml")

ASK = """
import contextlib, io, json, sys
import copilot.cli
parser_only = sorted(sys.modules)
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = copilot.cli.main(["ask", sys.argv[1], "--db", sys.argv[2]])
print(json.dumps({"code": code, "answer": out.getvalue(), "parser": parser_only, "ask": sorted(sys.modules)}))
"""


def _loaded(question: str, db: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", ASK, question, str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def _held(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


@pytest.mark.parametrize("question", ["OEE Linie 1 letzte Woche", "Warum schwankt die Taktzeit in Linie 3?"])
def test_ask_imports_only_what_the_answer_needs(sample_db: Path, question: str) -> None:
    loaded = _loaded(question, sample_db)
    assert loaded["code"] == 0 and "Linie" in loaded["answer"]
    assert "copilot.engine" in loaded["ask"] and "duckdb" in loaded["ask"]  # the answer really ran
    assert _held(loaded["ask"], NOT_FOR_ASK) == []
    assert _held(loaded["parser"], NOT_FOR_PARSER) == []
