"""Language-model settings in the app: endpoint, model and key per browser session, and a status check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from copilot.llm.doctor import status
from copilot.llm.settings import LLMSettings


def model_settings() -> LLMSettings:
    """The environment's settings, with what this browser session typed on the Settings page."""
    typed = st.session_state.get("llm_typed", {})
    return replace(LLMSettings.from_env(), **{name: value for name, value in typed.items() if value})


def model_section(text: Callable[[str], str]) -> None:
    """Endpoint, model and key fields, the mode in use and a connection check."""
    lang = st.session_state.get("ui_lang", "de")
    kept = st.session_state.get("llm_typed", {})
    typed = {  # widget values vanish on other pages, so they are kept under a key of their own
        "base_url": st.text_input(text("llm_base_url"), kept.get("base_url", ""), key="llm_base_url",
                                  placeholder="http://localhost:11434/v1"),
        "model": st.text_input(text("llm_model"), kept.get("model", ""), key="llm_model",
                               placeholder=LLMSettings.from_env().model),
        "api_key": st.text_input(text("llm_key"), kept.get("api_key", ""), key="llm_key", type="password"),
    }  # fmt: skip
    st.session_state.llm_typed = {name: value.strip() for name, value in typed.items()}
    settings = model_settings()
    if not settings.configured:
        st.info(text("offline"))
        return
    st.info(f"{text('llm_on')} {settings.model} · {settings.base_url or 'api.openai.com'}")
    if st.button(text("llm_check"), key="llm_check"):
        report = status(settings)
        message = report["message_de"] if lang == "de" else report["message"]
        shown = st.success if report["ok"] else st.error
        shown(message)
        st.json({k: report[k] for k in ("reachable", "model_listed", "tool_calls", "latency_ms")})
