"""An A3 as Markdown, HTML, or a PDF of exactly one A3 landscape page (420 × 297 mm)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..config import REPO_ROOT
from . import charts
from .model import A3, FORMATS, A3Error, Figure

TEMPLATES = REPO_ROOT / "lean_templates" / "a3"
BASE_PT = 8.5
SIZES = ((1.0, ""), (7.5 / BASE_PT, "fs1"), (6.6 / BASE_PT, "fs2"), (5.8 / BASE_PT, "fs3"))


@dataclass(frozen=True)
class Box:
    """Where a section sits on the sheet (mm) and how much of it is free for its text."""

    x: float
    y: float
    w: float
    h: float
    reserved: float = 0.0  # mm² taken by tables or the chart

    def capacity(self, scale: float) -> int:
        """About how many characters fit at a font scale (8.5 pt × scale)."""
        free = max(self.w * (self.h - 6) - self.reserved, 0)
        return int(free / (1.55 * 3.9 * scale * scale))


# Left half: the problem (background, condition, goal, causes); right half: what is done about it.
BOXES = {
    "background": Box(0, 23, 200, 30),
    "current_condition": Box(0, 55, 200, 108, reserved=100 * 62),
    "goal": Box(0, 165, 200, 22),
    "root_cause": Box(0, 189, 200, 92),
    "countermeasures": Box(204, 23, 200, 52),
    "plan": Box(204, 77, 200, 56),
    "follow_up": Box(204, 135, 200, 26),
    "standardise": Box(204, 163, 200, 26),
    "sources": Box(204, 191, 200, 90),
}


@dataclass(frozen=True)
class Fit:
    """The font class a section's text gets, and whether it still had to be cut."""

    css: str
    clipped: bool


def render(a3: A3, fmt: str, chart_src: str | None = None) -> bytes:
    """The A3 in a format ('pdf', 'html', 'md') as bytes; `chart_src` overrides the Markdown image link."""
    if fmt == "pdf":
        return render_pdf(a3)
    if fmt == "html":
        return render_html(a3).encode("utf-8")
    if fmt == "md":
        return render_markdown(a3, chart_src).encode("utf-8")
    raise A3Error(
        f"Unbekanntes Format „{fmt}“; möglich sind: {', '.join(FORMATS)}.",
        f"Unknown format “{fmt}”; choose one of: {', '.join(FORMATS)}.",
    )


def render_html(a3: A3, print_layout: bool = False) -> str:
    """A standalone HTML page; the print layout is the one-page A3 sheet the PDF is made from."""
    png = charts.to_png(a3.chart) if a3.chart else None
    return (
        _environment()
        .get_template("a3.html.j2")
        .render(
            **_context(a3),
            print=print_layout,
            chart=charts.data_uri(png) if png else None,
            boxes=BOXES,
            fit=_fits(a3) if print_layout else _no_fits(),
            sql_chars=_sql_chars(a3),
        )
    )


def render_markdown(a3: A3, chart_src: str | None = None) -> str:
    """Markdown with every section, the tables, the chart (a data URI unless a link is given) and all SQL."""
    chart = chart_src
    if chart is None and a3.chart:
        chart = charts.data_uri(charts.to_png(a3.chart))
    text = _environment().get_template("a3.md.j2").render(**_context(a3), chart=chart)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_pdf(a3: A3) -> bytes:
    """One A3 landscape page, charts as images, no network; the full SQL is attached to the file."""
    from weasyprint import HTML, Attachment, URLFetcher

    html = render_html(a3, print_layout=True)
    sql = "\n\n".join(
        f"-- [S{i + 1}] {s.purpose} ({s.row_count})\n{s.sql};" for i, s in enumerate(a3.sources)
    )
    offline = URLFetcher(allowed_protocols=("data",))  # images are embedded; nothing is fetched
    document = HTML(string=html, url_fetcher=offline).render()
    if len(document.pages) != 1:  # the layout clips every box, so this would be a template bug
        raise RuntimeError(f"A3 layout produced {len(document.pages)} pages")
    attachment = Attachment(string=sql or "-- no queries", name="a3-sql.txt", url_fetcher=offline)
    return bytes(document.write_pdf(attachments=[attachment]))


