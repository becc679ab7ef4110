"""The Connector protocol: how the copilot reads a plant's data, whatever system holds it."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

import pandas as pd


class ConnectorError(Exception):
    """A data-source problem explained for people, in English and German."""

    def __init__(self, message: str, message_de: str, reason: str = "connector") -> None:
        super().__init__(message)
        self.message = message
        self.message_de = message_de
        self.reason = reason

    def text(self, language: str) -> str:
        """The message in the user's language ('de' or 'en')."""
        return self.message_de if language == "de" else self.message


@runtime_checkable
class Connector(Protocol):
    """A read-only source of contract tables."""

    dialect: str

    def schema(self) -> dict[str, dict[str, str]]:
        """{table: {column: type}} of the tables this source exposes."""
        ...

    def execute(self, sql: str) -> pd.DataFrame:
        """Run one read-only query and return its rows."""
        ...

    def now(self) -> datetime:
        """The data set's present moment: `dataset_info.now`, else the wall clock."""
        ...
