"""Offline speech: transcription time of a ~4 s English question (int8, CPU) and espeak-ng questions answered right.

Run with `python bench/speech.py`; paste the printed tables into bench/RESULTS.md with the date.
The questions are spoken by espeak-ng (a slow, clear synthetic speaker), transcribed with the
plant's hotwords as the app does, and asked of the offline copilot; an answer is right when its
intent, metric and line (or lesson topic) are the expected ones.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import tempfile
import time
import wave
from pathlib import Path

from connectors.duckdb_connector import DuckDBConnector
from connectors.sample_plant import build_sample_db
from copilot.config import SAMPLE_DB
from copilot.engine import Copilot
from copilot.speech import load_model, plant_hotwords, transcribe
from copilot.speech.transcribe import BEAM_SIZE

SPEAKER = ["-v", "en-us", "-s", "130", "-g", "6"]
TIMED = "What was the OEE of line 1 last week?"  # 4.3 s with this speaker
# (question, intent, metric or lesson topic, line)
QUESTIONS = [
    ("How much power did line 4 use yesterday compared with Monday?", "compare", "energy", "L4"),
    ("Which station had the most short stops on line 3?", "rank", "short_stops", "L3"),
    ("What was the OEE of line 1 last week?", "value", "oee", "L1"),
    ("Which problems did line 2 have yesterday?", "overview", "downtime", "L2"),
    ("How much scrap did line 1 make yesterday?", "value", "scrap_count", "L1"),
    ("What is Heijunka?", "lesson", "heijunka", None),
    ("Why do changeovers on line 2 take so long?", "why", "changeover_time", "L2"),
    ("Why does the cycle time vary on line 3?", "why", "cycle_time_cv", "L3"),
    ("How long were the changeovers on line 2 last week?", "value", "changeover_time", "L2"),
    ("What was the availability of line 3 yesterday?", "value", "availability", "L3"),
    ("How much compressed air did line 1 use last week?", "value", "energy", "L1"),
    ("What was the first pass yield of line 1 yesterday?", "value", "fpy", "L1"),
]


def say(text: str) -> bytes:
    """A WAV of espeak-ng speaking the text."""
    return subprocess.run(["espeak-ng", *SPEAKER, "--stdout", text], capture_output=True, check=True).stdout


def seconds_of(wav_bytes: bytes) -> float:
    """Length of a WAV in seconds."""
    with wave.open(io.BytesIO(wav_bytes)) as clip:  # espeak's streamed header leaves the length open
        return (len(wav_bytes) - 44) / (clip.getframerate() * clip.getsampwidth() * clip.getnchannels())


def is_right(answer, intent: str, target: str, line: str | None) -> bool:
    """The answer has the expected intent, metric (or topic) and line."""
    plan = answer.understood
    if answer.intent != intent:
        return False
    if intent == "lesson":
        return plan.topic == target
    return target in plan.metrics and plan.filters.used().get("lines") == (line,)


def main() -> None:
    """Print the timing table and the accuracy table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=None, help="plant database (default: the sample plant)")
    parser.add_argument("--repeat", type=int, default=9, help="timed transcriptions of the clip")
    args = parser.parse_args()
    db = args.db or (
        SAMPLE_DB if SAMPLE_DB.exists() else build_sample_db(Path(tempfile.mkdtemp()) / "s.duckdb")
    )
    copilot = Copilot(DuckDBConnector(db))
    hotwords = plant_hotwords(copilot.catalog, "en")
    started = time.perf_counter()
    model = load_model()
    load_s = time.perf_counter() - started
    clip = say(TIMED)
    transcribe(clip, "en", hotwords, model)  # warm-up
    times = [transcribe(clip, "en", hotwords, model).seconds for _ in range(args.repeat)]
    print(
        f"model load (assembly and verification included when first run): {load_s:.1f} s; cores: {os.cpu_count()}"
    )
    print("\n| clip | audio | median | min | max | runs | beam | target |\n|---|---|---|---|---|---|---|---|")
    print(
        f"| “{TIMED}” | {seconds_of(clip):.1f} s | {statistics.median(times):.2f} s | {min(times):.2f} s "
        f"| {max(times):.2f} s | {len(times)} | {BEAM_SIZE} | ≤ 2 s |"
    )
    print("\n| question (spoken) | heard | right |\n|---|---|---|")
    right = 0
    for question, intent, target, line in QUESTIONS:
        heard = transcribe(say(question), "en", hotwords, model).text
        ok = is_right(copilot.ask(heard), intent, target, line)
        right += ok
        print(f"| {question} | {heard} | {'yes' if ok else 'no'} |")
    print(f"\n{right} of {len(QUESTIONS)} spoken questions answered right.")


if __name__ == "__main__":
    main()
