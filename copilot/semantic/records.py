"""Kinds of records a question can count, sum or average, and the aggregations over them.

A measure is an aggregation over a kind of record: "wie viele Stillstände" = count of stops, "the
longest changeover" = max of changeover durations. The named KPIs of the catalogue that are such
measures (downtime = total of stops, MTTR = mean of breakdowns) keep their names; every other
combination is generated from these tables, so a new kind of question is a new combination.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    """A kind of row people count: stops, breakdowns, short stops, changeovers, orders, units."""

    key: str
    source: str  # row source of the semantic layer
    where: str | None  # condition on the source's rows
    label_de: str  # plural noun: 'Stillstände'
    label_en: str
    fields: tuple[tuple[str, str], ...] = ()  # (field, SQL in seconds) that can be summed or averaged
    detail_unit: str = "min"  # unit of a mean, median, max or min of a duration: 'min' or 's'
    quantities: tuple[str, ...] = ()  # fields that are quantities (parts, kWh), not durations
    quantity_unit: str = "count"  # the unit of those quantities
    direction: str = "lower"
    family: str = ""
    parent: str | None = None  # the record it is a part of: breakdowns of stops, good units of units

    def field_sql(self, name: str) -> str | None:
        """The SQL of a field in seconds, None when the record has no such field."""
        return dict(self.fields).get(name)


@dataclass(frozen=True)
class Aggregation:
    """count, total, mean, median, max or min, with the word that names it in a label."""

    key: str
    label_de: str  # 'Mittlere' (Dauer)
    label_en: str  # 'Mean' (duration)
    sql: str  # '{x}' is the field's expression


AGGREGATIONS: dict[str, Aggregation] = {
    a.key: a
    for a in (
        Aggregation("count", "Anzahl", "Number of", "COUNT(*)"),
        Aggregation("total", "Gesamte", "Total", "SUM({x})"),
        Aggregation("mean", "Mittlere", "Mean", "AVG({x})"),
        Aggregation("median", "Median der", "Median", "MEDIAN({x})"),
        Aggregation("max", "Längste", "Longest", "MAX({x})"),
        Aggregation("min", "Kürzeste", "Shortest", "MIN({x})"),
    )
}
FIELD_WORDS = {  # the noun of a field in labels
    "duration": ("Dauer", "duration"),
    "excess": ("Überschreitung des Standards", "time over standard"),
    "repair": ("Reparaturdauer", "repair time"),
    "reaction": ("Reaktionszeit", "response time"),
    "age": ("Liegezeit", "time open"),
    "planned_qty": ("Planmenge", "planned quantity"),
    "made": ("gefertigte Menge", "quantity made"),
    "remaining": ("Restmenge", "quantity still to make"),
    "kwh": ("Verbrauch je Intervall", "consumption per interval"),
}
QUANTITY_WORDS = {
    "max": ("Höchster", "Highest"),
    "min": ("Niedrigster", "Lowest"),
}  # not 'longest' for a quantity

_DURATION = (("duration", "duration_s"),)
RECORDS: dict[str, Record] = {
    r.key: r
    for r in (
        Record("stop", "downtime", "NOT planned", "ungeplante Stillstände", "unplanned stops", _DURATION, family="downtime"),
        Record("planned_stop", "downtime", "planned", "geplante Stillstände", "planned stops", _DURATION, family="downtime", parent="any_stop"),
        Record("any_stop", "downtime", None, "Stillstände (mit geplanten)", "stops (planned included)", _DURATION, family="downtime"),
        Record("breakdown", "downtime", "loss_category = 'breakdown'", "Ausfälle", "breakdowns", _DURATION, family="downtime", parent="stop"),
        Record("setup_stop", "downtime", "loss_category = 'setup'", "Rüststillstände", "setup stops", _DURATION, family="changeovers", parent="stop"),
        Record("small_stop", "downtime", "loss_category = 'small_stop'", "Kleinstörungen", "small stops", _DURATION, family="downtime", parent="stop"),
        Record("short_stop", "alarms", "duration_s < 120", "Kurzstopps", "short stops", _DURATION, "s", family="downtime", parent="alarm"),
        Record("alarm", "alarms", None, "Alarme", "alarms", _DURATION, "s", family="downtime"),
        Record(
            "changeover", "changeovers", None, "Rüstvorgänge", "changeovers",
            (*_DURATION, ("excess", "duration_s - standard_s")), family="changeovers",
        ),
        Record(
            "late_changeover", "changeovers", "duration_s > standard_s", "Rüstvorgänge über Standard",
            "changeovers over standard", (*_DURATION, ("excess", "duration_s - standard_s")),
            family="changeovers", parent="changeover",
        ),
        Record(
            "timely_changeover", "changeovers", "duration_s <= standard_s", "Rüstvorgänge im Standard",
            "changeovers within standard", _DURATION, family="changeovers", parent="changeover",
        ),
        Record(
            "maintenance_order", "maintenance", None, "Instandhaltungsaufträge", "maintenance orders",
            (("repair", "repair_s"), ("reaction", "reaction_s"), ("age", "age_s")), direction="neutral",
            family="maintenance",
        ),
        Record(
            "production_order", "orders", None, "Fertigungsaufträge", "production orders",
            (("planned_qty", "planned_qty"), ("made", "made"), ("remaining", "GREATEST(planned_qty - made, 0)")),
            quantities=("planned_qty", "made", "remaining"), direction="neutral", family="quality",
        ),
        Record(
            "reading", "energy", None, "Zählerwerte", "meter readings", (("kwh", "kwh"),), quantities=("kwh",),
            quantity_unit="kWh", direction="neutral", family="energy",
        ),
        Record("unit", "units", None, "Teile", "units", direction="higher", family="quality"),
        Record("good_unit", "units", "good = 1", "Gutteile", "good units", direction="higher", family="quality", parent="unit"),
        Record("scrap_unit", "units", "good = 0", "Ausschussteile", "scrapped units", family="quality", parent="unit"),
        Record("timed_unit", "units", "cycle_time_s IS NOT NULL", "Teile mit Taktzeit", "units with a cycle time", family="cycle_time", parent="unit"),
        Record("slow_unit", "units", "cycle_time_s > takt_s", "Teile langsamer als der Takt", "units slower than takt", family="cycle_time", parent="unit"),
    )
}  # fmt: skip

# How people name each kind of record, German and English (nouns and the verbs that mean them).
RECORD_WORDS: dict[str, tuple[str, ...]] = {
    "stop": (
        "verluste", "verlustzeit", "losses", "lost time",
        "steht", "stehen", "standen", "stillgestanden", "still gestanden", "gestoppt", "stopped", "angehalten",
        "stillstand", "stillstände", "stillstaende", "stopps", "stops", "stoppages", "unterbrechungen",
        "störungen", "stoerungen", "ausfallzeit", "standzeit", "stillstandsereignisse", "stop", "stoppage",
        "down", "stand still", "standing still", "stillgestanden", "still gestanden", "stand", "standen",
        "außer betrieb", "ausser betrieb", "out of service", "out of order",
    ),
    "planned_stop": ("geplante stillstände", "geplanter stillstände", "geplanter stillstand", "geplante stopps", "planned stops", "planned downtime"),
    "any_stop": (
        "inklusive geplanter", "einschließlich geplanter", "mit geplanten", "inkl. geplanter",
        "including planned", "planned included", "incl. planned", "planned stops included",
        "all stops", "all stoppages", "alle stopps", "alle stillstände", "sämtliche stopps", "sämtliche stillstände",
        "allen stopps", "allen stillständen", "allen stillstaenden",
    ),
    "breakdown": (
        "ausgefallen", "fiel aus", "fielen aus", "broke down", "broken down", "kaputt", "kaputt gegangen",
        "ausfall", "ausfälle", "ausfaelle", "maschinenausfall", "maschinenausfälle", "defekte", "störfall",
        "breakdown", "breakdowns", "failures", "failure", "machine failures", "störungsbehebung",
        "technischer stillstand", "technische stillstände", "technischen stillstand", "technische störungen",
        "technical downtime", "technical stops", "technical failures",
    ),
    "short_stop": (
        "kurz gestoppt", "kurz angehalten", "kurz gestanden", "kurz stehen geblieben", "briefly stopped",
        "kurzstopp", "kurzstopps", "kleinstopp", "kleinstopps", "kurzstop", "kurzstops", "mikrostopps", "mikrostopp", "mikrostop", "micro stop", "microstop",
        "minor stop", "small stop",
        "short stop", "short stops", "micro stops", "microstops", "minor stops", "small stops", "jam", "jams",
        "jammed", "jamming", "klemmt", "klemmte", "geklemmt", "staut", "gestaut",
    ),
    "alarm": ("alarm", "alarme", "alarms", "alarmmeldungen", "meldungen", "alarm messages"),
    "changeover": (
        "rüstvorgang", "rüstvorgänge", "ruestvorgaenge", "rüsten", "umrüsten", "umrüstung", "umrüstungen",
        "rüstungen", "gerüstet", "umgerüstet", "angerüstet", "anrüsten", "angerüstete", "rüstzeit", "rüstzeiten", "rüstdauer", "produktwechsel",
        "familienwechsel", "changeover", "changeovers", "c/o", "c/os", "setup", "setups", "product change", "product changes",
        "wechsel", "sortenwechsel", "formatwechsel", "typwechsel", "artikelwechsel", "umstellen", "umgestellt",
        "umstellung", "umstellungen", "umbau", "umbauten", "umbauzeit", "flavour change", "flavour changes", "flavor change", "flavor changes",
        "grade change", "grade changes", "format change", "format changes", "changed over", "change over",
        "farbwechsel", "farbwechseln", "colour change", "colour changes", "color change", "color changes",
        "colour changeover", "colour changeovers", "color changeover", "color changeovers", "product switch",
        "product switches",
        "changes over", "changing over", "switched over", "gewechselt", "wechselte", "wechselten", "switched", "switch",
        "switches", "switching",
    ),
    "maintenance_order": (
        "wartungsauftrag", "wartungsaufträge", "instandhaltungsauftrag", "instandhaltungsaufträge", "störauftrag",
        "störaufträge", "reparaturen", "repairs", "reparatur", "repair",
        "störungsauftrag", "störungsaufträge", "reparaturauftrag", "reparaturaufträge", "aufträge der instandhaltung",
        "ih-aufträge", "maintenance order", "maintenance orders", "work order", "work orders", "repair order",
        "repair orders", "corrective orders", "preventive orders", "maintenance tickets", "maintenance job",
        "maintenance jobs", "repair job", "repair jobs", "wartungsjob", "instandhaltungseinsatz", "wartungseinsatz",
        "instandhaltungsauftrag", "laut instandhaltungsauftrag", "wartungsaufträgen", "instandhaltungsaufträgen",
        "preventive maintenance", "vorbeugende wartung", "präventive wartung", "vorbeugenden wartung",
        "planmäßige wartung", "planmäßigen wartung", "planmäßiger wartung", "scheduled maintenance",
        "gewartet", "repariert", "serviced", "maintained", "repaired",
    ),
    "production_order": (
        "auftrag", "aufträge", "auftraege", "aufträgen", "fertigungsauftrag", "fertigungsaufträge", "produktionsauftrag",
        "produktionsaufträge", "order", "orders", "production order", "production orders", "work orders in production",
        "backlog", "order backlog", "auftragsbestand", "auftragsvorrat", "auftragsbacklog", "queue", "the queue",
        "warteschlange", "auftragswarteschlange",
    ),
    "reading": (
        "viertelstundenwert", "viertelstundenwerte", "15-minuten-wert", "15-minuten-werte", "15-min-wert",
        "15-min-werte", "zählerwert", "zählerwerte", "zaehlerwert", "zaehlerwerte", "einzelwert", "intervallwert",
        "intervallwerte", "15-min reading", "15-minute reading", "15 min reading", "15-min readings",
        "15-minute readings", "interval reading", "interval readings", "meter reading", "meter readings",
        "single reading", "15-minute value", "15-minute values", "15-min value", "15-min values",
        "quarter-hour value", "quarter-hour values", "quarter-hourly value", "interval value", "interval values",
        "viertelstunde", "viertelstunden", "quarter hour", "quarter hours", "quarter-hour", "quarter-hours",
        "15-min interval", "15-min intervals", "15-minute interval", "15-minute intervals", "15 min interval",
        "15 min intervals", "15 min intervall", "15-min-intervall", "15-minuten-intervall", "viertelstundenintervall",
        "15 minute interval", "15 minute intervals",
    ),
    "unit": (
        "teile", "zyklen", "takte", "cycles", "stück", "stueck", "stückzahl", "einheiten", "units", "parts", "pieces", "pcs", "output",
        "rausgehauen", "rausgebracht", "herausgebracht", "geschafft", "ausgestoßen", "ausgestossen",
        "produziert", "hergestellt", "gebaut", "gefertigt", "made", "produced", "built", "came off", "produce",
        "make", "build", "produzieren", "herstellen", "fertigen", "bauen",
    ),
    "good_unit": (
        "gutteile", "gute teile", "guten teile", "gutteil", "i.o.-teile", "io-teile", "i.o. teile", "good parts",
        "good units", "good ones", "good pieces", "good part", "good unit",
    ),
    "scrap_unit": (
        "ausschussteile", "schlechtteile", "nio-teile", "n.i.o.-teile", "fehlerteile", "scrapped units",
        "scrapped parts", "bad parts", "rejects", "scrap parts", "defective parts", "ausschussmenge",
        "bad units", "bad ones", "bad pieces", "defective units", "rejected units", "rejected parts",
        "schlechte teile", "schlechten teile", "nio teile", "n.i.o. teile", "fehlerhafte teile",
    ),
}  # fmt: skip

# Catalogue KPIs that are an aggregation over a record: they keep their own names and definitions.
NAMED: dict[tuple[str, str, str], str] = {
    ("stop", "count", "duration"): "stop_count",
    ("stop", "total", "duration"): "downtime",
    ("breakdown", "total", "duration"): "breakdown_time",
    ("breakdown", "mean", "duration"): "mttr",
    ("changeover", "count", "duration"): "changeover_count",
    ("changeover", "mean", "duration"): "changeover_time",
    ("short_stop", "count", "duration"): "short_stops",
    ("unit", "count", "duration"): "output",
    ("good_unit", "count", "duration"): "good_parts",
    ("scrap_unit", "count", "duration"): "scrap_count",
}
RECORD_OF: dict[str, tuple[str, str, str]] = {key: triple for triple, key in NAMED.items()}


def record_of(key: str) -> tuple[str, str, str] | None:
    """(record, aggregation, field) of a measure key, named or generated; None for other KPIs."""
    if key in RECORD_OF:
        return RECORD_OF[key]
    parts = key.split("__")
    if len(parts) in (2, 3) and parts[0] in RECORDS and parts[1] in AGGREGATIONS:
        return parts[0], parts[1], parts[2] if len(parts) == 3 else "duration"
    return None


def measure_key(record: str, aggregation: str, field: str = "duration") -> str:
    """The catalogue key of an aggregation over a record: a named KPI or a generated measure."""
    if aggregation == "count":
        field = "duration"
    return NAMED.get((record, aggregation, field)) or "__".join(
        (record, aggregation) if field == "duration" else (record, aggregation, field)
    )
