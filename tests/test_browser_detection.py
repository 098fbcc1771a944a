"""Real browser: the detection page shows the annotated image, in both languages."""
import pytest

from core.i18n import translate
from tests.conftest import LANGS, error_boxes, screenshot, wait_for_idle
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


def _open(open_page, lang: str):
    """Home first, then the sidebar link: a direct /detection URL runs the page file without Home.py's
    frame (Streamlit's pages/ folder auto-discovery), so the language would not apply."""
    page = open_page("", lang)
    page.locator('[data-testid="stSidebarNav"] a[href$="/detection"]').first.click()
    page.wait_for_selector(IMAGE, timeout=120_000)
    wait_for_idle(page)
    return page


def _wait_for_image_width(page, width: int) -> None:
    """An image of that pixel width is shown and fully loaded (fails after the timeout otherwise)."""
    page.wait_for_function(
        "w => [...document.querySelectorAll('[data-testid=\"stImage\"] img')]"
        ".some(img => img.complete && img.naturalWidth === w)", arg=width, timeout=60_000)


@pytest.mark.parametrize("lang", LANGS)
def test_detection_shows_the_annotated_image(open_page, lang: str) -> None:
    page = _open(open_page, lang)
    screenshot(page, f"detection-annotated-{lang}")
    assert not error_boxes(page), error_boxes(page)
    assert page.locator("h1").first.inner_text().strip() == translate("page.detection", lang)
    _wait_for_image_width(page, 600)  # coffee.png, annotated
    assert page.get_by_text(translate("ui.download_png", lang)).first.is_visible()
    page.get_by_text(translate("det.view.grid", lang)).first.click()
    page.get_by_text(translate("det.grid_scale", lang), exact=True).first.wait_for(timeout=60_000)
    wait_for_idle(page)
    assert not error_boxes(page)
    _wait_for_image_width(page, 832)  # the 416 input with its grid, zoomed twice
    screenshot(page, f"detection-grid-{lang}")


def test_every_view_renders(open_page) -> None:
    page = _open(open_page, "en")
    for view, ready in (("nms", IMAGE), ("heatmap", '[data-testid="stPlotlyChart"]'), ("iou", '[data-testid="stMetric"]')):
        page.get_by_text(translate(f"det.view.{view}", "en")).first.click()
        page.wait_for_selector(ready, timeout=60_000)
        wait_for_idle(page)
        assert not error_boxes(page), (view, error_boxes(page))
        screenshot(page, f"detection-{view}-en")


def kept(page) -> str:
    """The number of boxes kept after NMS, from the page's summary line (English)."""
    import re

    text = page.get_by_text("kept after NMS").first.inner_text()
    return re.search(r"(\d+) kept after NMS", text).group(1)


def test_a_shared_link_opens_the_same_view_elsewhere(open_page, browser) -> None:
    page = _open(open_page, "en")
    nudge(page, translate("det.conf", "en"), 20, "ArrowLeft")  # 0.25 -> 0.05
    page.get_by_text(translate("det.mode.stretch", "en")).first.click()
    wait_for_idle(page)
    url = share_url(page)
    assert "conf=0.05" in url and "fit=stretch" in url, url
    before = (slider_value(page, translate("det.conf", "en")), kept(page), image_checksum(page))
    other = open_in_new_context(browser, url, wait_for=IMAGE)
    assert not error_boxes(other), error_boxes(other)
    assert other.get_by_role("radio", name=translate("det.mode.stretch", "en")).is_checked()
    after = (slider_value(other, translate("det.conf", "en")), kept(other), image_checksum(other))
    assert after == before, "the same settings and the same boxes on the same photo"
    screenshot(other, "detection-shared-en")
    other.context.close()
    phone_and_desktop_screenshots(browser, url.replace("lang=en", "lang=zh"), "detection-shared-zh", IMAGE)
