"""Work on a reader's own upload stays in their session; work on a sample serves every session.

``pages/ui.py: input_cache`` keeps results made from an upload in the uploader's session state
(dropped when the session closes), never in the caches every session shares. Shown with real
forward passes of the detector, counted: a second session with the very same bytes runs the
network again, while the same session moving a slider does not, and a sample is computed once.
"""
from __future__ import annotations

import pytest

from core.detection.darknet import Darknet
from tests.conftest import assert_clean, run_page
from tests.test_detection_apptest import fresh_motorcycle, upload


@pytest.fixture
def forward_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The input side of every real forward pass of any Darknet model during the test."""
    sizes: list[int] = []
    real = Darknet.forward

    def counting(self, x):
        sizes.append(x.shape[-1])
        return real(self, x)

    monkeypatch.setattr(Darknet, "forward", counting)
    return sizes


def test_an_uploads_result_is_kept_in_its_session_only(forward_sizes: list[int]) -> None:
    data = fresh_motorcycle(4242)
    first = run_page("detection", "en")
    forward_sizes.clear()
    upload(first, data)
    assert_clean(first)
    assert forward_sizes == [416]
    first.slider(key="det_conf").set_value(0.05).run()
    assert forward_sizes == [416], "the same session reuses its own result"

    second = run_page("detection", "en")
    upload(second, data)
    assert_clean(second)
    assert forward_sizes == [416, 416], "another session never gets a result made from someone's upload"


def test_a_samples_result_is_computed_once_for_every_session(forward_sizes: list[int]) -> None:
    size = 576  # no other test asks for this input size
    run_page("detection", "en", setup=lambda at: at.session_state.__setitem__("det_size", size))
    assert forward_sizes.count(size) == 1
    other = run_page("detection", "en", setup=lambda at: at.session_state.__setitem__("det_size", size))
    assert_clean(other)
    assert forward_sizes.count(size) == 1, "a sample's result is shared by all sessions"
