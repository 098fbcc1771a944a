"""Real browser: the style transfer page shows a stylised image, and a Gatys run shows live progress and stops."""
import pytest

from core.i18n import translate
from tests.conftest import error_boxes, screenshot, wait_for_idle
from tests.page_links import (
    image_checksum,
    nudge,
    open_in_new_context,
    phone_and_desktop_screenshots,
    share_url,
    slider_value,
)

pytestmark = pytest.mark.browser

IMAGE = '[data-testid="stImage"] img'


@pytest.fixture
def open_style_page(open_page):
    """Open Home first: a fresh server whose first visit is a deep link runs the page without the
    Home.py frame (Streamlit's pages/ directory fallback), so the language would be ignored."""
    def _open(lang: str):
        open_page("", lang)
        return open_page("style_transfer", lang, wait_for=IMAGE, timeout_ms=300_000)
    return _open


def captions(page) -> list[str]:
    return [c.inner_text().strip() for c in page.locator('[data-testid="stImageCaption"]').all()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_instant_style_shows_a_stylised_image(open_style_page, lang: str) -> None:
    page = open_style_page(lang)
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=translate("style.result", lang),
                           timeout=120_000)
    wait_for_idle(page)
    assert not error_boxes(page), error_boxes(page)
    assert translate("style.result", lang) in captions(page)
    result = page.locator('[data-testid="stImage"]', has_text=translate("style.result", lang)).locator("img").first
    assert result.evaluate("img => img.complete && img.naturalWidth") > 100
    screenshot(page, f"style_transfer-fast-{lang}")


def test_any_painting_and_live_gatys_with_stop(open_style_page) -> None:
    page = open_style_page("en")
    page.get_by_text(translate("style.mode.arbitrary", "en")).click()
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=translate("style.vector", "en"),
                           timeout=180_000)
    wait_for_idle(page, 180_000)
    assert not error_boxes(page), error_boxes(page)
    assert translate("style.result", "en") in captions(page)
    screenshot(page, "style_transfer-arbitrary-en")

    page.get_by_text(translate("style.mode.gatys", "en")).click()
    page.get_by_role("button", name=translate("style.start", "en")).wait_for(timeout=120_000)
    wait_for_idle(page)
    page.get_by_role("button", name=translate("style.start", "en")).click()
    # Live progress: the current image appears while the job runs, without any click.
    page.wait_for_function("() => document.body.innerText.includes('Current image (step')", timeout=300_000)
    screenshot(page, "style_transfer-gatys-running-en")
    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name=translate("jobs.stop", "en")).click()
    page.wait_for_function("() => document.body.innerText.includes('Stopped after')", timeout=120_000)
    wait_for_idle(page)
    assert not error_boxes(page), error_boxes(page)
    assert translate("jobs.stopped", "en") not in page.inner_text("body"), "one line says it stopped, not two"
    assert any(c.startswith("Best so far") for c in captions(page))
    assert page.get_by_text(translate("style.gram", "en")).count() >= 1
    screenshot(page, "style_transfer-gatys-stopped-en")


def test_a_shared_link_opens_the_same_view_elsewhere(open_style_page, browser) -> None:
    """Another strength and the photo's own colours: the link carries both, the new reader sees the same image."""
    page = open_style_page("en")
    result = translate("style.result", "en")
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=result, timeout=120_000)
    nudge(page, translate("style.strength", "en"), 4, "ArrowLeft")  # 1.00 -> 0.80
    page.get_by_text(translate("style.keep_colours", "en")).first.click()
    wait_for_idle(page, 180_000)
    url = share_url(page)
    assert "strength=0.8" in url and "colours=1" in url, url
    before = image_checksum(page, result)
    other = open_in_new_context(browser, url, wait_for=IMAGE)
    other.wait_for_function("t => document.body.innerText.includes(t)", arg=result, timeout=180_000)
    wait_for_idle(other, 180_000)
    assert not error_boxes(other), error_boxes(other)
    assert slider_value(other, translate("style.strength", "en")) == "0.80"
    switch = other.locator('[data-testid="stCheckbox"]', has_text=translate("style.keep_colours", "en"))
    assert switch.locator("input").first.is_checked()
    assert image_checksum(other, result) == before, "the same stylised image"
    other.context.close()
    phone_and_desktop_screenshots(browser, url.replace("lang=en", "lang=zh"), "style_transfer-shared-zh", IMAGE)
