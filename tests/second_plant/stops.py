"""Stops of a line: fixed ones (handover, CIP, maintenance, the planted breakdown) and random candidates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import stories
from .master import BREAKDOWN_REASONS, NOW, Line
from .shifts import Shift, seconds

NOTES = {
    "S110": ("Lager am Einlaufstern getauscht", "Transportkette gerissen", "Greifertulpe abgerissen"),
    "S120": ("Motorschutzschalter ausgelöst", "Frequenzumrichter Fehler 7", "Servoantrieb neu referenziert"),
    "S130": ("Ventilinsel getauscht", "Druckluftschlauch geplatzt", "Magnetventil hängt"),
    "S140": ("Einteilschnecke gebrochen", "Sternrad ausgebrochen", "Führungsgeländer verbogen"),
    "S310": ("Behälter verkeilt am Einlauf", "Stau im Puffertisch", "Rückstau vom Packer"),
    "S320": ("Etiketten verklebt", "Leimbild schlecht, Walze gereinigt", "Etikettenmagazin nachgestellt"),
    "S330": ("Lichtschranke neu ausgerichtet", "Reflektor verschmutzt", "Sensor Kabelbruch"),
    "S340": ("Behälter aufgestellt", "Glasbruch beseitigt", "Band gereinigt"),
    "S410": (
        "Leergut vom Lager verspätet",
        "Leergut-Palette fehlt",
    ),
    "S420": ("Folie nachgeholt", "Kartons nicht am Band", "Deckel vom Lager angefordert"),
    "S510": ("Labor prüft CO2 und Brix", "Freigabe nach Sortenwechsel"),
    "S520": ("Füllhöhen nach Ventiltausch geprüft", "Stichprobe Füllhöhe"),
    "S610": ("Kollege krank", "Springer fehlt", "Bediener in Schulung"),
    "S620": ("Stapler beim Verladen", "Stapler Akku leer"),
    "S710": ("CIP nach Plan",),
    "S720": ("Übergabe an die nächste Schicht",),
    "S730": ("Wochenwartung nach Plan",),
}

CATEGORY_WEIGHTS = (
    ("breakdown", 0.08),
    ("small_stop", 0.6),
    ("material", 0.1),
    ("quality", 0.1),
    ("org", 0.12),
)


@dataclass(frozen=True)
class Stop:
    """A stop of 2 minutes or more, at a station of the line (seq) or none."""

    start: float
    end: float
    reason: str
    seq: int | None
    note: str | None


def fixed_stops(line: Line, shift: Shift, last_of_day: bool, last_of_week: bool) -> list[Stop]:
    """The planned stops of a shift, and the planted breakdown."""
    (lo1, _), (lo2, _), (_, hi3) = shift.pieces
    stops = [Stop(lo1, lo1 + 600, "S720", None, NOTES["S720"][0])]
    weekday = shift.shift_date.weekday()
    if shift.code == "TS" and weekday == line.maintenance_weekday:
        stops.append(Stop(lo2, lo2 + 7200, "S730", line.filler_seq, NOTES["S730"][0]))
    if (line.daily_cip and last_of_day) or last_of_week:
        minutes = 90 if last_of_week else 60
        stops.append(Stop(hi3 - minutes * 60, hi3, "S710", line.filler_seq, NOTES["S710"][0]))
    if line.line_id == stories.BREAKDOWN_LINE and shift.start <= _breakdown_start() < shift.end:
        start = _breakdown_start()
        end = start + stories.BREAKDOWN_MINUTES * 60
        stops.append(
            Stop(start, end, stories.BREAKDOWN_REASON, stories.BREAKDOWN_SEQ, stories.BREAKDOWN_NOTE)
        )
    return sorted(stops, key=lambda s: s.start)


def _breakdown_start() -> float:
    return seconds(stories.BREAKDOWN_START)


def candidate_stops(line: Line, lo: float, hi: float, rng: np.random.Generator) -> list[Stop]:
    """Random unplanned stops that may happen in one worked piece, sorted by start."""
    count = rng.poisson(line.stop_rate * (hi - lo) / 3600)
    starts = np.sort(rng.uniform(lo, hi, count))
    names, weights = zip(*CATEGORY_WEIGHTS, strict=True)
    kinds = rng.choice(names, count, p=np.array(weights) / sum(weights))
    return [_stop(line, float(start), str(kind), rng) for start, kind in zip(starts, kinds, strict=True)]


def _stop(line: Line, start: float, kind: str, rng: np.random.Generator) -> Stop:
    reason, seq, minutes = _reason(line, kind, rng)
    note = str(rng.choice(NOTES[reason])) if rng.random() < 0.6 else None
    return Stop(start, start + round(minutes * 60), reason, seq, note)


def _reason(line: Line, kind: str, rng: np.random.Generator) -> tuple[str, int | None, float]:
    """Reason code, station position and minutes of one random stop."""
    types = [t for _name, t in line.stations]
    last = len(types)
    if kind == "breakdown":
        seq = line.filler_seq if rng.random() < 0.35 else int(rng.integers(1, last + 1))
        minutes = float(np.clip(rng.lognormal(np.log(26), 0.5), 12, 110))
        return str(rng.choice(BREAKDOWN_REASONS)), seq, minutes
    if kind == "small_stop":
        reason = str(rng.choice(("S310", "S320", "S330", "S340"), p=(0.35, 0.2, 0.25, 0.2)))
        if reason == "S320":
            seq = types.index("labeller") + 1 if "labeller" in types else last - 1
        else:
            seq = int(rng.integers(1, last + 1))
        return reason, seq, float(rng.uniform(2.1, 9.0))
    if kind == "material":
        if line.line_id == "FL21" and rng.random() < 0.6:
            return "S410", 1, float(rng.uniform(8, 35))
        return "S420", last - 1, float(rng.uniform(6, 25))
    if kind == "quality":
        if rng.random() < 0.5:
            return "S510", None, float(rng.uniform(10, 30))
        return "S520", line.filler_seq, float(rng.uniform(5, 15))
    if rng.random() < 0.6:
        return "S610", None, float(rng.uniform(10, 30))
    return "S620", last, float(rng.uniform(5, 20))


def is_last_of_week(shift: Shift, shifts: list[Shift], index: int) -> bool:
    """No shift of the line follows in the same ISO week."""
    following = shifts[index + 1] if index + 1 < len(shifts) else None
    if following is None:
        return _week(shift) != NOW.date().isocalendar().week
    return _week(following) != _week(shift)


def _week(shift: Shift) -> int:
    return shift.shift_date.isocalendar().week


def is_last_of_day(shift: Shift, shifts: list[Shift], index: int) -> bool:
    """No later shift of the line starts on the same date."""
    following = shifts[index + 1] if index + 1 < len(shifts) else None
    return following is None or following.shift_date != shift.shift_date
