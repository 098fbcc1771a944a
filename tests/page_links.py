"""Test helpers for links and downloads: open a page from a query string, read what its download buttons serve,
and the same in a real browser (a shared link opened in a fresh context, at phone and desktop width)."""
from __future__ import annotations

import csv
import io
from typing import NamedTuple

from tests.conftest import run_page

# ---------------------------------------------------------------- through AppTest


def open_link(page_id: str, query: dict[str, str], timeout: float = 300, setup=None):
    """Run ``/<page_id>?<query>`` on a fresh session, as a link opened in a new browser would; returns the AppTest.

    The query carries the language (``lang``) like a shared link does; nothing is put in session state first.
    ``setup(at)`` may move widgets afterwards (the page is then run again).
    """
    return run_page(page_id, None, timeout, setup, query=query)


class Download(NamedTuple):
    data: bytes
    mimetype: str
    file_name: str | None


def download(at, key: str, served: dict) -> Download:
    """What the download button ``key`` of the last run serves when clicked (``served``: conftest's fixture)."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}"))
    make, mimetype, file_name = served[button.proto.deferred_file_id]
    return Download(make(), mimetype, file_name)


def named(served: dict, file_name: str) -> Download:
    """What the last download button offered under ``file_name`` serves when clicked."""
    matches = [(make, mime, name) for make, mime, name in served.values() if name == file_name]
    assert matches, f"no download named {file_name}; offered: {sorted({n for _, _, n in served.values()})}"
    make, mimetype, name = matches[-1]
    return Download(make(), mimetype, name)


def csv_rows(data: bytes) -> list[list[str]]:
    """A downloaded CSV (UTF-8 with BOM, as Excel likes it) as rows of cells."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


# ---------------------------------------------------------------- in a real browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}


def slider(page, label: str):
    """The thumb of the slider labelled ``label``."""
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider").first


def slider_value(page, label: str) -> str:
    """The value the slider labelled ``label`` shows on its thumb."""
    box = page.locator('[data-testid="stSlider"]').filter(has_text=label).first
    return box.locator('[data-testid="stSliderThumbValue"]').first.inner_text().strip()


def nudge(page, label: str, presses: int, key: str = "ArrowRight") -> None:
    """Move a slider ``presses`` steps with the keyboard, as a reader would, and wait for the rerun."""
    from tests.conftest import wait_for_idle

    thumb = slider(page, label)
    thumb.focus()
    for _ in range(presses):
        thumb.press(key)
    wait_for_idle(page)


def share_url(page, label: str | None = None) -> str:
    """Open the "Copy link to this view" popover (its button labelled ``label``, else in either language) and read
    the link it offers."""
    from core.i18n import translate

    button = (page.get_by_role("button", name=label) if label else
              page.get_by_role("button", name=translate("ui.share", "en")).or_(
                  page.get_by_role("button", name=translate("ui.share", "zh"))))
    button.first.click()
    code = page.locator('[data-testid="stPopoverBody"] code, [data-testid="stPopover"] code').first
    code.wait_for(timeout=30_000)
    url = code.inner_text().strip()
    page.keyboard.press("Escape")
    return url


def open_in_new_context(browser, url: str, wait_for: str = "h1", viewport: dict | None = None,
                        timeout_ms: int = 300_000):
    """``url`` in a fresh browser context (no cookies, no session: as a student opening a posted link), once its
    script run ended; close it with ``page.context.close()``."""
    from tests.conftest import wait_for_idle

    context = browser.new_context(viewport=viewport or DESKTOP)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(wait_for, timeout=timeout_ms)
    wait_for_idle(page, timeout_ms)
    return page


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


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
