"""Why logistic regression uses log loss: J(w) of ``σ(w x)`` under squared error and under cross-entropy.

With the sigmoid inside, squared error gives a J(w) that flattens out and bends the wrong way
(negative curvature: non-convex, gradient descent can stall on a plateau); cross-entropy gives a
convex J(w), one valley. Curvatures come from autograd (a second ``grad`` of the first).
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

# A 1-D, not quite separable set: the point at x = −1 labelled 1 keeps the optimum finite.
DATA_X = (-3.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 3.0)
DATA_Y = (0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0)
W_RANGE = (-8.0, 8.0)
GRID = 321


def data() -> tuple[torch.Tensor, torch.Tensor]:
    """``x (N,)``, ``y (N,)`` in float64."""
    return torch.tensor(DATA_X, dtype=torch.float64), torch.tensor(DATA_Y, dtype=torch.float64)


def squared_error(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean of (σ(w x) − y)² for every w at once: ``w (K,)`` -> ``(K,)``."""
    return ((torch.sigmoid(w[:, None] * x) - y) ** 2).mean(1)  # (K, N) -> (K,)


def log_loss(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy −[y log σ(w x) + (1 − y) log(1 − σ(w x))]: ``w (K,)`` -> ``(K,)``."""
    logits = w[:, None] * x  # (K, N)
    return F.binary_cross_entropy_with_logits(logits, y.expand_as(logits), reduction="none").mean(1)


LOSSES = {"mse": squared_error, "ce": log_loss}


@dataclass(frozen=True)
class Curve:
    """J, J′ and J″ on the w grid for one loss; ``convex`` when J″ ≥ 0 everywhere on it."""

    w: tuple[float, ...]
    j: tuple[float, ...]
    slope: tuple[float, ...]
    curvature: tuple[float, ...]

    @property
    def convex(self) -> bool:
        return min(self.curvature) >= -1e-12


def curve(loss: str, w: torch.Tensor | None = None) -> Curve:
    """J(w) and its first two derivatives (autograd) for ``loss`` in ``LOSSES`` on a grid of w."""
    w = (torch.linspace(*W_RANGE, GRID, dtype=torch.float64) if w is None else w.double()).requires_grad_()
    x, y = data()
    j = LOSSES[loss](w, x, y)  # (K,)
    (slope,) = torch.autograd.grad(j.sum(), w, create_graph=True)  # each J depends on its own w only
    (curvature,) = torch.autograd.grad(slope.sum(), w)
    return Curve(tuple(w.tolist()), tuple(j.tolist()), tuple(slope.tolist()), tuple(curvature.tolist()))
