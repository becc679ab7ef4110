"""Bring the newest answer, or a new card, into view: its top just below the header, whatever was scrolled before."""

from __future__ import annotations

import streamlit as st

SCRIPT = """
<span id="answer-{index}"></span>
<script>
(() => {{
  const bring = () => {{
    const mark = document.getElementById("answer-{index}");
    const message = mark && (mark.closest('[data-testid="stChatMessage"]')
      || (mark.closest('.stElementContainer') || {{}}).nextElementSibling);
    if (message) message.scrollIntoView({{block: "start", behavior: "instant"}});
  }};
  setTimeout(bring, 60);
  setTimeout(bring, 400);
}})();
</script>
"""


def bring_into_view(index: int) -> None:
    """Scroll the chat message holding this marker to the top of the page, once, when it first appears."""
    st.html(SCRIPT.format(index=index), unsafe_allow_javascript=True)


def bring_mark_into_view(name: str) -> None:
    """Scroll what follows this marker to the top of the page, once, in the run that drew it."""
    st.html(SCRIPT.format(index=name), unsafe_allow_javascript=True)
