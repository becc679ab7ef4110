"""What-if scenarios recomputed from the period's own rows through the catalogue's OEE terms.

Time freed from a loss is produced at the period's performance and quality: the extra ideal time
is performance × freed time, the extra units follow from the mean ideal cycle, the good ones from
the quality ratio. OEE after = SUM(ideal) × SUM(good) / (SUM(planned busy) × SUM(produced)).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..compose.context import Ctx
from ..semantic.filters import Filters
from ..timeframes import TimeWindow
from .norms import NORMAL_WEEKS

Pair = tuple[str, str]


@dataclass(frozen=True)
class Terms:
    """The OEE terms of a period: planned busy time, production time, ideal time, produced and good units."""

    pbt_s: float
    apt_s: float
    ideal_s: float
    pq: float
    gq: float

    @property
    def oee(self) -> float:
        """Availability × performance × quality as one ratio of sums."""
        return self.ideal_s * self.gq / (self.pbt_s * self.pq) if self.pbt_s and self.pq else 0.0

    @property
    def performance(self) -> float:
        """Ideal time / production time."""
        return self.ideal_s / self.apt_s if self.apt_s else 0.0

    @property
    def quality(self) -> float:
        """Good / produced."""
        return self.gq / self.pq if self.pq else 0.0


def produced_in(terms: Terms, seconds: float, adds_production_time: bool) -> Terms:
    """The period with `seconds` more run at its own performance and quality."""
    extra_ideal = terms.performance * seconds
    extra_pq = extra_ideal * terms.pq / terms.ideal_s if terms.ideal_s else 0.0
    return Terms(
        terms.pbt_s,
        terms.apt_s + (seconds if adds_production_time else 0.0),
        terms.ideal_s + extra_ideal,
        terms.pq + extra_pq,
        terms.gq + extra_pq * terms.quality,
    )


@dataclass(frozen=True)
class Scenario:
    """One scenario: the lever, what it changes, the terms before and after, and what was assumed."""

    lever: str
    change: Pair  # 'Rüstzeit um 50 % kürzer' / 'changeover time 50 % shorter'
    before: Terms
    after: Terms
    freed_min: float  # production time freed, minutes (0 for scrap)
    where: Pair = ("", "")
    assumptions: tuple[Pair, ...] = field(default=())

    @property
    def points(self) -> float:
        """OEE gained in percentage points."""
        return (self.after.oee - self.before.oee) * 100

    @property
    def extra_good(self) -> float:
        """Good units gained."""
        return self.after.gq - self.before.gq


def oee_terms(ctx: Ctx, filters: Filters, window: TimeWindow) -> Terms | None:
    """The period's OEE terms through the catalogue's OEE query."""
    shift_filters = Filters(lines=filters.lines, shifts=filters.shifts, teams=filters.teams)
    frame = ctx.run(
        ctx.query("oee", window=window, filters=shift_filters), ctx.t("OEE-Terme des Zeitraums", "OEE terms of the period")
    )  # fmt: skip
    if frame.empty or frame["value"].isna().all():
        return None
    row = frame.iloc[0]
    apt = float(row["production_h"]) * 3600
    return Terms(float(row["planned_busy_h"]) * 3600, apt, float(row["performance"]) * apt, float(row["produced"]),
                 float(row["good"]))  # fmt: skip


def _value(
    ctx: Ctx, metric: str, filters: Filters, window: TimeWindow, purpose: Pair, column: str = "value"
) -> float:
    frame = ctx.run(ctx.query(metric, window=window, filters=filters), ctx.t(*purpose))
    value = frame[column].iloc[0] if len(frame) else None
    return 0.0 if value is None or value != value else float(value)


SHARED: tuple[Pair, ...] = (
    (
        "Die gewonnene Zeit läuft mit dem Leistungsgrad und der Qualitätsrate des Zeitraums.",
        "The time freed runs at the period's performance and quality ratio.",
    ),
    (
        "Geplante Belegungszeit und Produktmix bleiben gleich.",
        "Planned busy time and product mix stay the same.",
    ),
)


def _cut_of(amount: str) -> float | None:
    if amount.startswith("cut:"):
        return min(float(amount[4:]), 100.0) / 100
    return 1.0 if amount == "remove" else None


def changeover(ctx: Ctx, filters: Filters, window: TimeWindow, amount: str) -> Scenario | Pair:
    """Changeover time cut by a share, or every changeover brought to its standard."""
    terms = oee_terms(ctx, filters, window)
    if terms is None:
        return NO_DATA
    total = _value(ctx, "changeover__total", filters, window, ("Rüstzeit gesamt", "total changeover time"))
    cut = _cut_of(amount)
    if cut is not None:
        freed = total * cut
        change = (f"Rüstzeit um {_pct(cut, 'de')} kürzer", f"changeover time {_pct(cut, 'en')} shorter")
        assumed: Pair = (
            f"Jeder Rüstvorgang dauert {_pct(cut, 'de')} kürzer.",
            f"Every changeover takes {_pct(cut, 'en')} less.",
        )
    else:
        freed = _value(ctx, "late_changeover__total__excess", filters, window,
                       ("Rüstzeit über Standard", "changeover time over standard"))  # fmt: skip
        change = ("Rüstvorgänge auf Standardzeit", "changeovers brought to standard")
        assumed = ("Jeder Rüstvorgang über Standard dauert nur noch seine Standardzeit.",
                   "Every changeover over its standard takes only its standard time.")  # fmt: skip
    after = produced_in(terms, freed * 60, adds_production_time=True)
    return Scenario("changeover", change, terms, after, freed, assumptions=(assumed, *SHARED))


def short_stops(ctx: Ctx, filters: Filters, window: TimeWindow, amount: str) -> Scenario | Pair:
    """A station's short stops (alarms under 2 minutes) removed or cut."""
    stations = filters.stations or _top_station(ctx, filters, window)
    if not stations:
        return NO_DATA
    station = ctx.catalog.get("station", stations[0])
    lines = (station.line,) if station is not None and station.line else filters.lines
    terms = oee_terms(ctx, Filters(lines=lines), window)
    if terms is None:
        return NO_DATA
    minutes = _value(ctx, "short_stop__total", Filters(stations=stations[:1]), window, ("Kurzstopps der Station", "the station's short stops"))  # fmt: skip
    cut = _cut_of(amount) or 1.0
    name = ctx.catalog.label("station", stations[0], "de"), ctx.catalog.label("station", stations[0], "en")
    change = (
        f"Kurzstopps an {name[0]} um {_pct(cut, 'de')} weniger",
        f"short stops at {name[1]} {_pct(cut, 'en')} fewer",
    )
    if cut == 1.0:
        change = (f"Kurzstopps an {name[0]} beseitigt", f"short stops at {name[1]} removed")
    assumed: Pair = (
        "Ein Kurzstopp einer Station hält die Linie an; ohne ihn läuft sie mit ihrem Leistungsgrad weiter.",
        "A station's short stop halts the line; without it the line runs on at its performance.",
    )
    after = produced_in(terms, minutes * cut * 60, adds_production_time=False)
    return Scenario("short_stops", change, terms, after, minutes * cut, name, (assumed, *SHARED[1:]))


