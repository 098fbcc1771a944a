"""Receptive field of every layer, computed from the modules themselves.

Walking the layers in order with r_0 = 1, j_0 = 1 (Araujo et al., "Computing receptive
fields of convolutional neural networks", Distill 2019):
    r_l = r_{l-1} + (k_l - 1) * j_{l-1},   j_l = j_{l-1} * s_l,
where k is the (dilated) kernel size, s the stride and j the "jump": how far apart, in input
pixels, two neighbouring outputs of the layer are. Padding moves the field, not its size.
Parallel branches (Fire, MBConv) are handled by walking their convs in order: 1x1 convs add
nothing, so the widest path (3x3 or depthwise kxk) gives the field.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from torch import nn


@dataclass(frozen=True)
class Field:
    """Receptive field size (input pixels on a side) and jump (input pixels between neighbouring outputs)."""

    size: int
    jump: int


def _kernel_stride(module: nn.Module) -> tuple[int, int] | None:
    """(dilated kernel, stride) of a spatial layer, or None for layers that keep geometry (ReLU, BN...)."""
    if isinstance(module, nn.Conv2d):
        k, s, d = module.kernel_size[0], module.stride[0], module.dilation[0]
    elif isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        k, s = _pair(module.kernel_size), _pair(module.stride or module.kernel_size)
        d = _pair(getattr(module, "dilation", 1))
    else:
        return None
    return d * (k - 1) + 1, s


def _pair(value: int | tuple[int, ...]) -> int:
    return value[0] if isinstance(value, tuple) else value


def receptive_fields(stages: Iterable[tuple[str, nn.Module]]) -> dict[str, Field]:
    """The field after each named stage, for stages that compose into the network (input first)."""
    size, jump = 1, 1
    fields: dict[str, Field] = {}
    for name, stage in stages:
        for module in stage.modules():
            geometry = _kernel_stride(module)
            if geometry is not None:
                k, s = geometry
                size += (k - 1) * jump
                jump *= s
        fields[name] = Field(size, jump)
    return fields
