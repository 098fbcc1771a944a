"""Real browser: the backprop page renders its graph client-side (no system `dot`), at desktop and phone width."""
import pytest

from core.i18n import translate
from tests.conftest import error_boxes, screenshot, wait_for_idle

pytestmark = pytest.mark.browser

GRAPH = '[data-testid="stGraphVizChart"] svg'


def _open_tab(page, tab: str, lang: str) -> None:
    page.get_by_role("tab", name=translate(f"bp.tab.{tab}", lang)).click()
    page.wait_for_timeout(300)
    wait_for_idle(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tabs_and_graph_render(open_page, lang: str) -> None:
    page = open_page("backprop", lang, wait_for='[data-testid="stPlotlyChart"] .js-plotly-plot')
    assert not error_boxes(page)
    screenshot(page, f"backprop-losses-{lang}")
    _open_tab(page, "graph", lang)
    page.wait_for_selector(GRAPH, timeout=60_000)
    assert page.locator(f"{GRAPH} g.node").count() == 31, "the 2-2-1 network: 11 variables, 2 constants, 18 operations"
    assert not error_boxes(page)
    page.locator(GRAPH).scroll_into_view_if_needed()
    screenshot(page, f"backprop-graph-{lang}")
    for tab in ("logistic", "gradcheck", "classifier"):
        _open_tab(page, tab, lang)
        assert not error_boxes(page), tab
        screenshot(page, f"backprop-{tab}-{lang}")


def test_a_link_with_a_step_highlights_the_node_at_phone_width(browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/backprop?lang=en&mode=expression&step=3", wait_until="domcontentloaded")
        page.wait_for_selector("h1", timeout=120_000)
        wait_for_idle(page)
        screenshot(page, "backprop-phone-losses")
        _open_tab(page, "graph", "en")
        page.wait_for_selector(GRAPH, timeout=60_000)
        assert page.locator(f"{GRAPH} g.node").count() == 10, "cs231n's neuron"
        assert page.locator(f'{GRAPH} g.node polygon[fill="#fff3b0"], {GRAPH} g.node ellipse[fill="#fff3b0"]').count() == 1
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, "nothing wider than the phone"
        assert not error_boxes(page)
        page.locator(GRAPH).scroll_into_view_if_needed()  # the app scrolls inside its own container
        screenshot(page, "backprop-phone-graph")
    finally:
        context.close()
