"""The face book's geometry, for display: a map of its faces, and a first triplet to look at.

The map is a PCA projection (with a probe face), which only shrinks distances, so the distances
drawn on it are the Euclidean distances in the full 128-d space, measured here, not on the map.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from core.faces.geometry import pca_2d


@dataclass(frozen=True)
class FaceMap:
    points: list[tuple[float, float]]  # one per enrolled face, then the probe's (when given)
    explained: tuple[float, float]  # share of the variance on each axis
    distances: list[float]  # probe to each enrolled face in embedding space (empty without a probe)


def face_map(embeddings: torch.Tensor, probe: torch.Tensor | None = None) -> FaceMap:
    """Map (N, D) enrolled embeddings and an optional (D,) probe to 2-D, with probe distances."""
    together = embeddings if probe is None else torch.cat([embeddings, probe[None]])  # (N [+1], D)
    projection = pca_2d(together)
    distances = [] if probe is None else torch.linalg.vector_norm(embeddings - probe[None], dim=1).tolist()
    return FaceMap([tuple(p) for p in projection.points.tolist()], projection.explained, distances)


def default_triplet(names: Sequence[str]) -> tuple[int, int, int]:
    """Indices of a telling first triplet: the first face, another of the same person, one of someone else.

    Falls back to any other face where the book has no such pair (the page then says the labels do not fit).
    """
    if len(names) < 2:
        raise ValueError("a triplet needs at least two faces")
    same = [i for i in range(1, len(names)) if names[i] == names[0]]
    other = [i for i in range(len(names)) if names[i] != names[0]]
    return 0, (same or [1])[0], (other or [len(names) - 1])[0]
