"""The plant's entities in a question: lines, stations, products, teams, suppliers, codes, media.

Names come from the plant's own master data, so a new line or product is understood without
code changes. Matching is tolerant of case and small typos, and never guesses a number: an
unknown line or station gets a clear answer naming the valid ones.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

NUMBER_WORDS = {
    "eins": 1, "one": 1, "erste": 1, "ersten": 1, "first": 1, "zwei": 2, "two": 2, "zweite": 2, "zweiten": 2,
    "second": 2, "drei": 3, "three": 3, "dritte": 3, "dritten": 3, "third": 3, "vier": 4, "four": 4,
    "vierte": 4, "vierten": 4, "fourth": 4, "fünf": 5, "fuenf": 5, "five": 5, "fünfte": 5, "fifth": 5,
    "sechs": 6, "six": 6, "sieben": 7, "seven": 7, "acht": 8, "eight": 8, "neun": 9, "nine": 9,
    "zehn": 10, "ten": 10, "elf": 11, "eleven": 11, "zwölf": 12, "twelve": 12, "dreizehn": 13, "thirteen": 13,
    "vierzehn": 14, "fourteen": 14, "fünfzehn": 15, "fifteen": 15, "sechzehn": 16, "sixteen": 16, "zwanzig": 20,
    "twenty": 20,
}  # fmt: skip
LINE_WORDS = ("linie", "linien", "line", "lines", "anlage", "band", "fertigungslinie", "produktionslinie")
NUM = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
LINE_NAME_SYNONYMS = {
    "druckguss": (
        "druckguss",
        "druckgießerei",
        "gießerei",
        "giesserei",
        "die casting",
        "die-casting",
        "casting",
    ),
    "presswerk": ("presswerk", "presse", "pressen", "umformung", "press shop", "stamping", "press line"),
    "montage": ("montage", "assembly", "assembly line", "montagelinie"),
    "lackierung": (
        "lackierung",
        "lackiererei",
        "lackieranlage",
        "painting",
        "paint shop",
        "paint line",
        "coating",
    ),
}
MEDIA = {
    "compressed_air": ("druckluft", "compressed air", "pressluft"),
    "heat": ("wärme", "waerme", "heizung", "fernwärme", "heat", "heating"),
    "gas": ("erdgas", "gas"),
}
EXTRA_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    "defect": {
        "D-POR": ("porosität", "porositaet", "poren", "porosity", "porous", "lunker"),
        "D-RISS": ("riss", "risse", "rissen", "crack", "cracks", "cracked"),
        "D-GRAT": ("grat", "burr", "burrs"),
        "D-KRATZ": ("kratzer", "scratch", "scratches"),
        "D-LACK": ("lackläufer", "laeufer", "paint run", "paint runs", "runs"),
        "D-EINS": ("einschluss", "einschlüsse", "inclusion", "inclusions"),
        "D-SCHD": ("schichtdicke", "coating thickness"),
        "D-MASS": ("maßabweichung", "massabweichung", "maßfehler", "dimension", "dimensional"),
        "D-MONT": ("montagefehler", "assembly error", "assembly errors"),
        "D-FUNK": ("funktionsprüfung", "function test", "functional test"),
        "D-FALT": ("falten", "faltenbildung", "wrinkling", "wrinkles"),
    },
    "alarm": {"A-217": ("greifer", "gripper")},
    "reason": {
        "BD-HYD": ("hydraulik", "hydraulic", "hydraulikstörung"),
        "MAT-MISS": ("materialmangel", "material shortage", "kein material"),
        "SETUP": ("rüstvorgang",),
    },
}  # fmt: skip
KIND_WORDS = {
    "line": ("Linie", "line"),
    "station": ("Station", "station"),
    "product": ("Produkt", "product"),
}


@dataclass(frozen=True)
class Entity:
    """One identifiable thing of the plant."""

    kind: str
    id: str
    label_de: str
    label_en: str


@dataclass(frozen=True)
class EntityMatch:
    """An entity named in a question."""

    entity: Entity
    span: tuple[int, int]
    score: float


@dataclass(frozen=True)
class UnknownEntity:
    """Something that looks like an entity but does not exist in the plant."""

    kind: str
    text: str
    span: tuple[int, int]

    def message(self, language: str, catalog: EntityCatalog) -> str:
        """'There is no line 9; the lines are 1–4 (…).'"""
        if self.kind == "line":
            valid = catalog.entities("line")
            names = ", ".join(e.label_de if language == "de" else e.label_en for e in valid)
            numbers = [int(e.id[1:]) for e in valid if e.id[1:].isdigit()]
            span = f"{min(numbers)}–{max(numbers)}" if numbers else ""
            if language == "de":
                return f"Eine Linie {self.text} gibt es nicht; die Linien sind {span} ({names})."
            return f"There is no line {self.text}; the lines are {span} ({names})."
        if self.kind == "station":
            line, _, number = self.text.partition("|")
            stations = [e for e in catalog.entities("station") if e.id.startswith(f"{line}-")]
            names = ", ".join(f"{e.id.split('-S')[1]} {e.label_de.split(' ', 1)[-1]}" for e in stations)
            line_no = line[1:]
            if language == "de":
                return f"Station {number} gibt es an Linie {line_no} nicht; Linie {line_no} hat die Stationen 1–{len(stations)}: {names}."
            return f"Line {line_no} has no station {number}; its stations are 1–{len(stations)}: {names}."
        close = difflib.get_close_matches(
            self.text, [e.id for e in catalog.entities(self.kind)], n=3, cutoff=0.5
        )
        hint = ", ".join(close)
        if language == "de":
            return f"„{self.text}“ kenne ich nicht." + (f" Meinten Sie: {hint}?" if hint else "")
        return f"I do not know “{self.text}”." + (f" Did you mean: {hint}?" if hint else "")


@dataclass
class EntityCatalog:
    """Every entity of the plant, with the lookups to find them in text."""

    by_kind: dict[str, list[Entity]] = field(default_factory=dict)
    phrases: list[tuple[re.Pattern[str], Entity]] = field(default_factory=list)
    line_numbers: dict[int, Entity] = field(default_factory=dict)
    fuzzy: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def from_connector(cls, connector: Any) -> EntityCatalog:
        """Load the master data once with a few SELECTs."""
        catalog = cls()
        rows = lambda sql: list(connector.execute(sql).itertuples(index=False))  # noqa: E731
        for line_id, line_no, name in rows("SELECT line_id, line_no, name FROM lines ORDER BY line_no"):
            catalog._add_line(str(line_id), int(line_no), str(name))
        for station_id, _line_id, name in rows(
            "SELECT station_id, line_id, name FROM stations ORDER BY line_id, seq"
        ):
            label = f"{station_id} {name}"
            catalog._add(
                Entity("station", str(station_id), label, label), [str(name)], exact=[str(station_id)]
            )
        for product_id, name, _family in rows(
            "SELECT product_id, name, family FROM products ORDER BY product_id"
        ):
            code = str(name).split()[-1]
            catalog._add(
                Entity("product", str(product_id), str(name), str(name)),
                [str(name), code],
                exact=[str(product_id)],
            )
        for (family,) in rows("SELECT DISTINCT family FROM products ORDER BY 1"):
            catalog._add(Entity("family", str(family), str(family), str(family)), [str(family)])
        for code, name_de, name_en in rows("SELECT shift_code, name_de, name_en FROM shifts ORDER BY 1"):
            catalog.by_kind.setdefault("shift", []).append(
                Entity("shift", str(code), str(name_de), str(name_en))
            )
        for team_id, name in rows("SELECT team_id, name FROM teams ORDER BY team_id"):
            letter = str(team_id).split("-")[-1]
            words = [
                str(name),
                f"team {letter}",
                f"gruppe {letter}",
                f"schichtgruppe {letter}",
                f"crew {letter}",
            ]
            catalog._add(Entity("team", str(team_id), str(name), str(name)), words, exact=[str(team_id)])
        for (supplier,) in rows("SELECT DISTINCT supplier FROM material_batches ORDER BY 1"):
            first = str(supplier).split()[0]
            catalog._add(
                Entity("supplier", str(supplier), str(supplier), str(supplier)), [str(supplier), first]
            )
        for code, de, en in rows("SELECT reason_code, text_de, text_en FROM downtime_reasons ORDER BY 1"):
            words = [w for w in (str(de), str(en)) if not _names_a_metric(w)]
            codes = [] if _names_a_metric(str(code)) else [str(code)]
            catalog._add(Entity("reason", str(code), str(de), str(en)), words, exact=codes)
        for code, de, en in rows("SELECT defect_code, text_de, text_en FROM defect_codes ORDER BY 1"):
            catalog._add(Entity("defect", str(code), str(de), str(en)), [str(de), str(en)], exact=[str(code)])
        for code, de, en in rows("SELECT alarm_code, text_de, text_en FROM alarm_codes ORDER BY 1"):
            catalog._add(Entity("alarm", str(code), f"{code} {de}", f"{code} {en}"), [], exact=[str(code)])
        meter: object
        for (meter,) in rows("SELECT meter_id FROM energy_meters ORDER BY 1"):
            catalog._add(Entity("meter", str(meter), str(meter), str(meter)), [], exact=[str(meter)])
        for medium, media_words in MEDIA.items():
            catalog._add(
                Entity(
                    "medium", medium, media_words[0].capitalize(), media_words[-1 if medium != "gas" else 1]
                ),
                list(media_words),
            )
        catalog._add_extra_terms()
        catalog.phrases.sort(key=lambda item: len(item[0].pattern), reverse=True)
        return catalog

    def _add_line(self, line_id: str, line_no: int, name: str) -> None:
        short = name.split("–")[-1].strip()
        entity = Entity("line", line_id, name, f"Line {line_no} – {short}")
        self.line_numbers[line_no] = entity
        key = re.sub(r"\s+\d+$", "", short.lower())
        words = [short, *LINE_NAME_SYNONYMS.get(key, ())]
        self._add(entity, words if short.lower() == key else [short])

    def _add(self, entity: Entity, words: Iterable[str], exact: Iterable[str] = ()) -> None:
        """Register an entity under words (matched as whole words, case-insensitive)."""
        self.by_kind.setdefault(entity.kind, []).append(entity)
        for word in {w.strip() for w in [*words, *exact] if w and len(w.strip()) >= 2}:
            pattern = _word_pattern(word)
            self.phrases.append((pattern, entity))
            if len(word) >= 7 and " " not in word:
                self.fuzzy[word.lower()] = entity

    def _add_extra_terms(self) -> None:
        for kind, terms in EXTRA_TERMS.items():
            known = {e.id: e for e in self.by_kind.get(kind, [])}
            for code, words in terms.items():
                if code in known:
                    for word in words:
                        pattern = _word_pattern(word)
                        self.phrases.append((pattern, known[code]))

    def entities(self, kind: str) -> list[Entity]:
        """Every entity of a kind."""
        return list(self.by_kind.get(kind, []))

    def label(self, kind: str, identifier: str, language: str) -> str:
        """How to show an identifier."""
        for entity in self.by_kind.get(kind, []):
            if entity.id == identifier:
                return entity.label_de if language == "de" else entity.label_en
        return identifier

    def find(self, question: str) -> tuple[list[EntityMatch], list[UnknownEntity]]:
        """Entities named in the question, in order, not overlapping; and unknown lines or stations."""
        text = question.lower()
        matches: list[EntityMatch] = []
        unknown: list[UnknownEntity] = []
        taken: list[tuple[int, int]] = []
        lines = self._lines(text, matches, unknown, taken)
        self._stations(text, lines, matches, unknown, taken)
        station_spans: set[tuple[int, int]] = set()
        for pattern, entity in self.phrases:
            for m in pattern.finditer(text):
                shared = entity.kind == "station" and m.span() in station_spans
                if (shared or not _overlaps(m.span(), taken)) and _plausible(
                    entity, m.group(0), text, m.span()
                ):
                    matches.append(EntityMatch(entity, m.span(), 1.0))
                    taken.append(m.span())
                    if entity.kind == "station":
                        station_spans.add(m.span())
        self._typos(text, matches, taken)
        matches = _resolve_station_names(matches, {m.entity.id for m in matches if m.entity.kind == "line"})
        return sorted(matches, key=lambda m: m.span[0]), unknown

    def _lines(
        self,
        text: str,
        matches: list[EntityMatch],
        unknown: list[UnknownEntity],
        taken: list[tuple[int, int]],
    ) -> set[str]:
        """'Linie 3', 'line three', 'L3', 'dritte Linie', 'lines 1 and 2', with typos in the word."""
        found: set[str] = set()
        patterns = [
            rf"\b(?P<word>[a-zäöü]{{3,18}})\s*(?:nr\.?\s*|no\.?\s*|#\s*)?(?P<n>{NUM})(?P<more>(?:\s*(?:,|und|and|&|\+|/|oder|or|vs\.?|gegen)\s*{NUM})*)\b",
            r"(?<![\w-])l\s?(?P<n>\d{1,3})(?![\w-])",
            rf"\b(?P<n>{NUM})(?:\.|st|nd|rd|th)?\s+(?P<word>linie|line)\b",
        ]
        for index, pattern in enumerate(patterns):
            for m in re.finditer(pattern, text):
                word = m.groupdict().get("word")
                if word is not None and not _is_line_word(word):
                    continue
                if index == 1 and re.match(r"\s*-\s*s\d", text[m.end() :]):
                    continue  # 'L3-S4' is a station
                if _overlaps(m.span(), taken):
                    continue
                numbers = [m["n"], *re.findall(NUM, m.groupdict().get("more") or "")]
                for raw in numbers:
                    number = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
                    entity = self.line_numbers.get(number)
                    if entity is None:
                        unknown.append(UnknownEntity("line", str(number), m.span()))
                    else:
                        matches.append(EntityMatch(entity, m.span(), 1.0))
                        found.add(entity.id)
                taken.append(m.span())
        return found

    def _stations(
        self,
        text: str,
        lines: set[str],
        matches: list[EntityMatch],
        unknown: list[UnknownEntity],
        taken: list[tuple[int, int]],
    ) -> None:
        """'L3-S4', and 'Station 4' when one line is named."""
        stations = {e.id: e for e in self.by_kind.get("station", [])}
        for m in re.finditer(r"(?<![\w-])(l\d{1,3})\s?-\s?s(\d{1,2})(?![\w-])", text):
            sid = f"{m[1].upper()}-S{int(m[2])}"
            line = m[1].upper()
            if sid in stations:
                matches.append(EntityMatch(stations[sid], m.span(), 1.0))
            elif int(line[1:]) in self.line_numbers:
                unknown.append(UnknownEntity("station", f"{line}|{int(m[2])}", m.span()))
            else:
                unknown.append(UnknownEntity("line", line[1:], m.span()))
            taken.append(m.span())
        for m in re.finditer(r"\b(?:station|stat\.|st\.|maschine|machine)\s*(\d{1,2})\b", text):
            if _overlaps(m.span(), taken) or len(lines) != 1:
                continue
            line = next(iter(lines))
            sid = f"{line}-S{int(m[1])}"
            if sid in stations:
                matches.append(EntityMatch(stations[sid], m.span(), 1.0))
            else:
                unknown.append(UnknownEntity("station", f"{line}|{int(m[1])}", m.span()))
            taken.append(m.span())

    def _typos(self, text: str, matches: list[EntityMatch], taken: list[tuple[int, int]]) -> None:
        """Long names with a small typo ('Druckgus', 'Verschrauben' → 'Verschrauen')."""
        names = list(self.fuzzy)
        for m in re.finditer(r"[a-zäöüß][a-zäöüß-]{6,}", text):
            if _overlaps(m.span(), taken):
                continue
            close = difflib.get_close_matches(m.group(0), names, n=1, cutoff=0.85)
            if close:
                matches.append(EntityMatch(self.fuzzy[close[0]], m.span(), 0.8))
                taken.append(m.span())


def _names_a_metric(word: str) -> bool:
    """A reason text such as 'Changeover' must not hide the metric 'changeovers'."""
    from .semantic.catalog import METRICS

    word = word.lower()
    return any(
        name.lower().startswith(word) or word.startswith(name.lower()) for m in METRICS for name in m.names
    )


def _word_pattern(word: str) -> re.Pattern[str]:
    """A whole-word, case-folded pattern; spaces and hyphens inside read the same."""
    body = re.escape(word.strip().lower()).replace("\\ ", "[\\s-]+")
    return re.compile("(?<![\\w-])" + body + "(?![\\w-])")


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _is_line_word(word: str) -> bool:
    """'Linie', 'line', and typos of them ('Linei', 'lnie'), not 'KW', 'Woche' or 'top'."""
    word = word.lower()
    if word in LINE_WORDS:
        return True
    return len(word) >= 4 and bool(
        difflib.get_close_matches(word, ["linie", "line", "linien", "lines"], n=1, cutoff=0.75)
    )


def _plausible(entity: Entity, matched: str, text: str, span: tuple[int, int]) -> bool:
    """Short or generic words only count where they cannot mean something else."""
    if entity.kind == "family" and matched in ("uni",):
        return False
    return not (entity.kind == "medium" and matched == "gas" and "gas" not in text.split())


def _resolve_station_names(matches: list[EntityMatch], lines: set[str]) -> list[EntityMatch]:
    """A station name that several lines share counts only for the named line."""
    result: list[EntityMatch] = []
    by_span: dict[tuple[int, int], list[EntityMatch]] = {}
    for match in matches:
        by_span.setdefault(match.span, []).append(match)
    for group in by_span.values():
        stations = [m for m in group if m.entity.kind == "station"]
        if len(stations) <= 1:
            result.extend(group)
            continue
        chosen = [m for m in stations if m.entity.id.split("-")[0] in lines]
        result.extend(chosen[:1] + [m for m in group if m.entity.kind != "station"])
    return result
