"""Compiled patterns kept between runs: the planner gets the stored ones and reads time words the same."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PHRASES = [
    "OEE Linie 1 letzte Woche",
    "Ausschuss vom 3.11. bis 7.11.",
    "energy since last Monday",
    "Stillstände in KW 46 und KW 47",
    "Taktzeit seit Anfang Oktober",
    "vor 3 Tagen die Frühschicht",
]

RUN = """
import json, re, sys
from datetime import datetime
from pathlib import Path
from copilot.store.regex_cache import RegexCache
cache = RegexCache(Path(sys.argv[1]))
placed = cache.load()
stored = {id(p) for p in re._cache.values()}
from copilot import timeframes
found = [[(m.span, m.window.label_de) for m in timeframes.find_timeframes(q, datetime(2025, 11, 20, 14))]
         for q in json.loads(sys.argv[2])]
from_store = all(id(pattern) in stored for pattern, _rule in timeframes.RULES)
cache.save()
print(json.dumps({"placed": placed, "found": found, "from_store": from_store}))
"""


def _run(folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(folder), json.dumps(PHRASES)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def test_stored_patterns_are_used_and_read_the_same(tmp_path: Path) -> None:
    first = _run(tmp_path)
    second = _run(tmp_path)
    assert first["placed"] == 0 and not first["from_store"]
    assert second["placed"] > 20 and second["from_store"]
    assert second["found"] == first["found"] and any(first["found"])


def test_a_broken_pattern_file_is_compiled_afresh(tmp_path: Path) -> None:
    expected = _run(tmp_path)["found"]
    (tmp_path / "regex.pickle").write_bytes(b"\x80\x05 broken")
    again = _run(tmp_path)
    assert again["placed"] == 0 and again["found"] == expected
    assert _run(tmp_path)["placed"] > 20  # written again


def test_a_folder_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert _run(blocker / "cache")["found"] == _run(tmp_path)["found"]
    assert _run(blocker / "cache")["placed"] == 0
