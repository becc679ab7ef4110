"""Questions the copilot refuses before planning: SQL, instructions to it, changes, blame, other languages."""

from __future__ import annotations

import re

SQL_WORDS = (
    "select|selec|with|insert|update|delete|drop|create|alter|truncate|pragma|attach|detach|copy|install|load|"
    "call|set|reset|export|import|describe|summarize|explain|show|vacuum|checkpoint|begin|commit|rollback|use|merge"
)
ONLY_SQL = "truncate|pragma|attach|detach|vacuum|checkpoint|summarize|install|insert|drop|alter|merge|selec"
SQL_SHAPE = r"(\bfrom\s+[\w.\"]+\s*(?:;|$|\bwhere\b|\blimit\b|\bjoin\b|\bgroup\b|,)|\btable\b|\binto\b|\bdatabase\b|;|\*|=|\bvalues\b|\bto\s+')"
# Requests to change, book, send or delete: imperative verbs, at the start or after 'bitte', 'kannst du', 'please'.
ACT_VERBS = (
    r"setz\w*|setze|zurücksetzen|zuruecksetzen|lösch\w*|loesch\w*|änder\w*|aender\w*|trag\w*|buch\w*|erfass\w*|"
    r"erhöh\w*|erhoeh\w*|senk\w*|storni\w*|schließ\w*|schliess\w*|schick\w*|send\w*|genehmig\w*|gib\s+frei|"
    r"markier\w*|korrigier\w*|überschreib\w*|ueberschreib\w*|entfern\w*|leg\w*\s+an|stell\w*\s+\w+\s+auf|"
    r"reset|delete|remove|erase|wipe|clear|change|update|set|book|enter|record|log|add|insert|send|email|mail|"
    r"approve|close|cancel|mark|raise|lower|increase|decrease|overwrite|edit|modify|create|open|reopen|assign|"
    r"start|starte|starten|restart|launch|release|push|trigger|dispatch|schedule|freigeben|anstoßen|anstossen|"
    r"auslösen|ausloesen|abschalt\w*|ausschalt\w*|einschalt\w*|switch off|switch on|turn off|turn on|shut down|"
    r"verschieb\w*|verleg\w*|umplan\w*|vorzieh\w*|zieh\w*\s+(?:\S+\s+){1,4}?vor\b|einplan\w*|plan\w*\s+(?:\S+\s+){1,6}?ein\b|"
    r"move|reschedule|postpone|bring forward|"
    r"umbuch\w*|umbenenn\w*|speicher\w*|rename|relabel|reclassify|rebook|fill(?!\s+(?:rate|level|grade|factor))|save|store|overwrite|backfill"
)
FINAL_VERBS = (  # German verbs at the end of a request: 'kannst du die Teile von Charge X auf gut umbuchen?'
    r"umbuchen|buchen|löschen|loeschen|ändern|aendern|eintragen|nachtragen|korrigieren|überschreiben|ueberschreiben|"
    r"umbenennen|speichern|auffüllen|auffuellen|zurücksetzen|zuruecksetzen|stornieren|setzen|freigeben|umschreiben|"
    r"umstellen|anlegen|hinzufügen|hinzufuegen|entfernen|abschließen|abschliessen|schließen|schliessen|verschieben|"
    r"verlegen|umplanen|vorziehen|einplanen"
)
ACT_LEAD = r"(?:bitte\s+|kannst du\s+(?:mal\s+)?|könntest du\s+|koenntest du\s+|please\s+|can you\s+|could you\s+|would you\s+|pls\s+)"
PEOPLE = (
    r"mitarbeiter\w*|werker\w*|bediener\w*|kolleg\w*|leute|person\w*|arbeiter\w*|schichtführer\w*|"
    r"worker\w*|employee\w*|operators?|people|persons?|staff member\w*|colleague\w*|guys?"
)
JUDGE = (
    r"schuld|fehler gemacht|die meisten fehler|am langsamsten|langsamste\w*|schlechteste\w*|beste\w*|faul\w*|"
    r"blame|fault|worst|best|slowest|laziest|lazy|most mistakes|most errors|rank|ranking|rangliste|bewert\w*|"
    r"performance of|leistung von|wer hat|who made|who caused|who is|wer ist|welche[rs]?|which|by how much"
)
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?is)^\s*({SQL_WORDS})\b.*{SQL_SHAPE}"), "sql"),
    (re.compile(rf"(?is)^\s*({ONLY_SQL})\b"), "sql"),
    (re.compile(r"(?is)^\s*(describe|summarize|show)\s+\w+\s*;?\s*$|^\s*explain\s+(select|with)\b|^\s*show\s+(tables|databases|columns)\b"), "sql"),
    (re.compile(r"(?i)(drop\s+table|delete\s+from|insert\s+into|\btruncate\s|</?sql>|;\s*--|\bunion\s+select\b)"), "sql"),
    (re.compile(r"(?i)\b(ignore|ignoriere|vergiss|forget|disregard|missachte)\b.{0,40}\b(instructions?|anweisungen|regeln|rules|prompt)"), "injection"),
    (re.compile(r"(?i)(system\s?prompt|developer mode|entwicklermodus|you are now|du bist jetzt|pretend|tu so als|\bact as\b|jailbreak|\{\{|\$\{|<script)"), "injection"),
    (re.compile(rf"(?i)^\s*{ACT_LEAD}?({ACT_VERBS})\b(?!\s+(?:mir|me|us|uns)\b\s+(?:die|the|an|a)\b)"), "change"),
    (re.compile(rf"(?i)\b{ACT_LEAD}({ACT_VERBS})\b"), "change"),
    (re.compile(r"(?i)\b(zurücksetzen|zuruecksetzen|zurückgesetzt|löschen|loeschen|eintragen|nachbuchen|ausbuchen|stornieren|überschreiben|set (?:it |them )?back|reset|delete)\b\s*[.!]?\s*$"), "change"),
    (re.compile(rf"(?i)\b(kannst du|könntest du|koenntest du|kann man|können sie|koennen sie|bitte)\b[^?.!]{{0,100}}\b({FINAL_VERBS})\b"), "change"),
    (re.compile(r"(?i)\b(and|und)\s+(save|store|speicher\w*|sichern)\s+(it|them|that|das|es|sie)\b"), "change"),
    (re.compile(r"(?i)\b(abmahn\w*|abmahnung|kündig\w*|kuendig\w*|entlass\w*|bestraf\w*|sanktion\w*|rausschmei\w*|feuern|discipline|disciplinary|warning letter|fire (?:him|her|them|the)|sack|punish\w*)\b"), "discipline"),
    (re.compile(r"(?i)\b(wer ist schuld|who is to blame|wessen schuld|whose fault|schuld an|to blame for|bester mitarbeiter|schlechtester mitarbeiter)"), "people"),
    (re.compile(rf"(?i)^\s*(wer|who)\s+(aus|von|of|from|among|unter|in)\b.{{0,80}}\b({JUDGE}|am langsamsten|am schnellsten|am besten|am schlechtesten)\b"), "people"),
    (re.compile(rf"(?i)^\s*(wer|who)\b(?!.*\b(team|teams|gruppe|schichtgruppe|linie|line|schicht|shift|station|anlage|lieferant\w*|supplier\w*|vendor\w*|produkt\w*|product\w*|charge\w*|batch\w*|zähler\w*|meter\w*)\b).{{0,80}}\b({JUDGE}|am langsamsten|am schnellsten|am besten|am schlechtesten)\b"), "people"),
    (re.compile(r"(?i)\b(schreib\w*|notier\w*|vermerk\w*)\b.{0,60}\b(rein|hinein|ein|dazu|hinzu)\b|\b(add|write|put)\b.{0,40}\b(note|comment|remark|notiz|kommentar)\b|\bnote (?:down )?that\b|\bin die notiz\b"), "change"),
    (re.compile(rf"(?i)\b({PEOPLE})\b.{{0,60}}\b({JUDGE})\b|\b({JUDGE})\b.{{0,40}}\b({PEOPLE})\b"), "people"),
    (re.compile(rf"(?i)\b(names?|namen|list)\b.{{0,30}}\b({PEOPLE})\b"), "people"),
    (re.compile(rf"(?i)\b(who was|who were|who is|wer war|wer ist|wer hatte|wer waren)\s+(?:the |der |die |unser\w* |our )?({PEOPLE}|schichtführer\w*|shift lead\w*|shift supervisor\w*)\b"), "people"),
    (re.compile(r"(?i)\b(his|her|their|seinen|ihren|deren|dessen)\s+(names?|namen)\b"), "people"),
    (re.compile(rf"(?i)\b({PEOPLE})\b\s+(?:\w+\s+){{0,4}}(?:who|that|die|der)\s+(?:\w+\s+)?(?:cause\w*|verursach\w*|mach\w*|produc\w*|produzier\w*)\b"), "people"),
    (re.compile(rf"(?i)\b(wer|who|welche[rs]?|which)\b\s+(?:von|of|aus|unter|among)\s+(?:den|der|the|our|unseren)?\s*({PEOPLE})\b"), "people"),
    (re.compile(r"(?<![\w-])(?:Herr|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Kollege|Kollegin)\s+[A-ZÄÖÜ][a-zäöüß]+"), "people"),
    (re.compile(r"(?i)\b(?:is|was|does|did|has|had|can|could)\s+(?:he|she)\b|\b(?:he|she)\s+(?:is|was|does|did|has|had|makes?|made)\b"), "people"),  # 'is he slower': a person, never a machine
    (re.compile(r"(?i)\b(gedicht|poem|witz|joke|reim|rhyme|lied|song|wetter|weather|rezept|recipe|fußball|fussball|football|soccer|bundesliga|horoskop|horoscope|hauptstadt|capital of|übersetze|translate|schreib (?:mir )?(?:eine |einen )?(?:mail|e-mail|brief|text|geschichte|aufsatz)|write (?:me )?(?:a |an )?(?:email|e-mail|letter|story|essay|poem|song))\b"), "off_topic"),
)  # fmt: skip
FOREIGN = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "est",
        "quel",
        "quelle",
        "quels",
        "ligne",
        "temps",
        "fait",
        "il",
        "qu'est",
        "el",
        "los",
        "las",
        "qué",
        "cuál",
        "cual",
        "es",
        "línea",
        "tiempo",
        "hace",
        "hoy",
        "della",
        "linea",
        "è",
        "qual",
        "di",
        "jest",
        "czas",
        "linii",
        "cyklu",
        "jaki",
        "hoe",
        "laat",
        "het",
        "wat",
        "weer",
        "een",
    ]
)
NATIVE = frozenset(  # common German and English words: a question holding them is not foreign ('du', 'es' are both)
    [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "the",
        "and",
        "of",
        "what",
        "which",
        "how",
        "line",
        "linie",
        "wie",
        "was",
        "welche",
        "ich",
        "mir",
        "mich",
        "wir",
        "uns",
        "sie",
        "er",
        "dass",
        "nicht",
        "mit",
        "auf",
        "fuer",
        "für",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "im",
        "ein",
        "eine",
        "einen",
        "kann",
        "kannst",
        "koennen",
        "können",
        "bitte",
        "hat",
        "haben",
        "hatte",
        "war",
        "waren",
        "gestern",
        "heute",
        "warum",
        "wo",
        "wann",
        "so",
        "als",
        "auch",
        "noch",
        "nur",
        "mal",
        "erklaeren",
        "erklären",
        "erklaer",
        "erklär",
        "is",
        "are",
        "to",
        "in",
        "on",
        "for",
        "was",
        "did",
        "do",
        "does",
        "you",
        "me",
        "my",
        "our",
        "please",
        "can",
        "could",
        "why",
        "when",
        "where",
        "yesterday",
        "today",
        "this",
    ]
)


def refusal(text: str) -> str | None:
    """The refusal message key for a question, or None when it may be planned."""
    for pattern, key in RULES:
        if pattern.search(text):
            return key
    return "language" if foreign_language(text) else None


def foreign_language(text: str) -> bool:
    """A question in French, Spanish, Italian, Polish, Dutch or a non-Latin script."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return False
    non_latin = sum(not re.fullmatch(r"[a-zäöüßàâçéèêëîïôûùüÿñæœáíóúìò']+", w) for w in words)
    if non_latin > len(words) / 2:
        return True
    foreign = sum(w in FOREIGN for w in words)
    return foreign >= 2 and foreign > sum(w in NATIVE for w in words)
