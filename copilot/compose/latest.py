"""'Wann war der letzte Stillstand an Linie 2?': the newest records of a kind, each with its moment and what it was."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..answer import Fact
from ..formatting import moment, quantity
from ..semantic.latest import latest_sql
from ..semantic.records import RECORDS, record_of
from .context import Ctx

NAMED = (
    "line",
    "station",
    "reason",
    "alarm",
    "from_product",
    "product",
    "defect",
)  # identifiers said by name
BEFORE = {"from_product": ("von ", "from "), "product": ("auf ", "to ")}  # a changeover's two products
FACT_LABELS = {"line": ("Linie", "line"), "station": ("Station", "station"), "reason": ("Grund", "reason"),
               "alarm": ("Alarm", "alarm"), "from_product": ("von Produkt", "from product"),
               "product": ("Produkt", "product"), "defect": ("Fehlerart", "defect")}  # fmt: skip
DURATIONS = {"duration_s": ("Dauer", "duration"), "standard_s": ("Standard", "standard"),
             "repair_s": ("Reparaturdauer", "repair time"), "cycle_time_s": ("Zykluszeit", "cycle time")}  # fmt: skip
WORDS: dict[str, dict[Any, tuple[str, str]]] = {"kind": {"corrective": ("Störungsauftrag", "corrective"), "preventive": ("vorbeugend", "preventive")},
         "status": {"open": ("offen", "open"), "in_progress": ("in Arbeit", "in progress"), "done": ("erledigt", "done"),
                    "running": ("laufend", "running"), "planned": ("geplant", "planned")},
         "good": {1: ("Gutteil", "good"), 0: ("Ausschuss", "scrap")}}  # fmt: skip


def latest(ctx: Ctx) -> None:
    """The newest record (or the newest N) behind the plan's measure, newest first, with the SQL behind them."""
    key = ctx.plan.metrics[0]
    found = record_of(key)
    assert found is not None  # the planner plans 'latest' only for records with a moment
    record = RECORDS[found[0]]
    limit = ctx.plan.limit or 1
    query = ctx.query(key, limit=limit, order=ctx.plan.ranking)
    frame = ctx.runner.sql(
        latest_sql(query, dialect="duckdb"),
        ctx.t(f"neueste {record.label_de}", f"latest {record.label_en}"),
    )
    scope = ctx.scope()
    if frame.empty:
        said = [WORDS["status"][s] for s in ctx.plan.filters.statuses if s in WORDS["status"]]
        status = {
            lang: f" ({', '.join(w[i] for w in said)})" if said else "" for i, lang in enumerate(("de", "en"))
        }
        ctx.answer.text = ctx.t(
            f"Für {scope} gibt es {ctx.period.label('de')} keine {record.label_de}{status['de']}.",
            f"There are no {record.label_en}{status['en']} for {scope} in {ctx.period.label('en')}.",
        )
        return
    rows = [dict(zip(frame.columns, row, strict=True)) for row in frame.itertuples(index=False)]
    described = [_described(ctx, row) for row in rows]
    if ctx.plan.form == "list":
        ctx.answer.text = (
            ctx.t(
                f"{len(rows)} {record.label_de if len(rows) > 1 else f'Eintrag ({record.label_de})'}, {scope}, "
                + ("älteste zuerst:" if ctx.plan.ranking == "asc" else "neueste zuerst:"),
                f"{len(rows)} {record.label_en if len(rows) > 1 else f'entry ({record.label_en})'}, {scope}, "
                + ("oldest first:" if ctx.plan.ranking == "asc" else "newest first:"),
            )
            + "\n"
            + "\n".join(f"- {d}" for d in described)
        )
    elif limit == 1 and ctx.plan.next_planned:
        ctx.answer.text = ctx.t(
            f"Nächster geplanter Eintrag ({record.label_de}), {scope}: {described[0]}.",
            f"Next planned entry ({record.label_en}), {scope}: {described[0]}.",
        )
    elif limit == 1 and ctx.plan.form == "since":
        since = _since(ctx, rows[0])
        ctx.answer.text = ctx.t(
            f"Seit dem Ende des letzten Eintrags ({record.label_de}), {scope}, sind **{since}** vergangen: {described[0]}.",
            f"**{since}** have passed since the latest entry ({record.label_en}), {scope}, ended: {described[0]}.",
        )
    elif limit == 1:
        ctx.answer.text = ctx.t(
            f"Letzter Eintrag ({record.label_de}), {scope}: {described[0]}.",
            f"Latest entry ({record.label_en}), {scope}: {described[0]}.",
        )
    else:
        head = ctx.t(
            f"Letzte {len(rows)} Einträge ({record.label_de}), {scope}, neueste zuerst:",
            f"Latest {len(rows)} entries ({record.label_en}), {scope}, newest first:",
        )
        ctx.answer.text = head + "\n" + "\n".join(f"- {d}" for d in described)
    if ctx.plan.form == "since":
        ctx.answer.facts.append(_since_fact(ctx, rows[0]))
    ctx.answer.facts.extend(_facts(ctx, rows[0]))


SINCE_UNITS = {"h": 3600.0, "min": 60.0, "s": 1.0}


def _ended(row: dict[str, Any]) -> pd.Timestamp:
    """When a record was over: its end, or its moment plus its own duration, or its moment."""
    if row.get("end_ts") is not None and not pd.isna(row["end_ts"]):
        return pd.Timestamp(row["end_ts"])
    stamp = pd.Timestamp(row["ts"])
    duration = row.get("duration_s")
    return stamp if duration is None or pd.isna(duration) else stamp + pd.Timedelta(seconds=float(duration))


def _since_seconds(ctx: Ctx, row: dict[str, Any]) -> float:
    """Seconds from the end of a record until now."""
    return max((pd.Timestamp(ctx.now) - _ended(row)).total_seconds(), 0.0)


