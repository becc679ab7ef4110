"""The evaluation set: questions with gold SQL or an expected refusal, scored by category."""

from __future__ import annotations

import math
import re
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from connectors.base import Connector

from .answer import Answer
from .engine import Copilot, Session
from .semantic.catalog import METRICS
from .semantic.records import record_of

REFUSALS = frozenset({"out_of_scope", "unknown_entity", "clarify"})
ASKED_BACK = frozenset({"clarify", "unknown_entity"})  # a question back with the choices
RELATIVE_TOLERANCE = 0.005
ABSOLUTE_TOLERANCE = 0.05
PERCENT_UNITS = frozenset({"%", "pp"})  # shown ×100: a gold written as a ratio counts
VERDICTS = ("right", "clarified", "refused", "wrong_noted", "silent")


@dataclass(frozen=True)
class Case:
    """One question of the evaluation set and what a correct answer holds."""

    id: str
    category: str
    question: str
    expect: dict[str, Any]
    context: tuple[str, ...] = ()
    role: str = "operator"


@dataclass
class Outcome:
    """How the copilot did on one case."""

    case: Case
    passed: bool
    reason: str
    seconds: float
    answer: Answer | None = field(default=None, repr=False)

    @property
    def verdict(self) -> str:
        """right, clarified (asked back), refused (no figure), wrong_noted (said what it changed) or silent."""
        if self.passed:
            return "right"
        answer = self.answer
        if answer is None:
            return "refused"
        if answer.intent in ASKED_BACK:
            return "clarified"
        if not _figures(answer):
            return "refused"
        return "wrong_noted" if _corrections(answer) else "silent"

    @property
    def clear(self) -> bool:
        """The case is a clear question: one reading, a figure, ranking or lesson expected."""
        return not self.case.expect.get("refusal") and self.case.expect.get("intent") not in ASKED_BACK


def load_cases(folder: Path, also_sql: str = "shown") -> list[Case]:
    """Every case from the YAML files of a folder, in file order.

    `also_sql` says what a case's also_sql are: figures the answer must also show ('shown'),
    or other readings of the question that count as right too ('alternatives').
    """
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            expect = _expectation(dict(item["expect"]))
            if also_sql == "alternatives":
                expect["alternative_sql"] = expect.pop("also_sql", None) or []
            cases.append(
                Case(
                    id=str(item["id"]),
                    category=str(item["category"]),
                    question=str(item["question"]),
                    expect=expect,
                    context=tuple(item.get("context") or ()),
                    role=str(item.get("role", "operator")),
                )
            )
    return cases


def _expectation(expect: dict[str, Any]) -> dict[str, Any]:
    """Cases written by kind (figure, ranking, refusal, clarify, lesson) in the common form."""
    kind = expect.pop("kind", None)
    if kind == "refusal":
        expect["refusal"] = True
    elif kind == "clarify":
        expect["intent"] = "clarify"
    elif kind == "lesson" and expect.get("lesson"):
        from .planner.topics import find_topic

        name = str(expect.pop("lesson"))
        spoken = name.replace("_", " ").replace("-", " ")  # 'takt_time' is the lesson on takt time
        expect["topic"] = find_topic(name) or find_topic(spoken) or name.replace("-", "_").replace(" ", "_")
    elif kind == "lesson":
        expect["intent"] = "lesson"
    return expect


def run_case(copilot: Copilot, connector: Connector, case: Case) -> Outcome:
    """Ask the case's conversation and score the last answer."""
    session = Session(copilot, role=case.role)
    for earlier in case.context:
        session.ask(earlier)
    started = time.perf_counter()
    answer = session.ask(case.question)
    seconds = time.perf_counter() - started
    passed, reason = score(answer, case.expect, connector)
    return Outcome(case, passed, reason, seconds, answer)


