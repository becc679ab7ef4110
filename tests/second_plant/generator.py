"""A second test plant on the data contract: the Talquell beverage plant (Getränkewerk Talquell).

It shares nothing with the sample plant but the contract. Six filling lines FL21–FL26 (line_no 21–26) make
pallets of mineral water, soft drinks, iced tea, juice and syrup; one row in `units` is one pallet leaving
the palletiser. Two 12-hour shifts: TS Tagschicht/day shift 06:00–18:00 and NS Nachtschicht/night shift
18:00–06:00 (it belongs to the date it starts), each with two 30-minute breaks (660 planned minutes):
FL21 and FL23 work TS+NS Monday to Friday and TS on Saturday, FL22 TS+NS Monday to Saturday (the Saturday
night shift ends on Sunday morning), FL24 TS+NS Monday to Friday, FL25 TS Monday to Saturday, FL26 TS Monday
to Friday. Data run from Monday 2026-02-23 to `now` = Tuesday 2026-03-17 06:00, the end of Monday's night
shift (Europe/Vienna). Cycle times are measured on the line's running time: breaks and stops are taken out.

Planted stories (stories.py holds their numbers):
1. Breakdown, FL21 yesterday: on Monday 2026-03-16, day shift, the filler "Füller 21" (FL21-M05) stops
   11:05–13:20 (135 minutes, S110 mechanical breakdown, note about a broken lifting cylinder) with a
   corrective maintenance order; the longest unplanned stop of the data set, FL21's OEE that day is its lowest.
2. Quality traced to a supplier, FL26: from 2026-03-09 pallets made with crown-cap lots of
   "Capsula Italia S.p.A." leak (QF-03, about 8 % extra); the lots of "Kronkorkenwerk Sauerland GmbH" stay
   normal, so FL26's scrap rate in the week of 2026-03-09 is several times its earlier rate and QF-03 is
   the plant's top defect that week.
3. Energy base-load step, FL23: from 2026-03-09 the steam meter of the tunnel pasteuriser (ZD-23) draws
   about 60 % more when the line is not worked (a valve that no longer closes; an open corrective
   maintenance order since 2026-03-12), so FL23's idle steam load and energy per good pallet rise.
4. Short stops at one station, FL22: the wrap-around labeller (FL22-M04) holds the line up with alarm
   E1102 (label stuck, under 2 minutes each) far more often than any other station, and more often
   from 2026-03-09 than before.
5. Changeovers, FL24: changes between juice and iced tea need a CIP rinse (S220) and take about
   1.6 times their standard time; changes within a family stay close to theirs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from connectors.sample_plant import write_database

from . import stories
from .energy import interval_starts, line_readings, site_readings
from .frames import LineFrames, line_frames, to_ts
from .glossary import GLOSSARY
from .master import (
    ALARM_CODES,
    DEFECT_CODES,
    DOWNTIME_REASONS,
    LINES,
    NOW,
    PERIOD_START,
    PLANT_NAME,
    PRODUCTS,
    SHIFT_HOURS,
    SHIFTS,
    SITE_METERS,
    SOURCE,
    TEAMS,
    TIMEZONE,
)
from .shifts import seconds
from .simulate import LineRun

SEED = 20260317
TABLES = (
    "dataset_info", "lines", "stations", "products", "line_products", "shifts", "teams",
    "shift_calendar", "material_batches", "production_orders", "units", "downtime_reasons",
    "downtime_events", "changeovers", "alarm_codes", "alarms", "defect_codes",
    "maintenance_orders", "energy_meters", "energy_readings", "kpi_targets", "glossary",
)  # fmt: skip
PER_LINE = (
    "shift_calendar", "material_batches", "production_orders", "units", "downtime_events",
    "changeovers", "alarms", "maintenance_orders",
)  # fmt: skip


def build_tables(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every contract table of the Talquell plant, glossary included, as data frames."""
    records = [LineRun(line, np.random.default_rng([seed, line.line_no])).run() for line in LINES]
    rngs = [np.random.default_rng([seed, line.line_no, 1]) for line in LINES]
    per_line = [line_frames(line, rec, rng) for line, rec, rng in zip(LINES, records, rngs, strict=True)]
    tables = _master(seed)
    for name in PER_LINE:
        tables[name] = pd.concat([getattr(f, name) for f in per_line], ignore_index=True)
    series = [
        s for line, rec, rng in zip(LINES, records, rngs, strict=True) for s in line_readings(line, rec, rng)
    ]
    series += site_readings(np.random.default_rng([seed, 0]))
    tables["energy_readings"] = _readings(series)
    tables["kpi_targets"] = _targets(per_line, tables["energy_readings"])
    return {name: tables[name] for name in TABLES}


