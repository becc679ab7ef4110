"""Compiled regular expressions kept between command-line runs, so a question does not wait for them.

The planner's word tables and time expressions are a few hundred regular expressions; CPython
compiles each in pure Python at every start. This module stores what the compiler produced (the
matcher's program, its flags and groups) in the application store and, at the next start, builds
the same pattern objects from it and places them in the `re` module's own cache (made larger for
the run), where `re.compile` finds them. Each entry is keyed by its pattern text and flags, the file by the exact
interpreter version and matcher format; a pattern the file lacks is compiled as usual. It relies on
CPython 3.11's `re` internals: on any other interpreter or version it does nothing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from .cache_files import read_cache, write_cache

FILE = "regex.pickle"
LIMIT = 1500  # patterns kept at most; beyond it only this run's are kept (question words make new ones)
ROOM = 4096  # `re`'s own cache holds 512: a run compiles more, and the stored ones must not be pushed out

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _parts() -> tuple[Any, Any, Any] | None:
    """The `re` internals this needs (cache, compiler, matcher), or None when this interpreter differs."""
    try:
        import _sre

        compiler = re._compiler  # type: ignore[attr-defined]
        cache = re._cache  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return None
    if not isinstance(cache, dict) or sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
        return None
    return cache, compiler, _sre


def _key() -> tuple[Any, ...]:
    import _sre

    return (1, sys.version, _sre.MAGIC, _sre.CODESIZE)


class RegexCache:
    """The stored programs of one store folder: loaded at start, extended with new patterns at the end."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FILE if folder is not None else None
        self.programs: dict[tuple[str, int], Program] = {}

    def load(self) -> int:
        """Place the stored patterns in `re`'s cache; how many were placed."""
        parts = _parts()
        if parts is None or self.path is None:
            return 0
        cache, _compiler, sre = parts
        stored = read_cache(self.path, _key())
        if not isinstance(stored, dict):
            return 0
        re._MAXCACHE = max(getattr(re, "_MAXCACHE", 512), ROOM)  # type: ignore[attr-defined]
        placed = 0
        for (pattern, flags), program in stored.items():
            try:
                final, code, groups, groupindex, indexgroup = program
                compiled = sre.compile(pattern, final, code, groups, groupindex, indexgroup)
            except Exception:  # a damaged entry: compiled as usual when it is needed
                continue
            cache.setdefault((str, pattern, flags), compiled)
            self.programs[pattern, flags] = program
            placed += 1
        return placed

    def save(self) -> None:
        """Store the programs of text patterns compiled in this process that the file lacks."""
        parts = _parts()
        if parts is None or self.path is None:
            return
        cache, compiler, _sre = parts
        fresh = [
            (key[1], key[2])
            for key in list(cache)
            if len(key) == 3 and key[0] is str and (key[1], key[2]) not in self.programs
        ]
        if not fresh:
            return
        if len(self.programs) + len(fresh) > LIMIT:
            here = {(key[1], key[2]) for key in cache if len(key) == 3}
            self.programs = {k: v for k, v in self.programs.items() if k in here}
        for pattern, flags in fresh:
            try:
                self.programs[pattern, flags] = _program(compiler, pattern, flags)
            except Exception:  # a pattern the compiler cannot redo is left out
                continue
        write_cache(self.path, _key(), self.programs)


def _program(compiler: Any, pattern: str, flags: int) -> Program:
    """What `re._compiler.compile` hands to the matcher for this pattern."""
    parsed = compiler._parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        [int(op) for op in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
