"""Real browser: the attention page draws its heatmap, and a click in the model view enlarges that head."""
from __future__ import annotations

import pytest

from core.i18n import translate
from tests.conftest import error_boxes, screenshot, wait_for_idle

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'


def _open(open_page, lang: str):
    """Home first, then the sidebar link: a direct /attention URL runs the page file without Home.py's frame
    (Streamlit's pages/ folder auto-discovery), so the language and layout would not apply."""
    page = open_page("", lang)
    page.locator('[data-testid="stSidebarNav"] a[href$="/attention"]').first.click(timeout=120_000)
    page.wait_for_selector(f"{CHART} g.hm image", timeout=120_000)
    wait_for_idle(page)
    return page


def _heatmap_drawn(page) -> bool:
    """Plotly draws a heatmap as an <image> inside a g.hm group."""
    return page.locator(f"{CHART} g.hm image").count() > 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heatmap_is_drawn(open_page, lang: str) -> None:
    page = _open(open_page, lang)
    assert not error_boxes(page)
    assert _heatmap_drawn(page)
    assert page.get_by_text(translate("att.title.head", lang, layer=4, head=2)).count() == 1
    ticks = page.locator(f"{CHART} .xtick text").all_text_contents()
    assert "animal" in [t.strip("\u200b") for t in ticks], ticks
    page.locator(CHART).last.scroll_into_view_if_needed()
    screenshot(page, f"attention-heatmap-{lang}")


def test_model_view_click_enlarges_a_head(open_page) -> None:
    page = _open(open_page, "en")
    page.get_by_text(translate("att.view.model", "en"), exact=True).click(timeout=120_000)
    page.wait_for_function(f"document.querySelectorAll('{CHART}').length >= 2", timeout=60_000)
    wait_for_idle(page)
    markers = page.locator(CHART).first.locator("g.scatterlayer path.point")
    assert markers.count() == 6 * 12, "one clickable marker per map"
    markers.nth(12 + 6).click(force=True)  # layer 2, head 7
    page.wait_for_function(
        "t => document.body.innerText.includes(t)", arg=translate("att.title.head", "en", layer=2, head=7),
        timeout=60_000)
    wait_for_idle(page)
    assert not error_boxes(page)
    page.locator(CHART).first.scroll_into_view_if_needed()
    screenshot(page, "attention-model-view-en")


CAPTIONS = {"head": ("att.head_view.caption", {"layer": 4}), "positional": ("att.pe.caption", {}),
            "by_hand": ("att.hand.caption", {})}


@pytest.mark.parametrize("view", list(CAPTIONS))
def test_other_views_draw(open_page, view: str) -> None:
    page = _open(open_page, "zh")
    page.get_by_text(translate(f"att.view.{view}", "zh"), exact=True).click(timeout=120_000)
    key, params = CAPTIONS[view]
    page.get_by_text(translate(key, "zh", **params)).wait_for(timeout=60_000)
    wait_for_idle(page)
    assert not error_boxes(page)
    assert page.locator(CHART).count() >= 1
    page.locator(CHART).first.scroll_into_view_if_needed()
    screenshot(page, f"attention-{view}-zh")


def test_a_shared_link_opens_the_same_head_in_a_new_browser(open_page, browser) -> None:
    from tests.page_links import PHONE, horizontal_overflow, nudge, open_in_new_context, share_url, slider_value

    page = _open(open_page, "zh")
    nudge(page, translate("att.layer", "zh"), 1)  # layer 4 -> 5
    nudge(page, translate("att.head", "zh"), 1)  # head 2 -> 3
    title = translate("att.title.head", "zh", layer=5, head=3)
    page.get_by_text(title).wait_for(timeout=60_000)
    url = share_url(page, translate("ui.share", "zh"))
    assert "layer=5" in url and "head=3" in url and "lang=zh" in url, url
    for name, viewport in (("attention-link-zh", None), ("attention-phone-zh", PHONE)):
        fresh = open_in_new_context(browser, url, f"{CHART} g.hm image", viewport)
        try:
            assert slider_value(fresh, translate("att.layer", "zh")) == "5"
            assert slider_value(fresh, translate("att.head", "zh")) == "3"
            assert fresh.get_by_text(title).count() == 1, "the same map"
            assert not error_boxes(fresh) and horizontal_overflow(fresh) <= 0, "no sideways scrolling"
            screenshot(fresh, name)
            if viewport is PHONE:
                fresh.locator(CHART).first.scroll_into_view_if_needed()
                screenshot(fresh, f"{name}-result")
        finally:
            fresh.context.close()
