"""Activations and gradients through a deep MLP: vanishing and exploding gradients.

The classic experiment of CS231n and of the course notes: push a random batch through
``depth`` square layers ``Linear -> [BatchNorm] -> f``, put a classifier head on top with
random labels, backpropagate once, and look per layer at the distribution of the
activations and at the norm of the weight gradient ||dL/dW||. Backprop multiplies by
W^T diag(f'(z)) once per layer, so a per-layer factor below or above 1 shrinks or blows
up the gradient geometrically: sigmoid with N(0, 0.01^2) weights vanishes, ReLU with large
weights explodes, Xavier (tanh) and He (ReLU) keep the scale.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from core.activations.functions import make
from core.device import device
from core.errors import UserError

INITS = ("small", "xavier", "he", "custom")  # small = N(0, 0.01^2), as in the course notes
SMALL_STD = 0.01
MAX_DEPTH, MAX_WIDTH = 50, 512
SAMPLE = 300  # activation values kept per layer for the distribution plot


@dataclass(frozen=True)
class DepthConfig:
    """One run of the experiment. Frozen and hashable, so a page can cache on it."""

    depth: int = 10  # hidden layers, 1..50
    width: int = 256  # units per hidden layer, 16..512
    activation: str = "tanh"
    params: tuple[tuple[str, float], ...] = ()  # activation parameters as (name, value) pairs
    init: str = "xavier"
    std: float = 0.05  # used by init="custom" only
    batchnorm: bool = False
    batch: int = 256
    classes: int = 10
    seed: int = 0


@dataclass
class DepthResult:
    """Per hidden layer l = 1..depth (index l-1)."""

    samples: np.ndarray  # (depth, SAMPLE) activation values f(z_l) drawn from the batch
    act_mean: np.ndarray  # (depth,)
    act_std: np.ndarray  # (depth,)
    grad_norm: np.ndarray  # (depth,) Frobenius norm of dL/dW_l
    delta_norm: np.ndarray  # (depth,) norm of the backprop signal dL/dz_l, per example
    flat_fraction: np.ndarray  # (depth,) share of units with |f'(z)| < 1e-3: saturated or dead

    @staticmethod
    def ratio(norms: np.ndarray) -> float:
        """last / first layer: >> 1 the gradient vanishes towards the input, << 1 it explodes."""
        return float(norms[-1] / max(float(norms[0]), 1e-38))


def init_weight(weight: torch.Tensor, init: str, std: float) -> None:
    """Initialise a (out, in) weight in place with torch's own initialisers."""
    if init == "small":
        nn.init.normal_(weight, 0.0, SMALL_STD)
    elif init == "xavier":
        nn.init.xavier_normal_(weight)  # std = sqrt(2 / (n_in + n_out)) = sqrt(1/n) for square layers
    elif init == "he":
        nn.init.kaiming_normal_(weight, nonlinearity="relu")  # std = sqrt(2 / n_in)
    elif init == "custom":
        nn.init.normal_(weight, 0.0, std)
    else:
        raise UserError("act.err.unknown_init", name=init)


def _check(config: DepthConfig) -> None:
    if not 1 <= config.depth <= MAX_DEPTH or not 1 <= config.width <= MAX_WIDTH:
        raise UserError("act.err.depth_range", depth=MAX_DEPTH, width=MAX_WIDTH)
    if config.init == "custom" and not 0 < config.std <= 10:
        raise UserError("act.err.std_range")


def run_depth(config: DepthConfig) -> DepthResult:
    """One forward and backward pass of the configured MLP on a random batch."""
    _check(config)
    dev = device()
    generator = torch.Generator().manual_seed(config.seed)
    torch.manual_seed(config.seed)  # BatchNorm and PReLU have no generator argument
    params: Mapping[str, float] = dict(config.params)
    linears, blocks = [], []
    for _ in range(config.depth):
        linear = nn.Linear(config.width, config.width)
        init_weight(linear.weight, config.init, config.std)
        nn.init.zeros_(linear.bias)
        linears.append(linear)
        norm = [nn.BatchNorm1d(config.width)] if config.batchnorm else []
        blocks.append(nn.Sequential(linear, *norm, make(config.activation, params)))
    head = nn.Linear(config.width, config.classes)
    init_weight(head.weight, config.init, config.std)
    nn.init.zeros_(head.bias)
    blocks = [b.to(dev) for b in blocks]
    head = head.to(dev)

    x = torch.randn(config.batch, config.width, generator=generator).to(dev)  # (B, n)
    labels = torch.randint(config.classes, (config.batch,), generator=generator).to(dev)  # (B,)
    outputs, pre = [], []
    h = x
    for block in blocks:
        z = block[:-1](h)  # (B, n) pre-activation
        h = block[-1](z)  # (B, n)
        pre.append(z)
        outputs.append(h)
    loss = nn.functional.cross_entropy(head(h), labels)
    grads = torch.autograd.grad(loss, [lin.weight for lin in linears] + pre)
    weight_grads, deltas = grads[: config.depth], grads[config.depth:]
    with torch.no_grad():
        stacked = torch.stack([o.flatten() for o in outputs]).float()  # (depth, B*n)
        stacked = torch.nan_to_num(stacked, nan=0.0, posinf=3e38, neginf=-3e38)
        pick = torch.randperm(stacked.shape[1], generator=generator)[:SAMPLE].to(dev)
        flat = _flat_fraction(config, params, pre, dev)
        return DepthResult(
            samples=stacked[:, pick].cpu().numpy(),
            act_mean=stacked.mean(dim=1).cpu().numpy(),
            act_std=stacked.std(dim=1).cpu().numpy(),
            grad_norm=torch.stack([g.norm() for g in weight_grads]).float().cpu().numpy(),
            delta_norm=torch.stack([d.norm() / config.batch**0.5 for d in deltas]).float().cpu().numpy(),
            flat_fraction=flat,
        )


def _flat_fraction(config: DepthConfig, params: Mapping[str, float], pre: list[torch.Tensor],
                   dev: torch.device) -> np.ndarray:
    """Share of pre-activations where the local slope |f'(z)| < 1e-3 (saturated or dead), per layer."""
    module = make(config.activation, params).to(dev)
    shares = []
    for z in pre:
        z = z.detach().requires_grad_(True)  # (B, n)
        with torch.enable_grad():
            (slope,) = torch.autograd.grad(module(z).sum(), z)
        shares.append((slope.abs() < 1e-3).float().mean())
    return torch.stack(shares).cpu().numpy()


def verdict(result: DepthResult) -> str:
    """``vanishing``, ``exploding`` or ``healthy``: how the backprop signal changes from the last layer to the first.

    A factor of 100 either way over the depth, or a signal already below float precision /
    far above 1, is what stalls or derails training in practice.
    """
    signal = result.delta_norm
    ratio = DepthResult.ratio(signal)
    if ratio > 100 or float(signal.max()) < 1e-12:
        return "vanishing"
    if ratio < 0.01 or float(signal.max()) > 1e6 or not np.isfinite(signal).all():
        return "exploding"
    return "healthy"
