"""A walk's report: its observations with their place, time, role, linked data and photos, in Markdown or HTML."""

from __future__ import annotations

import base64
import mimetypes
from html import escape

from .store import GembaStore, Observation, Walk

WORDS = {
    "title": ("Gemba-Rundgang", "Gemba walk"),
    "by": ("Rolle", "Role"),
    "started": ("Begonnen", "Started"),
    "notes": ("Beobachtungen", "Observations"),
    "none": ("Noch keine Beobachtungen.", "No observations yet."),
    "data": ("Daten dazu", "What the data says"),
    "photo": ("Foto", "Photo"),
}


def word(key: str, language: str) -> str:
    """A fixed text of the report."""
    de, en = WORDS[key]
    return de if language == "de" else en


def _stamp(note: Observation, language: str) -> str:
    return f"{note.ts:%d.%m.%Y %H:%M}" if language == "de" else f"{note.ts:%Y-%m-%d %H:%M}"


def walk_markdown(walk: Walk, notes: list[Observation], language: str = "de") -> str:
    """The walk as Markdown; photos are named by their file in the application store."""
    out = [
        f"# {word('title', language)}: {walk.title}",
        "",
        f"{word('by', language)}: {walk.role} · {word('started', language)}: {walk.started[:16].replace('T', ' ')}",
        "",
        f"## {word('notes', language)} ({len(notes)})",
    ]
    if not notes:
        out += ["", word("none", language)]
    for i, note in enumerate(notes, 1):
        where = note.station or note.line or "–"
        out += ["", f"### {i}. {where} · {_stamp(note, language)} · {note.role}", "", note.text, ""]
        out.append(f"**{word('data', language)}:** {note.card(language)}")
        if note.photo:
            out += ["", f"{word('photo', language)}: `{note.photo}`"]
    return "\n".join(out) + "\n"


CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; max-width: 182mm; margin: auto; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; } h3 { font-size: 10.5pt; margin: 10pt 0 2pt; }
.card { background: #f3f6f9; border-left: 3pt solid #2b6cb0; padding: 4pt 6pt; }
img { max-width: 80mm; max-height: 60mm; display: block; margin-top: 4pt; }
article { break-inside: avoid; }
"""


def _mime(name: str | None) -> str:
    """The image type of a photo file, JPEG when its name does not say."""
    kind = mimetypes.guess_type(name or "")[0]
    return kind if kind and kind.startswith("image/") else "image/jpeg"


def walk_html(
    walk: Walk, notes: list[Observation], store: GembaStore | None = None, language: str = "de"
) -> str:
    """The walk as one printable HTML page, photos embedded."""
    articles = []
    for i, note in enumerate(notes, 1):
        where = escape(note.station or note.line or "–")
        photo = store.photo(note) if store else None
        image = (
            f'<img alt="{escape(word("photo", language))}" src="data:{_mime(note.photo)};base64,'
            f'{base64.b64encode(photo).decode()}">'
            if photo
            else ""
        )
        articles.append(
            f"<article><h3>{i}. {where} · {_stamp(note, language)} · {escape(note.role)}</h3>"
            f'<p>{escape(note.text)}</p><p class="card"><strong>{escape(word("data", language))}:</strong> '
            f"{escape(note.card(language))}</p>{image}</article>"
        )
    body = "".join(articles) or f"<p>{escape(word('none', language))}</p>"
    title = f"{word('title', language)}: {walk.title}"
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1>"
        f"<p>{escape(word('by', language))}: {escape(walk.role)} · {escape(word('started', language))}: "
        f"{escape(walk.started[:16].replace('T', ' '))}</p>"
        f"<h2>{escape(word('notes', language))} ({len(notes)})</h2>{body}</body></html>\n"
    )


def walk_pdf(store: GembaStore, walk_id: str, language: str = "de") -> bytes:
    """The walk's printable page as PDF (A4), photos embedded, nothing fetched from the network."""
    from weasyprint import HTML, URLFetcher

    page = walk_html(store.walk(walk_id), store.notes(walk_id=walk_id), store, language)
    offline = URLFetcher(allowed_protocols=("data",))
    return bytes(HTML(string=page, url_fetcher=offline).write_pdf())


def walk_report(store: GembaStore, walk_id: str, fmt: str = "md", language: str = "de") -> str:
    """The report of a stored walk."""
    walk = store.walk(walk_id)
    notes = store.notes(walk_id=walk_id)
    return walk_html(walk, notes, store, language) if fmt == "html" else walk_markdown(walk, notes, language)
