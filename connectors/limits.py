"""What one query may use on a connector: time, engine memory, threads and bytes of result."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class QueryLimits:
    """The caps every connector applies to each statement it runs."""

    timeout_s: float = 10.0
    memory_mb: int = 2048
    threads: int = 2
    result_mb: int = 64

    @property
    def memory_limit(self) -> str:
        """The memory cap in DuckDB's notation."""
        return f"{self.memory_mb}MB"

    @property
    def result_bytes(self) -> int:
        """The result cap in bytes."""
        return self.result_mb * 1024 * 1024

    def with_timeout(self, timeout_s: float) -> QueryLimits:
        """The same limits with another time limit."""
        return replace(self, timeout_s=timeout_s)
