"""Pictures of the app at both tablet sizes for the README: chat, why and 5-Why, A3, lesson, data, Gemba, handover.

Runs the app on the sample plant in Debian's headless Chromium and writes PNGs to docs/screenshots/:
`python tools/screenshots.py [--db sample_mes.duckdb] [--out docs/screenshots]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from app_browser import (  # noqa: E402
    BROWSER_ARGS,
    CHROMIUM,
    LANDSCAPE,
    OIL_LEAK,
    PORTRAIT,
    ask_typed,
    create_a3,
    note_observation,
    open_in_english,
    open_lesson,
    open_page,
    settle,
    show_handover,
)
from app_browser import served as served_app  # noqa: E402

CHAT = "How much power did line 4 use yesterday compared with Monday?"
WHY = "Why does the cycle time vary?"  # no line named: the tablet's own line, line 3


def _name(view: str, viewport: dict[str, int]) -> str:
    """'chat_1024x768.png'."""
    return f"{view}_{viewport['width']}x{viewport['height']}.png"


def _chat(browser, url: str, viewport: dict[str, int], out: Path) -> None:
    """A typed question's answer, brought into view."""
    page = open_in_english(browser, url, viewport)
    ask_typed(page, CHAT)
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    settle(page)
    page.screenshot(path=str(out / _name("chat", viewport)))
    page.close()


def _why(browser, url: str, viewport: dict[str, int], out: Path) -> None:
    """A why-answer on the tablet's own line, then its 5-Why tree opened."""
    page = open_in_english(browser, url + "/?line=L3", viewport)
    ask_typed(page, WHY)
    page.locator('[data-testid="stMetric"]').first.wait_for()
    settle(page)
    page.screenshot(path=str(out / _name("why", viewport)))
    tree = page.locator('[data-testid="stExpander"]').filter(has_text="5-Why tree").last
    tree.locator("summary").click()
    tree.locator("svg").first.wait_for()
    tree.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(out / _name("five_why", viewport)))
    page.close()


def _a3_and_lesson(browser, url: str, viewport: dict[str, int], out: Path) -> None:
    """The A3 page with a report drafted from a question, and the Heijunka lesson on the plant's data."""
    page = open_in_english(browser, url, viewport)
    create_a3(page, "Why does the cycle time vary on line 3?", "L3-S4")
    page.screenshot(path=str(out / _name("a3", viewport)))
    open_lesson(page, "Heijunka", "runs large batches")
    page.screenshot(path=str(out / _name("lesson", viewport)))
    open_page(page, "Data")
    page.screenshot(path=str(out / _name("data", viewport)))
    page.close()


def _gemba_and_handover(browser, url: str, viewport: dict[str, int], out: Path) -> None:
    """A Gemba note with the card of the data around it, then the shift handover of line 1."""
    page = open_in_english(browser, url, viewport)
    note_observation(page, "Press shop", OIL_LEAK)
    page.screenshot(path=str(out / _name("gemba", viewport)))
    show_handover(page)
    page.screenshot(path=str(out / _name("handover", viewport)))
    page.close()


def main() -> None:
    """Write every picture and list them."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "sample_mes.duckdb")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = {"COPILOT_DB": str(args.db.resolve()), "COPILOT_STORE": str(Path(folder) / "store.sqlite")}
        with served_app(env) as url, sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
            for viewport in (LANDSCAPE, PORTRAIT):
                for view in (_chat, _why, _a3_and_lesson, _gemba_and_handover):
                    try:
                        view(browser, url, viewport, args.out)
                    except PlaywrightError:  # keep what the page showed, to see why
                        failed = Path(tempfile.gettempdir()) / "screenshot_failed.png"
                        for page in browser.contexts[-1].pages:
                            page.screenshot(path=str(failed))
                        print(f"{view.__name__} failed; the page as it was: {failed}")
                        raise
            browser.close()
    for picture in sorted(args.out.glob("*.png")):
        print(
            f"{picture.relative_to(ROOT) if picture.is_relative_to(ROOT) else picture}: {picture.stat().st_size // 1024} KB"
        )


if __name__ == "__main__":
    main()
