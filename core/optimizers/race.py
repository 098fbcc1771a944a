"""The race: every racer starts at the same point, and each step feeds it the surface's gradient.

One step evaluates all racers in a single batched call (``(R, 2) -> (R,)``) and one autograd
pass; each racer's parameter is a view into one ``(R, 2)`` tensor, so the optimizers update the
positions in place and recording a step is one copy. A racer whose position becomes NaN/inf or
leaves far beyond the plot is marked diverged and frozen (its gradient is set to None, which
torch's optimizers skip); its path ends there.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from core.errors import UserError
from core.optimizers.racers import RacerSpec, Schedule, build_optimizer, build_scheduler, optimizer_class
from core.optimizers.surfaces import Surface, typical_gradient

MAX_STEPS = 2000
MAX_RACERS = 12


@dataclass(frozen=True)
class RaceSettings:
    """Everything that decides a race except the surface (hashable: the page caches on it)."""

    racers: tuple[RacerSpec, ...]
    start: tuple[float, float]
    steps: int = 200
    noise: float = 0.0  # gradient noise std, in units of the surface's typical gradient norm
    seed: int = 0
    schedule: Schedule = field(default_factory=Schedule)


@dataclass
class RaceResult:
    """What happened, step by step. ``S`` steps, ``R`` racers."""

    racers: tuple[RacerSpec, ...]
    paths: np.ndarray  # (S+1, R, 2) positions; NaN after a racer diverged
    losses: np.ndarray  # (S+1, R)
    grads: np.ndarray  # (S, R, 2) the gradient each step used (noise included)
    lrs: np.ndarray  # (S, R) the learning rate of each step (after the schedule)
    states: list[dict[str, np.ndarray]]  # per racer: optimizer state tensor name -> (S, 2), after each step
    diverged_at: list[int | None]  # the step at which the racer diverged

    @property
    def steps(self) -> int:
        return self.grads.shape[0]


def run_race(surface: Surface, settings: RaceSettings) -> RaceResult:
    """Run every racer of ``settings`` on ``surface`` with the real ``torch.optim`` optimizers."""
    racers, steps = settings.racers, settings.steps
    if not racers:
        raise UserError("opt.err.no_racers")
    if not 1 <= steps <= MAX_STEPS or len(racers) > MAX_RACERS:
        raise UserError("opt.err.too_big", steps=MAX_STEPS, racers=MAX_RACERS)
    n = len(racers)
    positions = torch.tensor([settings.start] * n, dtype=torch.float64)  # (R, 2), updated in place
    params = [positions[i].requires_grad_(True) for i in range(n)]  # leaf views, one per racer
    optimizers, slots, schedulers = _build(racers, params, settings.schedule)
    noise = _noise(surface, settings, n)  # (S, R, 2) or None

    paths = torch.empty(steps + 1, n, 2, dtype=torch.float64)
    grads = torch.empty(steps, n, 2, dtype=torch.float64)
    lrs = np.empty((steps, n))
    recorded: list[torch.Tensor] = []
    layout: list[tuple[int, str]] = []
    alive = [True] * n
    diverged_at: list[int | None] = [None] * n
    paths[0] = positions
    for t in range(steps):
        xy = positions.detach().clone().requires_grad_(True)  # (R, 2)
        (grad,) = torch.autograd.grad(surface(xy).sum(), xy)  # (R, 2)
        if noise is not None:
            grad = grad + noise[t]
        grads[t] = grad
        for i, param in enumerate(params):
            param.grad = grad[i] if alive[i] else None
            optimizer, group = slots[i]
            lrs[t, i] = optimizer.param_groups[group]["lr"]
        for optimizer in optimizers:
            optimizer.step()
        for scheduler in schedulers:
            scheduler.step()
        paths[t + 1] = positions
        if not layout:
            layout = _state_layout(optimizers, params)
        recorded.append(_state_snapshot(optimizers, params, layout))
        _check_divergence(surface, paths[t + 1], alive, diverged_at, t + 1)

    with torch.no_grad():
        losses = surface(paths.reshape(-1, 2)).reshape(steps + 1, n)
    paths_np, losses_np = paths.numpy(), losses.numpy()
    for i, step in enumerate(diverged_at):
        if step is not None:
            paths_np[step + 1:, i] = np.nan
            losses_np[step + 1:, i] = np.nan
    return RaceResult(racers, paths_np, losses_np, grads.numpy(), lrs, _unpack_states(recorded, layout, n),
                      diverged_at)


def _build(racers: tuple[RacerSpec, ...], params: list[torch.Tensor], schedule: Schedule):
    """One optimizer per optimizer class (a parameter group per racer), one scheduler per optimizer.

    Returns the optimizers, each racer's (optimizer, group index) slot, and the schedulers.
    """
    by_class: dict[type, list[int]] = {}
    for i, spec in enumerate(racers):
        by_class.setdefault(optimizer_class(spec.kind), []).append(i)
    optimizers: list[torch.optim.Optimizer] = []
    slots: list[tuple[torch.optim.Optimizer, int]] = [None] * len(racers)  # type: ignore[list-item]
    for indices in by_class.values():
        optimizer = build_optimizer(racers[indices[0]].kind, [(params[i], racers[i]) for i in indices])
        optimizers.append(optimizer)
        for group, i in enumerate(indices):
            slots[i] = (optimizer, group)
    schedulers = [s for s in (build_scheduler(o, schedule) for o in optimizers) if s is not None]
    return optimizers, slots, schedulers


def _noise(surface: Surface, settings: RaceSettings, n: int) -> torch.Tensor | None:
    """Seeded Gaussian gradient noise, the same draw for every racer (a fair race)."""
    if settings.noise <= 0:
        return None
    generator = torch.Generator().manual_seed(settings.seed)
    scale = settings.noise * typical_gradient(surface)
    draw = torch.randn(settings.steps, 1, 2, generator=generator, dtype=torch.float64)  # (S, 1, 2)
    return (scale * draw).expand(settings.steps, n, 2)


def _state_layout(optimizers, params: list[torch.Tensor]) -> list[tuple[int, str]]:
    """(racer, state name) of every per-coordinate state tensor, fixed after the first step."""
    layout = []
    for optimizer in optimizers:
        for group in optimizer.param_groups:
            param = group["params"][0]
            racer = next(i for i, p in enumerate(params) if p is param)
            for name, value in optimizer.state[param].items():
                if torch.is_tensor(value) and value.shape == param.shape:
                    layout.append((racer, name))
    return sorted(layout)


def _state_snapshot(optimizers, params: list[torch.Tensor], layout: list[tuple[int, str]]) -> torch.Tensor:
    """``(len(layout), 2)`` copy of the state tensors now (they are updated in place)."""
    state = {}
    for optimizer in optimizers:
        state.update(optimizer.state)
    if not layout:
        return torch.empty(0, 2, dtype=torch.float64)
    return torch.stack([state[params[racer]][name] for racer, name in layout])


def _unpack_states(recorded: list[torch.Tensor], layout: list[tuple[int, str]], n: int) -> list[dict[str, np.ndarray]]:
    stacked = torch.stack(recorded).numpy()  # (S, len(layout), 2)
    states: list[dict[str, np.ndarray]] = [{} for _ in range(n)]
    for column, (racer, name) in enumerate(layout):
        states[racer][name] = stacked[:, column]
    return states


def _check_divergence(surface: Surface, xy: torch.Tensor, alive: list[bool], diverged_at: list[int | None],
                      step: int) -> None:
    """Mark racers that became NaN/inf or left far beyond the plot (plain floats: cheaper than tensor ops)."""
    (x0, x1), (y0, y1) = surface.x_range, surface.y_range
    dx, dy = x1 - x0, y1 - y0
    for i, (x, y) in enumerate(xy.tolist()):
        inside = x0 - dx <= x <= x1 + dx and y0 - dy <= y <= y1 + dy  # False for NaN too
        if alive[i] and not inside:
            alive[i] = False
            diverged_at[i] = step


@dataclass(frozen=True)
class Score:
    """One line of the scoreboard."""

    steps_to_eps: int | None  # first step with f - f* ≤ ε (None: never, or no minimum)
    final_loss: float  # last finite loss
    diverged_at: int | None
    nearest_minimum: tuple[float, float] | None


def scoreboard(result: RaceResult, surface: Surface, eps: float) -> list[Score]:
    """Steps to reach within ``eps`` of the minimum loss, final loss, divergence: one Score per racer."""
    f_min = surface.f_min
    scores = []
    for i in range(len(result.racers)):
        losses = result.losses[:, i]
        finite = losses[np.isfinite(losses)]
        reached = None
        if f_min is not None:
            hits = np.nonzero(finite - f_min <= eps)[0]
            reached = int(hits[0]) if hits.size and result.diverged_at[i] is None else None
        nearest = None
        if surface.minima and result.diverged_at[i] is None:
            last = result.paths[-1, i]
            minima = np.asarray(surface.minima)
            nearest = tuple(minima[np.argmin(np.linalg.norm(minima - last, axis=1))].tolist())
        scores.append(Score(reached, float(finite[-1]), result.diverged_at[i], nearest))
    return scores
