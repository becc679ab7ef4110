"""The eight stories planted in the sample plant (DATA_CONTRACT.md, 'The sample plant')."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PlantedEvent:
    """A downtime event put into the data on purpose."""

    line_id: str
    start: datetime
    minutes: float
    reason_code: str
    station_seq: int
    note: str | None = None


# Story 1: L4 electricity on Wed 2025-11-19 above Mon 2025-11-17 — two more changeovers,
# about 15 more minutes of other unplanned downtime.
ENERGY_LINE = "L4"
ENERGY_DAYS = (date(2025, 11, 17), date(2025, 11, 19))
# Monday's changeovers stay within a colour family, Wednesday's cross families.
CHANGEOVER_BETWEEN_FAMILIES = {ENERGY_DAYS[0]: False, ENERGY_DAYS[1]: True}
FORCED_CHANGEOVERS = {
    "L4": (
        datetime(2025, 11, 17, 8, 30),
        datetime(2025, 11, 17, 15, 10),
        datetime(2025, 11, 19, 7, 15),
        datetime(2025, 11, 19, 11, 0),
        datetime(2025, 11, 19, 14, 40),
        datetime(2025, 11, 19, 19, 0),
    )
}

# Story 2: L3 cycle time — gripper alarms at one station, mostly at night, over the last weeks;
# and one supplier's housings about 8 % slower to assemble.
CYCLE_LINE = "L3"
GRIPPER_STATION_SEQ = 4
GRIPPER_ALARM = "A-217"
GRIPPER_FROM = datetime(2025, 10, 13)
GRIPPER_P = {"N": 0.30, "E": 0.035, "L": 0.035}
GRIPPER_P_BEFORE = 0.004
GRIPPER_SECONDS = (20.0, 85.0)
SLOW_SUPPLIER = "PolyForm Plast AG"
SLOW_FACTOR = 1.08

# Story 3: L2 yesterday — a long hydraulic breakdown at press 1, then cracks on the late shift.
BREAKDOWN = PlantedEvent(
    "L2",
    datetime(2025, 11, 19, 15, 20),
    96.0,
    "BD-HYD",
    2,
    "Hydraulikschlauch an Transferpresse 1 geplatzt, getauscht. Werkzeug neu eingestellt.",
)
CRACK_DEFECT = "D-RISS"
CRACK_EXTRA_P = 0.045

# Story 4: plant yield on 2025-11-19 — porosity on L1 from one supplier's aluminium batches.
POROSITY_LINE = "L1"
POROSITY_DAY = date(2025, 11, 19)
POROSITY_SUPPLIER = "AluNord GmbH"
POROSITY_DEFECT = "D-POR"
POROSITY_EXTRA_P = 0.075

# Story 5: a compressed-air leak on L1 from 2025-11-10 raises the idle load by about 20 %.
LEAK_METER = "CA-L1"
LEAK_FROM = datetime(2025, 11, 10)
LEAK_FACTOR = 1.2

# Story 1 (planted downtime): Monday and Wednesday of L4, random stops replaced by these.
L4_DOWNTIME = (
    PlantedEvent("L4", datetime(2025, 11, 17, 8, 5), 6.0, "SS-JAM", 5),
    PlantedEvent("L4", datetime(2025, 11, 17, 12, 40), 9.0, "MAT-MISS", 1, "Gestelle fehlen"),
    PlantedEvent("L4", datetime(2025, 11, 17, 20, 10), 7.0, "SS-SENS", 3),
    PlantedEvent("L4", datetime(2025, 11, 19, 9, 5), 8.0, "SS-JAM", 5),
    PlantedEvent("L4", datetime(2025, 11, 19, 13, 5), 9.0, "MAT-MISS", 1, "Gestelle fehlen"),
    PlantedEvent("L4", datetime(2025, 11, 19, 16, 40), 14.0, "BD-ELEC", 3, "Roboter Achse 4 Fehler"),
    PlantedEvent("L4", datetime(2025, 11, 19, 21, 0), 6.0, "SS-SENS", 3),
)
QUIET_DAYS = {("L4", ENERGY_DAYS[0]), ("L4", ENERGY_DAYS[1]), ("L2", BREAKDOWN.start.date())}

# Story 6: L2 changeovers between families take about twice their standard (in LineSpec).
# Story 7: L2 runs large batches, L3 a levelled mix (in LineSpec).

# Story 8: a two-hour gap in one L4 electricity meter, and a handful of events without station.
GAP_METER = "OVEN-L4"
GAP_START = datetime(2025, 11, 12, 9, 0)
GAP_END = datetime(2025, 11, 12, 11, 0)
EVENTS_WITHOUT_STATION = 6


def planted_events(line_id: str) -> list[PlantedEvent]:
    """The planted downtime events of one line."""
    events = [e for e in L4_DOWNTIME if e.line_id == line_id]
    if BREAKDOWN.line_id == line_id:
        events.append(BREAKDOWN)
    return events
