"""The source file: which connector, how to reach it, and how the plant's tables map onto the contract.

A plant describes its own data in a YAML file it edits (see docs/sources.md). Reading the file checks
its form only; `copilot source check` then checks the data behind it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .base import ConnectorError
from .contract import contract_tables

CONNECTORS = ("duckdb", "files", "postgresql", "spark")
DIALECTS = {"duckdb": "duckdb", "files": "duckdb", "postgresql": "postgres", "spark": "spark"}
TABLE_KEYS = frozenset({"table", "file", "select", "rows", "columns", "format", "options"})
SECRET_KEYS = re.compile(r"pass(word)?|secret|token|api_?key", re.IGNORECASE)
URL_PASSWORD = re.compile(r"://[^/@\s:]+:[^/@\s]+@")


class SourceError(ConnectorError):
    """A source file that cannot be used, said in English and German with where to fix it."""

    def __init__(self, message: str, message_de: str) -> None:
        super().__init__(message, message_de, "source")


@dataclass(frozen=True)
class TableMapping:
    """How one contract table is read: a plant table, a file, a SELECT or literal rows, with column mapping."""

    name: str
    table: str | None = None  # the plant's table, optionally with schema ('mes.linien')
    file: str | None = None  # a CSV or Parquet file, relative to the source file's folder
    select: str | None = None  # a SELECT in the source's own dialect
    rows: tuple[dict[str, Any], ...] | None = None  # literal rows (dataset_info, a single meter)
    columns: dict[str, str] = field(default_factory=dict)  # contract column: plant column or expression
    format: str | None = None  # 'csv' or 'parquet' for files; default from the file name
    options: dict[str, Any] = field(default_factory=dict)  # CSV reader options (delim, header, …)

    def expression(self, column: str) -> str:
        """The plant expression for a contract column: its mapping, else the same name."""
        return self.columns.get(column, column)


@dataclass(frozen=True)
class NotInContract:
    """A plant column the contract has no place for: what it means, and words that ask about it."""

    column: str
    meaning_de: str
    meaning_en: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class SourceSpec:
    """A parsed source file."""

    connector: str
    name: str
    settings: dict[str, Any]
    tables: dict[str, TableMapping]
    missing: frozenset[str] = frozenset()
    not_in_contract: tuple[NotInContract, ...] = ()
    path: Path | None = None

    @property
    def dialect(self) -> str:
        """The sqlglot dialect of the source's SQL."""
        return DIALECTS[self.connector]

    @property
    def folder(self) -> Path:
        """Where relative file names in the source file start."""
        return self.path.parent if self.path else Path.cwd()

    def resolve(self, name: str) -> Path:
        """A file name of the source file as a path (relative names from the file's folder)."""
        path = Path(os.path.expandvars(name)).expanduser()
        return path if path.is_absolute() else self.folder / path

    def secret(self, key: str = "url_env") -> str | None:
        """The value of the environment variable the setting names (a DSN or URL), or None when unset."""
        variable = self.settings.get(key)
        return os.environ.get(str(variable)) if variable else None

    def label(self) -> str:
        """How the source shows on the Settings page: its name, connector and file."""
        where = f" · {self.path.name}" if self.path else ""
        return f"{self.name} · {self.connector}{where}"


def load_source(path: Path | str) -> SourceSpec:
    """Read and check a source file; SourceError names what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"The source file {path} does not exist.", f"Die Quelldatei {path} gibt es nicht.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourceError(
            f"The source file {path.name} is not valid YAML: {_first_line(error)}",
            f"Die Quelldatei {path.name} ist kein gültiges YAML: {_first_line(error)}",
        ) from error
    return parse_source(data, path)


def parse_source(data: Any, path: Path | None = None) -> SourceSpec:
    """A source file's content as a SourceSpec; SourceError for each problem of form."""
    if not isinstance(data, dict):
        raise SourceError("A source file is a YAML mapping.", "Eine Quelldatei ist eine YAML-Zuordnung.")
    connector = str(data.get("connector", ""))
    if connector not in CONNECTORS:
        raise SourceError(
            f"connector: must be one of {', '.join(CONNECTORS)}, not {connector!r}.",
            f"connector: muss einer von {', '.join(CONNECTORS)} sein, nicht {connector!r}.",
        )
    settings = dict(data.get("connection") or {})
    _no_secrets(settings)
    missing = frozenset(str(t) for t in data.get("missing") or ())
    tables = {name: _mapping(name, spec) for name, spec in (data.get("tables") or {}).items()}
    for name in missing | set(tables):
        _known_table(name)
    both = missing & set(tables)
    if both:
        raise SourceError(
            f"Tables both mapped and declared missing: {', '.join(sorted(both))}.",
            f"Tabellen sind zugeordnet und zugleich als fehlend erklärt: {', '.join(sorted(both))}.",
        )
    return SourceSpec(
        connector=connector,
        name=str(data.get("name") or (path.stem if path else connector)),
        settings=settings,
        tables=tables,
        missing=missing,
        not_in_contract=tuple(_not_in_contract(item) for item in data.get("not_in_contract") or ()),
        path=path.resolve() if path else None,
    )


