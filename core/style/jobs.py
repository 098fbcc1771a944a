"""Long optimisations as background jobs: one per session, a few at once per server.

A Streamlit script run must stay short, so a Gatys optimisation runs in a worker thread and
the page polls its progress. It takes one of the server-wide heavy-job slots (``core.jobs``).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Generic, TypeVar

from core.errors import UserError
from core.jobs import SLOTS, Slots

T = TypeVar("T")
log = logging.getLogger(__name__)


class JobState(str, Enum):
    WAITING = "waiting"  # queued behind the server-wide limit
    RUNNING = "running"
    DONE = "done"
    STOPPED = "stopped"  # the user pressed Stop (before or while running)
    FAILED = "failed"




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
