"""What a model's text may not say or carry: claims of actions, and images, HTML or links to outside addresses.

The copilot only reads. A reply that says something was done, changed, booked, reset, deleted or
sent is false by construction and is never shown. Markdown that would make the browser fetch an
outside address (an image) or invite a click away from the app (a link) is removed before display.
"""

from __future__ import annotations

import re

# Past participles of actions the copilot never takes (German, English): changes to data and messages sent.
_DONE_DE = (
    r"(?:zurückgesetzt|gelöscht|geändert|gebucht|gesendet|versendet|verschickt|aktualisiert|korrigiert"
    r"|entfernt|storniert|überschrieben|eingetragen|bestellt|benachrichtigt|informiert|gespeichert)"
)
_DONE_EN = (
    r"(?:reset|deleted|removed|changed|updated|booked|sent|emailed|cancell?ed|overwritten|corrected"
    r"|fixed|notified|cleared|modified|saved|posted|scheduled|rebooked|wiped|purged|erased)"
)
_CHANGED_DE = (  # in the passive only changes to data: 'der Auftrag wurde storniert' describes the plant
    r"(?:zurückgesetzt|gelöscht|geändert|überschrieben|korrigiert|entfernt|aktualisiert|versendet|verschickt"
    r"|gesendet|eingetragen|gespeichert)"
)
ACTION_CLAIMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^\W*(?:erledigt|done|ok,? (?:done|erledigt))\b",
        rf"\b(?:ich|wir) (?:habe|haben)\b[^.!?\n]{{0,120}}\b{_DONE_DE}\b",
        rf"\b(?:wurde|wurden|ist|sind) (?:\w+ ){{0,8}}(?:erfolgreich |jetzt |nun )?{_CHANGED_DE}\b(?! werden)",
        rf"\b(?:I|we)(?:'ve| have| just| already| now| successfully)*\s+{_DONE_EN}\b",
        rf"\b(?:has|have) (?:now |just |successfully )?been\s+{_DONE_EN}\b",
        rf"\bsuccessfully\s+{_DONE_EN}\b",
        rf"\berfolgreich\b[^.!?\n]{{0,60}}\b{_DONE_DE}\b",
    )
)
# What the copilot itself says about reading (its own texts are not claims).
NEGATED = re.compile(
    r"\b(?:nicht|nichts|nie|niemals|kein\w*|not|nothing|never|cannot|can.t|no)\b", re.IGNORECASE
)

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
LINK = re.compile(r"\[([^\]]+)\]\(\s*[^)\s]+[^)]*\)")
REFERENCE = re.compile(r"(?m)^\s*\[[^\]]+\]:\s*\S+.*$")
AUTOLINK = re.compile(r"<(?:https?|ftp|mailto|file|data|javascript):[^>]*>", re.IGNORECASE)
HTML = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.DOTALL)
ADDRESS = re.compile(
    r"\b(?:https?|ftp|file|data|javascript):(?://)?[^\s)>\]]+|\bwww\.[^\s)>\]]+", re.IGNORECASE
)


def claimed_action(text: str) -> str | None:
    """The sentence in which the text claims an action was taken, or None."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if NEGATED.search(sentence):
            continue  # "I have not changed anything" is no claim
        if any(pattern.search(sentence) for pattern in ACTION_CLAIMS):
            return sentence.strip()[:120]
    return None


def safe_markdown(text: str) -> str:
    """The text without images, HTML, link targets or outside addresses: link texts stay, targets go."""
    text = IMAGE.sub("", text)
    text = REFERENCE.sub("", text)
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub("", text)
    text = HTML.sub("", text)
    text = ADDRESS.sub("", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()
