"""A small MLP trained live on a 2-D dataset: decision boundary, train and test loss.

The whole training set is one batch (the sets are a few hundred points), so one step is a
few small matrix products. The loss is binary cross-entropy on one logit plus the course's
L2 term (lambda / 2m) * sum ||W||^2 over weight matrices (not biases). It runs on the CPU
on purpose: at this size a GPU spends more time launching kernels than computing.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from core.activations.datasets import Split
from core.activations.functions import make
from core.errors import UserError

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
MAX_LAYERS, MAX_NEURONS = 6, 64
MAX_STEPS = 20_000  # playing stops here, so a forgotten tab does not train forever on a shared server


@dataclass(frozen=True)
class NetConfig:
    """The network and its optimiser; changing any of these starts training afresh."""

    layers: int = 2
    neurons: int = 8
    activation: str = "relu"
    params: tuple[tuple[str, float], ...] = ()
    dropout: float = 0.0
    batchnorm: bool = False
    optimizer: str = "adam"
    seed: int = 0


def build_mlp(config: NetConfig) -> nn.Sequential:
    """2 inputs -> ``layers`` x [Linear -> (BatchNorm) -> f -> (Dropout)] -> 1 logit."""
    if not 1 <= config.layers <= MAX_LAYERS or not 1 <= config.neurons <= MAX_NEURONS:
        raise UserError("act.err.net_range", layers=MAX_LAYERS, neurons=MAX_NEURONS)
    torch.manual_seed(config.seed)
    params: Mapping[str, float] = dict(config.params)
    modules: list[nn.Module] = []
    width = 2
    for _ in range(config.layers):
        modules.append(nn.Linear(width, config.neurons))
        if config.batchnorm:
            modules.append(nn.BatchNorm1d(config.neurons))
        modules.append(make(config.activation, params))
        if config.dropout > 0:
            modules.append(nn.Dropout(config.dropout))
        width = config.neurons
    modules.append(nn.Linear(width, 1))
    return nn.Sequential(*modules)


def make_optimizer(name: str, parameters, lr: float) -> torch.optim.Optimizer:
    """torch's own optimisers; L2 is in the loss, not in weight_decay, so it is the same for all.

    The fused (one-kernel) variants where torch has them: with tensors this small, a step
    costs per-tensor call overhead, not arithmetic.
    """
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr, fused=True)
    if name == "momentum":
        return torch.optim.SGD(parameters, lr=lr, momentum=0.9, fused=True)
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, foreach=True)
    if name == "adam":
        return torch.optim.Adam(parameters, lr=lr, fused=True)
    raise UserError("act.err.unknown_optimizer", name=name)


@dataclass
class History:
    """One entry per evaluation (after each update of N steps)."""

    step: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)


class Playground:
    """The training state of one session: data, network, optimiser, step count and history."""

    def __init__(self, data: Split, config: NetConfig, lr: float = 0.03, l2: float = 0.0) -> None:
        self.data = data
        self.config = config
        self.model = build_mlp(config)
        self.optimizer = make_optimizer(config.optimizer, self.model.parameters(), lr)
        self.l2 = l2
        self.steps = 0
        self.history = History()
        self._x_train = torch.from_numpy(data.x_train)  # (M, 2)
        self._y_train = torch.from_numpy(data.y_train)  # (M,)
        self._x_test = torch.from_numpy(data.x_test)  # (T, 2)
        self._y_test = torch.from_numpy(data.y_test)  # (T,)
        self._weights = [m.weight for m in self.model if isinstance(m, nn.Linear)]
        self.evaluate()

    def set_hyper(self, lr: float, l2: float) -> None:
        """Learning rate and L2 strength can change while training goes on."""
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        self.l2 = l2

    def train(self, n_steps: int) -> None:
        """``n_steps`` full-batch gradient steps, then one evaluation for the curves."""
        self.model.train()
        m = len(self._y_train)
        for _ in range(n_steps):
            logits = self.model(self._x_train).squeeze(1)  # (M,)
            loss = nn.functional.binary_cross_entropy_with_logits(logits, self._y_train)
            if self.l2 > 0:
                loss = loss + self.l2 / (2 * m) * sum(w.pow(2).sum() for w in self._weights)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
        self.steps += n_steps
        self.evaluate()

    @torch.inference_mode()
    def evaluate(self) -> None:
        """Data loss (without the L2 term) and accuracy on both sets, in eval mode."""
        self.model.eval()
        h = self.history
        h.step.append(self.steps)
        for x, y, losses, accs in ((self._x_train, self._y_train, h.train_loss, h.train_acc),
                                   (self._x_test, self._y_test, h.test_loss, h.test_acc)):
            logits = self.model(x).squeeze(1)  # (N,)
            losses.append(float(nn.functional.binary_cross_entropy_with_logits(logits, y)))
            accs.append(float(((logits > 0).float() == y).float().mean()))

    @torch.inference_mode()
    def boundary(self, resolution: int = 100) -> tuple[np.ndarray, np.ndarray]:
        """The grid axis (R,) over the data's square view and P(class 1) on it, (R, R) [row = y]."""
        self.model.eval()
        axis = np.linspace(-self.data.extent, self.data.extent, resolution, dtype=np.float32)  # (R,)
        grid_x, grid_y = np.meshgrid(axis, axis)  # (R, R) each
        points = torch.from_numpy(np.stack([grid_x.ravel(), grid_y.ravel()], axis=1))  # (R*R, 2)
        probs = torch.sigmoid(self.model(points)).reshape(resolution, resolution)  # (R, R)
        return axis, probs.numpy()
