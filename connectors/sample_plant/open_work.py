"""Open maintenance orders: work the maintenance team has taken on shortly before `now`, not yet done.

The orders draw their times from a random stream of their own, so the plant's history stays exactly as it was.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from .master import NOW

# (line, station seq, kind, status, description) of the orders still open at `now`
OPEN_ORDERS = (
    ("L1", 1, "corrective", "open",
     "Druckluftleckage an der Zuführung der Druckgießzelle orten und abdichten (Grundlast seit 10.11. erhöht)"),
    ("L2", 3, "preventive", "open", "Transferpresse 2: Greiferschienen prüfen, Schmierung nach Plan"),
    ("L2", 4, "corrective", "in_progress",
     "Kamera der Sichtprüfung verschmutzt, Beleuchtung flackert – Leuchte tauschen, Ersatzteil bestellt"),
    ("L3", 3, "corrective", "open", "Schraubspindel 2 erreicht das Drehmoment nur knapp – Spindel tauschen"),
    ("L4", 4, "preventive", "open", "Einbrennofen: Umluftventilator Lager prüfen (Lagergeräusch gemeldet)"),
)  # fmt: skip
OPEN_SINCE_MIN = (60, 660)  # created this many minutes before now (after the night shift began)


def open_orders(done: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The open orders as rows of maintenance_orders, numbered after each line's last order."""
    last = done["mo_id"].str.rsplit("-", n=1).str[-1].astype(int).groupby(done["line_id"]).max()
    count: dict[str, int] = {}
    rows = []
    for line, seq, kind, status, text in OPEN_ORDERS:
        count[line] = count.get(line, 0) + 1
        created = NOW - timedelta(minutes=int(rng.integers(*OPEN_SINCE_MIN)))
        started = created + timedelta(minutes=int(rng.integers(20, 90))) if status == "in_progress" else None
        rows.append(
            (f"MO-{line}-{int(last[line]) + count[line]:04d}", line, f"{line}-S{seq}", kind, created,
             min(started, NOW) if started else None, None, text, status)
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(done.columns))
    for column in ("created_ts", "start_ts", "end_ts"):
        frame[column] = pd.to_datetime(frame[column]).astype(done[column].dtype)
    return frame
