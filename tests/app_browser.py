"""The app served on a loopback port and driven in Debian's headless Chromium: shared by the browser tests and tools/screenshots.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]  # fmt: skip
LANDSCAPE = {"width": 1024, "height": 768}
PORTRAIT = {"width": 768, "height": 1024}
TIMEOUT_MS = 30_000
OIL_LEAK = "an L2-S2 tropft Öl am Hydraulikschlauch, Bediener sagt seit Montag"  # a Gemba note
NEWEST_IN_VIEW = """() => {
  const answers = [...document.querySelectorAll('[data-testid="stChatMessage"]')];
  const newest = answers[answers.length - 1];
  const metric = newest && newest.querySelector('[data-testid="stMetric"]');
  const bottom = document.querySelector('[data-testid="stBottom"]');
  if (!metric || !bottom) return null;
  const limit = bottom.getBoundingClientRect().top;
  const box = (e) => e ? [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom] : null;
  const first = newest.querySelector('[data-testid="stMarkdownContainer"] p strong');
  const chart = newest.querySelector('.vega-embed');
  return {limit, metric: box(metric), text: box(first), chart: box(chart)};
}"""
TOUCH_CONTROLS = (
    '.stButton button, [data-testid="stPopover"] button, [data-testid="stAudioInputActionButton"], '
    '[data-testid="stChatInputSubmitButton"], .stDownloadButton button, .stFormSubmitButton button'
)
DEVELOPER = '[data-testid="stAppDeployButton"], [data-testid="stMainMenu"], [data-testid="stToolbarActions"]'


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    """True when Streamlit answers its health check."""
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    """`streamlit run ui/app.py` on a free loopback port with these settings; yields its address."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("OPENAI_")}
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",
    ]  # fmt: skip
    server = subprocess.Popen(
        command, env=clean | env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not healthy(url) and time.monotonic() < deadline:
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@contextmanager
def chromium(profile: Path, args: list[str] = BROWSER_ARGS, **options) -> Iterator[object]:
    """Debian's Chromium, headless, with a fresh profile in this folder; yields its browser context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=args,
            viewport=LANDSCAPE,
            **options,
        )
        yield context
        context.close()


def settle(page) -> None:
    """Wait until the app has finished its rerun and drawn the page."""
    page.wait_for_timeout(250)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)
    page.wait_for_timeout(250)


def open_in_english(browser, url: str, viewport: dict[str, int]):
    """A new page on the chat with the English interface (chosen in the sidebar, which is closed again)."""
    page = browser.new_page()
    page.set_viewport_size(viewport)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    for _ in range(3):  # a click lost in the first run's rerun is made again
        open_sidebar(page)
        page.locator('[data-testid="stSidebar"] label').filter(has_text="en").first.click()
        try:
            page.get_by_text("For example:").wait_for(timeout=TIMEOUT_MS // 2)
        except PlaywrightTimeout:
            continue
        close_sidebar(page)
        return page
    raise AssertionError("the English interface did not appear")


def close_sidebar(page) -> None:
    """Close the sidebar, as a tablet user would after a choice."""
    page.locator(
        '[data-testid="stSidebarCollapseButton"] button, [data-testid="stSidebarCollapseButton"]'
    ).first.click()
    page.locator('[data-testid="stExpandSidebarButton"]').wait_for()


SIDEBAR_IN = """() => {
  const bar = document.querySelector('[data-testid="stSidebar"]');
  if (!bar) return false;
  const box = bar.getBoundingClientRect();
  return box.width > 100 && box.left >= -1 && box.right <= window.innerWidth + 1;
}"""  # the sidebar stands inside the window, not slid out to its left


def open_sidebar(page) -> None:
    """Open the sidebar and wait until it stands in the window; a click lost in a rerun is made again."""
    for _ in range(3):
        settle(page)
        expand = page.locator('[data-testid="stExpandSidebarButton"]')
        if expand.is_visible():
            expand.click()
        try:
            page.wait_for_function(SIDEBAR_IN, timeout=5000)
        except PlaywrightTimeout:
            continue
        page.wait_for_timeout(400)  # the sidebar slides in: a label is only clickable once it stands still
        return
    raise AssertionError("the sidebar did not open")


def open_page(page, name: str) -> None:
    """Open a page from the sidebar and close the sidebar again."""
    open_sidebar(page)
    choice = (
        page.locator('[data-testid="stSidebar"] [role="radiogroup"]')
        .nth(1)
        .locator("label")
        .filter(has_text=name)
        .first
    )
    choice.wait_for(state="visible")
    choice.click()
    settle(page)
    close_sidebar(page)


def ask_typed(page, question: str) -> None:
    """Type a question into the chat input and wait for its answer's figures."""
    page.get_by_placeholder("Ask about your line …").fill(question)
    page.keyboard.press("Enter")
    page.locator('[data-testid="stChatMessage"]').filter(has_text=question).wait_for()
    settle(page)


def create_a3(page, question: str, cause: str) -> None:
    """Draft an A3 from a question on the A3 page; wait until its analysis names the cause."""
    open_page(page, "A3")
    page.get_by_placeholder("e.g. Why does the cycle time vary on line 3?").fill(question)
    page.get_by_role("button", name="Create A3", exact=True).click()
    page.wait_for_function(
        "(cause) => [...document.querySelectorAll('textarea')].some(t => t.value.includes(cause))",
        arg=cause,
        timeout=TIMEOUT_MS,
    )
    page.get_by_text("Building the A3").wait_for(state="hidden")
    settle(page)


def open_lesson(page, topic: str, sentence: str) -> None:
    """Choose a lesson on the Learn page; wait for one of its sentences and its chart."""
    open_page(page, "Learn")
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    page.keyboard.type(topic)
    page.get_by_role("option").filter(has_text=topic).first.click()
    page.get_by_text(sentence).wait_for()
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    settle(page)


def assert_fits_a_tablet(page) -> None:
    """No horizontal scrolling, no developer toolbar, and every button of the page at least 48 px high."""
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"horizontal scrolling: {width}"
    assert page.locator(DEVELOPER).count() == 0
    assert page.get_by_role("button", name="Deploy").count() == 0
    heights = page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)]"
        ".filter(b => b.offsetParent !== null).map(b => b.getBoundingClientRect().height)",
        TOUCH_CONTROLS,
    )
    assert min(heights, default=48) >= 48, heights


