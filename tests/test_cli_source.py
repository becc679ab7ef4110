"""`copilot ask --source`: the steel example answers with the CSV's figure and declines production questions."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from copilot.config import REPO_ROOT

STEEL = REPO_ROOT / "examples" / "steel-energy" / "plant.yaml"
CSV = REPO_ROOT / "examples" / "steel-energy" / "data" / "Steel_industry_data.csv"


def ask(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "copilot", "ask", "--json", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def test_ask_with_a_source_file_gives_the_csvs_figure() -> None:
    frame = pd.read_csv(CSV, encoding="utf-8-sig")
    ends = pd.to_datetime(frame["date"], format="%d/%m/%Y %H:%M")
    # intervals starting on 15 March: ending 00:15 … 23:45 that day, and the one dated 15/03 00:00 (ends at midnight)
    day = ends.dt.date == pd.Timestamp("2018-03-15").date()
    gold = float(frame.loc[day, "Usage_kWh"].sum())
    answer = ask("--source", str(STEEL), "Wie viel Strom hat das Werk am 15.03.2018 verbraucht?")
    assert answer["facts"][0]["value"] == round(gold, 4)
    assert "4.388 kWh" in answer["answer"]


def test_ask_with_a_source_file_declines_production_questions() -> None:
    answer = ask("--source", str(STEEL), "Wie hoch war die OEE gestern?")
    assert answer["intent"] == "not_available" and not answer["facts"]
    assert "keine Produktionsdaten" in answer["answer"]


def test_a_missing_source_file_is_a_clear_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "copilot", "ask", "--source", "nowhere.yaml", "OEE gestern"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (
        done.returncode == 1
        and "nowhere.yaml does not exist" in done.stderr
        and "Traceback" not in done.stderr
    )
