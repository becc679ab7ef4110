"""The resident copilot's loop: answer questions over a local socket until idle, stopped, or its data changes."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .address import file_stamp

if TYPE_CHECKING:
    from ..engine import Copilot

POLL_S = 1.0  # how often the loop looks at the clock while nobody asks
LONGEST_REQUEST = 1_000_000  # bytes; a question is a few hundred


class Resident:
    """One open copilot over one data file, with the count of what it answered."""

    def __init__(self, copilot: Copilot, data: Path, idle_s: float) -> None:
        """`idle_s`: how long it waits for a question before it stops."""
        self.copilot = copilot
        self.data = data
        self.stamp = file_stamp(data)
        self.idle_s = idle_s
        self.started = time.time()
        self.last = time.monotonic()
        self.answered = 0
        self.stopping = False

    def reply(self, message: dict[str, Any]) -> dict[str, Any]:
        """The reply to one request: an answer, the status, or the acknowledgement of a stop."""
        if "stop" in message:
            self.stopping = True
            return {"stopped": True}
        if "status" in message:
            return {"status": self.status()}
        if file_stamp(self.data) != self.stamp:  # rebuilt or replaced: the open file is an old one
            self.stopping = True
            return {"stale": True}
        self.last = time.monotonic()
        question = message.get("ask")
        if not isinstance(question, dict) or not isinstance(question.get("question"), str):
            return {"error": "no question"}
        from ..render import printed

        try:
            answer = self.copilot.ask(
                question["question"],
                role=str(question.get("role") or "operator"),
                language=question.get("lang"),
                session="cli",
            )
        finally:
            release = getattr(self.copilot.connector, "release", None)
            if release is not None:
                release()  # between questions the file is free for a program that writes to it
        self.answered += 1
        return {"output": printed(answer, bool(question.get("json")), bool(question.get("sql")))}

    def status(self) -> dict[str, Any]:
        """What it reads, since when, how much it answered and when it stops."""
        idle_left = self.idle_s - (time.monotonic() - self.last)
        return {
            "data": str(self.data),
            "pid": os.getpid(),
            "since": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.started)),
            "answered": self.answered,
            "stops_in_s": round(max(idle_left, 0.0)),
        }

    def done(self) -> bool:
        """Stopped, or nobody asked for `idle_s`."""
        return self.stopping or time.monotonic() - self.last > self.idle_s


def serve(resident: Resident, path: Path) -> bool:
    """Listen on `path` (readable by this user only) and answer one request at a time until done.

    False at once when another resident copilot already serves that socket."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        _listen(resident, path)
    return True


def _listen(resident: Resident, path: Path) -> None:
    """Bind the socket and answer until done; the socket is removed afterwards."""
    path.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old_mask)
    listener.listen(8)
    listener.settimeout(POLL_S)
    try:
        while not resident.done():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                _answer(resident, connection)
    finally:
        listener.close()
        path.unlink(missing_ok=True)


def _answer(resident: Resident, connection: socket.socket) -> None:
    """Read one request from the connection and write its reply; a broken request gets an error reply."""
    connection.settimeout(10.0)
    try:
        raw = b""
        while chunk := connection.recv(65536):
            raw += chunk
            if len(raw) > LONGEST_REQUEST:
                raise ValueError("request too long")
        message = json.loads(raw.decode())
        reply = resident.reply(message) if isinstance(message, dict) else {"error": "not an object"}
    except Exception as error:  # the asker answers in its own process instead
        reply = {"error": type(error).__name__}
    with contextlib.suppress(OSError):  # the asker went away
        connection.sendall(json.dumps(reply, ensure_ascii=False, default=str).encode())
