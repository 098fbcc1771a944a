"""The race: every racer starts at the same point, and each step feeds it the surface's gradient.

One step evaluates all racers in a single batched call (``(R, 2) -> (R,)``) and one autograd
pass. Each racer's parameter is a view into one ``(R, 2)`` tensor and its ``.grad`` a view into
one ``(R, 2)`` gradient buffer, so feeding a step is one copy, the optimizers update the positions
in place, and recording a step is one copy more. A racer whose position becomes NaN/inf or leaves
far beyond the plot is diverged: its path, gradients and state end at that step (racers never
interact, so the others are unaffected by its overflow).
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
    params = [positions[i] for i in range(n)]  # one view per racer, updated in place by its optimizer
    gradient = torch.zeros(n, 2, dtype=torch.float64)  # (R, 2), refilled every step
    for i, param in enumerate(params):
        param.grad = gradient[i]  # the optimizers read the step's gradient through these views
    optimizers, slots, schedulers = _build(racers, params, settings.schedule)
    noise = _noise(surface, settings, n)  # (S, R, 2) or None
    xy = torch.zeros(n, 2, dtype=torch.float64, requires_grad=True)  # (R, 2) where the surface is differentiated

    paths = torch.empty(steps + 1, n, 2, dtype=torch.float64)
    grads = torch.empty(steps, n, 2, dtype=torch.float64)
    lrs = np.array([[optimizer.param_groups[group]["lr"] for optimizer, group in slots]] * steps)  # (S, R)
    path_rows, grad_rows = paths.unbind(0), grads.unbind(0)  # views, so recording a step is one copy
    path_rows[0].copy_(positions)
    for t in range(steps):
        with torch.no_grad():
            xy.copy_(positions)
        (grad,) = torch.autograd.grad(surface(xy).sum(), xy)  # (R, 2): every racer in one pass
        if noise is not None:
            grad += noise[t]
        grad_rows[t].copy_(grad)
        gradient.copy_(grad)
        if schedulers:
            lrs[t] = [optimizer.param_groups[group]["lr"] for optimizer, group in slots]
        for optimizer in optimizers:
            optimizer.step()
        for scheduler in schedulers:
            scheduler.step()
        path_rows[t + 1].copy_(positions)
        if t == 0:
            layout, state_tensors = _state_tensors(optimizers, params)
            states = torch.empty(steps, len(layout), 2, dtype=torch.float64)
            state_rows = states.unbind(0)
        if state_tensors:
            torch.stack(state_tensors, out=state_rows[t])

    with torch.no_grad():
        losses = surface(paths.reshape(-1, 2)).reshape(steps + 1, n)
    paths_np, losses_np, grads_np, states_np = paths.numpy(), losses.numpy(), grads.numpy(), states.numpy()
    diverged_at = _divergence(surface, paths_np)
    for i, step in enumerate(diverged_at):
        if step is not None:  # cut at the step it left: what follows is overflow, not a race
            paths_np[step + 1:, i] = losses_np[step + 1:, i] = np.nan
            grads_np[step:, i] = np.nan
            states_np[step:, [c for c, (racer, _) in enumerate(layout) if racer == i]] = np.nan
    return RaceResult(racers, paths_np, losses_np, grads_np, lrs, _unpack_states(states_np, layout, n), diverged_at)


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


def _state_tensors(optimizers, params: list[torch.Tensor]) -> tuple[list[tuple[int, str]], list[torch.Tensor]]:
    """(racer, state name) of every per-coordinate state tensor, and the tensors, fixed after the first step.

    torch updates these buffers in place, so the same tensors hold every later step's state.
    """
    found = []
    for optimizer in optimizers:
        for group in optimizer.param_groups:
            param = group["params"][0]
            racer = next(i for i, p in enumerate(params) if p is param)
            for name, value in optimizer.state[param].items():
                if torch.is_tensor(value) and value.shape == param.shape:
                    found.append(((racer, name), value))
    found.sort(key=lambda item: item[0])
    return [key for key, _ in found], [value for _, value in found]


def _unpack_states(stacked: np.ndarray, layout: list[tuple[int, str]], n: int) -> list[dict[str, np.ndarray]]:
    """Per racer: state name -> ``(S, 2)``, from ``stacked (S, len(layout), 2)``."""
    states: list[dict[str, np.ndarray]] = [{} for _ in range(n)]
    for column, (racer, name) in enumerate(layout):
        states[racer][name] = stacked[:, column]
    return states


def _divergence(surface: Surface, paths: np.ndarray) -> list[int | None]:
    """The first step at which each racer of ``paths (S+1, R, 2)`` became NaN/inf or left far beyond the plot."""
    (x0, x1), (y0, y1) = surface.x_range, surface.y_range
    dx, dy = x1 - x0, y1 - y0
    x, y = paths[1:, :, 0], paths[1:, :, 1]  # (S, R)
    outside = ~((x0 - dx <= x) & (x <= x1 + dx) & (y0 - dy <= y) & (y <= y1 + dy))  # NaN is outside too
    first = outside.argmax(axis=0)  # (R,) first True, or 0 when none
    return [int(step) + 1 if outside[step, i] else None for i, step in enumerate(first)]


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
