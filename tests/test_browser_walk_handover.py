"""A scenario comparison, a Gemba note and the shift handover in headless Chromium at 1024×768."""

from __future__ import annotations

from app_browser import (
    LANDSCAPE,
    OIL_LEAK,
    ask_typed,
    assert_fits_a_tablet,
    assert_newest_in_view,
    note_observation,
    open_in_english,
    show_handover,
)

COMPARISON = "Szenariovergleich: Rüstzeit auf Linie 2 halbieren vs. Kurzstopps an L3-S4 beseitigen"

ON_SCREEN = """(selector) => {
  const box = document.querySelector(selector)?.getBoundingClientRect();
  return !!box && box.top >= 0 && box.bottom <= window.innerHeight;
}"""

ABOVE_THE_INPUT = """(heading) => {
  const found = [...document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')]
    .find(h => h.innerText.trim() === heading);
  const limit = document.querySelector('[data-testid="stBottom"]').getBoundingClientRect().top;
  return found ? [found.getBoundingClientRect().top, found.getBoundingClientRect().bottom, limit] : null;
}"""


def test_a_scenario_comparison_shows_its_table_and_chart(store_app, headless):
    page = open_in_english(headless, store_app, LANDSCAPE)
    ask_typed(page, COMPARISON)
    newest = page.locator('[data-testid="stChatMessage"]').last
    newest.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    table = newest.locator('[data-testid="stTable"]')
    rows = table.locator("tbody tr")
    assert rows.count() == 2, table.inner_text()
    shown = table.inner_text()
    assert "Szenario" in shown and "OEE-Gewinn" in shown and "L3-S4" in shown, shown
    metric = newest.locator('[data-testid="stMetric"]').first
    assert "pp" in metric.inner_text() or "Prozentpunkte" in metric.inner_text(), metric.inner_text()
    assert "Szenariovergleich" in newest.inner_text()
    assert_newest_in_view(page, chart=False)
    assert_fits_a_tablet(page)
    page.close()


def test_a_gemba_note_shows_the_data_around_it(store_app, headless):
    page = open_in_english(headless, store_app, LANDSCAPE)
    note_observation(page, "Press shop", OIL_LEAK)
    card = page.locator('[data-testid="stAlertContentSuccess"]').first
    page.wait_for_function(ON_SCREEN, arg='[data-testid="stAlertContentSuccess"]')  # brought into view
    assert "L2-S2" in card.inner_text() and "MO-L2-0045" in card.inner_text(), card.inner_text()
    page.get_by_text("Observations (1)").wait_for()
    assert page.get_by_text(OIL_LEAK).first.is_visible()
    assert_fits_a_tablet(page)
    page.close()


def test_the_shift_handover_shows_output_against_plan_and_oee(store_app, headless):
    page = open_in_english(headless, store_app, LANDSCAPE)
    show_handover(page)
    shown = page.locator('[data-testid="stMain"]').inner_text()
    assert "Shift handover Line 1" in shown and "Share of plan" in shown, shown
    assert "Availability" in shown and "What to watch" in shown, shown
    oee = page.evaluate(ABOVE_THE_INPUT, "OEE")
    assert oee and oee[0] >= 0 and oee[1] <= oee[2], oee  # output, plan and the OEE heading without scrolling
    assert_fits_a_tablet(page)
    page.close()
