"""Worked 12-hour shifts of a line, as seconds since the period start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .master import BREAK_MINUTES, NOW, PERIOD_START, ROTATING_TEAMS, SHIFT_HOURS, SHIFTS, Line


@dataclass(frozen=True)
class Shift:
    """One worked shift of one line, with its two breaks cut out into three pieces."""

    shift_date: date
    code: str
    start: float
    end: float
    pieces: tuple[tuple[float, float], ...]
    team: str

    @property
    def planned_minutes(self) -> float:
        """Shift length minus the planned breaks."""
        return sum(hi - lo for lo, hi in self.pieces) / 60


def seconds(ts: datetime) -> float:
    """Seconds from the period start to a wall-clock time."""
    return (ts - PERIOD_START).total_seconds()


NOW_S = seconds(NOW)


def line_shifts(line: Line) -> list[Shift]:
    """Every shift the line worked from the period start until `now` (running shifts left out)."""
    result = []
    day = PERIOD_START.date()
    while day <= NOW.date():
        result += [_shift(line, day, code) for code in line.week.get(day.weekday(), ())]
        day += timedelta(days=1)
    return [s for s in result if s.end <= NOW_S]


def _shift(line: Line, day: date, code: str) -> Shift:
    start_hour, breaks = next((h, b) for c, _de, _en, h, b in SHIFTS if c == code)
    start = seconds(datetime.combine(day, datetime.min.time())) + start_hour * 3600
    end = start + SHIFT_HOURS * 3600
    cuts = [start] + [x for b in breaks for x in (start + b * 3600, start + b * 3600 + BREAK_MINUTES * 60)]
    cuts.append(end)
    pieces = tuple((cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2))
    return Shift(day, code, start, end, pieces, _team(line, day, code))


def _team(line: Line, day: date, code: str) -> str:
    """A line's fixed crew, or the four crews rotating two days at a time."""
    if line.crew:
        return line.crew
    block = (day - PERIOD_START.date()).days // 2
    offset = 0 if code == "TS" else 2
    return ROTATING_TEAMS[(block + offset) % len(ROTATING_TEAMS)]
