"""A Gatys optimisation as a ``core.jobs.Job``: progress, Stop keeps the best image, any failure is FAILED.

Queueing and one-job-per-session are the job mechanism's own (tests/test_jobs.py).
"""
import threading

import numpy as np
import pytest

from core.errors import UserError
from core.jobs import Job, JobState, Slots
from core.settings import LIMITS
from core.style.gatys import GatysConfig, layer_gram
from core.style.grams import gram_pair
from core.tensors import to_image
from core.style.jobs import gatys_work


def test_a_short_run_reports_every_step_and_keeps_what_the_gram_view_needs(vgg_net, style_photos) -> None:
    config = GatysConfig(size=64, steps=3)
    job = Job(gatys_work(vgg_net, *style_photos, config), slots=Slots(1)).start()
    assert job.wait(120)
    assert job.state is JobState.DONE and job.snapshot().latest.last.step == 3
    assert job.result.config is config and job.result.last.step == 3
    assert max(job.result.style.shape[-2:]) == 64, "the style image at the generated size"


def test_stop_returns_the_best_image(vgg_net, style_photos) -> None:
    config = GatysConfig(size=64, steps=LIMITS.max_style_steps)
    job = Job(gatys_work(vgg_net, *style_photos, config), slots=Slots(1)).start()
    for _ in range(1200):
        latest = job.snapshot().latest
        if latest is not None and latest.last.step >= 3:
            break
        threading.Event().wait(0.05)
    job.stop()
    assert job.wait(60)
    assert job.state is JobState.STOPPED
    assert 3 <= job.result.last.step < config.steps
    assert to_image(job.result.last.best).size == (64, 43)


def test_settings_beyond_the_caps_are_refused_before_queueing(vgg_net, style_photos) -> None:
    with pytest.raises(UserError) as error:
        gatys_work(vgg_net, *style_photos, GatysConfig(steps=LIMITS.max_style_steps + 1))
    assert error.value.key == "style.err.steps_cap"


def test_any_exception_in_the_optimisation_ends_the_job_failed(vgg_net, style_photos) -> None:
    """Not a UserError: a style "image" that is a string fails inside the worker (AttributeError)."""
    job = Job(gatys_work(vgg_net, style_photos[0], "not an image", GatysConfig(size=64, steps=3)), slots=Slots(1)).start()
    assert job.wait(60)
    snap = job.snapshot()
    assert snap.state is JobState.FAILED and not isinstance(snap.error, UserError) and job.result is None


def test_gram_pair_shows_the_style_and_the_generated_gram_of_a_run(vgg_net, style_photos) -> None:
    job = Job(gatys_work(vgg_net, *style_photos, GatysConfig(size=64, steps=2)), slots=Slots(1)).start()
    assert job.wait(120) and job.state is JobState.DONE
    style, generated = gram_pair(vgg_net, job.result, job.result.last.best, "relu2_1", channels=16)
    assert style.shape == generated.shape == (16, 16)
    assert np.allclose(style, style.T, atol=1e-4) and (np.diag(style) >= 0).all(), "a Gram matrix: symmetric, PSD diagonal"
    full = layer_gram(vgg_net, job.result.style, "relu2_1").cpu().numpy()
    assert np.allclose(style, full[:16, :16], rtol=1e-4, atol=1e-6) and not np.allclose(style, generated)
