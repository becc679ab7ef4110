"""Tablet styling: touch-sized controls and no horizontal scrolling at 1024×768 and 1280×800."""

from __future__ import annotations

import streamlit as st

TOUCH_CSS = """
<style>
.stButton button, .stDownloadButton button, .stFormSubmitButton button { min-height: 44px; padding: 0.4rem 1rem; }
.stTextInput input, .stSelectbox div[data-baseweb="select"] > div { min-height: 44px; font-size: 1rem; }
[data-testid="stChatInput"] textarea { min-height: 44px; font-size: 1rem; }
[data-testid="stChatInputSubmitButton"] { min-width: 44px; min-height: 44px; }
.stRadio label { min-height: 36px; align-items: center; }
[data-testid="stAudioInput"] button { min-width: 44px; min-height: 44px; }
.main .block-container, [data-testid="stMainBlockContainer"] { max-width: 100%; overflow-x: hidden; }
</style>
"""


def touch_style() -> None:
    """Inject the CSS that makes the app comfortable on a tablet."""
    st.markdown(TOUCH_CSS, unsafe_allow_html=True)
