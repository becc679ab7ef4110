"""`copilot doctor`: is the language model configured, reachable, and does it call tools?"""

from __future__ import annotations

import time
from typing import Any

import httpx
import openai
from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field

from .agent import chat_model
from .settings import LLMSettings

PROBE_TIMEOUT_S = 10.0


class _Echo(BaseModel):
    """Arguments of the probe tool."""

    word: str = Field(description="the word to echo")


def status(settings: LLMSettings | None = None) -> dict[str, Any]:
    """Endpoint, model, reachability and tool-call support; no network access when nothing is configured."""
    settings = settings or LLMSettings.from_env()
    report: dict[str, Any] = {
        "configured": settings.configured,
        "base_url": settings.base_url or ("https://api.openai.com/v1" if settings.api_key else None),
        "model": settings.model,
        "reachable": None,
        "model_listed": None,
        "tool_calls": None,
        "latency_ms": None,
        "ok": not settings.configured,
        "message": "",
        "message_de": "",
    }
    if not settings.configured:
        return _say(report, "Offline mode: set OPENAI_BASE_URL or OPENAI_API_KEY to use a language model.",
                    "Offline-Modus: OPENAI_BASE_URL oder OPENAI_API_KEY setzen, um ein Sprachmodell zu nutzen.")  # fmt: skip
    timeout = min(settings.timeout_s, PROBE_TIMEOUT_S)
    client = openai.OpenAI(base_url=settings.base_url, api_key=settings.key, timeout=timeout, max_retries=0)
    try:
        models = [m.id for m in client.models.list()]
    except (openai.OpenAIError, httpx.HTTPError, ValueError) as error:
        report["reachable"] = False
        return _say(report, f"The endpoint cannot be reached: {_short(error)}.",
                    f"Der Endpunkt ist nicht erreichbar: {_short(error)}.")  # fmt: skip
    report["reachable"], report["model_listed"] = True, settings.model in models
    return _probe_tools(report, settings, timeout)


def _probe_tools(report: dict[str, Any], settings: LLMSettings, timeout: float) -> dict[str, Any]:
    """One tiny chat request that offers a tool and asks for it to be called."""
    tool = StructuredTool.from_function(
        func=lambda word: word, name="echo", description="Echo a word back.", args_schema=_Echo
    )
    model = chat_model(settings).bind_tools([tool])
    started = time.perf_counter()
    try:
        reply = model.invoke(
            "Call the tool `echo` with word='ok'. Do not write anything else.", timeout=timeout
        )
    except (openai.OpenAIError, httpx.HTTPError, ValueError, TypeError, KeyError) as error:
        return _say(report, f"The endpoint answers but the chat request failed: {_short(error)}.",
                    f"Der Endpunkt antwortet, aber die Chat-Anfrage schlug fehl: {_short(error)}.")  # fmt: skip
    report["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    report["tool_calls"] = bool(getattr(reply, "tool_calls", None))
    report["ok"] = report["tool_calls"]
    if report["tool_calls"]:
        return _say(report, f"Model {settings.model} is reachable and calls tools.",
                    f"Modell {settings.model} ist erreichbar und ruft Werkzeuge auf.")  # fmt: skip
    return _say(report, f"Model {settings.model} is reachable but did not call the tool: open questions will mostly get the offline answer.",
                f"Modell {settings.model} ist erreichbar, hat das Werkzeug aber nicht aufgerufen: offene Fragen bekommen meist die Offline-Antwort.")  # fmt: skip


def _say(report: dict[str, Any], english: str, german: str) -> dict[str, Any]:
    """The report with its message in English and German."""
    report["message"], report["message_de"] = english, german
    return report


def _short(error: Exception) -> str:
    """The first line of an error, short."""
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


def lines(report: dict[str, Any], language: str = "en") -> list[str]:
    """The report as lines for the terminal."""
    shown = {True: "yes", False: "no", None: "–"}
    return [
        f"endpoint:     {report['base_url'] or '–'}",
        f"model:        {report['model']}",
        f"reachable:    {shown[report['reachable']]}",
        f"model listed: {shown[report['model_listed']]}",
        f"tool calls:   {shown[report['tool_calls']]}",
        f"latency:      {report['latency_ms'] if report['latency_ms'] is not None else '–'} ms",
        report["message_de"] if language == "de" else report["message"],
    ]
