"""Real browser: the Activations page with its charts, and the playground animating on its own."""
import pytest

from core.i18n import translate
from tests.conftest import error_boxes, screenshot, wait_for_idle

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'


def _step_count(page, lang: str) -> int:
    label = translate("act.pg.steps", lang)
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)).first
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().strip())


def _open(open_page, lang: str):
    """Home first, then the sidebar link: a fresh server's first deep link (/activations) runs the page file
    without Home.py's frame (Streamlit's pages/ folder fallback), so the language would be ignored."""
    page = open_page("", lang)
    page.locator('[data-testid="stSidebarNav"] a[href$="/activations"]').first.click()
    page.wait_for_selector(f"{CHART} g.trace", timeout=120_000)
    wait_for_idle(page)
    return page


def _open_tab(page, key: str, lang: str) -> None:
    page.get_by_role("tab", name=translate(key, lang)).click()
    page.wait_for_timeout(500)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_activations_page_charts_and_live_playground(open_page, lang: str) -> None:
    page = _open(open_page, lang)
    assert page.locator("h1").first.inner_text().strip() == translate("page.activations", lang)
    assert not error_boxes(page)
    explorer = page.locator(CHART).first
    assert explorer.locator("g.trace").count() >= 8, "f and f' of the four default functions"
    assert page.locator('[data-testid="stTable"]').count() == 1
    screenshot(page, f"activations-functions-{lang}")

    _open_tab(page, "act.tab.depth", lang)
    page.get_by_role("button", name=translate("act.preset.vanishing", lang)).click()
    page.get_by_text(translate("act.verdict.vanishing", lang)).wait_for(timeout=120_000)
    wait_for_idle(page)
    visible = page.locator(f'[role="tabpanel"]:visible {CHART}')
    assert visible.count() == 2 and visible.nth(1).locator("g.trace").count() == 3
    visible.first.scroll_into_view_if_needed()
    screenshot(page, f"activations-depth-{lang}")

    _open_tab(page, "act.tab.playground", lang)
    assert _step_count(page, lang) == 0
    page.get_by_role("button", name=translate("act.pg.play", lang)).click()
    # The fragment reruns on its own timer: the counter climbs with no further clicks.
    page.wait_for_function(
        """([label, target]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
             m.innerText.includes(label) && parseInt(m.querySelector('[data-testid="stMetricValue"]').innerText) >= target)""",
        arg=[translate("act.pg.steps", lang), 100], timeout=120_000)
    page.get_by_role("button", name=translate("act.pg.pause", lang)).click()
    page.get_by_role("button", name=translate("act.pg.play", lang)).wait_for(timeout=60_000)
    wait_for_idle(page)
    paused_at = _step_count(page, lang)
    page.wait_for_timeout(1500)
    assert _step_count(page, lang) == paused_at, "paused: no more training"
    boundary = page.locator(f'[role="tabpanel"]:visible {CHART}').first
    assert boundary.locator(".heatmaplayer, g.hm, image").count() >= 1, "the decision boundary heatmap is drawn"
    assert not error_boxes(page)
    boundary.scroll_into_view_if_needed()
    screenshot(page, f"activations-playground-{lang}")


def test_a_shared_link_opens_the_same_depth_experiment_in_a_new_browser(open_page, browser) -> None:
    from tests.page_links import PHONE, horizontal_overflow, nudge, open_in_new_context, share_url, slider_value

    page = _open(open_page, "zh")
    _open_tab(page, "act.tab.depth", "zh")
    nudge(page, translate("act.depth.depth", "zh"), 3)  # 10 -> 13 layers
    ratio = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    url = share_url(page, translate("ui.share", "zh"))
    assert "depth=13" in url and "lang=zh" in url, url
    for name, viewport in (("activations-link-zh", None), ("activations-phone-zh", PHONE)):
        fresh = open_in_new_context(browser, url, f"{CHART} g.trace", viewport)
        try:
            assert slider_value(fresh, translate("act.depth.depth", "zh")) == "13"
            assert fresh.locator('[data-testid="stMetricValue"]').first.inner_text() == ratio, "the same result"
            assert not error_boxes(fresh) and horizontal_overflow(fresh) <= 0, "no sideways scrolling"
            screenshot(fresh, name)
            if viewport is PHONE:
                fresh.locator(CHART).first.scroll_into_view_if_needed()
                screenshot(fresh, f"{name}-result")
        finally:
            fresh.context.close()
