"""Language-model settings from the environment; offline unless an endpoint or a key is set."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..config import LLM_MAX_STEPS, LLM_MAX_TOKENS, LLM_MAX_TOTAL_TOKENS, LLM_TIMEOUT

DEFAULT_MODEL = "gpt-4o-mini"
LOCAL_KEY = "not-needed"  # OpenAI-compatible local servers accept any key


@dataclass(frozen=True)
class LLMSettings:
    """Endpoint, model and the caps on one question's model work."""

    base_url: str | None = None
    api_key: str | None = None
    model: str = DEFAULT_MODEL
    timeout_s: float = 20.0  # the whole question's model time, all round trips together
    max_steps: int = 6  # model round trips per question
    max_tokens: int = 800  # per model reply
    max_total_tokens: int = 16000  # prompt and reply tokens of one question, all round trips
    max_repairs: int = 2  # refused SQL statements sent back to the model for repair

    @property
    def configured(self) -> bool:
        """True when an endpoint or a key is set: only then does any network access happen."""
        return bool(self.base_url or self.api_key)

    @property
    def key(self) -> str:
        """The API key, or a placeholder for local servers that need none."""
        return self.api_key or LOCAL_KEY

    @classmethod
    def from_env(cls) -> LLMSettings:
        """OPENAI_BASE_URL, OPENAI_API_KEY, COPILOT_MODEL and the COPILOT_LLM_* caps."""
        env = os.environ
        return cls(
            base_url=env.get("OPENAI_BASE_URL") or None,
            api_key=env.get("OPENAI_API_KEY") or None,
            model=env.get("COPILOT_MODEL") or DEFAULT_MODEL,
            timeout_s=LLM_TIMEOUT.value(),
            max_steps=int(LLM_MAX_STEPS.value()),
            max_tokens=int(LLM_MAX_TOKENS.value()),
            max_total_tokens=int(LLM_MAX_TOTAL_TOKENS.value()),
        )
