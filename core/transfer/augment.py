"""Data augmentation with ``torchvision.transforms.v2`` and mixup (Zhang et al., 2018).

Augmentation makes new training photos from old ones (flipped, cropped, turned, recoloured), so
the head sees more variety than the few photos a person took. Mixup blends two photos and their
labels with a weight lambda ~ Beta(alpha, alpha): the target is a soft label, and the network is
pushed to behave linearly between training examples.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from torch import Tensor
from torchvision.transforms import v2

AUGMENTATIONS = ("flip", "crop", "rotate", "jitter")


@dataclass(frozen=True)
class AugmentConfig:
    """Which augmentations are on, and how strong: the page's switches."""

    flip: bool = True
    crop: bool = True
    rotate: bool = True
    jitter: bool = True
    max_degrees: float = 15.0
    min_crop: float = 0.6  # smallest share of the photo a random crop keeps

    @property
    def any(self) -> bool:
        return self.flip or self.crop or self.rotate or self.jitter


def pipeline(config: AugmentConfig, side: int) -> v2.Compose:
    """The v2 transform for one (3, side, side) float image in [0, 1]."""
    steps: list[v2.Transform] = []
    if config.flip:
        steps.append(v2.RandomHorizontalFlip(p=0.5))
    if config.crop:
        steps.append(v2.RandomResizedCrop(side, scale=(config.min_crop, 1.0), antialias=True))
    if config.rotate:
        steps.append(v2.RandomRotation(config.max_degrees, fill=1.0))  # white corners, like paper
    if config.jitter:
        steps.append(v2.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.3, hue=0.05))
    return v2.Compose(steps)


def augment_batch(x: Tensor, config: AugmentConfig, seed: int) -> Tensor:
    """(B, 3, S, S) in [0, 1] -> one random augmented copy of each image (own parameters per image)."""
    transform = pipeline(config, x.shape[-1])
    torch.manual_seed(seed)
    return torch.stack([transform(image).clamp(0, 1) for image in x])  # (B, 3, S, S)


def augment_grid(image: Image.Image, config: AugmentConfig, count: int, seed: int,
                 side: int = 128) -> list[Image.Image]:
    """``count`` augmented copies of one photo, for the page's grid (the first is the photo itself)."""
    from core.transfer.backbone import to_batch

    x = to_batch([image] * (count - 1), side)  # (count-1, 3, side, side)
    copies = augment_batch(x, config, seed) if config.any else x
    return [image.resize((side, side))] + [to_image(c) for c in copies]


def to_image(x: Tensor) -> Image.Image:
    """(3, H, W) in [0, 1] -> RGB PIL image."""
    return Image.fromarray((x.permute(1, 2, 0).clamp(0, 1).numpy() * 255).round().astype(np.uint8))


def mix(x: Tensor, y_soft: Tensor, alpha: float, generator: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
    """Mixup of a batch with a shuffled copy of itself.

    x: (B, ...) inputs, y_soft: (B, K) label distributions. Returns mixed x, mixed labels and the
    (B,) lambdas, each drawn from Beta(alpha, alpha). Works on pixels and on features alike.
    """
    beta = torch.distributions.Beta(torch.tensor(alpha), torch.tensor(alpha))
    lam = beta.sample((x.shape[0],)) if alpha > 0 else torch.ones(x.shape[0])  # (B,)
    perm = torch.randperm(x.shape[0], generator=generator)
    shape = (-1,) + (1,) * (x.dim() - 1)
    mixed_x = lam.view(shape) * x + (1 - lam.view(shape)) * x[perm]
    mixed_y = lam.view(-1, 1) * y_soft + (1 - lam.view(-1, 1)) * y_soft[perm]  # (B, K), rows sum to 1
    return mixed_x, mixed_y, lam


@dataclass(frozen=True)
class MixupExample:
    """One blended photo and its soft label, for the page."""

    image: Image.Image
    label: np.ndarray  # (K,) sums to 1
    lam: float
    pair: tuple[int, int]

    def caption(self, classes: Sequence[str]) -> str:
        """``7 0.62, 1 0.38``: the soft label in words."""
        return ", ".join(f"{classes[c]} {w:.2f}" for c, w in enumerate(self.label) if w > 0.005)


def mixup_examples(images: Sequence[Image.Image], labels: Sequence[int], classes: int, alpha: float, count: int,
                   seed: int, side: int = 128) -> list[MixupExample]:
    """``count`` pixel-space mixups of random pairs from different classes (the original recipe)."""
    from core.transfer.backbone import to_batch

    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        i = int(rng.integers(len(images)))
        others = [j for j in range(len(images)) if labels[j] != labels[i]] or list(range(len(images)))
        j = int(rng.choice(others))
        lam = float(rng.beta(alpha, alpha)) if alpha > 0 else 1.0
        x = to_batch([images[i], images[j]], side)  # (2, 3, side, side)
        label = np.zeros(classes)
        label[labels[i]] += lam
        label[labels[j]] += 1 - lam
        out.append(MixupExample(to_image(lam * x[0] + (1 - lam) * x[1]), label, lam, (i, j)))
    return out
