"""Entities of the plant in German and English questions, with typos, and clear words for unknown ones."""

from __future__ import annotations

import pytest

from connectors.duckdb_connector import DuckDBConnector
from copilot.entities import EntityCatalog


@pytest.fixture(scope="module")
def catalog(sample_db):
    return EntityCatalog.from_connector(DuckDBConnector(sample_db))


CASES = [
    # (question, [(kind, id), …]) in order of appearance
    ("Welche Probleme hatte Linie 2 gestern?", [("line", "L2")]),
    ("Warum schwankt die Taktzeit in Linie 3?", [("line", "L3")]),
    ("How much power did line 4 use yesterday compared with Monday?", [("line", "L4")]),
    ("Was ist Heijunka?", []),
    ("What is the OEE of the plant?", []),
    ("OEE L1", [("line", "L1")]),
    ("oee l1", [("line", "L1")]),
    ("OEE L 1", [("line", "L1")]),
    ("OEE Linie1", [("line", "L1")]),
    ("line three scrap", [("line", "L3")]),
    ("Linie drei Ausschuss", [("line", "L3")]),
    ("dritte Linie", [("line", "L3")]),
    ("the 2nd line", [("line", "L2")]),
    ("line #4 energy", [("line", "L4")]),
    ("Linei 3 Taktzeit", [("line", "L3")]),  # typo in the word
    ("lnie 2 stillstand", [("line", "L2")]),
    ("Druckguss OEE", [("line", "L1")]),
    ("Druckgus OEE", [("line", "L1")]),  # typo in the name
    ("die casting scrap", [("line", "L1")]),
    ("im Presswerk", [("line", "L2")]),
    ("press shop downtime", [("line", "L2")]),
    ("Montage Taktzeit", [("line", "L3")]),
    ("assembly cycle time", [("line", "L3")]),
    ("Lackierung Strom", [("line", "L4")]),
    ("in der Lackiererei", [("line", "L4")]),
    ("paint shop electricity", [("line", "L4")]),
    ("Linien 1 und 2", [("line", "L1"), ("line", "L2")]),
    ("lines 1 and 3", [("line", "L1"), ("line", "L3")]),
    ("line 1 vs line 3", [("line", "L1"), ("line", "L3")]),
    ("L3-S4 Alarme", [("station", "L3-S4")]),
    ("l3-s4 alarms", [("station", "L3-S4")]),
    ("Station 4 an Linie 3", [("station", "L3-S4"), ("line", "L3")]),
    ("station 2 on line 2", [("station", "L2-S2"), ("line", "L2")]),
    ("Verschrauben Kurzstopps", [("station", "L3-S3")]),
    ("Einbrennofen Temperatur", [("station", "L4-S4")]),
    ("Transferpresse 1", [("station", "L2-S2")]),
    ("Verpackung Linie 3", [("station", "L3-S7"), ("line", "L3")]),
    ("Verpackung Linie 1", [("station", "L1-S5"), ("line", "L1")]),
    ("Verschraubn Linie 3", [("station", "L3-S3"), ("line", "L3")]),  # typo
    ("P-3101 output", [("product", "P-3101")]),
    ("SG-A cycle time", [("product", "P-3101")]),
    ("Steuergerät SG-B Ausschuss", [("product", "P-3102")]),
    ("GH-40 scrap", [("product", "P-1101")]),
    ("Querträger QT-300", [("product", "P-2201")]),
    ("Familie Gehäuse", [("family", "Gehäuse")]),
    ("Metallic colours", [("family", "Metallic")]),
    ("Schichtgruppe A", [("team", "T-A")]),
    ("team B scrap", [("team", "T-B")]),
    ("Gruppe C", [("team", "T-C")]),
    ("T-D downtime", [("team", "T-D")]),
    ("PolyForm Ausschuss", [("supplier", "PolyForm Plast AG")]),
    ("Material von AluNord", [("supplier", "AluNord GmbH")]),
    ("AluNord GmbH batches", [("supplier", "AluNord GmbH")]),
    ("Hydraulikstörung an Linie 2", [("reason", "BD-HYD"), ("line", "L2")]),
    ("hydraulic failure", [("reason", "BD-HYD")]),
    ("Materialmangel", [("reason", "MAT-MISS")]),
    ("BD-ELEC", [("reason", "BD-ELEC")]),
    ("Porosität in Linie 1", [("defect", "D-POR"), ("line", "L1")]),
    ("porosity", [("defect", "D-POR")]),
    ("cracks on line 2", [("defect", "D-RISS"), ("line", "L2")]),
    ("Risse", [("defect", "D-RISS")]),
    ("Kratzer", [("defect", "D-KRATZ")]),
    ("D-LACK", [("defect", "D-LACK")]),
    ("Gripper alarms", [("alarm", "A-217")]),
    ("Greifer Linie 3", [("alarm", "A-217"), ("line", "L3")]),
    ("A-160", [("alarm", "A-160")]),
    ("Druckluft Linie 1", [("medium", "compressed_air"), ("line", "L1")]),
    ("compressed air on line 1", [("medium", "compressed_air"), ("line", "L1")]),
    ("Wärme im Werk", [("medium", "heat")]),
    ("CA-L1 readings", [("meter", "CA-L1")]),
    ("OVEN-L4", [("meter", "OVEN-L4")]),
    ("Rüstzeit Linie 2 letzte 4 Wochen", [("line", "L2")]),  # '4 Wochen' is not a line
    ("KW 46 Stillstand", []),
    ("top 5 reasons last 4 weeks", []),
    ("Why do changeovers on line 2 take so long?", [("line", "L2")]),  # 'changeovers' is a metric
    ("Wie hoch war die OEE?", []),
    ("scrap on the night shift", []),
    ("Gib mir die Stillstände nach Grund", []),
    ("Danke!", []),
    ("How is it going?", []),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_entities_found(catalog, question, expected):
    matches, unknown = catalog.find(question)
    assert [(m.entity.kind, m.entity.id) for m in matches] == expected
    assert unknown == []


def test_span_is_the_words_that_named_it(catalog):
    question = "Wie viel Ausschuss hatte die Montage gestern?"
    (match,) = catalog.find(question)[0]
    assert question[match.span[0] : match.span[1]] == "Montage"


@pytest.mark.parametrize(
    ("question", "german", "english"),
    [
        (
            "OEE Linie 9",
            "Eine Linie 9 gibt es nicht; die Linien sind 1–4",
            "There is no line 9; the lines are 1–4",
        ),
        ("line 12 scrap", "Eine Linie 12 gibt es nicht", "There is no line 12"),
        ("L0", "Eine Linie 0 gibt es nicht", "There is no line 0"),
        ("Station 12 an Linie 3", "Station 12 gibt es an Linie 3 nicht", "Line 3 has no station 12"),
        ("L3-S9 alarms", "Station 9 gibt es an Linie 3 nicht", "Line 3 has no station 9"),
        ("L7-S1", "Eine Linie 7 gibt es nicht", "There is no line 7"),
    ],
)
def test_unknown_lines_and_stations_name_the_valid_ones(catalog, question, german, english):
    _matches, unknown = catalog.find(question)
    assert len(unknown) == 1
    assert german in unknown[0].message("de", catalog)
    assert english in unknown[0].message("en", catalog)
    assert "Druckguss" in unknown[0].message("en", catalog) or "Verpackung" in unknown[0].message(
        "en", catalog
    )


def test_catalog_holds_every_master_data_entry(catalog, con):
    queries = {
        "line": "SELECT line_id FROM lines", "station": "SELECT station_id FROM stations",
        "product": "SELECT product_id FROM products", "team": "SELECT team_id FROM teams",
        "supplier": "SELECT DISTINCT supplier FROM material_batches", "reason": "SELECT reason_code FROM downtime_reasons",
        "defect": "SELECT defect_code FROM defect_codes", "alarm": "SELECT alarm_code FROM alarm_codes",
        "shift": "SELECT shift_code FROM shifts", "meter": "SELECT meter_id FROM energy_meters",
    }  # fmt: skip
    for kind, sql in queries.items():
        expected = {row[0] for row in con.execute(sql).fetchall()}
        assert {e.id for e in catalog.entities(kind)} == expected, kind
