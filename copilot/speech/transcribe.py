"""Audio to text with the offline Whisper model: the language from the UI, the plant's names as hotwords."""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..entities import EntityCatalog
from .errors import SpeechError, SpeechUnavailable
from .model import load_model

BEAM_SIZE = 2
SAMPLE_RATE = 16_000
SILENCE = 0.01  # peak level below which a recording counts as silent (about -40 dBFS)
QUESTION_WORD = {"de": "Warum", "en": "Why"}  # root-cause questions, first so that Whisper expects them
LEAN_TERMS = {
    "de": (
        "OEE",
        "Taktzeit",
        "Rüsten",
        "Ausschuss",
        "First Pass Yield",
        "Stillstand",
        "Kurzstopps",
        "Heijunka",
        "SMED",
    ),
    "en": (
        "OEE",
        "cycle time",
        "changeover",
        "scrap",
        "first pass yield",
        "downtime",
        "short stops",
        "Heijunka",
        "SMED",
    ),
}


@dataclass(frozen=True)
class Transcript:
    """What was said, in which language, and how long it took to transcribe (seconds)."""

    text: str
    language: str
    seconds: float
    engine: str = "whisper-base"


def plant_hotwords(catalog: EntityCatalog, language: str) -> list[str]:
    """Words Whisper should prefer: 'Why', 'line 1', the line names, station names (German), Lean terms."""
    lang = "de" if language == "de" else "en"
    lines = catalog.entities("line")
    words = [QUESTION_WORD[lang]]
    words += [_before_dash(e.label_de) if lang == "de" else _before_dash(e.label_en).lower() for e in lines]
    words += [_after_dash(e.label_de if lang == "de" else e.label_en) for e in lines]
    if lang == "de":
        words += [_without_id(e.label_de) for e in catalog.entities("station")]
    words += LEAN_TERMS[lang]
    return list(dict.fromkeys(w for w in words if w))


def _before_dash(label: str) -> str:
    """'Line 1 – Die casting' → 'Line 1'."""
    return label.split("–")[0].strip()


def _after_dash(label: str) -> str:
    """'Linie 1 – Druckguss' → 'Druckguss'."""
    return label.split("–")[-1].strip()


def _without_id(label: str) -> str:
    """'L1-S2 Entgratpresse' → 'Entgratpresse'."""
    first, _, rest = label.partition(" ")
    return rest if rest and "-S" in first else label


def transcribe(
    wav_bytes: bytes, language: str | None, hotwords: Sequence[str] = (), model: Any = None
) -> Transcript:
    """Transcribe a recording (WAV or any format FFmpeg reads); SpeechError when it cannot be read."""
    import av
    from faster_whisper.audio import decode_audio

    whisper = model if model is not None else load_model()
    started = time.perf_counter()
    try:
        audio = decode_audio(io.BytesIO(wav_bytes), sampling_rate=SAMPLE_RATE)
    except (av.error.FFmpegError, ValueError, IndexError) as error:
        raise SpeechError("audio", str(error)) from error
    if audio.size == 0 or float(abs(audio).max()) < SILENCE:
        return Transcript("", language or "", time.perf_counter() - started)
    try:
        segments, info = whisper.transcribe(
            audio,
            language=language,
            beam_size=BEAM_SIZE,
            temperature=0.0,
            hotwords=", ".join(hotwords) or None,
            condition_on_previous_text=False,
            without_timestamps=True,
        )
        text = " ".join(segment.text.strip() for segment in segments).strip()
    except RuntimeError as error:  # raised by CTranslate2, e.g. out of memory
        raise SpeechUnavailable("broken", str(error)) from error
    return Transcript(text, info.language, time.perf_counter() - started)
