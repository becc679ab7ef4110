"""The real app in headless Chromium: tablet sizes, the newest answer in view, a typed and a spoken question.

Chromium is Debian's (no browser download); its fake audio capture plays a WAV made with espeak-ng
into the microphone. The pictures of the README are made by tools/screenshots.py.
"""

from __future__ import annotations

import os
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_browser import (
    BROWSER_ARGS,
    LANDSCAPE,
    PORTRAIT,
    ask_typed,
    assert_fits_a_tablet,
    assert_newest_in_view,
    chromium,
    create_a3,
    open_in_english,
    open_lesson,
    open_page,
    served,
    settle,
)

from copilot.speech.model import find_packaged, prepare

ROOT = Path(__file__).resolve().parent.parent
SPOKEN = "How much power did line 4 use yesterday?"
TYPED = "How much power did line 4 use yesterday compared with Monday?"
TABLETS = [LANDSCAPE, PORTRAIT]


@pytest.fixture(scope="module")
def served_app(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free loopback port, with its own store and speech model folder."""
    folder = tmp_path_factory.mktemp("e2e")
    prepare(folder / "whisper-base", find_packaged())
    with served(
        {"COPILOT_DB": str(sample_db), "COPILOT_STORE": str(folder / "store.sqlite"),
         "COPILOT_SPEECH_MODEL": str(folder / "whisper-base")}
    ) as url:  # fmt: skip
        yield url


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
    with chromium(profile, args, permissions=["microphone"]) as context:
        yield context


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the spoken question's picture goes."""
    configured = os.environ.get("COPILOT_SCREENSHOTS")
    folder = ROOT / configured if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("viewport", TABLETS, ids=["landscape", "portrait"])
def test_the_newest_answer_is_brought_into_view(served_app, browser, viewport):
    page = open_in_english(browser, served_app, viewport)
    assert page.locator('[data-testid="stExpandSidebarButton"]').is_visible()  # the sidebar is closed
    assert_fits_a_tablet(page)
    ask_typed(page, TYPED)
    first = page.locator('[data-testid="stChatMessage"]').last.locator('[data-testid="stMetric"]').first
    assert "kWh" in first.inner_text()
    ask_typed(page, "OEE by line last week")  # a second answer below a long first one
    metric = page.locator('[data-testid="stChatMessage"]').last.locator('[data-testid="stMetric"]').first
    assert "OEE" in metric.inner_text()
    page.locator('[data-testid="stChatMessage"]').last.locator(
        ".vega-embed canvas, .vega-embed svg"
    ).first.wait_for()
    assert_newest_in_view(page, chart=True)
    assert_fits_a_tablet(page)
    page.close()


def test_spoken_question_shows_the_transcript_and_the_answer(served_app, browser, spoken_wav, shots):
    page = open_in_english(browser, served_app, LANDSCAPE)
    assert_fits_a_tablet(page)
    page.locator('[data-testid="stAudioInputActionButton"][aria-label="Record"]').click()
    page.wait_for_timeout(int(spoken_wav[1] * 1000) + 800)
    page.locator('[data-testid="stAudioInputActionButton"][aria-label="Stop recording"]').click()
    heard = page.locator('[data-testid="stTextInput"] input')
    heard.wait_for()
    transcript = heard.input_value()
    assert "line 4" in transcript.lower() and "yesterday" in transcript.lower(), transcript
    page.screenshot(path=str(shots / "voice_1024x768.png"))
    page.get_by_role("button", name="Ask", exact=True).click()
    metric = page.locator('[data-testid="stMetric"]').first
    metric.wait_for()
    assert "kWh" in metric.inner_text()
    assert page.locator('[data-testid="stChatMessage"]').filter(has_text=transcript).count() == 1
    assert_fits_a_tablet(page)
    page.close()


def test_every_page_fits_a_tablet(served_app, browser):
    page = open_in_english(browser, served_app, LANDSCAPE)
    for viewport in TABLETS:
        page.set_viewport_size(viewport)
        for name in ("Chat", "A3", "Learn", "Data", "Settings"):
            open_page(page, name)
            assert_fits_a_tablet(page)
    page.close()


def test_two_tablets_keep_their_own_conversations(served_app, browser):
    first = open_in_english(browser, served_app, LANDSCAPE)
    second = open_in_english(browser, served_app, LANDSCAPE)
    for page, question in ((first, "OEE of line 1 last week"), (second, "Scrap of line 2 yesterday")):
        ask_typed(page, question)
        page.locator('[data-testid="stMetric"]').first.wait_for()
    settle(first)
    settle(second)
    assert "Scrap of line 2 yesterday" not in first.inner_text("body")
    assert "OEE of line 1 last week" not in second.inner_text("body")
    first.close()
    second.close()


def test_a3_from_a_question_and_a_lesson_on_the_plant(served_app, browser):
    page = open_in_english(browser, served_app, PORTRAIT)
    create_a3(page, "Why does the cycle time vary on line 3?", "L3-S4")
    assert_fits_a_tablet(page)
    open_lesson(page, "Heijunka", "runs large batches")
    assert_fits_a_tablet(page)
    page.close()
