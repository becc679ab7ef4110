"""The bounded tool-calling loop: ChatOpenAI with tools, caps on steps, tokens and time, no retries."""

from __future__ import annotations

import concurrent.futures
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import httpx
import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_openai import ChatOpenAI
from pydantic import ValidationError

from .deadline import DeadlineTransport
from .prompts import LANGUAGE_NAME, render
from .settings import LLMSettings


@dataclass
class Outcome:
    """How the model's work on one question ended."""

    text: str | None = None  # the model's final text, when it gave one
    failure: str | None = None  # 'timeout', 'unreachable', 'http', 'garbage', 'truncated', 'tokens', 'steps'
    detail: str = ""
    round_trips: int = 0
    tokens: int = 0
    model_ms: float = 0.0  # time spent waiting for the model
    messages: list[BaseMessage] = field(default_factory=list)


# Model calls of all questions share these workers. A call holds one only until its question's deadline
# (the transport cuts a reply that trickles in), and a call still queued when its question gives up is
# withdrawn, so slow endpoints cannot starve the questions after them.
MODEL_WORKERS = 8
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=MODEL_WORKERS, thread_name_prefix="llm")


@lru_cache(maxsize=8)
def chat_model(settings: LLMSettings) -> ChatOpenAI:
    """The LangChain chat model for the configured endpoint: no retries, a time limit, a reply cap (one per settings)."""
    return _chat_model(settings, None)


def _chat_model(settings: LLMSettings, client: httpx.Client | None) -> ChatOpenAI:
    """The chat model, over `client` when one is given."""
    return ChatOpenAI(
        model=settings.model,
        base_url=settings.base_url,
        api_key=settings.key,  # type: ignore[arg-type]
        timeout=settings.timeout_s,
        max_retries=0,
        max_tokens=settings.max_tokens,  # type: ignore[call-arg]
        temperature=0,
        http_client=client,
    )


def run(
    settings: LLMSettings,
    system: str,
    question: str,
    tools: list[BaseTool],
    language: str,
    history: Sequence[tuple[str, str]] = (),
) -> Outcome:
    """Ask the model, run the tools it calls, and stop at the first final text or at a cap.

    `history` holds the conversation's latest (question, answer) pairs, so that a follow-up
    such as "and only for the night shift?" can be understood.
    """
    earlier: list[BaseMessage] = []
    for asked, answered in history:
        earlier += [HumanMessage(asked), AIMessage(answered)]
    outcome = Outcome(messages=[SystemMessage(system), *earlier, HumanMessage(question)])
    deadline = time.perf_counter() + settings.timeout_s
    by_name = {t.name: t for t in tools}
    # the HTTP client ends every request and reply read at the deadline, and is closed with the question
    with httpx.Client(transport=DeadlineTransport(deadline), timeout=settings.timeout_s) as client:
        return _steps(settings, _chat_model(settings, client), outcome, by_name, language, deadline)


def _steps(
    settings: LLMSettings,
    model: ChatOpenAI,
    outcome: Outcome,
    by_name: dict[str, BaseTool],
    language: str,
    deadline: float,
) -> Outcome:
    """The round trips of one question: the model's reply, the tools it calls, until a final text or a cap."""
    with_tools, without_tools = model.bind_tools(list(by_name.values())), model
    for step in range(settings.max_steps):
        last = step == settings.max_steps - 1
        if last:
            outcome.messages.append(HumanMessage(render("answer.md", language_name=LANGUAGE_NAME[language])))
        reply = _call(without_tools if last else with_tools, outcome, deadline)
        if reply is None:
            return outcome
        outcome.messages.append(reply)
        if outcome.tokens > settings.max_total_tokens:
            outcome.failure, outcome.detail = "tokens", f"{outcome.tokens} tokens"
            return outcome
        if not reply.tool_calls and not reply.invalid_tool_calls:
            if reply.response_metadata.get("finish_reason") == "length":
                outcome.failure, outcome.detail = "truncated", f"{settings.max_tokens} tokens"
            outcome.text = reply.text.strip() if isinstance(reply.text, str) else None
            return outcome
        outcome.messages.extend(_run_tools(reply, by_name, deadline))
    outcome.failure, outcome.detail = "steps", f"{settings.max_steps} steps"
    return outcome


def _call(model: Runnable[Any, Any], outcome: Outcome, deadline: float) -> AIMessage | None:
    """One round trip within the time left; a failure is recorded on the outcome, never raised."""
    remaining = deadline - time.perf_counter()
    if remaining <= 0.05:
        outcome.failure, outcome.detail = "timeout", "time limit reached between steps"
        return None
    started = time.perf_counter()
    outcome.round_trips += 1
    future = _POOL.submit(model.invoke, list(outcome.messages), timeout=remaining)
    try:
        # the HTTP limit applies per read; the wait below also ends a reply that trickles in byte by byte
        reply = future.result(timeout=remaining + 0.2)
    except (openai.APITimeoutError, httpx.TimeoutException, concurrent.futures.TimeoutError) as error:
        waiting = future.cancel()  # still queued behind other questions' calls: it never reaches the endpoint
        outcome.failure, outcome.detail = (
            "timeout",
            "all model workers busy" if waiting else type(error).__name__,
        )
        return None
    except openai.APIConnectionError as error:
        outcome.failure, outcome.detail = "unreachable", str(error)
        return None
    except openai.APIStatusError as error:
        outcome.failure, outcome.detail = "http", f"HTTP {error.status_code}"
        return None
    except (openai.OpenAIError, ValueError, TypeError, KeyError, AttributeError, httpx.HTTPError) as error:
        outcome.failure, outcome.detail = "garbage", type(error).__name__
        return None
    finally:
        outcome.model_ms += (time.perf_counter() - started) * 1000
    if not isinstance(reply, AIMessage):
        outcome.failure, outcome.detail = "garbage", type(reply).__name__
        return None
    outcome.tokens += int(reply.usage_metadata["total_tokens"]) if reply.usage_metadata else 0
    return reply


def _run_tools(reply: AIMessage, tools: dict[str, BaseTool], deadline: float) -> list[ToolMessage]:
    """Run the tool calls of a reply while the question's time lasts; unknown tools and bad arguments go back
    to the model as text, and calls past the deadline are answered without running."""
    results = []
    for bad in reply.invalid_tool_calls:
        results.append(
            ToolMessage(
                f"The call could not be read: {bad.get('error') or 'invalid arguments'}.",
                tool_call_id=bad.get("id") or "invalid",
            )
        )
    for call in reply.tool_calls:
        tool = tools.get(call["name"])
        if time.perf_counter() >= deadline:
            content = "Not run: the question's time limit is reached."
        elif tool is None:
            content = f"There is no tool {call['name']!r}. Tools: {', '.join(tools)}."
        else:
            try:
                content = str(tool.invoke(call["args"]))
            except (ValidationError, ValueError, TypeError) as error:
                content = f"Invalid arguments for {call['name']}: {_first_line(error)}"
        results.append(ToolMessage(content, tool_call_id=call.get("id") or call["name"]))
    return results


def _first_line(error: Exception) -> str:
    """A short error text for the model."""
    text = str(error).strip().splitlines()
    return " ".join(text[:3])[:400] if text else type(error).__name__


def transcript(outcome: Outcome) -> list[dict[str, Any]]:
    """The conversation as plain dicts, for logs and tests."""
    return [json.loads(m.model_dump_json(include={"type", "content"})) for m in outcome.messages]
