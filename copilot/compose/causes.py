"""Answers about problems and causes: what went wrong on a line, and where an effect comes from."""

from __future__ import annotations

import pandas as pd

from ..answer import Fact
from ..formatting import number
from .context import Ctx, metric


def overview(ctx: Ctx) -> None:
    """Which problems a line had: the stops by reason, the longest stop, and scrap by shift."""
    stops = metric("downtime")
    query = ctx.query("downtime", group_by=("reason",), order="desc", limit=5)
    frame = ctx.run(query, ctx.t("Stillstände nach Grund", "downtime by reason"))
    if frame.empty:
        ctx.answer.text = ctx.t(
            f"Keine ungeplanten Stillstände {ctx.scope()} {ctx.period.label_de}.",
            f"No unplanned downtime for {ctx.scope()} {ctx.period.label_en}.",
        )
    else:
        top = frame.iloc[0]
        ctx.answer.facts.append(
            Fact(
                ctx.t("Größter Stillstandsgrund", "largest downtime reason"),
                str(top["reason"]),
                "reason",
                ",".join(ctx.plan.filters.lines) or None,
                ctx.period.label(ctx.lang),
                "reason",
            )
        )
        for _, row in frame.iterrows():
            ctx.answer.facts.append(
                ctx.fact(
                    stops,
                    row["value"],
                    ctx.period,
                    ctx.plan.filters.lines,
                    f"{stops.label(ctx.lang)} – {ctx.label('reason', row['reason'])}",
                )
            )
        listing = "; ".join(
            f"{ctx.label('reason', r['reason'])} {number(r['value'], ctx.lang, 0)} min ({int(r['stops'])}×)"
            for _, r in frame.iterrows()
        )
        ctx.answer.text = ctx.t(
            f"**{ctx.scope()}**, {ctx.period.label_de} – Stillstände: {listing}.",
            f"**{ctx.scope()}**, {ctx.period.label_en} – downtime: {listing}.",
        )
        ctx.answer.text += " " + _longest_stop(ctx)
    ctx.answer.text += " " + _scrap_by_shift(ctx)


def _longest_stop(ctx: Ctx) -> str:
    query = ctx.query("downtime", group_by=("station", "reason"), order="desc", limit=1)
    frame = ctx.run(
        query, ctx.t("längster Stillstand nach Station und Grund", "longest downtime by station and reason")
    )
    if frame.empty:
        return ""
    row = frame.iloc[0]
    return ctx.t(
        f"Am meisten: {ctx.label('reason', row['reason'])} an {ctx.label('station', row['station'])} ({number(row['value'], 'de', 0)} min).",
        f"Most: {ctx.label('reason', row['reason'])} at {ctx.label('station', row['station'])} ({number(row['value'], 'en', 0)} min).",
    )


def _scrap_by_shift(ctx: Ctx) -> str:
    scrap = metric("scrap_rate")
    frame = ctx.run(
        ctx.query("scrap_rate", group_by=("shift",)),
        ctx.t("Ausschussquote nach Schicht", "scrap rate by shift"),
    )
    frame = frame[frame["value"].notna()]
    if frame.empty:
        return ""
    worst = frame.loc[frame["value"].idxmax()]
    defects = ctx.run(
        ctx.query(
            "scrap_count",
            filters=ctx.plan.filters.replace(shifts=(str(worst["shift"]),)),
            group_by=("defect",),
            order="desc",
            limit=1,
        ),
        ctx.t("häufigster Fehler dieser Schicht", "most frequent defect of that shift"),
    )
    defect = ""
    if not defects.empty and pd.notna(defects.iloc[0]["defect"]):
        defect = ctx.t(
            f", meist {ctx.label('defect', defects.iloc[0]['defect'])}",
            f", mostly {ctx.label('defect', defects.iloc[0]['defect'])}",
        )
    ctx.answer.facts.append(
        ctx.fact(
            scrap,
            worst["value"],
            ctx.period,
            ctx.plan.filters.lines,
            f"{scrap.label(ctx.lang)} – {ctx.label('shift', worst['shift'])}",
        )
    )
    return ctx.t(
        f"Höchster Ausschuss in der {ctx.label('shift', worst['shift'])}: {ctx.show(scrap, worst['value'])}{defect}.",
        f"Highest scrap on the {ctx.label('shift', worst['shift'])}: {ctx.show(scrap, worst['value'])}{defect}.",
    )
