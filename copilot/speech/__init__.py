"""Spoken questions: audio in, an editable transcript out, offline with Whisper or through an OpenAI endpoint."""

from .errors import SpeechError, SpeechUnavailable
from .model import load_model, model_dir, speech_available, warm_up
from .remote import transcribe_remote
from .transcribe import Transcript, plant_hotwords, transcribe

__all__ = [
    "SpeechError",
    "SpeechUnavailable",
    "Transcript",
    "load_model",
    "model_dir",
    "plant_hotwords",
    "speech_available",
    "transcribe",
    "transcribe_remote",
    "warm_up",
]
