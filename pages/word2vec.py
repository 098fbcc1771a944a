"""word2vec neighbours: train CBOW / skip-gram live (English, Chinese, your own text) or take GloVe, then explore.

Heavy work runs elsewhere: training in a background job shared by every session (core.word2vec.jobs),
GloVe loaded once per process, maps projected and drawn once per (model, words, method). Every widget
below only triggers lookups in a cached space, and a rerun redraws only what is visible: the closed
tabs and the closed theory do not run.
"""
from __future__ import annotations

import hashlib
from functools import partial

import numpy as np
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from gensim.models import KeyedVectors

from core.errors import UserError
from core.word2vec import corpora, evaluate, explore, figures, projection
from core.word2vec.glove import DEFAULT_RESTRICT, GLOVE_WORDS, load_glove
from core.word2vec.jobs import FINISHED, JobState, TrainingJob, TrainingJobs
from core.word2vec.space import Examples, Space, examples_for
from core.word2vec.train import DEFAULTS, TrainSettings
from pages.ui import lang, option_labels, page_title, tr, user_errors

# ---------------------------------------------------------------- cached resources
# Spinners come with the caches (shown only while computing): an st.spinner around a cache hit
# would still start a timer thread and send a message on every rerun.


@st.cache_resource(show_spinner=tr("w2v.loading_glove"))
def glove() -> KeyedVectors:
    return load_glove()


@st.cache_resource(show_spinner=False)
def training_jobs() -> TrainingJobs:
    """One store of training jobs for the whole server: a model trained once serves every session."""
    return TrainingJobs()


@st.cache_resource(max_entries=8, show_spinner=tr("w2v.segmenting"))
def upload_corpus(data: bytes) -> corpora.Sentences:
    return corpora.upload_sentences(data)


@st.cache_data(max_entries=256, show_spinner=False)
def neighbour_rows(space_id: str, word: str, topn: int, restrict: int | None, _vectors: KeyedVectors) -> explore.Scored:
    return explore.neighbours(_vectors, word, topn, restrict)


@st.cache_data(max_entries=256, show_spinner=False)
def analogy_rows(space_id: str, abc: tuple[str, str, str], method: str, restrict: int | None,
                 _vectors: KeyedVectors) -> explore.Scored:
    return explore.analogy(_vectors, *abc, method, 10, restrict)


@st.cache_resource(max_entries=64, show_spinner=tr("w2v.map.projecting"))
def map_figure(space_id: str, seeds: tuple[str, ...], frequent: int, method: str, dims: int, restrict: int | None,
               query: str | None, analogy: figures.Analogy | None, _vectors: KeyedVectors) -> go.Figure | None:
    """The map, projected and drawn once per input; None if too few words. A resource, not data: a
    plotly figure rebuilt from a pickle is validated again, which costs more than the lookups.

    Streamlit's theme styles the chart, so plotly's default template (three quarters of the JSON
    copied, serialised and sent on every rerun) is left out; the chart looks the same.
    """
    words, coords = projection.map_points(_vectors, list(seeds), frequent, method, dims, restrict)
    if not len(coords):
        return None
    return figures.word_map(words, coords, query, analogy).update_layout(template="none")


@st.cache_data(max_entries=16, show_spinner=False)
def scores(space_id: str, chinese: bool, _vectors: KeyedVectors) -> tuple[evaluate.AnalogyScore, evaluate.SimilarityScore | None]:
    if chinese:
        return evaluate.analogy_accuracy(_vectors, evaluate.chinese_questions(), None), None
    return evaluate.analogy_accuracy(_vectors, evaluate.english_questions()), evaluate.wordsim_spearman(_vectors)


# ---------------------------------------------------------------- choosing and training a space


def model_controls() -> Space | None:
    """GloVe, or a model trained here; None while no trained model is ready."""
    source = st.radio(tr("w2v.source"), ["glove", "train"], format_func=option_labels("w2v.source."),
                      horizontal=True, key="w2v_source")
    if source == "glove":
        restrict = st.slider(tr("w2v.restrict"), 5_000, GLOVE_WORDS, DEFAULT_RESTRICT, step=5_000,
                             key="w2v_restrict", help=tr("w2v.restrict_help"))
        with user_errors():
            vectors = glove()
        return Space("glove", "glove", vectors, restrict, chinese=False)
    return train_panel()


