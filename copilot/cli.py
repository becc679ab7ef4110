"""The `copilot` command line."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from connectors.sample_plant import DEFAULT_SEED, build_sample_db

from .config import SAMPLE_DB


def _sample_db(args: argparse.Namespace) -> int:
    """Write the sample plant database."""
    started = time.perf_counter()
    path = build_sample_db(args.out, seed=args.seed, scale=args.scale)
    took = time.perf_counter() - started
    print(f"Wrote {path} (seed {args.seed}, scale {args.scale}) in {took:.1f} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """All subcommands and their options."""
    parser = argparse.ArgumentParser(prog="copilot", description="Shopfloor Copilot")
    sub = parser.add_subparsers(dest="command", required=True)
    sample = sub.add_parser("sample-db", help="build the sample plant database")
    sample.add_argument("--out", type=Path, default=SAMPLE_DB, help="where to write it")
    sample.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    sample.add_argument("--scale", type=int, default=1, help="K times the four lines")
    sample.set_defaults(handler=_sample_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    if getattr(args, "scale", 1) < 1:
        print("--scale must be 1 or more", file=sys.stderr)
        return 2
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
