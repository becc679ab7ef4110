"""The planted stories of the Talquell plant as numbers (described in generator.py)."""

from __future__ import annotations

from datetime import date, datetime

# 1. Breakdown: the filler of the returnable glass line stops for 135 minutes yesterday's day shift.
BREAKDOWN_LINE = "FL21"
BREAKDOWN_SEQ = 5  # Füller 21
BREAKDOWN_START = datetime(2026, 3, 16, 11, 5)
BREAKDOWN_MINUTES = 135
BREAKDOWN_REASON = "S110"
BREAKDOWN_NOTE = "Hubzylinder Füllventil 14 gebrochen, Ersatzteil aus dem Lager geholt"

# 2. Quality: leaking crown caps from one supplier's lots on the Gastro line.
LEAK_LINE = "FL26"
LEAK_SUPPLIER = "Capsula Italia S.p.A."
LEAK_FROM = date(2026, 3, 9)
LEAK_DEFECT = "QF-03"
LEAK_EXTRA_P = 0.12

# 3. Energy: the steam base load of the can line's tunnel pasteuriser steps up (a valve that no longer closes).
STEAM_LINE = "FL23"
STEAM_SEQ = 5  # Tunnelpasteur
STEAM_METER = "ZD-23"
STEAM_FROM = datetime(2026, 3, 9)
STEAM_BASE_FACTOR = 1.6
STEAM_ORDER_CREATED = datetime(2026, 3, 12, 9, 40)
STEAM_ORDER_TEXT = "Dampfventil Zone 3 Tunnelpasteur schließt nicht, Ersatzventil bestellt"

# 4. Short stops: the PET line's wrap-around labeller jams, alarms under two minutes, one alarm code.
JAM_LINE = "FL22"
JAM_SEQ = 4  # Rundumetikettierer
JAM_ALARM = "E1102"
JAM_P = 0.09
JAM_P_LAST_WEEK = 0.16
JAM_LAST_WEEK_FROM = datetime(2026, 3, 9)

# 5. Changeovers: juice <-> iced tea changeovers on the carton line need a CIP rinse and overrun
#    (the ratio is in the line's master data: changeover_ratio between families 1.6).
