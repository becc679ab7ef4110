"""The metric catalogue: every KPI of the data contract with its names, unit, direction and SQL.

Ratios over several shifts, days or lines are built from summed terms (SUM(a) / SUM(b)),
never from averaged percentages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .records import AGGREGATIONS, FIELD_WORDS, QUANTITY_WORDS, RECORDS, Record, measure_key, record_of

ALL_ROLES = ("operator", "coach", "trainee")
PROCESS_VERBS = (  # what a line does to a part, as its output: 'wie viele haben wir lackiert'
    ("lackiert", "gepresst", "gegossen", "montiert", "gestanzt", "geschweißt", "verpackt"),
    ("painted", "pressed", "assembled", "stamped", "welded", "packed"),
)
PERCENTILES = (75, 80, 90, 95, 99)  # percentiles of the cycle time the catalogue offers
ADDITIVE_UNITS = frozenset({"kWh", "count", "min", "h"})  # figures that add up over days and shifts


@dataclass(frozen=True)
class Metric:
    """One KPI: how to compute it from a source, and how people name it."""

    key: str
    source: str
    value: str  # SQL aggregate over the source's rows
    unit: str  # display unit: '%', 'min', 's', 'h', 'kWh', 'kWh/unit', 'kW', 'count'
    direction: str  # 'higher' or 'lower' is better, or 'neutral'
    label_de: str
    label_en: str
    synonyms_de: tuple[str, ...]
    synonyms_en: tuple[str, ...]
    description_de: str
    description_en: str
    scale: float = 1.0  # display value = SQL value × scale (100 for percentages)
    where: str | None = None  # extra condition on the source rows
    evidence: tuple[tuple[str, str], ...] = ()  # (column, SQL aggregate) shown with the value
    media: tuple[str, ...] = ()  # energy media this metric is restricted to by default
    target: str | None = None  # kpi_targets.kpi to compare with
    target_scale: float = 1.0  # display target = kpi_targets.target × target_scale
    audience: tuple[str, ...] = ALL_ROLES
    family: str = ""  # evaluation and help category

    def label(self, language: str) -> str:
        """Name in the user's language."""
        return self.label_de if language == "de" else self.label_en

    def description(self, language: str) -> str:
        """Definition in the user's language."""
        return self.description_de if language == "de" else self.description_en

    @property
    def names(self) -> tuple[str, ...]:
        """Every way to name this metric, both languages."""
        return (self.label_de, self.label_en, *self.synonyms_de, *self.synonyms_en)


_OEE_TERMS = (
    ("availability", "SUM(apt_s) / NULLIF(SUM(pbt_s), 0)"),
    ("performance", "SUM(ideal_s) / NULLIF(SUM(apt_s), 0)"),
    ("quality", "SUM(gq) / NULLIF(SUM(pq), 0)"),
    ("planned_busy_h", "SUM(pbt_s) / 3600"),
    ("production_h", "SUM(apt_s) / 3600"),
    ("produced", "SUM(pq)"),
    ("good", "SUM(gq)"),
)
_CYCLE_EVIDENCE = (
    ("units", "COUNT(cycle_time_s)"),
    ("ideal_s", "AVG(ideal_s)"),
    ("takt_s", "AVG(takt_s)"),
)
_QUALITY_EVIDENCE = (
    ("produced", "COUNT(*)"),
    ("good", "SUM(good)"),
    ("scrap", "COUNT(*) - SUM(good)"),
)
_CHANGEOVER_EVIDENCE = (
    ("changeovers", "COUNT(*)"),
    ("minutes", "SUM(duration_s) / 60"),
    ("standard_minutes", "SUM(standard_s) / 60"),
)

