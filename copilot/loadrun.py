"""Many people at once: concurrent sessions asking through one shared copilot."""

from __future__ import annotations

import math
import random
import resource
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from .answer import Answer
from .engine import Copilot, Session

MIXED_QUESTIONS = (
    "Welche Probleme hatte Linie 2 gestern?", "Warum schwankt die Taktzeit in Linie 3?",
    "How much power did line 4 use yesterday compared with Monday?", "OEE pro Linie letzte Woche",
    "OEE Linie 1 gestern", "What was the OEE of line 2 last week?", "Verfügbarkeit Linie 3 heute",
    "performance of line 4 this week", "Ausschuss Linie 1 gestern", "scrap rate line 2 yesterday",
    "First Pass Yield im Werk letzte Woche", "How many good parts did line 3 make yesterday?",
    "Stückzahl Linie 4 am Montag", "Stillstand nach Grund Linie 2 letzte Woche",
    "Which station had the most short stops on line 3?", "Wie lange stand Linie 1 gestern?",
    "MTTR line 2 last 4 weeks", "Welche Linie hatte die meisten Stillstände letzte Woche?",
    "Taktzeit Linie 3 gestern", "average cycle time line 1 last week", "Taktzeit pro Tag Linie 3",
    "Rüstzeit Linie 2 im Oktober", "How many changeovers did line 3 have yesterday?",
    "Rüstzeit gegenüber Standard Linie 2", "setup ratio line 4 last week", "Stromverbrauch Linie 4 gestern",
    "compressed air line 1 last week", "Energie pro Gutteil Linie 1 letzte Woche",
    "idle load of line 1 last month", "Strom im Werk diese Woche", "Wie viel Strom hat Linie 4 am 12.11. verbraucht?",
    "Warum ist der First Pass Yield gestern gesunken?", "Why do changeovers on line 2 take so long?",
    "Warum hatte Linie 2 gestern so viel Stillstand?", "scrap by shift line 2 yesterday",
    "Ausschuss nach Fehlerart Linie 1 gestern", "OEE Linie 1 vs Linie 3 letzte Woche",
    "KW 45 vs KW 46 Ausschuss Linie 1", "downtime line 3 since 10.11.", "Kurzstopps Linie 3 Nachtschicht",
    "Was ist Heijunka?", "What is SMED?", "Hilfe", "Linie 9 gestern", "Wetter morgen?",
    "DROP TABLE units", "", "OEE am 31.02.2025", "Trend OEE Linie 2 letzte 4 Wochen", "top 3 reasons line 1 last week",
)  # fmt: skip


@dataclass
class LoadResult:
    """What happened under load."""

    sessions: int
    questions: int
    errors: list[str]
    mismatches: list[str]
    latencies_ms: list[float]
    peak_rss_mb: float
    seconds: float

    @property
    def p95_ms(self) -> float:
        """95th percentile latency (nearest rank)."""
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0

    @property
    def p50_ms(self) -> float:
        """Median latency."""
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    def summary(self) -> dict[str, float | int]:
        """Figures for the record."""
        data = asdict(self)
        data.pop("latencies_ms")
        data["errors"], data["mismatches"] = len(self.errors), len(self.mismatches)
        return {**data, "p50_ms": round(self.p50_ms, 1), "p95_ms": round(self.p95_ms, 1)}


def fingerprint(answer: Answer) -> tuple[object, ...]:
    """What must be identical whether a question is asked alone or under load."""
    return (
        answer.intent,
        answer.text,
        tuple((f.label, f.value, f.unit) for f in answer.facts),
        tuple(answer.sql),
    )


def run_load(copilot: Copilot, sessions: int = 20, per_session: int = 50, seed: int = 7) -> LoadResult:
    """`sessions` threads, each asking `per_session` mixed questions; compared with solo answers."""
    questions = list(MIXED_QUESTIONS)
    solo = {q: fingerprint(copilot.ask(q)) for q in questions}
    plans = []
    for index in range(sessions):
        order = questions[:]
        random.Random(seed + index).shuffle(order)
        plans.append((order * math.ceil(per_session / len(order)))[:per_session])

    def worker(order: list[str]) -> tuple[list[float], list[str], list[str]]:
        session, times, errors, mismatches = Session(copilot), [], [], []
        for question in order:
            started = time.perf_counter()
            try:
                session.plans.clear()  # every question stands alone, so it can be compared with its solo answer
                answer = session.ask(question)
            except Exception as error:
                errors.append(f"{question!r}: {type(error).__name__}: {error}")
                continue
            times.append((time.perf_counter() - started) * 1000)
            if fingerprint(answer) != solo[question]:
                mismatches.append(question)
        return times, errors, mismatches

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = list(pool.map(worker, plans))
    seconds = time.perf_counter() - started
    latencies = [t for times, _, _ in results for t in times]
    errors = [e for _, errs, _ in results for e in errs]
    mismatches = [m for _, _, mis in results for m in mis]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return LoadResult(sessions, sessions * per_session, errors, mismatches, latencies, peak, seconds)
