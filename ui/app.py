"""Shopfloor Copilot in the browser: a thin Streamlit page over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connectors.base import ConnectorError
from copilot.answer import Answer
from copilot.config import (
    audit_retention_days,
    database_path,
    limits,
    setting_problems,
    source_path,
    store_path,
)
from copilot.data_health import findings, freshness
from copilot.datasource import describe, open_data
from copilot.engine import Copilot, Session
from copilot.entities import EntityCatalog
from copilot.formatting import quantity
from copilot.lessons.knowledge import title
from copilot.lessons.topics_of import lesson_topic
from copilot.llm.router import ask_in_session
from copilot.semantic.catalog import METRICS
from copilot.store.audit import open_audit
from ui.a3_page import a3_page, request_a3
from ui.gemba_page import gemba_page
from ui.handover_view import handover_section
from ui.learn import learn_page, show_lesson
from ui.model_settings import model_section, model_settings
from ui.my_line import line_name, my_line
from ui.proposals_view import proposals_section
from ui.scenario_table import scenario_table
from ui.scroll import bring_into_view
from ui.style import header, touch_style
from ui.texts import EXAMPLES, ROLE_NAMES, T
from ui.understood import show_understood
from ui.voice import voice_question


@st.cache_resource
def copilot(source: str, path: str, caps: str = "", store: str = "") -> Copilot:
    """One read-only copilot per process, data source, limits and store, shared by every browser session."""
    connector = open_data(source or None, None if source else path)
    return Copilot(connector, audit=open_audit(store_path(), audit_retention_days()))


def text(key: str) -> str:
    """UI text in the chosen language."""
    return T[key][st.session_state.get("ui_lang", "de")]


def sidebar() -> str:
    """Page, role and language choices; returns the page."""
    with st.sidebar:
        st.session_state.ui_lang = st.radio(
            "Sprache / Language", ["de", "en"], horizontal=True, key="lang_choice"
        )
        pages = {text(f"page_{p}"): p for p in ("chat", "a3", "gemba", "learn", "data", "settings")}
        page = pages[st.radio(text("page"), list(pages), key="page")]
        roles = {names[st.session_state.ui_lang]: role for role, names in ROLE_NAMES.items()}
        st.session_state.role = roles[st.selectbox(text("role"), list(roles), key="role_choice")]
        languages = {text(f"lang_{x}"): x for x in ("auto", "de", "en")}
        chosen = languages[st.radio(text("answer_lang"), list(languages), key="answer_lang")]
        st.session_state.forced_lang = None if chosen == "auto" else chosen
    return page


def session(engine: Copilot) -> Session:
    """This browser session's conversation."""
    if "session" not in st.session_state:
        st.session_state.session = Session(engine)
        st.session_state.messages = []
    conversation: Session = st.session_state.session
    conversation.role = st.session_state.get("role", "operator")
    conversation.language = st.session_state.get("forced_lang")
    conversation.line = st.session_state.get("my_line") or None
    return conversation


def ask(conversation: Session, question: str) -> None:
    """Ask and remember the exchange."""
    if not question.strip():
        st.session_state.messages.append(("assistant", None, text("empty")))
        return
    settings = model_settings()
    answer = (
        ask_in_session(conversation, question, settings)
        if settings.configured
        else conversation.ask(question)
    )
    st.session_state.messages.append(("user", None, question))
    st.session_state.messages.append(("assistant", answer, answer.text))


A3_INTENTS = (
    "why",
    "overview",
    "compare",
    "value",
    "trend",
    "rank",
    "breakdown",
    "normative",
    "improve",
    "whatif",
)


def queue(question: str) -> None:
    """Ask this question on the next run (buttons inside answers are drawn after the input is read)."""
    st.session_state.pending = question


def show_answer(
    answer: Answer, index: int, catalog: EntityCatalog, latest: bool = False, new: bool = False
) -> None:
    """What was understood, headline figures, text, chart, evidence, 5-Why and follow-ups."""
    if new:
        bring_into_view(index)
    show_understood(answer, index, catalog, queue, latest)
    numbers = [f for f in answer.facts if isinstance(f.value, int | float)][:3]
    if numbers:
        columns = st.columns(len(numbers))
        for column, fact in zip(columns, numbers, strict=True):
            delta = None
            if fact.target is not None:
                delta = (
                    quantity(float(fact.value) - fact.target, fact.unit, answer.language)
                    + " "
                    + text("vs_target")
                )
            column.metric(
                fact.label,
                quantity(float(fact.value), fact.unit, answer.language),
                delta,
                delta_color="normal" if fact.direction == "higher" else "inverse",
            )
    st.markdown(answer.text)
    for warning in answer.warnings:
        st.warning(warning)
    scenario_table(answer)
    if answer.chart:
        st.vega_lite_chart(answer.chart, width="stretch")
    if answer.lesson:
        with st.expander(text("lesson_sections")):
            show_lesson(answer.lesson, text, with_chart=False)
        st.caption(text("to_quiz"))
    if answer.five_why:
        with st.expander(text("five_why")):
            st.graphviz_chart(answer.five_why["dot"])
            st.markdown(answer.five_why["markdown"])
    if answer.evidence:
        with st.expander(text("evidence")):
            for evidence in answer.evidence:
                st.caption(f"{evidence.purpose} · {evidence.row_count} {text('rows')}")
                st.code(evidence.sql, language="sql")
                st.dataframe(pd.DataFrame(evidence.rows, columns=evidence.columns), hide_index=True)
    if answer.followups:
        columns = st.columns(len(answer.followups))
        for column, follow in zip(columns, answer.followups, strict=True):
            column.button(follow, key=f"follow-{index}-{follow}", on_click=queue, args=(follow,))
    actions = st.columns(4)
    if answer.intent in A3_INTENTS:
        conversation = st.session_state.session.history
        upto = next(
            (conversation[: i + 1] for i, said in enumerate(conversation) if said is answer), [answer]
        )
        actions[0].button(
            text("a3_create"), key=f"a3-{index}", on_click=request_a3, args=(upto, text("page_a3"))
        )
    topic = lesson_topic(answer)
    if topic:
        lesson = (
            f"Was ist {title(topic, 'de')}?" if answer.language == "de" else f"What is {title(topic, 'en')}?"
        )
        actions[1].button(text("explain"), key=f"explain-{index}", on_click=queue, args=(lesson,))


