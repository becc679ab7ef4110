"""The options every command that reads the plant's data shares: which data, and what 'now' is."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """--db, --source and --now."""
    parser.add_argument(
        "--db", type=Path, default=None, help="DuckDB file (default: COPILOT_DB or the sample plant)"
    )
    parser.add_argument("--source", type=Path, default=None, help="source file (default: COPILOT_SOURCE)")
    parser.add_argument("--now", default=None, help="the present moment, ISO (default: the data set's now)")


def present(args: argparse.Namespace, connector: Any) -> datetime:
    """The moment the command works at: --now in plant time (an offset converted to the plant's zone), else
    the data set's now."""
    from connectors.clock import moment_in_plant, plant_zone

    return moment_in_plant(args.now, plant_zone(connector)) if args.now else connector.now()
