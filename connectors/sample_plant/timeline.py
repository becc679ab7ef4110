"""Production time of a line: worked time minus stops, and maps between it and the wall clock."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .calendar import Shift
from .downtime import Event


@dataclass
class Timeline:
    """Segments of wall-clock time in which the line could produce, laid end to end."""

    wall_start: np.ndarray  # seconds since the period start
    length: np.ndarray
    run_start: np.ndarray  # the same segments on the production clock

    @property
    def total(self) -> float:
        """All production time, in seconds."""
        return float(self.length.sum())

    def segment(self, p: float) -> int:
        """Index of the segment that holds production-clock position p."""
        return int(np.searchsorted(self.run_start, p, side="right") - 1)

    def to_wall(self, p: np.ndarray) -> np.ndarray:
        """Wall-clock seconds of production-clock positions."""
        k = np.clip(np.searchsorted(self.run_start, p, side="right") - 1, 0, len(self.length) - 1)
        return self.wall_start[k] + (p - self.run_start[k])

    def to_run(self, wall: float) -> float:
        """Production-clock position of a wall-clock time (the next segment's start if idle)."""
        k = int(np.searchsorted(self.wall_start, wall, side="right") - 1)
        if k < 0:
            return 0.0
        return float(self.run_start[k] + min(wall - self.wall_start[k], self.length[k]))


def build_timeline(shifts: list[Shift], events: list[Event]) -> Timeline:
    """Worked pieces of every shift with the stops cut out."""
    starts: list[float] = []
    ends: list[float] = []
    stops = sorted((e.start, e.end) for e in events)
    i = 0
    for shift in shifts:
        for lo, hi in shift.pieces:
            cursor = lo
            while i < len(stops) and stops[i][1] <= lo:
                i += 1
            j = i
            while j < len(stops) and stops[j][0] < hi:
                s, e = stops[j]
                if s > cursor:
                    starts.append(cursor)
                    ends.append(s)
                cursor = max(cursor, e)
                j += 1
            if cursor < hi:
                starts.append(cursor)
                ends.append(hi)
    wall_start = np.array(starts)
    length = np.array(ends) - wall_start
    run_start = np.concatenate([[0.0], np.cumsum(length)[:-1]])
    return Timeline(wall_start, length, run_start)


def measure(intervals: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Seconds of the disjoint sorted (start, end) intervals inside each bucket between edges."""
    if len(intervals) == 0:
        return np.zeros(len(edges) - 1)
    starts, ends = intervals[:, 0], intervals[:, 1]
    knots = np.empty(2 * len(starts))
    knots[0::2], knots[1::2] = starts, ends
    cumulative = np.concatenate([[0.0], np.cumsum(ends - starts)])
    values = np.empty(2 * len(starts))
    values[0::2], values[1::2] = cumulative[:-1], cumulative[1:]
    return np.diff(np.interp(edges, knots, values))