def build_database(out: Path | str, seed: int = SEED) -> Path:
    """Generate the plant and write it to a new DuckDB file."""
    path = Path(out)
    write_database(build_tables(seed), path)
    return path


def _master(seed: int) -> dict[str, pd.DataFrame]:
    info = {
        "plant_name": PLANT_NAME,
        "timezone": TIMEZONE,
        "now": NOW.isoformat(),
        "period_start": PERIOD_START.isoformat(),
        "source": SOURCE,
        "generator_seed": str(seed),
    }
    return {
        "dataset_info": pd.DataFrame({"key": list(info), "value": list(info.values())}),
        "lines": pd.DataFrame(
            [(x.line_id, x.line_no, x.name, x.area, x.takt_time_s) for x in LINES],
            columns=["line_id", "line_no", "name", "area", "takt_time_s"],
        ),
        "stations": pd.DataFrame(
            [
                (x.station_id(i + 1), x.line_id, i + 1, n, t)
                for x in LINES
                for i, (n, t) in enumerate(x.stations)
            ],
            columns=["station_id", "line_id", "seq", "name", "station_type"],
        ),
        "products": pd.DataFrame(PRODUCTS, columns=["product_id", "name", "family"]),
        "line_products": pd.DataFrame(
            [(x.line_id, pid, ideal) for x in LINES for pid, ideal in x.products],
            columns=["line_id", "product_id", "ideal_cycle_time_s"],
        ),
        "shifts": pd.DataFrame(
            [
                (c, de, en, f"{h:02d}:00:00", f"{(h + SHIFT_HOURS) % 24:02d}:00:00")
                for c, de, en, h, _b in SHIFTS
            ],
            columns=["shift_code", "name_de", "name_en", "start_time", "end_time"],
        ),
        "teams": pd.DataFrame(TEAMS, columns=["team_id", "name"]),
        "downtime_reasons": pd.DataFrame(
            DOWNTIME_REASONS, columns=["reason_code", "text_de", "text_en", "loss_category", "planned"]
        ),
        "alarm_codes": pd.DataFrame(ALARM_CODES, columns=["alarm_code", "text_de", "text_en"]),
        "defect_codes": pd.DataFrame(DEFECT_CODES, columns=["defect_code", "text_de", "text_en", "category"]),
        "energy_meters": pd.DataFrame(
            [(m.meter_id, x.line_id, m.medium, "kWh", m.description) for x in LINES for m in x.meters]
            + [(mid, None, medium, "kWh", text) for mid, medium, text, _b, _d in SITE_METERS],
            columns=["meter_id", "line_id", "medium", "unit", "description"],
        ),
        "glossary": pd.DataFrame(GLOSSARY, columns=["kind", "id", "term", "language"]),
    }


def _readings(series: list[tuple[str, np.ndarray]]) -> pd.DataFrame:
    ts = to_ts(interval_starts())
    return pd.concat(
        [pd.DataFrame({"meter_id": meter, "ts": ts, "value": values}) for meter, values in series],
        ignore_index=True,
    )


def _targets(per_line: list[LineFrames], readings: pd.DataFrame) -> pd.DataFrame:
    """Targets set by the plant: OEE terms, cycle time, and energy per good pallet (baseline + 5 %)."""
    cutoff = to_ts([seconds(stories.STEAM_FROM)])[0]
    rows = []
    for line, frames in zip(LINES, per_line, strict=True):
        meters = [m.meter_id for m in line.meters]
        before = readings[readings["meter_id"].isin(meters) & (readings["ts"] < cutoff)]["value"].sum()
        units = frames.units
        good = int((units["is_good"] & (units["ts"] < cutoff)).sum())
        ideal = float(np.mean([p[1] for p in line.products]))
        rows += [
            (line.line_id, "oee", 0.75 if line.line_no != 25 else 0.7),
            (line.line_id, "availability", 0.87),
            (line.line_id, "performance", 0.9),
            (line.line_id, "quality", 0.985),
            (line.line_id, "cycle_time_s", round(ideal * 1.06, 1)),
            (line.line_id, "kwh_per_good_unit", round(float(before) / good * 1.05, 3)),
        ]
    return pd.DataFrame(rows, columns=["line_id", "kpi", "target"])
