"""Real browser: the word2vec page shows neighbours and the map; an upload trains while the page polls."""
from pathlib import Path

import pytest

from core.i18n import translate
from tests.conftest import error_boxes, screenshot, wait_for_idle
from tests.page_links import (
    nudge,
    open_in_new_context,
    phone_and_desktop_screenshots,
    share_url,
    slider_value,
)

pytestmark = pytest.mark.browser

STORY = Path(__file__).resolve().parent.parent / "assets" / "text" / "word2vec_story_zh.txt"
MAP = '[data-testid="stPlotlyChart"] .main-svg'


@pytest.fixture(autouse=True)
def _home_first(open_page) -> None:
    """Open Home once: until some session has run Home.py's st.navigation, a fresh server runs a
    deep-linked page in Streamlit's legacy pages/ mode, without the app frame (no language)."""
    open_page("", "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_glove_neighbours_and_map(open_page, lang: str) -> None:
    page = open_page("word2vec", lang, wait_for=MAP)
    assert not error_boxes(page)
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2, "neighbours and analogy tables"
    assert page.locator("strong", has_text="queen").count() >= 1, "king − man + woman ≈ queen"
    assert page.locator(f'{MAP} .scatterlayer .point').count() > 10, "the map has points"
    assert translate("w2v.map", lang) in [h.inner_text().strip() for h in page.locator("h3").all()]
    screenshot(page, f"word2vec-glove-{lang}")
    page.locator(MAP).last.scroll_into_view_if_needed()
    screenshot(page, f"word2vec-map-{lang}")


def test_closed_tabs_and_theory_run_when_opened(open_page) -> None:
    """The evaluation tab and the theory are lazy: clicking them reruns the page and fills them in."""
    page = open_page("word2vec", "en", wait_for=MAP)
    assert page.locator('[data-testid="stMetric"]').count() == 0 and page.locator(".katex").count() == 0
    page.get_by_role("tab", name=translate("w2v.eval", "en")).click()
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=120_000)
    page.get_by_text(translate("ui.theory", "en")).click()
    page.locator(".katex").first.wait_for(timeout=60_000)
    wait_for_idle(page)
    assert not error_boxes(page)
    assert translate("w2v.eval.wordsim", "en") in page.locator('[data-testid="stMetric"]').all_inner_texts()[1]
    screenshot(page, "word2vec-evaluation-theory-en")


def test_uploaded_text_trains_in_the_background(open_page) -> None:
    page = open_page("word2vec", "zh", wait_for=MAP)
    page.get_by_text(translate("w2v.source.train", "zh")).click()
    page.wait_for_selector('[data-testid="stSelectbox"]')
    wait_for_idle(page)
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=translate("w2v.corpus.upload", "zh")).click()
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(STORY))
    page.get_by_text("小明 / 住 / 在 / 北京", exact=False).wait_for(timeout=120_000)
    wait_for_idle(page)
    page.get_by_role("button", name=translate("w2v.train", "zh")).click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=180_000)  # appears once trained
    page.locator(MAP).first.wait_for(timeout=60_000)
    wait_for_idle(page)
    assert not error_boxes(page)
    assert page.get_by_text("训练完成", exact=False).count() >= 1
    screenshot(page, "word2vec-trained-zh")


def test_a_shared_link_opens_the_same_view_elsewhere(open_page, browser) -> None:
    """Five neighbours and 3CosMul: the link carries both, the new reader gets the same answer."""
    page = open_page("word2vec", "en", wait_for=MAP)
    nudge(page, translate("w2v.topn", "en"), 5, "ArrowLeft")  # 10 -> 5
    page.get_by_text(translate("w2v.method.3cosmul", "en"), exact=True).first.click()
    wait_for_idle(page)
    url = share_url(page)
    assert "n=5" in url and "method=3cosmul" in url, url
    answer = page.locator('[data-testid="stMarkdownContainer"]', has=page.locator("strong")).filter(
        has_text="−").first.inner_text()
    other = open_in_new_context(browser, url, wait_for=MAP)
    assert not error_boxes(other), error_boxes(other)
    assert slider_value(other, translate("w2v.topn", "en")) == "5"
    assert other.get_by_role("radio", name=translate("w2v.method.3cosmul", "en")).is_checked()
    assert other.locator('[data-testid="stMarkdownContainer"]', has=other.locator("strong")).filter(
        has_text="−").first.inner_text() == answer
    other.context.close()
    phone_and_desktop_screenshots(browser, url.replace("lang=en", "lang=zh"), "word2vec-shared-zh", MAP)
