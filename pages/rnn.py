"""Recurrent networks: RNN, GRU and LSTM trained live on characters, sampled, and their memory made visible.

Training (and the gradient study) run as this session's background job in the shared queue; what
they produce is kept server-wide per (corpus, settings), so a class shares one trained model. The
sliders of the open tab (unit, gate, temperature, position) only re-draw recorded or sampled values.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from core.jobs import JobControl, JobSnapshot
from core.rnn import corpora, figures, memory, sample, unrolled
from core.rnn.gradients import study
from core.rnn.model import CELLS
from core.rnn.store import ResultStore
from core.rnn.train import Trained, TrainSettings, train_cells
from core.url_state import Param
from pages.ui import (chart, download_csv, job_panel, lang, option_labels, page_title, session_job, share_link,
                      start_session_job, tr, url_state, user_errors)

SERIES = ("h", "c", "i", "f", "g", "o", "r", "z", "n")
STEPS, SEQ = (10, 50, 100, 200, 300, 500, 1000, 2000, 3000), (8, 16, 32, 64, 128, 256)
HIDDEN = SEQ + (512,)
LR, CLIP = (1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1), (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
PARAMS = [Param("rnn_corpus", "corpus", "en", options=corpora.CORPORA),
          Param("rnn_cells", "cells", CELLS, options=CELLS),
          Param("rnn_hidden", "hidden", 128, low=8, high=512), Param("rnn_layers", "layers", 1, low=1, high=3),
          Param("rnn_seq", "seq", 64, low=8, high=256), Param("rnn_lr", "lr", 0.003, low=1e-4, high=0.1),
          Param("rnn_clip", "clip", 1.0, low=0.0, high=10.0), Param("rnn_steps", "steps", 300, low=10, high=3000),
          Param("rnn_cell", "cell", "lstm", options=CELLS), Param("rnn_temp", "temp", 0.8, low=0.1, high=2.0),
          Param("rnn_length", "length", 200, low=20, high=600), Param("rnn_rank", "rank", 1, low=1, high=512),
          Param("rnn_series", "show", "h", options=SERIES), Param("rnn_pos", "pos", 10, low=0, high=400)]


@dataclass(frozen=True)
class Params:
    corpus_key: str  # "en", "zh" or "own:<hash>"
    text: str
    cells: tuple[str, ...]
    settings: TrainSettings
    model_key: str  # what the trained models are shared under


@st.cache_resource(show_spinner=False)
def _store() -> ResultStore:
    """Model key → trained models (stopped ones too: their curve shows how far they got), or a Study."""
    return ResultStore()


@st.cache_resource(max_entries=16, show_spinner=False)
def _loss_figures(key: str, version: int, clip: float, language: str) -> tuple[go.Figure, go.Figure]:
    return figures.loss_curves({cell: t.curve for cell, t in _store().get(key).items()}, clip, language)


# Figures and samples are keyed on the result's id too: a model retrained under the same key is another version.
@st.cache_resource(max_entries=32, show_spinner=False)
def _sample(key: str, version: int, cell: str, prime: str, length: int, temperature: float) -> sample.Sample:
    return sample.generate(_store().get(key)[cell].model, _store().get(key)[cell].vocab, prime, length, temperature)


@st.cache_resource(max_entries=32, show_spinner=False)
def _trace(key: str, version: int, cell: str, text: str) -> list[memory.Trace]:
    return memory.trace_text(_store().get(key)[cell].model, _store().get(key)[cell].vocab, text)


def _clamp(key: str, allowed: Sequence) -> None:
    """Keep a widget's value (perhaps from a link, or for another model) among what it may show now."""
    if st.session_state.get(key) not in allowed:
        st.session_state[key] = allowed[-1] if isinstance(st.session_state.get(key), int) else allowed[0]


def _pick(container, label: str, options: tuple, key: str, **kwargs):
    """A select_slider; a link's value that is not an option (hand-edited) moves to the nearest one."""
    if st.session_state[key] not in options:
        st.session_state[key] = min(options, key=lambda option: abs(option - st.session_state[key]))
    return container.select_slider(tr(label), options, key=key, **kwargs)


