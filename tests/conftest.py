"""Shared test fixtures: paths, an AppTest runner for pages, and a real app server + Chromium."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pages.catalog import PAGES

import core  # noqa: F401  first: core/device.py sets the OpenMP variables before any test module loads torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from st_client import free_port, serve, stop  # noqa: E402  the one way tests, benchmarks and deploy/local.py start a server

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PAGE_IDS = [page_id for pages in PAGES.values() for page_id, _ in pages]  # every page, in menu order
LANGS = ["en", "zh"]

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="module")
def one_torch_thread() -> Iterator[None]:
    """Small tensors: on a busy 2-core machine a second OpenMP thread made each step 30x slower (measured).

    Use with ``pytestmark = pytest.mark.usefixtures("one_torch_thread")``.
    """
    import torch

    from core.device import configure_threads

    configure_threads()  # the app sets its thread count once; override it for this module only
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


# ---------------------------------------------------------------- AppTest


def run_page(page_id: str, lang: str | None, timeout: float = 120, setup: Callable | None = None,
             query: dict[str, str] | None = None):
    """Run ``pages/<page_id>.py`` through the real ``Home.py`` frame in ``lang``; returns the AppTest.

    ``setup(at)`` may set widget values after the first run; the page is then run again.
    ``query``: the page's link (``?a=1&lang=zh``), there before the first run, as in a browser opening it;
    with ``lang=None`` the language comes from the link too.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=timeout)
    at.query_params.update(query or {})
    if lang is not None:
        at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"pages/{page_id}.py").run()
    if setup is not None:
        setup(at)
        at.run()
    return at


def assert_clean(at) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# ---------------------------------------------------------------- real browser


def _browser_available() -> str | None:
    """None when a browser test can run, else the reason it cannot."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (Debian package 'chromium'; `make test` installs it on Debian)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@contextmanager
def serve_app() -> Iterator[str]:
    """Run ``streamlit run Home.py`` on a free loopback port; yields its base URL."""
    reason = _browser_available()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(reason)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with open(SCREENSHOTS / f"server-{port}.log", "wb") as log:
        try:
            server, url = serve(port=port, log=log)
        except RuntimeError as error:
            pytest.fail(str(error))
        try:
            yield url
        finally:
            stop(server)


@pytest.fixture(scope="module")
def app_server() -> Iterator[tuple[str, int]]:
    """``streamlit run Home.py`` as ``make run`` serves it (no browser needed); yields (base URL, server pid)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with open(SCREENSHOTS / "app-server.log", "wb") as log:
        server, base = serve(log=log)
        try:
            yield base, server.pid
        finally:
            stop(server)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """One app server for the whole test session."""
    with serve_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser(app_url: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, app_url: str):
    """``open_page(path, lang)`` loads ``/<path>?lang=<lang>``, waits for the script run to end, returns the page."""
    contexts = []

    def _open(path: str, lang: str = "en", wait_for: str = "h1", timeout_ms: int = 120_000):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{app_url}/{path}?lang={lang}", wait_until="domcontentloaded")
        page.wait_for_selector(wait_for, timeout=timeout_ms)
        wait_for_idle(page, timeout_ms)
        return page

    yield _open
    for context in contexts:
        context.close()


def wait_for_idle(page, timeout_ms: int = 120_000) -> None:
    """Wait until Streamlit's "running" indicator has been gone for a moment."""
    deadline = time.monotonic() + timeout_ms / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.0:
            return
        page.wait_for_timeout(200)
    raise AssertionError("the page kept running past the timeout")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, timeout=120_000)
    return path


def error_boxes(page) -> list[str]:
    """Texts of error alerts and exceptions shown on the page."""
    selectors = '[data-testid="stException"], [data-testid="stAlertContentError"]'
    return [el.inner_text() for el in page.locator(selectors).all()]


@pytest.fixture
def served(monkeypatch) -> Iterator[dict[str, tuple[Callable[[], bytes], str, str | None]]]:
    """Every download button's deferred file: file id -> (make, mime type, file name). ``download`` and
    ``named`` call ``make`` as Streamlit does when the reader clicks."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict[str, tuple[Callable[[], bytes], str, str | None]] = {}
    register = MediaFileManager.add_deferred

    def recording(self, make, mimetype, coordinates, file_name=None, **kwargs):
        file_id = register(self, make, mimetype, coordinates, file_name, **kwargs)
        files[file_id] = (make, mimetype, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    yield files


@pytest.fixture(scope="session")
def vgg_net():
    """The style pages' VGG feature network, loaded once for every test that needs it."""
    from core.style.vgg import load_feature_net

    return load_feature_net()


@pytest.fixture(scope="session")
def style_photos():
    """(content, style) photos for the style-transfer tests."""
    from PIL import Image

    return (Image.open(ASSETS / "images" / "coffee.png").convert("RGB"),
            Image.open(ASSETS / "images" / "rocket.jpg").convert("RGB"))