def score(answer: Answer, expect: dict[str, Any], connector: Connector) -> tuple[bool, str]:
    """Whether the answer holds what the case expects, and why not."""
    if expect.get("intent") == "clarify":
        return answer.intent in ASKED_BACK and not _figures(answer), f"intent {answer.intent}"
    if "intent" in expect and answer.intent != expect["intent"]:
        return False, f"intent {answer.intent}, expected {expect['intent']}"
    if expect.get("refusal"):
        expect = {k: v for k, v in expect.items() if k != "gold_sql"}
        numbers = [f for f in answer.facts if isinstance(f.value, int | float)]
        if numbers or (answer.intent not in REFUSALS and answer.facts):  # 'no data for 2024' shows no figure
            return False, f"expected a refusal, got {answer.intent} with {len(numbers)} figures"
        return True, "refused"
    if "topic" in expect:
        topic = (answer.lesson or {}).get("topic")
        return topic == expect["topic"], f"topic {topic}"
    if "gold_sql" in expect:
        readings = [expect["gold_sql"], *expect.get("alternative_sql", ())]
        verdicts = [_compare_gold(answer, {**expect, "gold_sql": sql}, connector) for sql in readings]
        return next((v for v in verdicts if v[0]), verdicts[0])
    return True, "intent"


TABLES = frozenset({"breakdown", "trend"})  # a table of figures: each figure counts wherever it stands


def _compare_gold(answer: Answer, expect: dict[str, Any], connector: Connector) -> tuple[bool, str]:
    """facts[0].value against the first cell of the gold query; each also_sql figure among the facts."""
    frame = _without_own_keys(answer, connector.execute(expect["gold_sql"]))
    gold = _first_cell(frame, connector)
    if gold is None:
        return False, "gold query returned no rows"
    if not answer.facts:
        return False, f"no facts; gold {gold}"
    scale = float(expect.get("tolerance_scale", 1))
    if (
        frame.shape[1] > 1
        and isinstance(gold, str)
        and COMPOSITE.search(gold)
        and _is_number(frame.iloc[0, 1])
    ):
        return _same_series(answer, frame, scale, connector)  # 'L1: D-POR': each pair with its figure
    if _keys_in_front(frame) > 1 and answer.understood is not None and answer.understood.within:
        return _same_series(
            answer, frame, scale, connector
        )  # 'L1 | setup | 389.8': each pair with its figure
    listed = answer.intent == "latest" and answer.understood is not None and answer.understood.form == "list"
    if listed and len(frame) > 1 and frame.shape[1] > 1 and _keys_in_front(frame):
        rows_listed = _same_series(
            answer, frame, scale, connector
        )  # 'list today's changeovers': each row listed
        if rows_listed[0]:
            return rows_listed
    if frame.shape[1] > 1 and (answer.intent in TABLES | {"compare"} or _in_key_order(answer, frame)):
        by_group = answer.understood is not None and answer.understood.group_by is not None
        if hasattr(gold, "isoformat") and (answer.intent in TABLES or by_group):
            return _same_series(answer, frame, scale, connector)
        if (
            isinstance(gold, str)
            and (_is_number(frame.iloc[0, 1]) or (by_group and _keys_in_front(frame) > 1))
            and _same_series(answer, frame, scale, connector)[0]
        ):
            return True, f"{len(frame)} rows as the gold"  # a table in the key's order, not ranked
    if _labelled_by_own_filter(answer, frame, gold):
        frame = frame.iloc[
            :, _keys_in_front(frame) :
        ]  # 'L1 | 8.52', 'B-L1-X002 | AluNord | 577 …': the figures
        gold = frame.iloc[0, 0]  # after the label of the thing the question is about
        asked = answer.understood.metrics[0] if answer.understood and answer.understood.metrics else None
        if asked in frame.columns:
            gold = frame[asked].iloc[0]  # 'L4 | oee | availability …' asked for availability: its own column
    facts = answer.facts
    if _top_and_its_figure(answer, gold) and not _same_fact(answer.facts[0], gold, scale):
        facts = facts[
            1:
        ]  # 'which alarm, and how often?': the gold is the top's figure, shown next to its name
    named_column = [f for f in facts if f.key == facts[0].value == frame.columns[0]]
    if (
        named_column
    ):  # 'availability, performance or quality?': the factor named, the gold its column's figure
        facts = named_column
    got = facts[0].value
    table = answer.intent in TABLES
    if (
        not _same_fact(facts[0], gold, scale)
        and not (table and any(_same_fact(f, gold, scale) for f in facts))
        and not _names_the_record(facts, gold)
        and not _one_record_named(answer, gold)
        and not _same_moment(answer, frame)
        and not _pair_in_row(facts[0], frame, connector)
        and not _each_period_shown(answer, frame, scale)
        and not _both_sides_shown(answer, frame, scale)
        and not _in_its_own_column(facts[0], frame, scale)
        and not _moment_given(answer, frame)
        and not _each_side_in_its_column(answer, frame, scale)
        and not _lowest_factor_named(answer, frame)
    ):
        return False, f"{got} vs gold {_shown(gold)}"
    others = facts if table else facts[1:]
    for sql in expect.get("also_sql") or ():
        also = _gold(connector, sql)
        if also is None or not any(_same_fact(f, also, scale) for f in others):
            return False, f"{got} right, but {_shown(also)} not among the other figures"
    return True, f"{got} vs gold {_shown(gold)}"


