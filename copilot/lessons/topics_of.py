"""Which Lean concept explains an answer: OEE for OEE figures, SMED for changeovers, 5-Why for causes."""

from __future__ import annotations

from ..answer import Answer

METRIC_TOPICS = {
    "oee": "oee", "availability": "oee", "performance": "oee", "quality_ratio": "oee",
    "cycle_time": "takt", "cycle_time_median": "takt", "cycle_time_sd": "takt", "cycle_time_cv": "takt",
    "changeover_count": "smed", "changeover_time": "smed", "changeover_vs_standard": "smed", "setup_ratio": "smed",
    "mtbf": "tpm", "mttr": "tpm", "breakdown_time": "tpm", "downtime": "tpm", "stop_count": "andon",
    "short_stops": "jidoka", "scrap_count": "poka_yoke", "scrap_rate": "poka_yoke", "fpy": "poka_yoke",
    "electricity": "muda_mura_muri", "energy": "muda_mura_muri", "compressed_air": "muda_mura_muri",
    "energy_per_good_unit": "muda_mura_muri", "idle_load": "muda_mura_muri",
    "output": "takt", "good_parts": "takt",
}  # fmt: skip


def lesson_topic(answer: Answer) -> str | None:
    """The concept that explains this answer, or None for lessons, refusals and messages."""
    if answer.intent == "why":
        return "five_why"
    if answer.intent in ("lesson", "help", "out_of_scope", "unknown_entity", "clarify") or not answer.plan:
        return None
    metrics = answer.plan.get("metrics") or ()
    return METRIC_TOPICS.get(metrics[0]) if metrics else None
