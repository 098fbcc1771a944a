"""Inside one racer: its optimizer state over time, named the way the course writes the update.

torch keeps the raw buffers (``momentum_buffer``, ``exp_avg``, ``exp_avg_sq``, ``square_avg``,
``sum``); the bias-corrected moments m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t) and the effective
per-coordinate learning rate lr / (√v̂ + ε) are derived here from what the race recorded.
"""
from __future__ import annotations

import numpy as np

from core.optimizers.race import RaceResult
from core.optimizers.racers import ADAM_FAMILY

# Which series go in which panel of the "inside the optimizer" view.
PANELS: dict[str, tuple[str, ...]] = {
    "first": ("grad", "momentum_buffer", "m_hat"),
    "second": ("v_hat", "square_avg", "sum"),
    "step": ("step", "effective_lr"),
}


def inside(result: RaceResult, racer: int) -> dict[str, np.ndarray]:
    """Named ``(S, 2)`` series (one column per coordinate x, y) for racer ``racer``, step by step.

    Always ``grad`` (the gradient fed in) and ``step`` (|Δθ|, what the optimizer actually moved);
    then whatever this optimizer keeps: the momentum buffer b (torch's v = μb + g, so the
    course's velocity is −lr·b), Adam's m̂ and v̂, RMSprop's running square average, Adagrad's sum.
    """
    spec = result.racers[racer]
    state = result.states[racer]
    steps = result.steps
    t = np.arange(1, steps + 1, dtype=np.float64)[:, None]  # (S, 1), torch counts steps from 1
    lr = result.lrs[:, racer][:, None]  # (S, 1)
    series = {
        "grad": result.grads[:, racer],
        "step": np.abs(np.diff(result.paths[:, racer], axis=0)),
    }
    if "momentum_buffer" in state:
        series["momentum_buffer"] = state["momentum_buffer"]
    second = None
    if spec.kind in ADAM_FAMILY:
        series["m_hat"] = state["exp_avg"] / (1 - spec.beta1**t)
        series["v_hat"] = second = state["exp_avg_sq"] / (1 - spec.beta2**t)
    elif spec.kind == "rmsprop":
        series["square_avg"] = second = state["square_avg"]
    elif spec.kind == "adagrad":
        series["sum"] = second = state["sum"]
    if second is not None:
        series["effective_lr"] = lr / (np.sqrt(second) + spec.eps)
    return series