COLUMN_UNITS = {  # how a gold column's name says its unit: 'minutes', 'scrap_rate_pct', 'kwh_per_good_unit'
    "%": re.compile(r"pct|percent|prozent|rate|quote|share|anteil|ratio"),
    "pp": re.compile(r"pct|percent|points|pp"),
    "min": re.compile(r"^(?!.*per).*min"),
    "s": re.compile(r"(?:^|_)s$|sec|sek"),
    "h": re.compile(r"(?:^|_)h$|hour|stunde"),
    "kWh": re.compile(r"^(?!.*per).*kwh"),
    "kWh/unit": re.compile(r"kwh.*per|per_.*unit"),
    "kW": re.compile(r"(?:^|_)kw$"),
    "EUR": re.compile(r"cost|eur|kosten"),
}


WEEK_COLUMN = re.compile(r"week|kw|woche")  # a gold column of ISO week numbers
GENERIC_KEY_WORDS = frozenset({"count", "total", "rate", "time", "mean", "median", ""})


def _own_columns(unit: str, key: str, columns: list[Any]) -> list[int]:
    """The gold columns named in a fact's unit ('scrap_rate_pct' for %) or after its measure ('oee', 'scrap')."""
    pattern = COLUMN_UNITS.get(unit)
    words = set(key.split("_")) - GENERIC_KEY_WORDS
    return [
        i
        for i, column in enumerate(columns)
        if (pattern is not None and pattern.search(str(column).lower()))
        or words & set(str(column).lower().split("_"))
    ]


def _in_its_own_column(fact: Any, frame: Any, scale: float) -> bool:
    """A one-row gold that leads with counts ('stops | minutes'): the fact equals the column in its own unit."""
    if len(frame) != 1 or frame.shape[1] < 2 or not _is_number(frame.iloc[0, 0]):
        return False
    return any(
        _is_number(frame.iloc[0, i]) and _same_fact(fact, frame.iloc[0, i], scale)
        for i in _own_columns(fact.unit, fact.key, list(frame.columns))
    )


def _moment_given(answer: Answer, frame: Any) -> bool:
    """A gold led by a moment ('value and time?', 'which hour today?'): the answer gives that moment, or its
    hour when every gold row lies on one day."""
    first = frame.iloc[0, 0]
    if not isinstance(first, pd.Timestamp | datetime):
        return False
    moment = pd.Timestamp(first)
    one_day = len({pd.Timestamp(v).date() for v in frame.iloc[:, 0]}) == 1
    for fact in answer.facts:
        if fact.unit == "timestamp" and pd.Timestamp(fact.value) == moment:
            return True
        if fact.unit == "hour" and one_day and _is_hour(fact.value, moment):
            return True
    return False


def _is_hour(value: Any, moment: pd.Timestamp) -> bool:
    """'8.0' or 8 for the hour starting at 08:00."""
    try:
        return moment.minute == 0 and int(float(value)) == moment.hour
    except (TypeError, ValueError):
        return False


def _in_key_order(answer: Answer, frame: Any) -> bool:
    """A ranking answered where the gold lists every group in its key's order ('OEE per line vs target')."""
    keys = frame.iloc[:, 0]
    return (
        answer.intent == "rank"
        and len(frame) > 2
        and all(isinstance(k, str) for k in keys)
        and list(keys) == sorted(keys)
    )


def _without_own_keys(answer: Answer, frame: Any) -> Any:
    """A gold table without leading key columns that hold one thing the answer is restricted to ('L2 | E | 0.92 …'
    for OEE of line 2 by shift): the keys that tell its rows apart stay."""
    plan = answer.understood
    if plan is None or len(frame) < 2 or _keys_in_front(frame) < 2:
        return frame
    restricted = {value for values in plan.filters.used().values() for value in values}
    own = [
        column
        for column in frame.columns[: _keys_in_front(frame)]
        if frame[column].nunique() == 1 and frame[column].iloc[0] in restricted
    ]
    return frame.drop(columns=own) if own and len(own) < _keys_in_front(frame) else frame


