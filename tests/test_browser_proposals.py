"""The proposals expander in headless Chromium at tablet size: a maintenance window and an energy window."""

from __future__ import annotations

import pytest
from app_browser import LANDSCAPE, PORTRAIT, open_in_english, settle


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_a_maintenance_and_an_energy_window_fit_a_tablet(store_app, headless, viewport):
    page = open_in_english(headless, store_app, viewport)
    page.get_by_text("Proposals for the coming shifts").click()
    for kind, heading in (
        ("Maintenance window", "Proposed maintenance window MO-L1-0053"),
        ("Energy window", "Proposed energy window Line 1"),
    ):
        page.locator('[data-testid="stRadio"] label').filter(has_text=kind).first.click()
        settle(page)
        page.get_by_role("button", name="Work out the proposal").click()
        settle(page)
        page.get_by_text(heading).first.wait_for()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"horizontal scrolling: {width}"
    page.get_by_text("Saving:").first.wait_for()  # line 1 saves by moving orders into cheaper hours
    page.close()
