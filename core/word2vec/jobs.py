"""Training in the background on the one job mechanism (``core.jobs``), each model shared by every session.

A web page must never train in its own script run: the run would block that reader's page,
and on a shared server several readers would each train the same model. A training run is a
``core.jobs.Job`` (gensim's Cython loops release the GIL, so the server stays responsive) whose
progress items are ``Training`` snapshots and whose result is the trained ``KeyedVectors``
(also when stopped: the vectors trained so far). ``TrainingJobs`` keys jobs by (corpus,
settings): asking again for the same key returns the running or finished job, so a model
trained once serves every session. The most recent ``max_models`` jobs are kept.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

from gensim.models import KeyedVectors

from core.jobs import FINISHED, Job, JobControl, JobState
from core.word2vec.corpora import Sentences, count_tokens, load
from core.word2vec.train import EpochReport, TrainSettings, train

JobKey = tuple[str, TrainSettings]  # (corpus key, e.g. "peoples-daily" or "upload:<sha256>", settings)
TrainingJob = Job["Training", KeyedVectors]
Launch = Callable[..., TrainingJob]  # launch(work, name=...): starts a job, e.g. pages.ui.start_session_job


@dataclass(frozen=True)
class Training:
    """What a training job reports: progress 0..1, the epochs so far and the corpus sizes."""

    progress: float = 0.0
    epochs: tuple[EpochReport, ...] = ()
    tokens: int = 0
    vocab: int = 0


def training_work(load: Callable[[], Sentences], settings: TrainSettings) -> Callable[[JobControl], KeyedVectors]:
    """The job's work: load the sentences, train, report each step; returns the (read-only) vectors."""
    def work(control: JobControl[Training]) -> KeyedVectors:
        lock = threading.Lock()  # gensim calls back from its own threads
        state = [Training()]

        def update(**changes: object) -> None:
            with lock:
                state[0] = replace(state[0], **changes)
                control.report(state[0])

        def epoch(report: EpochReport) -> None:
            update(epochs=state[0].epochs + (report,))

        sentences = load()
        update(tokens=count_tokens(sentences))
        model, _ = train(sentences, settings, stop=control.stop_event, on_epoch=epoch,
                         on_progress=lambda fraction: update(progress=fraction))
        vectors = model.wv
        vectors.fill_norms()  # computed once here, so lookups never write to a shared model
        update(vocab=len(vectors))
        return vectors
    return work


def corpus_loader(corpus: str, sentences: Sentences | None = None) -> Callable[[], Sentences]:
    """What a job loads: the sentences already prepared (an upload), else the named corpus, read in the job."""
    return (lambda: sentences) if sentences is not None else (lambda: load(corpus))


def _start(work: Callable[[JobControl], KeyedVectors], *, name: str) -> TrainingJob:
    return Job(work, name=name).start()


class TrainingJobs:
    """The process-wide store of training jobs (one per corpus and settings)."""

    def __init__(self, max_models: int = 6) -> None:
        self.max_models = max_models
        self._jobs: OrderedDict[JobKey, TrainingJob] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: JobKey) -> TrainingJob | None:
        with self._lock:
            return self._jobs.get(key)

    def start(self, key: JobKey, load: Callable[[], Sentences], launch: Launch = _start) -> TrainingJob:
        """The job for ``key``: the queued, running or finished one, or a new one (after a stop or failure).

        ``launch(work, name)`` starts a new job; a page passes its per-session starter, which
        refuses a second running job in the same session.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.state in (JobState.QUEUED, JobState.RUNNING, JobState.DONE):
                self._jobs.move_to_end(key)
                return job
            job = launch(training_work(load, key[1]), name=f"word2vec-{key[0]}")
            self._jobs[key] = job
            self._evict()
            return job

    def _evict(self) -> None:
        """Forget the oldest finished jobs beyond ``max_models`` (running ones are never dropped)."""
        finished = [k for k, j in self._jobs.items() if j.state in FINISHED]
        for key in finished[: max(0, len(self._jobs) - self.max_models)]:
            del self._jobs[key]