def settings_controls(corpus: str) -> TrainSettings:
    """Training settings; each corpus keeps its own widgets (and defaults suited to its size)."""
    default = DEFAULTS[corpus]
    first, second, third = st.columns(3)
    arch = first.radio(tr("w2v.arch"), ["skip-gram", "cbow"], index=0 if default.skip_gram else 1,
                       horizontal=True, key=f"w2v_arch_{corpus}", help=tr("w2v.arch_help"))
    objective = first.radio(tr("w2v.objective"), ["ns", "hs"], format_func=option_labels("w2v.objective."),
                            horizontal=True, key=f"w2v_objective_{corpus}")
    negative = first.slider(tr("w2v.negative"), 1, 20, default.negative, key=f"w2v_negative_{corpus}",
                            disabled=objective == "hs")
    window = second.slider(tr("w2v.window"), 1, 10, default.window, key=f"w2v_window_{corpus}")
    dims = second.select_slider(tr("w2v.dims"), [10, 25, 50, 100, 200, 300], default.dims, key=f"w2v_dims_{corpus}")
    min_count = second.slider(tr("w2v.min_count"), 1, 20, default.min_count, key=f"w2v_min_count_{corpus}")
    epochs = third.slider(tr("w2v.epochs"), 1, 50, default.epochs, key=f"w2v_epochs_{corpus}")
    seed = third.number_input(tr("w2v.seed"), 0, 9999, default.seed, key=f"w2v_seed_{corpus}")
    return TrainSettings(skip_gram=arch == "skip-gram", negative=0 if objective == "hs" else negative,
                         window=window, dims=dims, min_count=min_count, epochs=epochs, seed=int(seed),
                         workers=default.workers, sample=default.sample)


def corpus_controls() -> tuple[str, str, corpora.Sentences | None] | None:
    """(corpus id, cache key, sentences if already prepared); None while waiting for an upload."""
    corpus = st.selectbox(tr("w2v.corpus"), corpora.CORPORA, format_func=option_labels("w2v.corpus."),
                          key="w2v_corpus")
    if corpus != "upload":
        return corpus, corpus, None
    uploaded = st.file_uploader(tr("w2v.upload"), type=["txt"], key="w2v_upload", help=tr("w2v.upload_help"))
    if uploaded is None:
        st.info(tr("w2v.upload_hint"))
        return None
    data = uploaded.getvalue()
    with user_errors():
        sentences = upload_corpus(data)
    st.caption(tr("w2v.segmented", tokens=corpora.count_tokens(sentences), sample=" / ".join(sentences[0][:24])))
    return corpus, f"upload:{hashlib.sha256(data).hexdigest()[:16]}", sentences


def train_panel() -> Space | None:
    chosen = corpus_controls()
    if chosen is None:
        return None
    corpus, corpus_key, sentences = chosen
    settings = settings_controls(corpus)
    key = (corpus_key, settings)
    load = (lambda: sentences) if sentences is not None else partial(corpora.load, corpus)
    job = training_jobs().get(key)
    if st.button(tr("w2v.train"), key="w2v_train", type="primary"):
        job = training_jobs().start(key, load)
    if job is None:
        st.info(tr("w2v.not_trained"))
        return None
    progress_panel(job)
    snap = job.snapshot()
    if snap.state is JobState.FAILED and snap.error is not None:
        st.error(snap.error.message(lang()))
    if job.vectors is None:
        return None
    chinese = corpus == "peoples-daily" or corpora.is_chinese("".join(job.vectors.index_to_key[:200]))
    return Space(f"{corpus_key}|{settings}|{job.serial}", corpus_key, job.vectors, None, chinese)


def progress_panel(job: TrainingJob) -> None:
    """Progress, loss per epoch and a stop button; polls the job every second while it trains."""
    was_running = job.snapshot().state not in FINISHED

    @st.fragment(run_every=1.0 if was_running else None)
    def panel() -> None:
        snap = job.snapshot()
        epochs = job.settings.epochs
        st.progress(snap.progress, text=tr(f"w2v.state.{snap.state.value}", epoch=len(snap.epochs), epochs=epochs,
                                           seconds=snap.seconds))
        if snap.tokens:
            st.caption(tr("w2v.sizes", tokens=snap.tokens, vocab=snap.vocab or "…"))
        if snap.epochs:
            loss = go.Figure(go.Scatter(x=[r.epoch for r in snap.epochs], y=[r.loss for r in snap.epochs],
                                        mode="lines+markers"))
            loss.update_layout(height=220, margin=dict(l=10, r=10, t=30, b=10), title=tr("w2v.loss_title"),
                               xaxis_title=tr("w2v.epoch"), yaxis_title=tr("w2v.loss"))
            st.plotly_chart(loss, key="w2v_loss_chart")
        if snap.state not in FINISHED:
            if st.button(tr("w2v.stop"), key="w2v_stop"):
                job.stop()
        elif was_running:
            st.rerun()  # training ended since the page last ran: show the explorer

    panel()


# ---------------------------------------------------------------- exploring


def attempt(fn, *args, **kwargs):
    """Run a lookup; a UserError (unknown word…) shows in place, the rest of the page stays."""
    try:
        return fn(*args, **kwargs)
    except UserError as error:
        st.warning(error.message(lang()))
        return None


def scored_table(rows: explore.Scored, score_label: str) -> None:
    """Words and scores as bars; an Arrow table goes to the browser as is (a dict would pass through pandas)."""
    table = pa.table({tr("w2v.col.word"): [w for w, _ in rows], score_label: [s for _, s in rows]})
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={score_label: st.column_config.ProgressColumn(score_label, format="%.3f",
                                                                             min_value=0.0, max_value=1.0)})


def neighbours_panel(space: Space, ex: Examples) -> tuple[str | None, list[str]]:
    """Returns the query word (vocabulary key) and its neighbours."""
    st.subheader(tr("w2v.neighbours"))
    word = st.text_input(tr("w2v.word"), ex.word, key=f"w2v_word_{space.kind}")
    topn = st.slider(tr("w2v.topn"), 3, 30, 10, key="w2v_topn")
    rows = attempt(neighbour_rows, space.id, word, topn, space.restrict, space.vectors)
    if rows is None:
        return None, []
    scored_table(rows, tr("w2v.col.cosine"))
    return explore.lookup(space.vectors, word), [w for w, _ in rows]


def analogy_panel(space: Space, ex: Examples) -> tuple[tuple[str, str, str], str] | None:
    """Returns (a, b, c) as vocabulary keys and the best answer."""
    st.subheader(tr("w2v.analogy"))
    columns = st.columns(3)
    a, b, c = (column.text_input(tr(f"w2v.analogy.{name}"), value, key=f"w2v_{name}_{space.kind}")
               for column, name, value in zip(columns, "abc", ex.analogy))
    method = st.radio(tr("w2v.method"), explore.METHODS, format_func=option_labels("w2v.method."),
                      horizontal=True, key="w2v_method")
    rows = attempt(analogy_rows, space.id, (a, b, c), method, space.restrict, space.vectors)
    if not rows:
        return None
    st.markdown(tr("w2v.analogy_answer", a=a, b=b, c=c, d=rows[0][0]))
    scored_table(rows, tr(f"w2v.method.{method}"))
    keys = tuple(explore.lookup(space.vectors, w) for w in (a, b, c))
    return keys, rows[0][0]


def map_panel(space: Space, query: str | None, analogy: figures.Analogy | None) -> None:
    st.subheader(tr("w2v.map"))
    first, second, third = st.columns(3)
    content = first.radio(tr("w2v.map.content"), ["neighbourhood", "frequent"],
                          format_func=option_labels("w2v.map.content."), key="w2v_map_content")
    method = second.radio(tr("w2v.map.method"), projection.PROJECTIONS, format_func=option_labels("w2v.map."),
                          horizontal=True, key="w2v_map_method")
    dims = second.radio(tr("w2v.map.dims"), [2, 3], format_func=lambda d: f"{d}-D", horizontal=True,
                        key="w2v_map_dims")
    count = third.slider(tr("w2v.map.count"), 50, 500, 200, step=50, key="w2v_map_count",
                         disabled=content != "frequent")
    seeds = tuple(dict.fromkeys(([query] if query else []) + (list(analogy[0]) + [analogy[1]] if analogy else [])))
    figure = map_figure(space.id, seeds, count if content == "frequent" else 0, method, dims, space.restrict,
                        query, analogy, space.vectors)
    if figure is None:
        st.info(tr("w2v.map.too_few"))
        return
    st.plotly_chart(figure, key="w2v_map_chart")
    st.caption(tr(f"w2v.map.caption.{method}"))


def odd_panel(space: Space, ex: Examples) -> None:
    text = st.text_input(tr("w2v.odd.words"), ex.odd, key=f"w2v_odd_{space.kind}")
    result = attempt(explore.odd_one_out, space.vectors, explore.parse_words(text))
    if result is not None:
        odd, rows = result
        st.markdown(tr("w2v.odd.answer", word=odd))
        scored_table(rows, tr("w2v.col.to_mean"))


def similarity_panel(space: Space, ex: Examples) -> None:
    left, right = st.columns(2)
    a = left.text_input(tr("w2v.sim.a"), ex.pair[0], key=f"w2v_sim_a_{space.kind}")
    b = right.text_input(tr("w2v.sim.b"), ex.pair[1], key=f"w2v_sim_b_{space.kind}")
    value = attempt(explore.similarity, space.vectors, a, b)
    if value is not None:
        st.metric(tr("w2v.col.cosine"), f"{value:.3f}")