def _labelled_by_own_filter(answer: Answer, frame: Any, gold: Any) -> bool:
    """A gold of one row that labels its figures with a thing the answer itself is restricted to (and its names)."""
    plan = answer.understood
    if plan is None or len(frame) != 1 or frame.shape[1] < 2 or not isinstance(gold, str):
        return False
    restricted = {value for values in plan.filters.used().values() for value in values}
    return gold in restricted and _keys_in_front(frame) > 0


def _both_sides_shown(answer: Answer, frame: Any, scale: float) -> bool:
    """'better or worse than before?': a one-row gold of the two figures, both shown by the comparison."""
    if answer.intent != "compare" or len(frame) != 1 or frame.shape[1] < 2:
        return False
    cells = list(frame.iloc[0])
    return all(_is_number(c) for c in cells) and all(
        any(_same_fact(f, c, scale) for f in answer.facts) for c in cells
    )


def _each_side_in_its_column(answer: Answer, frame: Any, scale: float) -> bool:
    """'vor und nach dem 10.11.': one gold row per side, named ('before'), each side's figure among the facts
    in the column of the answer's unit."""
    if answer.intent != "compare" or not 2 <= len(frame) <= 4 or not isinstance(frame.iloc[0, 0], str):
        return False
    fact = answer.facts[0]
    for column in _own_columns(fact.unit, fact.key, list(frame.columns)):
        cells = list(frame.iloc[:, column])
        if all(_is_number(c) for c in cells) and all(
            any(_same_fact(f, c, scale) for f in answer.facts) for c in cells
        ):
            return True
    return False


OEE_FACTORS = ("availability", "performance", "quality")


def _lowest_factor_named(answer: Answer, frame: Any) -> bool:
    """'Verfügbarkeit, Leistung oder Qualität?': the factor named first is the lowest of the gold row's three."""
    factors = [f for f in OEE_FACTORS if f in frame.columns]
    named = answer.facts[0].value
    if len(frame) != 1 or len(factors) < 3 or named not in factors:
        return False
    row = frame.iloc[0]
    return bool(min(factors, key=lambda f: float(row[f])) == named)


def _names_the_record(facts: list[Any], gold: Any) -> bool:
    """An identifier as gold ('the longest changeover') and the answer's figure naming that very record, or, for the
    longest or shortest one, where and why it was ('woran lag's?': its station, its reason)."""
    if not isinstance(gold, str):
        return False
    extreme = any((record_of(str(f.key)) or ("", "", ""))[1] in ("max", "min") for f in facts[:1])
    said = ("record", "station", "reason", "alarm", "line") if extreme else ("record",)
    return any(f.unit in said and str(f.value) == gold for f in facts)


def _one_record_named(answer: Answer, gold: Any) -> bool:
    """'the next planned order: which product?': a record's answer whose facts, all of one record, name the gold."""
    return (
        answer.intent == "latest"
        and isinstance(gold, str)
        and any(f.unit not in ("timestamp", "count", "min") and str(f.value) == gold for f in answer.facts)
    )


def _each_period_shown(answer: Answer, frame: Any, scale: float) -> bool:
    """'Monday vs Wednesday': a gold row per day compared, each day's figure among the comparison's."""
    plan = answer.understood
    if answer.intent != "compare" or plan is None or plan.comparison != "periods" or plan.group_by:
        return False
    if len(frame) != len(plan.periods) or frame.shape[1] < 2:
        return False
    inside = all(_in_a_period(cell, str(frame.columns[0]), plan.periods) for cell in frame.iloc[:, 0])
    return inside and all(any(_same_fact(f, v, scale) for f in answer.facts) for v in frame.iloc[:, 1])


def _in_a_period(cell: Any, column: str, periods: tuple[Any, ...]) -> bool:
    """A gold row's day inside one of the periods, or its ISO week ('iso_week | 46') one of the weeks compared."""
    if hasattr(cell, "isoformat"):
        return any(p.start <= pd.Timestamp(cell).to_pydatetime() < p.end for p in periods)
    if _is_number(cell) and WEEK_COLUMN.search(column.lower()) and float(cell).is_integer():
        return any(p.start.isocalendar()[1] == int(cell) and p.grain == "week" for p in periods)
    return False


