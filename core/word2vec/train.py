"""Train gensim's Word2Vec (CBOW or skip-gram; negative sampling or hierarchical softmax) with live progress.

Progress comes from two places: the corpus iterator counts the sentences handed to gensim's
worker threads (progress inside an epoch), and a ``CallbackAny2Vec`` reports each epoch's loss.
Stopping: the iterator ends the epoch early when asked, and the callback then ends training,
so a stop takes effect within one batch (10,000 words), not at the end of a long epoch.
gensim's loss counter is cumulative over a ``train()`` call; the callback resets it after each
epoch so each report is that epoch's loss alone.
"""
from __future__ import annotations

import os
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gensim.models import Word2Vec
from gensim.models.callbacks import CallbackAny2Vec

from core.errors import UserError
from core.word2vec.corpora import Sentences


@dataclass(frozen=True)
class TrainSettings:
    """Everything that changes the trained vectors; also the cache key (with the corpus).

    ``negative`` is the number k of noise words per positive pair; 0 means hierarchical
    softmax instead. With ``workers=1`` (the default: one core per job on a shared server)
    a seed gives the same vectors on every run and machine; with more workers thread
    scheduling changes the order of updates and the spaces differ slightly.
    """

    skip_gram: bool = True
    negative: int = 5
    window: int = 5
    dims: int = 50
    min_count: int = 5
    epochs: int = 5
    seed: int = 1
    workers: int = 1
    sample: float = 1e-3  # frequent-word downsampling threshold; 0 keeps every token (tiny corpora)

    def gensim_kwargs(self) -> dict[str, float]:
        return {
            "sg": int(self.skip_gram),
            "hs": int(self.negative == 0),
            "negative": self.negative,
            "window": self.window,
            "vector_size": self.dims,
            "min_count": self.min_count,
            "seed": self.seed,
            "sample": self.sample,
            "workers": max(1, min(self.workers, os.cpu_count() or 1)),
        }


def stable_hash(text: str) -> int:
    """gensim seeds each word's initial vector with ``hashfxn(word + seed)``; Python's own ``hash``
    of a string changes between processes, so a fixed seed needs a fixed hash."""
    return zlib.crc32(text.encode("utf-8"))


# Defaults per corpus, chosen for a 2-core CPU. People's Daily with these settings (skip-gram,
# k=5, window 5, 50-d, min count 5, 5 epochs, seed 1, one worker, sample 1e-4) gives 东京 first
# for 北京 − 中国 + 日本 (tests/test_word2vec_train.py); the strong downsampling of 的/在/了
# also makes each epoch cheaper. Small uploads keep every token and need many epochs.
DEFAULTS: dict[str, TrainSettings] = {
    "peoples-daily": TrainSettings(skip_gram=True, negative=5, window=5, dims=50, min_count=5, epochs=5,
                                   sample=1e-4),
    "wiki": TrainSettings(skip_gram=True, negative=5, window=5, dims=100, min_count=5, epochs=10),
    "upload": TrainSettings(skip_gram=True, negative=5, window=3, dims=50, min_count=1, epochs=30, sample=0.0),
}


@dataclass(frozen=True)
class EpochReport:
    epoch: int  # 1-based
    loss: float  # summed over the epoch's training pairs
    seconds: float  # wall time of this epoch


class Stopped(Exception):
    """Raised inside gensim's training loop to end it early; the vectors trained so far are kept."""


class _StoppableCorpus:
    """Re-iterable view of the sentences that reports progress and ends an epoch when ``stop`` is set."""

    def __init__(self, sentences: Sentences, stop: threading.Event, on_sentence: Callable[[int], None]):
        self.sentences = sentences
        self.stop = stop
        self.on_sentence = on_sentence

    def __iter__(self) -> Iterator[list[str]]:
        for index, sentence in enumerate(self.sentences):
            if self.stop.is_set():
                return
            if index % 64 == 0:
                self.on_sentence(index)
            yield sentence


class _EpochLoss(CallbackAny2Vec):
    def __init__(self, stop: threading.Event, on_epoch: Callable[[EpochReport], None]):
        self.stop = stop
        self.on_epoch = on_epoch
        self.epoch = 0
        self.started = time.perf_counter()

    def on_epoch_begin(self, model: Word2Vec) -> None:
        self.started = time.perf_counter()

    def on_epoch_end(self, model: Word2Vec) -> None:
        self.epoch += 1
        loss = float(model.get_latest_training_loss())
        model.running_training_loss = 0.0  # per-epoch loss, not gensim's running total
        self.on_epoch(EpochReport(self.epoch, loss, time.perf_counter() - self.started))
        if self.stop.is_set():
            raise Stopped


def train(sentences: Sentences, settings: TrainSettings, *, stop: threading.Event | None = None,
          on_epoch: Callable[[EpochReport], None] | None = None,
          on_progress: Callable[[float], None] | None = None) -> tuple[Word2Vec, bool]:
    """Train on ``sentences``; returns the model and whether it finished all epochs (False: stopped).

    ``on_progress`` gets the fraction of all epochs done (0..1), ``on_epoch`` each epoch's report.
    A vocabulary left empty by ``min_count`` raises a ``UserError``.
    """
    stop = stop or threading.Event()
    model = Word2Vec(**settings.gensim_kwargs(), hashfxn=stable_hash, compute_loss=True)
    model.build_vocab(sentences)
    if len(model.wv) == 0:
        raise UserError("w2v.err.no_vocab", min_count=settings.min_count)
    callback = _EpochLoss(stop, on_epoch or (lambda report: None))
    total = max(1, len(sentences) * settings.epochs)

    def progress(index: int) -> None:
        if on_progress is not None:
            on_progress(min(1.0, (callback.epoch * len(sentences) + index) / total))

    corpus = _StoppableCorpus(sentences, stop, progress)
    try:
        model.train(corpus, total_examples=model.corpus_count, epochs=settings.epochs,
                    compute_loss=True, callbacks=[callback])
    except Stopped:
        return model, False
    if on_progress is not None:
        on_progress(1.0)
    return model, not stop.is_set()