METRICS: tuple[Metric, ...] = (
    Metric(
        "oee",
        "shift",
        "SUM(ideal_s) * SUM(gq) / NULLIF(SUM(pbt_s) * SUM(pq), 0)",
        "%",
        "higher",
        "OEE",
        "OEE",
        (
            "gesamtanlageneffektivität",
            "anlageneffektivität",
            "gesamteffektivität",
            "oee-wert",
            "gae",
            "effizienz",
            "anlageneffizienz",
        ),
        (
            "overall equipment effectiveness",
            "equipment effectiveness",
            "oee value",
            "efficiency",
            "equipment efficiency",
        ),
        "Verfügbarkeit × Leistung × Qualität (ISO 22400).",
        "Availability × performance × quality (ISO 22400).",
        scale=100,
        evidence=_OEE_TERMS,
        target="oee",
        target_scale=100,
        family="oee",
    ),
    Metric(
        "availability",
        "shift",
        "SUM(apt_s) / NULLIF(SUM(pbt_s), 0)",
        "%",
        "higher",
        "Verfügbarkeit",
        "Availability",
        ("verfuegbarkeit", "anlagenverfügbarkeit", "nutzungsgrad", "verfügbarkeitsfaktor"),
        ("uptime", "availability rate", "availability factor"),
        "Hauptnutzungszeit / geplante Belegungszeit.",
        "Actual production time / planned busy time.",
        scale=100,
        evidence=(("planned_busy_h", "SUM(pbt_s) / 3600"), ("down_h", "SUM(adot_s) / 3600")),
        target="availability",
        target_scale=100,
        family="oee",
    ),
    Metric(
        "performance",
        "shift",
        "SUM(ideal_s) / NULLIF(SUM(apt_s), 0)",
        "%",
        "higher",
        "Leistungsgrad",
        "Performance",
        ("leistung", "leistungsrate", "effektivität", "geschwindigkeit"),
        ("performance rate", "speed", "effectiveness", "speed loss", "performance factor", "perf"),
        "Σ ideale Taktzeit der Teile / Hauptnutzungszeit.",
        "Σ ideal cycle time of the units made / actual production time.",
        scale=100,
        evidence=(("ideal_h", "SUM(ideal_s) / 3600"), ("production_h", "SUM(apt_s) / 3600")),
        target="performance",
        target_scale=100,
        family="oee",
    ),
    Metric(
        "quality_ratio",
        "shift",
        "SUM(gq) / NULLIF(SUM(pq), 0)",
        "%",
        "higher",
        "Qualitätsrate",
        "Quality ratio",
        (
            "qualitätsgrad",
            "qualitaetsrate",
            "qualität",
            "gutteilquote",
            "qualitätsfaktor",
            "quali-rate",
            "qualirate",
        ),
        ("quality rate", "quality", "good part ratio", "quality factor"),
        "Gutteile / produzierte Teile.",
        "Good units / units produced.",
        scale=100,
        evidence=(("produced", "SUM(pq)"), ("good", "SUM(gq)")),
        target="quality",
        target_scale=100,
        family="quality",
    ),
    Metric(
        "setup_ratio",
        "shift",
        "SUM(setup_s) / NULLIF(SUM(apt_s), 0)",
        "%",
        "lower",
        "Rüstanteil",
        "Setup ratio",
        ("rüstzeitanteil", "ruestanteil", "rüstquote"),
        ("setup share", "changeover ratio", "setup time ratio"),
        "Summe der Rüstzeiten / Hauptnutzungszeit.",
        "Total changeover time / actual production time.",
        scale=100,
        evidence=(("setup_h", "SUM(setup_s) / 3600"), ("production_h", "SUM(apt_s) / 3600")),
        family="changeovers",
    ),
    Metric(
        "mtbf",
        "shift",
        "SUM(apt_s) / NULLIF(SUM(breakdowns), 0) / 3600",
        "h",
        "higher",
        "MTBF",
        "MTBF",
        ("mittlere betriebsdauer zwischen ausfällen", "zeit zwischen ausfällen", "ausfallabstand"),
        ("mean time between failures", "time between failures", "time between breakdowns"),
        "Hauptnutzungszeit / Anzahl Ausfälle.",
        "Actual production time / number of breakdowns.",
        evidence=(("production_h", "SUM(apt_s) / 3600"), ("breakdowns", "SUM(breakdowns)")),
        audience=("coach",),
        family="downtime",
    ),
    Metric(
        "output",
        "units",
        "COUNT(*)",
        "count",
        "higher",
        "Ausbringung",
        "Output",
        (
            "stückzahl",
            "stueckzahl",
            "produzierte teile",
            "menge",
            "produktion",
            "teile",
            "stück",
            "ausstoß",
            "produziert",
            "hergestellt",
            *PROCESS_VERBS[0],
        ),
        (
            "units produced",
            "production volume",
            "parts produced",
            "produced",
            "pieces",
            "units",
            "volume",
            "throughput",
            "made",
            "quantity",
            *PROCESS_VERBS[1],
        ),
        "Anzahl produzierter Teile (gut und schlecht).",
        "Number of units produced (good and bad).",
        evidence=_QUALITY_EVIDENCE,
        family="quality",
    ),
    Metric(
        "good_parts",
        "units",
        "SUM(good)",
        "count",
        "higher",
        "Gutteile",
        "Good parts",
        ("gutteile", "gut-teile", "io-teile", "i.o.-teile", "gute teile"),
        ("good units", "good parts", "good pieces", "good output", "good production"),
        "Teile, die beim ersten Mal in Ordnung waren.",
        "Units that passed first time.",
        evidence=_QUALITY_EVIDENCE,
        family="quality",
    ),
    Metric(
        "scrap_count",
        "units",
        "COUNT(*) - SUM(good)",
        "count",
        "lower",
        "Ausschussmenge",
        "Scrap count",
        (
            "ausschussteile",
            "ausschuss",
            "wie viel ausschuss",
            "wieviel ausschuss",
            "how much scrap",
            "scrapped parts",
            "scrapped units",
            "scrapped",
            "ausschussmenge",
            "schlechtteile",
            "nio-teile",
            "n.i.o.-teile",
            "fehlerteile",
            "anzahl ausschuss",
        ),
        (
            "scrapped units",
            "scrap",
            "schrott",
            "bad parts",
            "rejects",
            "number of scrap",
            "defective parts",
            "scrap parts",
        ),
        "Produzierte minus gute Teile.",
        "Units produced minus good units.",
        evidence=_QUALITY_EVIDENCE,
        family="quality",
    ),
    Metric(
        "scrap_rate",
        "units",
        "1 - AVG(good)",
        "%",
        "lower",
        "Ausschussquote",
        "Scrap rate",
        ("ausschussrate", "fehlerquote", "nio-quote", "ausschussanteil", "schrottquote"),
        ("reject rate", "defect rate", "scrap ratio", "rejects rate"),
        "Ausschussteile / produzierte Teile.",
        "Scrapped units / units produced.",
        scale=100,
        evidence=_QUALITY_EVIDENCE,
        family="quality",
    ),
    Metric(
        "fpy",
        "units",
        "AVG(good)",
        "%",
        "higher",
        "First Pass Yield",
        "First pass yield",
        ("erstdurchlaufquote", "durchlaufquote", "fpy", "ausbeute", "gutquote", "erstausbeute"),
        ("fpy", "yield", "first-pass yield", "first time right", "right first time"),
        "Anteil der Teile, die beim ersten Durchlauf gut sind.",
        "Share of units good at the first pass.",
        scale=100,
        evidence=_QUALITY_EVIDENCE,
        family="quality",
    ),
    Metric(
        "cycle_time",
        "units",
        "AVG(cycle_time_s)",
        "s",
        "lower",
        "Taktzeit",
        "Cycle time",
        (
            "zykluszeit",
            "taktzeit",
            "durchschnittliche taktzeit",
            "mittlere taktzeit",
            "stückzeit",
            "takt",
            "zyklus",
            "einzelzyklus",
        ),
        ("cycle time", "average cycle time", "mean cycle time", "cycle", "time per part", "ct"),
        "Mittlere Zeit zwischen zwei Teilen eines Auftrags (ohne erfasste Stillstände).",
        "Mean time between two units of an order (recorded stops taken out).",
        evidence=_CYCLE_EVIDENCE,
        target="cycle_time_s",
        family="cycle_time",
    ),
    Metric(
        "takt_time",
        "units",
        "AVG(takt_s)",
        "s",
        "neutral",
        "Kundentakt",
        "Takt time",
        ("kundentakt", "vorgegebener takt", "takt der linie", "soll-takt"),
        ("takt time", "customer takt", "line takt", "the takt"),
        "Verfügbare Zeit geteilt durch den Kundenbedarf: alle wie viele Sekunden ein Teil fertig sein muss.",
        "Available time divided by customer demand: how often a unit must be finished.",
        family="cycle_time",
    ),
    Metric(
        "cycle_time_median",
        "units",
        "MEDIAN(cycle_time_s)",
        "s",
        "lower",
        "Median der Taktzeit",
        "Median cycle time",
        ("taktzeit median", "zykluszeit median", "mediane taktzeit"),
        ("cycle time median", "median cycle"),
        "Median der Zeiten zwischen zwei Teilen.",
        "Median of the times between two units.",
        evidence=_CYCLE_EVIDENCE,
        family="cycle_time",
    ),
    *(
        Metric(
            f"cycle_time_{key}",
            "units",
            f"{key.upper()}(cycle_time_s)",
            "s",
            "lower",
            f"{de} Taktzeit",
            f"{en} cycle time",
            tuple(f"{adjective} {noun}" for adjective in de_words for noun in ("taktzeit", "zykluszeit")),
            (*(f"{adjective} cycle time" for adjective in en_words), f"cycle time {key}"),
            f"Die {de.lower()} Zeit zwischen zwei Teilen eines Auftrags.",
            f"The {en.lower()} time between two units of an order.",
            evidence=_CYCLE_EVIDENCE,
            family="cycle_time",
        )
        for key, de, en, de_words, en_words in (
            ("max", "Maximale", "Maximum", ("max", "max.", "maximale"), ("max", "maximum")),
            ("min", "Minimale", "Minimum", ("min", "min.", "minimale"), ("min", "minimum")),
        )
    ),
    *(
        Metric(
            f"cycle_time_p{p}",
            "units",
            f"QUANTILE_CONT(cycle_time_s, 0.{p})",
            "s",
            "lower",
            f"{p}. Perzentil der Taktzeit",
            f"{p}th percentile cycle time",
            (f"p{p} taktzeit", f"{p}. perzentil der taktzeit", f"{p}er perzentil taktzeit"),
            (f"p{p} cycle time", f"{p}th percentile cycle time", f"cycle time p{p}"),
            f"Die Taktzeit, die {p} % der Teile nicht überschreiten.",
            f"The cycle time that {p} % of units do not exceed.",
            evidence=_CYCLE_EVIDENCE,
            family="cycle_time",
        )
        for p in PERCENTILES
    ),
    Metric(
        "cycle_time_sd",
        "units",
        "STDDEV_SAMP(cycle_time_s)",
        "s",
        "lower",
        "Streuung der Taktzeit",
        "Cycle time standard deviation",
        ("standardabweichung der taktzeit", "taktzeit standardabweichung", "taktzeitstreuung"),
        ("cycle time standard deviation", "cycle time sd", "cycle time spread"),
        "Standardabweichung der Taktzeiten.",
        "Standard deviation of the cycle times.",
        evidence=(("mean_s", "AVG(cycle_time_s)"), *_CYCLE_EVIDENCE),
        audience=("coach",),
        family="cycle_time",
    ),
    Metric(
        "cycle_time_cv",
        "units",
        "STDDEV_SAMP(cycle_time_s) / NULLIF(AVG(cycle_time_s), 0)",
        "%",
        "lower",
        "Variationskoeffizient der Taktzeit",
        "Cycle time coefficient of variation",
        (
            "schwankung der taktzeit",
            "taktzeitschwankung",
            "variationskoeffizient",
            "vk der zykluszeit",
            "vk der taktzeit",
            "vk zykluszeit",
            "taktschwankung",
            "schwankung",
        ),
        (
            "cycle time variation",
            "coefficient of variation",
            "cycle time cv",
            "cycle time variability",
            "variability",
            "variation",
        ),
        "Standardabweichung / Mittelwert der Taktzeiten.",
        "Standard deviation / mean of the cycle times.",
        scale=100,
        evidence=(
            ("mean_s", "AVG(cycle_time_s)"),
            ("sd_s", "STDDEV_SAMP(cycle_time_s)"),
            *_CYCLE_EVIDENCE,
        ),
        family="cycle_time",
    ),
    Metric(
        "downtime",
        "downtime",
        "SUM(duration_s) / 60",
        "min",
        "lower",
        "Stillstandszeit",
        "Downtime",
        (
            "stillstand",
            "stillstände",
            "stillstandszeit",
            "störungszeit",
            "störzeit",
            "ausfallzeit",
            "störzeit",
            "störungen",
            "störung",
            "stoerung",
            "stillstandzeit",
            "standzeit",
            "unterbrechungen",
            "stand",
            "stillgestanden",
            "gestanden",
        ),
        ("downtime", "stops", "stoppages", "down time", "interruptions", "unplanned downtime"),
        "Summe der ungeplanten Stillstände (Rüsten eingeschlossen).",
        "Total unplanned downtime (changeovers included).",
        where="NOT planned",
        evidence=(("stops", "COUNT(*)"),),
        family="downtime",
    ),
    Metric(
        "stop_count",
        "downtime",
        "COUNT(*)",
        "count",
        "lower",
        "Anzahl Stillstände",
        "Number of stops",
        ("anzahl stillstände", "anzahl störungen", "wie viele stillstände", "wie oft stand"),
        ("number of stops", "count of stops", "how many stops", "stop count"),
        "Anzahl ungeplanter Stillstände ab zwei Minuten.",
        "Number of unplanned stops of two minutes or more.",
        where="NOT planned",
        evidence=(("minutes", "SUM(duration_s) / 60"),),
        family="downtime",
    ),
    Metric(
        "mttr",
        "downtime",
        "AVG(duration_s) / 60",
        "min",
        "lower",
        "MTTR",
        "MTTR",
        ("mittlere reparaturzeit", "reparaturdauer", "mittlere ausfalldauer"),
        ("mean time to repair", "repair time", "time to repair"),
        "Mittlere Dauer der Ausfälle (Störungen der Kategorie breakdown).",
        "Mean duration of breakdowns.",
        where="loss_category = 'breakdown'",
        evidence=(("breakdowns", "COUNT(*)"),),
        audience=("coach",),
        family="downtime",
    ),
    Metric(
        "breakdown_time",
        "downtime",
        "SUM(duration_s) / 60",
        "min",
        "lower",
        "Ausfallzeit durch Störungen",
        "Breakdown time",
        (
            "ausfälle",
            "maschinenausfall",
            "maschinenausfälle",
            "defekte",
            "ausfall",
            "störungsausfall",
        ),
        ("breakdowns", "breakdown", "machine failures", "failures"),
        "Summe der Ausfälle (technische Störungen).",
        "Total time of breakdowns (technical failures).",
        where="loss_category = 'breakdown'",
        evidence=(("breakdowns", "COUNT(*)"),),
        family="downtime",
    ),
    Metric(
        "changeover_count",
        "changeovers",
        "COUNT(*)",
        "count",
        "lower",
        "Anzahl Rüstvorgänge",
        "Number of changeovers",
        (
            "rüstvorgänge",
            "ruestvorgaenge",
            "produktwechsel",
            "umrüstungen",
            "anzahl rüstungen",
            "rüstungen",
            "wie oft gerüstet",
            "gerüstet",
            "geruestet",
            "umgerüstet",
        ),
        (
            "changeovers",
            "number of changeovers",
            "product changes",
            "setups",
            "how many changeovers",
        ),
        "Anzahl der Produktwechsel.",
        "Number of product changes.",
        evidence=_CHANGEOVER_EVIDENCE,
        family="changeovers",
    ),
    Metric(
        "changeover_time",
        "changeovers",
        "AVG(duration_s) / 60",
        "min",
        "lower",
        "Rüstzeit je Wechsel",
        "Changeover time per changeover",
        ("rüstzeit", "ruestzeit", "rüstdauer", "rüsten", "umrüstzeit", "wechselzeit"),
        ("changeover time", "changeover duration", "setup time", "set-up time"),
        "Mittlere Dauer eines Rüstvorgangs.",
        "Mean duration of a changeover.",
        evidence=_CHANGEOVER_EVIDENCE,
        family="changeovers",
    ),
    Metric(
        "changeover_vs_standard",
        "changeovers",
        "SUM(duration_s) / NULLIF(SUM(standard_s), 0)",
        "%",
        "lower",
        "Rüstzeit gegenüber Standard",
        "Changeover time against standard",
        (
            "rüstzeit gegenüber standard",
            "rüstzeit vs standard",
            "rüstzeit zum standard",
            "rüstzeitabweichung",
            "standardrüstzeit",
        ),
        (
            "changeover time vs standard",
            "changeover against standard",
            "setup vs standard",
            "changeovers against standard",
            "standard changeover time",
        ),
        "Tatsächliche / Standard-Rüstzeit (100 % = im Standard).",
        "Actual / standard changeover time (100 % = on standard).",
        scale=100,
        evidence=_CHANGEOVER_EVIDENCE,
        family="changeovers",
    ),
    Metric(
        "electricity",
        "energy",
        "SUM(kwh)",
        "kWh",
        "lower",
        "Stromverbrauch",
        "Electricity",
        ("strom", "stromverbrauch", "elektrische energie", "strombedarf"),
        ("electricity", "power", "electric energy", "power consumption", "electricity consumption"),
        "Summe der Stromzähler-Werte (kWh) in den 15-Minuten-Intervallen des Zeitraums.",
        "Sum of the electricity meter readings (kWh) of the intervals in the period.",
        media=("electricity",),
        evidence=(("readings", "COUNT(*)"), ("meters", "COUNT(DISTINCT meter)")),
        family="energy",
    ),
    Metric(
        "energy",
        "energy",
        "SUM(kwh)",
        "kWh",
        "lower",
        "Energieverbrauch",
        "Energy",
        ("energie", "energieverbrauch", "gesamtenergie", "verbrauch", "verbraucht"),
        ("energy", "energy consumption", "total energy", "energy use", "consumption", "consumed"),
        "Summe aller Zähler (Strom, Druckluft, Wärme, Gas) in kWh.",
        "Sum of all meters (electricity, compressed air, heat, gas) in kWh.",
        evidence=(("readings", "COUNT(*)"), ("meters", "COUNT(DISTINCT meter)")),
        family="energy",
    ),
    Metric(
        "energy_cost",
        "energy_cost",
        "SUM(cost)",
        "EUR",
        "lower",
        "Energiekosten",
        "Energy cost",
        (
            "energiekosten",
            "stromkosten",
            "stromrechnung",
            "energierechnung",
            "kosten für strom",
            "kosten für energie",
        ),
        ("energy cost", "energy costs", "electricity cost", "electricity costs", "power cost", "power bill"),
        "Verbrauch (kWh) jedes 15-Minuten-Intervalls mal dem Preis seines Tarifintervalls (energy_tariffs); "
        "Medien ohne Preis zählen nicht.",
        "Consumption (kWh) of each 15-minute interval times the price of its tariff interval (energy_tariffs); "
        "media without a price do not count.",
        evidence=(("kwh", "SUM(kwh)"), ("readings", "COUNT(*)"), ("currency", "MIN(currency)")),
        family="energy",
    ),
    Metric(
        "energy_price",
        "energy_cost",
        "SUM(cost) / NULLIF(SUM(kwh), 0)",
        "EUR/kWh",
        "lower",
        "Mittlerer Energiepreis",
        "Mean energy price",
        (
            "strompreis",
            "energiepreis",
            "preis pro kwh",
            "preis je kwh",
            "kwh-preis",
            "durchschnittspreis",
            "mittlerer preis",
        ),
        (
            "electricity price",
            "energy price",
            "power price",
            "price per kwh",
            "average price",
            "mean price",
            "price we paid",
        ),
        "Energiekosten / Verbrauch der Intervalle mit Preis (nach Verbrauch gewichteter Tarif).",
        "Energy cost / consumption of the priced intervals (the tariff weighted by consumption).",
        evidence=(("cost", "SUM(cost)"), ("kwh", "SUM(kwh)"), ("currency", "MIN(currency)")),
        family="energy",
    ),
    Metric(
        "compressed_air",
        "energy",
        "SUM(kwh)",
        "kWh",
        "lower",
        "Druckluftverbrauch",
        "Compressed air",
        ("druckluft", "druckluftverbrauch", "luftverbrauch", "druckluftbedarf"),
        ("compressed air", "air consumption", "compressed air energy"),
        "Energie der Druckluftzähler in kWh.",
        "Energy of the compressed-air meters in kWh.",
        media=("compressed_air",),
        evidence=(("readings", "COUNT(*)"),),
        family="energy",
    ),
    Metric(
        "energy_per_good_unit",
        "energy_per_unit",
        "SUM(kwh) / NULLIF(SUM(good), 0)",
        "kWh/unit",
        "lower",
        "Energie pro Gutteil",
        "Energy per good unit",
        (
            "energie pro gutteil",
            "energieverbrauch pro gutteil",
            "energieverbrauch pro teil",
            "energie pro gutes teil",
            "energie je gutteil",
            "energy per good part",
            "energy consumption per good unit",
            "energy consumption per unit",
            "energie pro teil",
            "kwh pro teil",
            "kwh pro gutteil",
            "energieeffizienz",
            "spezifischer energieverbrauch",
            "energiekennzahl",
            "enpi",
        ),
        (
            "energy per good unit",
            "energy per unit",
            "kwh per unit",
            "kwh per part",
            "kwh per good part",
            "kwh per good unit",
            "energy intensity",
            "energy efficiency",
            "specific energy",
            "enpi",
        ),
        "Energie aller Zähler der Linie / Gutteile (ISO 50001 EnPI).",
        "Energy of all the line's meters / good units (ISO 50001 EnPI).",
        evidence=(("kwh", "SUM(kwh)"), ("good", "SUM(good)")),
        target="kwh_per_good_unit",
        family="energy",
    ),
    Metric(
        "good_units_per_kwh",
        "energy_per_unit",
        "SUM(good) / NULLIF(SUM(kwh), 0)",
        "units/kWh",
        "higher",
        "Gutteile pro kWh",
        "Good units per kWh",
        (
            "gutteile pro kwh",
            "gutteile je kwh",
            "teile pro kwh",
            "teile je kwh",
            "stück pro kwh",
            "stück je kwh",
        ),
        ("good units per kwh", "good parts per kwh", "units per kwh", "parts per kwh", "pieces per kwh"),
        "Gutteile / Energie aller Zähler der Linie (der Kehrwert der Energie pro Gutteil).",
        "Good units / energy of all the line's meters (the inverse of energy per good unit).",
        evidence=(("good", "SUM(good)"), ("kwh", "SUM(kwh)")),
        family="energy",
    ),
    Metric(
        "idle_load",
        "idle",
        "SUM(kwh) / NULLIF(COUNT(DISTINCT ts) * 0.25, 0)",
        "kW",
        "lower",
        "Grundlast",
        "Idle load",
        (
            "grundlast",
            "ruhelast",
            "leerlauf",
            "standby",
            "grundverbrauch",
            "basislast",
        ),
        ("idle load", "base load", "baseload", "standby load", "idle power"),
        "Mittlere Leistung in Intervallen ohne Schicht auf der Linie.",
        "Mean power in intervals when the line works no shift.",
        evidence=(("kwh", "SUM(kwh)"), ("idle_h", "COUNT(DISTINCT ts) * 0.25")),
        family="energy",
    ),
    Metric(
        "idle_energy",
        "idle",
        "SUM(kwh)",
        "kWh",
        "lower",
        "Energie im Leerlauf",
        "Idle energy",
        (
            "leerlaufenergie",
            "grundlastenergie",
            "leerlaufverbrauch",
            "verbrauch im leerlauf",
            "energie im leerlauf",
            "nicht gearbeitet",
            "nicht produziert",
            "ausserhalb der schichten",
            "außerhalb der schichten",
            "ohne schicht",
            "außerhalb der arbeitszeit",
            "ausserhalb der arbeitszeit",
            "außerhalb der arbeitszeiten",
            "ausserhalb der arbeitszeiten",
            "keine schicht lief",
            "ohne laufende schicht",
            "in den pausen der linie",
        ),
        (
            "idle energy",
            "idle kwh",
            "idle consumption",
            "standby consumption",
            "standby energy",
            "outside shifts",
            "outside the shifts",
            "outside of shifts",
            "not working",
            "was not working",
            "wasn't working",
            "when idle",
            "while idle",
            "outside working hours",
            "outside worked hours",
            "outside of working hours",
            "when nobody is working",
            "nobody working",
            "no shift running",
            "no shift was running",
            "when no shift",
            "with no shift",
        ),
        "Energie in Intervallen ohne Schicht auf der Linie.",
        "Energy in intervals when the line works no shift.",
        evidence=(("readings", "COUNT(*)"),),
        family="energy",
    ),
    Metric(
        "missing_readings",
        "reading_gaps",
        "SUM(expected - present)",
        "count",
        "lower",
        "Fehlende Viertelstundenwerte",
        "Missing readings",
        (
            "fehlende viertelstundenwerte",
            "fehlende zählerwerte",
            "fehlende messwerte",
            "datenlücken",
            "messlücken",
        ),
        ("missing readings", "missing intervals", "missing meter readings", "data gaps", "reading gaps"),
        "15-Minuten-Intervalle, die die Zähler des Werks erfasst haben, ohne Wert dieses Zählers.",
        "15-minute intervals the plant's meters recorded that have no value from this meter.",
        evidence=(("intervals", "MAX(expected)"), ("readings", "SUM(present)")),
        family="energy",
    ),
    Metric(
        "short_stops",
        "alarms",
        "COUNT(*)",
        "count",
        "lower",
        "Kurzstopps",
        "Short stops",
        ("kurzstopps", "kurzstillstände", "mikrostopps", "kurze stopps", "taktverluste"),
        ("short stops", "micro stops", "minor stops", "small stops"),
        "Anzahl Maschinenalarme unter zwei Minuten.",
        "Number of machine alarms under two minutes.",
        where="duration_s < 120",
        evidence=(("minutes", "SUM(duration_s) / 60"),),
        family="downtime",
    ),
)


