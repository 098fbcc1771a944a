"""Long work in the background: one job mechanism for every long task of the lab.

A Streamlit script run must stay short, so Gatys optimisation, word2vec training and the
training pages run their work in a worker thread and the page polls ``job.snapshot()``.

- ``Slots`` is the server-wide limit in front of the workers: a first-come, first-served
  queue, so a class of 30 pressing Start at once does not split two CPU cores 30 ways; the
  ones behind wait and see their place in the queue. ``SLOTS`` is the one instance every
  kind of job shares.
- ``Job`` runs ``work(control)`` once a slot is free. The work reports progress with
  ``control.report(item)`` and looks at ``control.stopped`` to end early; what it returns is
  ``job.result``. Every exception ends the job as FAILED with the error kept, so a page never
  polls forever.
"""
from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from core.errors import UserError
from core.settings import LIMITS

P = TypeVar("P")  # a progress item, e.g. (step, loss, image so far)
R = TypeVar("R")  # what the work returns, e.g. trained vectors
log = logging.getLogger(__name__)
_SERIAL = itertools.count(1)


class Slots:
    """At most ``limit`` holders at once; the others wait in arrival order."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, int(limit))
        self._cond = threading.Condition()
        self._running = 0
        self._queue: deque[object] = deque()

    def acquire(self, ticket: object, cancelled: threading.Event, poll_s: float = 0.1) -> bool:
        """Block until ``ticket`` is first in line and a slot is free; False if cancelled first."""
        with self._cond:
            self._queue.append(ticket)
            try:
                while not (self._queue[0] is ticket and self._running < self.limit):
                    if cancelled.is_set():
                        return False
                    self._cond.wait(timeout=poll_s)
                self._running += 1
                return True
            finally:
                self._queue.remove(ticket)
                self._cond.notify_all()

    def release(self) -> None:
        with self._cond:
            self._running -= 1
            self._cond.notify_all()

    def ahead_of(self, ticket: object) -> int:
        """How many jobs wait in front of ``ticket`` (0 when it is next or not queued)."""
        with self._cond:
            return list(self._queue).index(ticket) if ticket in self._queue else 0

    @property
    def running(self) -> int:
        return self._running


SLOTS = Slots(LIMITS.max_concurrent_jobs)


class JobState(str, Enum):
    QUEUED = "queued"  # waiting behind the server-wide limit
    RUNNING = "running"
    DONE = "done"
    STOPPED = "stopped"  # the user pressed Stop, before or while it ran
    FAILED = "failed"


FINISHED = frozenset({JobState.DONE, JobState.STOPPED, JobState.FAILED})


@dataclass(frozen=True)
class JobSnapshot(Generic[P]):
    """A consistent view of a job for drawing."""

    state: JobState
    latest: P | None  # the last progress item reported
    ahead: int  # jobs queued in front of this one (0 unless QUEUED)
    running: int  # jobs running on the server now
    seconds: float  # time spent running
    error: Exception | None  # set when FAILED: a UserError to show, or a bug (logged)

    @property
    def alive(self) -> bool:
        return self.state not in FINISHED


class JobControl(Generic[P]):
    """What the work sees of its job: report progress, notice a stop."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: P | None = None

    def report(self, item: P) -> None:
        with self._lock:
            self._latest = item

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def stop_event(self) -> threading.Event:
        """For libraries that take an event (e.g. a training loop's ``stop=``)."""
        return self._stop

    @property
    def latest(self) -> P | None:
        with self._lock:
            return self._latest


class Job(Generic[P, R]):
    """``work(control)`` in a daemon thread once a slot is free; ``result`` is what it returned.

    ``serial`` tells apart two runs of the same work (a restart after a stop), e.g. in caches.
    """

    def __init__(self, work: Callable[[JobControl[P]], R], *, name: str = "job", slots: Slots = SLOTS) -> None:
        self.serial = next(_SERIAL)
        self.control: JobControl[P] = JobControl()
        self.result: R | None = None
        self._work: Callable[[JobControl[P]], R] | None = work
        self._slots = slots
        self._state = JobState.QUEUED
        self._error: Exception | None = None
        self._started = 0.0
        self._ended = 0.0
        self._thread = threading.Thread(target=self._run, name=f"{name}-{self.serial}", daemon=True)

    def start(self) -> Job[P, R]:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the work to end; it keeps what it made so far (state STOPPED)."""
        self.control.stop_event.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has finished; True if it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def state(self) -> JobState:
        return self._state

    @property
    def alive(self) -> bool:
        return self._state not in FINISHED

    def snapshot(self) -> JobSnapshot[P]:
        end = self._ended or time.perf_counter()
        ahead = self._slots.ahead_of(self) if self._state is JobState.QUEUED else 0
        return JobSnapshot(self._state, self.control.latest, ahead, self._slots.running,
                           end - self._started if self._started else 0.0, self._error)

    def _run(self) -> None:
        if not self._slots.acquire(self, self.control.stop_event):
            self._work = None
            self._finish(JobState.STOPPED)
            return
        try:
            self._started = time.perf_counter()
            self._state = JobState.RUNNING
            self.result = self._work(self.control)  # type: ignore[misc]
            self._finish(JobState.STOPPED if self.control.stopped else JobState.DONE)
        except Exception as error:  # noqa: BLE001 - a worker thread must record its failure, never die silently
            if not isinstance(error, UserError):
                log.exception("background job %s failed", self._thread.name)
            self._error = error
            self._finish(JobState.FAILED)
        finally:
            self._slots.release()
            self._work = None  # let go of what the work holds (an upload's text or photos); the result stays

    def _finish(self, state: JobState) -> None:
        self._ended = time.perf_counter()
        self._state = state