def controls() -> Params:
    url_state(PARAMS)
    left, middle, right = st.columns(3)
    corpus = left.selectbox(tr("rnn.corpus"), corpora.CORPORA, format_func=option_labels("rnn.corpus."),
                            key="rnn_corpus")
    chosen = middle.pills(tr("rnn.cells"), CELLS, selection_mode="multi", format_func=str.upper, key="rnn_cells")
    cells = tuple(c for c in CELLS if c in (chosen or ()))
    steps = _pick(right, "rnn.steps", STEPS, "rnn_steps")
    with st.expander(tr("rnn.settings")):
        a, b, c = st.columns(3)
        hidden, layers = _pick(a, "rnn.hidden", HIDDEN, "rnn_hidden"), a.slider(tr("rnn.layers"), 1, 3,
                                                                                 key="rnn_layers")
        seq, lr = _pick(b, "rnn.seq", SEQ, "rnn_seq", help=tr("rnn.seq_help")), _pick(b, "rnn.lr", LR, "rnn_lr")
        clip = _pick(c, "rnn.clip", CLIP, "rnn_clip", help=tr("rnn.clip_help"))
    with user_errors():
        if corpus == "own":
            upload = st.file_uploader(tr("rnn.upload"), type=["txt"], key="rnn_upload")
            typed = st.text_area(tr("rnn.own_text"), key="rnn_own_text", height=120)
            if upload is None and not typed:
                st.info(tr("rnn.own_hint"))
                st.stop()
            text = corpora.own_text(typed, upload.getvalue() if upload else None)
            key = "own:" + hashlib.sha256(text.encode()).hexdigest()[:16]
        else:
            text, key = corpora.load(corpus), corpus
    settings = TrainSettings(hidden=hidden, layers=layers, seq_len=seq, lr=lr, clip=clip, steps=steps)
    return Params(key, text, cells, settings, f"{key}|{','.join(cells)}|{settings}")


def _start(slot: str, key: str, compute: Callable) -> None:
    """Run ``compute(report, stopped)`` as this session's job in the shared queue; share its result under ``key``."""
    def work(control: JobControl) -> object:
        result = compute(control.report, lambda: control.stopped)
        _store().put(key, result)
        return result

    with user_errors():
        start_session_job(slot, work, name=f"rnn-{slot}")


def _pair(figures_: tuple[go.Figure, go.Figure], names: tuple[str, str] = ("rnn_loss_chart", "rnn_norm_chart")):
    for column, figure, name in zip(st.columns(2), figures_, names):
        chart(figure, name, column)


def train_section(params: Params) -> dict[str, Trained] | None:
    """The Train button, the live curves while training, and the trained models when there are some."""
    key = params.model_key
    if st.button(tr("rnn.train"), type="primary", key="rnn_train", disabled=not params.cells):
        _start("train", key, partial(train_cells, params.text, params.cells, params.settings))
        st.session_state["rnn_job_key"] = key
    job = session_job("train")
    if job is not None and st.session_state.get("rnn_job_key") == key and (job.alive or key not in _store()):
        def draw(snap: JobSnapshot) -> None:
            if snap.latest:
                st.caption(tr("rnn.progress", step=len(next(iter(snap.latest.values())).steps),
                              steps=params.settings.steps, seconds=snap.seconds))
                _pair(figures.loss_curves(snap.latest, params.settings.clip, lang()))

        job_panel(job, draw, key="rnn_job")
    elif key in _store():
        _pair(_loss_figures(key, id(_store().get(key)), params.settings.clip, lang()))
    return _store().get(key)


def sample_tab(params: Params, cell: str, trained: Trained) -> None:
    left, middle, right = st.columns([2, 1, 1])
    prime = left.text_input(tr("rnn.prime"), params.text[:12], key=f"rnn_prime_{params.corpus_key}")
    temperature = middle.slider(tr("rnn.temperature"), 0.1, 2.0, step=0.05, key="rnn_temp", help=tr("rnn.temp_help"))
    length = right.slider(tr("rnn.length"), 20, 600, step=20, key="rnn_length")
    with user_errors():
        result = _sample(params.model_key, id(trained), cell, prime, length, temperature)
    st.markdown(f"**{tr('rnn.sample')}**")
    st.code(prime + result.text, language=None, wrap_lines=True)
    chart(figures.distribution(result, lang()), "rnn_dist_chart")
    st.caption(tr("rnn.dist_caption"))


