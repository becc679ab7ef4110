"""Charts for the A3: a Vega-Lite spec, drawn to PNG or SVG offline with vl-convert."""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

FONT = "DejaVu Sans"


def bar_chart(
    labels: list[str], values: list[float], marked: list[bool], title: str, focus: str, rest: str
) -> dict[str, Any]:
    """Bars per label, the ones in focus in a stronger colour; values stay inline (no data URL)."""
    rows = [
        {"label": label, "value": value, "group": focus if mark else rest}
        for label, value, mark in zip(labels, values, marked, strict=True)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "width": 520,
        "height": 170,
        "encoding": {
            "x": {
                "field": "label",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelAngle": -40},
            },
            "y": {"field": "value", "type": "quantitative", "title": title},
            "color": {
                "field": "group",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [focus, rest], "range": ["#c0392b", "#9aa5b1"]},
                "legend": {"orient": "top"},
            },
        },
        "config": {"font": FONT, "view": {"stroke": None}},
    }


def to_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """The chart as PNG, rendered without any network access (the same chart is drawn once)."""
    return _png(json.dumps(spec, sort_keys=True), scale)


@lru_cache(maxsize=32)
def _png(spec: str, scale: float) -> bytes:
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(json.loads(spec), scale=scale, allowed_base_urls=[]))


def to_svg(spec: dict[str, Any]) -> str:
    """The chart as SVG text, rendered without any network access."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(spec, allowed_base_urls=[]))


def data_uri(png: bytes) -> str:
    """A PNG as a data: URI for HTML and the PDF."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
