"""Energy readings in 15-minute intervals, driven by what each line was doing."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import stories
from .calendar import NOW_S, seconds
from .master import SITE_METERS, EnergyProfile, LineSpec

INTERVAL_S = 900.0


def interval_edges() -> np.ndarray:
    """Start of every 15-minute interval up to `now`, plus the end of the last one."""
    starts = np.arange(0.0, NOW_S, INTERVAL_S)
    return np.append(starts, starts[-1] + INTERVAL_S)


def meter_id(profile: EnergyProfile, spec: LineSpec) -> str:
    """Meter id such as 'E-L1' or 'CA-L4'."""
    return f"{profile.meter_suffix}-{spec.line_id}"


def line_readings(
    spec: LineSpec,
    states: dict[str, np.ndarray],
    unit_ts: np.ndarray,
    rng: np.random.Generator,
) -> list[tuple[str, np.ndarray]]:
    """kWh per interval for each meter of a line, from its seconds per state per interval."""
    edges = interval_edges()
    units = np.bincount((unit_ts // INTERVAL_S).astype(np.int64), minlength=len(edges) - 1)[: len(edges) - 1]
    hours = {name: seconds_ / 3600.0 for name, seconds_ in states.items()}
    result = []
    for profile in spec.energy:
        base = np.full(len(edges) - 1, profile.base_kw)
        mid = meter_id(profile, spec)
        if spec.story and mid == stories.LEAK_METER:
            base = np.where(edges[:-1] >= seconds(stories.LEAK_FROM), base * stories.LEAK_FACTOR, base)
        kwh = (
            base * INTERVAL_S / 3600.0
            + profile.worked_kw * hours["shift"]
            + profile.run_kw * hours["run"]
            + profile.standby_kw * (hours["stop"] + hours["break"])
            + profile.changeover_kw * hours["changeover"]
            + profile.per_unit_kwh * units
        )
        kwh = kwh * (1.0 + rng.normal(0.0, 0.02, len(kwh)))
        result.append((mid, np.round(np.maximum(kwh, 0.0), 2)))
    return result


def site_readings(rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    """Building electricity and heating, following the working day and the season."""
    starts = interval_edges()[:-1]
    hour = (starts % 86400) / 3600
    day = starts // 86400
    weekday = (day % 7) < 5
    daytime = (hour >= 6) & (hour < 22)
    building = np.where(weekday & daytime, 62.0, 34.0) * 0.25
    outdoor = 15.0 - 0.17 * day + 4.0 * np.sin(2 * np.pi * (hour - 9) / 24)
    heating = np.maximum(0.0, 16.0 - outdoor) * 7.5 * 0.25 + 2.0
    series = [building, heating]
    result = []
    for (mid, _medium, _desc), values in zip(SITE_METERS, series, strict=True):
        noisy = values * (1.0 + rng.normal(0.0, 0.03, len(values)))
        result.append((mid, np.round(noisy, 2)))
    return result


def readings_frame(series: list[tuple[str, np.ndarray]]) -> pd.DataFrame:
    """Long table of readings, with the planted meter gap cut out."""
    starts = interval_edges()[:-1]
    frames = []
    for mid, values in series:
        keep = np.ones(len(starts), dtype=bool)
        if mid == stories.GAP_METER:
            keep = (starts < seconds(stories.GAP_START)) | (starts >= seconds(stories.GAP_END))
        frames.append(pd.DataFrame({"meter_id": mid, "ts": starts[keep], "value": values[keep]}))
    return pd.concat(frames, ignore_index=True)
