"""The one background-job mechanism: queueing behind the server-wide limit, stop, every failure caught."""
from __future__ import annotations

import threading

from core.errors import UserError
from core.jobs import FINISHED, Job, JobControl, JobState, Slots


def wait_until(predicate, timeout: float = 10.0) -> None:
    tick = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        tick.wait(0.02)
    raise AssertionError("condition not reached")


def counting_work(started: threading.Event, release: threading.Event | None = None):
    """Reports 1, 2, 3… until stopped (or, given ``release``, reports 1, waits, returns "done")."""
    def work(control: JobControl[int]) -> str:
        started.set()
        step = 0
        while not control.stopped:
            step += 1
            control.report(step)
            if release is not None:
                release.wait(10)
                return "done"
            threading.Event().wait(0.01)
        return f"stopped at {step}"
    return work


def test_a_job_reports_progress_and_returns_its_result() -> None:
    started, release = threading.Event(), threading.Event()
    job = Job(counting_work(started, release), slots=Slots(1)).start()
    assert started.wait(10)
    wait_until(lambda: job.snapshot().latest == 1)
    assert job.snapshot().state is JobState.RUNNING and job.alive
    release.set()
    assert job.wait(10)
    snap = job.snapshot()
    assert snap.state is JobState.DONE and not snap.alive and job.result == "done"
    assert snap.seconds > 0 and snap.error is None


def test_second_job_beyond_the_limit_queues_and_sees_its_place() -> None:
    slots = Slots(1)
    started_a, release_a, started_b, started_c = (threading.Event() for _ in range(4))
    a = Job(counting_work(started_a, release_a), slots=slots).start()
    assert started_a.wait(10)
    b = Job(counting_work(started_b), slots=slots).start()
    c = Job(counting_work(started_c), slots=slots).start()
    wait_until(lambda: c.snapshot().ahead == 1)
    assert b.snapshot().state is JobState.QUEUED and b.snapshot().ahead == 0 and b.snapshot().running == 1
    assert not started_b.is_set() and not started_c.is_set(), "nothing runs while a holds the only slot"
    release_a.set()
    assert a.wait(10) and started_b.wait(10)
    assert not started_c.is_set(), "first come, first served"
    b.stop()
    assert b.wait(10) and b.state is JobState.STOPPED and b.result.startswith("stopped at")
    assert started_c.wait(10)
    c.stop()
    assert c.wait(10)
    assert slots.running == 0


def test_stop_while_queued_never_runs_the_work() -> None:
    slots = Slots(1)
    started_a, release_a, started_b = threading.Event(), threading.Event(), threading.Event()
    a = Job(counting_work(started_a, release_a), slots=slots).start()
    assert started_a.wait(10)
    b = Job(counting_work(started_b), slots=slots).start()
    wait_until(lambda: b.state is JobState.QUEUED)
    b.stop()
    assert b.wait(10) and b.state is JobState.STOPPED and not started_b.is_set()
    release_a.set()
    assert a.wait(10) and slots.running == 0


class Surprise(RuntimeError):
    """Not a UserError: a bug in the work must still end the job, never leave it RUNNING."""


def test_any_exception_ends_the_job_as_failed_and_frees_its_slot() -> None:
    slots = Slots(1)

    def broken(control: JobControl[int]) -> None:
        control.report(1)
        raise Surprise("boom")

    job = Job(broken, slots=slots).start()
    assert job.wait(10)
    snap = job.snapshot()
    assert snap.state is JobState.FAILED and snap.state in FINISHED
    assert isinstance(snap.error, Surprise) and snap.latest == 1
    assert slots.running == 0


def test_a_user_error_is_kept_for_the_page_to_translate() -> None:
    def refuses(control: JobControl[int]) -> None:
        raise UserError("jobs.err.one_per_session")

    job = Job(refuses, slots=Slots(1)).start()
    assert job.wait(10)
    assert job.state is JobState.FAILED and isinstance(job.snapshot().error, UserError)
    assert "已有" in job.snapshot().error.message("zh")


def test_a_finished_job_lets_go_of_its_work_and_what_it_holds() -> None:
    """An upload captured by the work (photos, text) must not live on in a finished job kept for its result."""
    import gc
    import weakref

    class Upload:
        pass

    upload = Upload()
    held = weakref.ref(upload)

    def work(control: JobControl[int], data: Upload = upload) -> str:
        return "trained"

    job = Job(work, slots=Slots(1)).start()
    del work, upload
    assert job.wait(10) and job.result == "trained"
    gc.collect()
    assert held() is None
