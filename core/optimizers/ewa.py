"""The exponentially weighted (moving) average of the course notes, the idea inside momentum and Adam.

v_0 = 0,  v_t = β·v_{t−1} + (1 − β)·θ_t  averages roughly the last 1 / (1 − β) values. Because it
starts at 0 the first values are too small; dividing by (1 − β^t) removes that bias.
"""
from __future__ import annotations

import numpy as np

from core.errors import UserError


def noisy_series(n: int = 200, seed: int = 0) -> np.ndarray:
    """``(n,)`` a seasonal signal plus Gaussian noise (like the course's daily temperatures)."""
    rng = np.random.default_rng(seed)
    days = np.arange(n)
    return 12 + 10 * np.sin(2 * np.pi * days / n) + rng.normal(0.0, 3.0, n)


def ewa(series: np.ndarray, beta: float, bias_correction: bool = False) -> np.ndarray:
    """``(n,)`` the exponentially weighted average of ``series``; optionally v_t / (1 − β^t)."""
    if not 0.0 <= beta < 1.0:
        raise UserError("opt.err.beta")
    averages = np.empty(len(series))
    v = 0.0
    for t, value in enumerate(series, start=1):
        v = beta * v + (1 - beta) * value
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages
