"""word2vec neighbours: train CBOW / skip-gram live (English, Chinese, your own text) or take GloVe, then explore.

Training runs in a background job shared by every session (core.word2vec.jobs); lookups and maps are
cached per space, and only what is visible runs: the closed tabs and the closed theory do not.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from gensim.models import KeyedVectors

from core.errors import UserError
from core.word2vec import corpora, evaluate, explore, figures, projection
from core.word2vec.glove import GLOVE_WORDS, load_glove
from core.word2vec.share import PARAMS
from core.word2vec.space import Examples, Space, examples_for, glove_space
from core.word2vec.space import scores as space_scores
from core.word2vec.theory import THEORY
from core.word2vec.train import TrainSettings
from pages.ui import chart, download_csv, lang, option_labels, page_title, share_link, tr, url_state, user_errors
from pages.word2vec_training import settings_controls, training_space, upload_controls

# Spinners come with the caches: an st.spinner around a cache hit would still send a message per rerun.


@st.cache_resource(show_spinner=tr("w2v.loading_glove"))
def glove() -> KeyedVectors:
    return load_glove()


@st.cache_data(max_entries=256, show_spinner=False)
def ranked(space_id: str, question: str, args: tuple, _vectors: KeyedVectors) -> explore.Scored:
    """``explore.neighbours`` or ``explore.analogy`` on a space, once per server and question."""
    return getattr(explore, question)(_vectors, *args)


@st.cache_resource(max_entries=64, show_spinner=tr("w2v.map.projecting"))
def map_figure(space_id: str, seeds: tuple[str, ...], frequent: int, method: str, dims: int, restrict: int | None,
               query: str | None, analogy: figures.Analogy | None, _vectors: KeyedVectors) -> go.Figure | None:
    """The map once per input (None: too few words); a resource, as an unpickled figure is validated again."""
    words, coords = projection.map_points(_vectors, list(seeds), frequent, method, dims, restrict)
    if not len(coords):
        return None
    return figures.word_map(words, coords, query, analogy).update_layout(template="none")


@st.cache_data(max_entries=16, show_spinner=False)
def scores(space_id: str, _space: Space) -> tuple[evaluate.AnalogyScore, evaluate.SimilarityScore | None]:
    return space_scores(_space)


@dataclass(frozen=True)
class Params:
    source: str  # "glove" or "train"
    restrict: int
    corpus: str
    upload: bytes | None  # the reader's text when corpus == "upload"
    settings: TrainSettings


def controls() -> Params | None:
    """The space to explore and, for training, the corpus and settings; None while an upload is awaited."""
    source = st.radio(tr("w2v.source"), ["glove", "train"], format_func=option_labels("w2v.source."),
                      horizontal=True, key="w2v_source")
    if source == "glove":
        restrict = st.slider(tr("w2v.restrict"), 5_000, GLOVE_WORDS, step=5_000, key="w2v_restrict",
                             help=tr("w2v.restrict_help"))
        return Params(source, restrict, "", None, TrainSettings())
    corpus = st.selectbox(tr("w2v.corpus"), corpora.CORPORA, format_func=option_labels("w2v.corpus."),
                          key="w2v_corpus")
    data = upload_controls() if corpus == "upload" else None
    if corpus == "upload" and data is None:
        return None
    return Params(source, 0, corpus, data, settings_controls(corpus))


def compute(params: Params) -> Space | None:
    """GloVe, or the space trained with these settings; None while it is not ready."""
    if params.source == "glove":
        with user_errors():
            return glove_space(glove(), params.restrict)
    return training_space(params.corpus, params.upload, params.settings)


def attempt(fn, *args, **kwargs):
    """Run a lookup; a UserError (unknown word…) shows in place, the rest of the page stays."""
    try:
        return fn(*args, **kwargs)
    except UserError as error:
        st.warning(error.message(lang()))
        return None


def word_input(label: str, key: str, example: str, container=st) -> str:
    """A typed word; a known space's words come from the link (``url_state``), an upload's from its text."""
    st.session_state.setdefault(key, example)
    return container.text_input(label, key=key)


def scored_table(rows: explore.Scored, score_label: str, file_name: str) -> None:
    """Words and scores as bars (an Arrow table goes to the browser as is), and the same rows as CSV."""
    columns = {tr("w2v.col.word"): [w for w, _ in rows], score_label: [s for _, s in rows]}
    st.dataframe(pa.table(columns), hide_index=True, width="stretch",
                 column_config={score_label: st.column_config.ProgressColumn(score_label, format="%.3f",
                                                                             min_value=0.0, max_value=1.0)})
    download_csv(columns, file_name, key=f"w2v_csv_{file_name}")


def neighbours_panel(space: Space, ex: Examples) -> str | None:
    """Returns the query word as its vocabulary key (None if unknown)."""
    st.subheader(tr("w2v.neighbours"))
    word = word_input(tr("w2v.word"), f"w2v_word_{space.kind}", ex.word)
    topn = st.slider(tr("w2v.topn"), 3, 30, key="w2v_topn")
    if (rows := attempt(ranked, space.id, "neighbours", (word, topn, space.restrict), space.vectors)) is None:
        return None
    scored_table(rows, tr("w2v.col.cosine"), "neighbours.csv")
    return explore.lookup(space.vectors, word)


def analogy_panel(space: Space, ex: Examples) -> figures.Analogy | None:
    """Returns (a, b, c) as vocabulary keys and the best answer."""
    st.subheader(tr("w2v.analogy"))
    columns = st.columns(3)
    a, b, c = (word_input(tr(f"w2v.analogy.{name}"), f"w2v_{name}_{space.kind}", value, column)
               for column, name, value in zip(columns, "abc", ex.analogy))
    method = st.radio(tr("w2v.method"), explore.METHODS, format_func=option_labels("w2v.method."),
                      horizontal=True, key="w2v_method")
    if not (rows := attempt(ranked, space.id, "analogy", (a, b, c, method, 10, space.restrict), space.vectors)):
        return None
    st.markdown(tr("w2v.analogy_answer", a=a, b=b, c=c, d=rows[0][0]))
    scored_table(rows, tr(f"w2v.method.{method}"), "analogy.csv")
    return tuple(explore.lookup(space.vectors, w) for w in (a, b, c)), rows[0][0]


def map_panel(space: Space, query: str | None, analogy: figures.Analogy | None) -> None:
    st.subheader(tr("w2v.map"))
    first, second, third = st.columns(3)
    content = first.radio(tr("w2v.map.content"), ["neighbourhood", "frequent"],
                          format_func=option_labels("w2v.map.content."), key="w2v_map_content")
    method = second.radio(tr("w2v.map.method"), projection.PROJECTIONS, format_func=option_labels("w2v.map."),
                          horizontal=True, key="w2v_map_method")
    dims = second.radio(tr("w2v.map.dims"), [2, 3], format_func="{}-D".format, horizontal=True, key="w2v_map_dims")
    count = third.slider(tr("w2v.map.count"), 50, 500, step=50, key="w2v_map_count", disabled=content != "frequent")
    figure = map_figure(space.id, projection.map_seeds(query, analogy), count if content == "frequent" else 0, method, dims, space.restrict,
                        query, analogy, space.vectors)
    if figure is None:
        st.info(tr("w2v.map.too_few"))
        return
    chart(figure, key="w2v_map_chart", width="stretch")
    st.caption(tr(f"w2v.map.caption.{method}"))


def odd_panel(space: Space, ex: Examples) -> None:
    text = word_input(tr("w2v.odd.words"), f"w2v_odd_{space.kind}", ex.odd)
    if (result := attempt(explore.odd_one_out, space.vectors, explore.parse_words(text))) is not None:
        st.markdown(tr("w2v.odd.answer", word=result[0]))
        scored_table(result[1], tr("w2v.col.to_mean"), "odd_one_out.csv")


def similarity_panel(space: Space, ex: Examples) -> None:
    left, right = st.columns(2)
    a = word_input(tr("w2v.sim.a"), f"w2v_sim_a_{space.kind}", ex.pair[0], left)
    b = word_input(tr("w2v.sim.b"), f"w2v_sim_b_{space.kind}", ex.pair[1], right)
    if (value := attempt(explore.similarity, space.vectors, a, b)) is not None:
        st.metric(tr("w2v.col.cosine"), f"{value:.3f}")


def evaluation_panel(space: Space) -> None:
    analogy, wordsim = scores(space.id, space)
    left, right = st.columns(2)
    left.metric(tr("w2v.eval.analogy_zh" if space.chinese else "w2v.eval.analogy_en"),
                "—" if not analogy.total else f"{analogy.accuracy:.1%}")
    left.caption(tr("w2v.eval.analogy_detail", correct=analogy.correct, total=analogy.total, skipped=analogy.skipped))
    if wordsim is None:
        right.info(tr("w2v.eval.wordsim_na"))
    else:
        right.metric(tr("w2v.eval.wordsim"), "—" if np.isnan(wordsim.spearman) else f"{wordsim.spearman:.3f}")
        right.caption(tr("w2v.eval.wordsim_detail", pairs=wordsim.pairs, oov=wordsim.oov_ratio))
    st.caption(tr("w2v.eval.note"))


def show(space: Space) -> None:
    ex = examples_for(space)
    st.caption(tr("w2v.space", size=len(space.vectors), dims=space.vectors.vector_size))
    left, right = st.columns(2)
    with left:
        query = neighbours_panel(space, ex)
    with right:
        analogy = analogy_panel(space, ex)
    map_panel(space, query, analogy)
    # Lazy tabs: only the open one runs (a click reruns the page), so a revisit skips the other two.
    odd, sim, scores_tab = st.tabs([tr("w2v.odd"), tr("w2v.sim"), tr("w2v.eval")], key="w2v_tab", on_change="rerun")
    for tab, panel in ((odd, partial(odd_panel, space, ex)), (sim, partial(similarity_panel, space, ex)),
                       (scores_tab, partial(evaluation_panel, space))):
        if tab.open:
            with tab:
                panel()


def theory_block() -> None:
    """Drawn only while open (a lazy expander: opening it reruns the page), so revisits skip it."""
    theory = st.expander(tr("ui.theory"), expanded=False, key="w2v_theory", on_change="rerun")
    if not theory.open:
        return
    draw = {"text": lambda key: st.markdown(tr(key)), "latex": st.latex, "graph": st.graphviz_chart}
    with theory:
        for kind, value in THEORY:
            draw[kind](value)


def main() -> None:
    url_state(PARAMS)
    page_title("page.word2vec")
    st.markdown(tr("w2v.intro"))
    share_link()
    space = None if (params := controls()) is None else compute(params)
    if space is not None:
        st.divider()
        show(space)
    theory_block()


main()
