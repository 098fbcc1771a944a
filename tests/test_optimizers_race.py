"""The race against torch.optim used directly (the oracle), divergence, noise and the scoreboard."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from core.errors import UserError
from core.optimizers.race import RaceSettings, run_race, scoreboard
from core.optimizers.racers import KINDS, RacerSpec, Schedule, build_scheduler, default_spec, group_options, optimizer_class
from core.optimizers.surfaces import get_surface

STEPS = 60
# Non-default hyperparameters, so a value that is not passed through to torch shows up.
CUSTOM = {"momentum": 0.8, "beta1": 0.85, "beta2": 0.99, "eps": 1e-6, "alpha": 0.9, "weight_decay": 0.05}


def _spec(kind: str, lr: float = 0.2) -> RacerSpec:
    return RacerSpec(kind=kind, lr=lr, **CUSTOM)


def _direct_path(kind: str, spec: RacerSpec, surface, start, steps: int, schedule: Schedule = Schedule()) -> np.ndarray:
    """``(steps+1, 2)`` the textbook loop with the torch optimizer alone: the oracle."""
    param = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class(kind)([param], **group_options(spec))
    scheduler = build_scheduler(optimizer, schedule)
    path = [param.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        surface(param[None]).sum().backward()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        path.append(param.detach().clone())
    return torch.stack(path).numpy()


@pytest.fixture(scope="module")
def quadratic():
    return get_surface("quadratic", 50.0)


def test_every_racer_matches_torch_optim_directly(quadratic) -> None:
    """All nine racers in one race (grouped optimizers) follow exactly the paths of torch run alone."""
    specs = tuple(_spec(kind) for kind in KINDS)
    result = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=STEPS))
    for i, kind in enumerate(KINDS):
        expected = _direct_path(kind, specs[i], quadratic, quadratic.start, STEPS)
        np.testing.assert_allclose(result.paths[:, i], expected, rtol=1e-12, atol=1e-12, err_msg=kind)


def test_two_racers_of_one_kind_stay_independent(quadratic) -> None:
    specs = (RacerSpec("adam", lr=0.05), RacerSpec("adam", lr=0.5))
    result = run_race(quadratic, RaceSettings(specs, (3.0, -2.0), steps=STEPS))
    for i, spec in enumerate(specs):
        np.testing.assert_allclose(result.paths[:, i], _direct_path("adam", spec, quadratic, (3.0, -2.0), STEPS),
                                   rtol=1e-12, atol=1e-12)
    assert not np.allclose(result.paths[:, 0], result.paths[:, 1])


@pytest.mark.parametrize("schedule", [Schedule("step", step_size=10, step_gamma=0.5), Schedule("exponential", exp_gamma=0.95),
                                      Schedule("inverse", decay=0.1), Schedule("warmup", warmup=15)])
def test_schedules_match_torch_schedulers(quadratic, schedule: Schedule) -> None:
    specs = (_spec("momentum", 0.5), _spec("adam", 0.3))
    result = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=STEPS, schedule=schedule))
    for i, spec in enumerate(specs):
        expected = _direct_path(spec.kind, spec, quadratic, quadratic.start, STEPS, schedule)
        np.testing.assert_allclose(result.paths[:, i], expected, rtol=1e-12, atol=1e-12)


def test_schedule_learning_rates_follow_their_formulas(quadratic) -> None:
    t = np.arange(STEPS)
    cases = {
        Schedule("inverse", decay=0.1): 0.5 / (1 + 0.1 * t),  # the course's lr0 / (1 + decay · epoch)
        Schedule("exponential", exp_gamma=0.9): 0.5 * 0.9**t,
        Schedule("step", step_size=20, step_gamma=0.1): 0.5 * 0.1 ** (t // 20),
        Schedule("warmup", warmup=10): 0.5 * np.minimum((t + 1) / 10, 1.0),
    }
    for schedule, expected in cases.items():
        result = run_race(quadratic, RaceSettings((RacerSpec("sgd", lr=0.5),), quadratic.start, steps=STEPS,
                                                  schedule=schedule))
        np.testing.assert_allclose(result.lrs[:, 0], expected, rtol=1e-9, err_msg=schedule.kind)


def test_adam_and_momentum_beat_sgd_on_ill_conditioned_quadratic(quadratic) -> None:
    """With the page's defaults on κ = 50, both reach ε = 1e-3 in fewer steps than plain SGD."""
    specs = tuple(default_spec(kind, quadratic) for kind in ("sgd", "momentum", "adam"))
    result = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=500))
    sgd, momentum, adam = (s.steps_to_eps for s in scoreboard(result, quadratic, 1e-3))
    assert sgd is not None and momentum is not None and adam is not None
    assert momentum < sgd and adam < sgd, (sgd, momentum, adam)


