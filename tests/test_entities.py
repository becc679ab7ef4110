"""Entities of the plant in German and English questions, with typos, and clear words for unknown ones."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.entities import EntityCatalog, UnknownEntity


@pytest.fixture(scope="module")
def catalog(sample_db):
    """The catalogue of the sample plant, built once for the module."""
    return EntityCatalog.from_connector(DuckDBConnector(sample_db))


def found(catalog, question):
    """(kind, id, the words that named it) for every entity in the question, in order."""
    matches, _unknown = catalog.find(question)
    return [(m.entity.kind, m.entity.id, question[m.span[0] : m.span[1]]) for m in matches]


# (question, [(kind, id, exact words of the question that named it), …] in order of appearance)
PHRASINGS = [
    # --- lines, German
    ("Welche Probleme hatte Linie 2 gestern?", [("line", "L2", "Linie 2")]),
    ("OEE Linie3 letzte Woche", [("line", "L3", "Linie3")]),
    ("Ausschuss L 3", [("line", "L3", "L 3")]),
    ("wie lief l3 heute", [("line", "L3", "l3")]),
    ("Linie drei Ausschuss", [("line", "L3", "Linie drei")]),
    ("Wie war die dritte Linie gestern?", [("line", "L3", "dritte Linie")]),
    ("Taktzeit der 2. Linie", [("line", "L2", "2. Linie")]),
    ("Linei 3 Taktzeit", [("line", "L3", "Linei 3")]),  # typo in 'Linie'
    ("Stillstand an der lnie 2", [("line", "L2", "lnie 2")]),  # typo in 'Linie'
    ("Wie hoch war die OEE im Druckguss?", [("line", "L1", "Druckguss")]),  # the line's name
    ("Druckgus Ausschuss gestern", [("line", "L1", "Druckgus")]),  # typo in the name
    ("Stillstände im Presswerk", [("line", "L2", "Presswerk")]),
    ("Wie viel Ausschuss hatte die Montge gestern?", [("line", "L3", "Montge")]),  # typo
    ("Energie der Lackierung", [("line", "L4", "Lackierung")]),
    ("Was war los in der Lackiererei?", [("line", "L4", "Lackiererei")]),  # synonym
    ("Linien 1 und 2 im Vergleich", [("line", "L1", "Linien 1"), ("line", "L2", "2")]),  # one span per line
    ("Ausschuss Linie-3", [("line", "L3", "Linie-3")]),
    ("Rüstzeit Linie 2 letzte 4 Wochen", [("line", "L2", "Linie 2")]),  # '4 Wochen' is no line
    ("Anlage 4 Strom", [("line", "L4", "Anlage 4"), ("medium", "electricity", "Strom")]),
    ("Linie 3 – Montage: Ausschuss", [("line", "L3", "Linie 3 – Montage")]),  # the full name
    # --- lines, English
    ("What was the OEE of line 2 last week?", [("line", "L2", "line 2")]),
    ("Line 3 scrap", [("line", "L3", "Line 3")]),
    ("line three cycle time", [("line", "L3", "line three")]),
    ("how did the 3rd line do?", [("line", "L3", "3rd line")]),
    ("the second line yesterday", [("line", "L2", "second line")]),
    ("energy of line #4", [("line", "L4", "line #4")]),
    (
        "Lines 1 to 3 downtime",
        [("line", "L1", "Lines 1"), ("line", "L2", "to"), ("line", "L3", "3")],
    ),  # a range
    ("die casting scrap yesterday", [("line", "L1", "die casting")]),
    ("press shop downtime", [("line", "L2", "press shop")]),
    ("assembly cycle time", [("line", "L3", "assembly")]),
    ("paint shop electricity", [("line", "L4", "paint shop"), ("medium", "electricity", "electricity")]),
    ("Painitng energy last week", [("line", "L4", "Painitng")]),  # typo of 'painting'
    ("Compare line 1 vs line 3", [("line", "L1", "line 1"), ("line", "L3", "line 3")]),
    ("Why do changeovers on line 2 take so long?", [("line", "L2", "line 2")]),  # 'changeovers' is a metric
    # --- stations, German
    ("Kurzstopps an L3-S4", [("station", "L3-S4", "L3-S4")]),
    ("l2-s3 Alarme", [("station", "L2-S3", "l2-s3")]),
    ("Station 4 an Linie 3", [("station", "L3-S4", "Station 4"), ("line", "L3", "Linie 3")]),
    ("Alarme an S4 der Linie 3", [("station", "L3-S4", "S4"), ("line", "L3", "Linie 3")]),  # S4 with a line
    ("Deckelmontage Roboter Alarme", [("station", "L3-S4", "Deckelmontage Roboter")]),
    ("Transferpresse 1 Ausfall", [("station", "L2-S2", "Transferpresse 1")]),
    ("Temperatur im Einbrennofen", [("station", "L4-S4", "Einbrennofen")]),
    ("Druckgießzelle Stillstand", [("station", "L1-S1", "Druckgießzelle")]),
    ("Verschraubn Linie 3", [("station", "L3-S3", "Verschraubn"), ("line", "L3", "Linie 3")]),  # typo
    ("Einbrenofen Störungen", [("station", "L4-S4", "Einbrenofen")]),  # typo
    (
        "Verpackung an Linie 1",
        [("station", "L1-S5", "Verpackung"), ("line", "L1", "Linie 1")],
    ),  # the line decides
    ("Sichtprüfung in der Lackierung", [("station", "L4-S5", "Sichtprüfung"), ("line", "L4", "Lackierung")]),
    # --- stations, English
    ("station 4 on line 3", [("station", "L3-S4", "station 4"), ("line", "L3", "line 3")]),
    ("short stops at the oven", [("station", "L4-S4", "oven")]),
    ("press 1 breakdowns", [("station", "L2-S2", "press 1")]),
    ("robot alarms on line 4", [("station", "L4-S3", "robot"), ("line", "L4", "line 4")]),  # the line decides
    ("end-of-line test failures", [("station", "L3-S6", "end-of-line test")]),
    ("EOL test downtime", [("station", "L3-S6", "EOL test")]),
    ("the leak test on line 1", [("station", "L1-S4", "leak test"), ("line", "L1", "line 1")]),
    ("L3 S4 alarms", [("station", "L3-S4", "L3 S4")]),
    # --- products and families
    ("Ausschuss P-3101", [("product", "P-3101", "P-3101")]),
    ("SG-A cycle time", [("product", "P-3101", "SG-A")]),
    ("Steuergerät SG-B Ausschuss", [("product", "P-3102", "Steuergerät SG-B")]),
    ("GH-40 scrap", [("product", "P-1101", "GH-40")]),
    ("Querträger QT-300 Taktzeit", [("product", "P-2201", "Querträger QT-300")]),
    ("How many RAL 9005 panels?", [("product", "P-4101", "RAL 9005")]),
    ("Verkleidung Metallic Silber", [("product", "P-4201", "Verkleidung Metallic Silber")]),
    ("output of p3102", [("product", "P-3102", "p3102")]),
    ("Familie Gehäuse Ausschuss", [("family", "Gehäuse", "Gehäuse")]),
    ("Wie viele Deckel gestern?", [("family", "Deckel", "Deckel")]),
    ("Halter und Träger", [("family", "Halter", "Halter"), ("family", "Träger", "Träger")]),
    ("Steuergeräte Taktzeit", [("family", "Steuergeräte", "Steuergeräte")]),
    ("Uni vs Metallic", [("family", "Uni", "Uni"), ("family", "Metallic", "Metallic")]),
    ("scrap of control units", [("family", "Steuergeräte", "control units")]),
    ("brackets output", [("family", "Halter", "brackets")]),
    # --- shifts
    ("Ausschuss in der Nachtschicht", [("shift", "N", "Nachtschicht")]),
    ("Frühschicht gegen Spätschicht", [("shift", "E", "Frühschicht"), ("shift", "L", "Spätschicht")]),
    ("Früh- und Spätschicht", [("shift", "E", "Früh-"), ("shift", "L", "Spätschicht")]),
    ("Was war heute Nacht los?", [("shift", "N", "Nacht")]),
    ("Nachtschict Ausschuss", [("shift", "N", "Nachtschict")]),  # typo
    ("scrap on the night shift", [("shift", "N", "night shift")]),
    ("nights vs early shift", [("shift", "N", "nights"), ("shift", "E", "early shift")]),
    ("late shift downtime", [("shift", "L", "late shift")]),
    ("compare the early and late shifts", [("shift", "E", "early"), ("shift", "L", "late shifts")]),
    # --- teams
    ("Schichtgruppe A Ausschuss", [("team", "T-A", "Schichtgruppe A")]),
    ("Gruppe B Leistung", [("team", "T-B", "Gruppe B")]),
    ("Schichtgrupe A", [("team", "T-A", "Schichtgrupe A")]),  # typo
    ("Lackiererei Gruppe E", [("team", "T-E", "Lackiererei Gruppe E")]),  # a team, not the line
    ("team C scrap", [("team", "T-C", "team C")]),
    ("T-D downtime", [("team", "T-D", "T-D")]),
    ("Schichtgruppe A und B", [("team", "T-A", "Schichtgruppe A"), ("team", "T-B", "B")]),
    ("teams A, B and C", [("team", "T-A", "teams A"), ("team", "T-B", "B"), ("team", "T-C", "C")]),
    # --- suppliers
    ("Ausschuss mit Material von AluNord", [("supplier", "AluNord GmbH", "AluNord")]),
    ("Metallhütte Süd AG Chargen", [("supplier", "Metallhütte Süd AG", "Metallhütte Süd AG")]),
    ("Stahlhandel Ost Lieferungen", [("supplier", "Stahlhandel Ost KG", "Stahlhandel Ost")]),
    ("PolyForm batches", [("supplier", "PolyForm Plast AG", "PolyForm")]),
    ("batches from Polyfrom", [("supplier", "PolyForm Plast AG", "Polyfrom")]),  # typo
    ("alunrod material", [("supplier", "AluNord GmbH", "alunrod")]),  # typo, lower case
    # --- downtime reasons
    ("Hydraulikstörung an Linie 2", [("reason", "BD-HYD", "Hydraulikstörung"), ("line", "L2", "Linie 2")]),
    ("Hydraulikstörng gestern", [("reason", "BD-HYD", "Hydraulikstörng")]),  # typo
    ("Materialmangel letzte Woche", [("reason", "MAT-MISS", "Materialmangel")]),
    ("Stillstände wegen Rüsten", [("reason", "SETUP", "Rüsten")]),  # a cue makes 'Rüsten' a reason
    (
        "Rüsten / Produktwechsel an Linie 2",  # the full text counts without a cue
        [("reason", "SETUP", "Rüsten / Produktwechsel"), ("line", "L2", "Linie 2")],
    ),
    (
        "Werkzeugbruch an der Entgratpresse",
        [("reason", "BD-TOOL", "Werkzeugbruch"), ("station", "L1-S2", "Entgratpresse")],
    ),
    ("hydraulic failure yesterday", [("reason", "BD-HYD", "hydraulic failure")]),
    ("material shortage on line 3", [("reason", "MAT-MISS", "material shortage"), ("line", "L3", "line 3")]),
    ("downtime due to changeover", [("reason", "SETUP", "changeover")]),  # a cue makes it a reason
    ("BD-ELEC events", [("reason", "BD-ELEC", "BD-ELEC")]),
    ("team meeting time", [("reason", "PL-MEET", "team meeting")]),
    # --- defects
    ("Porosität in Linie 1", [("defect", "D-POR", "Porosität"), ("line", "L1", "Linie 1")]),
    ("Porositaet gestern", [("defect", "D-POR", "Porositaet")]),  # umlaut written out
    ("Risse gestern", [("defect", "D-RISS", "Risse")]),
    ("Kratzer an der Lackierung", [("defect", "D-KRATZ", "Kratzer"), ("line", "L4", "Lackierung")]),
    ("porosity trend", [("defect", "D-POR", "porosity")]),
    ("cracks on line 2", [("defect", "D-RISS", "cracks"), ("line", "L2", "line 2")]),
    ("paint runs last week", [("defect", "D-LACK", "paint runs")]),
    ("D-LACK", [("defect", "D-LACK", "D-LACK")]),
    # --- alarms
    ("A-217 Alarme", [("alarm", "A-217", "A-217")]),
    ("Greifer Linie 3", [("alarm", "A-217", "Greifer"), ("line", "L3", "Linie 3")]),
    ("Greifr Alarme", [("alarm", "A-217", "Greifr")]),  # typo
    ("gripper alarms", [("alarm", "A-217", "gripper")]),
    ("emergency stop count", [("alarm", "A-900", "emergency stop")]),
    # --- energy media and meters
    ("Druckluft Linie 1", [("medium", "compressed_air", "Druckluft"), ("line", "L1", "Linie 1")]),
    ("Wärme im Werk", [("medium", "heat", "Wärme")]),
    ("compressed air on line 1", [("medium", "compressed_air", "compressed air"), ("line", "L1", "line 1")]),
    ("heating energy", [("medium", "heat", "heating")]),
    ("CA-L1 readings", [("meter", "CA-L1", "CA-L1")]),
    ("Zähler OVEN-L4", [("meter", "OVEN-L4", "OVEN-L4")]),
    ("E-L1 vs E-L2", [("meter", "E-L1", "E-L1"), ("meter", "E-L2", "E-L2")]),
]


@pytest.mark.parametrize(("question", "expected"), PHRASINGS)
def test_entities_are_found_with_exact_spans(catalog, question, expected):
    assert found(catalog, question) == expected
    assert catalog.find(question)[1] == []


# Ordinary questions: exactly the entities listed, nothing from common words.
ORDINARY = [
    ("Welche Probleme hatte Linie 2 gestern?", [("line", "L2", "Linie 2")]),
    ("Warum schwankt die Taktzeit in Linie 3?", [("line", "L3", "Linie 3")]),
    (
        "How much power did line 4 use yesterday compared with Monday?",
        [("medium", "electricity", "power"), ("line", "L4", "line 4")],
    ),
    ("Was ist Heijunka?", []),
    ("What is the OEE of the plant?", []),
    ("Wie hoch war die OEE letzte Woche?", []),
    ("Which station had the most downtime last week?", []),
    ("Zeig mir den Ausschuss nach Schicht", []),
    ("Wie viele Teile wurden gestern produziert?", []),
    ("What was the scrap rate yesterday?", []),
    ("Welche Linie hatte die meisten Stillstände im November?", []),
    ("Top 5 Stillstandsgründe der letzten 4 Wochen", []),  # 'Top 5' and '4 Wochen' are no lines
    ("Stillstand in KW 46", []),  # 'KW 46' is no line
    ("How many changeovers were there last week?", []),  # a metric, not the reason
    ("Wie lange dauert das Rüsten im Schnitt?", []),  # a metric, not the reason
    ("Show me the energy per good unit in week 46", []),
    ("Was war am Montag los?", []),  # 'Montag' is no typo of 'Montage'
    ("Wie lange halten die Werkzeuge?", []),  # 'halten' is not 'Halter'
    ("Which team had the best first pass yield?", []),
    ("Wie viele Störungen gab es heute?", []),  # 'Störungen' is a metric, no reason
    ("What caused the downtime yesterday?", []),
    ("Zeige die Verfügbarkeit der letzten 3 Monate", []),
    ("Is the quality better than last month?", []),
    ("Bitte alle Linien vergleichen", []),
    ("Something like 3 hours of downtime?", []),  # 'like 3' is no line
    ("Welche Maschine steht am häufigsten?", []),
    ("Who had the most alarms in the last 2 weeks?", []),
    ("Was ist der Unterschied zwischen MTTR und MTBF?", []),
    ("What is the idle power at the weekend?", []),  # 'idle power' is a metric
]


@pytest.mark.parametrize(("question", "expected"), ORDINARY)
def test_ordinary_words_do_not_become_entities(catalog, question, expected):
    assert found(catalog, question) == expected
    assert catalog.find(question)[1] == []


LINES = "(L1 Druckguss, L2 Presswerk, L3 Montage, L4 Lackierung)"


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("OEE Linie 9", 9),
        ("line 12 scrap", 12),
        ("L0", 0),
        ("Linie zwölf", 12),
        ("line fifteen scrap", 15),
        ("L7-S1 Alarme", 7),
    ],
)
def test_unknown_lines_name_the_valid_ones(catalog, question, number):
    matches, unknown = catalog.find(question)
    assert matches == [] and [u.kind for u in unknown] == ["line"]
    assert (
        unknown[0].message("de", catalog)
        == f"Eine Linie {number} gibt es nicht; die Linien sind 1–4 {LINES}."
    )
    assert unknown[0].message("en", catalog) == f"There is no line {number}; the lines are 1–4 {LINES}."


def test_unknown_line_keeps_what_the_user_wrote(catalog):
    question = "Wie hoch war der Ausschuss von Linie 9 gestern?"
    (unknown,) = catalog.find(question)[1]
    assert unknown == UnknownEntity("line", "Linie 9", (31, 38), number=9)
    assert question[unknown.span[0] : unknown.span[1]] == unknown.text


@pytest.mark.parametrize(
    ("question", "german", "english"),
    [
        (
            "Station 12 an Linie 3",
            "Eine Station 12 gibt es an Linie 3 nicht; Linie 3 hat die Stationen 1–7: S1 Gehäusezuführung,",
            "Station 12 of line 3 does not exist; line 3 has stations 1–7: S1 Gehäusezuführung,",
        ),
        (
            "L3-S9 alarms",
            "Eine Station 9 gibt es an Linie 3 nicht; Linie 3 hat die Stationen 1–7:",
            "Station 9 of line 3 does not exist; line 3 has stations 1–7:",
        ),
        (
            "station 6 on line 2",
            "Linie 2 hat die Stationen 1–5: S1 Coil-Abwicklung, S2 Transferpresse 1,",
            "line 2 has stations 1–5: S1 Coil-Abwicklung, S2 Transferpresse 1,",
        ),
        ("Station 9", "Eine Station 9 gibt es an keiner Linie", "There is no station 9 on any line"),
    ],
)
def test_unknown_stations_name_the_valid_ones(catalog, question, german, english):
    unknown = [u for u in catalog.find(question)[1] if u.kind == "station"]
    assert len(unknown) == 1
    assert german in unknown[0].message("de", catalog)
    assert english in unknown[0].message("en", catalog)


@pytest.mark.parametrize(
    ("question", "stations"),
    [
        ("Ausschuss an der Verpackung", ["L1-S5 Verpackung (Linie 1)", "L3-S7 Verpackung (Linie 3)"]),
        ("Which line's Station 4 stops most?", ["L1-S4", "L2-S4", "L3-S4", "L4-S4"]),
    ],
)
def test_a_station_of_several_lines_asks_which_line(catalog, question, stations):
    matches, (unknown,) = catalog.find(question)
    assert [m.entity.kind for m in matches] == []
    german, english = unknown.message("de", catalog), unknown.message("en", catalog)
    assert "Welche Linie ist gemeint?" in german and "Which line do you mean?" in english
    assert all(s.split(" (")[0] in english and s in german for s in stations)


@pytest.mark.parametrize(
    ("question", "closest"),
    [
        ("GH-50 Ausschuss", ["P-1101 Getriebegehäuse GH-40", "P-1102 Getriebegehäuse GH-45"]),
        ("SG-D scrap", ["SG-A"]),
    ],
)
def test_unknown_products_name_the_closest_ones(catalog, question, closest):
    matches, (unknown,) = catalog.find(question)
    assert matches == [] and unknown.kind == "product"
    german, english = unknown.message("de", catalog), unknown.message("en", catalog)
    written = unknown.text
    assert german.startswith(f"Ein Produkt {written} gibt es nicht; am ähnlichsten sind: ")
    assert english.startswith(f"There is no product {written}; the closest are: ")
    assert all(name in german and name in english for name in closest)


@pytest.mark.parametrize(("question", "kind", "valid"), [("A-999 alarms", "alarm", "A-217"), ("Team F", "team", "T-A Schichtgruppe A")])  # fmt: skip
def test_unknown_codes_and_teams_name_the_valid_ones(catalog, question, kind, valid):
    (unknown,) = catalog.find(question)[1]
    assert unknown.kind == kind
    assert valid in unknown.message("de", catalog) and "gibt es nicht" in unknown.message("de", catalog)
    assert valid in unknown.message("en", catalog) and "does not exist" in unknown.message("en", catalog)


def test_a_station_name_the_line_does_not_have(catalog):
    matches, (unknown,) = catalog.find("Verpackung an Linie 2")
    assert [m.entity.id for m in matches] == ["L2"]
    assert unknown.message("de", catalog) == (
        "„Verpackung“ gibt es an Linie 2 nicht, sondern an: L1-S5 Verpackung (Linie 1), L3-S7 Verpackung (Linie 3)."
    )
    assert unknown.message("en", catalog).startswith(
        "Line 2 has no “Verpackung”; it is at: L1-S5 Verpackung (line 1)"
    )


def test_a_list_with_an_unknown_line_keeps_the_known_ones(catalog):
    matches, unknown = catalog.find("Linien 1 und 9")
    assert [(m.entity.id, m.span) for m in matches] == [("L1", (0, 8))]
    assert [(u.kind, u.text, u.number) for u in unknown] == [("line", "9", 9)]


def test_metric_words_alone_are_no_reasons(catalog):
    for question in ("Rüsten", "changeover", "Produktwechsel", "Störung", "downtime"):
        assert found(catalog, question) == [], question
    assert found(catalog, "reason changeover") == [("reason", "SETUP", "changeover")]
    assert found(catalog, "SETUP") == [("reason", "SETUP", "SETUP")]  # the code, written as one


def test_exact_matches_score_one_and_typos_less(catalog):
    (exact,) = catalog.find("Druckguss")[0]
    (typo,) = catalog.find("Druckgus")[0]
    (line_word,) = catalog.find("Linei 3")[0]
    assert exact.score == 1.0
    assert 0.5 <= typo.score < 1.0 and 0.5 <= line_word.score < 1.0


def test_matches_are_ordered_and_do_not_overlap(catalog):
    for question, _expected in PHRASINGS + ORDINARY:
        matches, unknown = catalog.find(question)
        spans = sorted([m.span for m in matches] + [u.span for u in unknown])
        assert [m.span for m in matches] == sorted(m.span for m in matches), question
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), question


def test_labels_in_both_languages(catalog):
    line = catalog.get("line", "L3")
    assert (line.label_de, line.label_en) == ("Linie 3 – Montage", "Line 3 – Assembly")
    assert catalog.label("shift", "N", "de") == "Nachtschicht"
    assert catalog.label("shift", "N", "en") == "Night shift"
    assert catalog.label("reason", "BD-HYD", "en") == "Hydraulic failure"
    assert catalog.label("station", "L3-S4", "en") == "L3-S4 Deckelmontage Roboter"
    assert catalog.label("line", "L9", "de") == "L9"


def test_catalog_holds_every_master_data_entry(catalog, con):
    queries = {
        "line": "SELECT line_id FROM lines",
        "station": "SELECT station_id FROM stations",
        "product": "SELECT product_id FROM products",
        "family": "SELECT DISTINCT family FROM products",
        "shift": "SELECT shift_code FROM shifts",
        "team": "SELECT team_id FROM teams",
        "supplier": "SELECT DISTINCT supplier FROM material_batches",
        "reason": "SELECT reason_code FROM downtime_reasons",
        "defect": "SELECT defect_code FROM defect_codes",
        "alarm": "SELECT alarm_code FROM alarm_codes",
        "meter": "SELECT meter_id FROM energy_meters",
    }
    for kind, sql in queries.items():
        expected = {row[0] for row in con.execute(sql).fetchall()}
        assert {e.id for e in catalog.entities(kind)} == expected, kind
    media = {row[0] for row in con.execute("SELECT DISTINCT medium FROM energy_meters").fetchall()}
    assert media <= {e.id for e in catalog.entities("medium")}


def test_every_code_is_found_by_itself(catalog, con):
    sql = (
        "SELECT 'station', station_id FROM stations UNION ALL SELECT 'product', product_id FROM products "
        "UNION ALL SELECT 'reason', reason_code FROM downtime_reasons UNION ALL SELECT 'defect', defect_code "
        "FROM defect_codes UNION ALL SELECT 'alarm', alarm_code FROM alarm_codes UNION ALL "
        "SELECT 'meter', meter_id FROM energy_meters UNION ALL SELECT 'team', team_id FROM teams"
    )
    for kind, code in con.execute(sql).fetchall():
        assert found(catalog, f"{code} gestern") == [(kind, code, code)], code


def test_a_medium_no_meter_measures_is_said_so(catalog):
    # the sample plant meters electricity, compressed air and heat, not gas: no zero, a clear message
    matches, unknown = catalog.find("Wie viel Gas?")
    assert not matches and [u.kind for u in unknown] == ["medium"]
    message = unknown[0].message("de", catalog)
    assert "Gas" in message and "Strom" in message and "Druckluft" in message


def test_the_code_names_no_thing_of_the_sample_plant(con):
    # the plant's names live in its data and glossary; the product's code knows shop-floor words in general
    source = (Path(__file__).parent.parent / "copilot" / "entities.py").read_text(encoding="utf-8").lower()
    queries = (
        "SELECT line_id FROM lines", "SELECT trim(split_part(name, '–', 2)) FROM lines", "SELECT station_id FROM stations",
        "SELECT name FROM stations", "SELECT product_id FROM products", "SELECT name FROM products",
        "SELECT DISTINCT supplier FROM material_batches", "SELECT DISTINCT split_part(supplier, ' ', 1) FROM material_batches",
        "SELECT reason_code FROM downtime_reasons", "SELECT defect_code FROM defect_codes", "SELECT alarm_code FROM alarm_codes",
        "SELECT meter_id FROM energy_meters", "SELECT team_id FROM teams", "SELECT name FROM teams",
    )  # fmt: skip
    names = {str(v).lower() for sql in queries for (v,) in con.execute(sql).fetchall() if len(str(v)) > 3}
    assert not sorted(n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", source))
