"""The training half of the word2vec page (``pages/word2vec.py``), not a page of its own.

Corpus upload, training settings and the background job: each model is trained once per
(corpus, settings) in a job shared by every session (``core.word2vec.jobs``); a session starts
at most one job (``start_session_job``) and watches it through ``job_panel``.
"""
from __future__ import annotations

from functools import partial

import streamlit as st

from core.jobs import JobSnapshot, JobState
from core.word2vec import corpora, figures
from core.word2vec.jobs import TrainingJobs, corpus_loader
from core.word2vec.share import DIMS, settings_from
from core.word2vec.space import Space, corpus_key, trained_space
from core.word2vec.train import TrainSettings
from pages.ui import chart, input_cache, job_panel, option_labels, remember_upload, start_session_job, tr, user_errors


@st.cache_resource(show_spinner=False)
def training_jobs() -> TrainingJobs:
    """One store of training jobs for the whole server: a model trained once serves every session."""
    return TrainingJobs()


@input_cache(max_entries=8)
def upload_corpus(data: bytes) -> corpora.Sentences:
    return corpora.upload_sentences(data)


def upload_controls() -> bytes | None:
    """The reader's .txt, checked and segmented (shown); None until one is uploaded."""
    uploaded = st.file_uploader(tr("w2v.upload"), type=["txt"], key="w2v_upload", help=tr("w2v.upload_help"))
    if uploaded is None:
        st.info(tr("w2v.upload_hint"))
        return None
    data = uploaded.getvalue()
    remember_upload(data)
    with user_errors(), st.spinner(tr("w2v.segmenting")):
        sentences = upload_corpus(data)
    st.caption(tr("w2v.segmented", tokens=corpora.count_tokens(sentences), sample=" / ".join(sentences[0][:24])))
    return data


def settings_controls(corpus: str) -> TrainSettings:
    """Training settings; each corpus keeps its own widgets (and defaults suited to its size)."""
    first, second, third = st.columns(3)
    first.radio(tr("w2v.arch"), ["skip-gram", "cbow"], horizontal=True, key=f"w2v_arch_{corpus}",
                help=tr("w2v.arch_help"))
    objective = first.radio(tr("w2v.objective"), ["ns", "hs"], format_func=option_labels("w2v.objective."),
                            horizontal=True, key=f"w2v_objective_{corpus}")
    first.slider(tr("w2v.negative"), 1, 20, key=f"w2v_negative_{corpus}", disabled=objective == "hs")
    second.slider(tr("w2v.window"), 1, 10, key=f"w2v_window_{corpus}")
    second.select_slider(tr("w2v.dims"), DIMS, key=f"w2v_dims_{corpus}")
    second.slider(tr("w2v.min_count"), 1, 20, key=f"w2v_min_count_{corpus}")
    third.slider(tr("w2v.epochs"), 1, 50, key=f"w2v_epochs_{corpus}")
    third.number_input(tr("w2v.seed"), 0, 9999, key=f"w2v_seed_{corpus}")
    return settings_from(corpus, st.session_state)


def training_space(corpus: str, upload: bytes | None, settings: TrainSettings) -> Space | None:
    """The space trained with these settings (started by Train); None until a job has vectors."""
    key = (corpus_key(corpus, upload), settings)
    job = training_jobs().get(key)
    if st.button(tr("w2v.train"), key="w2v_train", type="primary"):
        load = corpus_loader(corpus, None if upload is None else upload_corpus(upload))
        with user_errors():
            job = training_jobs().start(key, load, partial(start_session_job, "w2v"))
    if job is None:
        st.info(tr("w2v.not_trained"))
        return None
    job_panel(job, partial(show_training, epochs=settings.epochs), key="w2v_job", draw_says_stopped=True)
    return None if job.result is None else trained_space(key[0], settings, job.serial, job.result)


def show_training(snap: JobSnapshot, epochs: int) -> None:
    """Progress, sizes and loss per epoch of a training job (drawn by ``job_panel`` each second)."""
    if (done := snap.latest) is None:
        if snap.state is JobState.STOPPED:  # before its first report: nothing trained to explore
            st.caption(tr("jobs.stopped"))
        return
    st.progress(done.progress, text=tr(f"w2v.state.{snap.state.value}", epoch=len(done.epochs), epochs=epochs,
                                       seconds=snap.seconds))
    if done.tokens:
        st.caption(tr("w2v.sizes", tokens=done.tokens, vocab=done.vocab or "…"))
    if done.epochs:
        chart(figures.loss_curve(done.epochs, tr("w2v.loss_title"), tr("w2v.epoch"), tr("w2v.loss")),
              key="w2v_loss_chart", width="stretch")