def test_too_large_learning_rate_is_reported_as_diverged(quadratic) -> None:
    """η > 2/λ_max = 2 on the quadratic: SGD's steps grow until it leaves the plot; the others go on."""
    specs = (RacerSpec("sgd", lr=2.5), RacerSpec("sgd", lr=1.0))
    result = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=200))
    bad, good = scoreboard(result, quadratic, 1e-3)
    assert bad.diverged_at is not None and bad.steps_to_eps is None
    assert np.isnan(result.paths[-1, 0]).all() and np.isfinite(result.paths[: bad.diverged_at + 1, 0]).all()
    assert np.isnan(result.grads[bad.diverged_at:, 0]).all() and np.isfinite(result.grads[: bad.diverged_at, 0]).all()
    assert good.diverged_at is None and good.steps_to_eps is not None


def test_overflow_to_inf_is_diverged_not_a_crash() -> None:
    """A learning rate so large that the first step overflows float64: recorded as diverged, no exception."""
    beale = get_surface("beale")
    result = run_race(beale, RaceSettings((RacerSpec("sgd", lr=1e306), RacerSpec("adam", lr=0.01)), (4.0, 4.0), steps=30))
    assert not np.isfinite(result.paths[1, 0]).all(), "the first step overflowed"
    assert result.diverged_at == [1, None]
    scores = scoreboard(result, beale, 1e-3)
    assert np.isfinite(scores[0].final_loss) and scores[0].steps_to_eps is None


def test_gradient_noise_is_seeded_and_shared(quadratic) -> None:
    specs = (RacerSpec("sgd", lr=0.5),)
    clean = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=40))
    a = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=40, noise=0.5, seed=1))
    b = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=40, noise=0.5, seed=1))
    c = run_race(quadratic, RaceSettings(specs, quadratic.start, steps=40, noise=0.5, seed=2))
    np.testing.assert_array_equal(a.paths, b.paths)
    assert not np.allclose(a.paths, c.paths) and not np.allclose(a.paths, clean.paths)
    two = run_race(quadratic, RaceSettings(specs * 2, quadratic.start, steps=40, noise=0.5, seed=1))
    np.testing.assert_array_equal(two.grads[:, 0], two.grads[:, 1])  # every racer gets the same draw


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "sgd"])
def test_recorded_state_is_torchs_state(quadratic, kind: str) -> None:
    """After the last step the recorded state tensors equal the state of the torch optimizer run alone."""
    spec = _spec(kind)
    result = run_race(quadratic, RaceSettings((spec,), quadratic.start, steps=STEPS))
    param = torch.tensor(quadratic.start, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class(kind)([param], **group_options(spec))
    for _ in range(STEPS):
        optimizer.zero_grad()
        quadratic(param[None]).sum().backward()
        optimizer.step()
    expected = {name: value for name, value in optimizer.state[param].items() if value.shape == param.shape}
    assert expected and set(result.states[0]) == set(expected)
    for name, value in expected.items():
        np.testing.assert_allclose(result.states[0][name][-1], value.numpy(), rtol=1e-12, err_msg=name)


def test_bad_requests_are_user_errors(quadratic) -> None:
    with pytest.raises(UserError):
        run_race(quadratic, RaceSettings((), quadratic.start))
    with pytest.raises(UserError):
        run_race(quadratic, RaceSettings((RacerSpec("sgd", 0.1),), quadratic.start, steps=10**6))
    with pytest.raises(UserError):
        RacerSpec("lbfgs", 0.1)
    with pytest.raises(UserError):
        run_race(quadratic, RaceSettings((RacerSpec("adam", 0.1, beta1=1.5),), quadratic.start, steps=5))
