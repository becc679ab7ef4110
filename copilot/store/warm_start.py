"""What every process would rebuild from a DuckDB file, kept between processes in the application store.

The entity catalogue, the planner's vocabulary and the file's schema are read once per database
file and code version, then loaded from one file in the store folder (never the plant's database).
The key is the database file's path, size and modification time (and those of its write-ahead log),
the package version and the size and modification time of every file of the copilot package, so a
changed database or changed code rebuilds. A stale, corrupt or foreign cache file is rebuilt; a
folder that cannot be written costs only the time saved, never the answer.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from connectors.duckdb_connector import DuckDBConnector

from .. import __version__
from ..entities import EntityCatalog
from .cache_files import read_cache, write_cache

PACKAGE = Path(__file__).resolve().parent.parent
FORMAT = 1  # bump when the cached object's shape changes without a version change


@dataclass(frozen=True)
class Prepared:
    """What one database file gives every process: the catalogue, the planner's words, the schema."""

    catalog: EntityCatalog
    vocabulary: frozenset[str]
    slots: dict[str, str]
    schema: dict[str, dict[str, str]]


def prepared(connector: Any, folder: Path | None, build: Callable[[Any], Prepared]) -> tuple[Prepared, str]:
    """The prepared state of the connector's data, from the cache when it is current; and where it came from."""
    key = _key(connector) if folder is not None else None
    if key is None or folder is None:
        return build(connector), "built"
    path = folder / f"warm-{_name(key)}.pickle"
    cached = read_cache(path, key)
    if isinstance(cached, Prepared):
        connector.prime_schema(cached.schema)
        return cached, "cached"
    fresh = build(connector)
    write_cache(path, key, fresh)
    return fresh, "built"


def _key(connector: Any) -> tuple[Any, ...] | None:
    """The identity of a DuckDB file and of the code that reads it; None for other sources."""
    if not isinstance(connector, DuckDBConnector):
        return None
    try:
        db = connector.path.resolve()
        files = [_stat(db)]
        wal = db.with_name(db.name + ".wal")
        if wal.exists():
            files.append(_stat(wal))
        return (FORMAT, __version__, str(db), tuple(files), _code())
    except OSError:
        return None


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _code() -> int:
    """A fingerprint of the package's files: any edit or new version changes it."""
    marks = []
    for root, dirs, names in os.walk(PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".yaml", ".txt")):
                info = os.stat(os.path.join(root, name))
                marks.append((root, name, info.st_size, info.st_mtime_ns))
    return zlib.crc32(repr(marks).encode("utf-8"))  # the same in every process, unlike hash()


def _name(key: tuple[Any, ...]) -> str:
    """One cache file per database path."""
    return f"{zlib.crc32(str(key[2]).encode('utf-8')):08x}"
