"""The sample plant: a deterministic MES and energy data set on the data contract."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ..contract import contract_ddl
from . import stories
from .calendar import seconds
from .energy import interval_edges, readings_frame, site_readings
from .glossary import glossary_frame
from .line import LineTables, simulate_line, to_ts
from .master import (
    ALARM_CODES,
    DEFECT_CODES,
    DOWNTIME_REASONS,
    NOW,
    PERIOD_START,
    PLANT_NAME,
    SHIFT_HOURS,
    SHIFTS,
    SITE_METERS,
    TEAMS,
    TIMEZONE,
    LineSpec,
    plant_lines,
)
from .open_work import open_orders
from .tariffs import tariff_frame

DEFAULT_SEED = 20251120
OPEN_WORK_STREAM, TARIFF_STREAM = 1016, 1017  # random streams of their own: the history stays as it was
TABLE_ORDER = (
    "dataset_info", "lines", "stations", "products", "line_products", "shifts", "teams",
    "shift_calendar", "material_batches", "production_orders", "units", "downtime_reasons",
    "downtime_events", "changeovers", "alarm_codes", "alarms", "defect_codes",
    "maintenance_orders", "energy_meters", "energy_readings", "kpi_targets", "glossary", "energy_tariffs",
)  # fmt: skip


def build_tables(seed: int = DEFAULT_SEED, scale: int = 1) -> dict[str, pd.DataFrame]:
    """Every table of the contract for the sample plant, as data frames."""
    specs = plant_lines(scale)
    rng = np.random.default_rng(seed)
    line_rngs = [np.random.default_rng([seed, spec.line_no]) for spec in specs]
    per_line = [simulate_line(spec, r) for spec, r in zip(specs, line_rngs, strict=True)]
    tables = _master_tables(specs, seed, scale)
    for name in (
        "shift_calendar", "batches", "orders", "units", "downtime_events", "changeovers",
        "alarms", "maintenance_orders",
    ):  # fmt: skip
        tables[_table_name(name)] = pd.concat([getattr(t, name) for t in per_line], ignore_index=True)
    tables["kpi_targets"] = _targets(specs, per_line)
    tables["units"] = tables["units"].drop(columns=["ts_s"])
    _drop_stations(tables["downtime_events"], rng)
    series = [s for t in per_line for s in t.readings] + site_readings(rng)
    readings = readings_frame(series)
    readings["ts"] = to_ts(readings["ts"].to_numpy())
    tables["energy_readings"] = readings
    tables["glossary"] = glossary_frame()
    done = tables["maintenance_orders"]
    opened = open_orders(done, np.random.default_rng([seed, OPEN_WORK_STREAM]))
    tables["maintenance_orders"] = pd.concat([done, opened], ignore_index=True)
    tables["energy_tariffs"] = tariff_frame(np.random.default_rng([seed, TARIFF_STREAM]))
    return {name: tables[name] for name in TABLE_ORDER}


def _table_name(attr: str) -> str:
    return {"batches": "material_batches", "orders": "production_orders"}.get(attr, attr)


def _master_tables(specs: tuple[LineSpec, ...], seed: int, scale: int) -> dict[str, pd.DataFrame]:
    """Lines, stations, products, codes and meters."""
    info = {
        "plant_name": PLANT_NAME,
        "timezone": TIMEZONE,
        "now": NOW.isoformat(),
        "period_start": PERIOD_START.isoformat(),
        "source": "Shopfloor Copilot sample plant generator",
        "generator_seed": str(seed),
        "scale": str(scale),
    }
    products = {p[0]: p for spec in specs for p in spec.products}
    return {
        "dataset_info": pd.DataFrame({"key": list(info), "value": list(info.values())}),
        "lines": pd.DataFrame(
            [(s.line_id, s.line_no, s.name, s.area, s.takt_time_s) for s in specs],
            columns=["line_id", "line_no", "name", "area", "takt_time_s"],
        ),
        "stations": pd.DataFrame(
            [
                (f"{s.line_id}-S{i + 1}", s.line_id, i + 1, n, t)
                for s in specs
                for i, (n, t) in enumerate(s.stations)
            ],
            columns=["station_id", "line_id", "seq", "name", "station_type"],
        ),
        "products": pd.DataFrame(
            [(pid, name, fam) for pid, name, fam, _ in products.values()],
            columns=["product_id", "name", "family"],
        ),
        "line_products": pd.DataFrame(
            [(s.line_id, pid, ideal) for s in specs for pid, _n, _f, ideal in s.products],
            columns=["line_id", "product_id", "ideal_cycle_time_s"],
        ),
        "shifts": pd.DataFrame(
            [
                (code, de, en, f"{start:02d}:00:00", f"{(start + SHIFT_HOURS) % 24:02d}:00:00")
                for code, de, en, start, _b in SHIFTS
            ],
            columns=["shift_code", "name_de", "name_en", "start_time", "end_time"],
        ),
        "teams": pd.DataFrame(TEAMS, columns=["team_id", "name"]),
        "downtime_reasons": pd.DataFrame(
            DOWNTIME_REASONS,
            columns=["reason_code", "text_de", "text_en", "loss_category", "planned"],
        ),
        "alarm_codes": pd.DataFrame(ALARM_CODES, columns=["alarm_code", "text_de", "text_en"]),
        "defect_codes": pd.DataFrame(DEFECT_CODES, columns=["defect_code", "text_de", "text_en", "category"]),
        "energy_meters": pd.DataFrame(
            [
                (
                    f"{p.meter_suffix}-{s.line_id}",
                    s.line_id,
                    p.medium,
                    "kWh",
                    f"{p.description} ({s.line_id})",
                )
                for s in specs
                for p in s.energy
            ]
            + [(mid, None, medium, "kWh", desc) for mid, medium, desc in SITE_METERS],
            columns=["meter_id", "line_id", "medium", "unit", "description"],
        ),
    }


def _drop_stations(events: pd.DataFrame, rng: np.random.Generator) -> None:
    """Story 8: a handful of small stops on the story lines were booked without a station."""
    candidates = events.index[
        events["reason_code"].str.startswith("SS-") & events["line_id"].isin(["L1", "L2", "L3", "L4"])
    ]
    chosen = rng.choice(candidates.to_numpy(), stories.EVENTS_WITHOUT_STATION, replace=False)
    events.loc[chosen, "station_id"] = None


def _targets(specs: tuple[LineSpec, ...], per_line: list[LineTables]) -> pd.DataFrame:
    """Targets set by plant management: OEE components and energy per good unit."""
    rows = []
    for spec, tables in zip(specs, per_line, strict=True):
        ideal = float(np.mean([p[3] for p in spec.products]))
        rows += [
            (spec.line_id, "oee", 0.80 if spec.line_no % 4 != 2 else 0.78),
            (spec.line_id, "availability", 0.90),
            (spec.line_id, "performance", 0.92),
            (spec.line_id, "quality", 0.98),
            (spec.line_id, "cycle_time_s", round(ideal * 1.05, 1)),
            (spec.line_id, "kwh_per_good_unit", _energy_target(tables)),
        ]
    return pd.DataFrame(rows, columns=["line_id", "kpi", "target"])


def _energy_target(tables: LineTables) -> float:
    """The line's energy baseline (kWh per good unit over the full weeks before the leak) + 6 %."""
    cutoff = seconds(stories.LEAK_FROM)
    starts = interval_edges()[:-1]
    kwh = sum(float(values[starts < cutoff].sum()) for _meter, values in tables.readings)
    units = tables.units
    good = int((units["is_good"] & (units["ts_s"] < cutoff)).sum())
    return round(kwh / good * 1.06, 2)


def write_database(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Write the tables into a new DuckDB file atomically (a temp file renamed over `out`)."""
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(contract_ddl())
        for name, frame in tables.items():
            con.register("frame", frame)
            columns = ", ".join(frame.columns)
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM frame")
            con.unregister("frame")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, out)


def build_sample_db(out: Path | str, seed: int = DEFAULT_SEED, scale: int = 1) -> Path:
    """Generate the sample plant and write it to `out`."""
    path = Path(out)
    write_database(build_tables(seed, scale), path)
    return path
