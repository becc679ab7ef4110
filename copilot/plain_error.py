"""An error the user reads: one message in German and one in English, never a stack trace."""

from __future__ import annotations


class PlainError(ValueError):
    """A refusal with its message in both languages."""

    def __init__(self, de: str, en: str) -> None:
        super().__init__(en)
        self.de = de
        self.en = en

    def text(self, language: str) -> str:
        """The message in the user's language."""
        return self.de if language == "de" else self.en
