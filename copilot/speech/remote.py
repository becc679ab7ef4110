"""Transcription through an OpenAI or OpenAI-compatible endpoint, when one is configured and chosen."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from ..llm.settings import LLMSettings
from .errors import SpeechError
from .transcribe import Transcript


def remote_model() -> str:
    """The transcription model to ask for: COPILOT_TRANSCRIBE_MODEL, default whisper-1."""
    return os.environ.get("COPILOT_TRANSCRIBE_MODEL", "whisper-1")


def transcribe_remote(wav_bytes: bytes, language: str | None, hotwords: Sequence[str] = ()) -> Transcript:
    """Send the recording to the configured endpoint; SpeechError('remote') when it does not answer."""
    from openai import OpenAI, OpenAIError, omit

    started = time.perf_counter()
    try:
        settings = LLMSettings.from_env()
        client = OpenAI(base_url=settings.base_url, api_key=settings.key, timeout=30, max_retries=1)
        result = client.audio.transcriptions.create(
            model=remote_model(),
            file=("question.wav", wav_bytes, "audio/wav"),
            language=language or omit,
            prompt=", ".join(hotwords) or omit,
        )
    except OpenAIError as error:
        raise SpeechError("remote", str(error)) from error
    text = result if isinstance(result, str) else getattr(result, "text", "")
    return Transcript(str(text).strip(), language or "", time.perf_counter() - started, remote_model())
