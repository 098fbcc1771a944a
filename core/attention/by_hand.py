"""Scaled dot-product attention written out step by step, so each intermediate can be shown.

softmax(Q Kᵀ / (√d · τ)) V, with a temperature τ: τ < 1 sharpens the weights towards the best
match, τ > 1 flattens them towards a plain average. τ = 1 is the transformer's formula.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Steps:
    scores: torch.Tensor  # (Tq, Tk) Q Kᵀ
    scaled: torch.Tensor  # (Tq, Tk) Q Kᵀ / (√d · τ)
    weights: torch.Tensor  # (Tq, Tk) softmax of each row
    output: torch.Tensor  # (Tq, dv) weights × V


def attention_steps(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, temperature: float = 1.0) -> Steps:
    """Every step of attention for queries (Tq, d), keys (Tk, d), values (Tk, dv)."""
    if q.shape[-1] != k.shape[-1] or k.shape[0] != v.shape[0] or temperature <= 0:
        raise ValueError("need Q (Tq, d), K (Tk, d), V (Tk, dv) and a temperature > 0; "
                         f"got {tuple(q.shape)}, {tuple(k.shape)}, {tuple(v.shape)}, τ={temperature}")
    scores = q @ k.T  # (Tq, Tk)
    scaled = scores / (math.sqrt(q.shape[-1]) * temperature)
    weights = torch.softmax(scaled, dim=-1)
    return Steps(scores=scores, scaled=scaled, weights=weights, output=weights @ v)


def start_matrix(rows: int, cols: int, seed: int) -> torch.Tensor:
    """A small (rows, cols) matrix of one-decimal values to start editing from; the same for a seed."""
    generator = torch.Generator().manual_seed(seed)
    return torch.round(torch.randn(rows, cols, generator=generator) * 10) / 10


def torch_difference(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, temperature: float,
                     output: torch.Tensor) -> float:
    """Largest gap between ``output`` and torch's own scaled dot-product attention on the same inputs."""
    scale = 1 / (math.sqrt(q.shape[-1]) * temperature)
    reference = torch.nn.functional.scaled_dot_product_attention(q, k, v, scale=scale)  # (Tq, dv)
    return float((reference - output).abs().max())
