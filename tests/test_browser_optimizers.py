"""Real browser: the race contour is animated by plotly frames in the page, and a click moves the start."""
import pytest

from tests.conftest import error_boxes, screenshot, wait_for_idle

pytestmark = pytest.mark.browser

CONTOUR = '[data-testid="stPlotlyChart"] .js-plotly-plot'
# The contour is the first plotly chart of the page; its last trace holds one head marker per racer.
HEADS_X = f"() => {{ const gd = document.querySelector('{CONTOUR}'); const d = gd._fullData; return Array.from(d[d.length - 1].x); }}"


# The label of the contour's last animation step: the number of steps of the race it shows.
LAST_STEP = f"n => {{ const s = document.querySelector('{CONTOUR}').layout.sliders[0].steps; return s[s.length - 1].label === n; }}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_contour_race_plays_in_the_browser(open_page, lang: str) -> None:
    page = open_page("optimizers", lang, wait_for=CONTOUR)
    assert not error_boxes(page)
    frames = page.evaluate(f"() => document.querySelector('{CONTOUR}')._transitionData._frames.length")
    assert frames > 10, "the race is sent as plotly frames"
    final = page.evaluate(HEADS_X)
    assert len(final) == 4, "one head per default racer"
    page.locator('[data-testid="stPlotlyChart"]').first.locator(".updatemenu-button").first.click()  # ▶ Play
    page.wait_for_timeout(400)
    early = page.evaluate(HEADS_X)
    page.wait_for_timeout(1500)
    later = page.evaluate(HEADS_X)
    assert early != final and later != early, "the heads move: the browser is playing the frames"
    # The animation ends on the last step, where the heads started (frames take longer on a busy machine).
    page.wait_for_function(f"final => ({HEADS_X})().every((x, i) => Math.abs(x - final[i]) < 1e-9)", arg=final,
                           timeout=60_000)
    assert not error_boxes(page)
    screenshot(page, f"optimizers-race-{lang}")


def test_clicking_the_contour_moves_the_start(open_page) -> None:
    page = open_page("optimizers", "en", wait_for=CONTOUR)
    # Pixel position of the click-grid point (5, 2) of the quadratic's window (x −10…10, y −4…4).
    x, y = page.evaluate(f"""() => {{
        const gd = document.querySelector('{CONTOUR}'), l = gd._fullLayout, box = gd.getBoundingClientRect();
        return [box.left + l._size.l + l.xaxis.l2p(5.0), box.top + l._size.t + l.yaxis.l2p(2.0)];
    }}""")
    page.mouse.click(x, y)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stSliderThumbValue\"]')].some(e => e.innerText.trim() === '5.00')",
        timeout=60_000)
    wait_for_idle(page)
    assert not error_boxes(page)
    start = page.evaluate(f"() => {{ const gd = document.querySelector('{CONTOUR}'); return [gd._fullData[2].x[0], gd._fullData[2].y[0]]; }}")
    assert start == pytest.approx([5.0, 2.0])


def test_a_shared_link_opens_the_same_race_in_a_new_browser(open_page, browser) -> None:
    from core.i18n import translate
    from tests.page_links import PHONE, horizontal_overflow, nudge, open_in_new_context, share_url, slider_value

    page = open_page("optimizers", "en", wait_for=CONTOUR)
    nudge(page, translate("opt.steps", "en"), 3)  # 200 -> 230
    nudge(page, translate("opt.eps_target", "en"), 1)  # 1e-3 -> 1e-2: a view setting, the race stays
    page.wait_for_function(LAST_STEP, arg="230", timeout=60_000)  # the 230-step race is drawn
    heads = page.evaluate(HEADS_X)
    url = share_url(page, translate("ui.share", "en"))
    assert "steps=230" in url and "eps=0.01" in url and "lang=en" in url, url
    for name, viewport in (("optimizers-link", None), ("optimizers-phone", PHONE)):
        fresh = open_in_new_context(browser, url, CONTOUR, viewport)
        try:
            assert slider_value(fresh, translate("opt.steps", "en")) == "230"
            assert slider_value(fresh, translate("opt.eps_target", "en")) == "0.01"
            fresh.wait_for_function(LAST_STEP, arg="230", timeout=60_000)
            assert fresh.evaluate(HEADS_X) == pytest.approx(heads), "the same race"
            assert not error_boxes(fresh) and horizontal_overflow(fresh) <= 0, "no sideways scrolling"
            screenshot(fresh, name)
            if viewport is PHONE:
                fresh.locator(CONTOUR).first.scroll_into_view_if_needed()
                screenshot(fresh, f"{name}-result")
        finally:
            fresh.context.close()