def _top_station(ctx: Ctx, filters: Filters, window: TimeWindow) -> tuple[str, ...]:
    frame = ctx.run(
        ctx.query("short_stop__total", window=window, filters=filters, group_by=("station",), order="desc", limit=1),
        ctx.t("Station mit den meisten Kurzstopp-Minuten", "station with the most short-stop minutes"),
    )  # fmt: skip
    return (str(frame["station"].iloc[0]),) if len(frame) and frame["value"].iloc[0] else ()


def baseline_window(window: TimeWindow) -> TimeWindow:
    """The four weeks before the window."""
    from datetime import timedelta

    return TimeWindow(
        window.start - timedelta(days=7 * NORMAL_WEEKS),
        window.start,
        "4 Wochen davor",
        "4 weeks before",
        "range",
    )


def scrap(ctx: Ctx, filters: Filters, window: TimeWindow, amount: str) -> Scenario | Pair:
    """Scrap back to its rate of the four weeks before, or cut by a share."""
    terms = oee_terms(ctx, filters, window)
    if terms is None:
        return NO_DATA
    rate = 1 - terms.quality
    cut = _cut_of(amount)
    if cut is not None:
        new_rate = rate * (1 - cut)
        change = (f"Ausschuss um {_pct(cut, 'de')} weniger", f"scrap {_pct(cut, 'en')} lower")
    else:
        base = baseline_window(window)
        new_rate = _value(ctx, "scrap_rate", filters, base, ("Ausschussquote der 4 Wochen davor", "scrap rate of the 4 weeks before"))  # fmt: skip
        if new_rate >= rate:
            return ("Der Ausschuss liegt nicht über seinem Normalniveau der vier Wochen davor; das Szenario ändert nichts.",
                    "Scrap is not above its baseline of the four weeks before; the scenario changes nothing.")  # fmt: skip
        change = (f"Ausschussquote zurück auf {_pct(new_rate, 'de', 2)} (4 Wochen davor)",
                  f"scrap rate back to {_pct(new_rate, 'en', 2)} (4 weeks before)")  # fmt: skip
    after = replace(terms, gq=terms.pq * (1 - new_rate))
    assumed: Pair = ("Es werden gleich viele Teile gefertigt; nur mehr davon sind gut.", "The same number of units is made; more of them are good.")  # fmt: skip
    return Scenario("scrap", change, terms, after, 0.0, assumptions=(assumed,))


