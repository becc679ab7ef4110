"""15-minute energy readings of the line meters and the site meters."""

from __future__ import annotations

import numpy as np

from . import stories
from .master import SITE_METERS, Line
from .shifts import NOW_S, seconds
from .simulate import Record

INTERVAL_S = 900.0


def interval_starts() -> np.ndarray:
    """Start of every complete 15-minute interval from the period start up to `now`."""
    return np.arange(0.0, NOW_S - INTERVAL_S + 1, INTERVAL_S)


def busy_seconds(intervals: list[tuple[float, float]], starts: np.ndarray) -> np.ndarray:
    """Seconds of each interval covered by the given disjoint (start, end) spans."""
    if not intervals:
        return np.zeros(len(starts))
    spans = np.array(sorted(intervals))
    total = np.concatenate([[0.0], np.cumsum(spans[:, 1] - spans[:, 0])])
    knots = spans.reshape(-1)
    covered = np.repeat(total, 2)[1:-1]
    edges = np.append(starts, starts[-1] + INTERVAL_S)
    return np.diff(np.interp(edges, knots, covered))


def line_readings(line: Line, record: Record, rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    """kWh per interval for each meter of the line: base load, shift load and running load."""
    starts = interval_starts()
    in_shift = busy_seconds([(s.start, s.end) for s in record.shifts], starts) / 3600
    running = busy_seconds(record.runs, starts) / 3600
    result = []
    for meter in line.meters:
        base = np.full(len(starts), meter.base_kw)
        if meter.meter_id == stories.STEAM_METER:
            base[starts >= seconds(stories.STEAM_FROM)] *= stories.STEAM_BASE_FACTOR
        kwh = base * INTERVAL_S / 3600 + meter.shift_kw * in_shift + meter.run_kw * running
        result.append((meter.meter_id, np.round(kwh * rng.lognormal(0, 0.03, len(starts)), 3)))
    return result


def site_readings(rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    """The site meters: a base load plus a day load 06:00-18:00 from Monday to Saturday."""
    starts = interval_starts()
    hour = (starts % 86400) / 3600
    weekday = (starts // 86400).astype(int) % 7  # the period starts on a Monday
    day = (hour >= 6) & (hour < 18) & (weekday < 6)
    result = []
    for meter_id, _medium, _text, base_kw, day_kw in SITE_METERS:
        kw = base_kw + day_kw * day
        result.append((meter_id, np.round(kw * INTERVAL_S / 3600 * rng.lognormal(0, 0.04, len(starts)), 3)))
    return result
