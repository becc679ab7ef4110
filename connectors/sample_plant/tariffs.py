"""An electricity tariff for the sample period and the backlog, shaped like a German industrial tariff.

Weekdays have a day price (06–22) and a cheaper night price; weekends and public holidays the lowest price
all day. The daily price level moves a little, drawn from a random stream of its own.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from .calendar import is_working_day
from .master import NOW, PERIOD_START

DAY_PRICE = 0.238  # EUR/kWh, weekdays 06:00–22:00
NIGHT_PRICE = 0.176  # weekdays 22:00–06:00
WEEKEND_PRICE = 0.161  # Saturdays, Sundays, public holidays
DAY_HOURS = (6, 22)
DAYS_AFTER_NOW = 10  # the backlog's five working days and the weekends around them
DAILY_SPREAD = 0.015


def hourly_price(hour: datetime, level: float) -> float:
    """The price of the hour that starts at `hour`."""
    if not is_working_day(hour.date()):
        base = WEEKEND_PRICE
    else:
        base = DAY_PRICE if DAY_HOURS[0] <= hour.hour < DAY_HOURS[1] else NIGHT_PRICE
    return round(base * level, 4)


def tariff_frame(rng: np.random.Generator) -> pd.DataFrame:
    """One row per hour from the period start to ten days after now."""
    first = datetime.combine(PERIOD_START.date(), datetime.min.time())
    days = (NOW.date() - first.date()).days + DAYS_AFTER_NOW + 1
    levels = 1.0 + rng.normal(0.0, DAILY_SPREAD, days)
    hours = [first + timedelta(hours=h) for h in range(days * 24)]
    prices = [hourly_price(h, float(levels[(h - first).days])) for h in hours]
    return pd.DataFrame({"medium": "electricity", "ts": hours, "price_per_kwh": prices, "currency": "EUR"})
