"""Master data of the sample plant: lines, stations, products, codes, meters and targets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

PLANT_NAME = "Werk Neustadt"
TIMEZONE = "Europe/Berlin"
PERIOD_START = datetime(2025, 9, 22)
NOW = datetime(2025, 11, 20, 14, 0)
HOLIDAYS: tuple = ()  # public holidays with no shifts

SHIFTS = (
    # code, name_de, name_en, start hour, break start hour (30 minutes)
    ("E", "Frühschicht", "Early shift", 6, 10.0),
    ("L", "Spätschicht", "Late shift", 14, 18.0),
    ("N", "Nachtschicht", "Night shift", 22, 2.0),
)
SHIFT_HOURS = 8
BREAK_MINUTES = 30

TEAMS = (
    ("T-A", "Schichtgruppe A"),
    ("T-B", "Schichtgruppe B"),
    ("T-C", "Schichtgruppe C"),
    ("T-D", "Lackiererei Gruppe D"),
    ("T-E", "Lackiererei Gruppe E"),
)


@dataclass(frozen=True)
class EnergyProfile:
    """Power draw of one meter in kW by state, plus energy per finished unit in kWh."""

    meter_suffix: str
    medium: str
    description: str
    base_kw: float  # always on (idle load)
    worked_kw: float = 0.0  # extra while a shift is worked, producing or not (ovens, HVAC)
    run_kw: float = 0.0  # extra while producing
    standby_kw: float = 0.0  # extra during stops and breaks
    changeover_kw: float = 0.0  # extra during changeovers
    per_unit_kwh: float = 0.0


@dataclass(frozen=True)
class LineSpec:
    """Everything that makes one line behave the way it does."""

    line_no: int
    name: str
    area: str
    takt_time_s: float
    stations: tuple[tuple[str, str], ...]  # (name, station_type) in flow order
    main_station: int  # seq of the station where changeovers happen
    products: tuple[tuple[str, str, str, float], ...]  # (product_id, name, family, ideal cycle s)
    shift_codes: tuple[str, ...]
    teams: tuple[str, ...]
    speed_factor: float  # mean actual cycle / ideal cycle without short stops
    cycle_sigma: float
    short_stop_p: float  # share of units held up by an alarm under two minutes
    scrap_rate: float
    defects: tuple[tuple[str, float], ...]  # (defect_code, weight)
    alarm_codes: tuple[str, ...]
    order_hours: tuple[float, float]  # order length in production hours (min, max)
    levelled: bool  # cycle through the products in a fixed mix instead of random batches
    changeover_std_s: tuple[float, float]  # standard within / between families
    changeover_ratio: tuple[float, float]  # mean actual / standard within / between families
    material: str
    suppliers: tuple[str, ...]
    energy: tuple[EnergyProfile, ...]
    story: bool = True
    line_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.line_id:
            object.__setattr__(self, "line_id", f"L{self.line_no}")


DOWNTIME_REASONS = (
    # code, text_de, text_en, loss_category, planned
    ("BD-MECH", "Mechanischer Defekt", "Mechanical failure", "breakdown", False),
    ("BD-ELEC", "Elektrische Störung", "Electrical fault", "breakdown", False),
    ("BD-HYD", "Hydraulikstörung", "Hydraulic failure", "breakdown", False),
    ("BD-TOOL", "Werkzeugbruch", "Tool breakage", "breakdown", False),
    ("SETUP", "Rüsten / Produktwechsel", "Changeover", "setup", False),
    ("SS-JAM", "Teilestau", "Part jam", "small_stop", False),
    ("SS-SENS", "Sensorstörung", "Sensor fault", "small_stop", False),
    ("SS-ADJ", "Nachjustieren", "Readjustment", "small_stop", False),
    ("MAT-MISS", "Materialmangel", "Material shortage", "material", False),
    ("MAT-DEF", "Fehlerhaftes Material", "Defective material", "material", False),
    ("Q-HOLD", "Qualitätssperre / Prüfung", "Quality hold / inspection", "quality", False),
    ("ORG-STAFF", "Personalmangel", "No operator available", "organisational", False),
    ("ORG-WAIT", "Warten auf Freigabe", "Waiting for release", "organisational", False),
    ("PL-MEET", "Teambesprechung", "Team meeting", "planned", True),
    ("PL-MAINT", "Geplante Wartung", "Planned maintenance", "planned", True),
    ("PL-CLEAN", "Reinigung (5S)", "Cleaning (5S)", "planned", True),
)

ALARM_CODES = (
    ("A-101", "Lichtvorhang unterbrochen", "Light curtain interrupted"),
    ("A-130", "Stau in der Teilezuführung", "Feeder jam"),
    ("A-150", "Druckluft zu niedrig", "Compressed air pressure low"),
    ("A-160", "Werkzeugtemperatur außerhalb Toleranz", "Die temperature out of range"),
    ("A-170", "Schraubmoment nicht in Ordnung", "Screw torque out of range"),
    ("A-180", "Stau auf dem Förderband", "Conveyor jam"),
    ("A-190", "Sensor verschmutzt", "Sensor dirty"),
    ("A-200", "Kamera: Bild unscharf", "Vision system: image blurred"),
    ("A-217", "Greifer: Teil nicht erkannt", "Gripper: part not detected"),
    ("A-230", "Lackdruck schwankt", "Paint pressure fluctuating"),
    ("A-240", "Ofentemperatur Abweichung", "Oven temperature deviation"),
    ("A-900", "Not-Halt betätigt", "Emergency stop pressed"),
)

DEFECT_CODES = (
    ("D-POR", "Porosität", "Porosity", "casting"),
    ("D-GRAT", "Grat nicht entfernt", "Burr not removed", "casting"),
    ("D-MASS", "Maßabweichung", "Dimension out of tolerance", "dimension"),
    ("D-RISS", "Riss im Blech", "Crack in the sheet", "forming"),
    ("D-FALT", "Faltenbildung", "Wrinkling", "forming"),
    ("D-KRATZ", "Kratzer", "Scratch", "surface"),
    ("D-MONT", "Montagefehler", "Assembly error", "assembly"),
    ("D-FUNK", "Funktionsprüfung nicht bestanden", "Function test failed", "function"),
    ("D-LACK", "Lackläufer", "Paint run", "surface"),
    ("D-EINS", "Einschluss im Lack", "Inclusion in the coating", "surface"),
    ("D-SCHD", "Schichtdicke nicht in Ordnung", "Coating thickness out of tolerance", "surface"),
)

LINES = (
    LineSpec(
        line_no=1,
        name="Linie 1 – Druckguss",
        area="Gießerei",
        takt_time_s=72.0,
        stations=(
            ("Druckgießzelle", "casting"),
            ("Entgratpresse", "press"),
            ("CNC-Bearbeitung", "machining"),
            ("Dichtheitsprüfung", "test"),
            ("Verpackung", "packing"),
        ),
        main_station=1,
        products=(
            ("P-1101", "Getriebegehäuse GH-40", "Gehäuse", 58.0),
            ("P-1102", "Getriebegehäuse GH-45", "Gehäuse", 61.0),
            ("P-1201", "Lagerdeckel LD-12", "Deckel", 54.0),
            ("P-1202", "Lagerdeckel LD-16", "Deckel", 56.0),
        ),
        shift_codes=("E", "L", "N"),
        teams=("T-A", "T-B", "T-C"),
        speed_factor=1.08,
        cycle_sigma=0.035,
        short_stop_p=0.02,
        scrap_rate=0.022,
        defects=(("D-POR", 0.45), ("D-GRAT", 0.25), ("D-MASS", 0.2), ("D-KRATZ", 0.1)),
        alarm_codes=("A-160", "A-101", "A-150", "A-190", "A-180"),
        order_hours=(7.0, 14.0),
        levelled=False,
        changeover_std_s=(1500.0, 2700.0),
        changeover_ratio=(1.08, 1.12),
        material="Aluminiumlegierung AlSi9Cu3",
        suppliers=("AluNord GmbH", "Metallhütte Süd AG"),
        energy=(
            EnergyProfile("E", "electricity", "Hauptverteilung Linie 1", 20, 30, 90, 10, 40, 0.05),
            EnergyProfile("CA", "compressed_air", "Druckluft Linie 1", 130, 0, 25, 5, 5),
        ),
    ),
    LineSpec(
        line_no=2,
        name="Linie 2 – Presswerk",
        area="Umformung",
        takt_time_s=18.0,
        stations=(
            ("Coil-Abwicklung", "feeder"),
            ("Transferpresse 1", "press"),
            ("Transferpresse 2", "press"),
            ("Sichtprüfung", "test"),
            ("Stapelstation", "packing"),
        ),
        main_station=2,
        products=(
            ("P-2101", "Halter HB-100", "Halter", 14.0),
            ("P-2102", "Halter HB-120", "Halter", 14.5),
            ("P-2103", "Halter HB-140", "Halter", 15.0),
            ("P-2201", "Querträger QT-300", "Träger", 15.5),
            ("P-2202", "Querträger QT-350", "Träger", 16.0),
        ),
        shift_codes=("E", "L", "N"),
        teams=("T-A", "T-B", "T-C"),
        speed_factor=1.07,
        cycle_sigma=0.03,
        short_stop_p=0.012,
        scrap_rate=0.012,
        defects=(("D-RISS", 0.3), ("D-FALT", 0.3), ("D-MASS", 0.25), ("D-KRATZ", 0.15)),
        alarm_codes=("A-130", "A-101", "A-180", "A-190"),
        order_hours=(20.0, 30.0),
        levelled=False,
        changeover_std_s=(1800.0, 2700.0),
        changeover_ratio=(1.1, 2.0),
        material="Stahlband DC04",
        suppliers=("Bandstahl West GmbH", "Stahlhandel Ost KG"),
        energy=(
            EnergyProfile("E", "electricity", "Hauptverteilung Presswerk", 25, 20, 150, 15, 20, 0.0),
            EnergyProfile("CA", "compressed_air", "Druckluft Presswerk", 12, 0, 15, 3, 2),
        ),
    ),
    LineSpec(
        line_no=3,
        name="Linie 3 – Montage",
        area="Montage",
        takt_time_s=60.0,
        stations=(
            ("Gehäusezuführung", "feeder"),
            ("Leiterplatte einsetzen", "assembly"),
            ("Verschrauben", "assembly"),
            ("Deckelmontage Roboter", "assembly"),
            ("Laserbeschriftung", "marking"),
            ("End-of-Line-Test", "test"),
            ("Verpackung", "packing"),
        ),
        main_station=2,
        products=(
            ("P-3101", "Steuergerät SG-A", "Steuergeräte", 44.0),
            ("P-3102", "Steuergerät SG-B", "Steuergeräte", 45.0),
            ("P-3103", "Steuergerät SG-C", "Steuergeräte", 46.0),
        ),
        shift_codes=("E", "L", "N"),
        teams=("T-A", "T-B", "T-C"),
        speed_factor=1.09,
        cycle_sigma=0.035,
        short_stop_p=0.02,
        scrap_rate=0.01,
        defects=(("D-MONT", 0.45), ("D-FUNK", 0.35), ("D-KRATZ", 0.2)),
        alarm_codes=("A-170", "A-200", "A-101", "A-180", "A-190"),
        order_hours=(1.5, 2.5),
        levelled=True,
        changeover_std_s=(360.0, 900.0),
        changeover_ratio=(1.05, 1.1),
        material="Gehäuse PA6-GF30",
        suppliers=("Kunststofftechnik Meier GmbH", "PolyForm Plast AG"),
        energy=(
            EnergyProfile("E", "electricity", "Hauptverteilung Montage", 15, 15, 55, 5, 5, 0.0),
            EnergyProfile("CA", "compressed_air", "Druckluft Montage", 10, 0, 12, 2, 0),
        ),
    ),
    LineSpec(
        line_no=4,
        name="Linie 4 – Lackierung",
        area="Oberfläche",
        takt_time_s=45.0,
        stations=(
            ("Vorbehandlung", "pretreatment"),
            ("Grundierung", "painting"),
            ("Decklack-Roboter", "painting"),
            ("Einbrennofen", "oven"),
            ("Sichtprüfung", "test"),
            ("Abhängen / Verpacken", "packing"),
        ),
        main_station=3,
        products=(
            ("P-4101", "Verkleidung RAL 9005 schwarz", "Uni", 34.0),
            ("P-4102", "Verkleidung RAL 9010 weiß", "Uni", 34.0),
            ("P-4103", "Verkleidung RAL 7016 anthrazit", "Uni", 35.0),
            ("P-4201", "Verkleidung Metallic Silber", "Metallic", 37.0),
            ("P-4202", "Verkleidung Metallic Blau", "Metallic", 37.0),
        ),
        shift_codes=("E", "L"),
        teams=("T-D", "T-E"),
        speed_factor=1.08,
        cycle_sigma=0.035,
        short_stop_p=0.02,
        scrap_rate=0.018,
        defects=(("D-LACK", 0.35), ("D-EINS", 0.35), ("D-SCHD", 0.2), ("D-KRATZ", 0.1)),
        alarm_codes=("A-230", "A-240", "A-180", "A-190", "A-101"),
        order_hours=(4.5, 8.0),
        levelled=False,
        changeover_std_s=(1200.0, 1800.0),
        changeover_ratio=(1.05, 1.1),
        material="Pulverlack",
        suppliers=("Farbwerke Rhein GmbH", "CoatTec AG"),
        energy=(
            EnergyProfile("E", "electricity", "Kabine und Fördertechnik", 25, 10, 80, 40, 310, 0.0),
            EnergyProfile("OVEN", "electricity", "Einbrennofen", 30, 160, 0, 0, 0),
            EnergyProfile("CA", "compressed_air", "Druckluft Lackierung", 8, 0, 15, 3, 5),
        ),
    ),
)

SITE_METERS = (
    ("E-SITE", "electricity", "Gebäude, Beleuchtung, Lüftung"),
    ("H-SITE", "heat", "Fernwärme Hallenheizung"),
)


def plant_lines(scale: int) -> tuple[LineSpec, ...]:
    """The four story lines, plus (scale - 1) copies of them without stories."""
    lines = list(LINES)
    for copy in range(1, scale):
        for spec in LINES:
            no = copy * len(LINES) + spec.line_no
            lines.append(
                replace(
                    spec,
                    line_no=no,
                    line_id=f"L{no}",
                    name=f"Linie {no} – {spec.name.split('– ')[1]} {copy + 1}",
                    story=False,
                )
            )
    return tuple(lines)


def shift_window(shift_code: str) -> tuple[float, float]:
    """Start hour and break start hour of a shift."""
    for code, _de, _en, start, brk in SHIFTS:
        if code == shift_code:
            return float(start), brk
    raise KeyError(shift_code)
