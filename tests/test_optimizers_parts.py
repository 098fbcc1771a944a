"""Surfaces (known minima), the optimizer-state view, the EWA, and the figures' structure."""
from __future__ import annotations

import base64

import numpy as np
import pytest
import torch

from core.errors import UserError
from core.optimizers.ewa import ewa, noisy_series
from core.optimizers.figures import MAX_FRAMES, MAX_PATH_POINTS, contour_race, loss_curves, surface_3d, surface_backdrop
from core.optimizers.figures_inside import ewa_figure, state_figure
from core.optimizers.inside import inside
from core.optimizers.race import RaceSettings, run_race
from core.optimizers.racers import KINDS, RacerSpec
from core.optimizers.surfaces import SURFACE_IDS, get_surface, typical_gradient


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_known_minima_are_stationary_and_lowest(surface_id: str) -> None:
    surface = get_surface(surface_id)
    assert surface.in_window(*surface.start)
    if not surface.minima:  # the saddle: the origin is stationary but not a minimum
        origin = torch.zeros(1, 2, dtype=torch.float64, requires_grad=True)
        (grad,) = torch.autograd.grad(surface(origin).sum(), origin)
        assert grad.abs().max() == 0 and surface.f_min is None
        return
    minima = torch.tensor(surface.minima, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(surface(minima).sum(), minima)
    assert grad.abs().max() < 1e-4, grad
    _, _, z = surface.grid(200)
    assert surface.f_min <= float(z.min()) + 1e-9
    assert typical_gradient(surface) > 0


def test_quadratic_condition_number() -> None:
    surface = get_surface("quadratic", 50.0)
    xy = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    hessian_diagonal = 2 * surface(xy)  # f = (x²/κ + y²)/2
    assert hessian_diagonal.tolist() == pytest.approx([1 / 50, 1.0])
    with pytest.raises(UserError):
        get_surface("quadratic", 0.5)
    with pytest.raises(UserError):
        get_surface("no-such-surface")


@pytest.fixture(scope="module")
def race():
    surface = get_surface("quadratic", 20.0)
    specs = tuple(RacerSpec(kind, lr=0.1) for kind in KINDS) + (RacerSpec("sgd", lr=2.5),)  # the last diverges
    return surface, run_race(surface, RaceSettings(specs, surface.start, steps=120))


def test_inside_momentum_buffer_is_the_ewa_of_gradients(race) -> None:
    """torch's buffer obeys b_t = μ b_(t−1) + g_t with the gradients the race fed in."""
    _, result = race
    i = KINDS.index("momentum")
    series = inside(result, i)
    b, g = series["momentum_buffer"], series["grad"]
    np.testing.assert_allclose(b[0], g[0])
    np.testing.assert_allclose(b[1:], 0.9 * b[:-1] + g[1:], rtol=1e-12)


def test_inside_adam_moments_and_effective_step(race) -> None:
    _, result = race
    i = KINDS.index("adam")
    series = inside(result, i)
    g = series["grad"]
    m = np.zeros(2)
    v = np.zeros(2)
    for t in range(len(g)):  # the textbook recursion, against torch's recorded state
        m = 0.9 * m + 0.1 * g[t]
        v = 0.999 * v + 0.001 * g[t] ** 2
        np.testing.assert_allclose(series["m_hat"][t], m / (1 - 0.9 ** (t + 1)), rtol=1e-9)
        np.testing.assert_allclose(series["v_hat"][t], v / (1 - 0.999 ** (t + 1)), rtol=1e-9)
    # Adam's actual step is lr · m̂ / (√v̂ + ε) = effective_lr · |m̂|
    np.testing.assert_allclose(series["step"], series["effective_lr"] * np.abs(series["m_hat"]), rtol=1e-9)
    assert set(inside(result, KINDS.index("sgd"))) == {"grad", "step"}
    assert "square_avg" in inside(result, KINDS.index("rmsprop")) and "sum" in inside(result, KINDS.index("adagrad"))


def test_ewa_bias_correction() -> None:
    constant = np.full(50, 7.0)
    np.testing.assert_allclose(ewa(constant, 0.9, bias_correction=True), 7.0)
    plain = ewa(constant, 0.9)
    assert plain[0] == pytest.approx(0.7) and plain[-1] == pytest.approx(7 * (1 - 0.9**50))
    series = noisy_series(100, seed=3)
    t = 30
    weights = (1 - 0.8) * 0.8 ** np.arange(t - 1, -1, -1)  # v_t = Σ (1−β) β^(t−k) θ_k
    assert ewa(series, 0.8)[t - 1] == pytest.approx(float(weights @ series[:t]))
    assert np.std(np.diff(ewa(series, 0.95))) < np.std(np.diff(series)), "it smooths"
    with pytest.raises(UserError):
        ewa(series, 1.0)


def _numbers(values) -> np.ndarray:
    """A trace coordinate as numbers: a plotly.js typed-array spec (base64) or an array."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).astype(float)
    return np.asarray(values, dtype=float)


def test_contour_animation_frames(race) -> None:
    surface, result = race
    fig = contour_race(surface, surface_backdrop(surface), result, "en")
    frames = fig.frames
    n = len(result.racers)
    assert 2 < len(frames) <= MAX_FRAMES + 1
    assert [f.name for f in frames][0] == "0" and frames[-1].name == str(result.steps)
    for frame, index in ((frames[0], 0), (frames[-1], -1)):
        heads = frame.data[1]
        np.testing.assert_allclose(_numbers(heads.x), result.paths[index, :, 0], rtol=1e-6)  # float32 is enough to draw
        np.testing.assert_allclose(_numbers(heads.y), result.paths[index, :, 1], rtol=1e-6)
    stride = int(np.ceil((result.steps + 1) / MAX_PATH_POINTS))
    last_trail = _numbers(frames[-1].data[0].x).reshape(n, -1)  # racer-major slots
    np.testing.assert_allclose(last_trail, result.paths[::stride, :, 0].T, rtol=1e-6)  # NaN after divergence too
    drawn = [int(np.isfinite(_numbers(f.data[0].x)).sum()) for f in frames]
    assert drawn == sorted(drawn) and drawn[0] == n, "the trail grows frame by frame from the start point"
    assert {key for f in frames for trace in f.data for key in trace.to_plotly_json()} <= {"type", "x", "y"}, \
        "frames carry coordinates only"
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.method for b in buttons] == ["animate", "animate"]
    assert len(fig.layout.sliders[0].steps) == len(frames)
    assert fig.to_json()  # serialisable, NaN of the diverged racer included


def test_other_figures(race) -> None:
    surface, result = race
    n = len(result.racers)
    assert len(surface_3d(surface, surface_backdrop(surface), result, "zh").data) == n + 1
    loss = loss_curves(surface, result, "en")
    assert len(loss.data) == n and loss.layout.yaxis.type == "log"
    saddle = get_surface("saddle")
    saddle_race = run_race(saddle, RaceSettings((RacerSpec("adam", 0.05),), saddle.start, steps=20))
    assert loss_curves(saddle, saddle_race, "en").layout.yaxis.type == "linear"
    state = state_figure(inside(result, KINDS.index("adam")), "zh")
    assert len(state.data) == 2 * 5  # grad, m̂, v̂, step, effective lr: x and y each
    assert len(ewa_figure(noisy_series(), 0.9, "en").data) == 3


def test_race_view_tables_match_the_race() -> None:
    from core.optimizers.view import paths_table, race_view, scoreboard_table

    surface = get_surface("himmelblau")
    settings = RaceSettings((RacerSpec("sgd", 0.01), RacerSpec("adam", 0.1)), surface.start, steps=30)
    view = race_view(surface, surface_backdrop(surface, 40), settings, "en")
    assert view.result.steps == 30 and view.race_ms >= 0 and len(view.loss.data) >= 2
    paths = paths_table(view.result, "en")
    assert len(paths["x"]) == 2 * 31 and paths["step"][:2] == [0, 1] and paths["racer"][31].startswith("Adam")
    assert (paths["x"][31 + 30], paths["y"][31 + 30]) == tuple(view.result.paths[30, 1])
    board = scoreboard_table(view.result, surface, 1e-3, "zh")
    assert len(board) == 5, "Himmelblau has four minima: the nearest one gets a column"
    assert all(len(column) == 2 for column in board.values())


def test_every_default_lies_on_its_slider_steps() -> None:
    from core.optimizers.choices import CHOICES, LR_OPTIONS, default_hyperparameters, default_lrs, nearest

    assert set(default_lrs().values()) <= set(LR_OPTIONS)
    for (kind, name), value in default_hyperparameters().items():
        assert value in CHOICES.get(name, [value]), (kind, name)
    assert nearest(LR_OPTIONS, 0.0011) == 0.001 and nearest([0.0, 0.001], 0.0) == 0.0
