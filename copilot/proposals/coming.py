"""The coming shifts of a line and the output it usually makes in each hour of the week, from its own history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pandas as pd

from ..handover.build import DayWindow
from ..runner import QueryRunner
from ..semantic.compile import MetricQuery
from ..semantic.filters import Filters, sql_text, sql_timestamp

HISTORY_DAYS = 28  # the last four weeks make the line's usual week
HORIZON_WORKING_DAYS = 5


@dataclass(frozen=True)
class ComingShift:
    """One shift the line will work, by its usual pattern of weekdays and shift codes."""

    day: datetime
    code: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class WeekProfile:
    """Units the line usually makes in each wall-clock hour of the week (weekday 0 = Monday)."""

    rate: dict[tuple[int, int], float]
    weeks: int
    first: datetime
    last: datetime

    @property
    def typical(self) -> float:
        """The median units of the hours the line produces in: a full hour of production."""
        busy = sorted(v for v in self.rate.values() if v > 0)
        return busy[len(busy) // 2] if busy else 0.0

    def units(self, start: datetime, end: datetime) -> float:
        """Units usually made between two moments, hours counted pro rata."""
        total, t = 0.0, start
        while t < end:
            hour_end = t.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            piece = min(hour_end, end)
            total += self.rate.get((t.weekday(), t.hour), 0.0) * (piece - t).total_seconds() / 3600
            t = piece
        return total


def shift_times(runner: QueryRunner) -> dict[str, tuple[time, time]]:
    """Start and end time of every shift code."""
    frame = runner.sql("SELECT shift_code, start_time, end_time FROM shifts", "shift times")
    return {str(r.shift_code): (_time(r.start_time), _time(r.end_time)) for r in frame.itertuples()}


def _time(value: object) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def history_window(now: datetime) -> DayWindow:
    """The four full weeks before today."""
    today = datetime.combine(now.date(), datetime.min.time())
    return DayWindow(today - timedelta(days=HISTORY_DAYS), today)


def coming_shifts(runner: QueryRunner, line: str, now: datetime) -> list[ComingShift]:
    """Shifts from now to the end of the fifth working day after today, by the weekdays and shifts of the last weeks."""
    window = history_window(now)
    pattern = runner.sql(
        "SELECT DISTINCT CAST(ISODOW(shift_date) AS INT) - 1 AS weekday, shift_code FROM shift_calendar "
        f"WHERE line_id = {sql_text(line)} AND shift_date >= {sql_timestamp(window.start)} "
        f"AND shift_date < {sql_timestamp(window.end)}",
        "the line's shift pattern",
    )
    worked = {(int(r.weekday), str(r.shift_code)) for r in pattern.itertuples()}
    times = shift_times(runner)
    found: list[ComingShift] = []
    day, after = now.date(), 0
    while after <= HORIZON_WORKING_DAYS and worked:
        codes = sorted((c for w, c in worked if w == day.weekday()), key=lambda c: times[c][0])
        for code in codes:
            start = datetime.combine(day, times[code][0])
            end = datetime.combine(day, times[code][1])
            end += timedelta(days=1) if end <= start else timedelta()
            if end > now:
                found.append(ComingShift(datetime.combine(day, datetime.min.time()), code, start, end))
        after += bool(codes) and day > now.date()
        day += timedelta(days=1)
    return found


def week_profile(runner: QueryRunner, line: str, now: datetime) -> WeekProfile:
    """Mean units per hour of the week over the last four weeks, from the catalogue's output."""
    window = history_window(now)
    frame = runner.metric(
        MetricQuery("output", window, Filters(lines=(line,)), ("day", "shift", "hour")), "output per hour"
    )
    times = shift_times(runner)
    totals: dict[tuple[int, int], float] = {}
    for r in frame.itertuples():
        day = pd.Timestamp(r.day).to_pydatetime()
        wall = day + timedelta(days=1) if int(r.hour) < times[str(r.shift)][0].hour else day
        key = (wall.weekday(), int(r.hour))
        totals[key] = totals.get(key, 0.0) + float(r.value)
    weeks = HISTORY_DAYS // 7
    return WeekProfile({k: v / weeks for k, v in totals.items()}, weeks, window.start, window.end)
