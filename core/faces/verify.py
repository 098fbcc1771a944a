"""Compare two face embeddings and decide "same person" against a threshold.

Embeddings are unit vectors, so cosine similarity and Euclidean distance carry the same
information: ||a - b||^2 = 2 - 2 cos(a, b). The decision is cheap and separate from the
network, so moving the threshold re-decides without recomputing anything.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch

# OpenCV's FaceRecognizerSF threshold for SFace cosine similarity (LFW-tuned; opencv_zoo).
DEFAULT_THRESHOLD = 0.363


def cosine(a: torch.Tensor, b: torch.Tensor) -> float:
    """Cosine similarity of two unit (128,) embeddings, in [-1, 1]."""
    return float(torch.dot(a.float(), b.float()))


def l2_for_cosine(cos: float) -> float:
    """Euclidean distance between unit vectors with cosine ``cos``: sqrt(2 - 2 cos)."""
    return math.sqrt(max(0.0, 2.0 - 2.0 * cos))


@dataclass(frozen=True)
class Verdict:
    """A verification decision and the numbers behind it."""

    cosine: float
    l2: float
    threshold: float  # on cosine similarity
    same: bool
    margin: float  # cosine - threshold: how far from the decision boundary, signed

    @property
    def l2_threshold(self) -> float:
        """The same threshold expressed as a Euclidean distance (same person when l2 <= it)."""
        return l2_for_cosine(self.threshold)


def decide(a: torch.Tensor, b: torch.Tensor, threshold: float = DEFAULT_THRESHOLD) -> Verdict:
    """Same person when cos(a, b) >= threshold."""
    cos = cosine(a, b)
    l2 = float(torch.linalg.vector_norm(a.float() - b.float()))
    return Verdict(cos, l2, threshold, cos >= threshold, cos - threshold)
