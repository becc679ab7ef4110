"""The plant's own data as teaching material: Heijunka, Takt, OEE and SMED shown on real lines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pandas as pd

from ..answer import Fact
from ..compose.context import Ctx
from ..formatting import number, quantity
from ..semantic.compile import MetricQuery
from ..semantic.filters import sql_timestamp
from ..timeframes import TimeWindow, default_window


@dataclass(frozen=True)
class Illustration:
    """A lesson section made from the plant's data: text with figures, and a chart."""

    heading: str
    text: str
    chart: dict[str, Any] | None


def _window(ctx: Ctx) -> TimeWindow:
    """The question's period, else the last four weeks."""
    return ctx.plan.periods[0] if ctx.plan.periods else default_window(ctx.now)


def _focus(ctx: Ctx, frame: pd.DataFrame, score: pd.Series) -> pd.Series:
    """The line the question names, else the line where the concept shows most (highest score)."""
    named = [line for line in ctx.plan.filters.lines if line in set(frame["line"])]
    if named:
        return frame[frame["line"] == named[0]].iloc[0]
    return frame.loc[score.idxmax()]


def _fact(ctx: Ctx, label: str, value: float, unit: str, line: str, window: TimeWindow, key: str) -> None:
    """Add one headline figure of the lesson."""
    ctx.answer.facts.append(Fact(label, round(float(value), 4), unit, line, window.label(ctx.lang), key))


def _period(window: TimeWindow, lang: str) -> str:
    """The window's label as the start of a sentence."""
    label = window.label(lang)
    return label[:1].upper() + label[1:]


def _line_name(ctx: Ctx, line: str) -> str:
    """A line's name in the lesson's language."""
    return ctx.catalog.label("line", line, ctx.lang)


def heijunka(ctx: Ctx) -> Illustration | None:
    """L2's long runs of one product against L3's levelled mix, from the production orders."""
    window = _window(ctx)
    bounds = (
        f"actual_start_ts >= {sql_timestamp(window.start)} AND actual_start_ts < {sql_timestamp(window.end)}"
    )
    runs = ctx.runner.sql(
        "SELECT line_id AS line, COUNT(*) AS orders, COUNT(DISTINCT product_id) AS products, "
        "AVG(planned_qty) AS mean_qty, "
        "AVG(date_diff('second', actual_start_ts, actual_end_ts)) / 3600 AS mean_run_h "  # finished orders
        f"FROM production_orders WHERE {bounds} GROUP BY line_id ORDER BY line_id",
        ctx.t("Aufträge je Linie: Anzahl, Losgröße, Laufzeit", "Orders per line: count, lot size, run time"),
    )
    if len(runs) < 2:
        return None
    batched = runs.loc[runs["mean_run_h"].idxmax()]
    levelled = runs.loc[runs["mean_run_h"].idxmin()]
    for row in (batched, levelled):
        _fact(ctx, ctx.t(f"Ø Auftragslaufzeit {row['line']}", f"Mean order run {row['line']}"),
              row["mean_run_h"], "h", row["line"], window, "order_run_h")  # fmt: skip
    last_day = window.end - timedelta(days=3)
    sequence = ctx.runner.sql(
        "SELECT line_id AS line, product_id AS product, actual_start_ts AS start, "
        "COALESCE(actual_end_ts, actual_start_ts) AS finish FROM production_orders "
        f"WHERE line_id IN ('{batched['line']}', '{levelled['line']}') "
        f"AND COALESCE(actual_end_ts, actual_start_ts) >= {sql_timestamp(last_day)} "
        f"AND actual_start_ts < {sql_timestamp(window.end)} ORDER BY line, start",
        ctx.t("Auftragsfolge der letzten drei Tage", "Order sequence of the last three days"),
    )
    text = ctx.t(
        f"{_period(window, 'de')}: {_line_name(ctx, batched['line'])} fertigt in großen Losen: "
        f"{int(batched['orders'])} Aufträge, im Mittel {number(batched['mean_qty'], 'de', 0)} Stück und "
        f"{quantity(batched['mean_run_h'], 'h', 'de')} lang je Auftrag. {_line_name(ctx, levelled['line'])} "
        f"wechselt im geglätteten Mix: {int(levelled['orders'])} Aufträge mit im Mittel "
        f"{number(levelled['mean_qty'], 'de', 0)} Stück, je {quantity(levelled['mean_run_h'], 'h', 'de')}. "
        "Das Diagramm zeigt die Reihenfolge der Produkte in den letzten drei Tagen.",
        f"{_period(window, 'en')}: {_line_name(ctx, batched['line'])} runs large batches: "
        f"{int(batched['orders'])} orders, on average {number(batched['mean_qty'], 'en', 0)} units and "
        f"{quantity(batched['mean_run_h'], 'h', 'en')} per order. {_line_name(ctx, levelled['line'])} runs a "
        f"levelled mix: {int(levelled['orders'])} orders of {number(levelled['mean_qty'], 'en', 0)} units on "
        f"average, {quantity(levelled['mean_run_h'], 'h', 'en')} each. The chart shows the product sequence of "
        "the last three days.",
    )
    return Illustration(ctx.t("In unserem Werk", "In our plant"), text, _sequence_chart(sequence, ctx))


