"""`copilot source check`: a source file against the data contract, one actionable line per problem.

Form (the file), mapping (tables, columns, types), data (keys, nulls, time conventions, the contract's
rules) and what the source can answer. Every data rule runs through the guard like any other query.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import sqlglot

from connectors.base import Connector, ConnectorError
from connectors.contract import contract_tables
from connectors.probe import Probe, type_family
from connectors.source_file import SourceSpec, TableMapping, load_source
from connectors.sources import open_source

from .capabilities import GROUPS, SOURCE_TABLES, WHY_TABLES
from .semantic.filters import sql_timestamp
from .sql_guard import GuardError, guard_sql

KINDS: tuple[tuple[str, str, frozenset[str]], ...] = (  # kinds of question and the tables they need
    (
        "OEE, Verfügbarkeit, Leistung, Ausbringung",
        "OEE, availability, performance, output",
        SOURCE_TABLES["shift"],
    ),
    ("Ausschuss, Erstausbeute, Taktzeit", "scrap, first pass yield, cycle time", SOURCE_TABLES["units"]),
    ("Stillstände, MTTR, MTBF", "downtime, MTTR, MTBF", SOURCE_TABLES["downtime"]),
    ("Rüstvorgänge", "changeovers", SOURCE_TABLES["changeovers"]),
    ("Kurzstopps und Alarme", "short stops and alarms", SOURCE_TABLES["alarms"]),
    ("Instandhaltungsaufträge", "maintenance orders", SOURCE_TABLES["maintenance"]),
    ("Energieverbrauch", "energy consumption", SOURCE_TABLES["energy"]),
    ("Grundlast außerhalb der Schichten", "idle load outside worked shifts", SOURCE_TABLES["idle"]),
    ("Energie je Gutteil", "energy per good unit", SOURCE_TABLES["energy_per_unit"]),
    ("Ursachen (Warum-Fragen)", "causes (why-questions)", WHY_TABLES),
)
TIME_COLUMNS = {  # the column that must not lie after 'now'
    "units": "ts", "downtime_events": "end_ts", "alarms": "ts", "energy_readings": "ts",
    "changeovers": "end_ts", "shift_calendar": "end_ts", "maintenance_orders": "created_ts",
}  # fmt: skip
ACCEPTED = {"float": {"integer"}}  # an integer column serves where the contract has DOUBLE


@dataclass
class CheckReport:
    """Problems and notes of one check, each one line in both languages."""

    problems: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def problem(self, en: str, de: str) -> None:
        """Record a problem."""
        self.problems.append((en, de))

    def note(self, en: str, de: str) -> None:
        """Record a finding that is not a problem."""
        self.notes.append((en, de))

    def lines(self, language: str) -> list[str]:
        """Problems first (✗), then notes (·), in the language."""
        pick = 1 if language == "de" else 0
        return [f"✗ {p[pick]}" for p in self.problems] + [f"· {n[pick]}" for n in self.notes]


def check_source(path: Path | str) -> CheckReport:
    """Every check of a source file, as far as the earlier ones let the later ones run."""
    report = CheckReport()
    try:
        spec = load_source(path)
    except ConnectorError as error:
        report.problem(error.message, error.message_de)
        return report
    _declared(spec, report)
    mapped_ok = _mapping(spec, report)
    if not mapped_ok:
        return report
    try:
        connector = open_source(spec, timeout_s=120)
    except ConnectorError as error:
        report.problem(error.message, error.message_de)
        return report
    _data(connector, report)
    _kinds(frozenset(spec.tables), report)
    return report


def _declared(spec: SourceSpec, report: CheckReport) -> None:
    """Every contract table is mapped or declared missing."""
    for name, table in contract_tables().items():
        if name in spec.tables or name in spec.missing:
            continue
        if table.optional:
            report.note(
                f"optional table {name} is not mapped", f"die optionale Tabelle {name} ist nicht zugeordnet"
            )
            continue
        report.problem(
            f"table {name}: neither mapped under tables: nor listed under missing:",
            f"Tabelle {name}: weder unter tables: zugeordnet noch unter missing: als fehlend erklärt",
        )


def _mapping(spec: SourceSpec, report: CheckReport) -> bool:
    """Each mapped table's plant relation and each contract column's expression and type."""
    probe = Probe(spec)
    before = len(report.problems)
    for mapping in spec.tables.values():
        if mapping.rows is not None:
            continue  # literal rows are typed by the mapping itself
        try:
            plant = dict(probe.describe(probe.relation(mapping), mapping))
        except ConnectorError as error:
            where = mapping.table or mapping.file or "select"
            report.problem(
                f"tables.{mapping.name}: {where} cannot be read: {error.message}",
                f"tables.{mapping.name}: {where} lässt sich nicht lesen: {error.message_de}",
            )
            continue
        for column in contract_tables()[mapping.name].columns:
            _column(spec, probe, mapping, plant, column.name, column.type, report)
    return len(report.problems) == before


def _column(
    spec: SourceSpec,
    probe: Probe,
    mapping: TableMapping,
    plant: dict[str, str],
    column: str,
    wanted: str,
    report: CheckReport,
) -> None:
    """One contract column: found, and of the contract's type (or one that serves)."""
    expression = mapping.expression(column)
    if mapping.select is not None:
        shown = {k.lower(): v for k, v in plant.items()}
        if column not in shown:
            report.problem(
                f"tables.{mapping.name}: the select gives no column {column}; add it (… AS {column})",
                f"tables.{mapping.name}: das select liefert keine Spalte {column}; bitte ergänzen (… AS {column})",
            )
            return
        found = shown[column]
    elif column not in mapping.columns and column not in plant:
        close = difflib.get_close_matches(column, list(plant), n=1, cutoff=0.75)
        listed = ", ".join(list(plant)[:15])
        hint = f" (closest: {close[0]})" if close else f" (its columns: {listed})"
        hint_de = f" (am ähnlichsten: {close[0]})" if close else f" (vorhandene Spalten: {listed})"
        report.problem(
            f"tables.{mapping.name}: column {column} not found in {mapping.table or mapping.file}{hint}; "
            f"map it under columns: {column}: <plant column>",
            f"tables.{mapping.name}: Spalte {column} fehlt in {mapping.table or mapping.file}{hint_de}; "
            f"bitte unter columns: {column}: <Spalte des Werks> zuordnen",
        )
        return
    else:
        sql = f"SELECT {expression} AS {column} FROM ({probe.relation(mapping)}) AS src"
        try:
            found = probe.describe(sql, mapping)[0][1]
        except ConnectorError as error:
            report.problem(
                f"tables.{mapping.name}.{column}: {expression!r} does not work: {error.message}",
                f"tables.{mapping.name}.{column}: {expression!r} funktioniert nicht: {error.message_de}",
            )
            return
    _type(spec, mapping.name, column, wanted, found, report)


