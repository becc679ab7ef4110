"""Spoken questions in the chat: record, read the transcript, correct it, ask."""

from __future__ import annotations

import streamlit as st

from copilot.config import llm_configured
from copilot.engine import Copilot
from copilot.formatting import number
from copilot.speech import (
    SpeechError,
    plant_hotwords,
    speech_available,
    transcribe,
    transcribe_remote,
    warm_up,
)
from ui.texts import T


def _text(key: str, lang: str) -> str:
    """UI text in the interface language."""
    return T[key][lang]


def _engine_choice(ui_lang: str) -> str:
    """'local', or 'remote' when an OpenAI endpoint is configured and chosen."""
    if not llm_configured():
        return "local"
    options = {_text("voice_local", ui_lang): "local", _text("voice_remote", ui_lang): "remote"}
    label = _text("voice_engine", ui_lang)
    return options[st.radio(label, list(options), horizontal=True, key="voice_engine")]


def _transcribe(engine: Copilot, audio: bytes, speech_lang: str, choice: str, ui_lang: str) -> None:
    """Turn a new recording into the editable transcript, or into a message saying why it could not be."""
    hotwords = plant_hotwords(engine.catalog, speech_lang)
    st.session_state.voice_text, st.session_state.voice_problem = "", ""
    try:
        if choice == "remote":
            heard = transcribe_remote(audio, speech_lang, hotwords)
        else:
            heard = transcribe(audio, speech_lang, hotwords)
    except SpeechError as error:
        st.session_state.voice_problem = error.text(ui_lang)
        return
    if not heard.text:
        st.session_state.voice_problem = _text("voice_nothing", ui_lang)
    st.session_state.voice_text = heard.text
    st.session_state.voice_took = number(heard.seconds, ui_lang, 1)


def _ask_tapped() -> None:
    """Keep the checked transcript as the question and start a fresh recording."""
    st.session_state.voice_question = st.session_state.get("voice_text", "")
    st.session_state.voice_round = st.session_state.get("voice_round", 0) + 1


def voice_question(engine: Copilot, ui_lang: str, speech_lang: str | None = None) -> str | None:
    """The voice input of the chat; returns the checked question when 'Ask' is tapped, else None."""
    problem = speech_available()
    if problem is not None:
        st.info(problem.text(ui_lang))
        return None
    warm_up()
    choice = _engine_choice(ui_lang)
    asked = st.session_state.pop("voice_question", None)
    round_ = st.session_state.get("voice_round", 0)
    audio = st.audio_input(_text("voice_record", ui_lang), key=f"voice_audio_{round_}")
    if asked is not None or audio is None:
        return asked
    if st.session_state.get("voice_file") != audio.file_id:
        st.session_state.voice_file = audio.file_id
        with st.spinner("…"):
            _transcribe(engine, audio.getvalue(), speech_lang or ui_lang, choice, ui_lang)
    if st.session_state.get("voice_problem"):
        st.info(st.session_state.voice_problem)
        return None
    st.text_input(_text("voice_heard", ui_lang), key="voice_text")
    st.caption(_text("voice_took", ui_lang).format(s=st.session_state.get("voice_took", "–")))
    st.button(_text("voice_ask", ui_lang), key=f"voice_ask_{round_}", type="primary", on_click=_ask_tapped)
    return None
