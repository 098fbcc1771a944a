"""AppTest of the recurrent networks page in both languages: train in the background, sample, look inside the
memory, the unrolled step, the gradient study, settings restored from a link, and bad input."""
from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import translate
from core.rnn import corpora
from tests.conftest import LANGS, ROOT, assert_clean, run_page

pytestmark = pytest.mark.usefixtures("one_torch_thread")
SMALL = {"steps": "10", "hidden": "16", "seq": "16"}  # a link with tiny settings: seconds to train


def _open(lang: str, query: dict[str, str]) -> AppTest:
    """The page through Home.py, opened from a link carrying ``query``."""
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=120)
    at.session_state["lang"] = lang
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    return at.switch_page("pages/rnn.py").run()


def _wait(at: AppTest, done, seconds: float = 240) -> AppTest:
    deadline = time.monotonic() + seconds
    while not done(at) and time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()
    assert done(at), "the background job did not finish in time"
    return at


def _trained(at: AppTest) -> bool:
    return any(r.key == "rnn_cell" for r in at.radio)


def _texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def _tab(at: AppTest, lang: str, tab: str) -> AppTest:
    at.session_state["rnn_tab"] = translate(f"rnn.tab.{tab}", lang)
    return at.run()


@pytest.mark.parametrize("lang", LANGS)
def test_page_before_training(lang: str) -> None:
    at = run_page("rnn", lang)
    assert_clean(at)
    assert at.title[0].value == translate("page.rnn", lang)
    assert at.button(key="rnn_train").label == translate("rnn.train", lang)
    assert translate("rnn.not_trained", lang) in _texts(at.info)
    assert not at.latex, "the theory is closed"
    at.session_state["rnn_theory"] = True
    assert len(at.run().latex) >= 4


@pytest.mark.parametrize("lang", LANGS)
def test_train_sample_memory_unrolled(lang: str) -> None:
    """English first trains; Chinese then finds the same (corpus, settings) trained server-wide."""
    at = _open(lang, SMALL)
    if lang == "en":
        at.button(key="rnn_train").click().run()
    _wait(at, _trained)
    assert_clean(at)
    assert [r.value for r in at.radio if r.key == "rnn_cell"] == ["lstm"]
    generated = at.get("code")[-1].value
    assert generated.startswith(at.text_input(key="rnn_prime_en").value) and len(generated) > 200
    assert len(at.get("plotly_chart")) == 3, "loss, gradient norm, the next-character distribution"

    at = _tab(at, lang, "memory")
    assert_clean(at)
    assert "<span" in at.get("html")[0].proto.body
    at.radio(key="rnn_series").set_value("f").run()
    at.slider(key="rnn_rank").set_value(3).run()
    assert_clean(at)
    assert translate("rnn.series.f", lang) in _texts(at.markdown)
    assert len(at.get("plotly_chart")) == 5, "loss, gradient norm, unit tracks, heatmap, variance"

    at = _tab(at, lang, "unrolled")
    at.slider(key="rnn_pos").set_value(5).run()
    assert_clean(at)
    assert at.get("graphviz_chart") and at.latex
    table = at.dataframe[0].value
    assert {"h_t", "c_t", "i", "f", "g", "o"} <= set(table.columns) and len(table) == 6


def test_settings_come_back_from_a_link_and_go_into_it() -> None:
    at = _open("zh", {"hidden": "32", "cells": "gru~lstm", "steps": "50", "temp": "1.3", "clip": "0.25"})
    assert_clean(at)
    assert at.select_slider(key="rnn_hidden").value == 32 and at.select_slider(key="rnn_clip").value == 0.25
    assert at.session_state["rnn_cells"] == ("gru", "lstm") and at.session_state["rnn_temp"] == 1.3
    at.select_slider(key="rnn_seq").set_value(32).run()
    assert at.query_params["seq"] == "32" and at.query_params["hidden"] == "32"
    assert "layers" not in at.query_params, "defaults stay out of the link"


def test_gradient_study_runs_and_reports_distance_30() -> None:
    at = _open("en", {**SMALL, "steps": "5"})
    at = _tab(at, "en", "gradients")
    at.button(key="rnn_grad_run").click().run()
    _wait(at, lambda at: bool(at.get("plotly_chart")))
    assert_clean(at)
    assert "At distance 30" in _texts(at.markdown)


@pytest.mark.parametrize(("lang", "typed", "key"), [
    ("zh", "短短的一句话。", "rnn.err.too_short"),
    ("en", "   ", "err.text_empty"),
])
def test_bad_own_text_gets_a_translated_message(lang: str, typed: str, key: str) -> None:
    at = _open(lang, {"corpus": "own"})
    assert translate("rnn.own_hint", lang) in _texts(at.info)
    at.text_area(key="rnn_own_text").set_value(typed).run()
    if typed.strip():  # the length is checked when training starts
        at.button(key="rnn_train").click().run()
    _wait(at, lambda at: bool(at.error), 60)
    message = translate(key, lang, chars=len(typed.strip()), needed=130, seq=64)
    assert message in _texts(at.error) and not at.exception


def test_own_typed_text_trains_and_samples_its_characters() -> None:
    text = corpora.english()[:4000]
    at = _open("en", {**SMALL, "corpus": "own", "cells": "gru"})
    at.text_area(key="rnn_own_text").set_value(text).run()
    at.button(key="rnn_train").click().run()
    _wait(at, _trained)
    assert_clean(at)
    generated = at.get("code")[-1].value
    assert generated.startswith(text[:12]) and set(generated) <= set(text)


def test_binary_upload_gets_a_translated_message() -> None:
    at = _open("zh", {"corpus": "own"})
    at.file_uploader(key="rnn_upload").set_value(("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain")).run()
    assert translate("err.text_binary", "zh") in _texts(at.error) and not at.exception


def test_unseen_prime_gets_a_translated_message() -> None:
    at = _open("zh", SMALL)
    _wait(at, _trained)  # trained by the English test, or train now
    at.text_input(key="rnn_prime_en").set_value("€€").run()
    assert translate("rnn.err.unseen_chars", "zh", chars="€") in _texts(at.error) and not at.exception
