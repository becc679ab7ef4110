"""Words that turn a question into advice: against a norm, how to improve, what if; DE and EN."""

from __future__ import annotations

import re

from ..planner import lexicon

ADVICE_CUES: dict[str, tuple[str, ...]] = {
    "whatif": (
        "was waere wenn", "was wäre, wenn", "was waere, wenn", "wenn wir", "angenommen", "gesetzt den fall",
        "szenariovergleich", "szenarien vergleichen", "szenario", "what if", "what would happen if", "if we",
        "suppose we", "supposing", "assuming we", "scenario comparison", "compare scenarios", "scenario",
    ),
    "improve": (
        "wie kann ich", "wie koennen wir", "wie koennte ich", "wie koennten wir", "wie kann man", "wie lassen sich",
        "wie laesst sich", "was kann ich tun", "was koennen wir tun", "was tun gegen", "was soll ich tun",
        "verbessern", "optimieren", "reduzieren", "senken", "verringern", "verkuerzen",
        "how can i", "how can we", "how could we", "what should i do", "what should we do",
        "what can we do", "what can i do", "improve", "reduce", "cut down", "bring down",
    ),
    "normative": (
        "zu viel", "zu hoch", "zu lang", "auffaellig", "auffaelliger", "schlechter als sonst",
        "schlechter als normal", "hoeher als sonst", "mehr als sonst", "ausserhalb des ziels",
        "nicht im ziel", "too much", "too high", "too long", "unusual", "unusually", "off target",
        "worse than usual", "worse than normal", "higher than usual", "more than usual", "out of line",
    ),
}  # fmt: skip
ORDER = ("whatif", "improve", "normative")
SAVING: tuple[str, ...] = (
    "sparen", "einsparen", "einsparung", "einsparungen", "einsparpotenzial", "einsparpotential", "sparpotenzial",
    "save", "saving", "savings", "save energy",
)  # fmt: skip
ENERGY_WORDS = re.compile(
    r"\b(energie\w*|strom\w*|druckluft\w*|verbrauch\w*|kwh|energy|electricity|power|compressed air|consumption)\b"
)
LEAK = re.compile(r"\b(\w*leck(?:age)?\w*|undicht\w*|leak\w*)\b")
SWITCH_OFF = re.compile(
    r"\b(abschalt\w*|abgeschaltet|ausschalt\w*|ausgeschaltet|aus ausserhalb|switch(?:ed|es)? off|turn(?:ed)? off|"
    r"shut (?:down|off)|grundlast\w*|base ?load|idle\w*|leerlauf\w*|ausserhalb der schicht\w*|outside (?:the )?shifts?)\b"
)  # 'wie kann ich den Verbrauch senken, der zu hoch ist' asks how


def advice_kind(folded: str) -> str | None:
    """'whatif', 'improve' or 'normative' when the folded question carries one of their cues."""
    found = {hit.key for hit in lexicon.find_words(folded, ADVICE_CUES)}
    kind = next((kind for kind in ORDER if kind in found), None)
    return kind or ("improve" if asks_saving(folded) else None)


def saving_cue(folded: str) -> bool:
    """The question asks what could be saved: 'sparen', 'einsparen', 'save'."""
    return bool(lexicon.find_words(folded, {"saving": SAVING}))


def asks_saving(folded: str) -> bool:
    """'Wo können wir Energie sparen?': the question asks where energy could be saved."""
    return saving_cue(folded) and bool(ENERGY_WORDS.search(folded))


def energy_lever(folded: str) -> str | None:
    """'leak' for a leak fixed, 'idle_off' for base load switched off outside shifts, or None."""
    if LEAK.search(folded):
        return "leak"
    return "idle_off" if SWITCH_OFF.search(folded) else None


HALF = re.compile(r"\b(halbier\w*|halbe[nr]?|haelfte|halve[sd]?|halving|by half|in half)\b")
PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|prozent|percent)")
STANDARD = re.compile(r"\b(standard\w*|vorgabe\w*|sollzeit\w*)\b")
REMOVED = re.compile(
    r"\b(wegfall\w*|weg|entfall\w*|eliminier\w*|beseitig\w*|abstell\w*|abschaff\w*|keine mehr|nicht mehr|"
    r"remove[ds]?|eliminate[ds]?|gone|no more|got rid|get rid|fix(?:ed)?|stopp?ed)\b"
)
BASELINE = re.compile(
    r"\b(normal\w*|ueblich\w*|wie sonst|baseline|usual|as before|wie vorher|zurueck|back to)\b"
)
MINUTES = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:min\b|minute\w*)")


def scenario_amount(folded: str) -> str:
    """What the scenario changes: 'cut:50', 'standard', 'remove', 'baseline', 'mttr:30' or 'default'."""
    minutes = MINUTES.search(folded)
    if "mttr" in folded and minutes:
        return "mttr:" + minutes.group(1).replace(",", ".")
    if HALF.search(folded):
        return "cut:50"
    percent = PERCENT.search(folded)
    if percent:
        return "cut:" + percent.group(1).replace(",", ".")
    if STANDARD.search(folded):
        return "standard"
    if BASELINE.search(folded):
        return "baseline"
    if REMOVED.search(folded):
        return "remove"
    return "default"
