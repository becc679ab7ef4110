"""The `copilot handover` command: one line's shift handover as text, Markdown or HTML."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..data_options import add_data_options, present
from .options import FORMATS, WHICH


def add_command(sub: Any, open_db: Callable[[argparse.Namespace], Any]) -> None:
    """Register `copilot handover` on the command line's subparsers."""
    handover = sub.add_parser("handover", help="the handover of a line's last or current shift")
    handover.add_argument("--line", required=True, help="the line: L2, 2 or 'Linie 2'")
    handover.add_argument(
        "--shift", choices=WHICH, default="last", help="the shift that ended last, or the running one"
    )
    handover.add_argument("--lang", choices=("de", "en"), default="de", help="language (default: de)")
    handover.add_argument("--format", choices=FORMATS, default="text", help="text, md or html")
    handover.add_argument("--out", type=Path, default=None, help="file to write (default: print)")
    handover.add_argument("--sql", action="store_true", help="show the queries behind the figures (text)")
    add_data_options(handover)
    handover.set_defaults(handler=lambda args: run(args, open_db))


def run(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> int:
    """Build and print (or write) the handover; a clear message and exit 1 when it cannot be built."""
    from ..entities import EntityCatalog
    from ..gemba.store import notes_of_shift
    from .build import HandoverError, build_handover
    from .render import render_handover

    connector = open_db(args)
    if connector is None:
        return 1
    now = present(args, connector)
    try:
        handover = build_handover(
            connector, EntityCatalog.from_connector(connector), args.line, now, args.shift
        )
    except HandoverError as error:
        print(error.text(args.lang), file=sys.stderr)
        return 1
    handover.notes = notes_of_shift(handover.slot)
    text = render_handover(handover, args.lang, args.format, args.sql or None)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"{args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Wrote {args.out}")
    return 0