def _type(spec: SourceSpec, table: str, column: str, wanted: str, found: str, report: CheckReport) -> None:
    """The found type serves the contract's type, or a line saying how to cast it."""
    want, got = type_family(wanted), type_family(found)
    if got == want or got in ACCEPTED.get(want, set()):
        return
    if want == "time" and got == "text" and spec.connector == "spark":
        return  # Spark has no TIME type: shift times travel as 'HH:MM:SS'
    cast = sqlglot.transpile(f"CAST({column} AS {wanted})", read="duckdb", write=spec.dialect)[0]
    report.problem(
        f"tables.{table}.{column} is {found}, the contract wants {wanted}: map it as {cast}",
        f"tables.{table}.{column} ist {found}, das Datenmodell verlangt {wanted}: bitte als {cast} zuordnen",
    )


def _data(connector: Connector, report: CheckReport) -> None:
    """Keys, nulls, the time conventions and the contract's rules on the data."""
    present = set(connector.schema())
    for name in sorted(present):
        _keys_and_nulls(connector, name, report)
    now = connector.now()
    for sql, en, de, tables in _rules(now):
        if tables <= present:
            count = _count(connector, sql, report)
            if count:
                report.problem(en.format(n=count), de.format(n=count))
    if {"shift_calendar", "units", "line_products", "downtime_events", "downtime_reasons"} <= present:
        _performance(connector, report)


def _keys_and_nulls(connector: Connector, name: str, report: CheckReport) -> None:
    table = contract_tables()[name]
    required = [c.name for c in table.columns if not c.nullable]
    if required:
        sums = ", ".join(f"SUM(CASE WHEN {c} IS NULL THEN 1 ELSE 0 END) AS {c}" for c in required)
        frame = _frame(connector, f"SELECT {sums} FROM {name}", report)
        row = frame.iloc[0] if frame is not None and len(frame) else {}
        for c in required if len(row) else ():
            value = row[c]
            if value == value and value and int(value):
                report.problem(
                    f"tables.{name}.{c}: {int(value)} rows without a value; the contract requires one",
                    f"tables.{name}.{c}: {int(value)} Zeilen ohne Wert; das Datenmodell verlangt einen",
                )
    if table.primary_key:
        key = ", ".join(table.primary_key)
        count = _count(
            connector,
            f"SELECT COUNT(*) FROM (SELECT {key} FROM {name} GROUP BY {key} HAVING COUNT(*) > 1) AS d",
            report,
        )
        if count:
            report.problem(
                f"tables.{name}: {count} values of the key ({key}) occur more than once",
                f"tables.{name}: {count} Werte des Schlüssels ({key}) kommen mehrfach vor",
            )


