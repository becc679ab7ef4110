"""The maintenance-window proposal as text or Markdown, in German or English."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..formatting import number
from .maintenance import MaintenanceProposal, Slot

WORDS = {
    "title": ("Vorschlag Wartungsfenster", "Proposed maintenance window"),
    "status": ({"open": "offen", "in_progress": "in Arbeit"}, {"open": "open", "in_progress": "in progress"}),
    "kind": ({"corrective": "Störungsbehebung", "preventive": "vorbeugende Wartung"},
             {"corrective": "corrective", "preventive": "preventive"}),
    "duration": ("Erwartete Dauer {m} min (Median von {n} erledigten Aufträgen dieser Art {b})",
                 "Expected duration {m} min (median of {n} done orders of this kind {b})"),
    "basis": ({"station": "an dieser Station", "line": "an dieser Linie", "plant": "im Werk"},
              {"station": "at this station", "line": "on this line", "plant": "in the plant"}),
    "best": ("Bestes Fenster", "Best window"),
    "now": ("Jetzt", "Now"),
    "no_now": ("Jetzt läuft keine Schicht; ab sofort ist kein Fenster möglich.",
               "No shift is running now; there is no window starting now."),
    "lost": ("{u} Teile, {m} min Produktion verloren", "{u} parts, {m} min of production lost"),
    "in_changeover": ("davon {m} min in einem geplanten Rüstvorgang", "{m} min of it within a planned changeover"),
    "saved": ("Gegenüber jetzt: {u} Teile mehr", "Against now: {u} more parts"),
    "same": ("Jetzt ist schon das beste Fenster.", "Now is already the best window."),
    "others": ("Weitere Fenster", "Other windows"),
    "shift": ({"E": "Frühschicht", "L": "Spätschicht", "N": "Nachtschicht"},
              {"E": "early shift", "L": "late shift", "N": "night shift"}),
    "profile": (
        "Verlorene Teile: übliche Ausbringung der Linie in diesen Stunden der Woche (Mittel der {w} Wochen "
        "{a} bis {b}, Kennzahl Ausbringung); Pausen, geplante Stopps und schwach belastete Schichten zählen mit "
        "dem, was dort üblich ist; geplante Rüstvorgänge des Auftragsbestands kosten nichts zusätzlich. "
        "{c} mögliche Fenster geprüft.",
        "Parts lost: the line's usual output in these hours of the week (mean of the {w} weeks {a} to {b}, "
        "KPI output); breaks, planned stops and low-load shifts count with what is usual there; changeovers the "
        "backlog already plans cost nothing extra. {c} possible windows checked.",
    ),
    "decide": (
        "Nur ein Vorschlag: bitte mit Instandhaltung und Planung entscheiden. In den Daten wurde nichts geändert.",
        "A proposal only: decide with maintenance and planning. Nothing was changed in the data.",
    ),
}  # fmt: skip


def word(key: str, language: str) -> object:
    """A fixed text of the proposal."""
    de, en = WORDS[key]
    return de if language == "de" else en


def _text(key: str, language: str) -> str:
    return str(word(key, language))


def weekday_time(t: datetime, lang: str) -> str:
    """'Do 20.11. 16:15' or 'Thu 2025-11-20 16:15'."""
    days = (
        ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
        if lang == "de"
        else ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    )
    stamp = f"{t:%d.%m. %H:%M}" if lang == "de" else f"{t:%Y-%m-%d %H:%M}"
    return f"{days[t.weekday()]} {stamp}"


def slot_text(s: Slot, lang: str) -> str:
    """'Fr 21.11. 05:15–05:30 (Nachtschicht): 0 Teile, 0 min Produktion verloren'."""
    shifts = word("shift", lang)
    assert isinstance(shifts, dict)
    lost = _text("lost", lang).format(u=number(s.units, lang, 0), m=number(s.minutes, lang, 0))
    text = f"{weekday_time(s.start, lang)}–{s.end:%H:%M} ({shifts.get(s.shift.code, s.shift.code)}): {lost}"
    if s.changeover_minutes >= 0.5:
        text += ", " + _text("in_changeover", lang).format(m=number(s.changeover_minutes, lang, 0))
    return text


def render_maintenance(proposals: list[MaintenanceProposal], lang: str = "de", fmt: str = "text") -> str:
    """Each order: what it is, how long it takes, the best window against now, and other windows."""
    blocks = [_block(p, lang, fmt) for p in proposals]
    closing = _text("decide", lang)
    return "\n".join(blocks) + ("\n" + (f"_{closing}_" if fmt == "md" else closing) + "\n")


def _block(p: MaintenanceProposal, lang: str, fmt: str) -> str:
    o = p.order
    status, kind, basis = word("status", lang), word("kind", lang), word("basis", lang)
    assert isinstance(status, dict) and isinstance(kind, dict) and isinstance(basis, dict)
    line = p.line_de if lang == "de" else p.line_en
    head = f"{_text('title', lang)} {o.mo_id} – {line}, {o.station or '–'}: {o.description}"
    facts = [
        f"{kind.get(o.kind, o.kind)}, {status.get(o.status, o.status)}",
        _text("duration", lang).format(m=number(o.minutes, lang, 0), n=o.basis_orders, b=basis[o.basis]),
    ]
    if p.best:
        facts.append(f"{_text('best', lang)}: {slot_text(p.best[0], lang)}")
    facts.append(
        f"{_text('now', lang)}: {slot_text(p.now_slot, lang)}" if p.now_slot else _text("no_now", lang)
    )
    if p.now_slot and p.best:
        saved = p.saved_units
        facts.append(
            _text("saved", lang).format(u=number(saved, lang, 0)) if saved >= 0.5 else _text("same", lang)
        )
    if len(p.best) > 1:
        facts.append(f"{_text('others', lang)}: " + "; ".join(slot_text(s, lang) for s in p.best[1:]))
    a, b = p.profile.first, p.profile.last - timedelta(days=1)
    facts.append(
        _text("profile", lang).format(w=p.profile.weeks, a=f"{a:%d.%m.}" if lang == "de" else f"{a:%Y-%m-%d}",
                                      b=f"{b:%d.%m.%Y}" if lang == "de" else f"{b:%Y-%m-%d}", c=p.candidates)
    )  # fmt: skip
    if fmt == "md":
        return "\n".join([f"## {head}", "", *[f"- {f}" for f in facts], ""])
    return "\n".join([head, *[f"  {f}" for f in facts], ""])
