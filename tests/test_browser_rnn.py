"""Real browser: train on the recurrent networks page, then the sample, the memory and the unrolled step, at desktop
width and at a phone's 390 px (tall windows, so each screenshot shows the whole tab)."""
from __future__ import annotations

import pytest

from core.i18n import translate
from tests.conftest import error_boxes, screenshot, wait_for_idle

pytestmark = pytest.mark.browser
QUERY = "steps=50&hidden=32&seq=32"  # small: trains in seconds
CHART = '[data-testid="stPlotlyChart"]'


@pytest.fixture
def open_rnn(browser, app_url: str, open_page):
    """``open_rnn(lang, width)``: the page from a link with small settings, in a window ``width`` px wide."""
    open_page("", "en")  # a fresh server runs a deep-linked page without the app frame until Home has run once
    contexts = []

    def _open(lang: str, width: int):
        context = browser.new_context(viewport={"width": width, "height": 3200})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{app_url}/rnn?lang={lang}&{QUERY}", wait_until="domcontentloaded")
        page.wait_for_selector("h1", timeout=120_000)
        wait_for_idle(page)
        return page

    yield _open
    for context in contexts:
        context.close()


def _train_or_find(page, lang: str) -> None:
    """Train, unless the server already holds models for these settings (another test trained them)."""
    if page.locator(CHART).count() == 0:
        page.get_by_role("button", name=translate("rnn.train", lang)).click()
    # The job may wait in the server's queue behind other tests' jobs: wait for what training draws.
    page.locator(f"{CHART} >> nth=2").wait_for(timeout=300_000)
    wait_for_idle(page)


def _open_tab(page, lang: str, tab: str, ready: str) -> None:
    page.get_by_role("tab", name=translate(f"rnn.tab.{tab}", lang)).click()
    page.locator(ready).first.wait_for(timeout=60_000)
    wait_for_idle(page)
    assert not error_boxes(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_train_then_sample_memory_unrolled(open_rnn, lang: str) -> None:
    page = open_rnn(lang, 1400)
    _train_or_find(page, lang)
    assert not error_boxes(page)
    assert page.locator(CHART).count() == 3, "loss, gradient norm, the next-character distribution"
    screenshot(page, f"rnn-sample-{lang}")
    _open_tab(page, lang, "memory", f"{CHART} >> nth=4")
    assert page.locator("span[title]").count() > 100, "the text coloured character by character"
    screenshot(page, f"rnn-memory-{lang}")
    _open_tab(page, lang, "unrolled", '[data-testid="stGraphVizChart"]')
    assert page.locator(".katex").count() >= 1
    screenshot(page, f"rnn-unrolled-{lang}")


def test_gradient_study(open_rnn) -> None:
    page = open_rnn("en", 1400)
    _open_tab(page, "en", "gradients", '[data-testid="stButton"]')
    button = page.get_by_role("button", name=translate("rnn.grad_run", "en"))
    if button.is_enabled():  # not measured yet on this server
        button.click()
    page.get_by_text("At distance 30").wait_for(timeout=300_000)
    wait_for_idle(page)
    assert not error_boxes(page)
    screenshot(page, "rnn-gradients-en")


def test_phone_width(open_rnn) -> None:
    page = open_rnn("zh", 390)
    _train_or_find(page, "zh")
    assert not error_boxes(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width} px"
    screenshot(page, "rnn-phone-zh")
    _open_tab(page, "zh", "memory", f"{CHART} >> nth=4")
    screenshot(page, "rnn-phone-memory-zh")
