"""2-D two-class toy datasets for the playground (as in TensorFlow Playground), made with numpy.

Every dataset lies roughly in [-1, 1]^2 before noise; ``noise`` is the std of Gaussian noise
added to the coordinates, so classes start to overlap around 0.2-0.3.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import UserError

DATASETS = ("circles", "xor", "spirals", "blobs", "moons")
MAX_POINTS = 2000


@dataclass(frozen=True)
class Split:
    """Train and test parts: points (N, 2) float32, labels (N,) float32 in {0, 1}."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def extent(self) -> float:
        """Half-width of a square view that holds every point with a margin."""
        return float(max(np.abs(self.x_train).max(initial=1.0), np.abs(self.x_test).max(initial=1.0)) * 1.1)


def _circles(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = (np.arange(n) % 2).astype(np.float32)  # 1 = inner disc, 0 = outer ring
    radius = np.where(y == 1, rng.uniform(0.0, 0.45, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1), y


def _xor(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = (np.arange(n) % 2).astype(np.float32)  # 1 = x and y of the same sign
    magnitude = rng.uniform(0.05, 1.0, (n, 2))  # a small gap along the axes
    sign_x = rng.choice([-1.0, 1.0], n)
    sign_y = np.where(y == 1, sign_x, -sign_x)
    return magnitude * np.stack([sign_x, sign_y], axis=1), y


def _spirals(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = (np.arange(n) % 2).astype(np.float32)
    t = rng.uniform(0.05, 1.0, n)  # position along the arm, 0 = centre
    angle = t * 3.5 * np.pi + np.pi * y  # the second arm is the first turned by 180°
    return np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1), y


def _blobs(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = (np.arange(n) % 2).astype(np.float32)
    centres = np.where(y[:, None] == 1, [0.5, 0.5], [-0.5, -0.5])
    return centres + rng.normal(0, 0.2, (n, 2)), y


def _moons(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = (np.arange(n) % 2).astype(np.float32)
    angle = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    lower = np.stack([1 - np.cos(angle), 0.5 - np.sin(angle)], axis=1)
    points = np.where(y[:, None] == 0, upper, lower)
    return (points - [0.5, 0.25]) * [0.7, 1.0], y


_MAKERS = {"circles": _circles, "xor": _xor, "spirals": _spirals, "blobs": _blobs, "moons": _moons}


def make_dataset(name: str, n: int, noise: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points (n, 2) float32 and labels (n,) float32, half of each class."""
    if name not in _MAKERS:
        raise UserError("act.err.unknown_dataset", name=name)
    if not 4 <= n <= MAX_POINTS:
        raise UserError("act.err.points_range", low=4, high=MAX_POINTS)
    rng = np.random.default_rng(seed)
    points, labels = _MAKERS[name](n, rng)
    points = points + rng.normal(0, noise, points.shape)
    return points.astype(np.float32), labels.astype(np.float32)


def split(points: np.ndarray, labels: np.ndarray, train_fraction: float, seed: int = 0) -> Split:
    """A random train/test split; both parts keep at least two points."""
    n = len(points)
    n_train = min(max(int(round(n * train_fraction)), 2), n - 2)
    order = np.random.default_rng(seed + 1).permutation(n)
    train, test = order[:n_train], order[n_train:]
    return Split(points[train], labels[train], points[test], labels[test])
