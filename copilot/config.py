"""Where things are: the database and the application store, from the environment or defaults."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DB = REPO_ROOT / "sample_mes.duckdb"


def database_path() -> Path:
    """The MES database: COPILOT_DB, else the sample plant next to the project."""
    return Path(os.environ.get("COPILOT_DB", SAMPLE_DB))


def source_path() -> Path | None:
    """The source file of the plant's data: COPILOT_SOURCE, else None (the DuckDB file of database_path)."""
    value = os.environ.get("COPILOT_SOURCE")
    return Path(value) if value else None


def store_path() -> Path:
    """The application store (audit trail, drafts, progress): COPILOT_STORE, default .copilot/store.sqlite."""
    return Path(os.environ.get("COPILOT_STORE", REPO_ROOT / ".copilot" / "store.sqlite"))


def cache_folder() -> Path:
    """Where start-up caches of the command line live: `cache` next to the application store."""
    return store_path().parent / "cache"


def audit_retention_days() -> int:
    """How long audit entries are kept: COPILOT_AUDIT_RETENTION_DAYS, default 90."""
    return int(os.environ.get("COPILOT_AUDIT_RETENTION_DAYS", "90"))


def query_timeout_s() -> float:
    """Time limit per query in seconds: COPILOT_QUERY_TIMEOUT_S, default 10."""
    return float(os.environ.get("COPILOT_QUERY_TIMEOUT_S", "10"))


def llm_configured() -> bool:
    """True when OPENAI_BASE_URL or OPENAI_API_KEY is set: only then may a language model be asked."""
    from .llm.settings import (
        LLMSettings,  # settings read the same environment; imported late, config is a leaf
    )

    return LLMSettings.from_env().configured
