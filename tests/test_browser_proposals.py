"""The proposals expander in headless Chromium at tablet size: a maintenance window and an energy window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_browser import BROWSER_ARGS, CHROMIUM, LANDSCAPE, PORTRAIT, open_in_english, served, settle

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make system)"
)


@pytest.fixture(scope="module")
def served_app(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free loopback port with a store of its own."""
    folder = tmp_path_factory.mktemp("proposals")
    with served({"COPILOT_DB": str(sample_db), "COPILOT_STORE": str(folder / "store.sqlite")}) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium with a fresh profile."""
    with playwright.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=BROWSER_ARGS, viewport=LANDSCAPE,
        )  # fmt: skip
        yield context
        context.close()


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_a_maintenance_and_an_energy_window_fit_a_tablet(served_app, browser, viewport):
    page = open_in_english(browser, served_app, viewport)
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
