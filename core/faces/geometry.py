"""The geometry of verification: a 2-D map of embeddings, the triplet loss, error rates.

- PCA projects 128-d embeddings onto the two directions of largest variance, so distances
  between faces can be seen (approximately: a projection only shrinks distances).
- The triplet loss (Schroff et al. 2015, FaceNet) trains such a space: an anchor must be
  closer to a positive (same person) than to a negative (other person) by a margin alpha,
  L = max(d(A, P) - d(A, N) + alpha, 0).
- Genuine (same person) and impostor (different people) pair similarities show what a
  threshold costs: false accepts (impostors above it) against false rejects (genuines below).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import torch


@dataclass(frozen=True)
class Projection:
    points: torch.Tensor  # (N, 2)
    explained: tuple[float, float]  # share of total variance on each axis


def pca_2d(embeddings: torch.Tensor) -> Projection:
    """Project (N, D) embeddings on their first two principal axes (zeros for fewer than 2 distinct faces).

    scikit-learn's PCA fixes each axis' sign (largest loading positive), so the map does not flip between runs.
    """
    if not (embeddings != embeddings[:1]).any():  # N < 2 or one face repeated: no variance to share
        return Projection(torch.zeros((embeddings.shape[0], 2)), (0.0, 0.0))
    from sklearn.decomposition import PCA  # loaded with the first map, not with the page

    pca = PCA(n_components=2, svd_solver="full")
    points = pca.fit_transform(embeddings.float().cpu().numpy())  # (N, 2)
    share = pca.explained_variance_ratio_  # (2,)
    return Projection(torch.from_numpy(points), (float(share[0]), float(share[1])))


@dataclass(frozen=True)
class Triplet:
    d_ap: float  # anchor-positive distance
    d_an: float  # anchor-negative distance
    margin: float
    loss: float  # max(d_ap - d_an + margin, 0)


def triplet(anchor: torch.Tensor, positive: torch.Tensor, negative: torch.Tensor, margin: float) -> Triplet:
    """The triplet loss of three (D,) embeddings with Euclidean distances.

    Written out rather than ``F.triplet_margin_loss`` because that refuses margin 0, a value
    worth showing (the loss then only asks for the right order).
    """
    d_ap = torch.dist(anchor.float(), positive.float())
    d_an = torch.dist(anchor.float(), negative.float())
    return Triplet(float(d_ap), float(d_an), margin, float((d_ap - d_an + margin).clamp_min(0)))


@dataclass(frozen=True)
class PairScores:
    genuine: torch.Tensor  # (G,) cosine of same-person pairs
    impostor: torch.Tensor  # (I,) cosine of different-person pairs


def pair_scores(embeddings: torch.Tensor, labels: list[str]) -> PairScores:
    """Cosine of every unordered pair of (N, D) unit embeddings, split by whether labels match."""
    sims = embeddings.float() @ embeddings.float().T  # (N, N)
    genuine, impostor = [], []
    for i, j in combinations(range(len(labels)), 2):
        (genuine if labels[i] == labels[j] else impostor).append(float(sims[i, j]))
    return PairScores(torch.tensor(genuine), torch.tensor(impostor))


@dataclass(frozen=True)
class ErrorRates:
    far: float  # false accept rate: impostor pairs at or above the threshold
    frr: float  # false reject rate: genuine pairs below the threshold


def error_rates(scores: PairScores, threshold: float) -> ErrorRates:
    """FAR and FRR at ``threshold`` (NaN where there is no pair of that kind)."""
    far = float((scores.impostor >= threshold).float().mean()) if len(scores.impostor) else float("nan")
    frr = float((scores.genuine < threshold).float().mean()) if len(scores.genuine) else float("nan")
    return ErrorRates(far, frr)