def evaluation_panel(space: Space) -> None:
    analogy, wordsim = scores(space.id, space.chinese, space.vectors)
    left, right = st.columns(2)
    name = "w2v.eval.analogy_zh" if space.chinese else "w2v.eval.analogy_en"
    left.metric(tr(name), "—" if not analogy.total else f"{analogy.accuracy:.1%}")
    left.caption(tr("w2v.eval.analogy_detail", correct=analogy.correct, total=analogy.total, skipped=analogy.skipped))
    if wordsim is None:
        right.info(tr("w2v.eval.wordsim_na"))
    else:
        right.metric(tr("w2v.eval.wordsim"), "—" if np.isnan(wordsim.spearman) else f"{wordsim.spearman:.3f}")
        right.caption(tr("w2v.eval.wordsim_detail", pairs=wordsim.pairs, oov=wordsim.oov_ratio))
    st.caption(tr("w2v.eval.note"))


def explore_space(space: Space) -> None:
    ex = examples_for(space)
    st.caption(tr("w2v.space", size=len(space.vectors), dims=space.vectors.vector_size))
    left, right = st.columns(2)
    with left:
        query, _ = neighbours_panel(space, ex)
    with right:
        analogy = analogy_panel(space, ex)
    map_panel(space, query, analogy)
    # Lazy tabs: only the open one runs (a click reruns the page), so a revisit skips the other two.
    odd, sim, scores_tab = st.tabs([tr("w2v.odd"), tr("w2v.sim"), tr("w2v.eval")], key="w2v_tab", on_change="rerun")
    if odd.open:
        with odd:
            odd_panel(space, ex)
    if sim.open:
        with sim:
            similarity_panel(space, ex)
    if scores_tab.open:
        with scores_tab:
            evaluation_panel(space)


# ---------------------------------------------------------------- theory


CBOW_DOT = """digraph { rankdir=LR; node [shape=box, style=rounded];
  "w(t-2)" -> sum; "w(t-1)" -> sum; "w(t+1)" -> sum; "w(t+2)" -> sum; sum [shape=circle, label="Σ/avg"];
  sum -> "w(t)"; }"""
SKIPGRAM_DOT = """digraph { rankdir=LR; node [shape=box, style=rounded];
  "w(t)" -> "w(t-2)"; "w(t)" -> "w(t-1)"; "w(t)" -> "w(t+1)"; "w(t)" -> "w(t+2)"; }"""


def theory_block() -> None:
    """Drawn only while open (a lazy expander: opening it reruns the page), so revisits skip it."""
    theory = st.expander(tr("ui.theory"), expanded=False, key="w2v_theory", on_change="rerun")
    if not theory.open:
        return
    with theory:
        st.markdown(tr("w2v.theory.vectors"))
        st.latex(r"\text{one-hot: } x_{\text{king}} = (0,\dots,0,1,0,\dots,0) \in \{0,1\}^{|V|}"
                 r"\qquad v_{\text{king}} = W^\top x_{\text{king}} \in \mathbb{R}^{d}")
        left, right = st.columns(2)
        with left:
            st.markdown(tr("w2v.theory.cbow"))
            st.graphviz_chart(CBOW_DOT)
            st.latex(r"p(w_t \mid \text{ctx}) = \operatorname{softmax}\big(u_{w_t}^\top \bar v\big),\quad"
                     r"\bar v = \tfrac{1}{2m}\sum_{0<|j|\le m} v_{w_{t+j}}")
        with right:
            st.markdown(tr("w2v.theory.skipgram"))
            st.graphviz_chart(SKIPGRAM_DOT)
            st.latex(r"\max \sum_t \sum_{0<|j|\le m} \log p(w_{t+j} \mid w_t)")
        st.markdown(tr("w2v.theory.negative"))
        st.latex(r"\log \sigma(u_o^\top v_c) + \sum_{k=1}^{K} \mathbb{E}_{w_k \sim P_n}\log \sigma(-u_{w_k}^\top v_c),"
                 r"\quad P_n(w) \propto f(w)^{3/4}")
        st.markdown(tr("w2v.theory.input"))
        st.markdown(tr("w2v.theory.analogy"))
        st.latex(r"\cos(x, y) = \frac{x^\top y}{\|x\|\,\|y\|}")
        st.latex(r"\text{3CosAdd: } \arg\max_x \cos(x,a) - \cos(x,b) + \cos(x,c)\qquad"
                 r"\text{3CosMul: } \arg\max_x \frac{\cos(x,a)\cos(x,c)}{\cos(x,b)+\varepsilon}")


# ---------------------------------------------------------------- page

page_title("page.word2vec")
st.markdown(tr("w2v.intro"))
chosen_space = model_controls()
if chosen_space is not None:
    st.divider()
    explore_space(chosen_space)
theory_block()