def _pair_in_row(fact: Any, frame: Any, connector: Connector) -> bool:
    """'P-4102 → P-4202' as the top and a gold row whose columns name the two products apart."""
    if not isinstance(fact.value, str) or "→" not in fact.value:
        return False
    cells = {_as_codes(cell, connector) for cell in frame.iloc[0] if isinstance(cell, str)}
    return all(part.strip() in cells for part in fact.value.split("→"))


def _same_moment(answer: Answer, frame: Any) -> bool:
    """'wann war die letzte Wartung?': a gold row naming a record by its number whose moment is the answer's."""
    moments = [pd.Timestamp(f.value) for f in answer.facts if f.unit == "timestamp"]
    if answer.intent != "latest" or not moments or len(frame.columns) < 2:
        return False
    stamps = [cell for cell in frame.iloc[0] if isinstance(cell, pd.Timestamp | datetime)]
    return bool(stamps) and pd.Timestamp(stamps[0]) == moments[0]


def _top_and_its_figure(answer: Answer, gold: Any) -> bool:
    """A ranking whose first fact names the top and whose gold is a number: the top's own figure counts."""
    first = answer.facts[0].value
    return answer.intent == "rank" and isinstance(first, str) and _is_number(gold) and len(answer.facts) > 1


def _same_fact(fact: Any, gold: Any, tolerance_scale: float) -> bool:
    """A fact equal to the gold; a duration in seconds or hours also counts for a gold in minutes, a percentage
    for a ratio."""
    if _same(fact.value, gold, tolerance_scale):
        return True
    if fact.unit == "week" and _is_number(gold):
        return _iso_week(fact.value) == float(
            gold
        )  # 'in which week': the week's Monday, the gold its ISO number
    if fact.unit in PERCENT_UNITS and _is_number(gold) and isinstance(fact.value, int | float):
        return _same(fact.value, float(gold) * 100, tolerance_scale)  # 0.85 written as 85 %
    if fact.unit == "h" and _is_number(gold) and isinstance(fact.value, int | float):
        return _same(fact.value * 60, gold, tolerance_scale)  # 18.6 h written as 1,118 min
    seconds = fact.unit == "s" and fact.key is not None and record_of(fact.key) is not None
    return seconds and isinstance(fact.value, int | float) and _same(fact.value / 60, gold, tolerance_scale)


def _iso_week(value: Any) -> int | None:
    """The ISO week number of a week's first day ('2025-10-20' → 43), None for anything else."""
    try:
        return int(date.fromisoformat(str(value)[:10]).isocalendar()[1])
    except ValueError:
        return None


def _is_number(value: Any) -> bool:
    """A number of any kind (float, int, NumPy, Decimal), not a flag or a text."""
    return not isinstance(value, bool | str) and hasattr(value, "__float__")


def _gold(connector: Connector, sql: str) -> Any:
    """The first cell of a gold query, None without rows; a thing named by its text becomes its code."""
    return _first_cell(connector.execute(sql), connector)


def _first_cell(frame: Any, connector: Connector) -> Any:
    """A gold frame's first cell, None without rows; a text that names one thing, as that thing's code."""
    if frame.empty:
        return None
    cell = frame.iloc[0, 0]
    return _as_codes(cell, connector) if isinstance(cell, str) else cell


def _same_series(answer: Answer, frame: Any, scale: float, connector: Connector) -> tuple[bool, str]:
    """A gold table (key, value) such as a daily series: each key's value in the answer's evidence row for it."""
    width = max(_keys_in_front(frame), 1)
    first = _same_series_in(answer, frame, scale, connector, width, width)
    if first[0] or not answer.facts:
        return first
    fact = next((f for f in answer.facts if _is_number(f.value)), answer.facts[0])
    for column in _own_columns(fact.unit, fact.key, list(frame.columns)):
        if column > width and _same_series_in(answer, frame, scale, connector, width, column)[0]:
            return True, f"{len(frame)} rows as the gold's {frame.columns[column]}"
    return first


