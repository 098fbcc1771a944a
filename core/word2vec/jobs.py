"""Training in the background, one thread per job, each trained model shared by every session.

A web page must never train in its own script run: the run would block that reader's page,
and on a shared server several readers would each train the same model. Here a job runs in
a daemon thread (gensim's Cython loops release the GIL, so the server stays responsive); the
page only polls ``job.snapshot()``. Jobs are keyed by (corpus, settings): asking again for
the same key returns the running or finished job. Training takes one of the server-wide heavy-job
slots (``core.jobs``, shared with style optimisation); the others wait, queued. The most recent ``max_models`` jobs are kept.
"""
from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from gensim.models import KeyedVectors

from core.errors import UserError
from core.jobs import SLOTS, Slots
from core.word2vec.corpora import Sentences, count_tokens
from core.word2vec.train import EpochReport, TrainSettings, train

JobKey = tuple[str, TrainSettings]  # (corpus key, e.g. "peoples-daily" or "upload:<sha256>", settings)


class JobState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    STOPPED = "stopped"
    FAILED = "failed"


FINISHED = (JobState.DONE, JobState.STOPPED, JobState.FAILED)
_SERIAL = itertools.count(1)


@dataclass(frozen=True)
class JobSnapshot:
    """A consistent view of a job for drawing: state, progress 0..1, epoch reports, sizes."""

    state: JobState
    progress: float
    epochs: tuple[EpochReport, ...]
    tokens: int
    vocab: int
    seconds: float
    error: UserError | None


class TrainingJob:
    """One training run in a daemon thread; ``vectors`` is set once it is done or stopped.

    ``serial`` tells apart two runs with the same key (a retrain after a stop), e.g. in caches.
    """

    def __init__(self, key: JobKey, load: Callable[[], Sentences], slots: Slots):
        self.key = key
        self.serial = next(_SERIAL)
        self.settings = key[1]
        self._load = load
        self._slots = slots
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._state = JobState.QUEUED
        self._progress = 0.0
        self._epochs: list[EpochReport] = []
        self._tokens = 0
        self._vocab = 0
        self._started = 0.0
        self._ended = 0.0
        self._error: UserError | None = None
        self.vectors: KeyedVectors | None = None
        self._thread = threading.Thread(target=self._run, name=f"word2vec-{key[0]}", daemon=True)

    def start(self) -> TrainingJob:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the job to end; it keeps the vectors trained so far (state STOPPED)."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has finished; True if it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def snapshot(self) -> JobSnapshot:
        with self._lock:
            end = self._ended or time.perf_counter()
            return JobSnapshot(self._state, self._progress, tuple(self._epochs), self._tokens, self._vocab,
                               end - self._started if self._started else 0.0, self._error)

    def _set(self, **values: object) -> None:
        with self._lock:
            for name, value in values.items():
                setattr(self, f"_{name}", value)

    def _epoch(self, report: EpochReport) -> None:
        with self._lock:
            self._epochs.append(report)

    def _run(self) -> None:
        if not self._slots.acquire(self, self._stop):
            self._set(state=JobState.STOPPED)
            return
        try:
            self._set(state=JobState.RUNNING, started=time.perf_counter())
            try:
                sentences = self._load()
                self._set(tokens=count_tokens(sentences))
                model, finished = train(sentences, self.settings, stop=self._stop, on_epoch=self._epoch,
                                        on_progress=lambda p: self._set(progress=p))
            except UserError as error:
                self._set(state=JobState.FAILED, error=error, ended=time.perf_counter())
                return
            vectors = model.wv
            vectors.fill_norms()  # computed once here, so lookups never write to a shared model
            self.vectors = vectors
            self._set(state=JobState.DONE if finished else JobState.STOPPED, vocab=len(vectors),
                      ended=time.perf_counter())
        finally:
            self._slots.release()


class TrainingJobs:
    """The process-wide store of training jobs (one per corpus and settings)."""

    def __init__(self, max_models: int = 6, slots: Slots = SLOTS):
        self.max_models = max_models
        self._slots = slots
        self._jobs: OrderedDict[JobKey, TrainingJob] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: JobKey) -> TrainingJob | None:
        with self._lock:
            return self._jobs.get(key)

    def start(self, key: JobKey, load: Callable[[], Sentences]) -> TrainingJob:
        """The job for ``key``: the running or finished one, or a new one (also after a stop or failure)."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.snapshot().state in (JobState.QUEUED, JobState.RUNNING, JobState.DONE):
                self._jobs.move_to_end(key)
                return job
            job = TrainingJob(key, load, self._slots).start()
            self._jobs[key] = job
            self._evict()
            return job

    def _evict(self) -> None:
        """Forget the oldest finished jobs beyond ``max_models`` (running ones are never dropped)."""
        finished = [k for k, j in self._jobs.items() if j.snapshot().state in FINISHED]
        for key in finished[: max(0, len(self._jobs) - self.max_models)]:
            del self._jobs[key]
