"""Gradient checking: two-sided differences against the backward pass, parameter by parameter.

The MLP (3 → 5 tanh → 3, cross-entropy on 8 points) has its tanh layer written by hand as a
``torch.autograd.Function``, the way one writes a custom layer: forward and backward. Its correct
backward uses tanh′ = 1 − y²; the planted bug uses 1 − y, a slip the check must catch. Autograd
runs the hand-written backward, so "analytic" below is what a training loop would get.

    numeric = (J(θ + ε) − J(θ − ε)) / 2ε            (each element of each parameter in turn)
    relative error = ‖a − n‖ / (‖a‖ + ‖n‖)          (per parameter tensor)
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

SHAPES = {"W1": (3, 5), "b1": (5,), "W2": (5, 3), "b2": (3,)}
POINTS = 8
EPSILONS = tuple(10.0**-k for k in range(1, 13))
DEFAULT_EPS = 1e-5
FINE, SUSPICIOUS = 1e-7, 1e-5  # the usual verdicts: below FINE fine, above SUSPICIOUS probably a bug

Params = dict[str, torch.Tensor]


class HandTanh(torch.autograd.Function):
    """tanh with a hand-written backward; ``bug=True`` plants the wrong derivative 1 − y."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, bug: bool) -> torch.Tensor:
        y = torch.tanh(x)
        ctx.save_for_backward(y)
        ctx.bug = bug
        return y

    @staticmethod
    def backward(ctx, grad: torch.Tensor) -> tuple[torch.Tensor, None]:
        (y,) = ctx.saved_tensors
        local = 1 - y if ctx.bug else 1 - y * y
        return grad * local, None


def problem(dtype: torch.dtype = torch.float64, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor, Params]:
    """Points ``x (N, 3)``, labels ``y (N,)`` and the MLP's parameters, the same numbers in any dtype."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(POINTS, 3, generator=generator, dtype=torch.float64)
    y = torch.randint(0, 3, (POINTS,), generator=generator)
    params = {name: 0.8 * torch.randn(shape, generator=generator, dtype=torch.float64) for name, shape in SHAPES.items()}
    return x.to(dtype), y, {name: p.to(dtype) for name, p in params.items()}


def loss(params: Params, x: torch.Tensor, y: torch.Tensor, bug: bool = False) -> torch.Tensor:
    """J(θ): cross-entropy of the MLP on the points.

    A parameter may carry leading batch dimensions (``W1 (K, 3, 5)``, ``b1 (K, 5)``): then J is ``(K,)``,
    one loss per perturbed copy, which is how ``numeric`` runs all its forward passes at once.
    """
    hidden = HandTanh.apply(x @ params["W1"] + params["b1"][..., None, :], bug)  # (..., N, 5)
    logits = hidden @ params["W2"] + params["b2"][..., None, :]  # (..., N, 3)
    picked = logits.log_softmax(-1).gather(-1, y.expand(*logits.shape[:-1])[..., None])  # (..., N, 1)
    return -picked[..., 0].mean(-1)  # (...)


def analytic(params: Params, x: torch.Tensor, y: torch.Tensor, bug: bool = False) -> Params:
    """The backward pass's gradients (autograd through the hand-written tanh backward)."""
    leaves = {name: p.detach().clone().requires_grad_() for name, p in params.items()}
    grads = torch.autograd.grad(loss(leaves, x, y, bug), list(leaves.values()))
    return dict(zip(leaves, grads))


@torch.no_grad()
def numeric(params: Params, x: torch.Tensor, y: torch.Tensor, eps: float) -> Params:
    """Two-sided differences for every element; forward passes only, so the bug cannot reach them.

    Each element is nudged in its own copy of the parameter: ``2m`` copies of an ``m``-element
    parameter go through one batched forward pass (the same sums as ``m`` separate pairs).
    """
    grads: Params = {}
    for name, param in params.items():
        m = param.numel()
        nudge = eps * torch.eye(m, dtype=param.dtype).view(m, *param.shape)  # (m, *shape)
        copies = torch.cat([param + nudge, param - nudge])  # (2m, *shape)
        j = loss({**params, name: copies}, x, y)  # (2m,)
        grads[name] = ((j[:m] - j[m:]) / (2 * eps)).view(param.shape)
    return grads


def relative_error(a: torch.Tensor, b: torch.Tensor) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are zero."""
    denominator = float(a.norm() + b.norm())
    return float((a - b).norm()) / denominator if denominator > 0 else 0.0


def verdict(error: float) -> str:
    return "fine" if error < FINE else ("suspicious" if error > SUSPICIOUS else "borderline")


@dataclass(frozen=True)
class ParamCheck:
    name: str
    shape: tuple[int, ...]
    analytic_norm: float
    numeric_norm: float
    error: float

    @property
    def verdict(self) -> str:
        return verdict(self.error)


def check(dtype: torch.dtype = torch.float64, eps: float = DEFAULT_EPS, bug: bool = False) -> list[ParamCheck]:
    """The gradient check of every parameter of the MLP."""
    return _checks(dtype, (eps,), bug)[0]


def error_curve(dtype: torch.dtype, bug: bool = False, epsilons: tuple[float, ...] = EPSILONS) -> list[float]:
    """The largest relative error over the parameters for each ε: truncation error on the left, round-off on the right."""
    return [max(c.error for c in checks) for checks in _checks(dtype, epsilons, bug)]


def _checks(dtype: torch.dtype, epsilons: tuple[float, ...], bug: bool) -> list[list[ParamCheck]]:
    """One check per ε; the problem and its backward pass are the same for all of them."""
    x, y, params = problem(dtype)
    a = analytic(params, x, y, bug)
    result = []
    for eps in epsilons:
        n = numeric(params, x, y, eps)
        result.append([ParamCheck(name, tuple(params[name].shape), float(a[name].norm()), float(n[name].norm()),
                                  relative_error(a[name], n[name])) for name in params])
    return result
