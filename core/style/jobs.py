"""Long optimisations as background jobs: one per session, a few at once per server.

A Streamlit script run must stay short, so a Gatys optimisation runs in a worker thread and
the page polls its progress. ``Slots`` is the server-wide limit: a first-come, first-served
queue in front of ``limit`` running jobs, so a class of 30 pressing Start at once does not
split two CPU cores 30 ways; the ones behind wait and can see their place in the queue.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Generic, TypeVar

from core.errors import UserError
from core.settings import LIMITS

T = TypeVar("T")
log = logging.getLogger(__name__)


class JobState(str, Enum):
    WAITING = "waiting"  # queued behind the server-wide limit
    RUNNING = "running"
    DONE = "done"
    STOPPED = "stopped"  # the user pressed Stop (before or while running)
    FAILED = "failed"


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


class Job(Generic[T]):
    """Run ``work()`` (a generator of progress items) in a thread once a slot is free.

    ``latest`` is the last item the generator yielded; ``stop()`` ends the job after the
    current item, keeping ``latest``. A ``UserError`` raised by the work is kept in ``error``.
    """

    def __init__(self, work: Callable[[], Iterator[T]], slots: Slots = SLOTS) -> None:
        self._work = work
        self._slots = slots
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="style-job", daemon=True)
        self.state = JobState.WAITING
        self.latest: T | None = None
        self.error: Exception | None = None

    def start(self) -> "Job[T]":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self.state in (JobState.WAITING, JobState.RUNNING)

    @property
    def waiting_ahead(self) -> int:
        return self._slots.ahead_of(self)

    def _run(self) -> None:
        if not self._slots.acquire(self, self._stop):
            self.state = JobState.STOPPED
            return
        try:
            self.state = JobState.RUNNING
            for item in self._work():
                self.latest = item
                if self._stop.is_set():
                    break
            self.state = JobState.STOPPED if self._stop.is_set() else JobState.DONE
        except Exception as error:  # noqa: BLE001 - a worker thread must record, not die silently
            if not isinstance(error, UserError):
                log.exception("style job failed")
            self.error = error
            self.state = JobState.FAILED
        finally:
            self._slots.release()


def start_job(current: Job | None, work: Callable[[], Iterator[T]], slots: Slots = SLOTS) -> Job[T]:
    """Start ``work`` as this session's job; a session runs one optimisation at a time."""
    if current is not None and current.alive:
        raise UserError("style.err.job_running")
    return Job(work, slots).start()
