"""The real app in headless Chromium: a typed and a spoken question, tablet sizes, screenshots of every page.

Chromium is Debian's (no browser download); its fake audio capture plays a WAV made with espeak-ng
into the microphone. Screenshots go to a temporary folder, or to COPILOT_SCREENSHOTS (e.g. `docs`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from copilot.speech.model import find_packaged, prepare

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
SPOKEN = "How much power did line 4 use yesterday?"
TYPED = "How much power did line 4 use yesterday compared with Monday?"
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]  # fmt: skip
TABLETS = [{"width": 1024, "height": 768}, {"width": 1280, "height": 800}]
TIMEOUT_MS = 30_000
SCREENSHOTS = {"data": "data"}  # pages kept as pictures for the README as they open, by their first word
TOUCH_CONTROLS = (
    '.stButton button, [data-testid="stAudioInputActionButton"], [data-testid="stChatInputSubmitButton"]'
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make system)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="module")
def served_app(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run ui/app.py` on a free loopback port, with its own store and speech model folder."""
    folder = tmp_path_factory.mktemp("e2e")
    prepare(folder / "whisper-base", find_packaged())
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENAI_")}
    env |= {"COPILOT_DB": str(sample_db), "COPILOT_STORE": str(folder / "store.sqlite"),
            "COPILOT_SPEECH_MODEL": str(folder / "whisper-base")}  # fmt: skip
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _healthy(url) and time.monotonic() < deadline:
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The spoken question as a WAV (espeak-ng), with silence around it; and its length in seconds."""
    folder = tmp_path_factory.mktemp("voice")
    raw = folder / "raw.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "130", "-g", "6", "-w", str(raw), SPOKEN], check=True)
    with wave.open(str(raw)) as source:
        params, frames = source.getparams(), source.readframes(source.getnframes())
    padded = folder / "question.wav"
    with wave.open(str(padded), "wb") as target:
        target.setparams(params)
        silence = b"\0" * params.sampwidth * params.nchannels
        target.writeframes(silence * int(params.framerate * 0.3) + frames + silence * params.framerate * 4)
    return padded, 0.3 + params.nframes / params.framerate


@pytest.fixture(scope="module")
def browser(spoken_wav: tuple[Path, float], tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium with a fresh profile and the WAV as its microphone."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    args = [*BROWSER_ARGS, f"--use-file-for-fake-audio-capture={spoken_wav[0]}"]
    with playwright.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=args,
            viewport=TABLETS[1], permissions=["microphone"],
        )  # fmt: skip
        yield context
        context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go."""
    configured = os.environ.get("COPILOT_SCREENSHOTS")
    folder = ROOT / configured if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open_in_english(browser, url: str, viewport: dict[str, int]):
    """A new page on the chat with the English interface."""
    page = browser.new_page()
    page.set_viewport_size(viewport)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.get_by_text("Sprache / Language").wait_for()
    page.locator('[data-testid="stSidebar"] label').filter(has_text="en").first.click()
    page.get_by_text("For example:").wait_for()
    return page


def _assert_fits_a_tablet(page) -> None:
    """No horizontal scrolling, and every button of the page at least 40 px high."""
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"horizontal scrolling: {width}"
    heights = page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)]"
        ".filter(b => b.offsetParent !== null).map(b => b.getBoundingClientRect().height)",
        TOUCH_CONTROLS,
    )
    assert min(heights, default=44) >= 40, heights


def test_typed_question_shows_the_figure_and_the_chart(served_app, browser, shots):
    page = _open_in_english(browser, served_app, TABLETS[1])
    _assert_fits_a_tablet(page)
    page.get_by_placeholder("Ask about your line …").fill(TYPED)
    page.keyboard.press("Enter")
    metric = page.locator('[data-testid="stMetric"]').first
    metric.wait_for()
    assert "kWh" in metric.inner_text()
    chart = page.locator(".vega-embed canvas, .vega-embed svg").first
    chart.wait_for()
    _settle(page)
    _assert_fits_a_tablet(page)
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "screenshot_chat.png"))
    page.close()


