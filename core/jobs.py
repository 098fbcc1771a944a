"""The server-wide limit on heavy background jobs (style optimisation, word2vec training).

``Slots`` is a first-come, first-served queue in front of ``limit`` running jobs, so a class
of 30 pressing Start at once does not split two CPU cores 30 ways; the ones behind wait and
can see their place in the queue. ``SLOTS`` is the one instance every kind of job shares.
"""
from __future__ import annotations

import threading
from collections import deque

from core.settings import LIMITS


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