def _since_unit(ctx: Ctx) -> str:
    """The unit the time since is given in: the one asked for, else hours."""
    return ctx.plan.unit if ctx.plan.unit in SINCE_UNITS else "h"


def _since(ctx: Ctx, row: dict[str, Any]) -> str:
    """'30 h': the time since the record ended, in words."""
    unit = _since_unit(ctx)
    return quantity(_since_seconds(ctx, row) / SINCE_UNITS[unit], unit, ctx.lang)


def _since_fact(ctx: Ctx, row: dict[str, Any]) -> Fact:
    """The time since the record ended, as the answer's first figure."""
    unit = _since_unit(ctx)
    value = round(_since_seconds(ctx, row) / SINCE_UNITS[unit], 4)
    return Fact(ctx.t("Zeit seitdem", "time since"), value, unit, None, ctx.period.label(ctx.lang), "since")


IDENTIFIERS = {
    "mo_id": ("Auftrag", "order"),
    "order_id": ("Auftrag", "order"),
    "record": ("Eintrag", "record"),
}  # a record's own number: said first, and its first fact
QUANTITIES = {
    "planned_qty": ("Planmenge", "planned quantity"),
    "made": ("gefertigt", "made"),
}  # an order: planned, made
TEXTS = ("description", "note")  # what the record says of itself, quoted last
TEXT_LABELS = {"description": ("Beschreibung", "description"), "note": ("Notiz", "note")}


def _described(ctx: Ctx, row: dict[str, Any]) -> str:
    """One record in words: its moment in bold, then where, what and how long."""
    parts = [f"**{moment(row['ts'], ctx.lang)}**"]
    parts += [str(row[column]) for column in IDENTIFIERS if row.get(column)]
    for column in NAMED:
        value = row.get(column)
        if value is not None and not (column == "line" and ctx.plan.filters.lines) and value != "?":
            before = ctx.t(*BEFORE[column]) if column in BEFORE and "from_product" in row else ""
            parts.append(before + ctx.label("product" if column == "from_product" else column, value))
    for column, words in WORDS.items():
        if column in row and row[column] in words:
            parts.append(ctx.t(*words[row[column]]))
    for column, (de, en) in DURATIONS.items():
        if row.get(column) is not None and not pd.isna(row[column]):
            parts.append(f"{ctx.t(de, en)} {_duration(ctx, float(row[column]))}")
    for column, (de, en) in QUANTITIES.items():
        if row.get(column) is not None and not pd.isna(row[column]) and (column != "made" or row[column]):
            parts.append(f"{ctx.t(de, en)} {quantity(float(row[column]), 'count', ctx.lang)}")
    parts += [
        f"„{row[column]}“" if ctx.lang == "de" else f"“{row[column]}”"
        for column in TEXTS
        if _typed(row.get(column))
    ]
    return ", ".join(parts)


def _typed(value: Any) -> bool:
    """A text someone typed; an empty field is None, or NaN where an engine hands its rows over as floats."""
    return isinstance(value, str) and bool(value.strip())


def _duration(ctx: Ctx, seconds: float) -> str:
    """Seconds as minutes from one minute on, else as seconds."""
    return quantity(seconds / 60, "min", ctx.lang) if seconds >= 60 else quantity(seconds, "s", ctx.lang)


def _facts(ctx: Ctx, row: dict[str, Any]) -> list[Fact]:
    """The newest record as facts: its moment, what it was, and its duration in minutes."""
    period = ctx.period.label(ctx.lang)
    line = str(row.get("line") or "") or None
    facts = [
        Fact(ctx.t("Zeitpunkt", "time"), pd.Timestamp(row["ts"]).isoformat(), "timestamp", line, period, "ts")
    ]
    numbers = [
        Fact(ctx.t(*IDENTIFIERS[column]), str(row[column]), column, line, period, column)
        for column in IDENTIFIERS
        if row.get(column)
    ]
    facts = (
        [*numbers, *facts] if ctx.plan.form == "list" else [*facts, *numbers]
    )  # a list names its records first
    for column in NAMED:
        if row.get(column) not in (None, "?"):
            facts.append(Fact(ctx.t(*FACT_LABELS[column]), str(row[column]), column, line, period, column))
    for column, (de, en) in DURATIONS.items():
        if row.get(column) is not None and not pd.isna(row[column]):
            facts.append(Fact(ctx.t(de, en), round(float(row[column]) / 60, 4), "min", line, period, column))
    for column, (de, en) in QUANTITIES.items():
        if row.get(column) is not None and not pd.isna(row[column]):
            facts.append(Fact(ctx.t(de, en), float(row[column]), "count", line, period, column))
    for column in TEXTS:
        if _typed(row.get(column)):
            facts.append(Fact(ctx.t(*TEXT_LABELS[column]), row[column], "text", line, period, column))
    return facts


def the_only_record(ctx: Ctx, key: str) -> Fact | None:
    """The record a figure over exactly one record stands for, by its own number ('Auftrag MO-L2-0045')."""
    if record_of(key) is None:
        return None
    frame = ctx.runner.sql(
        latest_sql(ctx.query(key, limit=2), dialect="duckdb"),
        ctx.t("der eine Eintrag dahinter", "the one record behind it"),
    )
    if len(frame) != 1:
        return None
    row = dict(zip(frame.columns, frame.iloc[0], strict=True))
    column = next((c for c in IDENTIFIERS if row.get(c)), None)
    if column is None:
        return None
    line = str(row.get("line") or "") or None
    return Fact(
        ctx.t(*IDENTIFIERS[column]), str(row[column]), "record", line, ctx.period.label(ctx.lang), "record"
    )
