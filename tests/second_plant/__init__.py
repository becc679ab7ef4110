"""The Talquell beverage plant: a second test plant that shares nothing with the sample plant but the contract."""

from __future__ import annotations

from pathlib import Path

from .generator import build_database

QUESTIONS = Path(__file__).with_name("questions.yaml")


def build_second_plant(path: Path | str) -> Path:
    """Generate the Talquell plant into a new DuckDB file at `path` and return the path."""
    return build_database(path)


def built_once(base: Path) -> Path:
    """The plant's file under a test run's base folder, generated on first use."""
    path = Path(base) / "second_plant" / "talquell.duckdb"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_second_plant(path)
    return path
