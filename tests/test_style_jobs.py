"""Background optimisation jobs: the server-wide limit queues extra jobs, one job per session."""
import threading

import pytest

from core.errors import UserError
from core.jobs import Slots
from core.style.jobs import Job, JobState, start_job


def blocking_work(release: threading.Event, started: threading.Event):
    """A generator that yields once, then waits until the test releases it."""
    def work():
        started.set()
        yield 1
        release.wait(10)
        yield 2
    return work


def endless_work(started: threading.Event):
    """A generator that never ends by itself: only Stop ends it."""
    def work():
        started.set()
        step = 0
        while True:
            step += 1
            yield step
            threading.Event().wait(0.01)
    return work


def wait_until(predicate, timeout: float = 10.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        done.wait(0.02)
    raise AssertionError("condition not reached")


def test_second_job_beyond_the_limit_waits() -> None:
    slots = Slots(1)
    release_a, started_a, started_b = threading.Event(), threading.Event(), threading.Event()
    a = Job(blocking_work(release_a, started_a), slots).start()
    assert started_a.wait(10)
    b = Job(endless_work(started_b), slots).start()
    wait_until(lambda: slots.ahead_of(b) == 0 and b in slots._queue)
    assert a.state is JobState.RUNNING
    assert b.state is JobState.WAITING and not started_b.is_set(), "b must not run while a holds the only slot"
    assert slots.running == 1
    release_a.set()
    a.join(10)
    assert a.state is JobState.DONE and a.latest == 2
    assert started_b.wait(10), "b starts once a slot is free"
    b.stop()
    b.join(10)
    assert b.state is JobState.STOPPED and b.latest >= 1
    assert slots.running == 0


def test_queue_is_first_come_first_served_and_stop_while_waiting() -> None:
    slots = Slots(1)
    release, started = threading.Event(), threading.Event()
    a = Job(blocking_work(release, started), slots).start()
    assert started.wait(10)
    b = Job(blocking_work(threading.Event(), threading.Event()), slots).start()
    wait_until(lambda: b in slots._queue)
    c = Job(blocking_work(threading.Event(), threading.Event()), slots).start()
    wait_until(lambda: c in slots._queue)
    assert slots.ahead_of(c) == 1
    b.stop()
    b.join(10)
    assert b.state is JobState.STOPPED and b.latest is None, "stopped before it ever ran"
    wait_until(lambda: slots.ahead_of(c) == 0)
    c.stop()
    release.set()
    for job in (a, c):
        job.join(10)
    assert slots.running == 0


def test_one_job_per_session_and_errors_are_kept() -> None:
    slots = Slots(2)
    release, started = threading.Event(), threading.Event()
    first = start_job(None, blocking_work(release, started), slots)
    assert started.wait(10)
    with pytest.raises(UserError) as refused:
        start_job(first, blocking_work(threading.Event(), threading.Event()), slots)
    assert refused.value.key == "style.err.job_running"
    release.set()
    first.join(10)

    def failing():
        yield 1
        raise UserError("style.err.no_style_layer")

    second = start_job(first, failing, slots)
    second.join(10)
    assert second.state is JobState.FAILED and second.error.key == "style.err.no_style_layer"
    assert slots.running == 0
