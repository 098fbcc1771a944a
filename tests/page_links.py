"""Test helpers for links and downloads: open a page from a query string, read what a download button serves."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import ROOT


def open_link(page_id: str, query: dict[str, str], timeout: float = 120, setup=None):
    """Run ``/<page_id>?<query>`` on a fresh session, as a link opened in a new browser would; returns the AppTest.

    The query carries the language (``lang``) like a shared link does; nothing is put in session state first.
    ``setup(at)`` may move widgets afterwards (the page is then run again).
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=timeout)
    at.query_params.update(query)
    at.run()
    at.switch_page(f"pages/{page_id}.py").run()
    if setup is not None:
        setup(at)
        at.run()
    return at


@pytest.fixture
def served(monkeypatch) -> Iterator[dict[str, tuple]]:
    """Every download button's deferred file: file id -> (make, mime type, file name); ``download`` calls ``make``
    as Streamlit does when the reader clicks."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict[str, tuple] = {}
    register = MediaFileManager.add_deferred

    def recording(self, make, mimetype, coordinates, file_name=None, **kwargs):
        file_id = register(self, make, mimetype, coordinates, file_name, **kwargs)
        files[file_id] = (make, mimetype, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    yield files


def download(at, key: str, served: dict) -> tuple[bytes, str, str | None]:
    """(bytes, mime type, file name) that the download button ``key`` of the last run serves when clicked."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}"))
    make, mimetype, file_name = served[button.proto.deferred_file_id]
    return make(), mimetype, file_name


def csv_rows(data: bytes) -> list[list[str]]:
    """A downloaded CSV (UTF-8 with BOM, as Excel likes it) as rows of cells."""
    import csv
    import io

    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


# ---------------------------------------------------------------- in a real browser

PHONE = {"width": 390, "height": 844}


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


def share_url(page, label: str) -> str:
    """Open the "Copy link to this view" popover and read the link it offers."""
    page.get_by_role("button", name=label).first.click()
    code = page.locator('[data-testid="stPopoverBody"] code, [data-testid="stPopover"] code').first
    code.wait_for(timeout=30_000)
    url = code.inner_text().strip()
    page.keyboard.press("Escape")
    return url


def open_in_new_context(browser, url: str, wait_for: str, viewport: dict | None = None):
    """``url`` in a fresh browser context (no cookies, no session), after its script run ends; (context, page)."""
    from tests.conftest import wait_for_idle

    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(wait_for, timeout=180_000)
    wait_for_idle(page, 180_000)
    return context, page


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