def memory_tab(params: Params, cell: str, trained: Trained) -> None:
    probe = st.text_area(tr("rnn.probe"), params.text[:240], key=f"rnn_probe_{params.corpus_key}", height=90)
    with user_errors():
        trace = _trace(params.model_key, id(trained), cell, probe)
    layer = st.radio(tr("rnn.layer"), range(len(trace)), format_func=lambda i: f"{i + 1}", horizontal=True,
                     key="rnn_layer") if len(trace) > 1 else 0
    trace = trace[layer]
    _clamp("rnn_series", trace.names)
    _clamp("rnn_rank", range(1, trained.settings.hidden + 1))
    left, right = st.columns([1, 2])
    name = left.radio(tr("rnn.series"), trace.names, format_func=option_labels("rnn.series."), key="rnn_series")
    rank = right.slider(tr("rnn.rank"), 1, trained.settings.hidden, key="rnn_rank", help=tr("rnn.rank_help"))
    order = memory.rank_units(trace.series(name))
    unit = int(order[rank - 1])
    st.markdown(tr("rnn.coloured", unit=unit, series=tr(f"rnn.series.{name}")))
    st.html(figures.coloured_text(trace.chars, trace.series(name)[:, unit], gate=name in figures.GATES_01))
    chart(figures.unit_tracks(trace, unit, lang()), "rnn_tracks_chart")
    chart(figures.hidden_heatmap(trace, name, order[:32], lang()), "rnn_heatmap_chart")
    chart(figures.variance_bars(trace, name, order[:32], lang()), "rnn_variance_chart")


def unrolled_tab(params: Params, cell: str, trained: Trained) -> None:
    probe = st.session_state.get(f"rnn_probe_{params.corpus_key}") or params.text[:240]
    st.graphviz_chart(unrolled.dot(cell, probe))
    st.latex(unrolled.EQUATIONS[cell])
    limit = min(len(probe), memory.MAX_TRACE_CHARS) - 1
    _clamp("rnn_pos", range(0, max(limit, 0) + 1))
    position = st.slider(tr("rnn.position"), 0, max(limit, 1), key="rnn_pos", disabled=limit < 1)
    with user_errors():
        table = unrolled.step_table(trained.model, trained.vocab, probe, position)
    st.markdown(tr("rnn.step_caption", t=position + 1, char=figures.shown(probe[position])))
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        k: st.column_config.NumberColumn(format="%.3f") for k in table if k != "unit"})
    download_csv(table, f"rnn-{cell}-step-{position + 1}.csv", "rnn_step_csv")


def gradients_tab(params: Params) -> None:
    key = f"{params.corpus_key}|study|{params.settings}"
    # The "clipped" models clip even when clipping is off above; the Jacobians of wider models cost too much memory.
    settings = replace(params.settings, clip=params.settings.clip or 1.0, hidden=min(params.settings.hidden, 128))
    st.markdown(tr("rnn.grad_intro", hidden=settings.hidden, steps=settings.steps, clip=settings.clip))
    if st.button(tr("rnn.grad_run"), key="rnn_grad_run", disabled=key in _store()):
        _start("study", key, lambda report, stopped: study(params.text, settings, 50, report=report, stopped=stopped))
    if (job := session_job("study")) is not None and key not in _store():
        job_panel(job, lambda snap: st.caption(tr("rnn.grad_running", seconds=snap.seconds)), key="rnn_grad_job")
    if (result := _store().get(key)) is None:
        return
    _pair(figures.gradient_norms(result, lang()), ("rnn_grad_chart", "rnn_power_chart"))
    st.markdown(tr("rnn.grad_result", **result.summary(30)))
    download_csv(result.table(), "rnn-gradient-norms.csv", "rnn_grad_csv")


def show(params: Params, trained: dict[str, Trained] | None) -> None:
    if trained:
        _clamp("rnn_cell", list(trained))
        cell = st.radio(tr("rnn.inspect"), list(trained), format_func=str.upper, horizontal=True, key="rnn_cell")
    tabs = st.tabs([tr(f"rnn.tab.{t}") for t in ("sample", "memory", "unrolled", "gradients")], key="rnn_tab",
                   on_change="rerun")
    for tab, draw in zip(tabs, (sample_tab, memory_tab, unrolled_tab, None)):
        if tab.open:
            with tab:
                if draw is None:
                    gradients_tab(params)
                elif trained:
                    draw(params, cell, trained[cell])
                else:
                    st.info(tr("rnn.not_trained"))


def theory_block() -> None:
    if (block := st.expander(tr("ui.theory"), key="rnn_theory", on_change="rerun")).open:
        with block:
            for text_key, formula in unrolled.THEORY:
                st.markdown(tr(text_key))
                st.latex(formula)


def main() -> None:
    page_title("page.rnn")
    st.markdown(tr("rnn.intro"))
    params = controls()
    share_link()
    trained = train_section(params)
    show(params, trained)
    theory_block()


main()