def _sequence_chart(sequence: pd.DataFrame, ctx: Ctx) -> dict[str, Any]:
    """Orders as bars on a time axis, one row per line, coloured by product."""
    import altair as alt

    data = sequence.assign(
        start=pd.to_datetime(sequence["start"]).dt.strftime("%Y-%m-%dT%H:%M:%S"),
        finish=pd.to_datetime(sequence["finish"]).dt.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("start:T", title=None),
            x2="finish:T",
            y=alt.Y("line:N", title=None),
            color=alt.Color("product:N", title=ctx.t("Produkt", "Product")),
            tooltip=["line", "product", "start", "finish"],
        )
        .to_dict()
    )


def takt(ctx: Ctx) -> Illustration | None:
    """Each line's mean cycle time against its customer takt and its ideal cycle time."""
    window = _window(ctx)
    frame = ctx.run(
        MetricQuery("cycle_time", window, group_by=("line",)),
        ctx.t("Taktzeit je Linie gegen Kundentakt", "Cycle time per line against takt"),
    ).dropna(subset=["value"])
    if frame.empty:
        return None
    row = _focus(ctx, frame, frame["value"] / frame["takt_s"])
    line = str(row["line"])
    _fact(
        ctx,
        ctx.t(f"Ø Zykluszeit {line}", f"Mean cycle time {line}"),
        row["value"],
        "s",
        line,
        window,
        "cycle_time",
    )
    _fact(ctx, ctx.t(f"Kundentakt {line}", f"Takt {line}"), row["takt_s"], "s", line, window, "takt_s")
    share = row["value"] / row["takt_s"]
    lang = ctx.lang
    text = ctx.t(
        f"{_period(window, lang)}: {_line_name(ctx, line)} braucht im Mittel "
        f"{quantity(row['value'], 's', lang)} je Teil; der Kunde verlangt alle {quantity(row['takt_s'], 's', lang)} ein Teil. "
        f"Die Linie nutzt damit {number(share * 100, lang, 0)} % des Takts – "
        f"{'es bleibt wenig Luft für Störungen' if share > 0.9 else 'es bleibt Luft für Störungen'}. "
        f"Die ideale Zykluszeit wäre {quantity(row['ideal_s'], 's', lang)}.",
        f"{_period(window, lang)}: {_line_name(ctx, line)} needs {quantity(row['value'], 's', lang)} "
        "per unit on average; the customer needs one every {quantity(row['takt_s'], 's', lang)}. "
        f"The line uses {number(share * 100, lang, 0)} % of its takt – "
        f"{'little room is left for disturbances' if share > 0.9 else 'there is room for disturbances'}. "
        f"The ideal cycle time would be {quantity(row['ideal_s'], 's', lang)}.",
    )
    return Illustration(ctx.t("An unseren Linien", "On our lines"), text, _takt_chart(frame, ctx))


