"""A KPI asked about as a concept ('What does MTBF stand for?'): its definition from the catalogue, on the plant's data."""

from __future__ import annotations

from typing import Any

from connectors.base import ConnectorError

from ..compose.context import Ctx
from ..semantic.catalog import METRIC_BY_KEY, Metric
from ..semantic.compile import MetricQuery
from ..sql_guard import GuardError
from ..timeframes import default_window

DIRECTION = {
    "higher": ("höher ist besser", "higher is better"),
    "lower": ("niedriger ist besser", "lower is better"),
}


def definition_lesson(ctx: Ctx, key: str) -> dict[str, Any] | None:
    """The lesson JSON for a catalogue KPI: what it is, how it is computed, and its value in the plant."""
    m = METRIC_BY_KEY.get(key)
    if m is None:
        return None
    sections = [
        {
            "key": "definition",
            "heading": ctx.t(f"Was ist {m.label_de}?", f"What is {m.label_en}?"),
            "text": _what(ctx, m),
        },
        {
            "key": "formula",
            "heading": ctx.t("So wird gerechnet", "How it is computed"),
            "text": m.description(ctx.lang),
        },
    ]
    plant = _plant_figure(ctx, m)
    if plant:
        sections.append({"key": "plant", "heading": ctx.t("In Ihrem Werk", "In your plant"), "text": plant})
    return {"topic": key, "title": m.label(ctx.lang), "level": ctx.role, "sections": sections, "chart": None,
            "diagram": None, "quiz": [], "related": []}  # fmt: skip


def _what(ctx: Ctx, m: Metric) -> str:
    """Name, unit and which direction is good."""
    names = ", ".join(dict.fromkeys(n for n in (m.synonyms_de if ctx.lang == "de" else m.synonyms_en)[:3]))
    good = DIRECTION.get(m.direction)
    parts = [ctx.t(f"{m.label_de} ({names})", f"{m.label_en} ({names})") if names else m.label(ctx.lang)]
    parts.append(ctx.t(f"Einheit: {m.unit}", f"Unit: {m.unit}"))
    if good:
        parts.append(good[0] if ctx.lang == "de" else good[1])
    return " · ".join(parts) + "."


def _plant_figure(ctx: Ctx, m: Metric) -> str | None:
    """The KPI over the plant's last four weeks, with the SQL kept as evidence."""
    window = default_window(ctx.now, 28)
    try:
        frame = ctx.run(
            MetricQuery(m.key, window), ctx.t(f"{m.label_de} im Werk", f"{m.label_en} in the plant")
        )
    except (ConnectorError, GuardError):
        return None
    if frame.empty or frame["value"].isna().iloc[0]:
        return None
    return ctx.t(
        f"Im ganzen Werk, {window.label_de}: {ctx.show(m, frame['value'].iloc[0])}.",
        f"For the whole plant, {window.label_en}: {ctx.show(m, frame['value'].iloc[0])}.",
    )
