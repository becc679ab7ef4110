"""A3 drafts: edits survive a new process, a save killed midway leaves the previous version intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from copilot.a3.drafts import PAUSE_ENV, DraftStore
from copilot.a3.model import A3, A3Error, Figure, PlanRow, Source
from copilot.config import REPO_ROOT


def _a3() -> A3:
    return A3(
        title="Stillstandszeit Linie 2, gestern: 96 min",
        owner="Lean-Coach",
        date="2025-11-20",
        language="de",
        questions=["Warum hatte Linie 2 gestern so viel Stillstand?"],
        sections={"background": "Anlass", "goal": "Verfügbarkeit mindestens 90,0 %"},
        figures=[Figure("Stillstandszeit", "96 min", 0)],
        plan_rows=[PlanRow("Vorbeugende Wartung", "Instandhaltung", "2025-11-27")],
        sources=[Source("Stillstandszeit berechnen", "SELECT 96", 1)],
    )


@pytest.fixture
def store(tmp_path):
    store = DraftStore(tmp_path / "store.sqlite")
    yield store
    store.close()


def _script(path, code: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Run Python code against the store in a new process."""
    program = f"from copilot.a3.drafts import DraftStore\nstore = DraftStore(__import__('pathlib').Path({str(path)!r}))\n{code}"
    return subprocess.Popen(
        [sys.executable, "-c", program], cwd=REPO_ROOT, env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_save_load_round_trip_and_versions(store):
    saved = store.save(_a3())
    assert saved.version == 1
    assert store.load(saved.id).to_dict() == saved.to_dict()
    store.update_section(saved.id, "goal", "Verfügbarkeit ≥ 92 % bis KW 51")
    latest = store.update_plan_rows(saved.id, [{"what": "SMED", "who": "Team T-B", "when": "2025-12-01"}])
    assert latest.version == 3 and latest.plan_rows == [PlanRow("SMED", "Team T-B", "2025-12-01")]
    assert store.load(saved.id).sections["goal"] == "Verfügbarkeit ≥ 92 % bis KW 51"
    assert store.load(saved.id, version=1).sections["goal"] == "Verfügbarkeit mindestens 90,0 %"
    assert [v for v, _ in store.versions(saved.id)] == [1, 2, 3]
    assert [d.id for d in store.list_drafts()] == [saved.id]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, i: s.update_section(i, "fazit", "x"), "Unbekannter Abschnitt"),  # not an A3 section
        (lambda s, i: s.update_section("nope", "goal", "x"), "keinen A3-Entwurf"),  # unknown draft
        (lambda s, i: s.load(i, version=9), "keinen A3-Entwurf"),  # unknown version
        (lambda s, i: s.update_plan_rows(i, [{"who": "Team"}]), "„Was“"),  # a row without what
    ],
)
def test_bad_edits_are_refused_in_plain_words(store, call, message):
    draft = store.save(_a3())
    with pytest.raises(A3Error) as error:
        call(store, draft.id)
    assert message in error.value.text("de")
    assert store.load(draft.id).version == 1  # nothing was written


def test_an_edit_is_found_by_a_new_process(store, tmp_path):
    draft = store.save(_a3())
    store.update_section(draft.id, "root_cause", "Warum? Hydraulikschlauch verschlissen")
    store.close()
    reader = _script(tmp_path / "store.sqlite", f"print(store.load({draft.id!r}).sections['root_cause'])")
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert out.strip() == "Warum? Hydraulikschlauch verschlissen"


def test_a_save_killed_midway_leaves_the_previous_version_intact(store, tmp_path):
    path = tmp_path / "store.sqlite"
    draft = store.save(_a3())
    writer = _script(
        path, f"store.update_section({draft.id!r}, 'goal', 'NEU ' * 2_000_000)", env={PAUSE_ENV: "60"}
    )
    try:
        assert writer.stderr is not None
        assert writer.stderr.readline().strip() == "saving"  # inside the transaction, rows written
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 1_000_000  # the 8 MB version has spilled into the log, uncommitted
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == -signal.SIGKILL
    time.sleep(0.1)
    reopened = DraftStore(path)
    try:
        assert reopened.load(draft.id).sections["goal"] == "Verfügbarkeit mindestens 90,0 %"
        assert [v for v, _ in reopened.versions(draft.id)] == [1]
        assert reopened.update_section(draft.id, "goal", "danach").version == 2  # the store still writes
    finally:
        reopened.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
