"""An OpenAI-compatible HTTP server on loopback that replays scripted replies and records every request."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "replay-model"


def text(content: str, delay: float = 0.0, finish: str = "stop") -> dict[str, Any]:
    """A scripted assistant message ('length' as finish: cut off at max_tokens)."""
    return {"content": content, "delay": delay, "finish": finish}


def call(name: str, delay: float = 0.0, **arguments: Any) -> dict[str, Any]:
    """A scripted assistant message with one tool call."""
    return {"tool_calls": [(name, arguments)], "delay": delay}


def trickle(content: str, seconds: float) -> dict[str, Any]:
    """A reply whose body arrives one byte at a time over `seconds`: every read is quick, the whole is slow."""
    return {"content": content, "trickle": seconds}


def garbage(body: bytes = b"\x00\xff{not json at all") -> dict[str, Any]:
    """A 200 reply whose body is not JSON."""
    return {"garbage": body}


def failure(status: int = 500) -> dict[str, Any]:
    """An HTTP error reply."""
    return {"status": status}


@dataclass
class ReplayServer:
    """Replays `script` one reply per chat request; `requests` holds the decoded request bodies."""

    script: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    model_calls: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        """The /v1 address for OPENAI_BASE_URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def next_reply(self, body: dict[str, Any]) -> dict[str, Any]:
        """Record a request and take the next scripted reply."""
        with self._lock:
            self.requests.append(body)
            if not self.script:
                return {"status": 500, "error": "script exhausted"}
            return self.script.pop(0)


def _completion(reply: dict[str, Any], index: int) -> dict[str, Any]:
    """A chat.completion object for a scripted reply."""
    message: dict[str, Any] = {"role": "assistant", "content": reply.get("content")}
    finish = reply.get("finish", "stop")
    if reply.get("tool_calls"):
        message["tool_calls"] = [
            {
                "id": f"call_{index}_{n}",
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(arguments)},
            }
            for n, (name, arguments) in enumerate(reply["tool_calls"])
        ]
        finish = "tool_calls"
    return {
        "id": f"chatcmpl-{index}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def _handler(replay: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._send(
                    200, json.dumps({"object": "list", "data": [{"id": MODEL, "object": "model"}]}).encode()
                )
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            replay.headers.append(
                {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
            )
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            reply = replay.next_reply(body)
            time.sleep(float(reply.get("delay") or 0))
            if "garbage" in reply:
                self._send(200, reply["garbage"])
            elif "status" in reply:
                error = {"error": {"message": reply.get("error", "scripted failure"), "type": "server_error"}}
                self._send(int(reply["status"]), json.dumps(error).encode())
            else:
                replay.model_calls += 1
                payload = json.dumps(_completion(reply, len(replay.requests))).encode()
                self._send(200, payload, float(reply.get("trickle") or 0))

        def _send(self, status: int, payload: bytes, trickle: float = 0.0) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if trickle:
                    for i in range(len(payload)):
                        self.wfile.write(payload[i : i + 1])
                        self.wfile.flush()
                        time.sleep(trickle / len(payload))
                else:
                    self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout): nothing to answer

    return Handler
