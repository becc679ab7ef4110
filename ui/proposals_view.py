"""Proposals for the coming shifts on the chat page: changeover sequence, maintenance and energy windows."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from copilot.engine import Copilot
from copilot.plain_error import PlainError
from copilot.proposals.energy import NoTariff, propose_energy
from copilot.proposals.maintenance import propose_maintenance
from copilot.proposals.render import render_proposal
from copilot.proposals.render_energy import render_energy
from copilot.proposals.render_maintenance import render_maintenance
from copilot.proposals.sequence import propose_sequence

KINDS = ("sequence", "maintenance", "energy")


def _proposal(engine: Copilot, kind: str, line: str, lang: str) -> str:
    """The proposal of one kind for a line, as Markdown."""
    connector, catalog, now = engine.connector, engine.catalog, engine.now
    if kind == "sequence":
        return render_proposal(propose_sequence(connector, catalog, line, now), lang, "md")
    if kind == "maintenance":
        return render_maintenance(propose_maintenance(connector, catalog, now, line=line), lang, "md")
    return render_energy(propose_energy(connector, catalog, line, now), lang, "md")


def proposals_section(engine: Copilot, text: Callable[[str], str]) -> None:
    """An expander: the line, the kind of proposal, a button, and the proposal below it."""
    lines = [e.id for e in engine.catalog.entities("line")]
    if not lines:
        return
    lang = st.session_state.get("ui_lang", "de")
    with st.expander(text("proposals")):
        left, right = st.columns([1, 2])
        line = left.selectbox(text("handover_line"), lines, key="proposal_line")
        labels = {text(f"proposal_{k}"): k for k in KINDS}
        label = right.radio(text("proposal_kind"), list(labels), key=f"proposal_kind_{lang}", horizontal=True)
        kind = labels[str(label)]
        if st.button(text("proposal_make"), key="proposal_make"):
            st.session_state.proposal_for = (kind, line)
        chosen = st.session_state.get("proposal_for")
        if not chosen:
            return
        try:
            st.markdown(_proposal(engine, chosen[0], chosen[1], lang))
        except NoTariff as missing:
            st.info(missing.text(lang))
        except PlainError as error:
            st.warning(error.text(lang))
