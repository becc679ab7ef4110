"""Master data of the Talquell beverage plant: lines, stations, products, codes, shifts and meters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PLANT_NAME = "Getränkewerk Talquell"
TIMEZONE = "Europe/Vienna"
PERIOD_START = datetime(2026, 2, 23)  # a Monday
NOW = datetime(2026, 3, 17, 6, 0)  # a Tuesday, right after the night shift of Monday ended
SOURCE = "Talquell beverage plant generator (second test plant)"

SHIFTS = (
    # code, name_de, name_en, start hour, breaks (hours after the shift start, 30 minutes each)
    ("TS", "Tagschicht", "Day shift", 6, (4.0, 8.5)),
    ("NS", "Nachtschicht", "Night shift", 18, (4.0, 8.5)),
)
SHIFT_HOURS = 12
BREAK_MINUTES = 30

TEAMS = (
    ("GRP-ROT", "Gruppe Rot"),
    ("GRP-BLAU", "Gruppe Blau"),
    ("GRP-GRUEN", "Gruppe Grün"),
    ("GRP-GELB", "Gruppe Gelb"),
    ("GRP-TAG", "Tagdienst Gastro"),
)
ROTATING_TEAMS = ("GRP-ROT", "GRP-BLAU", "GRP-GRUEN", "GRP-GELB")

MON_FRI_BOTH_SAT_DAY = {
    0: ("TS", "NS"),
    1: ("TS", "NS"),
    2: ("TS", "NS"),
    3: ("TS", "NS"),
    4: ("TS", "NS"),
    5: ("TS",),
}
MON_SAT_BOTH = {day: ("TS", "NS") for day in range(6)}
MON_FRI_BOTH = {day: ("TS", "NS") for day in range(5)}
MON_SAT_DAY = {day: ("TS",) for day in range(6)}
MON_FRI_DAY = {day: ("TS",) for day in range(5)}


@dataclass(frozen=True)
class Meter:
    """One energy meter of a line: power in kW by state (always, while a shift is worked, while running)."""

    meter_id: str
    medium: str
    description: str
    base_kw: float
    shift_kw: float
    run_kw: float


@dataclass(frozen=True)
class Line:
    """A filling line and how it behaves."""

    line_id: str
    line_no: int
    name: str
    area: str
    takt_time_s: float
    stations: tuple[tuple[str, str], ...]  # (name, station_type) in flow order
    filler_seq: int  # where changeovers and filling stops happen
    products: tuple[tuple[str, float], ...]  # (product_id, ideal seconds per pallet)
    week: dict[int, tuple[str, ...]]  # weekday -> worked shift codes
    speed: float  # mean actual cycle / ideal cycle
    sigma: float
    alarm_p: float  # share of pallets held up by an alarm under two minutes
    scrap_p: float
    defects: tuple[tuple[str, float], ...]
    order_hours: tuple[float, float]
    changeover_std_s: tuple[float, float]  # standard within a family, between families
    changeover_ratio: tuple[float, float]  # mean actual / standard, within and between
    stop_rate: float  # unplanned stops of 2 minutes or more per worked hour
    material: str
    suppliers: tuple[str, str]
    batch_pallets: int
    meters: tuple[Meter, ...]
    crew: str = ""  # a fixed crew for every shift; empty: the four crews rotate
    daily_cip: bool = False  # a planned CIP cleaning at the end of every day, not only of the week
    maintenance_weekday: int = (
        2  # two hours of planned maintenance after the first break of this weekday's day shift
    )

    def station_id(self, seq: int) -> str:
        """The station identifier of a position in the flow."""
        return f"{self.line_id}-M{seq:02d}"


PRODUCTS = (
    # product_id, name, family
    ("TQ-0701", "Talquell Classic 0,7 l Mehrweg", "Mineralwasser"),
    ("TQ-0702", "Talquell Medium 0,7 l Mehrweg", "Mineralwasser"),
    ("TQ-0703", "Talquell Naturell 0,7 l Mehrweg", "Mineralwasser"),
    ("TQ-0751", "Zitronenlimonade 0,7 l Mehrweg", "Limonade"),
    ("TQ-1501", "Talquell Classic 1,5 l PET", "Mineralwasser"),
    ("TQ-1502", "Talquell Naturell 1,5 l PET", "Mineralwasser"),
    ("TQ-0551", "Orangenlimonade 0,5 l PET", "Limonade"),
    ("TQ-0561", "Eistee Pfirsich 0,5 l PET", "Eistee"),
    ("TQ-3351", "Zitronenlimo 0,33 l Dose", "Limonade"),
    ("TQ-3352", "Cola-Mix 0,33 l Dose", "Limonade"),
    ("TQ-3361", "Eistee Zitrone 0,33 l Dose", "Eistee"),
    ("TQ-1001", "Apfelsaft naturtrüb 1 l Karton", "Saft"),
    ("TQ-1002", "Orangensaft 1 l Karton", "Saft"),
    ("TQ-1003", "Multivitaminsaft 1 l Karton", "Saft"),
    ("TQ-1061", "Eistee Pfirsich 1 l Karton", "Eistee"),
    ("TQ-9001", "Sirup Cola 10 l Bag-in-Box", "Sirup"),
    ("TQ-9002", "Sirup Zitrone 10 l Bag-in-Box", "Sirup"),
    ("TQ-9003", "Sirup Orange 10 l Bag-in-Box", "Sirup"),
    ("TQ-0201", "Talquell Classic 0,2 l Gastro", "Mineralwasser"),
    ("TQ-0202", "Talquell Naturell 0,2 l Gastro", "Mineralwasser"),
    ("TQ-0251", "Bitter Lemon 0,2 l Gastro", "Limonade"),
    ("TQ-0252", "Tonic Water 0,2 l Gastro", "Limonade"),
)
FAMILY = {pid: family for pid, _name, family in PRODUCTS}

DOWNTIME_REASONS = (
    # code, text_de, text_en, loss_category, planned
    ("S110", "Mechanischer Ausfall", "Mechanical breakdown", "breakdown", False),
    ("S120", "Antrieb oder Elektrik ausgefallen", "Drive or electrics failed", "breakdown", False),
    ("S130", "Pneumatik- oder Ventilausfall", "Pneumatics or valve failure", "breakdown", False),
    ("S140", "Formatteil gebrochen", "Change part broken", "breakdown", False),
    ("S210", "Sortenwechsel", "Flavour change", "setup", False),
    ("S220", "Sortenwechsel mit CIP-Spülung", "Flavour change with CIP rinse", "setup", False),
    ("S310", "Behälterstau", "Container jam", "small_stop", False),
    ("S320", "Störung Etikettierung", "Labelling fault", "small_stop", False),
    ("S330", "Lichtschranke verstellt", "Photo eye misaligned", "small_stop", False),
    ("S340", "Umgefallene Behälter", "Fallen containers", "small_stop", False),
    ("S410", "Leergut fehlt", "No empties available", "material", False),
    ("S420", "Packmittel fehlt", "Packaging material missing", "material", False),
    ("S510", "Warten auf Laborfreigabe", "Waiting for lab release", "quality", False),
    ("S520", "Füllhöhe nachkontrollieren", "Fill level re-check", "quality", False),
    ("S610", "Bedienpersonal fehlt", "Crew short", "organisational", False),
    ("S620", "Kein Stapler verfügbar", "No forklift available", "organisational", False),
    ("S710", "CIP-Reinigung nach Plan", "Scheduled CIP cleaning", "planned", True),
    ("S720", "Schichtübergabe und Teamrunde", "Shift handover and crew huddle", "planned", True),
    ("S730", "Instandhaltung nach Plan", "Scheduled maintenance", "planned", True),
)
BREAKDOWN_REASONS = ("S110", "S120", "S130", "S140")

DEFECT_CODES = (
    ("QF-01", "Füllhöhe unterschritten", "Underfilled", "fill"),
    ("QF-02", "Etikett schief oder fehlend", "Label crooked or missing", "label"),
    ("QF-03", "Verschluss undicht", "Leaking closure", "closure"),
    ("QF-04", "Fremdkörper erkannt", "Foreign body detected", "hygiene"),
    ("QF-05", "MHD-Aufdruck fehlerhaft", "Best-before print faulty", "coding"),
    ("QF-06", "Palette instabil", "Unstable pallet", "palletising"),
    ("QF-07", "Falznaht fehlerhaft", "Faulty can seam", "closure"),
    ("QF-08", "Karton beschädigt", "Carton damaged", "packaging"),
    ("QF-09", "CO2-Gehalt außerhalb Toleranz", "CO2 content out of tolerance", "product"),
    ("QF-10", "Brix außerhalb Toleranz", "Brix out of tolerance", "product"),
)

ALARM_CODES = (
    ("E1101", "Etikettenrolle leer", "Label reel empty"),
    ("E1102", "Etikettierer: Etikett klemmt im Greiferzylinder", "Labeller: label stuck in gripper cylinder"),
    ("E1103", "Leimwalze Temperatur zu niedrig", "Glue roller temperature low"),
    ("E1201", "Trinkhalm nicht gesetzt", "Straw not applied"),
    ("E2101", "Stau an der Einlaufschnecke", "Infeed worm jammed"),
    ("E2102", "Flasche auf dem Transportband umgefallen", "Bottle fell over on the conveyor"),
    ("E2201", "Rückstau am Auslauf", "Outfeed backed up"),
    ("E3101", "Verschließkopf Drehmoment außerhalb", "Capping head torque out of range"),
    ("E3201", "Deckel- oder Verschlusszufuhr leer", "Lid or closure feed empty"),
    ("E4101", "Füllventil meldet Störung", "Filling valve fault"),
    ("E4201", "Preform-Zufuhr gestaut", "Preform feed jammed"),
    ("E5101", "Folie gerissen", "Film torn"),
    ("E5201", "Kartonmagazin leer", "Carton magazine empty"),
    ("E6101", "Palettierer: Lage verschoben", "Palletiser: layer shifted"),
    ("E7101", "Inspektor: Ausleitband voll", "Inspector: reject conveyor full"),
    ("E8101", "Tunnelpasteur Zone 3 Temperatur", "Tunnel pasteuriser zone 3 temperature"),
    ("E8201", "Laugentemperatur Waschmaschine", "Bottle washer caustic temperature"),
    ("E8301", "Heißhaltetemperatur unterschritten", "Holding temperature too low"),
    ("E8401", "Dosierpumpe Störung", "Dosing pump fault"),
    ("E9001", "Not-Aus betätigt", "Emergency stop pressed"),
)

STATION_ALARMS = {
    "depalletiser": ("E2201", "E6101"),
    "unpacker": ("E2201", "E2102"),
    "washer": ("E8201", "E2102"),
    "rinser": ("E2101", "E2102"),
    "inspector": ("E7101",),
    "filler": ("E4101", "E2101"),
    "capper": ("E3101", "E3201"),
    "crowner": ("E3101", "E3201"),
    "seamer": ("E3201", "E3101"),
    "labeller": ("E1101", "E1103", "E1102"),
    "packer": ("E2201", "E5201"),
    "shrink_wrapper": ("E5101",),
    "stretch_wrapper": ("E5101",),
    "palletiser": ("E6101",),
    "pasteuriser": ("E8101",),
    "blow_moulder": ("E4201",),
    "heat_treatment": ("E8301",),
    "applicator": ("E1201",),
    "mixer": ("E8401",),
    "erector": ("E5201",),
    "case_sealer": ("E5201", "E2201"),
}

LINES = (
    Line(
        line_id="FL21",
        line_no=21,
        name="Mehrweg-Glaslinie 21",
        area="Halle A – Glas",
        takt_time_s=150.0,
        stations=(
            ("Leergut-Entpalettierer", "depalletiser"),
            ("Auspacker", "unpacker"),
            ("Flaschenwaschmaschine", "washer"),
            ("Leerflascheninspektor", "inspector"),
            ("Füller 21", "filler"),
            ("Verschließer 21", "capper"),
            ("Etikettiermaschine 21", "labeller"),
            ("Einpacker und Palettierer 21", "palletiser"),
        ),
        filler_seq=5,
        products=(("TQ-0701", 126.0), ("TQ-0702", 126.0), ("TQ-0703", 128.0), ("TQ-0751", 132.0)),
        week=MON_FRI_BOTH_SAT_DAY,
        speed=1.07,
        sigma=0.04,
        alarm_p=0.03,
        scrap_p=0.015,
        defects=(("QF-02", 0.35), ("QF-01", 0.3), ("QF-04", 0.2), ("QF-09", 0.15)),
        order_hours=(8.0, 18.0),
        changeover_std_s=(1200.0, 3600.0),
        changeover_ratio=(1.1, 1.15),
        stop_rate=0.45,
        material="Nassleim-Etiketten 0,7 l",
        suppliers=("Etikettendruck Brenner GmbH", "LabelWorks Graz GmbH"),
        batch_pallets=240,
        meters=(
            Meter("ZS-21", "electricity", "Antriebe Mehrweg-Glaslinie 21", 18.0, 25.0, 85.0),
            Meter("ZD-21", "steam", "Dampf Flaschenwaschmaschine 21", 15.0, 160.0, 40.0),
        ),
    ),
    Line(
        line_id="FL22",
        line_no=22,
        name="PET-Linie 22",
        area="Halle B – Kunststoff und Dose",
        takt_time_s=100.0,
        stations=(
            ("Streckblasmaschine", "blow_moulder"),
            ("PET-Füller", "filler"),
            ("Schraubverschließer", "capper"),
            ("Rundumetikettierer", "labeller"),
            ("Schrumpfpacker", "shrink_wrapper"),
            ("Palettierer 22", "palletiser"),
            ("Stretchwickler", "stretch_wrapper"),
        ),
        filler_seq=2,
        products=(("TQ-1501", 84.0), ("TQ-1502", 84.0), ("TQ-0551", 90.0), ("TQ-0561", 92.0)),
        week=MON_SAT_BOTH,
        speed=1.06,
        sigma=0.035,
        alarm_p=0.025,
        scrap_p=0.012,
        defects=(("QF-02", 0.4), ("QF-01", 0.25), ("QF-06", 0.2), ("QF-05", 0.15)),
        order_hours=(10.0, 22.0),
        changeover_std_s=(1500.0, 3000.0),
        changeover_ratio=(1.1, 1.1),
        stop_rate=0.5,
        material="PET-Preforms",
        suppliers=("Preformwerk Donau GmbH", "PlastiForm Kft."),
        batch_pallets=400,
        meters=(
            Meter("ZS-22", "electricity", "Strom PET-Linie 22 mit Streckblasmaschine", 30.0, 40.0, 260.0),
            Meter("ZK-22", "refrigeration", "Kaltwasser Blasformen 22", 8.0, 20.0, 35.0),
        ),
        maintenance_weekday=3,
    ),
    Line(
        line_id="FL23",
        line_no=23,
        name="Dosenlinie 23",
        area="Halle B – Kunststoff und Dose",
        takt_time_s=90.0,
        stations=(
            ("Dosen-Entpalettierer", "depalletiser"),
            ("Rinser", "rinser"),
            ("Dosenfüller", "filler"),
            ("Dosenverschließer", "seamer"),
            ("Tunnelpasteur", "pasteuriser"),
            ("Füllhöhenkontrolle", "inspector"),
            ("Trayverpacker", "packer"),
            ("Palettierer 23", "palletiser"),
        ),
        filler_seq=3,
        products=(("TQ-3351", 72.0), ("TQ-3352", 72.0), ("TQ-3361", 76.0)),
        week=MON_FRI_BOTH_SAT_DAY,
        speed=1.08,
        sigma=0.04,
        alarm_p=0.03,
        scrap_p=0.014,
        defects=(("QF-07", 0.35), ("QF-01", 0.3), ("QF-05", 0.2), ("QF-06", 0.15)),
        order_hours=(6.0, 14.0),
        changeover_std_s=(1200.0, 2700.0),
        changeover_ratio=(1.1, 1.2),
        stop_rate=0.45,
        material="Dosendeckel 202",
        suppliers=("Deckelwerk Eifel GmbH", "CanEnd Polska Sp. z o.o."),
        batch_pallets=300,
        meters=(
            Meter("ZS-23", "electricity", "Strom Dosenlinie 23", 22.0, 30.0, 120.0),
            Meter("ZD-23", "steam", "Dampf Tunnelpasteur 23", 40.0, 140.0, 90.0),
        ),
    ),
    Line(
        line_id="FL24",
        line_no=24,
        name="Kartonlinie 24 (Saft)",
        area="Halle C – Saft und Sirup",
        takt_time_s=120.0,
        stations=(
            ("Kurzzeiterhitzer", "heat_treatment"),
            ("Aseptik-Kartonfüller", "filler"),
            ("Trinkhalm-Applikator", "applicator"),
            ("Trayverpacker 24", "packer"),
            ("Palettierer 24", "palletiser"),
        ),
        filler_seq=2,
        products=(("TQ-1001", 104.0), ("TQ-1002", 104.0), ("TQ-1003", 106.0), ("TQ-1061", 100.0)),
        week=MON_FRI_BOTH,
        speed=1.07,
        sigma=0.035,
        alarm_p=0.02,
        scrap_p=0.01,
        defects=(("QF-08", 0.4), ("QF-10", 0.3), ("QF-05", 0.2), ("QF-04", 0.1)),
        order_hours=(5.0, 12.0),
        changeover_std_s=(1500.0, 3000.0),
        changeover_ratio=(1.1, 1.6),
        stop_rate=0.35,
        material="Aseptik-Kartonpackmittel 1 l",
        suppliers=("Aseptopack AG", "Kartonagen Vogel KG"),
        batch_pallets=260,
        meters=(
            Meter("ZS-24", "electricity", "Strom Kartonlinie 24", 15.0, 20.0, 70.0),
            Meter("ZD-24", "steam", "Dampf Kurzzeiterhitzer 24", 6.0, 90.0, 30.0),
            Meter("ZK-24", "refrigeration", "Kälte Saftkühlung 24", 10.0, 25.0, 30.0),
        ),
        daily_cip=True,
    ),
    Line(
        line_id="FL25",
        line_no=25,
        name="Bag-in-Box-Linie 25 (Sirup)",
        area="Halle C – Saft und Sirup",
        takt_time_s=720.0,
        stations=(
            ("Sirup-Mischanlage", "mixer"),
            ("BiB-Füller", "filler"),
            ("Kartonaufrichter", "erector"),
            ("Kartonverschließer", "case_sealer"),
            ("Palettierer 25", "palletiser"),
        ),
        filler_seq=2,
        products=(("TQ-9001", 620.0), ("TQ-9002", 640.0), ("TQ-9003", 640.0)),
        week=MON_SAT_DAY,
        speed=1.06,
        sigma=0.03,
        alarm_p=0.12,
        scrap_p=0.012,
        defects=(("QF-10", 0.45), ("QF-08", 0.35), ("QF-05", 0.2)),
        order_hours=(4.0, 9.0),
        changeover_std_s=(1800.0, 1800.0),
        changeover_ratio=(1.1, 1.1),
        stop_rate=0.3,
        material="BiB-Beutel 10 l",
        suppliers=("Folienwerk Rhön GmbH", "BagTec SAS"),
        batch_pallets=30,
        meters=(Meter("ZS-25", "electricity", "Strom Bag-in-Box-Linie 25", 6.0, 12.0, 20.0),),
        daily_cip=True,
    ),
    Line(
        line_id="FL26",
        line_no=26,
        name="Einweg-Glaslinie 26 (Gastro)",
        area="Halle A – Glas",
        takt_time_s=200.0,
        stations=(
            ("Neuglas-Entpalettierer", "depalletiser"),
            ("Füller 26", "filler"),
            ("Kronkorker", "crowner"),
            ("Etikettierer 26", "labeller"),
            ("Kasteneinpacker", "packer"),
            ("Palettierer 26", "palletiser"),
        ),
        filler_seq=2,
        products=(("TQ-0201", 168.0), ("TQ-0202", 168.0), ("TQ-0251", 176.0), ("TQ-0252", 176.0)),
        week=MON_FRI_DAY,
        speed=1.07,
        sigma=0.035,
        alarm_p=0.03,
        scrap_p=0.012,
        defects=(("QF-03", 0.25), ("QF-02", 0.3), ("QF-01", 0.3), ("QF-09", 0.15)),
        order_hours=(4.0, 10.0),
        changeover_std_s=(900.0, 2400.0),
        changeover_ratio=(1.1, 1.15),
        stop_rate=0.4,
        material="Kronkorken 26 mm",
        suppliers=("Kronkorkenwerk Sauerland GmbH", "Capsula Italia S.p.A."),
        batch_pallets=60,
        meters=(Meter("ZS-26", "electricity", "Strom Einweg-Glaslinie 26", 10.0, 15.0, 45.0),),
        crew="GRP-TAG",
    ),
)

SITE_METERS = (
    # meter_id, medium, description, base kW, extra kW from 06:00 to 18:00 on working days
    ("ZS-NEBEN", "electricity", "Nebenanlagen: Brunnenpumpen, Kläranlage, Verwaltung", 55.0, 35.0),
    ("ZD-KESSEL", "steam", "Kesselhaus Eigenbedarf und Leitungsverluste", 30.0, 10.0),
)


def line_by_id(line_id: str) -> Line:
    """The line with this identifier."""
    return next(line for line in LINES if line.line_id == line_id)