def _mapping(name: str, spec: Any) -> TableMapping:
    """One entry of tables:, as a TableMapping."""
    if isinstance(spec, str):
        spec = {"table": spec}
    if spec is None:
        spec = {"table": name}
    if not isinstance(spec, dict):
        raise SourceError(
            f"tables.{name}: give table:, file:, select: or rows:.",
            f"tables.{name}: bitte table:, file:, select: oder rows: angeben.",
        )
    unknown = set(spec) - TABLE_KEYS
    if unknown:
        raise SourceError(
            f"tables.{name}: unknown key {', '.join(sorted(unknown))}; allowed are {', '.join(sorted(TABLE_KEYS))}.",
            f"tables.{name}: unbekannter Schlüssel {', '.join(sorted(unknown))}; erlaubt sind {', '.join(sorted(TABLE_KEYS))}.",
        )
    kinds = [k for k in ("table", "file", "select", "rows") if spec.get(k) is not None]
    if len(kinds) != 1:
        raise SourceError(
            f"tables.{name}: give exactly one of table:, file:, select: or rows: (found {len(kinds)}).",
            f"tables.{name}: bitte genau eines von table:, file:, select: oder rows: angeben ({len(kinds)} gefunden).",
        )
    rows = spec.get("rows")
    return TableMapping(
        name=name,
        table=_text(spec.get("table")),
        file=_text(spec.get("file")),
        select=_text(spec.get("select")),
        rows=tuple(dict(r) for r in rows) if rows is not None else None,
        columns={str(k): str(v) for k, v in (spec.get("columns") or {}).items()},
        format=_text(spec.get("format")),
        options=dict(spec.get("options") or {}),
    )


def _not_in_contract(item: Any) -> NotInContract:
    """One entry of not_in_contract:."""
    if not isinstance(item, dict) or "column" not in item:
        raise SourceError(
            "not_in_contract: each entry needs column:, meaning_de:, meaning_en: and words:.",
            "not_in_contract: jeder Eintrag braucht column:, meaning_de:, meaning_en: und words:.",
        )
    return NotInContract(
        str(item["column"]),
        str(item.get("meaning_de", item["column"])),
        str(item.get("meaning_en", item["column"])),
        tuple(str(w) for w in item.get("words") or (item["column"],)),
    )


def _known_table(name: str) -> None:
    """Only contract tables can be mapped or declared missing."""
    if name not in contract_tables():
        import difflib

        close = difflib.get_close_matches(name, list(contract_tables()), n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        hint_de = f" Meinten Sie {close[0]}?" if close else ""
        raise SourceError(
            f"tables.{name}: the data contract has no table {name!r}.{hint}",
            f"tables.{name}: das Datenmodell hat keine Tabelle {name!r}.{hint_de}",
        )


def _no_secrets(settings: dict[str, Any]) -> None:
    """Passwords live in the environment, never in the file."""
    for key, value in settings.items():
        if SECRET_KEYS.search(str(key)) or URL_PASSWORD.search(str(value)):
            raise SourceError(
                f"connection.{key}: a password does not belong in the source file; put the DSN or URL "
                "in an environment variable and name it with url_env:.",
                f"connection.{key}: ein Passwort gehört nicht in die Quelldatei; bitte DSN oder URL in eine "
                "Umgebungsvariable legen und sie mit url_env: benennen.",
            )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
