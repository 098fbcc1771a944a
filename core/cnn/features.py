"""Run a CNN once on an image and keep every stage's feature map, ranked channels and logits.

The forward pass is a plain walk over the model's named stages, recording each output: no
hooks, so the shared cached model is never touched. The result is what a page caches per
(image, model); choosing a layer, a channel or a colour map afterwards is only indexing.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from torch import Tensor

from core.cnn.models import INPUT_SIZE, CnnModel
from core.device import device
from core.tensors import to_tensor


def resized_input(image: Image.Image, size: int = INPUT_SIZE) -> Tensor:
    """RGB PIL image -> (1, 3, size, size) float in [0, 1] on ``device()``, resized without cropping.

    Squashing (not cropping) keeps the whole photo, so a map stretched back over the photo lines up.
    """
    return to_tensor(image.convert("RGB").resize((size, size), Image.Resampling.BILINEAR), device())


@dataclass(frozen=True)
class Activations:
    """Every stage's map for one image: ``maps[layer]`` is (C, h, w) on the CPU, ``order[layer]`` the
    channel indices sorted by mean activation (strongest first), ``logits`` (1000,) or None."""

    maps: dict[str, Tensor]
    order: dict[str, np.ndarray]
    logits: Tensor | None

    def shape(self, layer: str) -> tuple[int, int, int]:
        return tuple(self.maps[layer].shape)  # type: ignore[return-value]


def walk(model: CnnModel, x: Tensor) -> tuple[dict[str, Tensor], Tensor | None]:
    """Apply the stages in order to the preprocessed (1, 3, H, W) input; return each output and the logits."""
    outputs: dict[str, Tensor] = {}
    for name, stage in model.stages:
        x = stage(x)  # (1, C, h, w)
        outputs[name] = x
    logits = model.head(x) if model.head is not None else None  # (1, 1000)
    return outputs, logits


def compute_activations(model: CnnModel, image: Image.Image) -> Activations:
    """One forward pass: all maps (CPU, float32), channels ranked by mean activation, logits."""
    with torch.inference_mode():
        outputs, logits = walk(model, model.preprocess(resized_input(image)))
        maps = {name: out[0].float().cpu() for name, out in outputs.items()}  # (C, h, w)
    # Ranking in numpy: many tiny torch ops would each wake torch's thread pool (slow on a busy CPU).
    order = {name: np.argsort(-m.numpy().mean(axis=(1, 2)), kind="stable") for name, m in maps.items()}  # (C,)
    return Activations(maps, order, logits[0].float().cpu() if logits is not None else None)
