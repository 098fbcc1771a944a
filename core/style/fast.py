"""Instant styles: the 26-style feed-forward network (Dumoulin, Shlens & Kudlur, 2017) in PyTorch.

One image transformation network learns 26 paintings at once: every style shares the
convolutions and has its own instance-norm scale and shift (conditional instance norm).
The ``style_weights`` input mixes those per-style parameters, so a one-hot vector gives one
style and any convex mix blends styles. Styling is one forward pass, no optimisation:
that is why it is fast. The float ONNX file converts directly with onnx2torch.
"""
from __future__ import annotations

from collections.abc import Mapping

import onnx
import torch
from onnx import numpy_helper
from PIL import Image
from torch import Tensor, nn

from core.assets import resolve
from core.device import device
from core.errors import UserError
from core.style.images import fit_side, to_image, to_tensor

NUM_STYLES = 26  # the package never named them: "Style 1" .. "Style 26" (index + 1)


def _square_as_mul(model: onnx.ModelProto) -> onnx.ModelProto:
    """Rewrite ``Pow(x, 2)`` (the instance-norm variances) as ``Mul(x, x)``: same numbers, and torch's
    generic pow is several times slower than a multiply on CPU (a quarter of the network's time)."""
    twos = {node.output[0] for node in model.graph.node if node.op_type == "Constant" and node.attribute
            and node.attribute[0].HasField("t") and numpy_helper.to_array(node.attribute[0].t).tolist() == 2.0}
    for node in model.graph.node:
        if node.op_type == "Pow" and node.input[1] in twos:
            node.op_type = "Mul"
            node.input[1] = node.input[0]
    return model


def load_multistyle26() -> nn.Module:
    """(image (1, 3, H, W) in [0, 1], H and W multiples of 4; style_weights (26,)) -> (1, 3, H, W) in [0, 1]."""
    from onnx2torch import convert

    model = _square_as_mul(onnx.load(str(resolve("multistyle26"))))
    return convert(model).eval().requires_grad_(False).to(device())


def style_weights(style: int | Mapping[int, float]) -> Tensor:
    """A (26,) weight vector summing to 1: one style index, or ``{index: weight}`` to blend."""
    mix = {style: 1.0} if isinstance(style, int) else dict(style)
    weights = torch.zeros(NUM_STYLES)
    for index, weight in mix.items():
        if not 0 <= index < NUM_STYLES:
            raise UserError("style.err.style_index", index=index + 1, count=NUM_STYLES)
        weights[index] += max(0.0, float(weight))
    if weights.sum() <= 0:
        raise UserError("style.err.style_weights")
    return weights / weights.sum()


def stylise(model: nn.Module, content: Image.Image, style: int | Mapping[int, float], side: int) -> Image.Image:
    """Paint ``content`` in a built-in style (or blend); longer side ``side``, rounded to multiples of 4."""
    image = fit_side(content, side)
    with torch.inference_mode():
        out = model(to_tensor(image, device()), style_weights(style).to(device()))  # (1, 3, H, W)
    return to_image(out)
