"""Loss surfaces on the plane, as torch functions of a batch of points, with their known minima.

Each surface maps ``xy: (N, 2)`` to ``(N,)`` so every racer is evaluated in one call, and the
same function draws the contour grid. ``lr_sgd`` / ``lr_adaptive`` are learning rates at which
plain SGD stays stable and an adaptive method moves visibly: they set the page's defaults,
because a good learning rate depends on the surface's curvature and size.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import torch
from torch import Tensor

from core.errors import UserError

SURFACE_IDS = ("quadratic", "rosenbrock", "beale", "himmelblau", "saddle", "rastrigin", "plateau")
DEFAULT_CONDITION = 50.0
MAX_CONDITION = 1000.0


@dataclass(frozen=True)
class Surface:
    """A loss ``f(x, y)`` on a plot window, its global minima and a sensible start."""

    id: str
    fn: Callable[[Tensor], Tensor]  # (N, 2) -> (N,)
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    minima: tuple[tuple[float, float], ...]  # empty: no minimum (the saddle is unbounded below)
    start: tuple[float, float]
    lr_sgd: float
    lr_adaptive: float
    log_contours: bool = True  # contour log(1 + f - f*) when values span many decades

    def __call__(self, xy: Tensor) -> Tensor:
        return self.fn(xy)

    @property
    def f_min(self) -> float | None:
        """The loss at the global minimum, or None when there is none."""
        if not self.minima:
            return None
        return float(self.fn(torch.tensor(self.minima, dtype=torch.float64)).min())

    def grid(self, n: int = 120) -> tuple[Tensor, Tensor, Tensor]:
        """``xs (n,)``, ``ys (n,)``, ``z (n, n)`` with ``z[i, j] = f(xs[j], ys[i])`` (plotly's layout)."""
        xs = torch.linspace(*self.x_range, n, dtype=torch.float64)
        ys = torch.linspace(*self.y_range, n, dtype=torch.float64)
        yy, xx = torch.meshgrid(ys, xs, indexing="ij")  # (n, n) each
        z = self.fn(torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=1)).reshape(n, n)
        return xs, ys, z

    def in_window(self, x: float, y: float) -> bool:
        return self.x_range[0] <= x <= self.x_range[1] and self.y_range[0] <= y <= self.y_range[1]


def quadratic(condition: float) -> Callable[[Tensor], Tensor]:
    """``f = (x² / κ + y²) / 2``: curvature 1 across the ravine, 1/κ along it (κ = condition number).

    One weighted sum of squares: three tensor ops, so the race's autograd pass each step is short
    (half the time of writing out the two terms).
    """
    half_curvature = torch.tensor([0.5 / condition, 0.5], dtype=torch.float64)  # (2,)

    def f(xy: Tensor) -> Tensor:
        return (xy * xy * half_curvature).sum(dim=1)
    return f


def rosenbrock(xy: Tensor) -> Tensor:
    """Rosenbrock's banana valley; minimum 0 at (1, 1)."""
    x, y = xy[:, 0], xy[:, 1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def beale(xy: Tensor) -> Tensor:
    """Beale's function: flat plateaus and sharp ridges; minimum 0 at (3, 0.5)."""
    x, y = xy[:, 0], xy[:, 1]
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def himmelblau(xy: Tensor) -> Tensor:
    """Himmelblau's function: four equal minima (value 0); where you end depends on where you start."""
    x, y = xy[:, 0], xy[:, 1]
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def saddle(xy: Tensor) -> Tensor:
    """``x² − y²``: a saddle at the origin, no minimum; the question is who escapes and how fast."""
    return xy[:, 0] ** 2 - xy[:, 1] ** 2


def rastrigin(xy: Tensor) -> Tensor:
    """Rastrigin's egg-crate: a bowl covered in local minima; global minimum 0 at the origin."""
    return 20 + (xy**2 - 10 * torch.cos(2 * math.pi * xy)).sum(dim=1)


def plateau(xy: Tensor) -> Tensor:
    """A high flat terrace (tiny gradients), a cliff (huge gradients), then a wide bowl around (1.5, 0).

    The terrace stalls plain SGD while adaptive methods rescale the tiny gradient; the cliff
    throws a large step, as in Goodfellow et al., Deep Learning, §8.2.4.
    """
    x, y = xy[:, 0], xy[:, 1]
    bowl = 1 - torch.exp(-((x - 1.5) ** 2 + y**2) / 2)
    cliff = 2 * torch.sigmoid(8 * (-1 - x))
    return bowl + cliff


@lru_cache(maxsize=64)
def get_surface(surface_id: str, condition: float = DEFAULT_CONDITION) -> Surface:
    """The surface ``surface_id``; ``condition`` is the quadratic's condition number κ (1…1000)."""
    if surface_id == "quadratic":
        if not 1.0 <= condition <= MAX_CONDITION:
            raise UserError("opt.err.condition", low=1, high=int(MAX_CONDITION))
        return Surface("quadratic", quadratic(condition), (-10.0, 10.0), (-4.0, 4.0), ((0.0, 0.0),),
                       start=(-8.0, 3.0), lr_sgd=1.5, lr_adaptive=0.3)
    surfaces = {
        "rosenbrock": Surface("rosenbrock", rosenbrock, (-2.0, 2.0), (-1.0, 3.0), ((1.0, 1.0),),
                              start=(-1.5, 2.5), lr_sgd=0.001, lr_adaptive=0.05),
        "beale": Surface("beale", beale, (-4.5, 4.5), (-4.5, 4.5), ((3.0, 0.5),),
                         start=(1.0, 1.5), lr_sgd=0.005, lr_adaptive=0.05),
        "himmelblau": Surface("himmelblau", himmelblau, (-5.0, 5.0), (-5.0, 5.0),
                              ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)),
                              start=(-0.5, -0.5), lr_sgd=0.01, lr_adaptive=0.1),
        "saddle": Surface("saddle", saddle, (-2.0, 2.0), (-2.0, 2.0), (), start=(1.8, 0.01),
                          lr_sgd=0.05, lr_adaptive=0.05, log_contours=False),
        "rastrigin": Surface("rastrigin", rastrigin, (-5.12, 5.12), (-5.12, 5.12), ((0.0, 0.0),),
                             start=(-4.2, 3.8), lr_sgd=0.002, lr_adaptive=0.1),
        "plateau": Surface("plateau", plateau, (-4.0, 3.0), (-2.0, 2.0), ((1.5, 0.0),),
                           start=(-3.5, 1.5), lr_sgd=0.5, lr_adaptive=0.05, log_contours=False),
    }
    if surface_id not in surfaces:
        raise UserError("opt.err.surface", name=surface_id)
    return surfaces[surface_id]


def typical_gradient(surface: Surface, n: int = 41) -> float:
    """The median gradient norm over the plot window: the unit for gradient noise on this surface."""
    xs = torch.linspace(*surface.x_range, n, dtype=torch.float64)
    ys = torch.linspace(*surface.y_range, n, dtype=torch.float64)
    yy, xx = torch.meshgrid(ys, xs, indexing="ij")
    xy = torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=1).requires_grad_(True)  # (n², 2)
    (grad,) = torch.autograd.grad(surface(xy).sum(), xy)
    return float(grad.norm(dim=1).median())
