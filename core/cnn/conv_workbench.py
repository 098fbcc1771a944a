"""Classic 3x3 kernels, convolution and pooling on a grayscale image, with the output-size formula.

Everything goes through ``torch.nn.functional`` (conv2d, max_pool2d, avg_pool2d): the point
is to show what the library computes, so the formula ``output_size`` is checked against it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import Tensor

from core.errors import UserError

# Deep-learning "convolution" is cross-correlation: the kernel is not flipped.
KERNELS: dict[str, tuple[tuple[float, ...], ...]] = {
    "vertical_edge": ((1, 0, -1), (1, 0, -1), (1, 0, -1)),
    "horizontal_edge": ((1, 1, 1), (0, 0, 0), (-1, -1, -1)),
    "sobel_x": ((1, 0, -1), (2, 0, -2), (1, 0, -1)),
    "sobel_y": ((1, 2, 1), (0, 0, 0), (-1, -2, -1)),
    "scharr_x": ((3, 0, -3), (10, 0, -10), (3, 0, -3)),
    "laplacian": ((0, 1, 0), (1, -4, 1), (0, 1, 0)),
    "blur": ((1 / 9, 1 / 9, 1 / 9), (1 / 9, 1 / 9, 1 / 9), (1 / 9, 1 / 9, 1 / 9)),
    "sharpen": ((0, -1, 0), (-1, 5, -1), (0, -1, 0)),
    "emboss": ((-2, -1, 0), (-1, 1, 1), (0, 1, 2)),
}

PaddingMode = Literal["valid", "same", "custom"]


@dataclass(frozen=True)
class ConvSettings:
    """One convolution's geometry: stride S, padding mode (custom uses ``padding`` = P), dilation d."""

    stride: int = 1
    padding_mode: PaddingMode = "same"
    padding: int = 0
    dilation: int = 1


def kernel_tensor(name: str) -> Tensor:
    """A named classic kernel as a (3, 3) float tensor; ``ValueError`` lists the names."""
    if name not in KERNELS:
        raise ValueError(f"unknown kernel {name!r}; known: {', '.join(KERNELS)}")
    return torch.tensor(KERNELS[name], dtype=torch.float32)


def effective_padding(settings: ConvSettings, kernel_size: int) -> int:
    """P for the mode: valid = 0, same = d(f-1)/2 (keeps the size at stride 1 for odd f), custom = as given."""
    if settings.padding_mode == "valid":
        return 0
    if settings.padding_mode == "same":
        return settings.dilation * (kernel_size - 1) // 2
    return settings.padding


def output_size(n: int, f: int, padding: int, stride: int, dilation: int = 1) -> int:
    """N_out = floor((N + 2P - f_eff) / S) + 1 with the dilated kernel size f_eff = d(f - 1) + 1."""
    f_eff = dilation * (f - 1) + 1
    return (n + 2 * padding - f_eff) // stride + 1


def to_gray(image: Image.Image, max_side: int = 320) -> Tensor:
    """RGB PIL image -> (H, W) luminance in [0, 1], downsized so the longest side is at most ``max_side``."""
    gray = image.convert("L")
    gray.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return torch.from_numpy(np.array(gray, dtype=np.float32) / 255.0)


def convolve(gray: Tensor, kernel: Tensor, settings: ConvSettings) -> Tensor:
    """(H, W) image * (f, f) kernel -> (H_out, W_out) with ``F.conv2d``; ``UserError`` if nothing is left."""
    f = kernel.shape[-1]
    padding = effective_padding(settings, f)
    h_out = output_size(gray.shape[0], f, padding, settings.stride, settings.dilation)
    w_out = output_size(gray.shape[1], f, padding, settings.stride, settings.dilation)
    if h_out < 1 or w_out < 1:
        raise UserError("cnn.err.kernel_too_big", height=h_out, width=w_out)
    out = F.conv2d(gray[None, None], kernel[None, None].to(gray.dtype), stride=settings.stride,
                   padding=padding, dilation=settings.dilation)  # (1, 1, H_out, W_out)
    return out[0, 0]


def pool(x: Tensor, kind: Literal["max", "avg"], size: int, stride: int) -> Tensor:
    """(H, W) -> (H_out, W_out): max pooling keeps the strongest response in each window, average smooths."""
    op = F.max_pool2d if kind == "max" else F.avg_pool2d
    return op(x[None, None], kernel_size=size, stride=stride)[0, 0]


def to_display(x: Tensor, absolute: bool = False) -> np.ndarray:
    """(H, W) response -> uint8 grayscale, min-max scaled (``absolute``: |x|, so both edge signs are bright)."""
    x = x.abs() if absolute else x
    lo, hi = float(x.min()), float(x.max())
    scaled = (x - lo) / (hi - lo) if hi > lo else torch.zeros_like(x)
    return (scaled.numpy() * 255).round().astype(np.uint8)


def size_latex(n: int, settings: ConvSettings, kernel_size: int = 3) -> str:
    """The output-size formula with this side ``n`` and ``settings`` filled in, worked out to the result."""
    p, s = effective_padding(settings, kernel_size), settings.stride
    f_eff = settings.dilation * (kernel_size - 1) + 1
    out = output_size(n, kernel_size, p, s, settings.dilation)
    return rf"N_{{out}} = \left\lfloor \frac{{{n} + 2\cdot{p} - {f_eff}}}{{{s}}} \right\rfloor + 1 = {out}"


def blocks(pooled: Tensor, k: int) -> Image.Image:
    """A pooled (h, w) map drawn k times larger with nearest neighbours, so each pooled cell stays a block."""
    return Image.fromarray(to_display(pooled)).resize((pooled.shape[1] * k, pooled.shape[0] * k),
                                                      Image.Resampling.NEAREST)
