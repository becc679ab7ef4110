"""Gemba observations in an A3: in its current condition, and as support for a cause the 5-Why tree names."""

from __future__ import annotations

from datetime import datetime

from connectors.duckdb_connector import DuckDBConnector
from copilot.a3.build import build_a3
from copilot.engine import Copilot
from copilot.gemba.store import GembaStore, Observation


def test_an_observation_at_the_named_station_is_in_the_a3(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "store.sqlite"))
    store = GembaStore()
    seen = "Greifer an L3-S4 verliert nachts Teile, Bediener setzt ihn zurück"
    store.add(Observation(seen, datetime(2025, 11, 18, 23, 30), "coach", "de", line="L3", station="L3-S4"))
    store.add(Observation("Staplerweg zugestellt", datetime(2025, 11, 18, 9, 0), "coach", "de", line="L2"))
    store.add(
        Observation("Greifer klemmt", datetime(2025, 9, 1, 8, 0), "coach", "de", line="L3", station="L3-S4")
    )
    a3 = build_a3(Copilot(DuckDBConnector(sample_db)), ["Warum schwankt die Taktzeit in Linie 3?"], "de")
    condition = a3.sections["current_condition"]
    assert seen in condition  # the line's observation in the period
    assert (
        "Staplerweg" not in condition and "Greifer klemmt" not in condition
    )  # another line; before the period
    assert "Vor Ort bestätigt" in a3.sections["root_cause"] and "L3-S4" in a3.sections["root_cause"]


def test_an_a3_without_observations_says_nothing_of_them(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "empty.sqlite"))
    a3 = build_a3(Copilot(DuckDBConnector(sample_db)), ["Why does the cycle time vary on line 3?"], "en")
    assert "Gemba" not in a3.sections["current_condition"]
    assert "Confirmed at the line" not in a3.sections["root_cause"]
