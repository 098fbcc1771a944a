"""Real browser: every page of the navigation opens in headless Chromium in both languages."""
import pytest

from core.i18n import translate
from tests.conftest import LANGS, PAGE_IDS, error_boxes, screenshot, serve_app, wait_for_idle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGS)
def test_home_and_every_page_render(open_page, lang: str) -> None:
    page = open_page("", lang)
    assert page.locator("h1").first.inner_text().strip() == translate("app.title", lang)
    assert not error_boxes(page)
    screenshot(page, f"home-{lang}")
    nav_links = page.locator('[data-testid="stSidebarNav"] a')
    assert nav_links.count() == len(PAGE_IDS) + 1, "Home plus one link per page"
    for page_id in PAGE_IDS:
        page.locator(f'[data-testid="stSidebarNav"] a[href$="/{page_id}"]').first.click()
        title = translate(f"page.{page_id}", lang)
        page.wait_for_function(
            "t => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === t)", arg=title,
            timeout=120_000,
        )
        wait_for_idle(page)
        assert not error_boxes(page), (page_id, error_boxes(page))
        assert f"lang={lang}" in page.url, "the language stays in the URL across pages"
        screenshot(page, f"{page_id}-{lang}")


def test_a_direct_link_opens_the_page_in_its_language_on_a_fresh_server(browser) -> None:
    """The first request a new server gets is a page URL: it must still run inside the Home.py frame."""
    with serve_app() as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/optimizers?lang=zh", wait_until="domcontentloaded")
        title = translate("page.optimizers", "zh")
        page.wait_for_function(
            "t => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === t)", arg=title,
            timeout=120_000,
        )
        wait_for_idle(page)
        assert page.locator('[data-testid="stSidebarNav"] a').count() == len(PAGE_IDS) + 1
        assert not error_boxes(page)
        page.close()


@pytest.mark.parametrize("path", ["home", ""])
def test_home_opens_by_its_old_path_and_the_root_without_page_not_found_on_a_fresh_server(browser, path: str) -> None:
    """Streamlit serves the default page at / only; /home (Home's path before) is a hidden alias of it."""
    with serve_app() as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/{path}?lang=zh", wait_until="domcontentloaded")
        page.wait_for_function(
            "t => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === t)",
            arg=translate("app.title", "zh"), timeout=120_000,
        )
        wait_for_idle(page)
        assert page.locator('[role="dialog"]').count() == 0, page.locator('[role="dialog"]').all_inner_texts()
        assert page.locator('[data-testid="stSidebarNav"] a').count() == len(PAGE_IDS) + 1, "the alias is not listed"
        page.close()
