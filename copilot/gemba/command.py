"""The `copilot gemba` commands: start a walk, add an observation, list them, write a walk's report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data_options import add_data_options, present
from .options import FORMATS

if TYPE_CHECKING:
    from .store import GembaStore

ROLES = ("operator", "coach", "trainee")


def add_command(sub: Any, open_db: Callable[[argparse.Namespace], Any]) -> None:
    """Register `copilot gemba walk|add|list|report` on the command line's subparsers."""
    gemba = sub.add_parser(
        "gemba", help="Gemba walks: observations linked to the plant's data"
    ).add_subparsers(dest="action", required=True)
    walk = gemba.add_parser("walk", help="start a walk and print its id")
    walk.add_argument("title", help="what the walk is about")
    walk.add_argument("--role", choices=ROLES, default="coach")
    walk.set_defaults(handler=_walk, lang="en")
    add = gemba.add_parser("add", help="save an observation and show the data around it")
    add.add_argument("text", help="the note, e.g. 'an L2-S2 tropft Öl, seit Montag'")
    add.add_argument("--line", default=None, help="the line, when the note names none")
    add.add_argument("--station", default=None, help="the station, when the note names none")
    add.add_argument("--role", choices=ROLES, default="coach")
    add.add_argument("--walk", default=None, help="the walk it belongs to (default: the newest walk)")
    add.add_argument("--photo", type=Path, default=None, help="a photo file to keep with it")
    add.add_argument("--lang", choices=("de", "en"), default="de", help="language of the note and the answer")
    add_data_options(add)
    add.set_defaults(handler=_plainly(lambda args: _add(args, open_db)))
    listing = gemba.add_parser("list", help="list observations")
    listing.add_argument("--walk", default=None, help="only this walk")
    listing.add_argument("--line", default=None, help="only this line")
    listing.add_argument("--lang", choices=("de", "en"), default="de")
    listing.set_defaults(handler=_list)
    report = gemba.add_parser("report", help="a walk's report in Markdown, HTML or PDF")
    report.add_argument("--walk", default=None, help="the walk (default: the newest)")
    report.add_argument("--format", choices=FORMATS, default="md")
    report.add_argument("--lang", choices=("de", "en"), default="de")
    report.add_argument("--out", type=Path, default=None, help="file to write (default: print)")
    report.set_defaults(handler=_report)


def _newest_walk(store: GembaStore, wanted: str | None) -> str | None:
    """The walk asked for (checked), or the newest one."""
    if wanted:
        return store.walk(wanted).id
    walks = store.walks()
    return walks[0].id if walks else None


def _plainly(work: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """The command, with a store or file problem said in one line of the user's language and exit 1."""

    def run(args: argparse.Namespace) -> int:
        from .store import GembaError

        try:
            return work(args)
        except GembaError as error:
            print(error.text(args.lang), file=sys.stderr)
        except OSError as error:
            print(f"{error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1

    return run


@_plainly
def _walk(args: argparse.Namespace) -> int:
    from .store import GembaStore

    print(GembaStore().start_walk(args.title, args.role).id)
    return 0


def _add(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Any]) -> int:
    from ..entities import EntityCatalog
    from .observe import observe
    from .store import GembaStore

    connector = open_db(args)
    if connector is None:
        return 1
    now = present(args, connector)
    photo = args.photo.read_bytes() if args.photo else None
    store = GembaStore()
    note = observe(
        connector, EntityCatalog.from_connector(connector), store, args.text, now, args.role, args.lang,
        args.line, args.station, _newest_walk(store, args.walk), photo,
        (args.photo.suffix.lower() or ".jpg") if args.photo else ".jpg",
    )  # fmt: skip
    print(note.card(args.lang))
    print(("Gespeichert als " if args.lang == "de" else "Saved as ") + note.id)
    return 0


@_plainly
def _list(args: argparse.Namespace) -> int:
    from .store import GembaStore

    notes = GembaStore().notes(walk_id=args.walk, line=args.line.upper() if args.line else None)
    for note in notes:
        print(f"{note.id}  {note.summary(args.lang)}")
    one = len(notes) == 1
    if args.lang == "de":
        print(f"{len(notes)} Beobachtung" + ("" if one else "en"))
    else:
        print(f"{len(notes)} observation" + ("" if one else "s"))
    return 0


@_plainly
def _report(args: argparse.Namespace) -> int:
    from .report import walk_report
    from .store import GembaError, GembaStore

    store = GembaStore()
    walk_id = _newest_walk(store, args.walk)
    if walk_id is None:
        raise GembaError("Es gibt noch keinen Rundgang.", "There is no walk yet.")
    if args.format == "pdf":
        if args.out is None:
            raise GembaError(
                "Für PDF bitte eine Datei mit --out angeben.", "For PDF, give a file with --out."
            )
        from .report import walk_pdf

        args.out.write_bytes(walk_pdf(store, walk_id, args.lang))
        print(f"Wrote {args.out}")
        return 0
    text = walk_report(store, walk_id, args.format, args.lang)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"Wrote {args.out}")
    return 0
