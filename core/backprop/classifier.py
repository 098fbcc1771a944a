"""A linear classifier on 2-D points (3 classes): scores, both losses, decision regions, gradient descent.

The points are those of cs231n's linear-classifier demo. The losses are the ones of ``losses.py``
averaged over the points plus λ‖W‖². Gradient descent uses the closed-form gradients the notes derive
(tests check them against autograd): a hundred steps take milliseconds, so a slider stays live.
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
    """Points ``(N, 2)`` float64 and labels ``(N,)`` (fresh tensors: callers may do as they like with them)."""
    return torch.tensor(POINTS, dtype=torch.float64), torch.tensor(LABELS)


def objective(kind: str, w: torch.Tensor, b: torch.Tensor, lam: float,
              points: tuple[torch.Tensor, torch.Tensor] | None = None) -> torch.Tensor:
    """Mean data loss of ``kind`` over the points plus λ‖W‖²; ``w (3, 2)``, ``b (3,)``."""
    x, y = points or data()
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


def gradients(kind: str, w: torch.Tensor, b: torch.Tensor, lam: float,
              points: tuple[torch.Tensor, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """∂L/∂W ``(3, 2)`` and ∂L/∂b ``(3,)`` in closed form, the notes' vectorised gradients (tested against autograd).

    Both losses reach W through the scores: ∂L/∂W = (∂L/∂S)ᵀ X + 2λW and ∂L/∂b = Σ_i ∂L/∂S_i, with
    softmax: ∂L/∂S = (P − Y) / N;  hinge: ∂L/∂S_ij = [margin_ij > 0] / N, and −(their count) / N at the true class.
    """
    x, y = points
    s = x @ w.T + b  # (N, 3)
    rows = torch.arange(len(y))
    if kind == "hinge":
        ds = (hinge_terms(s, y) > 0).double()  # (N, 3), 0 at the true class
        ds[rows, y] = -ds.sum(1)
    else:
        ds = torch.softmax(s, 1)  # (N, 3)
        ds[rows, y] -= 1
    ds /= len(y)
    return ds.T @ x + 2 * lam * w, ds.sum(0)


def descend(w: torch.Tensor, b: torch.Tensor, kind: str, lr: float, steps: int, lam: float) -> Descent:
    """``steps`` steps of plain gradient descent on the ``kind`` loss; both losses recorded on the way."""
    points = data()
    ws, bs = [w.double()], [b.double()]
    for _ in range(steps):
        gw, gb = gradients(kind, ws[-1], bs[-1], lam, points)
        ws.append(ws[-1] - lr * gw), bs.append(bs[-1] - lr * gb)
    w_all, b_all = torch.stack(ws), torch.stack(bs)  # (T+1, 3, 2), (T+1, 3)
    hinge, soft, accuracy = _history(w_all, b_all, lam)
    return Descent(w_all, b_all, tuple(hinge), tuple(soft), tuple(accuracy))
