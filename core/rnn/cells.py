"""One time step of each cell written out by hand from a torch layer's own weights.

These are the formulas of the torch documentation (gate order: GRU r, z, n; LSTM i, f, g, o),
used to show what happens inside a step and to record gates, which ``nn.LSTM`` does not expose.
They are never used for training; tests check they give torch's hidden states exactly.

    RNN:  h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
    GRU:  r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
          n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))    h' = (1 − z) ⊙ n + z ⊙ h
    LSTM: i, f, o = σ(·), g = tanh(·) of W_i* x + b_i* + W_h* h + b_h*
          c' = f ⊙ c + i ⊙ g    h' = o ⊙ tanh(c')
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

GATES = {"rnn": (), "gru": ("r", "z", "n"), "lstm": ("i", "f", "g", "o")}


@dataclass(frozen=True)
class LayerWeights:
    """One layer's parameters: ``w_ih`` (G·H, in), ``w_hh`` (G·H, H), biases (G·H,); G gates (1, 3 or 4)."""

    w_ih: torch.Tensor
    w_hh: torch.Tensor
    b_ih: torch.Tensor
    b_hh: torch.Tensor

    @classmethod
    def of(cls, layer: nn.RNNBase, index: int) -> LayerWeights:
        names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
        return cls(*(getattr(layer, f"{name}_l{index}").detach() for name in names))


@dataclass(frozen=True)
class Step:
    """What one step computed: the new ``h`` (and ``c``) and each gate's value, all (B, H)."""

    h: torch.Tensor
    c: torch.Tensor | None
    gates: dict[str, torch.Tensor]
    pre: torch.Tensor  # (B, G·H): W_ih x + b_ih + W_hh h + b_hh, the sums before the squashing functions


def rnn_step(w: LayerWeights, x: torch.Tensor, h: torch.Tensor) -> Step:
    """``x`` (B, in), ``h`` (B, H)."""
    pre = x @ w.w_ih.T + w.b_ih + h @ w.w_hh.T + w.b_hh  # (B, H)
    return Step(torch.tanh(pre), None, {}, pre)


def gru_step(w: LayerWeights, x: torch.Tensor, h: torch.Tensor) -> Step:
    gx = x @ w.w_ih.T + w.b_ih  # (B, 3H)
    gh = h @ w.w_hh.T + w.b_hh  # (B, 3H)
    xr, xz, xn = gx.chunk(3, dim=1)
    hr, hz, hn = gh.chunk(3, dim=1)
    r = torch.sigmoid(xr + hr)
    z = torch.sigmoid(xz + hz)
    n = torch.tanh(xn + r * hn)
    return Step((1 - z) * n + z * h, None, {"r": r, "z": z, "n": n}, gx + gh)


def lstm_step(w: LayerWeights, x: torch.Tensor, h: torch.Tensor, c: torch.Tensor) -> Step:
    pre = x @ w.w_ih.T + w.b_ih + h @ w.w_hh.T + w.b_hh  # (B, 4H)
    i, f, g, o = pre.chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g  # (B, H)
    return Step(o * torch.tanh(c_new), c_new, {"i": i, "f": f, "g": g, "o": o}, pre)


def step(cell: str, w: LayerWeights, x: torch.Tensor, h: torch.Tensor, c: torch.Tensor | None = None) -> Step:
    """One step of ``cell`` (``c`` only for the LSTM)."""
    if cell == "rnn":
        return rnn_step(w, x, h)
    if cell == "gru":
        return gru_step(w, x, h)
    if cell == "lstm":
        return lstm_step(w, x, h, c if c is not None else torch.zeros_like(h))
    raise ValueError(f"unknown cell {cell!r}")
