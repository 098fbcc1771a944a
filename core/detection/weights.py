"""Read original Darknet ``.weights`` files into a ``Darknet`` model, folding BatchNorm on the way.

Layout (pjreddie/darknet ``src/parser.c``, ``load_weights``): a header of three int32
(major, minor, revision) and the number of images seen in training (int64 from version
0.2 on, int32 before), then float32 values, convolution after convolution in cfg order:
with BatchNorm ``beta, gamma, running mean, running variance`` (``filters`` each) then the
kernel; without, the ``filters`` biases then the kernel. Nothing else: a file whose float
count does not match the cfg exactly belongs to another network and is refused.

Folding: ``BN(conv(x)) = gamma * (W*x - mean) / sqrt(var + eps) + beta`` is itself a
convolution with ``W' = W * s`` and ``b' = beta - mean * s``, ``s = gamma / sqrt(var + eps)``,
so inference runs one convolution per layer instead of two operations.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from core.detection.darknet import Conv, Darknet, conv_layers
from core.errors import UserError

BN_EPS = 1e-6  # Darknet's batchnorm epsilon (OpenCV's Darknet importer uses the same)


@dataclass(frozen=True)
class WeightsHeader:
    major: int
    minor: int
    revision: int
    seen: int  # training images seen
    size: int  # header bytes: 20 (int64 seen) or 16 (int32 seen)


def read_header(data: bytes) -> WeightsHeader:
    if len(data) < 16:
        raise UserError("det.err.weights", detail="the file is shorter than a Darknet header")
    major, minor, revision = (int(v) for v in np.frombuffer(data, "<i4", 3))
    wide = (major * 10 + minor) >= 2 and major < 1000 and minor < 1000
    seen = int(np.frombuffer(data, "<i8" if wide else "<i4", 1, offset=12)[0])
    return WeightsHeader(major, minor, revision, seen, 20 if wide else 16)


def floats_needed(model: Darknet) -> int:
    """How many float32 values the model's convolutions read from a ``.weights`` file."""
    return sum(_floats(conv) for conv in conv_layers(model))


def _floats(conv: Conv) -> int:
    return conv.conv.weight.numel() + conv.out_channels * (4 if conv.batch_normalize else 1)


def load_weights(model: Darknet, path: str | Path) -> int:
    """Fill ``model``'s convolutions from ``path`` (in place, before the model is shared).

    Returns the number of floats read, which is exactly the file's float count;
    ``UserError('det.err.weights')`` otherwise.
    """
    data = Path(path).read_bytes()
    header = read_header(data)
    if (len(data) - header.size) % 4:
        raise UserError("det.err.weights", detail="the file size is not a whole number of floats")
    values = np.frombuffer(data, "<f4", offset=header.size)
    needed = floats_needed(model)
    if values.size != needed:
        raise UserError("det.err.weights", detail=f"the file holds {values.size} floats, the cfg needs {needed}")
    offset = 0
    with torch.no_grad():
        for conv in conv_layers(model):
            offset = _load_conv(conv, values, offset)
    assert offset == values.size
    return offset


def _load_conv(layer: Conv, values: np.ndarray, offset: int) -> int:
    """Copy one convolution's values starting at ``offset``; returns the next offset."""
    n = layer.out_channels

    def take(count: int) -> torch.Tensor:
        nonlocal offset
        chunk = torch.from_numpy(values[offset:offset + count].copy())
        offset += count
        return chunk

    if layer.batch_normalize:
        beta, gamma, mean, var = take(n), take(n), take(n), take(n)
    else:
        bias = take(n)
    weight = take(layer.conv.weight.numel()).view_as(layer.conv.weight)  # (out, in, k, k)
    if layer.batch_normalize:
        scale = gamma / torch.sqrt(var + BN_EPS)  # (out,)
        weight = weight * scale.view(-1, 1, 1, 1)
        bias = beta - mean * scale
    layer.conv.weight.copy_(weight)
    layer.conv.bias.copy_(bias)
    return offset
