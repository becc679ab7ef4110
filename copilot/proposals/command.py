"""The `copilot propose` command: proposals for the coming shifts, printed, never written to the plant."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..data_options import add_data_options, present


def add_command(sub: Any, open_db: Callable[[argparse.Namespace], Any]) -> None:
    """Register `copilot propose sequence|maintenance|energy` on the command line's subparsers."""
    propose = sub.add_parser("propose", help="proposals for the coming shifts").add_subparsers(
        dest="proposal", required=True
    )
    sequence = propose.add_parser("sequence", help="the changeover sequence of a line's planned orders")
    sequence.add_argument("--line", required=True, help="the line: L2, 2 or 'Linie 2'")
    _common(sequence)
    sequence.set_defaults(handler=lambda args: _sequence(args, open_db))
    maintenance = propose.add_parser(
        "maintenance", help="the window in the coming shifts for open maintenance orders"
    )
    which = maintenance.add_mutually_exclusive_group(required=True)
    which.add_argument("--order", help="an open maintenance order: MO-L2-0046")
    which.add_argument("--line", help="every open maintenance order of a line: L2, 2 or 'Linie 2'")
    _common(maintenance)
    maintenance.set_defaults(handler=lambda args: _maintenance(args, open_db))
    energy = propose.add_parser(
        "energy", help="which planned orders to run in the cheaper hours of the tariff"
    )
    energy.add_argument("--line", required=True, help="the line: L2, 2 or 'Linie 2'")
    _common(energy)
    energy.set_defaults(handler=lambda args: _energy(args, open_db))


def _common(parser: Any) -> None:
    """Language, format and data options of every proposal."""
    parser.add_argument("--lang", choices=("de", "en"), default="de", help="language (default: de)")
    parser.add_argument("--format", choices=("text", "md"), default="text")
    add_data_options(parser)


def _maintenance(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> int:
    from .maintenance import propose_maintenance
    from .render_maintenance import render_maintenance

    return _run(
        args, open_db,
        lambda c, catalog, now: render_maintenance(
            propose_maintenance(c, catalog, now, args.order, args.line), args.lang, args.format
        ),
    )  # fmt: skip


def _energy(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> int:
    from .energy import NoTariff, propose_energy
    from .render_energy import render_energy

    def build(connector: Any, catalog: Any, now: datetime) -> str:
        try:
            return render_energy(propose_energy(connector, catalog, args.line, now), args.lang, args.format)
        except NoTariff as missing:
            return missing.text(args.lang) + "\n"  # an answer about the source, not a failure

    return _run(args, open_db, build)


def _sequence(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> int:
    from .render import render_proposal
    from .sequence import propose_sequence

    return _run(
        args, open_db,
        lambda c, catalog, now: render_proposal(propose_sequence(c, catalog, args.line, now), args.lang, args.format),
    )  # fmt: skip


def _run(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any],
         build: Callable[[Any, Any, datetime], str]) -> int:  # fmt: skip
    """Open the source, build the proposal's text, print it; a plain message in the user's language on bad input."""
    from ..entities import EntityCatalog
    from ..plain_error import PlainError

    connector = open_db(args)
    if connector is None:
        return 1
    now = present(args, connector)
    try:
        text = build(connector, EntityCatalog.from_connector(connector), now)
    except PlainError as error:
        print(error.text(args.lang), file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0
