"""Real browser: the detection page shows the annotated image, in both languages."""
import pytest

from core.i18n import translate
from tests.conftest import LANGS, error_boxes, screenshot, wait_for_idle

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
    assert page.get_by_text(translate("det.download", lang)).first.is_visible()
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
