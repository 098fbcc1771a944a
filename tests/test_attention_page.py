"""The attention page through the real app frame, in both languages, for each view and the notes."""
from __future__ import annotations

import pytest

from core.i18n import translate
from tests.conftest import LANGS, assert_clean, run_page

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
