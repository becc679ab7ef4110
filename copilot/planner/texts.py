"""What the planner says when there is nothing to compute: refusals, questions back, notes."""

from __future__ import annotations

MAX_QUESTION_CHARS = 500

TEXTS = {
    "empty": (
        "Bitte stellen Sie eine Frage, zum Beispiel: „Welche Probleme hatte Linie 2 gestern?“",
        "Please ask a question, for example: “Which problems did line 2 have yesterday?”",
    ),
    "too_long": (
        f"Die Frage ist zu lang (mehr als {MAX_QUESTION_CHARS} Zeichen). Bitte kürzer fragen.",
        f"The question is too long (more than {MAX_QUESTION_CHARS} characters). Please ask it more briefly.",
    ),
    "sql": (
        "SQL-Anweisungen führe ich nicht aus. Fragen Sie in Worten, z. B. „OEE von Linie 1 letzte Woche“.",
        "I do not run SQL statements. Ask in words, e.g. “OEE of line 1 last week”.",
    ),
    "out_of_scope": (
        "Dazu habe ich keine Daten. Ich beantworte Fragen zu OEE, Stillständen, Taktzeit, Ausschuss, "
        "Rüsten und Energie der Linien – z. B. „Warum schwankt die Taktzeit in Linie 3?“",
        "I have no data on that. I answer questions about the lines' OEE, downtime, cycle time, scrap, "
        "changeovers and energy – e.g. “Why does the cycle time vary on line 3?”",
    ),
    "no_prices": (
        "In den Daten des Werks gibt es keine Preise (keine Energietarife), also auch keine Kosten in Euro. "
        "Ich kann den Verbrauch in kWh zeigen – z. B. „Stromverbrauch letzte Woche“.",
        "The plant's data has no prices (no energy tariffs), so no costs in euros either. "
        "I can show the consumption in kWh – e.g. “electricity last week”.",
    ),
    "costs_not_in_chat": (
        "Die Daten des Werks haben Preise nur für Energie (energy_tariffs): Energiekosten in Euro zeige ich – "
        "z. B. „Stromkosten letzte Woche“ –, andere Kosten nicht. Was günstigere Stunden sparen, zeigt der "
        "Vorschlag Energiefenster (`copilot propose energy --line L2` oder „Vorschläge“ auf der Chat-Seite).",
        "The plant's data has prices for energy only (energy_tariffs): I show energy costs in euros – e.g. "
        "“electricity cost last week” – but no other costs. What cheaper hours save is shown by the energy-window "
        "proposal (`copilot propose energy --line L2` or “Proposals” on the chat page).",
    ),
    "unpriced_medium": (
        "Für {media} haben die Daten des Werks keine Preise (energy_tariffs), also keine Kosten in Euro; "
        "Preise gibt es für {priced}. Den Verbrauch in kWh zeige ich.",
        "The plant's data has no prices for {media} (energy_tariffs), so no costs in euros; it has prices "
        "for {priced}. I can show the consumption in kWh.",
    ),
    "not_measured": (
        "Das erfasst die Datenquelle des Werks nicht: keine Temperaturen, Drücke oder Emissionen. Ich habe "
        "Stillstände, Teile, Taktzeiten, Rüstvorgänge, Instandhaltungsaufträge und Energie in kWh.",
        "The plant's data source does not record that: no temperatures, pressures or emissions. I have stops, "
        "units, cycle times, changeovers, maintenance orders and energy in kWh.",
    ),
    "injection": (
        "Das kann ich nicht tun. Ich beantworte nur Fragen zu den Daten der Linien, mit Zahlen aus Abfragen.",
        "I cannot do that. I only answer questions about the lines' data, with figures from queries.",
    ),
    "change": (
        "Ich lese Daten nur – ändern, löschen oder versenden kann ich nichts.",
        "I only read data – I cannot change, delete or send anything.",
    ),
    "blame": (
        "Ich suche Ursachen im System (Maschine, Methode, Material), keine Schuldigen. "
        "Fragen Sie z. B. „Warum hatte Linie 2 gestern so viel Stillstand?“",
        "I look for causes in the system (machine, method, material), not for people to blame. "
        "Ask e.g. “Why did line 2 have so much downtime yesterday?”",
    ),
    "language": (
        "Ich verstehe Fragen auf Deutsch und Englisch.",
        "I understand questions in German and English.",
    ),
    "invalid_date": (
        "Das Datum {dates} gibt es nicht. Bitte prüfen Sie es (z. B. 19.11.2025).",
        "The date {dates} does not exist. Please check it (e.g. 2025-11-19).",
    ),
    "future": (
        "Für {window} gibt es noch keine Daten – der Zeitraum liegt in der Zukunft.",
        "There is no data for {window} yet – that period lies in the future.",
    ),
}

TEXTS.update(
    {
        "people": (
            "Zu einzelnen Personen gebe ich keine Auswertungen: Leistungs- und Verhaltenskontrolle bestimmt der "
            "Betriebsrat mit (BetrVG § 87 Abs. 1 Nr. 6) und ist eine Frage des Datenschutzes – die Daten "
            "enthalten bewusst keine Personen. Ich zeige gern den Prozess, z. B. „Ausschuss nach Schicht, Station "
            "und Fehlerart“.",
            "I do not evaluate individual people: monitoring performance or behaviour is subject to co-determination "
            "by the works council (BetrVG § 87 (1) 6) and to data protection – the data holds no people on purpose. "
            "I can show the process instead, e.g. “scrap by shift, station and defect”.",
        ),
        "discipline": (
            "Über Abmahnungen oder Sanktionen entscheide ich nicht mit – das ist Sache der Führung mit dem "
            "Betriebsrat (BetrVG § 87 Abs. 1 Nr. 6), und Auswertungen über Personen verbietet der Datenschutz. "
            "Ich zeige gern, wo der Prozess Probleme hat, z. B. „Ausschuss nach Schicht, Station und Fehlerart“.",
            "I do not take part in decisions on warnings or sanctions – that is for management with the works "
            "council (BetrVG § 87 (1) 6), and data protection rules out evaluating people. I can show where the "
            "process has problems, e.g. “scrap by shift, station and defect”.",
        ),
        "off_topic": (
            "Das gehört nicht zu den Daten des Werks. Ich beantworte Fragen zu OEE, Stillständen, Taktzeit, "
            "Ausschuss, Rüsten und Energie – z. B. „Welche Probleme hatte Linie 2 gestern?“",
            "That is not about the plant's data. I answer questions about OEE, downtime, cycle time, scrap, "
            "changeovers and energy – e.g. “Which problems did line 2 have yesterday?”",
        ),
    }
)


PROCESS_VIEW = ("Ausschuss nach Schicht, Station und Fehlerart", "scrap by shift, station and defect")
PEOPLE_TOPICS = frozenset({"people", "discipline"})  # refused with the process view offered instead


def process_view(lang: str) -> str:
    """The question about the process that a question about people is offered instead."""
    german, english = PROCESS_VIEW
    return german if lang == "de" else english


def message(lang: str, key: str) -> str:
    """A message in the user's language."""
    german, english = TEXTS[key]
    return german if lang == "de" else english
