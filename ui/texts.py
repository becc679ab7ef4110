"""Every text of the app in German and English."""

from __future__ import annotations

T: dict[str, dict[str, str]] = {
    "page": {"de": "Seite", "en": "Page"},
    "page_chat": {"de": "Chat", "en": "Chat"},
    "page_data": {"de": "Daten", "en": "Data"},
    "page_settings": {"de": "Einstellungen", "en": "Settings"},
    "source": {"de": "Datenquelle", "en": "Data source"},
    "model": {"de": "Sprachmodell", "en": "Language model"},
    "offline": {
        "de": "Offline: der eingebaute Planer beantwortet alle Fragen, kein Sprachmodell angebunden.",
        "en": "Offline: the built-in planner answers every question; no language model is connected.",
    },
    "audit": {"de": "Letzte Fragen (Audit-Protokoll)", "en": "Latest questions (audit trail)"},
    "no_store": {
        "de": "Der Anwendungsspeicher ist nicht beschreibbar; es wird nichts protokolliert.",
        "en": "The application store cannot be written; nothing is being audited.",
    },
    "role": {"de": "Rolle", "en": "Role"},
    "answer_lang": {"de": "Antwortsprache", "en": "Answer language"},
    "lang_auto": {"de": "automatisch", "en": "automatic"},
    "lang_de": {"de": "Deutsch", "en": "German"},
    "lang_en": {"de": "Englisch", "en": "English"},
    "ask": {"de": "Frage zur Linie stellen …", "en": "Ask about your line …"},
    "examples": {"de": "Zum Beispiel:", "en": "For example:"},
    "empty": {"de": "Bitte eine Frage eingeben.", "en": "Please type a question."},
    "evidence": {"de": "SQL und Daten", "en": "SQL and rows"},
    "rows": {"de": "Zeilen", "en": "rows"},
    "five_why": {"de": "5-Why-Baum", "en": "5-Why tree"},
    "vs_target": {"de": "zum Ziel", "en": "vs target"},
    "period": {"de": "Daten", "en": "Data"},
    "now": {"de": "jetzt", "en": "now"},
    "lines": {"de": "Linien", "en": "Lines"},
    "metrics": {"de": "Kennzahlen", "en": "Metrics"},
}

ROLE_NAMES = {
    "operator": {"de": "Bediener/in", "en": "Operator"},
    "coach": {"de": "Lean-Coach", "en": "Lean coach"},
    "trainee": {"de": "Azubi / neu", "en": "Trainee"},
}

EXAMPLES = {
    "operator": {
        "de": ["Welche Probleme hatte Linie 2 gestern?", "Warum schwankt die Taktzeit in Linie 3?",
               "Wie viel Strom hat Linie 4 gestern im Vergleich zu Montag verbraucht?"],
        "en": ["Which problems did line 2 have yesterday?", "Why does the cycle time vary on line 3?",
               "How much power did line 4 use yesterday compared with Monday?"],
    },
    "coach": {
        "de": ["OEE pro Linie letzte Woche", "Warum dauert das Rüsten in Linie 2 so lange?",
               "Warum ist der First Pass Yield gestern gesunken?"],
        "en": ["OEE by line last week", "Why do changeovers on line 2 take so long?",
               "Why did first pass yield drop yesterday?"],
    },
    "trainee": {
        "de": ["Was ist Heijunka?", "Was ist OEE?", "Was ist SMED?"],
        "en": ["What is Heijunka?", "What is OEE?", "What is SMED?"],
    },
}  # fmt: skip
