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
def served(monkeypatch) -> Iterator[dict[str, tuple[bytes, str, str | None]]]:
    """Every file the app hands to Streamlit's media storage: file id -> (bytes, mime type, file name)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: dict[str, tuple[bytes, str, str | None]] = {}
    store = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = store(self, path_or_data, mimetype, kind, filename)
        files[file_id] = (path_or_data, mimetype, filename)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    yield files


def download(at, key: str, served: dict) -> tuple[bytes, str, str | None]:
    """(bytes, mime type, file name) behind the download button ``key`` of the last run."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}"))
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return served[file_id]


def csv_rows(data: bytes) -> list[list[str]]:
    """A downloaded CSV (UTF-8 with BOM, as Excel likes it) as rows of cells."""
    import csv
    import io

    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
