"""The plant calendar: worked shifts per line, with breaks, as seconds since the period start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .master import BREAK_MINUTES, HOLIDAYS, NOW, PERIOD_START, SHIFT_HOURS, LineSpec, shift_window

DAY_S = 86_400.0


@dataclass(frozen=True)
class Shift:
    """One worked shift of one line."""

    shift_date: date
    code: str
    start: float
    end: float
    break_start: float
    break_end: float
    team: str

    @property
    def pieces(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two worked pieces of the shift, before and after the break."""
        return (self.start, self.break_start), (self.break_end, self.end)


def seconds(ts: datetime) -> float:
    """Seconds from the period start to a wall-clock time."""
    return (ts - PERIOD_START).total_seconds()


NOW_S = seconds(NOW)


def is_working_day(day: date) -> bool:
    """Monday to Friday, public holidays excluded."""
    return day.weekday() < 5 and day not in HOLIDAYS


def line_shifts(spec: LineSpec) -> list[Shift]:
    """All shifts the line worked from the period start up to `now`."""
    shifts: list[Shift] = []
    day = PERIOD_START.date()
    while day <= NOW.date():
        if is_working_day(day):
            shifts.extend(_day_shifts(spec, day))
        day += timedelta(days=1)
    return [s for s in shifts if s.end <= NOW_S]


def _day_shifts(spec: LineSpec, day: date) -> list[Shift]:
    """The shifts of one line that start on one day."""
    day_s = seconds(datetime.combine(day, datetime.min.time()))
    week = day.isocalendar().week
    result = []
    for index, code in enumerate(spec.shift_codes):
        start_h, break_h = shift_window(code)
        start = day_s + start_h * 3600
        break_start = start + ((break_h - start_h) % 24) * 3600
        team = spec.teams[(index + week) % len(spec.teams)]
        result.append(
            Shift(
                shift_date=day,
                code=code,
                start=start,
                end=start + SHIFT_HOURS * 3600,
                break_start=break_start,
                break_end=break_start + BREAK_MINUTES * 60,
                team=team,
            )
        )
    return result
