"""Gatys style transfer as a generator: optimise the pixels of one image, step by step.

The generated image G starts from the content photo (or noise) and is changed by gradient
descent on J(G) = α·J_content(C, G) + β·J_style(S, G) measured through a fixed VGG. Only the
image is a parameter: the VGG is shared by every session and never changes. Each step yields a
``Progress`` (losses so far, the current image, the best image yet), so a caller can draw live
progress and simply stop iterating to stop; the best image is always there to keep.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import torch
from PIL import Image
from torch import Tensor, nn

from core.accel import accelerate
from core.device import device
from core.errors import UserError
from core.settings import LIMITS
from core.style.images import fit_side
from core.style.losses import content_cost, gram_matrix, style_cost, total_cost
from core.style.vgg import DEFAULT_CONTENT_LAYER, DEFAULT_STYLE_LAYERS, FeatureNet, VggFeatures, extract
from core.tensors import to_tensor

OPTIMIZERS = ("lbfgs", "adam")
INITS = ("content", "noise")


@dataclass(frozen=True)
class GatysConfig:
    """What the learner chooses. Costs are normalised (see ``losses``), so α, β are scale-free."""

    content_layer: str = DEFAULT_CONTENT_LAYER
    style_layers: dict[str, float] = field(default_factory=lambda: dict.fromkeys(DEFAULT_STYLE_LAYERS, 1.0))
    alpha: float = 1.0
    beta: float = 30.0
    optimizer: str = "lbfgs"
    init: str = "content"
    size: int = 256  # longer side of the generated image, pixels
    steps: int = 100  # one step = one forward + backward pass through the VGG
    lr: float = 0.02  # Adam's step in [0, 1] pixel units (L-BFGS uses its own step length)
    seed: int = 0  # for the noise start

    def check(self) -> None:
        """Refuse settings beyond the server's caps or without any style layer."""
        if self.size > LIMITS.max_style_size:
            raise UserError("style.err.size_cap", size=self.size, limit=LIMITS.max_style_size)
        if self.steps > LIMITS.max_style_steps:
            raise UserError("style.err.steps_cap", steps=self.steps, limit=LIMITS.max_style_steps)
        if not any(w > 0 for w in self.style_layers.values()):
            raise UserError("style.err.no_style_layer")
        if self.optimizer not in OPTIMIZERS or self.init not in INITS:
            raise ValueError(f"optimizer must be one of {OPTIMIZERS}, init one of {INITS}")


@dataclass(frozen=True)
class LossPoint:
    step: int
    content: float  # J_content (before α)
    style: float  # J_style (before β)
    total: float  # α·J_content + β·J_style


@dataclass(frozen=True)
class Progress:
    step: int
    steps: int
    history: list[LossPoint]  # every step so far (the generator's own list: copy before drawing)
    image: Tensor  # (1, 3, H, W) in [0, 1]: the image this step evaluated
    best: Tensor  # (1, 3, H, W): the lowest-total-cost image so far
    best_loss: float


@dataclass(frozen=True)
class Targets:
    """What the generated image is pulled towards: content features and style Gram matrices."""

    content: Tensor  # (1, C, h, w) at the content layer
    grams: dict[str, Tensor]  # style layer -> (1, C, C)


def prepare(content: Image.Image, style: Image.Image, size: int) -> tuple[Tensor, Tensor]:
    """Content and style images as (1, 3, H, W) tensors on the device, longer side ``size``."""
    return to_tensor(fit_side(content, size, 1), device()), to_tensor(fit_side(style, size, 1), device())


def targets(net: FeatureNet, content: Tensor, style: Tensor, config: GatysConfig) -> Targets:
    """Compute the fixed targets once: they never change during the optimisation."""
    with torch.no_grad():
        c = extract(net, content, [config.content_layer])[config.content_layer]
        s = extract(net, style, _style_layers(config))
    return Targets(c, {name: gram_matrix(f) for name, f in s.items()})


def _style_layers(config: GatysConfig) -> list[str]:
    return [name for name, w in config.style_layers.items() if w > 0]


def loss_features(net: FeatureNet, config: GatysConfig) -> nn.Module:
    """The VGG cut to the layers the costs read (the content layer and the style layers in use), through
    the performance layer with autograd kept: the image's gradient flows back through it."""
    return accelerate(VggFeatures(net, {config.content_layer, *_style_layers(config)}), gradients=True)


def costs(vgg: nn.Module, image: Tensor, goal: Targets, config: GatysConfig) -> tuple[Tensor, Tensor, Tensor]:
    """(J_content, J_style, J_total) of ``image``, differentiable with respect to it; ``vgg`` from ``loss_features``."""
    layers = _style_layers(config)
    features = vgg(image)._asdict()
    j_content = content_cost(features[config.content_layer], goal.content)
    j_style = style_cost(features, goal.grams, {name: config.style_layers[name] for name in layers})
    return j_content, j_style, total_cost(j_content, j_style, config.alpha, config.beta)


def optimise(net: FeatureNet, content: Image.Image, style: Image.Image, config: GatysConfig) -> Iterator[Progress]:
    """Run ``config.steps`` optimisation steps, yielding after each; stop iterating to stop early."""
    config.check()
    content_t, style_t = prepare(content, style, config.size)
    goal = targets(net, content_t, style_t, config)
    vgg = loss_features(net, config)
    if config.init == "noise":
        generator = torch.Generator().manual_seed(config.seed)
        start = torch.rand(content_t.shape, generator=generator).to(device())
    else:
        start = content_t.clone()
    image = start.requires_grad_(True)  # the only parameter: per call, never shared
    if config.optimizer == "lbfgs":
        # max_iter=1: one function evaluation per step() call; the curvature history persists.
        optimizer: torch.optim.Optimizer = torch.optim.LBFGS([image], lr=1.0, max_iter=1, history_size=50)
    else:
        optimizer = torch.optim.Adam([image], lr=config.lr)
    history: list[LossPoint] = []
    best, best_loss = start.detach().clone(), math.inf
    for step in range(1, config.steps + 1):
        evaluated = image.detach().clone()
        measured: list[LossPoint] = []

        def closure() -> Tensor:
            optimizer.zero_grad()
            j_content, j_style, j_total = costs(vgg, image, goal, config)
            j_total.backward()
            measured.append(LossPoint(step, j_content.item(), j_style.item(), j_total.item()))
            return j_total

        optimizer.step(closure)
        with torch.no_grad():
            image.clamp_(0.0, 1.0)
        point = measured[0]
        history.append(point)
        if point.total < best_loss:
            best, best_loss = evaluated, point.total
        yield Progress(step, config.steps, history, evaluated, best, best_loss)


def layer_gram(net: FeatureNet, image: Tensor, layer: str) -> Tensor:
    """The Gram matrix (C, C) of ``image`` (1, 3, H, W) at ``layer``, for display."""
    with torch.no_grad():
        return gram_matrix(extract(net, image.to(device()), [layer])[layer])[0]