def _rules(now: datetime) -> list[tuple[str, str, str, set[str]]]:
    """(SQL counting violations, English, German, tables it needs) for each rule of the contract."""
    rules = [
        (
            "SELECT COUNT(*) FROM energy_readings WHERE EXTRACT(MINUTE FROM ts) % 15 <> 0 OR EXTRACT(SECOND FROM ts) <> 0",
            "energy_readings: {n} readings do not start on a quarter hour (ts is the START of a 15-minute interval)",
            "energy_readings: {n} Werte beginnen nicht auf einer Viertelstunde (ts ist der BEGINN eines 15-Minuten-Intervalls)",
            {"energy_readings"},
        ),
        (
            "SELECT COUNT(*) FROM units AS u LEFT JOIN shift_calendar AS c ON c.line_id = u.line_id "
            "AND c.shift_date = u.shift_date AND c.shift_code = u.shift_code "
            "WHERE c.line_id IS NULL OR u.ts < c.start_ts OR u.ts > c.end_ts",
            "units: {n} units lie outside the shift their shift_date and shift_code name (a shift belongs to the day it starts)",
            "units: {n} Einheiten liegen außerhalb der Schicht aus shift_date und shift_code (eine Schicht gehört zum Tag ihres Beginns)",
            {"units", "shift_calendar"},
        ),
        (
            "SELECT COUNT(*) FROM changeovers AS co LEFT JOIN downtime_events AS e ON e.event_id = co.event_id "
            "LEFT JOIN downtime_reasons AS r ON r.reason_code = e.reason_code "
            "WHERE e.event_id IS NULL OR r.loss_category IS NULL OR r.loss_category <> 'setup'",
            "changeovers: {n} changeovers have no downtime event with loss_category 'setup'",
            "changeovers: {n} Rüstvorgänge haben keinen Stillstand mit loss_category 'setup'",
            {"changeovers", "downtime_events", "downtime_reasons"},
        ),
        (
            "SELECT COUNT(*) FROM downtime_events AS e LEFT JOIN shift_calendar AS c ON c.line_id = e.line_id "
            "AND c.shift_date = e.shift_date AND c.shift_code = e.shift_code "
            "WHERE c.line_id IS NULL OR e.start_ts < c.start_ts OR e.start_ts >= c.end_ts",
            "downtime_events: {n} stops lie outside a worked shift",
            "downtime_events: {n} Stillstände liegen außerhalb einer gearbeiteten Schicht",
            {"downtime_events", "shift_calendar"},
        ),
    ]
    for table, column in TIME_COLUMNS.items():
        rules.append(
            (
                f"SELECT COUNT(*) FROM {table} WHERE {column} > {sql_timestamp(now)}",
                f"{table}: {{n}} rows lie after the data set's now ({now:%Y-%m-%d %H:%M})",
                f"{table}: {{n}} Zeilen liegen nach dem Jetzt des Datenbestands ({now:%d.%m.%Y %H:%M})",
                {table},
            )
        )
    return rules


def _performance(connector: Connector, report: CheckReport) -> None:
    """No worked shift with performance above 100 %: ideal time of the units above production time."""
    sql = (
        "WITH made AS (SELECT u.line_id, u.shift_date, u.shift_code, SUM(lp.ideal_cycle_time_s) AS ideal_s "
        "FROM units AS u JOIN line_products AS lp ON lp.line_id = u.line_id AND lp.product_id = u.product_id "
        "GROUP BY u.line_id, u.shift_date, u.shift_code), "
        "stops AS (SELECT e.line_id, e.shift_date, e.shift_code, SUM(e.duration_s) AS down_s FROM downtime_events AS e "
        "GROUP BY e.line_id, e.shift_date, e.shift_code) "
        "SELECT COUNT(*) FROM shift_calendar AS c JOIN made AS m ON m.line_id = c.line_id "
        "AND m.shift_date = c.shift_date AND m.shift_code = c.shift_code LEFT JOIN stops AS s "
        "ON s.line_id = c.line_id AND s.shift_date = c.shift_date AND s.shift_code = c.shift_code "
        "WHERE m.ideal_s > c.planned_minutes * 60 - COALESCE(s.down_s, 0) + 1"
    )
    count = _count(connector, sql, report)
    if count:
        report.problem(
            f"{count} worked shifts have performance above 100 % (ideal cycle times or stops are wrong)",
            f"{count} gearbeitete Schichten haben eine Leistung über 100 % (Idealzeiten oder Stillstände stimmen nicht)",
        )


def _kinds(tables: frozenset[str], report: CheckReport) -> None:
    """Which kinds of question this source can and cannot answer."""
    for de, en, needed in KINDS:
        lacking = sorted(needed - tables)
        if not lacking:
            report.note(f"can answer: {en}", f"beantwortet: {de}")
            continue
        group = next((g for g in GROUPS if g[0] & set(lacking)), None)
        why_en = group[2].split(" — ")[0] if group else ""
        why_de = group[1].split(" — ")[0] if group else ""
        report.note(
            f"cannot answer: {en} (lacks {', '.join(lacking)}; {why_en.lower()})",
            f"beantwortet nicht: {de} (fehlt {', '.join(lacking)}; {why_de})",
        )


def _frame(connector: Connector, sql: str, report: CheckReport) -> pd.DataFrame | None:
    """Run one check query through the guard; a failure is a problem line, not a traceback."""
    try:
        return connector.execute(guard_sql(sql, dialect=connector.dialect).sql)
    except (ConnectorError, GuardError) as error:
        report.problem(f"check query failed: {error}", f"Prüfabfrage fehlgeschlagen: {error.message_de}")
        return None


def _count(connector: Connector, sql: str, report: CheckReport) -> int:
    frame = _frame(connector, sql, report)
    return int(frame.iloc[0, 0]) if frame is not None and len(frame) else 0
