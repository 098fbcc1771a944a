"""The values the race page offers on its select sliders, and the racers' default hyperparameters on them.

A link stores a select slider's value as text, so every default here is one of the offered steps.
"""
from __future__ import annotations

import numpy as np

from core.optimizers.racers import HYPERPARAMETERS, KINDS, default_spec
from core.optimizers.surfaces import SURFACE_IDS, get_surface

LR_OPTIONS = sorted({round(m * 10.0**e, 12) for e in range(-5, 2) for m in (1, 1.5, 2, 3, 5, 7)})
CHOICES: dict[str, list[float]] = {  # select-slider steps for hyperparameters; the others are 0…0.99 sliders
    "beta2": [0.9, 0.95, 0.99, 0.995, 0.999, 0.9999],
    "eps": [1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1e-1, 1.0],
    "alpha": [0.5, 0.9, 0.95, 0.99, 0.999],
    "weight_decay": [0.0, 0.001, 0.01, 0.1, 0.5],
}
EPS_TARGETS = [1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1]
DECAYS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0]


def nearest(options: list[float], value: float) -> float:
    """The option closest to ``value`` on a log scale (linear when either is 0)."""
    return min(options, key=lambda o: abs(np.log(o) - np.log(value)) if o > 0 and value > 0 else abs(o - value))


def default_lrs() -> dict[tuple[str, str], float]:
    """(surface id, racer kind) -> the default learning rate, on the LR_OPTIONS steps."""
    return {(s, kind): nearest(LR_OPTIONS, default_spec(kind, get_surface(s)).lr) for s in SURFACE_IDS for kind in KINDS}


def default_hyperparameters() -> dict[tuple[str, str], float]:
    """(racer kind, hyperparameter) -> its default, on the CHOICES steps where it has some (not per surface)."""
    defaults = {}
    for kind in KINDS:
        spec = default_spec(kind, get_surface("quadratic"))
        for name in HYPERPARAMETERS[kind]:
            value = float(getattr(spec, name))
            defaults[kind, name] = nearest(CHOICES[name], value) if name in CHOICES else value
    return defaults