def _takt_chart(frame: pd.DataFrame, ctx: Ctx) -> dict[str, Any]:
    """Bars of mean cycle time with the takt as a red tick per line."""
    import altair as alt

    data = frame[["line", "value", "takt_s", "ideal_s"]].copy()
    base = alt.Chart(data).encode(y=alt.Y("line:N", title=None))
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=ctx.t("Zykluszeit (s)", "Cycle time (s)")),
        tooltip=[
            "line",
            alt.Tooltip("value:Q", format=".1f"),
            "takt_s",
            alt.Tooltip("ideal_s:Q", format=".1f"),
        ],
    )
    ticks = base.mark_tick(color="#c62828", thickness=3, size=28).encode(x="takt_s:Q")
    return alt.layer(bars, ticks).to_dict()


def oee(ctx: Ctx) -> Illustration | None:
    """A loss waterfall for one line: planned time, the three losses, and what is left as OEE."""
    window = _window(ctx)
    frame = ctx.run(
        MetricQuery("oee", window, group_by=("line",)),
        ctx.t("OEE und ihre Faktoren je Linie", "OEE and its terms per line"),
    ).dropna(subset=["value"])
    if frame.empty:
        return None
    row = _focus(ctx, frame, -frame["value"])
    line = str(row["line"])
    planned = float(row["planned_busy_h"])
    running = float(row["production_h"])
    ideal = running * float(row["performance"])
    valuable = ideal * float(row["quality"])
    steps = [
        (ctx.t("Geplante Zeit", "Planned time"), 0.0, planned, "time"),
        (ctx.t("Verfügbarkeitsverlust", "Availability loss"), running, planned, "loss"),
        (ctx.t("Leistungsverlust", "Performance loss"), ideal, running, "loss"),
        (ctx.t("Qualitätsverlust", "Quality loss"), valuable, ideal, "loss"),
        ("OEE", 0.0, valuable, "time"),
    ]
    _fact(ctx, f"OEE {line}", row["value"] * 100, "%", line, window, "oee")
    _fact(
        ctx,
        ctx.t(f"Verfügbarkeit {line}", f"Availability {line}"),
        row["availability"] * 100,
        "%",
        line,
        window,
        "availability",
    )
    _fact(
        ctx,
        ctx.t(f"Leistung {line}", f"Performance {line}"),
        row["performance"] * 100,
        "%",
        line,
        window,
        "performance",
    )
    lang = ctx.lang
    h = lambda v: quantity(v, "h", lang)  # noqa: E731
    text = ctx.t(
        f"{_period(window, lang)}, {_line_name(ctx, line)}: von {h(planned)} geplanter Zeit gingen "
        f"{h(planned - running)} durch Stillstände verloren (Verfügbarkeit {number(row['availability'] * 100, lang)} %), "
        f"{h(running - ideal)} durch langsameren Lauf und Kurzstopps (Leistung {number(row['performance'] * 100, lang)} %) "
        f"und {h(ideal - valuable)} durch Ausschuss (Qualität {number(row['quality'] * 100, lang)} %). "
        f"Es bleiben {h(valuable)} wertschöpfende Zeit: OEE {number(row['value'] * 100, lang)} %.",
        f"{_period(window, lang)}, {_line_name(ctx, line)}: of {h(planned)} planned time, {h(planned - running)} "
        f"were lost to stops (availability {number(row['availability'] * 100, lang)} %), {h(running - ideal)} to "
        f"slow running and short stops (performance {number(row['performance'] * 100, lang)} %) and "
        f"{h(ideal - valuable)} to scrap (quality {number(row['quality'] * 100, lang)} %). That leaves {h(valuable)} "
        f"of value-adding time: OEE {number(row['value'] * 100, lang)} %.",
    )
    return Illustration(ctx.t("Verlustwasserfall", "Loss waterfall"), text, _waterfall(steps, ctx))


