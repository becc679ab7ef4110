"""'Wann war der letzte Stillstand?', 'the last 5 changeovers': a question for the newest records, and how many."""

from __future__ import annotations

import re

from . import lexicon

MOST = 20  # records listed at most
PLURAL_DEFAULT = 5  # 'die letzten Stillstände' without a number
WHEN_LAST = re.compile(
    r"\b(?:wann\b[^?]*\bzuletzt|when\b[^?]*\blast(?!\s+(?:week|month|year|shift|night)))\b"
)
CUE = re.compile(
    r"\b(?:(?P<article>der|die|das|den|dem|unser\w*)\s+(?:aller)?(?:letzte|juengste|neueste)(?P<ending>[nrsm]?)"
    r"|^\s*(?:letzte[rs]?|last|latest)(?P<bare>)"
    r"|(?:die\s+|the\s+)?(?:letzten|last|latest)\s+(?P<count>\d{1,3})"
    r"|(?:the|our)\s+(?:very\s+)?(?:last|latest|most\s+recent|newest)|latest|most\s+recent)\s+",
)
COUNTED = re.compile(  # an aggregation over the records, not the records themselves
    r"\b(wie ?viele|wie oft|how many|how often|anzahl|number of|insgesamt|total|summe|durchschnitt\w*|"
    r"average|mean|im schnitt|median|meiste[nr]?|most frequent|haeufigste[nr]?|welche[rs]? (?:linie|station))\b"
)
NEAR = 30  # the record word follows the cue within this many characters
WHICH_ONES = re.compile(  # 'which one?', 'welche Nummer?', "what's still open": the records themselves
    r"\b(which ones?|which number|what number|working on|woran arbeitet|welche[rn]? status|which status|what status|what'?s its status|welche[rs]? (?:nummer|nummern|ist es|sind es)|welche nummer|what'?s (?:still )?open|"
    r"what is (?:still )?open|was ist (?:noch )?offen|was ist (?:\w+\s+){1,4}offen|was (?:liegt|steht) (?:noch )?an|list (?:them|the)|"
    r"liste (?:der|die)|zeig (?:mir )?(?:die|alle)|show (?:me )?(?:the|all)|which of (?:them|those|these)|welche (?:davon|von (?:denen|ihnen)))\b"
    r"|^\s*(?:are there |is there |got )?any(?:thing)? (?:still )?(?:open|outstanding|pending)\b"  # 'any open orders?'
    r"|\b(?:gibt es|gibts|gibt'?s|ist) (?:noch )?(?:was|etwas|irgendwas) offenes\b"  # 'gibt's was Offenes am Ofen?'
    r"|^\s*(?:welche[rsn]?|which)\s+(?:\w+\s+){0,2}?(?:\w*auftraege|\w*auftrag|orders?|work orders?|tickets?)\b|(?:^|[.?!,]\s*)(?:und\s+|and\s+)?(?:welche|which)\s*\??\s*$"
    r"|\bwas steht (?:denn |genau )?(?:im|in dem|in der|in den|drin)\b|\bworum geht (?:es|s)\b"  # the record's own text
    r"|\b(?:was|welche) genau\b|\bwhat exactly\b|\bwhich exactly\b|\bwhich ones exactly\b"
    r"|\bwhat does (?:the |that |this )?(?:\w+\s+){0,2}?(?:order|ticket) say\b|\bwhat'?s (?:the |that )?(?:\w+\s+)?(?:order|ticket) about\b"
    r"|\b(?:what'?s|what is|what was) (?:written )?in (?:the|that|this|its) (?:\w+\s+){0,2}?(?:orders?|tickets?|notes?)\b"
)


EXISTS = re.compile(  # 'is there a work order for the leak?', 'gibt es dazu einen Auftrag?': which ones there are
    r"\b(?:is there|was there|are there|were there|gibt es|gibts|gab es|existiert|(?:do|did) we (?:already |still )?have|"
    r"haben wir (?:schon |bereits |dazu )?)\b.{0,60}"
    r"\b(?:\w*auftrag|\w*auftraege|orders?|work orders?|tickets?)\b"
)
HOW_LONG = re.compile(r"\b(?:wie lange|how long)\b")


NEXT = re.compile(  # 'der nächste geplante Auftrag', 'what is the next order on L2': the first one planned
    r"\b(?:naechste[nrsm]?|kommende[nrsm]?|next|upcoming)\s+(?:\w+\s+){0,2}?"
    r"(?:\w*auftrag\w*|\w*auftraege\w*|orders?|production orders?|jobs?|los|lose|batch|run)\b"
    r"|\bwas (?:kommt|laeuft) als naechstes\b|\bwhat(?:'s| is| comes| runs) next(?: up)?\b|\bnext (?:up )?in (?:the )?queue\b"
    r"|\b(?:auftrag|order|job)\b.{0,25}\b(?:als naechstes|next)\b"
)


def asked_next(folded: str) -> bool:
    """'Was ist der nächste geplante Auftrag auf L2?': the first order planned from now on."""
    return NEXT.search(folded) is not None and not COUNTED.search(folded)


OLDEST = re.compile(
    r"\b(aelteste\w*|oldest|am laengsten (?:offen|liegt|wartet)|(?:wartet|liegt|offen) am laengsten|"
    r"longest (?:open|waiting)|waiting (?:the )?longest|been open (?:the )?longest)\b"
)