def breakdown(ctx: Ctx, filters: Filters, window: TimeWindow, amount: str) -> Scenario | Pair:
    """Breakdown time at a target MTTR (same number of breakdowns), or cut by a share."""
    cut = _cut_of(amount)
    if cut is None and not amount.startswith("mttr:"):
        return ("Für dieses Szenario fehlt die Ziel-MTTR oder der Anteil: z. B. „Wenn die MTTR an Linie 2 20 min wäre“.",
                "This scenario needs a target MTTR or a share: e.g. “What if the MTTR on line 2 were 20 min?”")  # fmt: skip
    terms = oee_terms(ctx, filters, window)
    if terms is None:
        return NO_DATA
    minutes = _value(ctx, "breakdown_time", filters, window, ("Ausfallzeit", "breakdown time"))
    count = _value(ctx, "breakdown_time", filters, window, ("Ausfallzeit", "breakdown time"), "breakdowns")
    if cut is not None:
        freed = minutes * cut
        change = (f"Ausfallzeit um {_pct(cut, 'de')} kürzer", f"breakdown time {_pct(cut, 'en')} shorter")
    else:
        target = float(amount[5:])
        freed = max(minutes - count * target, 0.0)
        change = (
            f"MTTR {target:g} min bei {count:.0f} Ausfällen",
            f"MTTR {target:g} min over {count:.0f} breakdowns",
        )
    assumed: Pair = ("Gleich viele Ausfälle, nur kürzer.", "The same number of breakdowns, only shorter.")
    after = produced_in(terms, freed * 60, adds_production_time=True)
    return Scenario("breakdown", change, terms, after, freed, assumptions=(assumed, *SHARED))


NO_DATA: Pair = ("Für diese Auswahl gibt es keine Daten.", "There is no data for this selection.")
LEVERS = {"changeover": changeover, "short_stops": short_stops, "scrap": scrap, "breakdown": breakdown}


def _pct(share: float, language: str, decimals: int = 0) -> str:
    from ..formatting import number

    return f"{number(share * 100, language, decimals)} %"


def compute(ctx: Ctx, lever: str, amount: str, filters: Filters, window: TimeWindow) -> Scenario | Pair:
    """The scenario of one lever, or the sentence why it cannot be computed; over several lines, line by line."""
    if lever in ("changeover", "scrap"):
        filters = filters.replace(stations=())  # changeovers and units belong to the line, not a station
    lines = filters.lines or tuple(e.id for e in ctx.catalog.entities("line"))
    if len(lines) == 1 or lever == "short_stops":
        return LEVERS[lever](ctx, filters, window, amount)
    each = [LEVERS[lever](ctx, filters.replace(lines=(line,)), window, amount) for line in lines]
    found = [s for s in each if isinstance(s, Scenario)]
    if not found:
        return each[0]
    first = found[0]
    change = first.change
    if lever == "scrap" and _cut_of(amount) is None:
        change = ("Ausschussquote jeder Linie zurück auf ihr Niveau der 4 Wochen davor",
                  "each line's scrap rate back to its level of the 4 weeks before")  # fmt: skip
    elif lever == "breakdown" and amount.startswith("mttr:"):
        change = (
            f"MTTR {float(amount[5:]):g} min auf jeder Linie",
            f"MTTR {float(amount[5:]):g} min on every line",
        )
    return Scenario(
        first.lever, change, _sum(s.before for s in found), _sum(s.after for s in found),
        sum(s.freed_min for s in found), first.where,
        (*first.assumptions, ("Jede Linie wird mit ihren eigenen Raten gerechnet, dann summiert.",
                              "Each line is computed at its own rates, then added up.")),
    )  # fmt: skip


def _sum(terms: Iterable[Terms]) -> Terms:
    """The terms of several lines together: every term adds up."""
    listed = list(terms)
    return Terms(
        *(sum(getattr(t, name) for t in listed) for name in ("pbt_s", "apt_s", "ideal_s", "pq", "gq"))
    )
