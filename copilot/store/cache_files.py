"""Cache files in the application store folder: written atomically, read only when ours and whole."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def read_cache(path: Path, key: Any) -> Any | None:
    """The value stored under this key; None when the file is missing, broken, foreign or for another key."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None  # written by someone else: not loaded
            stored_key, value = pickle.load(handle)
    except Exception:  # a missing, truncated or foreign file: the caller rebuilds
        return None
    return value if stored_key == key else None


def write_cache(path: Path, key: Any, value: Any) -> None:
    """Write the file atomically (readable by its owner only); a folder that cannot be written is left alone."""
    import tempfile  # only when a cache is written

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # a folder that cannot be written, a value that cannot be stored: no cache
        return