def _waterfall(steps: list[tuple[str, float, float, str]], ctx: Ctx) -> dict[str, Any]:
    """Floating bars from each step's lower to its upper value, in the order of the losses."""
    import altair as alt

    data = pd.DataFrame(steps, columns=["step", "low", "high", "kind"])
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("step:N", sort=list(data["step"]), title=None),
            y=alt.Y("low:Q", title=ctx.t("Stunden", "Hours")),
            y2="high:Q",
            color=alt.Color(
                "kind:N", scale=alt.Scale(domain=["time", "loss"], range=["#2e7d32", "#c62828"]), legend=None
            ),
            tooltip=["step", alt.Tooltip("low:Q", format=".1f"), alt.Tooltip("high:Q", format=".1f")],
        )
        .to_dict()
    )


def smed(ctx: Ctx) -> Illustration | None:
    """Changeover minutes per changeover against the standard, per line."""
    window = _window(ctx)
    frame = ctx.run(
        MetricQuery("changeover_time", window, group_by=("line",)),
        ctx.t("Rüstzeit je Linie gegen Standard", "Changeover time per line against standard"),
    ).dropna(subset=["value"])
    if frame.empty:
        return None
    frame = frame.assign(standard=frame["standard_minutes"] / frame["changeovers"])
    row = _focus(ctx, frame, frame["minutes"] / frame["standard_minutes"])
    line = str(row["line"])
    _fact(
        ctx,
        ctx.t(f"Ø Rüstzeit {line}", f"Mean changeover {line}"),
        row["value"],
        "min",
        line,
        window,
        "changeover_time",
    )
    _fact(
        ctx,
        ctx.t(f"Standard {line}", f"Standard {line}"),
        row["standard"],
        "min",
        line,
        window,
        "changeover_standard",
    )
    lang = ctx.lang
    text = ctx.t(
        f"{_period(window, lang)}: {_line_name(ctx, line)} hat {int(row['changeovers'])}-mal gerüstet, im Mittel "
        f"{quantity(row['value'], 'min', lang)} je Rüstvorgang gegen einen Standard von "
        f"{quantity(row['standard'], 'min', lang)} – zusammen {quantity(row['minutes'] - row['standard_minutes'], 'min', lang)} "
        "über Standard. Genau hier setzt SMED an: internes Rüsten in externes verwandeln.",
        f"{_period(window, lang)}: {_line_name(ctx, line)} had {int(row['changeovers'])} changeovers, "
        f"{quantity(row['value'], 'min', lang)} each on average against a standard of "
        f"{quantity(row['standard'], 'min', lang)} – {quantity(row['minutes'] - row['standard_minutes'], 'min', lang)} "
        "over standard in all. This is where SMED starts: turn internal setup into external setup.",
    )
    return Illustration(ctx.t("In unserem Werk", "In our plant"), text, _changeover_chart(frame, ctx))


def _changeover_chart(frame: pd.DataFrame, ctx: Ctx) -> dict[str, Any]:
    """Actual and standard minutes per changeover, side by side per line."""
    import altair as alt

    actual, standard = ctx.t("Ist", "Actual"), ctx.t("Standard", "Standard")
    data = pd.concat(
        [
            frame[["line"]].assign(kind=actual, minutes=frame["value"]),
            frame[["line"]].assign(kind=standard, minutes=frame["standard"]),
        ]
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("minutes:Q", title=ctx.t("Minuten je Rüstvorgang", "Minutes per changeover")),
            y=alt.Y("kind:N", title=None),
            row=alt.Row("line:N", title=None),
            color=alt.Color("kind:N", legend=None),
            tooltip=["line", "kind", alt.Tooltip("minutes:Q", format=".1f")],
        )
        .to_dict()
    )


ILLUSTRATIONS: dict[str, Callable[[Ctx], Illustration | None]] = {
    "heijunka": heijunka,
    "takt": takt,
    "oee": oee,
    "smed": smed,
}
