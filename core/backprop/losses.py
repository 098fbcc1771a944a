"""Scores and the two classic losses, written out the way the notes compute them.

``s = W x + b`` gives one score per class. The multiclass hinge (SVM) loss sums, over the wrong
classes, how far each score comes within the margin Δ of the true class's score. Softmax turns
scores into probabilities (exp, then normalise) and the cross-entropy is −log of the true
class's probability. Both are checked against ``F.multi_margin_loss`` and ``F.cross_entropy``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from core.errors import UserError

CLASSES = ("cat", "car", "frog")
# The notes' example: a 4-pixel image and 3 classes. W is cs231n's; x and b are chosen so that
# the scores are the notes' 3.2 (cat), 5.1 (car), −1.7 (frog).
DEFAULT_W = ((0.2, -0.5, 0.1, 2.0), (1.5, 1.3, 2.1, 0.0), (0.0, 0.25, 0.2, -0.3))
DEFAULT_B = (0.2, 1.9, -1.475)
DEFAULT_X = (1.0, 0.5, 0.5, 1.5)


def scores(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """``W (C, D) @ x (D,) + b (C,)`` -> scores ``(C,)``."""
    return w @ x + b  # (C,)


def hinge_terms(s: torch.Tensor, labels: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """``max(0, s_j − s_y + Δ)`` per example and class, 0 for the true class: ``(N, C)`` -> ``(N, C)``."""
    true = s.gather(1, labels[:, None])  # (N, 1)
    terms = (s - true + delta).clamp(min=0)  # (N, C)
    return terms.scatter(1, labels[:, None], 0.0)


def hinge_loss(s: torch.Tensor, labels: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """The notes' SVM loss: the sum over wrong classes, averaged over examples. ``s (N, C)``."""
    return hinge_terms(s, labels, delta).sum(1).mean()


def cross_entropy_terms(s: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """−log p_y per example as log-sum-exp minus the true score (exact where p_y underflows): ``(N,)``."""
    top = s.max(1, keepdim=True).values  # (N, 1)
    log_sum = top[:, 0] + (s - top).exp().sum(1).log()  # (N,)
    return log_sum - s.gather(1, labels[:, None])[:, 0]


def softmax_probs(s: torch.Tensor) -> torch.Tensor:
    """exp, then normalise; the largest score is subtracted first so exp never overflows. ``(N, C)``."""
    e = (s - s.max(1, keepdim=True).values).exp()  # (N, C), the same ratios as exp(s)
    return e / e.sum(1, keepdim=True)


def cross_entropy(s: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """The softmax (cross-entropy) loss averaged over examples. ``s (N, C)``."""
    return cross_entropy_terms(s, labels).mean()


@dataclass(frozen=True)
class LossReport:
    """Every number of the scores-and-losses panel for one image; tuples of floats per class."""

    scores: tuple[float, ...]
    exp: tuple[float, ...]  # exp(s) itself, as the notes show it (may be inf for huge scores)
    probs: tuple[float, ...]
    margins: tuple[float, ...]  # hinge term per class, 0 for the true class
    cross_entropy: float
    hinge: float
    regularisation: float  # λ ‖W‖²
    torch_cross_entropy: float  # F.cross_entropy
    torch_hinge: float  # F.multi_margin_loss × C (torch averages over the C classes)

    @property
    def total_softmax(self) -> float:
        return self.cross_entropy + self.regularisation

    @property
    def total_hinge(self) -> float:
        return self.hinge + self.regularisation


def report(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, label: int, delta: float, lam: float) -> LossReport:
    """Scores, softmax step by step, hinge terms, both losses, λ‖W‖², and torch's own numbers for each."""
    s = scores(w, b, x)[None]  # (1, C)
    if not torch.isfinite(s).all() or not math.isfinite(lam * float((w**2).sum())):
        raise UserError("bp.err.scores_not_finite")
    y = torch.tensor([label])
    classes = s.shape[1]
    return LossReport(
        scores=tuple(s[0].tolist()),
        exp=tuple(s[0].exp().tolist()),
        probs=tuple(softmax_probs(s)[0].tolist()),
        margins=tuple(hinge_terms(s, y, delta)[0].tolist()),
        cross_entropy=float(cross_entropy(s, y)),
        hinge=float(hinge_loss(s, y, delta)),
        regularisation=float(lam * (w**2).sum()),
        torch_cross_entropy=float(F.cross_entropy(s, y)),
        torch_hinge=float(F.multi_margin_loss(s, y, margin=delta) * classes),
    )
