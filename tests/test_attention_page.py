"""The attention page through the real app frame, in both languages, for each view and the notes."""
from __future__ import annotations

import json

import pytest
import torch

from core.i18n import translate
from tests.conftest import LANGS, assert_clean, run_page
from tests.page_links import csv_rows, download, open_link

VIEWS = ["heatmap", "head", "model", "positional", "by_hand"]


def _set(at, key: str, value: str) -> None:
    """Choose a radio option by its value (its label is translated through the session's language)."""
    at.session_state[key] = value


def _charts(at) -> int:
    return len(at.get("plotly_chart"))


@pytest.mark.parametrize("lang", LANGS)
def test_default_page_shows_a_heatmap(lang: str) -> None:
    at = run_page("attention", lang)
    assert_clean(at)
    assert _charts(at) == 1
    assert any(translate("att.title.head", lang, layer=4, head=2) in m.value for m in at.markdown)
    assert not at.warning and not at.info, "the English sample needs no note"


@pytest.mark.parametrize("view", VIEWS[1:])
def test_every_view_renders(view: str) -> None:
    at = run_page("attention", "zh", setup=lambda at: _set(at, "att_view", view))
    assert_clean(at)
    assert _charts(at) >= 1


@pytest.mark.parametrize("mode", ["mean", "rollout"])
def test_mean_and_rollout_with_merged_words(mode: str) -> None:
    def setup(at) -> None:
        _set(at, "att_mode", mode)
        at.toggle(key="att_merge_words").set_value(True)
        at.toggle(key="att_hide_special").set_value(False)
        at.slider(key="att_threshold").set_value(0.1)

    at = run_page("attention", "en", setup=setup)
    assert_clean(at)
    title = translate(f"att.title.{mode}", "en", layer=4, heads=12)
    assert any(title in m.value for m in at.markdown)


def test_600_tokens_give_a_window_note_and_selector() -> None:
    def setup(at) -> None:
        at.text_area(key="att_text").set_value(" ".join(["word"] * 600))

    at = run_page("attention", "en", setup=setup)
    assert_clean(at)
    assert any("600 tokens" in i.value for i in at.info)
    selector = at.selectbox(key="att_window")
    assert len(selector.options) == 2
    selector.set_value(1).run()
    assert_clean(at)
    assert _charts(at) == 1


def test_chinese_input_gives_the_unk_note_with_tokens() -> None:
    chinese = "我们今天学习注意力机制。"
    at = run_page("attention", "zh", setup=lambda at: at.text_area(key="att_text").set_value(chinese))
    assert_clean(at)
    assert any("[UNK]" in w.value for w in at.warning)
    assert any("[UNK]" in c.value for c in at.code)


def test_empty_text_is_a_clear_message() -> None:
    at = run_page("attention", "en", setup=lambda at: at.text_area(key="att_text").set_value("   "))
    assert not at.exception
    assert [e.value for e in at.error] == [translate("err.text_empty", "en")]


SENTENCE = "The cat sat on the mat because it was warm."
LINK = {"text": SENTENCE, "layer": "2", "head": "7", "min": "0.05", "words": "1"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_restores_text_layer_head_and_the_map(lang: str, served) -> None:
    at = open_link("attention", {**LINK, "lang": lang})
    assert_clean(at)
    assert at.title[0].value == translate("page.attention", lang), "the link opens in its language"
    assert at.text_area(key="att_text").value == SENTENCE
    assert (at.slider(key="att_layer").value, at.slider(key="att_head").value) == (2, 7)
    assert at.slider(key="att_threshold").value == 0.05 and at.toggle(key="att_merge_words").value
    assert any(translate("att.title.head", lang, layer=2, head=7) in m.value for m in at.markdown)
    linked, mime, name = download(at, "att_weights_csv", served)
    assert (mime, name) == ("text/csv", "attention_head_layer2_head7.csv")

    def by_hand(at) -> None:
        at.text_area(key="att_text").set_value(SENTENCE)
        at.slider(key="att_layer").set_value(2)
        at.slider(key="att_head").set_value(7)
        at.slider(key="att_threshold").set_value(0.05)
        at.toggle(key="att_merge_words").set_value(True)

    moved = run_page("attention", lang, setup=by_hand)
    assert download(moved, "att_weights_csv", served)[0] == linked, "the same weights as the session that made it"
    assert {k: v for k, v in moved.query_params.items() if k != "lang"} == LINK, "moved widgets write the link"


def test_the_weights_csv_is_the_shown_map(served) -> None:
    from core.attention.extract import attend, encode
    from core.attention.model import load_minilm
    from core.attention.views import pick, tidy

    at = open_link("attention", {"text": SENTENCE, "layer": "3", "head": "5"})
    rows = csv_rows(download(at, "att_weights_csv", served)[0])
    minilm = load_minilm()
    view = tidy(attend(minilm, encode(minilm, SENTENCE)), hide_special=True, merge_words=False)
    expected = pick(view, "head", 2, 4)  # (N, N), 0-based layer and head
    assert rows[0][1:] == [f"{label} ({i + 1})" for i, label in enumerate(view.labels)]
    assert [row[0] for row in rows[1:]] == rows[0][1:], "rows attend to columns"
    got = torch.tensor([[float(cell) for cell in row[1:]] for row in rows[1:]])
    torch.testing.assert_close(got, expected)
    torch.testing.assert_close(got.sum(1), torch.ones(len(view.labels)), atol=0.02, rtol=0)  # specials hidden


def test_bad_link_values_are_ignored() -> None:
    at = open_link("attention", {"layer": "9", "head": "x", "view": "sideways", "window": "3", "dim": "100"})
    assert_clean(at)
    assert (at.slider(key="att_layer").value, at.slider(key="att_head").value) == (4, 2)
    assert at.radio(key="att_view").value == "heatmap"


def test_a_link_to_the_head_view_restores_token_and_heads() -> None:
    at = open_link("attention", {"view": "head", "heads": "2~5", "token": "3", "lang": "zh"})
    assert_clean(at)
    assert list(at.multiselect(key="att_heads").value) == ["2", "5"] and at.selectbox(key="att_token").value == 3
    head_name = translate("att.head", "zh")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    legend = {trace["name"] for trace in spec["data"] if trace.get("showlegend", True) and trace.get("name")}
    assert legend == {f"{head_name} 2", f"{head_name} 5"}, "only the linked heads are drawn"
    at.multiselect(key="att_heads").set_value(["1", "12"]).run()
    assert at.query_params["heads"] == "1~12"
