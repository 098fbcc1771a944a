"""The registry of activation functions, each built from torch's own modules.

An activation is an id, its tunable parameters and a few facts for the notes table. It
is built as an ``nn.Module`` (``make``), so the explorer, the depth experiment and the
playground all use the very same function, and the explorer's derivative f' comes from
autograd (``curve``), never from a hand-written formula.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from core.errors import UserError


class Swish(nn.Module):
    """x · sigmoid(βx) (Ramachandran et al. 2017); β = 1 is SiLU, β → ∞ tends to ReLU."""

    def __init__(self, beta: float = 1.0) -> None:
        super().__init__()
        self.beta = beta

    def forward(self, x: Tensor) -> Tensor:
        return x * torch.sigmoid(self.beta * x)


class _StepFn(torch.autograd.Function):
    """Heaviside step whose backward is the true derivative: zero (torch's heaviside has none)."""

    @staticmethod
    def forward(ctx, x: Tensor) -> Tensor:  # noqa: D102
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad: Tensor) -> Tensor:  # noqa: D102
        return torch.zeros_like(grad)


class Step(nn.Module):
    """The perceptron's threshold unit: 1 for x > 0, else 0. Its gradient is 0 everywhere."""

    def forward(self, x: Tensor) -> Tensor:
        return _StepFn.apply(x)


@dataclass(frozen=True)
class Param:
    """A tunable parameter of an activation (a slider in the page)."""

    name: str  # also the translation key suffix: act.param.<name>
    default: float
    low: float
    high: float


@dataclass(frozen=True)
class Activation:
    """One activation function and the facts the notes table shows."""

    id: str
    label: str  # the usual name, the same in every language
    build: Callable[..., nn.Module]  # build(**params) -> module
    params: tuple[Param, ...] = ()
    output_range: str = ""  # plain text, language-neutral
    zero_centred: bool = False
    saturates: str = "none"  # "both", "negative" or "none": where f' -> 0 for large |x|
    dead_units: bool = False  # can a unit get stuck where f' = 0 for every input?
    cost: str = "cheap"  # "cheap" (compare / multiply), "exp" (one exp), "heavy" (exp + log / tanh / erf)
    trainable: bool = True  # False when f' = 0 almost everywhere: gradient descent cannot learn


ACTIVATIONS: dict[str, Activation] = {
    a.id: a
    for a in [
        Activation("sigmoid", "Sigmoid", nn.Sigmoid, output_range="(0, 1)", saturates="both", cost="exp"),
        Activation("tanh", "tanh", nn.Tanh, output_range="(−1, 1)", zero_centred=True, saturates="both",
                   cost="exp"),
        Activation("relu", "ReLU", nn.ReLU, output_range="[0, ∞)", dead_units=True),
        Activation("leaky_relu", "Leaky ReLU", lambda slope: nn.LeakyReLU(slope),
                   (Param("slope", 0.01, 0.0, 0.5),), output_range="(−∞, ∞)", zero_centred=True),
        Activation("prelu", "PReLU", lambda a: nn.PReLU(init=a), (Param("a", 0.25, 0.0, 1.0),),
                   output_range="(−∞, ∞)", zero_centred=True),
        Activation("elu", "ELU", lambda alpha: nn.ELU(alpha), (Param("alpha", 1.0, 0.1, 3.0),),
                   output_range="(−α, ∞)", zero_centred=True, saturates="negative", cost="exp"),
        Activation("selu", "SELU", nn.SELU, output_range="(−λα, ∞) ≈ (−1.76, ∞)", zero_centred=True,
                   saturates="negative", cost="exp"),
        Activation("gelu", "GELU", lambda: nn.GELU(approximate="none"), output_range="[−0.17, ∞)",
                   saturates="negative", cost="heavy"),
        Activation("gelu_tanh", "GELU (tanh)", lambda: nn.GELU(approximate="tanh"),
                   output_range="[−0.17, ∞)", saturates="negative", cost="heavy"),
        Activation("swish", "SiLU / Swish", lambda beta: Swish(beta), (Param("beta", 1.0, 0.1, 10.0),),
                   output_range="[−0.28/β, ∞)", saturates="negative", cost="exp"),
        Activation("mish", "Mish", nn.Mish, output_range="[−0.31, ∞)", saturates="negative", cost="heavy"),
        Activation("softplus", "Softplus", nn.Softplus, output_range="(0, ∞)", saturates="negative",
                   cost="heavy"),
        Activation("hardswish", "Hardswish", nn.Hardswish, output_range="[−0.375, ∞)",
                   saturates="negative", dead_units=True),
        Activation("step", "Step", Step, output_range="{0, 1}", saturates="both", dead_units=True,
                   trainable=False),
    ]
}
TRAINABLE: list[str] = [a.id for a in ACTIVATIONS.values() if a.trainable]


def get(activation_id: str) -> Activation:
    """The registry entry, or a UserError naming the unknown id."""
    try:
        return ACTIVATIONS[activation_id]
    except KeyError:
        raise UserError("act.err.unknown_activation", name=activation_id) from None


def defaults(activation_id: str) -> dict[str, float]:
    """The default parameter values of an activation."""
    return {p.name: p.default for p in get(activation_id).params}


def make(activation_id: str, params: Mapping[str, float] | None = None) -> nn.Module:
    """A fresh module for the activation; missing parameters take their defaults."""
    values = defaults(activation_id) | dict(params or {})
    for p in get(activation_id).params:
        if not p.low <= values[p.name] <= p.high:
            raise UserError("act.err.param_range", name=p.name, low=p.low, high=p.high)
    return get(activation_id).build(**values)


def curve(activation_id: str, x: Tensor, params: Mapping[str, float] | None = None) -> tuple[Tensor, Tensor]:
    """f(x) and f'(x) for a 1-D grid ``x`` (N,), the derivative by autograd; both (N,), detached.

    Each activation is elementwise, so the gradient of sum(f(x)) is f'(x) pointwise.
    """
    module = make(activation_id, params).to(x.dtype)
    x = x.detach().clone().requires_grad_(True)  # (N,)
    y = module(x)  # (N,)
    (dy,) = torch.autograd.grad(y.sum(), x)
    return y.detach(), dy
