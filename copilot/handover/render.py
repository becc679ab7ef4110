"""The handover as plain text, Markdown or one printable HTML page (A4), in German or English."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from ..formatting import number
from .build import Handover

WORDS = {
    "title": ("Schichtübergabe", "Shift handover"),
    "running": (
        "Schicht läuft noch: Zahlen bis jetzt, die geplante Zeit zählt die ganze Schicht",
        "Shift still running: figures up to now, the planned time counts the whole shift",
    ),
    "output": ("Ausbringung", "Output"),
    "figure": ("Kennzahl", "Figure"),
    "value": ("Wert", "Value"),
    "produced": ("Produziert", "Produced"),
    "good": ("Gutteile", "Good units"),
    "plan": ("Plan", "Plan"),
    "vs_plan": ("Planerfüllung", "Share of plan"),
    "week_ago": ("Gleiche Schicht Vorwoche", "Same shift a week earlier"),
    "no_plan": ("kein Auftrag in der Schicht", "no order in the shift"),
    "no_week": ("nicht gearbeitet", "not worked"),
    "oee": ("OEE", "OEE"),
    "availability": ("Verfügbarkeit", "Availability"),
    "performance": ("Leistungsgrad", "Performance"),
    "quality": ("Qualitätsrate", "Quality"),
    "target": ("Ziel", "target"),
    "losses": ("Größte Verluste", "Largest losses"),
    "station": ("Station", "Station"),
    "reason": ("Grund", "Reason"),
    "minutes": ("Minuten", "Minutes"),
    "stops": ("Stopps", "Stops"),
    "no_losses": ("Keine ungeplanten Stillstände.", "No unplanned stops."),
    "scrap": ("Ausschuss nach Fehlerart", "Scrap by defect"),
    "defect": ("Fehlerart", "Defect"),
    "units": ("Stück", "Units"),
    "no_scrap": ("Kein Ausschuss.", "No scrap."),
    "maintenance": ("Instandhaltungsaufträge", "Maintenance orders"),
    "no_maintenance": (
        "Keine offenen und keine in der Schicht angelegten Aufträge.",
        "None open and none created during the shift.",
    ),
    "status": ("Status", "Status"),
    "notes": ("Gemba-Notizen der Schicht", "Gemba notes of the shift"),
    "no_notes": ("Keine Notizen.", "No notes."),
    "watch": ("Worauf achten", "What to watch"),
    "nothing": ("Nichts Auffälliges.", "Nothing stands out."),
    "sql": ("Abfragen hinter den Zahlen", "Queries behind the figures"),
}
STATUS = {
    "open": ("offen", "open"),
    "in_progress": ("in Arbeit", "in progress"),
    "done": ("erledigt", "done"),
}


@dataclass
class Section:
    """A heading with either lines of text or a table."""

    heading: str
    lines: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def word(key: str, language: str) -> str:
    """A fixed text of the handover in a language."""
    de, en = WORDS[key]
    return de if language == "de" else en


def _pct(value: float | None, language: str) -> str:
    return "–" if value is None else f"{number(value * 100, language, 1)} %"


def _count(value: float | None, language: str) -> str:
    return "–" if value is None else number(value, language, 0)


def title(h: Handover, language: str) -> str:
    """'Schichtübergabe Linie 2 – Presswerk · Frühschicht 20.11.2025 06:00–14:00'."""
    de = language == "de"
    line = h.line_de if de else h.line_en
    shift = h.shift_de if de else h.shift_en
    day = f"{h.slot.day:%d.%m.%Y}" if de else f"{h.slot.day:%Y-%m-%d}"
    return f"{word('title', language)} {line} · {shift} {day} {h.slot.start:%H:%M}–{h.slot.end:%H:%M}"


def _output_section(h: Handover, lang: str) -> Section:
    plan = _count(h.plan, lang) if h.plan else word("no_plan", lang)
    rows = [
        [word("produced", lang), _count(h.output, lang)],
        [word("good", lang), _count(h.good, lang)],
        [word("plan", lang), plan],
    ]
    if h.plan:
        rows.append([word("vs_plan", lang), _pct(h.output / h.plan, lang)])
    if h.week_ago is not None:
        day = f"{h.week_ago.day:%d.%m.}" if lang == "de" else f"{h.week_ago.day:%Y-%m-%d}"
        rows.append([f"{word('week_ago', lang)} ({day})", _count(h.output_week_ago, lang)])
    else:
        rows.append([word("week_ago", lang), word("no_week", lang)])
    return Section(word("output", lang), header=[word("figure", lang), word("value", lang)], rows=rows)


def _oee_section(h: Handover, lang: str) -> Section:
    oee = _pct(h.oee, lang)
    if h.oee_target is not None:
        oee += f" ({word('target', lang)} {_pct(h.oee_target, lang)})"
    rows = [
        [word("oee", lang), oee],
        [word("availability", lang), _pct(h.availability, lang)],
        [word("performance", lang), _pct(h.performance, lang)],
        [word("quality", lang), _pct(h.quality, lang)],
    ]
    return Section("OEE", header=[word("figure", lang), word("value", lang)], rows=rows)


def _table(heading: str, empty: str, header: list[str], rows: list[list[str]], lang: str) -> Section:
    """A table section, or one line saying there is nothing when it has no rows."""
    if not rows:
        return Section(word(heading, lang), lines=[word(empty, lang)])
    return Section(word(heading, lang), header=header, rows=rows)


def _loss_section(h: Handover, lang: str) -> Section:
    rows = [
        [x.station, x.reason_de if lang == "de" else x.reason_en, number(x.minutes, lang, 0), str(x.stops)]
        for x in h.losses
    ]
    header = [word(k, lang) for k in ("station", "reason", "minutes", "stops")]
    return _table("losses", "no_losses", header, rows, lang)


def _scrap_section(h: Handover, lang: str) -> Section:
    rows = [
        [f"{s.defect} {s.defect_de if lang == 'de' else s.defect_en}", _count(s.units, lang)] for s in h.scrap
    ]
    return _table("scrap", "no_scrap", [word("defect", lang), word("units", lang)], rows, lang)


def _maintenance_section(h: Handover, lang: str) -> Section:
    status = 0 if lang == "de" else 1
    rows = [
        [m.mo_id, m.station or "–", STATUS.get(m.status, (m.status, m.status))[status], m.description]
        for m in h.maintenance
    ]
    header = ["", word("station", lang), word("status", lang), ""]
    return _table("maintenance", "no_maintenance", header, rows, lang)


def _notes_section(h: Handover, lang: str) -> Section:
    lines = [note.summary(lang) for note in h.notes] or [word("no_notes", lang)]
    return Section(word("notes", lang), lines=lines)


def _watch_section(h: Handover, lang: str) -> Section:
    lines = [de if lang == "de" else en for de, en in h.watch] or [word("nothing", lang)]
    return Section(word("watch", lang), lines=lines)


def sections(h: Handover, lang: str) -> list[Section]:
    """The handover's sections in reading order."""
    return [
        _output_section(h, lang),
        _oee_section(h, lang),
        _loss_section(h, lang),
        _scrap_section(h, lang),
        _maintenance_section(h, lang),
        _notes_section(h, lang),
        _watch_section(h, lang),
    ]


