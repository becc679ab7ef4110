"""Downtime events of one line: planned stops, random stops, and the planted ones."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import stories
from .calendar import Shift, seconds
from .master import LineSpec

# loss kind: (events per shift, median minutes, spread, min, max, reasons with weights)
RANDOM_STOPS: dict[str, tuple[float, float, float, float, float, tuple[tuple[str, float], ...]]] = {
    "breakdown": (
        0.3,
        22.0,
        0.6,
        6.0,
        150.0,
        (("BD-MECH", 0.35), ("BD-ELEC", 0.3), ("BD-HYD", 0.15), ("BD-TOOL", 0.2)),
    ),
    "small_stop": (3.0, 3.5, 0.4, 2.0, 12.0, (("SS-JAM", 0.5), ("SS-SENS", 0.3), ("SS-ADJ", 0.2))),
    "material": (0.25, 14.0, 0.5, 5.0, 40.0, (("MAT-MISS", 0.8), ("MAT-DEF", 0.2))),
    "quality": (0.15, 15.0, 0.4, 6.0, 35.0, (("Q-HOLD", 1.0),)),
    "organisational": (0.2, 12.0, 0.5, 5.0, 35.0, (("ORG-STAFF", 0.5), ("ORG-WAIT", 0.5))),
}

NOTES: dict[str, tuple[str, ...]] = {
    "BD-MECH": (
        "Lager getauscht",
        "Kette gerissen, ersetzt",
        "Führung nachgestellt",
        "Antrieb blockiert",
    ),
    "BD-ELEC": ("Sicherung ausgelöst", "Frequenzumrichter Fehler, Reset", "Kabelbruch am Sensor"),
    "BD-HYD": ("Hydrauliköl nachgefüllt", "Leckage am Zylinder", "Druckspeicher geprüft"),
    "BD-TOOL": ("Werkzeug gebrochen, Ersatz eingebaut", "Stempel getauscht"),
    "SS-JAM": ("Teil verklemmt", "Stau an der Rutsche", "Teil quer"),
    "SS-SENS": ("Sensor gereinigt", "Initiator neu ausgerichtet"),
    "SS-ADJ": ("nachjustiert", "Anschlag korrigiert"),
    "MAT-MISS": ("Kein Material am Band", "Warten auf Stapler", "Behälter leer"),
    "MAT-DEF": ("Material n.i.O., Charge gesperrt", "Teile verbogen angeliefert"),
    "Q-HOLD": ("Erstteilprüfung", "Messung nach Werkzeugwechsel", "Sperre durch QS"),
    "ORG-STAFF": ("Kollege krank", "Springer fehlt"),
    "ORG-WAIT": ("Warten auf Freigabe Meister", "Auftrag nicht freigegeben"),
    "PL-MAINT": ("Wartung nach Plan",),
    "PL-CLEAN": ("5S-Runde",),
}

MAINTENANCE_WEEKDAY = {1: 1, 2: 2, 3: 3, 0: 4}  # line_no % 4 -> weekday of planned maintenance


@dataclass
class Event:
    """A downtime event in seconds since the period start."""

    start: float
    end: float
    reason_code: str
    station_seq: int | None
    shift: Shift
    note: str | None = None

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.end - self.start


def line_events(spec: LineSpec, shifts: list[Shift], rng: np.random.Generator) -> list[Event]:
    """Planned, random and planted stops of one line, none overlapping another or a break."""
    events: list[Event] = []
    for shift in shifts:
        taken: list[tuple[float, float]] = []
        for event in _planned(spec, shift):
            events.append(event)
            taken.append((event.start, event.end))
        if spec.story:
            for planted in stories.planted_events(spec.line_id):
                start = seconds(planted.start)
                if shift.start <= start < shift.end:
                    end = start + planted.minutes * 60
                    events.append(
                        Event(
                            start,
                            end,
                            planted.reason_code,
                            planted.station_seq,
                            shift,
                            planted.note,
                        )
                    )
                    taken.append((start, end))
        quiet = spec.story and (spec.line_id, shift.shift_date) in stories.QUIET_DAYS
        events.extend(_random(spec, shift, taken, rng, quiet))
    events.sort(key=lambda e: e.start)
    return events


def _planned(spec: LineSpec, shift: Shift) -> list[Event]:
    """Weekly planned maintenance and Friday 5S cleaning."""
    result = []
    weekday = shift.shift_date.weekday()
    if shift.code == "E" and weekday == MAINTENANCE_WEEKDAY[spec.line_no % 4]:
        start = shift.start + 3600
        result.append(Event(start, start + 3600, "PL-MAINT", spec.main_station, shift, "Wartung nach Plan"))
    last_code = spec.shift_codes[-1]
    if weekday == 4 and shift.code == last_code:
        result.append(Event(shift.end - 1200, shift.end, "PL-CLEAN", 1, shift, "5S-Runde"))
    return result


def _random(
    spec: LineSpec,
    shift: Shift,
    taken: list[tuple[float, float]],
    rng: np.random.Generator,
    quiet: bool,
) -> list[Event]:
    """Random unplanned stops of one shift."""
    result = []
    for kind, (rate, median, spread, lo, hi, reasons) in RANDOM_STOPS.items():
        count = rng.poisson(rate)
        if quiet:
            continue
        for _ in range(count):
            minutes = float(np.clip(median * rng.lognormal(0.0, spread), lo, hi))
            start = _free_slot(shift, taken, minutes * 60, rng)
            if start is None:
                continue
            end = start + round(minutes * 60)
            taken.append((start, end))
            codes, weights = zip(*reasons, strict=True)
            code = str(rng.choice(codes, p=np.array(weights) / sum(weights)))
            note = str(rng.choice(NOTES[code])) if rng.random() < 0.45 else None
            result.append(Event(start, end, code, _station_for(kind, spec, rng), shift, note))
    return result


def _station_for(kind: str, spec: LineSpec, rng: np.random.Generator) -> int:
    """Where a stop of this kind most likely happens."""
    n = len(spec.stations)
    if kind == "material":
        return 1
    if kind == "quality":
        return next(i + 1 for i, (_, t) in enumerate(spec.stations) if t == "test")
    weights = np.ones(n)
    weights[spec.main_station - 1] = 3.0
    return int(rng.choice(np.arange(1, n + 1), p=weights / weights.sum()))


def _free_slot(
    shift: Shift, taken: list[tuple[float, float]], duration: float, rng: np.random.Generator
) -> float | None:
    """A start time inside the shift's worked pieces that overlaps nothing taken."""
    pieces = [p for p in shift.pieces if p[1] - p[0] > duration + 120]
    if not pieces:
        return None
    lengths = np.array([p[1] - p[0] - duration for p in pieces])
    for _ in range(20):
        piece = pieces[int(rng.choice(len(pieces), p=lengths / lengths.sum()))]
        start = float(round(piece[0] + 60 + rng.uniform(0, piece[1] - piece[0] - duration - 120)))
        if all(start + duration + 60 <= s or start >= e + 60 for s, e in taken):
            return start
    return None
