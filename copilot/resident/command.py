"""The `copilot resident` commands: start, serve, status and stop a copilot that stays open for `copilot ask`."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..config import cache_folder
from ..data_options import add_data_options
from .address import data_file, socket_path
from .client import request

DEFAULT_IDLE_MIN = 30.0
READY_WAIT_S = 180.0  # opening a large plant takes a while


def add_command(sub: Any, open_copilot: Callable[[argparse.Namespace], Any]) -> None:
    """Register `copilot resident start|serve|status|stop` on the command line's subparsers."""
    resident = sub.add_parser(
        "resident", help="keep a copilot open so that `copilot ask` answers at once"
    ).add_subparsers(dest="action", required=True)
    for action, text, handler in (
        ("start", "start one in the background and wait until it answers", _start),
        ("serve", "run one in the foreground (for a service manager)", lambda a: _serve(a, open_copilot)),
        ("status", "show whether one runs for this data; exit 1 when none does", _status),
        ("stop", "stop the one for this data", _stop),
    ):
        command = resident.add_parser(action, help=text)
        add_data_options(command)
        command.add_argument(
            "--idle-minutes",
            type=float,
            default=DEFAULT_IDLE_MIN,
            help=f"stop after this long without a question (default {DEFAULT_IDLE_MIN:g})",
        )
        command.set_defaults(handler=handler, lang=None)


def _running(args: argparse.Namespace) -> dict[str, Any] | None:
    """The status of the resident copilot for this data, settings and code; None when none answers."""
    reply = request(socket_path(args.source, args.db), {"status": True}, wait_s=5.0)
    status = reply.get("status") if reply else None
    return status if isinstance(status, dict) else None


def _start(args: argparse.Namespace) -> int:
    """Start `copilot resident serve` in its own session and wait until it answers."""
    status = _running(args)
    if status is None:
        process = spawn(args, args.idle_minutes)
        deadline = time.monotonic() + READY_WAIT_S
        while status is None and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            status = _running(args)
        if status is None:
            print(f"The resident copilot did not start; see {_log()}.", file=sys.stderr)
            return 1
    print(_described(status))
    return 0


def _log() -> Path:
    """Where resident copilots write what they print."""
    return cache_folder() / "resident.log"


def spawn(args: argparse.Namespace, idle_minutes: float) -> subprocess.Popen[bytes]:
    """`copilot resident serve` for the data of `args`, in a session of its own, its output in the cache's log."""
    log = _log()
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "copilot", "resident", "serve", "--idle-minutes", f"{idle_minutes:g}"]
    for option in ("source", "db"):
        if getattr(args, option, None):
            command += [f"--{option}", str(getattr(args, option))]
    with log.open("ab") as output:
        return subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, start_new_session=True
        )


def _serve(args: argparse.Namespace, open_copilot: Callable[[argparse.Namespace], Any]) -> int:
    """Open the copilot and answer over the socket until idle, stopped, or the data file changes."""
    from .server import Resident, serve

    if args.now:
        print("A resident copilot answers at the data's own now; --now is for one question.", file=sys.stderr)
        return 2
    copilot = open_copilot(args)
    if copilot is None:
        return 1
    resident = Resident(copilot, data_file(args.source, args.db), idle_s=args.idle_minutes * 60)
    if not serve(resident, socket_path(args.source, args.db)):
        print("A resident copilot already serves this data.", file=sys.stderr)
    return 0


def _status(args: argparse.Namespace) -> int:
    """Print the resident copilot's status; exit 1 when none runs for this data."""
    status = _running(args)
    print(_described(status) if status else "No resident copilot runs for this data.")
    return 0 if status else 1


def _stop(args: argparse.Namespace) -> int:
    """Stop the resident copilot for this data, if one runs."""
    reply = request(socket_path(args.source, args.db), {"stop": True}, wait_s=5.0)
    print("Stopped." if reply and reply.get("stopped") else "No resident copilot runs for this data.")
    return 0


def _described(status: dict[str, Any]) -> str:
    """One line: what it reads, since when, how much it answered, when it stops."""
    return (
        f"Resident copilot (process {status['pid']}) reads {status['data']} since {status['since']}; "
        f"{status['answered']} questions answered; stops after {status['stops_in_s'] // 60} min without one."
    )
