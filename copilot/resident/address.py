"""Where a resident copilot listens: one socket per data, settings and code, so a change never reaches an old one."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from ..config import REPO_ROOT, cache_folder, database_path, source_path

PACKAGES = ("copilot", "connectors")
SETTINGS = ("COPILOT_", "OPENAI_")  # environment that changes an answer or its limits
UNANSWERED = frozenset({"COPILOT_AUTO_RESIDENT_MIN"})  # settings of the resident itself, not of its answers
LONGEST_SOCKET_PATH = 100  # AF_UNIX paths end at 104–108 bytes, depending on the system


def data_file(source: Path | None, db: Path | None) -> Path:
    """The file the copilot reads, chosen as `open_data` chooses it."""
    if source:
        return Path(source).resolve()
    if db:
        return Path(db).resolve()
    configured = source_path()
    return (configured if configured is not None else database_path()).resolve()


def code_stamp() -> list[tuple[str, int, int]]:
    """Name, size and modification time of every file of the product's packages."""
    stamp = []
    for package in PACKAGES:
        for folder, subfolders, files in os.walk(REPO_ROOT / package):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                info = os.stat(os.path.join(folder, name))
                stamp.append((os.path.join(folder, name), info.st_size, info.st_mtime_ns))
    return stamp


def socket_path(source: Path | None, db: Path | None) -> Path:
    """The socket of the resident copilot for this data, these settings and this code."""
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith(SETTINGS) and k not in UNANSWERED)
    key = json.dumps([str(data_file(source, db)), settings, sys.executable, code_stamp()], ensure_ascii=False)
    name = f"resident-{hashlib.sha256(key.encode()).hexdigest()[:16]}.sock"
    path = cache_folder() / name
    if len(str(path).encode()) > LONGEST_SOCKET_PATH:
        path = Path(tempfile.gettempdir()) / f"copilot-{os.getuid()}-{name}"
    return path


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """Inode, size and modification time of a file; None when it is gone."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns
