"""The `copilot a3` command: questions in, an A3 file out (PDF, HTML or Markdown), optionally saved as a draft."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .model import FORMATS, A3Error

SUFFIX = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def add_command(sub: Any, open_db: Callable[[argparse.Namespace], Any]) -> None:
    """Register `copilot a3` on the command line's subparsers."""
    a3 = sub.add_parser("a3", help="write an A3 report from a question or a conversation")
    a3.add_argument(
        "questions", nargs="*", help="one why-question, or several asked in order as a conversation"
    )
    a3.add_argument("--out", type=Path, default=None, help="file to write (default: a3.<format>)")
    a3.add_argument(
        "--format", choices=FORMATS, default=None, help="pdf, html or md (default: from --out, else pdf)"
    )
    a3.add_argument(
        "--lang", choices=("de", "en"), default=None, help="report language (default: the question's)"
    )
    a3.add_argument("--owner", default=None, help="the A3 owner: a role or team, not a person's name")
    a3.add_argument("--save", action="store_true", help="also save it as a draft in the application store")
    a3.add_argument("--draft", default=None, help="render a saved draft instead of asking")
    a3.add_argument(
        "--db", type=Path, default=None, help="DuckDB file (default: COPILOT_DB or the sample plant)"
    )
    a3.add_argument("--now", default=None, help="the present moment, ISO (default: the data set's now)")
    a3.set_defaults(handler=lambda args: run(args, open_db))


def run(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> int:
    """Build or load the A3, write it, say where; a clear message and exit 1 when it cannot be made."""
    suffix = SUFFIX.get(args.out.suffix.lower()) if args.out else None
    from connectors.base import ConnectorError

    fmt = args.format or suffix or "pdf"
    out: Path = args.out or Path(f"a3.{fmt}")
    try:
        a3 = _load(args) if args.draft else _build(args, open_db)
        if a3 is None:
            return 1
        if args.save:
            from .drafts import DraftStore

            a3 = DraftStore().save(a3)
        _write(a3, fmt, out)
    except A3Error as error:
        print(error.text(args.lang or error.language or "en"), file=sys.stderr)
        return 1
    except ConnectorError as error:
        print(error.text(args.lang or "en"), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{out}: {error.strerror or error}", file=sys.stderr)
        return 1
    saved = f" (draft {a3.id}, version {a3.version})" if args.save or args.draft else ""
    print(f"Wrote {out}{saved}")
    return 0


def _build(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> Any:
    from connectors.clock import plant_time

    from ..engine import Copilot
    from .build import build_a3

    if not args.questions:
        raise A3Error(
            'Bitte eine Frage angeben, z. B.: copilot a3 "Warum schwankt die Taktzeit in Linie 3?"',
            'Please give a question, e.g.: copilot a3 "Why does the cycle time on line 3 vary so much?"',
        )
    connector = open_db(args)
    if connector is None:
        return None
    copilot = Copilot(connector, now=plant_time(args.now, what="--now") if args.now else None)
    return build_a3(copilot, args.questions, args.lang, args.owner)


def _load(args: argparse.Namespace) -> Any:
    from .drafts import DraftStore

    return DraftStore().load(args.draft)


def _write(a3: Any, fmt: str, out: Path) -> None:
    """Write the file; Markdown gets its chart as a PNG next to it."""
    from . import charts
    from .render import render

    chart_src = None
    if fmt == "md" and a3.chart:
        image = out.with_name(f"{out.stem}_chart.png")
        image.write_bytes(charts.to_png(a3.chart))
        chart_src = image.name
    out.write_bytes(render(a3, fmt, chart_src))
