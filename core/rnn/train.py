"""Train char-level models, one or several cells side by side on the same batches.

Adam on the cross-entropy of the next character, gradients clipped by their global norm
(``torch.nn.utils.clip_grad_norm_``; 0 switches clipping off). The loss is reported in bits per
character (cross-entropy / ln 2): a model guessing uniformly over V characters scores log2 V.
Cells trained together see the very same batches, so their curves compare the cells, not the luck.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import torch
from torch import nn

from core.rnn import vocab as voc
from core.rnn.model import CharRNN, ModelConfig, build

LN2 = math.log(2)


@dataclass(frozen=True)
class TrainSettings:
    hidden: int = 128
    layers: int = 1
    seq_len: int = 64
    lr: float = 3e-3
    clip: float = 1.0  # max global gradient norm; 0 = no clipping
    steps: int = 300
    batch_size: int = 32
    embedding: int = 32
    seed: int = 0
    eval_every: int = 25  # steps between two measurements on held-out text


@dataclass
class Curve:
    """Bits per character over training: every step on its batch, and on held-out text now and then."""

    steps: list[int] = field(default_factory=list)
    train_bpc: list[float] = field(default_factory=list)
    eval_steps: list[int] = field(default_factory=list)
    eval_bpc: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)  # global norm before clipping


@dataclass
class Trained:
    """A trained model with what it was trained on."""

    model: CharRNN
    vocab: voc.Vocab
    settings: TrainSettings
    curve: Curve


Progress = dict[str, Curve]  # cell -> its curve so far (copies: safe to draw while training goes on)


def copy_curve(curve: Curve) -> Curve:
    return replace(curve, steps=list(curve.steps), train_bpc=list(curve.train_bpc), eval_steps=list(curve.eval_steps),
                   eval_bpc=list(curve.eval_bpc), grad_norm=list(curve.grad_norm))


@torch.no_grad()
def evaluate(model: CharRNN, data: torch.Tensor, seq_len: int, windows: int = 16) -> float:
    """Bits per character on up to ``windows`` evenly spaced windows of ``data``."""
    model.eval()
    count = max(1, min(windows, (len(data) - 1) // seq_len))
    starts = torch.linspace(0, len(data) - seq_len - 1, count).long()  # (W,)
    offsets = starts[:, None] + torch.arange(seq_len + 1)  # (W, T+1)
    windows_ = data[offsets]
    scores, _ = model(windows_[:, :-1])  # (W, T, V)
    loss = nn.functional.cross_entropy(scores.flatten(0, 1), windows_[:, 1:].flatten())
    model.train()
    return float(loss) / LN2


def train_cells(text: str, cells: tuple[str, ...], settings: TrainSettings,
                report: Callable[[Progress], None] | None = None,
                stopped: Callable[[], bool] = lambda: False) -> dict[str, Trained]:
    """Train one model per cell on ``text``, step by step in turn; stops early when ``stopped()``.

    ``report`` gets copies of every curve after each step. What was trained so far is returned.
    """
    voc.check_length(text, settings.seq_len)
    vocab = voc.Vocab.of(text)
    data = vocab.encode(text)  # (N,)
    train_data, held_out = voc.split(data, settings.seq_len)
    runs: dict[str, tuple[CharRNN, torch.optim.Optimizer, Curve]] = {}
    for cell in cells:
        config = ModelConfig(len(vocab), cell, settings.hidden, settings.layers, settings.embedding)
        model = build(config, settings.seed)
        runs[cell] = (model, torch.optim.Adam(model.parameters(), lr=settings.lr), Curve())
    generator = torch.Generator().manual_seed(settings.seed)
    for cell, (model, _, curve) in runs.items():
        curve.eval_steps.append(0)
        curve.eval_bpc.append(evaluate(model, held_out, settings.seq_len))
    for step in range(1, settings.steps + 1):
        if stopped():
            break
        x, y = voc.batch(train_data, settings.batch_size, settings.seq_len, generator)  # (B, T) each
        for model, optimizer, curve in runs.values():
            curve.steps.append(step)
            bpc, norm = train_step(model, optimizer, x, y, settings.clip)
            curve.train_bpc.append(bpc)
            curve.grad_norm.append(norm)
            if step % settings.eval_every == 0 or step == settings.steps:
                curve.eval_steps.append(step)
                curve.eval_bpc.append(evaluate(model, held_out, settings.seq_len))
        if report is not None:
            report({cell: copy_curve(curve) for cell, (_, _, curve) in runs.items()})
    return {cell: Trained(model.eval().requires_grad_(False), vocab, settings, curve)
            for cell, (model, _, curve) in runs.items()}


def train_step(model: CharRNN, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor,
               clip: float) -> tuple[float, float]:
    """One Adam step on a batch; returns (bits per character, gradient norm before clipping)."""
    scores, _ = model(x)  # (B, T, V)
    loss = nn.functional.cross_entropy(scores.flatten(0, 1), y.flatten())
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    max_norm = clip if clip > 0 else math.inf
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return float(loss.detach()) / LN2, float(norm)