def _measure(record: Record, aggregation: str, field: str) -> Metric:
    """A generated measure: an aggregation over one field of a kind of record."""
    agg = AGGREGATIONS[aggregation]
    x = record.field_sql(field) or "0"
    if aggregation == "count":
        value, unit, evidence = "COUNT(*)", "count", (("records", "COUNT(*)"),)
        label_de, label_en = f"Anzahl {record.label_de}", f"Number of {record.label_en}"
    elif field in record.quantities:
        unit, value, evidence = record.quantity_unit, agg.sql.format(x=x), (("records", "COUNT(*)"),)
        noun_de, noun_en = FIELD_WORDS[field]
        word_de, word_en = QUANTITY_WORDS.get(aggregation, (agg.label_de, agg.label_en))
        label_de = f"{word_de} {noun_de} – {record.label_de}"
        label_en = f"{word_en} {noun_en} – {record.label_en}"
    else:
        unit = "min" if aggregation == "total" or record.detail_unit == "min" else "s"
        value = agg.sql.format(x=x) + (" / 60" if unit == "min" else "")
        evidence = (("records", "COUNT(*)"),)
        noun_de, noun_en = FIELD_WORDS[field]
        label_de = f"{agg.label_de} {noun_de} – {record.label_de}"
        label_en = f"{agg.label_en} {noun_en} – {record.label_en}"
    return Metric(
        measure_key(record.key, aggregation, field),
        record.source,
        value,
        unit,
        record.direction if aggregation == "count" else "lower",
        label_de,
        label_en,
        (),
        (),
        label_de + ".",
        label_en + ".",
        where=record.where,
        evidence=evidence,
        family=record.family,
    )


