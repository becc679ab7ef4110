"""The `copilot propose` command: proposals for the coming shifts, printed, never written to the plant."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ..data_options import add_data_options, present


def add_command(sub: Any, open_db: Callable[[argparse.Namespace], Any]) -> None:
    """Register `copilot propose sequence` on the command line's subparsers."""
    propose = sub.add_parser("propose", help="proposals for the coming shifts").add_subparsers(
        dest="proposal", required=True
    )
    sequence = propose.add_parser("sequence", help="the changeover sequence of a line's planned orders")
    sequence.add_argument("--line", required=True, help="the line: L2, 2 or 'Linie 2'")
    sequence.add_argument("--lang", choices=("de", "en"), default="de", help="language (default: de)")
    sequence.add_argument("--format", choices=("text", "md"), default="text")
    add_data_options(sequence)
    sequence.set_defaults(handler=lambda args: _sequence(args, open_db))


def _sequence(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> int:
    from ..entities import EntityCatalog
    from ..plain_error import PlainError
    from .render import render_proposal
    from .sequence import propose_sequence

    connector = open_db(args)
    if connector is None:
        return 1
    now = present(args, connector)
    try:
        proposal = propose_sequence(connector, EntityCatalog.from_connector(connector), args.line, now)
    except PlainError as error:
        print(error.text(args.lang), file=sys.stderr)
        return 1
    sys.stdout.write(render_proposal(proposal, args.lang, args.format))
    return 0