def listed_order(folded: str, statuses: tuple[str, ...]) -> str:
    """Records listed oldest first when the oldest is asked for, when they are still open (the longest waiting
    first) or planned (the next first); newest first otherwise."""
    still_open = bool(statuses) and set(statuses) <= {
        "open",
        "in_progress",
        "planned",
    }  # planned: the next first
    return "asc" if OLDEST.search(folded) or still_open else "desc"


def asked_records(folded: str) -> int | None:
    """'Is there an open order? which one': the records listed (up to MOST), None when no such thing is asked."""
    exists = EXISTS.search(folded) and not COUNTED.search(folded) and not HOW_LONG.search(folded)
    return MOST if WHICH_ONES.search(folded) or OLDEST.search(folded) or exists else None


HOW_LONG_AGO = re.compile(  # 'wie lange ist die letzte Wartung her?', 'how long ago was the last jam?': the time since
    r"\bwie lange (?:ist|war|liegt)\b.{0,80}\bher\b|\bvor wie vielen (?:stunden|tagen|minuten)\b"
    r"|\bhow long (?:ago|since)\b|\bhow many (?:hours|days|minutes) (?:ago|since)\b|\btime since\b|\bzeit seit\b"
)


def asked_since(folded: str) -> bool:
    """'Wie lange ist die letzte geplante Wartung her?': the time from the newest record until now."""
    return HOW_LONG_AGO.search(folded) is not None


def asked_latest_named(full: str, names: tuple[str, ...]) -> bool:
    """'Wann war der letzte Teilestau?', 'die letzte geplante Wartung': the newest record of a named reason or alarm.

    `full` is the whole folded question, `names` the folded names of the reasons, alarms or defects in it."""
    if not names or COUNTED.search(full):
        return False
    if WHEN_LAST.search(full):
        return True
    for match in CUE.finditer(full):
        after = full[match.end() : match.end() + NEAR]
        if not match.group("count") and any(0 <= after.find(name) <= 12 for name in names):
            return True
    return False


def asked_latest(folded: str) -> int | None:
    """How many of the newest records the question asks for (1 for 'der letzte …'), None when it asks no such thing.

    `folded` is the question folded, with its time expressions blanked ('die letzten 7 Tage' is a window)."""
    if COUNTED.search(folded):
        return None
    if WHEN_LAST.search(folded) and (
        lexicon.find_words(folded, lexicon.RECORD_WORDS) or lexicon.find_metrics(folded)
    ):
        return 1  # 'Wann hatte Linie 3 zuletzt einen Ausfall?', 'when did line 2 last change over?'
    for match in CUE.finditer(folded):
        after = folded[match.end() : match.end() + NEAR]
        words = lexicon.find_words(after, lexicon.RECORD_WORDS) or lexicon.find_metrics(after)
        if not words or words[0].start > 12:
            continue
        number = re.match(r"(\d{1,3})\s", after)  # 'die letzten 3 Ausfälle'
        counted = match.group("count") or (number.group(1) if number else None)
        if counted:
            return max(1, min(int(counted), MOST))
        plural = (match.group("article") == "die" and match.group("ending") == "n") or (
            match.group("article") is None and after[words[0].start : words[0].end].endswith("s")
        )
        return PLURAL_DEFAULT if plural else 1
    return None


LIST_ASKED = re.compile(  # 'list them', 'liste die Stillstände auf': the records listed
    r"\b(?:list|listing|auflisten|aufgelistet|liste\w*|itemi[sz]e|einzeln aufgefuehrt)\b"
)
SHOW_RECORDS = re.compile(  # 'zeig mir alle Wechsel von heute', 'show me the stops': the records, when a record word follows
    r"\b(?:zeig|zeige|show)\s+(?:mir\s+|me\s+|uns\s+|us\s+)?(?:bitte\s+|please\s+)?(?:alle|all|die|the|each)\s+"
    r"(?:(?:heutigen|gestrigen|today'?s|yesterday'?s|letzten|last|offenen|open)\s+)?(?P<word>\w+)"
)
WHICH_RECORDS = re.compile(  # 'welche Stillstände hatten wir', 'which stops did we have': the records, not a grouping
    r"\b(?:welche[nrs]?|which|what)\s+(?:\w+\s+){0,2}?(?P<word>\w+)\s+(?:\w+\s+){0,3}?"
    r"(?:hatten|hatte|gab es|gabs|gibt es|had|have|has|did we have|have we had|were there|was there|there were|there was|"
    r"liefen|lief|laufen|sind|were|are|stehen an|planned|geplant)\b"
)

WHICH_AT_END = re.compile(r"\b(?:welche[nrs]?|which)\s+(?P<word>\w+)\s*\??\s*$")  # '… tomorrow? which orders'


def asked_list(folded: str) -> bool:
    """'any stops longer than an hour? list them', 'welche Stillstände hatten wir heute?': the records themselves."""
    if COUNTED.search(folded):
        return False
    if LIST_ASKED.search(folded):
        return True
    which = WHICH_RECORDS.search(folded) or WHICH_AT_END.search(folded) or SHOW_RECORDS.search(folded)
    return which is not None and bool(lexicon.find_words(which.group("word"), lexicon.RECORD_WORDS))
