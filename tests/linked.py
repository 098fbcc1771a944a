"""Test helpers for shared links and downloads: open a page from a query string, catch what it offers to download."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from tests.conftest import ROOT


def run_linked(page_id: str, lang: str, query: dict[str, str], timeout: float = 300):
    """Open ``/<page_id>?<query>&lang=<lang>`` as a fresh session would: the link's query is there before the first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=timeout)
    at.query_params.update({**query, "lang": lang})
    at.run()
    at.switch_page(f"pages/{page_id}.py").run()
    return at


@dataclass(frozen=True)
class Download:
    make: Callable[[], bytes]  # what Streamlit calls when the reader clicks the button
    mimetype: str
    file_name: str | None

    @property
    def data(self) -> bytes:
        return self.make()


@contextmanager
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Download]]:
    """Every download a page offers (deferred download buttons) while the block runs."""
    caught: list[Download] = []
    real = MediaFileManager.add_deferred

    def record(self, make, mimetype, coordinates, file_name=None, **kwargs):
        caught.append(Download(make, mimetype, file_name))
        return real(self, make, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    yield caught


def named(caught: list[Download], file_name: str) -> Download:
    """The last download offered under ``file_name``."""
    matches = [d for d in caught if d.file_name == file_name]
    assert matches, f"no download named {file_name}; offered: {[d.file_name for d in caught]}"
    return matches[-1]


# ---------------------------------------------------------------- real browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}


def open_in_new_context(browser, url: str, wait_for: str = "h1", viewport: dict | None = None,
                        timeout_ms: int = 300_000):
    """``url`` in a fresh browser context (no cookies, no session: as a student opening a posted link)."""
    from tests.conftest import wait_for_idle

    context = browser.new_context(viewport=viewport or DESKTOP)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(wait_for, timeout=timeout_ms)
    wait_for_idle(page, timeout_ms)
    return page


def share_url(page) -> str:
    """The link in the page's "Copy link to this view" box."""
    from core.i18n import translate

    page.get_by_role("button", name=translate("ui.share", "en")).or_(
        page.get_by_role("button", name=translate("ui.share", "zh"))).first.click()
    code = page.locator('[data-testid="stPopoverBody"] code').first
    code.wait_for(timeout=30_000)
    url = code.inner_text().strip()
    page.keyboard.press("Escape")
    return url


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def slider_value(page, label: str) -> str:
    """The value a slider shows next to its thumb, found by its label."""
    slider = page.locator('[data-testid="stSlider"]', has_text=label).first
    return slider.locator('[data-testid="stSliderThumbValue"]').first.inner_text().strip()


def press_on_slider(page, label: str, key: str, times: int = 1) -> None:
    """Move a slider with the keyboard (each press one step), then wait for the rerun."""
    from tests.conftest import wait_for_idle

    thumb = page.locator('[data-testid="stSlider"]', has_text=label).first.get_by_role("slider").first
    thumb.focus()
    for _ in range(times):
        thumb.press(key)
    wait_for_idle(page)


def image_checksum(page, caption: str | None = None) -> int:
    """A sum over the RGBA pixels of the shown image (the one whose caption is ``caption``, else the first)."""
    images = page.locator('[data-testid="stImage"]')
    image = (images.filter(has_text=caption) if caption else images).first.locator("img")
    image.wait_for(timeout=120_000)
    return image.evaluate("""img => { const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, c.width, c.height).data.reduce((a, b) => a + b, 0); }""")


def phone_and_desktop_screenshots(browser, url: str, name: str, wait_for: str) -> None:
    """The shared view at phone width (390 × 844: no horizontal page scroll) and on a desktop, saved to look at."""
    from tests.conftest import error_boxes, screenshot

    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = open_in_new_context(browser, url, wait_for=wait_for, viewport=viewport)
        assert not error_boxes(page), error_boxes(page)
        if label == "phone":
            assert horizontal_overflow(page) <= 0, f"{name}: the page scrolls sideways on a phone"
            # The app scrolls inside its main block: a window as tall as that block shows all of it.
            height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": PHONE["width"], "height": min(int(height), 8000)})
            page.wait_for_timeout(500)
            assert horizontal_overflow(page) <= 0, f"{name}: the page scrolls sideways on a phone"
        screenshot(page, f"{name}-{label}")
        page.context.close()
