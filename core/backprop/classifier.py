"""A linear classifier on 2-D points (3 classes): scores, both losses, decision regions, gradient descent.

The points are those of cs231n's linear-classifier demo. The losses are the ones of ``losses.py``
averaged over the points plus λ‖W‖²; gradient descent uses autograd on them.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from core.backprop.losses import cross_entropy, cross_entropy_terms, hinge_loss, hinge_terms

POINTS = ((0.5, 0.4), (0.8, 0.3), (0.3, 0.8), (-0.4, 0.3), (-0.3, 0.7), (-0.7, 0.2), (0.7, -0.4), (0.5, -0.6),
          (-0.4, -0.5))
LABELS = (0, 0, 0, 1, 1, 1, 2, 2, 2)
DEFAULT_W = ((1.0, 2.0), (2.0, -4.0), (3.0, -1.0))
DEFAULT_B = (0.0, 0.5, -0.5)
LOSS_KINDS = ("hinge", "softmax")
LIMIT = 1.0  # the plane shown is [−1, 1]²
MAX_STEPS = 100


def data() -> tuple[torch.Tensor, torch.Tensor]:
    """Points ``(N, 2)`` float64 and labels ``(N,)``."""
    return torch.tensor(POINTS, dtype=torch.float64), torch.tensor(LABELS)


def objective(kind: str, w: torch.Tensor, b: torch.Tensor, lam: float) -> torch.Tensor:
    """Mean data loss of ``kind`` over the points plus λ‖W‖²; ``w (3, 2)``, ``b (3,)``."""
    x, y = data()
    s = x @ w.T + b  # (N, 3)
    data_loss = hinge_loss(s, y) if kind == "hinge" else cross_entropy(s, y)
    return data_loss + lam * (w**2).sum()


def regions(w: torch.Tensor, b: torch.Tensor, size: int = 120) -> torch.Tensor:
    """The winning class at each point of a ``size × size`` grid over the plane (row 0 = lowest y)."""
    axis = torch.linspace(-LIMIT, LIMIT, size, dtype=torch.float64)
    gy, gx = torch.meshgrid(axis, axis, indexing="ij")
    grid = torch.stack([gx, gy], -1)  # (size, size, 2)
    return (grid @ w.T + b).argmax(-1)  # (size, size)


@dataclass(frozen=True)
class Descent:
    """Gradient descent from the sliders' W, b: ``w (T+1, 3, 2)``, ``b (T+1, 3)``, both losses per step."""

    w: torch.Tensor
    b: torch.Tensor
    hinge: tuple[float, ...]
    softmax: tuple[float, ...]
    accuracy: tuple[float, ...]


def _history(ws: torch.Tensor, bs: torch.Tensor, lam: float) -> tuple[list[float], list[float], list[float]]:
    """Both objectives and the accuracy for every step at once: ``ws (T, 3, 2)``, ``bs (T, 3)``."""
    x, y = data()
    s = x @ ws.mT + bs[:, None, :]  # (T, N, 3)
    flat, labels = s.reshape(-1, 3), y.repeat(len(ws))  # (T·N, 3), (T·N,)
    reg = lam * (ws**2).sum((1, 2))  # (T,)
    hinge = hinge_terms(flat, labels).sum(1).view(len(ws), -1).mean(1) + reg
    soft = cross_entropy_terms(flat, labels).view(len(ws), -1).mean(1) + reg
    accuracy = (s.argmax(-1) == y).double().mean(1)
    return hinge.tolist(), soft.tolist(), accuracy.tolist()


def descend(w: torch.Tensor, b: torch.Tensor, kind: str, lr: float, steps: int, lam: float) -> Descent:
    """``steps`` steps of plain gradient descent on the ``kind`` loss; both losses recorded on the way."""
    w, b = w.double().clone().requires_grad_(), b.double().clone().requires_grad_()
    ws, bs = [w.detach().clone()], [b.detach().clone()]
    for _ in range(steps):
        gw, gb = torch.autograd.grad(objective(kind, w, b, lam), (w, b))
        with torch.no_grad():
            w -= lr * gw
            b -= lr * gb
        ws.append(w.detach().clone()), bs.append(b.detach().clone())
    w_all, b_all = torch.stack(ws), torch.stack(bs)  # (T+1, 3, 2), (T+1, 3)
    hinge, soft, accuracy = _history(w_all, b_all, lam)
    return Descent(w_all, b_all, tuple(hinge), tuple(soft), tuple(accuracy))
