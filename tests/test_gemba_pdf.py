"""A Gemba walk's report as PDF: one printable A4 document with the notes, their data and the photos."""

from __future__ import annotations

import struct
import subprocess
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from copilot.cli import main
from copilot.gemba.observe import observe
from copilot.gemba.report import walk_pdf
from copilot.gemba.store import GembaStore

NOW = datetime(2025, 11, 20, 13, 30)
HYDRAULIC = "an L2-S2 tropft Öl am Hydraulikschlauch, Bediener sagt seit Montag"


def tiny_png() -> bytes:
    """A real 2×2 red PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture()
def walk(tmp_path, plant):
    store = GembaStore(tmp_path / "store.sqlite")
    started = store.start_walk("Presswerk", "coach")
    observe(*plant, store, HYDRAULIC, NOW, walk_id=started.id, photo=tiny_png(), photo_suffix=".png")
    observe(*plant, store, "L3-S4 klemmt nachts seit zwei Wochen", NOW, "operator", "de", walk_id=started.id)
    yield store, started.id
    store.close()


@pytest.mark.parametrize(("lang", "title", "order"), [
    ("de", "Gemba-Rundgang: Presswerk", "Instandhaltungsauftrag MO-L2-0045 erledigt"),
    ("en", "Gemba walk: Presswerk", "maintenance order MO-L2-0045 done"),
])  # fmt: skip
def test_the_pdf_holds_the_notes_their_data_and_the_photo(walk, tmp_path, lang, title, order):
    store, walk_id = walk
    path = tmp_path / f"walk-{lang}.pdf"
    path.write_bytes(walk_pdf(store, walk_id, lang))
    assert path.read_bytes().startswith(b"%PDF")
    text = " ".join(pdf_text(path).split())
    assert title in text and "Hydraulikschlauch" in text and order in text and "A-217" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) == 3  # two header lines and the one photo


def test_cli_writes_the_pdf_and_asks_for_a_file(sample_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "cli.sqlite"))
    assert main(["gemba", "walk", "Linie 2"]) == 0
    assert main(["gemba", "add", HYDRAULIC, "--db", str(sample_db), "--now", NOW.isoformat()]) == 0
    out = tmp_path / "walk.pdf"
    assert main(["gemba", "report", "--format", "pdf", "--out", str(out), "--lang", "en"]) == 0
    assert "Gemba walk: Linie 2" in pdf_text(out)
    capsys.readouterr()
    assert main(["gemba", "report", "--format", "pdf"]) == 1
    assert "--out" in capsys.readouterr().err


def test_the_gemba_page_offers_the_pdf(tmp_path, monkeypatch, sample_db):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_STORE", str(tmp_path / "store.sqlite"))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "ui" / "app.py"), default_timeout=120)
    at.run()
    at.sidebar.radio(key="page").set_value("Gemba").run()
    at.text_input(key="gemba_walk_title").set_value("Presswerk")
    next(b for b in at.button if b.label == "Rundgang beginnen").click().run()
    at.text_area(key="gemba_note").set_value(HYDRAULIC)
    at.button(key="gemba_save").click().run()
    assert not at.exception, at.exception
    assert {b.label for b in at.get("download_button")} >= {"Markdown", "HTML", "PDF"}
