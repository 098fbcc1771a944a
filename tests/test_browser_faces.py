"""Real browser: the faces page shows the verdict for the two sample photos, and the face book's geometry."""
import pytest

from core.i18n import translate
from tests.conftest import LANGS, error_boxes, screenshot, wait_for_idle
from tests.page_links import (
    nudge,
    open_in_new_context,
    phone_and_desktop_screenshots,
    share_url,
    slider_value,
)

pytestmark = pytest.mark.browser
SUCCESS = '[data-testid="stAlertContentSuccess"]'


def open_faces(open_page, lang: str):
    """Home first, then the navigation link: the way a reader arrives, inside the app's frame.

    Returns once the verdict for the two default sample photos (same person) is on the page.
    Home has a success box of its own, so the wait is for the verdict's own text.
    """
    page = open_page("", lang)
    page.locator('[data-testid="stSidebarNav"] a[href$="/faces"]').first.click()
    verdict = page.locator(SUCCESS).filter(has_text=translate("face.same_short", lang))
    verdict.first.wait_for(timeout=180_000)
    wait_for_idle(page)
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_verdict_is_shown(open_page, lang: str) -> None:
    page = open_faces(open_page, lang)
    assert page.locator("h1").first.inner_text().strip() == translate("page.faces", lang)
    verdict = page.locator(SUCCESS).first.inner_text().strip()
    assert verdict.lower().startswith(translate("face.same_short", lang).lower()), verdict
    images = '[data-testid="stImage"] img'
    page.wait_for_function(f"() => document.querySelectorAll('{images}').length >= 4", timeout=60_000)  # drawn after the verdict
    assert page.locator(images).count() >= 4, "two annotated photos and two aligned crops"
    assert not error_boxes(page)
    screenshot(page, f"faces-verify-{lang}")


def test_face_book_and_geometry(open_page) -> None:
    page = open_faces(open_page, "en")
    page.get_by_role("tab", name=translate("face.tab.book", "en")).click()
    page.get_by_role("button", name=translate("face.book.samples", "en")).click()
    page.get_by_text("4 face(s) enrolled").wait_for(timeout=120_000)
    wait_for_idle(page)
    assert page.get_by_text("Identified: Obama").count() >= 1
    screenshot(page, "faces-book-en")
    page.get_by_role("tab", name=translate("face.tab.geometry", "en")).click()
    page.locator('[data-testid="stPlotlyChart"]').nth(1).wait_for(timeout=60_000)
    wait_for_idle(page)
    assert page.get_by_text(translate("face.geo.far", "en")).count() >= 1
    assert not error_boxes(page)
    screenshot(page, "faces-geometry-en")
    page.get_by_text(translate("face.geo.far", "en")).first.scroll_into_view_if_needed()
    wait_for_idle(page)
    screenshot(page, "faces-histogram-en")


def test_a_shared_link_opens_the_same_view_elsewhere(open_page, browser) -> None:
    """The strictest threshold (End key: 1.000) makes the two Obama samples "different"; a link carries it, no photo."""
    page = open_faces(open_page, "en")
    nudge(page, translate("face.threshold", "en"), 1, "End")
    url = share_url(page)
    assert "t=1" in url and "face" not in url.split("?")[1], url
    different = translate("face.different_short", "en")
    verdict = page.locator('[data-testid="stAlertContentInfo"]').filter(has_text=different).first.inner_text()
    other = open_in_new_context(browser, url, wait_for='[data-testid="stAlertContentInfo"]')
    other.locator('[data-testid="stAlertContentInfo"]').filter(has_text=different).first.wait_for(timeout=180_000)
    assert not error_boxes(other), error_boxes(other)
    assert slider_value(other, translate("face.threshold", "en")) == "1.000"
    assert other.locator('[data-testid="stAlertContentInfo"]').filter(has_text=different).first.inner_text() == verdict
    assert other.get_by_text(translate("ui.download_csv", "en")).first.is_visible()
    other.context.close()
    phone_and_desktop_screenshots(browser, url.replace("lang=en", "lang=zh"), "faces-shared-zh",
                                  '[data-testid="stAlertContentInfo"]')
