"""Vanishing and exploding gradients through time, measured by autograd on torch's own layers.

For a text read one character at a time, ‖∂h_T/∂h_t‖ (spectral norm of the Jacobian of the last
hidden state with respect to an earlier one) against the distance T − t. A plain RNN multiplies
T − t Jacobians ``diag(1 − h²) W_hh``, so the norm behaves like ‖W_hh^L‖ ≤ σ_max(W_hh)^L: it shrinks
or grows geometrically (Pascanu et al. 2013). The LSTM's cell state adds ``f ⊙ c`` instead of
multiplying by a matrix, so with forget gates near 1 the signal from far back survives longer.

All Jacobian rows come from ONE backward pass: the window is copied H times along the batch and
copy k back-propagates only its unit k (copies are independent, so row k lands in batch slot k).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch

from core.rnn import vocab as voc
from core.rnn.model import CELLS, CharRNN, ModelConfig, build
from core.rnn.train import TrainSettings, train_cells

STATES = ("untrained", "clipped", "unclipped")  # the model at initialisation, trained with / without clipping


def jacobian_norms(model: CharRNN, ids: torch.Tensor) -> np.ndarray:
    """‖∂h_T/∂h_t‖₂ for ``ids`` (T,): entry L − 1 is distance L = T − t, L = 1 … T − 1.

    ``h`` is the stacked hidden state of every layer (for the LSTM ``h`` only; ``c_t`` is held fixed,
    its path to ``h_T`` through later steps still counts). ``h_T`` is the top layer's.
    """
    config = model.config
    hidden, layers, length = config.hidden, config.layers, len(ids)
    x = model.embed(ids).detach()[None].expand(hidden, -1, -1)  # (H copies, T, E)
    h = torch.zeros(layers, hidden, hidden, requires_grad=True)  # (layers, B=H, H)
    state = (h, torch.zeros(layers, hidden, hidden)) if config.cell == "lstm" else h
    hs = []
    for t in range(length):
        _, state = model.recurrent(x[:, t:t + 1], state)  # torch's layer, one step at a time
        hs.append(state[0] if isinstance(state, tuple) else state)  # (layers, H, H)
    top = hs[-1][-1]  # (B=H, H): copy k's final top-layer state
    grads = torch.autograd.grad(top.diagonal().sum(), hs[:-1])  # each (layers, B, H): copy k → row k
    rows = torch.stack(grads).permute(0, 2, 1, 3).reshape(length - 1, hidden, layers * hidden)  # (T−1, H, layers·H)
    norms = torch.linalg.matrix_norm(rows, ord=2)  # (T−1,) for t = 0 … T−2
    return norms.flip(0).numpy()  # distance 1 first


def windows(text_ids: torch.Tensor, length: int, count: int) -> list[torch.Tensor]:
    """``count`` evenly spaced windows of ``length`` ids."""
    starts = torch.linspace(0, len(text_ids) - length, count).long().tolist()
    return [text_ids[s:s + length] for s in starts]


def mean_norms(model: CharRNN, text_ids: torch.Tensor, distance: int, count: int = 4) -> np.ndarray:
    """Geometric mean over ``count`` windows of the norms at distances 1 … ``distance``: (distance,)."""
    logs = [np.log(jacobian_norms(model, w) + 1e-30) for w in windows(text_ids, distance + 1, count)]
    return np.exp(np.mean(logs, axis=0))


def power_norms(w: torch.Tensor, max_power: int) -> np.ndarray:
    """‖W^L‖₂ for L = 1 … max_power: the plain RNN's Jacobian product with the tanh' factors left out."""
    norms, power = [], torch.eye(w.shape[0], dtype=torch.float64)
    for _ in range(max_power):
        power = power @ w.double()
        norms.append(float(torch.linalg.matrix_norm(power, ord=2)))
    return np.array(norms)


@dataclass(frozen=True)
class Study:
    """Gradient norms against distance for each (cell, state), and the W^L argument for the plain RNN."""

    distances: np.ndarray  # (D,) 1 … D
    norms: dict[tuple[str, str], np.ndarray]  # (cell, state) -> (D,)
    w_power: dict[str, np.ndarray]  # state -> ‖W_hh^L‖ of the plain RNN's first layer, (D,)
    sigma_max: dict[str, float]  # state -> σ_max(W_hh)
    radius: dict[str, float]  # state -> spectral radius of W_hh
    final_bpc: dict[tuple[str, str], float]  # (cell, trained state) -> held-out bits per character

    def summary(self, at: int) -> dict[str, str]:
        """Formatted numbers at distance ``at`` (or the largest measured): ``rnn_clipped`` … ``sigma``, ``radius``."""
        at = min(at, len(self.distances))
        values = {f"{cell}_{state}": f"{norms[at - 1]:.2e}" for (cell, state), norms in self.norms.items()}
        return {"at": str(at), **values, "sigma": f"{self.sigma_max.get('clipped', 0):.2f}",
                "radius": f"{self.radius.get('clipped', 0):.2f}"}

    def table(self) -> dict[str, np.ndarray]:
        """Columns: the distance L, then one column per (cell, state)."""
        return {"L": self.distances, **{f"{cell}/{state}": v for (cell, state), v in self.norms.items()}}


def study(text: str, settings: TrainSettings, distance: int = 50, cells: tuple[str, ...] = CELLS,
          report=None, stopped=lambda: False) -> Study:
    """Train every cell with clipping (``settings.clip``) and without, then measure all of them."""
    vocab = voc.Vocab.of(text)
    ids = vocab.encode(text)[-max(20 * distance, len(text) // 10):]  # (N,) held-out end of the text
    models: dict[tuple[str, str], CharRNN] = {}
    final: dict[tuple[str, str], float] = {}
    for cell in cells:
        config = ModelConfig(len(vocab), cell, settings.hidden, settings.layers, settings.embedding)
        models[(cell, "untrained")] = build(config, settings.seed).requires_grad_(False)
    for state, clip in (("clipped", settings.clip or 1.0), ("unclipped", 0.0)):
        trained = train_cells(text, cells, replace(settings, clip=clip), report, stopped)
        for cell, result in trained.items():
            models[(cell, state)] = result.model
            final[(cell, state)] = result.curve.eval_bpc[-1]
    norms = {key: mean_norms(model, ids, distance) for key, model in models.items()}
    w_power, sigma, radius = {}, {}, {}
    for state in STATES:
        if ("rnn", state) in models:
            w = models[("rnn", state)].recurrent.weight_hh_l0.detach()  # (H, H)
            w_power[state] = power_norms(w, distance)
            sigma[state] = float(torch.linalg.matrix_norm(w, ord=2))
            radius[state] = float(torch.linalg.eigvals(w).abs().max())
    return Study(np.arange(1, distance + 1), norms, w_power, sigma, radius, final)