def assert_newest_in_view(page, chart: bool) -> None:
    """The newest answer's headline figures and first sentence above the input, and, if asked, its chart's top."""
    page.wait_for_function(f"(() => {{ const v = ({NEWEST_IN_VIEW})(); return v && v.metric[0] >= 0; }})()")
    seen = page.evaluate(f"({NEWEST_IN_VIEW})()")
    assert seen["metric"][0] >= 0 and seen["metric"][1] <= seen["limit"], seen  # headline figures
    assert seen["text"] and seen["text"][1] <= seen["limit"], seen  # the first sentence
    if chart:
        assert seen["chart"] and seen["chart"][0] < seen["limit"] - 40, seen  # the top of the chart


def note_observation(page, walk: str, note: str) -> None:
    """Start a walk on the Gemba page, note what was seen and wait for the card of the data around it."""
    open_page(page, "Gemba")
    page.get_by_role("textbox", name="New walk: topic").fill(walk)
    page.get_by_role("button", name="Start walk", exact=True).click()
    settle(page)
    page.get_by_role("textbox", name="Observation", exact=True).fill(note)
    page.get_by_role("button", name="Save observation", exact=True).click()
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for()
    settle(page)


def show_handover(page) -> None:
    """Press the shift handover button on the chat page and wait for the handover of the chosen line."""
    open_page(page, "Chat")
    page.get_by_role("button", name="Schichtübergabe / Shift handover", exact=True).click()
    page.get_by_role("button", name="Close handover", exact=True).wait_for()
    page.locator('[data-testid="stMain"] h4').filter(has_text="Shift handover").first.wait_for()
    settle(page)