def _measures() -> tuple[Metric, ...]:
    """Every aggregation over every record that the catalogue does not name."""
    named = {m.key for m in METRICS}
    found = []
    for record in RECORDS.values():
        combos = [("count", "duration")]
        combos += [(a, f) for f, _sql in record.fields for a in AGGREGATIONS if a != "count"]
        for aggregation, field_name in combos:
            if measure_key(record.key, aggregation, field_name) not in named:
                found.append(_measure(record, aggregation, field_name))
    return tuple(found)


MEASURES: tuple[Metric, ...] = _measures()
METRIC_BY_KEY: dict[str, Metric] = {m.key: m for m in (*METRICS, *MEASURES)}


@dataclass(frozen=True)
class Dimension:
    """A way to group a metric, with its names."""

    key: str
    label_de: str
    label_en: str
    words_de: tuple[str, ...] = field(default=())
    words_en: tuple[str, ...] = field(default=())

    def label(self, language: str) -> str:
        """Name in the user's language."""
        return self.label_de if language == "de" else self.label_en


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("line", "Linie", "line", ("linie", "linien", "anlage", "anlagen"), ("line", "lines")),
    Dimension(
        "shift_day",
        "Einzelschicht",
        "single shift",
        ("einzelschicht", "einzelschichten", "einzelne schicht", "einzelnen schicht", "einzelnen schichten"),
        ("single shift", "single shifts", "individual shift", "individual shifts"),
    ),  # one shift of one day: '2025-11-18 E'
    Dimension(
        "station",
        "Station",
        "station",
        ("station", "stationen", "maschine", "maschinen"),
        ("station", "stations", "machine", "machines"),
    ),
    Dimension(
        "reason",
        "Grund",
        "reason",
        (
            "grund",
            "gründe",
            "ursache",
            "ursachen",
            "stillstandsgrund",
            "stillstandsgründe",
            "stillstandsursachen",
            "störgründe",
            "störgrund",
            "störungsgrund",
            "störungsgründe",
            "ausfallgrund",
            "ausfallgründe",
        ),
        ("reason", "reasons", "cause", "causes"),
    ),
    Dimension(
        "loss_category",
        "Verlustart",
        "loss category",
        ("verlustart", "verlustkategorie", "kategorie"),
        ("loss category", "category", "loss type"),
    ),
    Dimension("shift", "Schicht", "shift", ("schicht", "schichten"), ("shift", "shifts")),
    Dimension(
        "team",
        "Team",
        "team",
        ("team", "teams", "schichtgruppe", "schichtgruppen", "gruppe", "gruppen", "schichtmannschaft"),
        ("team", "teams", "crew", "crews", "shift group", "shift groups", "shift team", "shift teams"),
    ),
    Dimension(
        "day",
        "Tag",
        "day",
        ("tag", "tage", "täglich", "pro tag", "tagesweise", "verlauf", "entwicklung"),
        ("day", "days", "daily", "per day", "trend", "over time"),
    ),
    Dimension(
        "week",
        "Woche",
        "week",
        ("woche", "wochen", "wöchentlich", "pro woche", "kw"),
        ("week", "weeks", "weekly", "per week"),
    ),
    Dimension("hour", "Stunde", "hour", ("stunde", "uhrzeit", "tageszeit"), ("hour", "time of day")),
    Dimension(
        "weekday",
        "Wochentag",
        "weekday",
        ("wochentag", "wochentage", "wochentagen", "nach wochentag"),
        ("weekday", "weekdays", "day of the week", "day of week", "by weekday"),
    ),
    Dimension(
        "product",
        "Produkt",
        "product",
        ("produkt", "produkte", "artikel", "variante"),
        ("product", "products", "article", "variant"),
    ),
    Dimension(
        "family",
        "Produktfamilie",
        "product family",
        ("familie", "produktfamilie"),
        ("family", "product family"),
    ),
    Dimension(
        "supplier",
        "Lieferant",
        "supplier",
        ("lieferant", "lieferanten"),
        ("supplier", "suppliers", "vendor"),
    ),
    Dimension(
        "batch",
        "Charge",
        "batch",
        ("charge", "chargen", "materialcharge"),
        ("batch", "batches", "lot"),
    ),
    Dimension(
        "defect",
        "Fehlerart",
        "defect",
        ("fehler", "fehlerart", "fehlerarten", "fehlercode", "defekt"),
        ("defect", "defects", "defect code", "failure mode"),
    ),
    Dimension(
        "defect_category",
        "Fehlerkategorie",
        "defect category",
        (
            "fehlerkategorie",
            "fehlerkategorien",
            "fehlergruppe",
            "fehlergruppen",
            "fehlerklasse",
            "fehlerklassen",
        ),
        ("defect category", "defect categories", "defect class", "defect classes", "defect group"),
    ),
    Dimension(
        "record", "Eintrag", "record"
    ),  # one record itself (a stop, a changeover, an order): never said
    Dimension(
        "product_change",
        "Produktwechsel",
        "product switch",
        ("produktwechsel", "wechselpaar", "wechselpaare", "produktpaar", "produktkombination"),
        ("product switch", "product switches", "switch pair", "product pair", "product combination"),
    ),
    Dimension(
        "order_id",
        "Auftrag",
        "order",
        ("auftrag", "aufträge", "fertigungsauftrag", "produktionsauftrag"),
        ("order", "orders", "production order"),
    ),
    Dimension("meter", "Zähler", "meter", ("zähler", "zaehler", "messstelle"), ("meter", "meters")),
    Dimension(
        "medium",
        "Medium",
        "medium",
        ("medium", "medien", "energieart", "energieträger"),
        ("medium", "media", "energy type"),
    ),
    Dimension(
        "alarm",
        "Alarm",
        "alarm",
        ("alarm", "alarme", "alarmcode", "alarmcodes"),
        ("alarm", "alarms", "alarm code", "alarm codes"),
    ),
    Dimension(
        "family_change",
        "Wechselart",
        "change type",
        ("familienwechsel", "wechselart"),
        ("family change", "change type"),
    ),
)

DIMENSION_BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}


def part_name(part_key: str, whole_key: str, language: str) -> str:
    """What a share's part is called: its record ('Ausfälle'), or its field when both sum one record ('made')."""
    label = METRIC_BY_KEY[part_key].label(language)
    part, whole = record_of(part_key), record_of(whole_key)
    same_record = part is not None and whole is not None and part[0] == whole[0]
    return label.split(" – ")[0] if same_record else label.split(" – ")[-1]
