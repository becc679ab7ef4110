"""Where things are: the database and the application store, from the environment or defaults."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from connectors.limits import QueryLimits

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


@dataclass(frozen=True)
class Setting:
    """A numeric setting from the environment: its default and the range it must lie in."""

    name: str
    default: float
    low: float  # smallest allowed value (inclusive)
    high: float  # largest allowed value (inclusive)
    whole: bool = False  # only whole numbers

    def problem(self) -> tuple[str, str] | None:
        """Why the environment's value cannot be used (English, German), or None when it is unset or fine."""
        raw = os.environ.get(self.name)
        if raw is None or raw.strip() == "":
            return None
        value = _number(raw)
        kind_en, kind_de = ("a whole number", "eine ganze Zahl") if self.whole else ("a number", "eine Zahl")
        if value is None or (self.whole and not value.is_integer()) or not self.low <= value <= self.high:
            shown = raw.strip()[:40].encode("unicode_escape").decode("ascii")
            return (
                f"{self.name}={shown!r} is not usable: it must be {kind_en} from {self.low:g} to {self.high:g}. "
                f"Using the default {self.default:g}.",
                f"{self.name}={shown!r} ist nicht verwendbar: erlaubt ist {kind_de} von {self.low:g} bis "
                f"{self.high:g}. Es gilt der Standardwert {self.default:g}.",
            )
        return None

    def value(self) -> float:
        """The environment's value when it is usable, else the default: a limit is never switched off."""
        raw = os.environ.get(self.name)
        if raw is None or self.problem() is not None:
            return self.default
        number = _number(raw)
        return self.default if number is None else number


def _number(raw: str) -> float | None:
    """A finite number written in the text, else None ('nan', 'inf', '10s' are not numbers here)."""
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


QUERY_TIMEOUT = Setting("COPILOT_QUERY_TIMEOUT_S", 10, 0.1, 600)
MEMORY_LIMIT = Setting("COPILOT_MEMORY_LIMIT_MB", 2048, 64, 65536, whole=True)
RESULT_LIMIT = Setting("COPILOT_MAX_RESULT_MB", 64, 1, 4096, whole=True)
THREADS = Setting("COPILOT_THREADS", 2, 1, 64, whole=True)
AUDIT_RETENTION = Setting("COPILOT_AUDIT_RETENTION_DAYS", 90, 1, 36500, whole=True)
LLM_TIMEOUT = Setting("COPILOT_LLM_TIMEOUT_S", 20, 1, 600)
LLM_MAX_STEPS = Setting("COPILOT_LLM_MAX_STEPS", 6, 1, 20, whole=True)
LLM_MAX_TOKENS = Setting("COPILOT_LLM_MAX_TOKENS", 800, 16, 32000, whole=True)
LLM_MAX_TOTAL_TOKENS = Setting("COPILOT_LLM_MAX_TOTAL_TOKENS", 16000, 256, 1_000_000, whole=True)
# minutes a resident copilot that `copilot ask` starts by itself stays open without a question; 0: never start one
AUTO_RESIDENT = Setting("COPILOT_AUTO_RESIDENT_MIN", 10, 0, 1440)
SETTINGS = (
    QUERY_TIMEOUT, MEMORY_LIMIT, RESULT_LIMIT, THREADS, AUDIT_RETENTION,
    LLM_TIMEOUT, LLM_MAX_STEPS, LLM_MAX_TOKENS, LLM_MAX_TOTAL_TOKENS, AUTO_RESIDENT,
)  # fmt: skip


def setting_problems() -> list[tuple[str, str]]:
    """Every numeric setting the environment gets wrong, as (English, German) messages."""
    return [problem for setting in SETTINGS if (problem := setting.problem()) is not None]


def cache_folder() -> Path:
    """Where start-up caches of the command line live: `cache` next to the application store."""
    return store_path().parent / "cache"


def audit_retention_days() -> int:
    """How long audit entries are kept: COPILOT_AUDIT_RETENTION_DAYS, 1 to 36500, default 90."""
    return int(AUDIT_RETENTION.value())


def query_timeout_s() -> float:
    """Time limit per query in seconds: COPILOT_QUERY_TIMEOUT_S, 0.1 to 600, default 10."""
    return QUERY_TIMEOUT.value()


def limits() -> QueryLimits:
    """The query limits from the environment, each falling back to its default when unusable."""
    return QueryLimits(
        query_timeout_s(), int(MEMORY_LIMIT.value()), int(THREADS.value()), int(RESULT_LIMIT.value())
    )


def llm_configured() -> bool:
    """True when OPENAI_BASE_URL or OPENAI_API_KEY is set: only then may a language model be asked."""
    from .llm.settings import (
        LLMSettings,  # settings read the same environment; imported late, config is a leaf
    )

    return LLMSettings.from_env().configured
