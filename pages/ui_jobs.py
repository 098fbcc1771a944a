"""The page side of background jobs (``core.jobs``): one job per session, and its live view."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.errors import UserError
from core.jobs import Job, JobSnapshot, JobState
from pages.ui import lang, tr


def start_session_job(slot: str, work: Callable, *, name: str) -> Job:
    """Start ``work`` as this session's job in ``slot``; a session runs one job at a time.

    The job waits in the server-wide queue (``core.jobs.SLOTS``) like everyone else's.
    """
    jobs: dict[str, Job] = st.session_state.setdefault("_jobs", {})
    if any(job.alive for job in jobs.values()):
        raise UserError("jobs.err.one_per_session")
    jobs[slot] = Job(work, name=name).start()
    return jobs[slot]


def session_job(slot: str) -> Job | None:
    """This session's latest job in ``slot``, running or finished."""
    return st.session_state.get("_jobs", {}).get(slot)


def job_panel(job: Job, draw: Callable[[JobSnapshot], None], *, key: str, draw_says_stopped: bool = False) -> None:
    """A job's live view: queue place, a Stop button, errors, and ``draw(snapshot)`` for the rest.

    A stopped job gets a generic "Stopped" line unless ``draw_says_stopped`` (its own line says how far it got).

    It polls once a second while the job is alive, as a fragment (the rest of the page does not
    rerun); when the job ends the whole page reruns once, so results drawn outside it appear. Only
    the session that started the job sees Stop (others may watch a shared word2vec training).
    """
    was_alive = job.alive

    @st.fragment(run_every=1.0 if was_alive else None)
    def panel() -> None:
        snap = job.snapshot()
        own = any(mine is job for mine in st.session_state.get("_jobs", {}).values())  # watchers of a shared job cannot stop it
        if snap.alive and own and st.button(tr("jobs.stop"), key=f"{key}_stop", icon=":material/stop:"):
            job.stop()
        if snap.state is JobState.QUEUED:
            st.info(tr("jobs.queued", ahead=snap.ahead + 1, running=snap.running))
        elif snap.state is JobState.FAILED:
            error = snap.error
            st.error(error.message(lang()) if isinstance(error, UserError) else tr("jobs.failed"))
        elif snap.state is JobState.STOPPED and not draw_says_stopped:
            st.caption(tr("jobs.stopped"))
        draw(snap)
        if was_alive and not snap.alive:
            st.rerun(scope="app")

    panel()