def _context(a3: A3) -> dict[str, Any]:
    return {
        "a3": a3,
        "t": texts(a3.language),
        "figures": [_shown(f) for f in a3.figures],
        "drivers": [_shown(f) for f in a3.drivers],
        "sources": a3.sources,
    }


def _shown(figure: Figure) -> dict[str, Any]:
    ref = f"[S{figure.source + 1}]" if figure.source is not None else ""
    return {"label": figure.label, "value": figure.value, "ref": ref, "note": figure.note}


@cache
def _all_texts() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = yaml.safe_load((TEMPLATES / "texts.yaml").read_text(encoding="utf-8"))
    return data


def texts(language: str) -> dict[str, str]:
    """The fixed texts of the templates in 'de' or 'en'."""
    return _all_texts()["de" if language == "de" else "en"]


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markup"] = markup
    env.filters["oneline"] = _oneline
    env.filters["paragraphs"] = paragraphs
    env.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return env


def markup(text: str) -> Markup:
    """Section text as HTML lines: indentation nests, '- ' and '1. ' are items, **bold**, `code`, _italic_."""
    out = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        depth = min((len(raw) - len(raw.lstrip(" "))) // 2, 4)
        line = raw.strip()
        item = line.startswith(("- ", "* "))
        if item:
            line = line[2:]
        html = str(escape(line))
        html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html)
        html = re.sub(r"`(.+?)`", r"<code>\1</code>", html)
        html = re.sub(r"(?<![\w])_(.+?)_(?![\w])", r"<i>\1</i>", html)
        out.append(f'<div class="l d{depth}{" item" if item else ""}">{html}</div>')
    return Markup("\n".join(out))


def paragraphs(text: str) -> str:
    """Section text as Markdown: list lines stay a list, every other line becomes its own paragraph."""
    blocks: list[str] = []
    for line in (raw.rstrip() for raw in text.splitlines()):
        if not line.strip():
            continue
        listed = re.match(r"\s*(?:[-*]|\d+\.)\s", line) is not None
        if blocks and listed and re.match(r"\s*(?:[-*]|\d+\.)\s", blocks[-1].splitlines()[-1]):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return "\n\n".join(blocks)


def _oneline(sql: str, limit: int) -> str:
    text = " ".join(sql.split())
    return text if len(text) <= limit else text[:limit] + " …"


def _sql_chars(a3: A3) -> int:
    """How much of each statement fits in the sources box (all of it is in the PDF's attachment)."""
    box = BOXES["sources"]
    lines = int((box.h - 16) / 2.6)  # 5.4 pt monospace lines of about 170 characters
    per_source = max(1, lines // max(len(a3.sources), 1))
    return max(40, per_source * 165 - 70)


def _fits(a3: A3) -> dict[str, Fit]:
    """The largest font at which each section's text fits its box; cut (and marked) below the smallest."""
    sizes = {key: _text_size(a3, key) for key in BOXES}
    result = {}
    for key, box in BOXES.items():
        needed = sizes[key]
        chosen = next((css for scale, css in SIZES if needed <= box.capacity(scale)), None)
        result[key] = Fit(chosen if chosen is not None else SIZES[-1][1], chosen is None)
    return result


def _text_size(a3: A3, key: str) -> int:
    """Characters a section shows, with its tables counted as text and each line rounded up."""
    if key == "sources":
        return 0
    text = a3.sections.get(key, "")
    if key == "background":
        text += "\n".join(a3.warnings)
    if key == "current_condition":
        text += "\n".join(f"{f.label} {f.value} [S00]" for f in a3.figures)
    if key == "root_cause":
        text += "\n".join(f"{f.label} {f.value} [S00]" for f in a3.drivers)
    if key == "plan":
        text += "\n".join(f"{r.what} {r.who} {r.when} ☐" for r in a3.plan_rows)
    width = 115  # characters per line at full size
    return sum(max(1, math.ceil(len(line) / width)) * width for line in text.splitlines() if line.strip())


def _no_fits() -> dict[str, Fit]:
    return {key: Fit("", False) for key in BOXES}
