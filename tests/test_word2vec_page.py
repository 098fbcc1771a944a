"""AppTest of the word2vec page in both languages: GloVe explorer, OOV messages, upload → train, bad uploads."""
import io
import time
from pathlib import Path

import pandas as pd
import pytest

from core.i18n import translate
from tests.conftest import LANGS, assert_clean, run_page
from tests.page_links import named, open_link

STORY = (Path(__file__).resolve().parent.parent / "assets" / "text" / "word2vec_story_zh.txt").read_bytes()


def _texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


@pytest.mark.parametrize("lang", LANGS)
def test_glove_neighbours_analogy_and_map(lang: str) -> None:
    at = run_page("word2vec", lang)
    assert_clean(at)
    neighbours = at.dataframe[0].value
    assert "queen" in neighbours.iloc[:, 0].tolist()
    assert "**queen**" in _texts(at.markdown)
    assert len(at.get("plotly_chart")) == 1, "the map is drawn"
    assert translate("w2v.map", lang) in _texts(at.subheader)


@pytest.mark.parametrize("lang", LANGS)
def test_lazy_tabs_and_theory_run_only_when_open(lang: str) -> None:
    """Only the open tab and an open theory run; opening them shows their content."""
    at = run_page("word2vec", lang)
    assert len(at.dataframe) == 3, "neighbours, analogy and the odd one out (the first tab)"
    assert not at.metric and not at.latex, "evaluation and theory not run while closed"

    def open_evaluation_and_theory(at) -> None:
        at.session_state["w2v_tab"] = translate("w2v.eval", lang)
        at.session_state["w2v_theory"] = True

    at = run_page("word2vec", lang, setup=open_evaluation_and_theory)
    assert_clean(at)
    assert len(at.dataframe) == 2, "the odd-one-out tab is closed now"
    assert [m.label for m in at.metric] == [translate("w2v.eval.analogy_en", lang), translate("w2v.eval.wordsim", lang)]
    assert at.metric[0].value.endswith("%") and float(at.metric[1].value) > 0.4, "GloVe's scores"
    assert len(at.latex) >= 5, "the theory's formulas"


def test_unknown_word_warns_with_close_spellings() -> None:
    at = run_page("word2vec", "en", setup=lambda at: at.text_input(key="w2v_word_glove").set_value("kingg"))
    assert not at.exception
    assert "king, kings" in _texts(at.warning)
    assert "**queen**" in _texts(at.markdown), "the rest of the page still works"


def test_map_in_3d_with_tsne() -> None:
    def setup(at):
        at.radio(key="w2v_map_dims").set_value(3)
        at.radio(key="w2v_map_method").set_value("tsne")

    at = run_page("word2vec", "zh", setup=setup)
    assert_clean(at)
    assert len(at.get("plotly_chart")) == 1


def _upload(lang: str, data: bytes, name: str = "text.txt"):
    at = run_page("word2vec", lang, setup=lambda at: at.radio(key="w2v_source").set_value("train"))
    at.selectbox(key="w2v_corpus").set_value("upload").run()
    at.file_uploader(key="w2v_upload").set_value((name, data, "text/plain")).run()
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_uploaded_chinese_text_is_segmented_and_trains(lang: str) -> None:
    at = _upload(lang, STORY)
    assert_clean(at)
    assert "小明 / 住 / 在 / 北京" in _texts(at.caption), "the segmentation is shown"
    at.button(key="w2v_train").click().run()
    deadline = time.monotonic() + 180
    while not at.dataframe and time.monotonic() < deadline:
        time.sleep(1)
        at.run()
    assert_clean(at)
    assert at.dataframe, "the explorer appears once the model is trained"
    assert len(at.get("plotly_chart")) >= 2, "loss curve and map"


@pytest.mark.parametrize(("data", "key"), [(b"", "err.text_empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "err.text_binary")])
@pytest.mark.parametrize("lang", LANGS)
def test_empty_or_binary_upload_gets_a_clear_message(lang: str, data: bytes, key: str) -> None:
    at = _upload(lang, data)
    assert not at.exception
    assert [e.value for e in at.error] == [translate(key, lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_link_restores_the_view(lang: str, served: dict) -> None:
    """Words, table size, analogy method and map settings come from the link, in either language."""
    query = {"word": "paris", "n": "5", "method": "3cosmul", "a": "berlin", "b": "germany", "c": "france", "d": "3"}
    at = open_link("word2vec", {**query, "lang": lang})
    assert_clean(at)
    assert at.text_input(key="w2v_word_glove").value == "paris" and at.slider(key="w2v_topn").value == 5
    assert at.radio(key="w2v_method").value == "3cosmul" and at.radio(key="w2v_map_dims").value == 3
    neighbours, analogy = at.dataframe[0].value, at.dataframe[1].value
    assert len(neighbours) == 5 and "france" in neighbours.iloc[:, 0].tolist()
    assert analogy.iloc[0, 0] == "paris", "berlin − germany + france ≈ paris"
    assert {k: at.query_params[k] for k in query} == query, "the link stays as opened"
    table = pd.read_csv(io.BytesIO(named(served, "neighbours.csv").data), encoding="utf-8-sig")
    assert named(served, "neighbours.csv").mimetype == "text/csv"
    assert table.iloc[:, 0].tolist() == neighbours.iloc[:, 0].tolist()
    assert table.iloc[:, 1].round(6).tolist() == neighbours.iloc[:, 1].round(6).tolist()
    assert pd.read_csv(io.BytesIO(named(served, "analogy.csv").data), encoding="utf-8-sig").iloc[0, 0] == "paris"


def test_bad_values_in_a_link_are_ignored() -> None:
    at = open_link("word2vec", {"n": "999", "method": "nonsense", "word": "x" * 500, "zzz": "1", "lang": "en"})
    assert_clean(at)
    assert at.slider(key="w2v_topn").value == 10 and at.radio(key="w2v_method").value == "3cosadd"
    assert at.text_input(key="w2v_word_glove").value == "king"
    assert "n" not in at.query_params and "method" not in at.query_params


def test_moving_a_widget_writes_the_link() -> None:
    at = run_page("word2vec", "en", setup=lambda at: at.slider(key="w2v_topn").set_value(7))
    assert at.query_params["n"] == "7"
    at.radio(key="w2v_source").set_value("train").run()
    assert at.query_params["src"] == "train" and at.query_params["n"] == "7"
