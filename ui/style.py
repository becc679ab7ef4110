"""Tablet styling: a compact header, touch targets of at least 48 px, no horizontal scrolling at 768 to 1280 px."""

from __future__ import annotations

import streamlit as st

TOUCH_CSS = """
<style>
.stButton button, .stDownloadButton button, .stFormSubmitButton button,
[data-testid="stPopover"] button { min-height: 48px; padding: 0.4rem 1rem; }
.stButton button p, [data-testid="stPopover"] button p { white-space: normal; text-align: left; }
.stTextInput input, .stSelectbox div[data-baseweb="select"] > div { min-height: 48px; font-size: 1rem; }
[data-testid="stChatInput"] textarea { min-height: 48px; font-size: 1rem; }
[data-testid="stChatInputSubmitButton"] { min-width: 48px; min-height: 48px; }
.stRadio label { min-height: 48px; align-items: center; }
[data-testid="stExpander"] summary { min-height: 48px; }
[data-testid="stAudioInput"] button { min-width: 48px; min-height: 48px; }
.main .block-container, [data-testid="stMainBlockContainer"] { max-width: 100%; overflow-x: hidden; }
[data-testid="stMainBlockContainer"] { padding-top: 3.2rem; padding-bottom: 1rem; }
[data-testid="stHeader"] { height: 2.8rem; }
[data-testid="stChatMessage"] { scroll-margin-top: 3rem; padding-top: 0.25rem; padding-bottom: 0.25rem; }
[data-testid="stBottomBlockContainer"] { padding-top: 0.5rem; padding-bottom: 0.5rem; }
[data-testid="stBottomBlockContainer"] [data-testid="stAudioInput"] { margin-bottom: 0; }
.copilot-header { font-size: 1.15rem; font-weight: 600; margin: 0; line-height: 1.4; }
.copilot-header span { font-weight: 400; opacity: 0.75; font-size: 0.95rem; }
</style>
"""


def touch_style() -> None:
    """Inject the CSS that makes the app comfortable on a tablet."""
    st.markdown(TOUCH_CSS, unsafe_allow_html=True)


def header(line: str | None) -> None:
    """One short line instead of a title: the product's name and, when set, the tablet's own line."""
    after = f" <span>· {line}</span>" if line else ""
    st.markdown(f'<p class="copilot-header">Shopfloor Copilot{after}</p>', unsafe_allow_html=True)
