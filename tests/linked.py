"""Test helpers for shared links and downloads: open a page from a query string, catch what it offers to download."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

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
    data: bytes
    mimetype: str
    file_name: str | None


@contextmanager
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Download]]:
    """Every file a page hands to Streamlit's media storage (download buttons) while the block runs."""
    caught: list[Download] = []
    real = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes):
            caught.append(Download(path_or_data, mimetype, filename))
        return real(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    yield caught


def named(caught: list[Download], file_name: str) -> Download:
    """The last download offered under ``file_name``."""
    matches = [d for d in caught if d.file_name == file_name]
    assert matches, f"no download named {file_name}; offered: {[d.file_name for d in caught]}"
    return matches[-1]
