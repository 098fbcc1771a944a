"""Racers: a ``torch.optim`` class with its hyperparameters, and learning-rate schedules.

Nothing here updates a parameter: ``build_optimizer`` returns the real torch optimizer and
``build_scheduler`` the real ``torch.optim.lr_scheduler`` object. Racers that share an optimizer
class and a schedule share one optimizer with one parameter group each, which is exactly what
parameter groups are for and saves Python overhead per step.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from torch.optim import lr_scheduler

from core.errors import UserError
from core.optimizers.surfaces import Surface

KINDS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam", "radam")
ADAPTIVE = frozenset({"adagrad", "rmsprop", "adam", "adamw", "nadam", "radam"})
ADAM_FAMILY = frozenset({"adam", "adamw", "nadam", "radam"})
# Which hyperparameters each kind exposes (beyond the learning rate).
HYPERPARAMETERS: dict[str, tuple[str, ...]] = {
    "sgd": (),
    "momentum": ("momentum",),
    "nesterov": ("momentum",),
    "adagrad": ("eps",),
    "rmsprop": ("alpha", "eps"),
    "adam": ("beta1", "beta2", "eps"),
    "adamw": ("beta1", "beta2", "eps", "weight_decay"),
    "nadam": ("beta1", "beta2", "eps"),
    "radam": ("beta1", "beta2", "eps"),
}
_CLASSES: dict[str, type[torch.optim.Optimizer]] = {
    "sgd": torch.optim.SGD, "momentum": torch.optim.SGD, "nesterov": torch.optim.SGD,
    "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop, "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW, "nadam": torch.optim.NAdam, "radam": torch.optim.RAdam,
}
# How each class runs its update: torch's fused kernel where it has one (one call per racer instead
# of ~8 tiny tensor ops), else the single-tensor loop, named explicitly: it is torch's own choice on
# CPU, and naming it skips torch's per-step check for devices that could run foreach kernels.
_IMPLEMENTATION: dict[type[torch.optim.Optimizer], dict[str, bool]] = {
    torch.optim.Adam: {"fused": True}, torch.optim.AdamW: {"fused": True}, torch.optim.Adagrad: {"fused": True},
}
# Default learning rate relative to the surface's lr_sgd (SGD family) or lr_adaptive (the rest):
# RMSprop's first steps are ~1/sqrt(1-α) = 10x its lr, Adagrad's steps shrink like 1/sqrt(t).
_LR_FACTOR = {"sgd": 1.0, "momentum": 0.2, "nesterov": 0.2, "adagrad": 5.0, "rmsprop": 0.1,
              "adam": 1.0, "adamw": 1.0, "nadam": 1.0, "radam": 1.0}
SCHEDULES = ("constant", "step", "exponential", "inverse", "warmup")


@dataclass(frozen=True)
class RacerSpec:
    """One racer: the optimizer kind and all its hyperparameters (torch's defaults otherwise)."""

    kind: str
    lr: float
    momentum: float = 0.9  # μ, SGD momentum and Nesterov
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    alpha: float = 0.99  # RMSprop's smoothing constant
    weight_decay: float = 0.01  # AdamW's decoupled weight decay λ

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise UserError("opt.err.kind", name=self.kind)
        if not self.lr > 0:
            raise UserError("opt.err.lr")


@dataclass(frozen=True)
class Schedule:
    """A learning-rate schedule, stepped once per optimizer step ("epoch" = step here)."""

    kind: str = "constant"
    step_size: int = 100  # step decay: multiply by step_gamma every step_size steps
    step_gamma: float = 0.5
    exp_gamma: float = 0.99  # exponential: lr0 · γ^t
    decay: float = 0.05  # inverse time, the course's lr0 / (1 + decay · t)
    warmup: int = 20  # linear warm-up from lr0 / warmup to lr0 over this many steps

    def __post_init__(self) -> None:
        if self.kind not in SCHEDULES:
            raise UserError("opt.err.schedule", name=self.kind)


def default_spec(kind: str, surface: Surface) -> RacerSpec:
    """The racer ``kind`` with a learning rate suited to ``surface`` and torch's other defaults."""
    base = surface.lr_adaptive if kind in ADAPTIVE else surface.lr_sgd
    return RacerSpec(kind=kind, lr=base * _LR_FACTOR[kind])


def optimizer_class(kind: str) -> type[torch.optim.Optimizer]:
    return _CLASSES[kind]


def group_options(spec: RacerSpec) -> dict[str, Any]:
    """The keyword arguments torch's optimizer takes for this racer (one parameter group)."""
    kind = spec.kind
    if kind == "sgd":
        return {"lr": spec.lr, "momentum": 0.0, "nesterov": False}
    if kind in ("momentum", "nesterov"):
        return {"lr": spec.lr, "momentum": spec.momentum, "nesterov": kind == "nesterov"}
    if kind == "adagrad":
        return {"lr": spec.lr, "eps": spec.eps}
    if kind == "rmsprop":
        return {"lr": spec.lr, "alpha": spec.alpha, "eps": spec.eps}
    options = {"lr": spec.lr, "betas": (spec.beta1, spec.beta2), "eps": spec.eps}
    if kind == "adamw":
        options["weight_decay"] = spec.weight_decay
    return options


def build_optimizer(kind: str, params_and_specs: list[tuple[torch.Tensor, RacerSpec]]) -> torch.optim.Optimizer:
    """One torch optimizer of ``kind``'s class, one parameter group per racer."""
    groups = [{"params": [param], **group_options(spec)} for param, spec in params_and_specs]
    defaults = {k: v for k, v in groups[0].items() if k != "params"}
    cls = optimizer_class(kind)
    try:
        return cls(groups, **defaults, **_IMPLEMENTATION.get(cls, {"foreach": False}))
    except ValueError as error:  # torch validates hyperparameters (β in [0, 1), ε ≥ 0 …)
        raise UserError("opt.err.hyper", detail=str(error)) from error


def build_scheduler(optimizer: torch.optim.Optimizer, schedule: Schedule) -> lr_scheduler.LRScheduler | None:
    """The torch scheduler for ``schedule``; None for a constant learning rate."""
    if schedule.kind == "step":
        return lr_scheduler.StepLR(optimizer, step_size=schedule.step_size, gamma=schedule.step_gamma)
    if schedule.kind == "exponential":
        return lr_scheduler.ExponentialLR(optimizer, gamma=schedule.exp_gamma)
    if schedule.kind == "inverse":
        decay = schedule.decay
        return lr_scheduler.LambdaLR(optimizer, lambda t: 1.0 / (1.0 + decay * t))
    if schedule.kind == "warmup":
        return lr_scheduler.LinearLR(optimizer, start_factor=1.0 / max(schedule.warmup, 1), end_factor=1.0,
                                     total_iters=max(schedule.warmup - 1, 1))
    return None
