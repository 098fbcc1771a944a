"""Instant styles: the 26-style feed-forward network (Dumoulin, Shlens & Kudlur, 2017) in PyTorch.

One image transformation network learns 26 paintings at once: every style shares the
convolutions and has its own instance-norm scale and shift (conditional instance norm).
The ``style_weights`` input mixes those per-style parameters, so a one-hot vector gives one
style and any convex mix blends styles. Styling is one forward pass, no optimisation:
that is why it is fast.

The layers are those of pytorch/examples ``transformer_net.py`` (Johnson et al. 2016):
reflection-padded convolutions (three going down), six residual blocks, two upsampling
convolutions and a 9×9 output layer. The weights come from the offline ONNX file;
``tests/test_style_fast.py`` holds this module to onnxruntime running that file.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from PIL import Image
from torch import Tensor, nn

from core.accel import accelerate
from core.assets import resolve
from core.device import device
from core.errors import UserError
from core.serve.client import remote_or_local
from core.style.images import fit_side
from core.tensors import to_image, to_tensor

NUM_STYLES = 26  # the package never named them: "Style 1" .. "Style 26" (index + 1)
EPS = 1e-5  # the ONNX graph's instance-norm epsilon


class CondInstanceNorm(nn.Module):
    """Instance norm whose scale and shift are a mix of per-style values: ``γ(s)·(x − μ)/σ + β(s)``.

    Normalising each image's channels removes the content's contrast; the style then chooses
    its own, which is all that differs between the 26 styles (Dumoulin et al., section 2).
    ``μ`` and ``σ²`` are each channel's mean and variance over the image.
    """

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(NUM_STYLES, channels))  # (26, C): per-style scales
        self.beta = nn.Parameter(torch.zeros(NUM_STYLES, channels))  # (26, C): per-style shifts

    def forward(self, x: Tensor, mix: Tensor) -> Tensor:
        mean = x.mean(dim=(2, 3), keepdim=True)  # (B, C, 1, 1)
        var = (x - mean).square_().mean(dim=(2, 3), keepdim=True)  # (B, C, 1, 1)
        scale = (mix @ self.gamma).view(1, -1, 1, 1) * torch.rsqrt(var + EPS)  # γ(s) / σ
        shift = (mix @ self.beta).view(1, -1, 1, 1) - mean * scale  # β(s) − μ·γ(s)/σ
        return torch.addcmul(shift, x, scale)  # x·γ/σ + β − μ·γ/σ, one pass over x


class ConvLayer(nn.Module):
    """Reflection pad (no border artefacts), convolution without bias, conditional instance norm."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1) -> None:
        super().__init__()
        self.pad = nn.ReflectionPad2d(kernel_size // 2)
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, bias=False)
        self.norm = CondInstanceNorm(out_channels)

    def forward(self, x: Tensor, mix: Tensor) -> Tensor:
        return self.norm(self.conv(self.pad(x)), mix)


class ResidualBlock(nn.Module):
    """``x + conv(relu(conv(x)))``: the block learns a change to its input (He et al. 2016)."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.conv1 = ConvLayer(channels, channels, 3)
        self.conv2 = ConvLayer(channels, channels, 3)

    def forward(self, x: Tensor, mix: Tensor) -> Tensor:
        return x + self.conv2(F.relu(self.conv1(x, mix)), mix)


class MultiStyle26(nn.Module):
    """(image (B, 3, H, W) in [0, 1], H and W multiples of 4; style_weights (26,)) -> (B, 3, H, W) in [0, 1].

    contract (9×9, 3×3 /2, 3×3 /2) -> 6 residual blocks -> expand (×2 3×3, ×2 3×3, 9×9, sigmoid).
    A small network: 32 channels at most, 140 k convolution weights and 26 k per-style norm values.
    """

    def __init__(self, width: int = 32) -> None:
        super().__init__()
        self.contract = nn.ModuleList([ConvLayer(3, width, 9), ConvLayer(width, width, 3, 2),
                                       ConvLayer(width, width, 3, 2)])
        self.res = nn.ModuleList(ResidualBlock(width) for _ in range(6))
        self.expand = nn.ModuleList([ConvLayer(width, 8, 3), ConvLayer(8, 4, 3), ConvLayer(4, 3, 9)])

    def forward(self, image: Tensor, style_weights: Tensor) -> Tensor:
        mix = style_weights.view(1, NUM_STYLES)  # (1, 26)
        x = image
        for layer in self.contract:
            x = F.relu(layer(x, mix))  # (B, 32, H, W), then (B, 32, H/2, W/2), (B, 32, H/4, W/4)
        for block in self.res:
            x = block(x, mix)  # (B, 32, H/4, W/4)
        for layer in self.expand[:2]:
            x = F.relu(layer(F.interpolate(x, scale_factor=2, mode="nearest"), mix))  # (B, 8, H/2, W/2), (B, 4, H, W)
        return torch.sigmoid(self.expand[2](x, mix))  # (B, 3, H, W)


def _module_name(onnx_name: str) -> str:
    """ONNX initializer name -> parameter name: ``res.0.1.w`` -> ``res.0.conv2.conv.weight``."""
    name = re.sub(r"^res\.(\d)\.([01])\.", lambda m: f"res.{m[1]}.conv{int(m[2]) + 1}.", onnx_name)
    return re.sub(r"\.w$", ".conv.weight", name)


def load_multistyle26(fast: bool = True) -> nn.Module:
    """The network with the offline ONNX file's weights, on the app's device, frozen.

    ``fast``: through the performance layer (``core.accel``), unless the settings switch it off.
    """
    graph = onnx.load(str(resolve("multistyle26"))).graph
    params = {_module_name(i.name): torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    model = MultiStyle26()
    model.load_state_dict(params, strict=True)  # every weight present, with the right shape
    model = model.eval().requires_grad_(False).to(device())
    return accelerate(model) if fast else model


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
    image, weights = fit_side(content, side), style_weights(style)
    return remote_or_local("style/fast", lambda: ({"content": np.asarray(image), "weights": weights.numpy()}, {}),
                           decode=lambda arrays: Image.fromarray(arrays["image"]), local=lambda: paint(model, image, weights))


@torch.inference_mode()
def paint(model: nn.Module, image: Image.Image, weights: Tensor) -> Image.Image:
    """The network on an image already fitted (sides multiples of 4), with (26,) style weights."""
    return to_image(model(to_tensor(image, device()), weights.to(device())))  # (1, 3, H, W)