def chat_page(engine: Copilot) -> None:
    """The chat: examples to tap, the conversation, the input."""
    conversation = session(engine)
    lang = st.session_state.ui_lang
    handover_section(engine, text)
    proposals_section(engine, text)
    top = st.container()  # the examples, drawn only while the chat is still empty after this run's question
    with st.bottom:
        typed, spoken = st.columns([3, 1], vertical_alignment="bottom")
        question = typed.chat_input(text("ask"))
        with spoken:
            question = voice_question(engine, lang, conversation.language) or question
    pending = st.session_state.pop("pending", None)
    asked = question is not None or bool(pending)
    if asked:
        ask(conversation, question if question is not None else pending)
    if not st.session_state.messages:
        top.caption(text("examples"))
        examples = top.container(horizontal=True)
        for example in EXAMPLES[conversation.role][lang]:
            examples.button(example, key=f"example-{example}", on_click=queue, args=(example,))
    newest = max((i for i, (_r, a, _c) in enumerate(st.session_state.messages) if a is not None), default=-1)
    for index, (role, answer, content) in enumerate(st.session_state.messages):
        with st.chat_message(role):
            if answer is None:
                st.markdown(content)
            else:
                show_answer(answer, index, engine.catalog, index == newest, asked and index == newest)


def data_page(engine: Copilot) -> None:
    """The metric catalogue, the lines and the data set's period."""
    lang = st.session_state.ui_lang
    connector = engine.connector
    if "shift_calendar" in engine.coverage.tables:
        period = connector.execute(
            "SELECT MIN(shift_date) AS first_day, MAX(shift_date) AS last_day FROM shift_calendar"
        )
        first, last = period.iloc[0]
        st.caption(
            f"{text('period')}: {first:%d.%m.%Y} – {last:%d.%m.%Y} · {text('now')}: {engine.now:%d.%m.%Y %H:%M}"
        )
    if "lines" in engine.coverage.tables:
        st.subheader(text("lines"))
        st.dataframe(
            connector.execute("SELECT line_id, name, area, takt_time_s FROM lines ORDER BY line_no"),
            hide_index=True,
        )
    st.subheader(text("metrics"))
    catalogue = pd.DataFrame(
        [
            {"key": m.key, "name": m.label(lang), "unit": m.unit, "definition": m.description(lang)}
            for m in METRICS
        ]
    )
    st.dataframe(catalogue, hide_index=True)
    st.subheader(text("freshness"))
    st.dataframe(freshness(connector), hide_index=True)
    st.subheader(text("quality"))
    for finding in findings(connector, engine.catalog, engine.now, lang) or [text("no_findings")]:
        st.info(finding)


def settings_page(engine: Copilot) -> None:
    """Data source, clock, language model status and the latest audit entries."""
    st.subheader(text("source"))
    st.write(f"{describe(engine.connector)} · {text('now')}: {engine.now:%d.%m.%Y %H:%M}")
    st.caption(text("source_tables") + ", ".join(sorted(engine.coverage.tables)))
    caps = getattr(engine.connector, "limits", None) or limits()
    st.caption(
        text("limits").format(
            timeout=caps.timeout_s, memory=caps.memory_mb, threads=caps.threads, result=caps.result_mb
        )
    )
    st.subheader(text("model"))
    model_section(text)
    st.subheader(text("audit"))
    if engine.audit is None:
        st.warning(text("no_store"))
        return
    entries = engine.audit.entries(limit=20)
    rows = [
        {"ts": e.ts, "session": e.session, "role": e.role, "lang": e.language, "intent": e.intent,
         "question": e.question, "ms": round(e.duration_ms)}
        for e in reversed(entries)
    ]  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def main() -> None:
    """Entry point of the page."""
    st.set_page_config(
        page_title="Shopfloor Copilot", page_icon="🏭", layout="wide", initial_sidebar_state="collapsed"
    )
    touch_style()
    page = sidebar()
    for english, german in setting_problems():
        st.warning(german if st.session_state.ui_lang == "de" else english)
    try:
        engine = copilot(str(source_path() or ""), str(database_path()), repr(limits()), str(store_path()))
    except ConnectorError as error:
        header(None)
        st.error(error.text(st.session_state.ui_lang))
        return
    line = my_line(engine.catalog, st.session_state.ui_lang, text("my_line"), text("no_line"))
    header(
        text("my_line") + ": " + line_name(engine.catalog, line, st.session_state.ui_lang) if line else None
    )
    if engine.audit is None and page != "settings":
        st.warning(text("no_store"))  # questions are not recorded: say so on every page, not only in Settings
    if page == "learn":
        learn_page(engine, text)
        return
    if page == "a3":
        a3_page(engine, text, list(st.session_state.get("session", Session(engine)).history))
        return
    if page == "gemba":
        gemba_page(engine, text)
        return
    {"chat": chat_page, "data": data_page, "settings": settings_page}[page](engine)


main()
