"""Sinusoidal positional encoding (Vaswani et al. 2017) and how positions relate through it.

PE[pos, 2i] = sin(pos / base^(2i/d)),  PE[pos, 2i+1] = cos(pos / base^(2i/d)).
Each pair of dimensions is a clock turning at its own speed, so nearby positions get similar
vectors and PE[pos + k] is a fixed rotation of PE[pos].
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch


def sinusoidal(positions: int, dim: int, base: float = 10_000.0) -> torch.Tensor:
    """The (positions, dim) encoding matrix; ``dim`` must be even."""
    if dim % 2:
        raise ValueError(f"dim must be even, got {dim}")
    pos = torch.arange(positions, dtype=torch.float32)[:, None]  # (P, 1)
    freq = base ** (-torch.arange(0, dim, 2, dtype=torch.float32) / dim)  # (dim/2,)
    angles = pos * freq  # (P, dim/2)
    pe = torch.empty(positions, dim)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe


def similarity(pe: torch.Tensor) -> torch.Tensor:
    """(P, P) dot products of every pair of position vectors: high near the diagonal, fading with distance."""
    return pe @ pe.T


@dataclass(frozen=True)
class ModelInput:
    """The transformer's input and its two parts, each (T, d)."""

    embeddings: torch.Tensor  # token embeddings × √d
    encoding: torch.Tensor  # PE of positions 0..T-1
    total: torch.Tensor  # their sum


def add_to_embeddings(embeddings: torch.Tensor, base: float = 10_000.0) -> ModelInput:
    """The transformer's input: token embeddings (T, d) scaled by √d, plus the encoding of their positions.

    The √d scale (Vaswani et al. 2017, section 3.4) brings embeddings of small magnitude up to the
    ±1 range of the encoding, so neither drowns the other.
    """
    positions, dim = embeddings.shape
    scaled = embeddings * math.sqrt(dim)
    encoding = sinusoidal(positions, dim, base)
    return ModelInput(embeddings=scaled, encoding=encoding, total=scaled + encoding)