def _text(h: Handover, lang: str, show_sql: bool) -> str:
    out = [title(h, lang)]
    if h.running:
        out.append(f"({word('running', lang)})")
    for s in sections(h, lang):
        out += ["", s.heading]
        out += [f"- {line}" for line in s.lines]
        widths = [max(len(r[i]) for r in [s.header, *s.rows]) for i in range(len(s.header))]
        for row in [s.header, *s.rows] if s.header else []:
            out.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if show_sql:
        out += ["", word("sql", lang)] + [f"-- {e.purpose}\n{e.sql}" for e in h.evidence]
    return "\n".join(out) + "\n"


def _markdown(h: Handover, lang: str, show_sql: bool = True) -> str:
    out = [f"# {title(h, lang)}"]
    if h.running:
        out.append(f"_{word('running', lang)}_")
    for s in sections(h, lang):
        out += ["", f"## {s.heading}", ""]
        out += [f"- {line}" for line in s.lines]
        if s.header:
            out.append("| " + " | ".join(s.header) + " |")
            out.append("|" + "---|" * len(s.header))
            out += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in s.rows]
    if show_sql:
        out += ["", f"## {word('sql', lang)}", ""]
        out += [f"```sql\n-- {e.purpose}\n{e.sql}\n```" for e in h.evidence]
    return "\n".join(out) + "\n"


CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; max-width: 186mm; margin: auto; }
h1 { font-size: 14pt; margin: 0 0 4pt; } h2 { font-size: 11pt; margin: 8pt 0 2pt; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ccc; padding: 2pt 4pt; text-align: left; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 10mm; }
details { font-size: 7pt; } @media print { details { display: none; } }
"""


def _html_section(s: Section) -> str:
    body = "".join(f"<li>{escape(line)}</li>" for line in s.lines)
    parts = [f"<h2>{escape(s.heading)}</h2>"]
    if body:
        parts.append(f"<ul>{body}</ul>")
    if s.header:
        head = "".join(f"<th>{escape(c)}</th>" for c in s.header)
        rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in s.rows)
        parts.append(f"<table><tr>{head}</tr>{rows}</table>")
    return f"<section>{''.join(parts)}</section>"


def _html(h: Handover, lang: str) -> str:
    parts = sections(h, lang)
    running = f"<p><em>{escape(word('running', lang))}</em></p>" if h.running else ""
    grid = "".join(_html_section(s) for s in parts[:2])
    rest = "".join(_html_section(s) for s in parts[2:])
    queries = "".join(f"<pre>-- {escape(e.purpose)}\n{escape(e.sql)}</pre>" for e in h.evidence)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title(h, lang))}</title>'
        f"<style>{CSS}</style></head><body><h1>{escape(title(h, lang))}</h1>{running}"
        f'<div class="grid">{grid}</div>{rest}'
        f"<details><summary>{escape(word('sql', lang))}</summary>{queries}</details></body></html>\n"
    )


def render_handover(h: Handover, lang: str = "de", fmt: str = "text", show_sql: bool | None = None) -> str:
    """The handover in a language and format; the queries behind it (default: in Markdown and HTML, not text)."""
    if fmt == "md":
        return _markdown(h, lang, show_sql is not False)
    if fmt == "html":
        return _html(h, lang)
    return _text(h, lang, bool(show_sql))
