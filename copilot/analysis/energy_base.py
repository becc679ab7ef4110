"""Why energy per good unit rose: which meter grew, and whether its base load stepped up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from ..runner import QueryRunner
from ..semantic.filters import Window, sql_text, sql_timestamp
from .effects import Driver

HISTORY_DAYS = 56
MIN_DAYS_EACH_SIDE = 3
STEP_SHARE = 0.10  # the base load moved by a tenth or more


@dataclass(frozen=True)
class BaseStep:
    """A lasting change in a meter's consumption that production does not explain."""

    meter: str
    medium: str
    since: datetime
    before_kw: float  # idle load before the step
    step_kw: float  # added power after it

    @property
    def relative(self) -> float:
        """The step as a share of the idle load before it."""
        return self.step_kw / self.before_kw if self.before_kw else 0.0


def meter_growth(
    runner: QueryRunner, line: str, window: Window, baseline: Window, purpose: str
) -> pd.DataFrame:
    """kWh per day of each of the line's meters in the window and in the baseline."""
    quoted = sql_text(line)
    days_now = max((window.end - window.start).total_seconds() / 86400, 1 / 96)
    days_before = max((baseline.end - baseline.start).total_seconds() / 86400, 1 / 96)
    sql = (
        "SELECT m.meter_id, m.medium, "
        f"SUM(r.value) FILTER (WHERE r.ts >= {sql_timestamp(window.start)} AND r.ts < {sql_timestamp(window.end)}) / {days_now:.6f} AS kwh_per_day, "
        f"SUM(r.value) FILTER (WHERE r.ts >= {sql_timestamp(baseline.start)} AND r.ts < {sql_timestamp(baseline.end)}) / {days_before:.6f} AS usual_per_day "
        "FROM energy_readings AS r JOIN energy_meters AS m ON m.meter_id = r.meter_id "
        f"WHERE m.line_id = {quoted} AND r.ts >= {sql_timestamp(min(window.start, baseline.start))} "
        f"AND r.ts < {sql_timestamp(max(window.end, baseline.end))} GROUP BY m.meter_id, m.medium ORDER BY m.meter_id"
    )
    frame = runner.sql(sql, purpose)
    frame["extra_per_day"] = frame["kwh_per_day"] - frame["usual_per_day"]
    return frame


def idle_step(runner: QueryRunner, meter: str, end: datetime, purpose: str) -> BaseStep | None:
    """The largest lasting step in a meter's idle-time consumption over the last eight weeks."""
    start = end - timedelta(days=HISTORY_DAYS)
    quoted = sql_text(meter)
    sql = (
        "SELECT CAST(r.ts AS DATE) AS day, MIN(m.medium) AS medium, AVG(r.value) * 4 AS kw FROM energy_readings AS r "
        "JOIN energy_meters AS m ON m.meter_id = r.meter_id "
        f"WHERE r.meter_id = {quoted} AND r.ts >= {sql_timestamp(start)} AND r.ts < {sql_timestamp(end)} AND NOT EXISTS ("
        "SELECT 1 FROM shift_calendar AS c WHERE c.line_id = m.line_id AND r.ts < c.end_ts "
        "AND r.ts + INTERVAL 15 MINUTE > c.start_ts) GROUP BY 1 HAVING COUNT(*) >= 16 ORDER BY 1"
    )
    daily = runner.sql(sql, purpose)
    if len(daily) < 2 * MIN_DAYS_EACH_SIDE:
        return None
    kw = daily["kw"].to_numpy(dtype=float)
    best, split = 0.0, 0
    for i in range(MIN_DAYS_EACH_SIDE, len(kw) - MIN_DAYS_EACH_SIDE + 1):
        gap = abs(kw[i:].mean() - kw[:i].mean()) / (
            np.std(np.concatenate([kw[:i] - kw[:i].mean(), kw[i:] - kw[i:].mean()])) + 1e-9
        )
        if gap > best:
            best, split = gap, i
    if not split:
        return None
    before, after = float(kw[:split].mean()), float(kw[split:].mean())
    since = pd.Timestamp(daily["day"].iloc[split]).to_pydatetime()
    return BaseStep(meter, str(daily["medium"].iloc[0]), since, before, after - before)


def base_load_driver(step: BaseStep, extra_share: float) -> Driver:
    """A base-load step as a driver; compressed air points to a leak."""
    cause = "compressed_air_leak" if step.medium == "compressed_air" else "base_load"
    return Driver(
        "meter", step.meter, extra_share, "difference_share", STEP_SHARE, step.relative, cause,
        {"since": step.since.date().isoformat(), "before_kw": step.before_kw, "step_kw": step.step_kw, "relative": step.relative},
    )  # fmt: skip