def _same_series_in(
    answer: Answer, frame: Any, scale: float, connector: Connector, width: int, column: int
) -> tuple[bool, str]:
    """Each row's keys and the value in one column of the gold found among the answer's rows or facts."""
    shown = [
        (row, evidence.columns.index("value") if "value" in evidence.columns else None)
        for evidence in answer.evidence
        for row in evidence.rows
    ]
    for row in frame.itertuples(index=False):
        keys, value = [], row[column]
        for key in row[:width]:
            if hasattr(key, "isoformat"):
                key = key.date().isoformat() if hasattr(key, "date") else key.isoformat()
            whole = _as_codes(key, connector) if isinstance(key, str) else key
            parts = COMPOSITE.split(key) if isinstance(key, str) and whole == key else [whole]
            keys += [_as_codes(part, connector) if isinstance(part, str) else part for part in parts]
        if not any(
            all(_has_key_and_value(row, at, str(k), value, scale) for k in keys) for row, at in shown
        ) and not (
            len({str(k) for k in keys}) == 1 and _a_fact_of(answer, str(keys[0]), value, scale, connector)
        ):
            return False, f"{' · '.join(map(str, keys))}: {_shown(value)} not in the answer's rows"
    return True, f"{len(frame)} rows as the gold"


def _a_fact_of(answer: Answer, key: str, value: Any, scale: float, connector: Connector) -> bool:
    """A figure of one group given as a fact ('Veränderung – Porosität: 84'): the group named in its label or line."""
    plan = answer.understood
    if plan is None or plan.group_by is None or (plan.comparison != "periods" and plan.per is None):
        return False  # a comparison or a mean by group states figures that no single query row holds
    for fact in answer.facts:
        named = {fact.line, *(_as_codes(part, connector) for part in str(fact.label).split(" – "))}
        if key in named and _same_fact(fact, value, scale):
            return True
    return False


def _keys_in_front(frame: Any) -> int:
    """How many text columns stand before a gold frame's first figure (0 when it starts with one)."""
    first = list(frame.iloc[0]) if len(frame) else []
    return next((at for at, cell in enumerate(first) if _is_number(cell)), 0)


def _has_key_and_value(row: list[Any], at: int | None, key: str, value: Any, scale: float) -> bool:
    """A row naming the key whose value (its 'value' column, when it has one) is the gold, or its percentage."""
    if not any(isinstance(cell, str) and (cell == key or cell[:10] == key) for cell in row):
        return False
    numbers = [row[at]] if at is not None else [cell for cell in row if _is_number(cell)]
    return any(
        _is_number(n)
        and (
            _same(n, value, scale)
            or _same(float(n) * 100, value, scale)
            or _same(float(n) / 60, value, scale)
        )
        for n in numbers
    )  # a ratio shown as a percentage, seconds shown as minutes


LABELLED = (  # master data whose texts name one thing each: (code, text columns…)
    "SELECT line_id, name FROM lines",
    "SELECT product_id, name FROM products",
    "SELECT team_id, name FROM teams",
    "SELECT reason_code, text_de, text_en FROM downtime_reasons",
    "SELECT defect_code, text_de, text_en FROM defect_codes",
    "SELECT alarm_code, text_de, text_en FROM alarm_codes",
    "SELECT shift_code, name_de, name_en FROM shifts",
)
COMPOSITE = re.compile(r"(?::|\s/|\s\||\s·)\s+")  # 'L1: D-POR', 'AluNord / Porosität': a key of two groupings
ARROW = re.compile(r"\s*(?:->|→)\s*")  # 'from → to' of a changeover


def _as_codes(text: str, connector: Connector) -> str:
    """'Porosität' as D-POR, 'A -> B' as 'P-1 → P-2': a text the master data gives one code for."""
    codes = _codes_by_text(connector)
    parts = [codes.get(part.strip().casefold(), part.strip()) for part in ARROW.split(text)]
    return " → ".join(parts) if len(parts) > 1 else parts[0]


LOSS_CATEGORIES = "SELECT DISTINCT loss_category FROM downtime_reasons"


def _codes_by_text(connector: Connector) -> dict[str, str]:
    """Each master-data text that names exactly one thing, folded, with that thing's code."""
    found: dict[str, set[str]] = defaultdict(set)
    for sql in LABELLED:
        for code, *texts in connector.execute(sql).itertuples(index=False):
            for text in texts:
                if isinstance(text, str) and text.strip():
                    found[text.strip().casefold()].add(str(code))
    categories = {str(c).casefold() for (c,) in connector.execute(LOSS_CATEGORIES).itertuples(index=False)}
    for metric in METRICS:  # 'Leistung' for the OEE factor the answer names by its key
        for label in (metric.label_de, metric.label_en, *metric.names):
            if label.casefold() not in categories:  # 'breakdown' is a loss category's own code
                found[label.casefold()].add(metric.key)
    return {text: next(iter(codes)) for text, codes in found.items() if len(codes) == 1}


