"""Asking a resident copilot: the answer's text when one is listening for this data, else None."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

from .address import socket_path

WAIT_S = 120.0  # longest a question may take in the resident copilot


def request(path: Path, message: dict[str, Any], wait_s: float = WAIT_S) -> dict[str, Any] | None:
    """Send one request to the socket and read its reply; None when nothing answers there."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(wait_s)
            connection.connect(str(path))
            connection.sendall(json.dumps(message, ensure_ascii=False).encode() + b"\n")
            connection.shutdown(socket.SHUT_WR)
            reply = b"".join(iter(lambda: connection.recv(65536), b""))
    except OSError:
        return None
    try:
        answer = json.loads(reply.decode())
    except (UnicodeDecodeError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None


def ask_resident(source: Path | None, db: Path | None, question: dict[str, Any]) -> str | None:
    """The printed answer from the resident copilot of this data, or None (none running, or its data changed)."""
    path = socket_path(source, db)
    if not path.exists():
        return None
    reply = request(path, {"ask": question})
    if reply is None or not isinstance(reply.get("output"), str):
        return None
    return str(reply["output"])
