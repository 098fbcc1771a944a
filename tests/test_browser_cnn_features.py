"""Real browser: the CNN feature maps page shows the workbench, then the channel grid of a pretrained CNN."""
import pytest

from core.i18n import translate
from tests.conftest import LANGS, error_boxes, screenshot, wait_for_idle

pytestmark = pytest.mark.browser

GRID = ".st-key-cnn_grid img"


def _open(open_page, lang: str):
    """Home first, then the sidebar link, so the page runs inside Home.py's frame (language, navigation)."""
    page = open_page("", lang)
    page.locator('[data-testid="stSidebarNav"] a[href$="/cnn_features"]').first.click()
    page.wait_for_selector('[data-testid="stImage"] img', timeout=120_000)
    wait_for_idle(page)
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_channel_grid_is_shown(open_page, lang: str) -> None:
    page = _open(open_page, lang)
    assert page.locator("h1").first.inner_text().strip() == translate("page.cnn_features", lang)
    assert not error_boxes(page), error_boxes(page)
    screenshot(page, f"cnn_features-workbench-{lang}")

    page.get_by_role("tab", name=translate("cnn.tab.net", lang)).click()
    page.wait_for_selector(GRID, timeout=180_000)
    wait_for_idle(page, 180_000)
    screenshot(page, f"cnn_features-grid-{lang}")
    assert not error_boxes(page), error_boxes(page)
    tiles = page.locator(GRID)
    assert tiles.count() == 16
    assert tiles.first.evaluate("img => img.complete && img.naturalWidth") == 96
    caption = translate("cnn.gradcam_caption", lang, label="espresso", layer="fire9")
    page.get_by_text(caption).first.scroll_into_view_if_needed()
    assert page.get_by_text(caption).first.is_visible()
    screenshot(page, f"cnn_features-gradcam-{lang}")

    page.get_by_role("tab", name=translate("cnn.tab.cost", lang)).click()
    page.get_by_text("120,422,400").first.wait_for(state="attached", timeout=60_000)  # a canvas grid: hidden cells
    wait_for_idle(page)
    assert not error_boxes(page)
    screenshot(page, f"cnn_features-cost-{lang}")


def test_a_shared_link_opens_the_same_grid_in_a_new_browser(open_page, browser) -> None:
    from tests.page_links import PHONE, horizontal_overflow, nudge, open_in_new_context, share_url, slider_value

    page = _open(open_page, "en")
    page.get_by_role("tab", name=translate("cnn.tab.net", "en")).click()
    page.wait_for_selector(GRID, timeout=180_000)
    wait_for_idle(page, 180_000)
    assert "tab=net" in share_url(page, translate("ui.share", "en")), "the link follows the tab just opened"
    nudge(page, translate("cnn.grid_count", "en"), 1)  # 16 -> 20 channels
    page.wait_for_function(f"() => document.querySelectorAll('{GRID}').length === 20", timeout=60_000)
    url = share_url(page, translate("ui.share", "en"))
    assert "tab=net" in url and "count=20" in url, url
    for name, viewport in (("cnn_features-link", None), ("cnn_features-phone", PHONE)):
        fresh = open_in_new_context(browser, url, GRID, viewport)
        try:
            assert slider_value(fresh, translate("cnn.grid_count", "en")) == "20"
            assert fresh.locator(GRID).count() == 20, "the same grid"
            assert not error_boxes(fresh) and horizontal_overflow(fresh) <= 0, "no sideways scrolling"
            screenshot(fresh, name)
            if viewport is PHONE:
                fresh.locator(GRID).first.scroll_into_view_if_needed()
                screenshot(fresh, f"{name}-result")
        finally:
            fresh.context.close()