def _same(got: Any, gold: Any, tolerance_scale: float) -> bool:
    """An identifier equal, or a number within the tolerance."""
    if hasattr(gold, "isoformat"):
        if hasattr(gold, "hour") and isinstance(got, str) and "T" in got:  # a moment: to the second
            return got[:19] == gold.isoformat()[:19]
        gold = gold.date().isoformat() if hasattr(gold, "date") else gold.isoformat()
    if isinstance(gold, str) or isinstance(got, str):
        return str(got) == str(gold)
    if gold is None or math.isnan(float(gold)):
        return False
    tolerance = max(ABSOLUTE_TOLERANCE * tolerance_scale, abs(float(gold)) * RELATIVE_TOLERANCE)
    return (
        abs(float(got) - float(gold)) <= tolerance + 1e-9
    )  # a gold rounded to 0.1 is half a tenth off at most


def _shown(value: Any) -> str:
    return (
        f"{float(value):.4f}"
        if isinstance(value, int | float) and not isinstance(value, bool)
        else str(value)
    )


def _figures(answer: Answer) -> list[Any]:
    """The numeric facts of an answer."""
    return [f for f in answer.facts if isinstance(f.value, int | float) and not isinstance(f.value, bool)]


def _corrections(answer: Answer) -> list[Any]:
    """What the answer said it read differently from what was written ('gestren' as 'gestern')."""
    understood = answer.plan or {}
    return list(understood.get("corrections") or ())


@dataclass
class Report:
    """Accuracy per category and latency."""

    outcomes: list[Outcome]

    @property
    def accuracy(self) -> float:
        """Share of cases passed."""
        return sum(o.passed for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    def by_category(self) -> dict[str, tuple[int, int]]:
        """(passed, total) per category."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for outcome in self.outcomes:
            table[outcome.case.category][0] += outcome.passed
            table[outcome.case.category][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(table.items())}

    def latency_ms(self) -> tuple[float, float]:
        """Median and 95th percentile of the answer time."""
        times = sorted(o.seconds * 1000 for o in self.outcomes)
        if not times:
            return 0.0, 0.0
        return statistics.median(times), times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]

    def table(self) -> str:
        """A Markdown table of the results."""
        rows = ["| category | passed | total | accuracy |", "|---|---|---|---|"]
        for category, (passed, total) in self.by_category().items():
            rows.append(f"| {category} | {passed} | {total} | {passed / total:.1%} |")
        passed = sum(o.passed for o in self.outcomes)
        rows.append(f"| **all** | {passed} | {len(self.outcomes)} | {self.accuracy:.1%} |")
        p50, p95 = self.latency_ms()
        rows.append(f"\nlatency per question: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        return "\n".join(rows)

    def verdicts(self) -> dict[str, int]:
        """How many cases got each verdict."""
        counts = dict.fromkeys(VERDICTS, 0)
        for outcome in self.outcomes:
            counts[outcome.verdict] += 1
        return counts

    def clarification_rate(self) -> float:
        """Share of clear questions that were asked back instead of answered."""
        clear = [o for o in self.outcomes if o.clear]
        return sum(o.verdict == "clarified" for o in clear) / len(clear) if clear else 0.0

    def summary(self) -> str:
        """One line: right, silently wrong, and questions back on clear questions."""
        n = len(self.outcomes) or 1
        v = self.verdicts()
        return (
            f"right {v['right']}/{n} ({v['right'] / n:.1%}), silently wrong {v['silent']} ({v['silent'] / n:.1%}), "
            f"wrong with a note {v['wrong_noted']}, refused {v['refused']}, asked back {v['clarified']}; "
            f"asked back on clear questions {self.clarification_rate():.1%}"
        )

    def failures(self) -> list[str]:
        """One line per failed case."""
        return [
            f"{o.case.id} [{o.case.category}] {o.verdict}: {o.case.question!r}: {o.reason}"
            for o in self.outcomes
            if not o.passed
        ]


def evaluate(copilot: Copilot, connector: Connector, cases: list[Case]) -> Report:
    """Run every case."""
    return Report([run_case(copilot, connector, case) for case in cases])