def test_spoken_question_shows_the_transcript_and_the_answer(served_app, browser, spoken_wav, shots):
    page = _open_in_english(browser, served_app, TABLETS[0])
    _assert_fits_a_tablet(page)
    page.locator('[data-testid="stAudioInputActionButton"][aria-label="Record"]').click()
    page.wait_for_timeout(int(spoken_wav[1] * 1000) + 800)
    page.locator('[data-testid="stAudioInputActionButton"][aria-label="Stop recording"]').click()
    heard = page.locator('[data-testid="stTextInput"] input')
    heard.wait_for()
    transcript = heard.input_value()
    assert "line 4" in transcript.lower() and "yesterday" in transcript.lower(), transcript
    page.screenshot(path=str(shots / "screenshot_voice.png"))
    page.get_by_role("button", name="Ask", exact=True).click()
    metric = page.locator('[data-testid="stMetric"]').first
    metric.wait_for()
    assert "kWh" in metric.inner_text()
    assert page.locator('[data-testid="stChatMessage"]').filter(has_text=transcript).count() == 1
    _assert_fits_a_tablet(page)
    page.close()


def test_every_page_fits_a_tablet(served_app, browser, shots):
    page = _open_in_english(browser, served_app, TABLETS[0])
    pages = page.locator('[data-testid="stSidebar"] [role="radiogroup"]').nth(1).locator("label")
    names = [name.strip() for name in pages.all_inner_texts()]
    assert "Chat" in names and "Data" in names
    for viewport in TABLETS:
        page.set_viewport_size(viewport)
        for name in names:
            pages.filter(has_text=name).first.click()
            _settle(page)
            _assert_fits_a_tablet(page)
            slug = SCREENSHOTS.get(name.lower().split()[0])
            if viewport == TABLETS[1] and slug:
                page.screenshot(path=str(shots / f"screenshot_{slug}.png"))
    page.close()


def test_two_tablets_keep_their_own_conversations(served_app, browser):
    first = _open_in_english(browser, served_app, TABLETS[0])
    second = _open_in_english(browser, served_app, TABLETS[0])
    for page, question in ((first, "OEE of line 1 last week"), (second, "Scrap of line 2 yesterday")):
        page.get_by_placeholder("Ask about your line …").fill(question)
        page.keyboard.press("Enter")
        page.locator('[data-testid="stChatMessage"]').filter(has_text=question).wait_for()
        page.locator('[data-testid="stMetric"]').first.wait_for()
    _settle(first)
    _settle(second)
    assert "Scrap of line 2 yesterday" not in first.inner_text("body")
    assert "OEE of line 1 last week" not in second.inner_text("body")
    first.close()
    second.close()


def _open_page(page, name: str) -> None:
    """Click a page in the sidebar."""
    page.locator('[data-testid="stSidebar"] [role="radiogroup"]').nth(1).locator("label").filter(
        has_text=name
    ).first.click()
    _settle(page)


def test_a3_from_a_question_and_a_lesson_on_the_plant(served_app, browser, shots):
    page = _open_in_english(browser, served_app, TABLETS[1])
    _open_page(page, "A3")
    page.get_by_placeholder("e.g. Why does the cycle time vary on line 3?").fill(
        "Why does the cycle time vary on line 3?"
    )
    page.get_by_role("button", name="Create A3", exact=True).click()
    page.wait_for_function(
        "[...document.querySelectorAll('textarea')].some(t => t.value.includes('L3-S4'))", timeout=TIMEOUT_MS
    )
    _settle(page)
    _assert_fits_a_tablet(page)
    page.screenshot(path=str(shots / "screenshot_a3.png"))
    _open_page(page, "Learn")
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    page.keyboard.type("Heijunka")
    page.keyboard.press("Enter")
    page.get_by_text("runs large batches").wait_for()
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    _settle(page)
    _assert_fits_a_tablet(page)
    page.screenshot(path=str(shots / "screenshot_lesson.png"))
    page.close()


def _settle(page) -> None:
    """Wait until the app has finished its rerun and drawn the page."""
    page.wait_for_timeout(250)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)
    page.wait_for_timeout(250)
