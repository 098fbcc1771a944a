"""EfficientNet-Lite0 (ImageNet-1k), readable top to bottom, loading the ``efficientnet-lite0`` state_dict.

EfficientNet (Tan & Le, 2019) stacks MBConv blocks: a 1x1 "expand" conv, a depthwise kxk
conv, a 1x1 "project" conv, with a residual when shapes allow. The Lite variants drop
squeeze-and-excitation and use ReLU6 instead of swish so they quantize well on phones.
The checkpoint uses the EfficientNet-PyTorch names (``_blocks.3._depthwise_conv``...);
``_rename`` maps them onto this module's names and ``load_state_dict(strict=True)`` checks
every key and shape. Input: ``(x * 255 - 127) / 128`` of an RGB image in [0, 1].
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from core.assets import resolve
from core.device import device

BN_EPS = 1e-3  # TensorFlow's BatchNorm epsilon, which the weights were trained with


@dataclass(frozen=True)
class Stage:
    """A run of MBConv blocks: the first one may stride and change width, the rest repeat it."""

    repeats: int
    kernel: int
    stride: int
    expand: int  # hidden width = expand * input width
    c_in: int
    c_out: int


LITE0_STAGES = (
    Stage(1, 3, 1, 1, 32, 16),
    Stage(2, 3, 2, 6, 16, 24),
    Stage(2, 5, 2, 6, 24, 40),
    Stage(3, 3, 2, 6, 40, 80),
    Stage(3, 5, 1, 6, 80, 112),
    Stage(4, 5, 2, 6, 112, 192),
    Stage(1, 3, 1, 6, 192, 320),
)


class Conv2dSame(nn.Conv2d):
    """A strided conv with TensorFlow "SAME" padding: out = ceil(in / stride), the odd pixel padded at the end."""

    def forward(self, x: Tensor) -> Tensor:
        pads = []
        for size, k, s in ((x.shape[-1], self.kernel_size[1], self.stride[1]),
                           (x.shape[-2], self.kernel_size[0], self.stride[0])):  # F.pad order: W, then H
            total = max((-(-size // s) - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return super().forward(F.pad(x, pads))


class ConvBNAct(nn.Sequential):
    """Conv ("SAME" padding) -> BatchNorm -> optional ReLU6."""

    def __init__(self, c_in: int, c_out: int, kernel: int, stride: int = 1, groups: int = 1, act: bool = True) -> None:
        conv = (Conv2dSame(c_in, c_out, kernel, stride, groups=groups, bias=False) if stride > 1
                else nn.Conv2d(c_in, c_out, kernel, padding=kernel // 2, groups=groups, bias=False))
        layers: list[nn.Module] = [conv, nn.BatchNorm2d(c_out, eps=BN_EPS)]
        if act:
            layers.append(nn.ReLU6())
        super().__init__(*layers)


class MBConv(nn.Module):
    """Inverted residual: expand (1x1) -> depthwise (kxk) -> project (1x1, linear), plus identity if it fits."""

    def __init__(self, c_in: int, c_out: int, kernel: int, stride: int, expand: int) -> None:
        super().__init__()
        hidden = c_in * expand
        self.expand = ConvBNAct(c_in, hidden, 1) if expand != 1 else nn.Identity()
        self.depthwise = ConvBNAct(hidden, hidden, kernel, stride, groups=hidden)
        self.project = ConvBNAct(hidden, c_out, 1, act=False)
        self.residual = stride == 1 and c_in == c_out

    def forward(self, x: Tensor) -> Tensor:
        out = self.project(self.depthwise(self.expand(x)))
        return x + out if self.residual else out


class EfficientNetLite0(nn.Module):
    """stem (3x3/2) -> 16 MBConv blocks -> head (1x1 to 1280) -> global average pool -> 1000 logits."""

    def __init__(self, num_classes: int = 1000) -> None:
        super().__init__()
        self.stem = ConvBNAct(3, 32, 3, stride=2)
        blocks = []
        for stage in LITE0_STAGES:
            for i in range(stage.repeats):
                c_in = stage.c_in if i == 0 else stage.c_out
                blocks.append(MBConv(c_in, stage.c_out, stage.kernel, stage.stride if i == 0 else 1, stage.expand))
        self.blocks = nn.Sequential(*blocks)
        self.head = ConvBNAct(LITE0_STAGES[-1].c_out, 1280, 1)
        self.fc = nn.Linear(1280, num_classes)

    def forward(self, x: Tensor) -> Tensor:  # (B, 3, H, W) -> (B, 1000)
        x = self.head(self.blocks(self.stem(x)))  # (B, 1280, H/32, W/32)
        return self.fc(x.mean(dim=(2, 3)))


# Checkpoint name -> this module's name (the stem and head BNs share names with block BNs: anchored).
_RENAMES = (
    (r"^_conv_stem\.", "stem.0."),
    (r"^_bn0\.", "stem.1."),
    (r"^_blocks\.(\d+)\._expand_conv\.", r"blocks.\1.expand.0."),
    (r"^_blocks\.(\d+)\._bn0\.", r"blocks.\1.expand.1."),
    (r"^_blocks\.(\d+)\._depthwise_conv\.", r"blocks.\1.depthwise.0."),
    (r"^_blocks\.(\d+)\._bn1\.", r"blocks.\1.depthwise.1."),
    (r"^_blocks\.(\d+)\._project_conv\.", r"blocks.\1.project.0."),
    (r"^_blocks\.(\d+)\._bn2\.", r"blocks.\1.project.1."),
    (r"^_conv_head\.", "head.0."),
    (r"^_bn1\.", "head.1."),
    (r"^_fc\.", "fc."),
)


def _rename(key: str) -> str:
    """One checkpoint key in this module's names; an unknown key fails loudly."""
    for pattern, target in _RENAMES:
        if re.match(pattern, key):
            return re.sub(pattern, target, key)
    raise ValueError(f"EfficientNet-Lite0 weights: unexpected key {key!r}")


def load_efficientnet_lite0() -> EfficientNetLite0:
    """EfficientNet-Lite0 with the ImageNet weights; eval mode, gradients off, on ``device()``."""
    model = EfficientNetLite0()
    state = torch.load(resolve("efficientnet-lite0"), map_location="cpu", weights_only=True)
    model.load_state_dict({_rename(k): v for k, v in state.items()}, strict=True)
    return model.eval().requires_grad_(False).to(device())


def efficientnet_lite_preprocess(x_rgb01: Tensor) -> Tensor:
    """(B, 3, H, W) RGB in [0, 1] -> the network's input scale, (x*255 - 127) / 128."""
    return (x_rgb01 * 255.0 - 127.0) / 128.0
