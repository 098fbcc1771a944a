"""A Darknet network (YOLOv3, YOLOv3-tiny) in plain PyTorch, built from its ``.cfg`` blocks.

Supported sections: ``convolutional`` (BatchNorm already folded into the convolution,
see ``weights.py``), ``maxpool`` (Darknet pads ``size - 1`` pixels, so the tiny model's
size-2 stride-1 pool pads one pixel right and bottom and keeps 13×13), ``upsample``
(nearest), ``route`` (concatenate earlier outputs), ``shortcut`` (residual add) and
``yolo`` (a detection head: this module returns its raw input; ``postprocess.py`` decodes it).
Reference: pjreddie/darknet ``src/parser.c``, ``src/maxpool_layer.c``; Redmon & Farhadi,
"YOLOv3: An Incremental Improvement" (2018).
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from core.detection.cfg import Block
from core.errors import UserError

LEAKY_SLOPE = 0.1  # Darknet's leaky ReLU


@dataclass(frozen=True)
class Head:
    """One YOLO output scale: its anchor priors (w, h in input pixels) and class count."""

    layer: int  # index of the [yolo] block among the layers
    anchors: tuple[tuple[float, float], ...]
    classes: int

    @property
    def channels(self) -> int:
        return len(self.anchors) * (5 + self.classes)


class Conv(nn.Module):
    """``[convolutional]``: a convolution, then leaky ReLU (slope 0.1) or nothing (``linear``).

    In Darknet most convolutions are followed by BatchNorm; ``weights.py`` folds it into this
    convolution's weight and bias when loading, so inference runs one convolution per layer.
    ``batch_normalize`` only records how the ``.weights`` file stores the layer.
    """

    def __init__(self, block: Block, in_channels: int) -> None:
        super().__init__()
        size, self.out_channels = block.get_int("size"), block.get_int("filters")
        padding = size // 2 if block.get_int("pad", 0) else block.get_int("padding", 0)
        self.batch_normalize = bool(block.get_int("batch_normalize", 0))
        self.conv = nn.Conv2d(in_channels, self.out_channels, size, block.get_int("stride", 1), padding)
        activation = block.get_str("activation", "logistic")
        if activation not in ("leaky", "linear"):
            raise UserError("det.err.cfg", detail=f"activation '{activation}' is not supported")
        self.activation = nn.LeakyReLU(LEAKY_SLOPE, inplace=True) if activation == "leaky" else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.activation(self.conv(x))


class MaxPool(nn.Module):
    """Darknet max-pooling: ``padding`` (default ``size - 1``), half left/top, the rest right/bottom.

    Out of ``W`` columns come ``(W + padding - size) // stride + 1``: the tiny model's size-2
    stride-1 pool keeps 13×13 by padding one column right and one row bottom. Padding that no
    window reaches (size-2 stride-2 on even sizes) is skipped.
    """

    def __init__(self, block: Block) -> None:
        super().__init__()
        self.size, self.stride = block.get_int("size", 1), block.get_int("stride", 1)
        self.padding = block.get_int("padding", self.size - 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        (height, width), before = x.shape[-2:], self.padding // 2
        after = [max(0, ((n + self.padding - self.size) // self.stride) * self.stride + self.size - before - n)
                 for n in (width, height)]
        if before or any(after):
            x = F.pad(x, (before, after[0], before, after[1]), value=float("-inf"))  # never wins the max
        return F.max_pool2d(x, self.size, self.stride)


class Route(nn.Module):
    """Concatenate (along channels) the outputs of earlier layers; the inputs come from ``Darknet``."""

    def __init__(self, sources: list[int]) -> None:
        super().__init__()
        self.sources = sources

    def forward(self, inputs: list[torch.Tensor]) -> torch.Tensor:
        return inputs[0] if len(inputs) == 1 else torch.cat(inputs, dim=1)


class Shortcut(nn.Module):
    """Residual connection: previous output + the output of layer ``source`` (linear activation)."""

    def __init__(self, source: int) -> None:
        super().__init__()
        self.sources = [source]

    def forward(self, x: torch.Tensor, other: torch.Tensor) -> torch.Tensor:
        return x + other


class YoloLayer(nn.Module):
    """Marks an output scale; the raw map passes through unchanged (decoding is post-processing)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


class Darknet(nn.Module):
    """The network of a ``.cfg`` file; ``forward`` returns one raw map per YOLO head.

    Each raw map is ``(B, A * (5 + C), H, W)`` with, per anchor, ``t_x, t_y, t_w, t_h``,
    the objectness logit and ``C`` class logits. ``heads`` describes each map.
    """

    def __init__(self, blocks: list[Block]) -> None:
        super().__init__()
        net, body = blocks[0], blocks[1:]
        self.layers = nn.ModuleList()
        heads: list[Head] = []
        channels: list[int] = []  # output channels of each layer
        in_channels = net.get_int("channels", 3)
        for index, block in enumerate(body):
            layer, out_channels = self._make(block, index, in_channels, channels)
            if isinstance(layer, YoloLayer):
                heads.append(_head(block, index))
                if heads[-1].channels != out_channels:
                    raise UserError("det.err.cfg", detail=f"[yolo] {index} expects {heads[-1].channels} channels")
            self.layers.append(layer)
            channels.append(out_channels)
            in_channels = out_channels
        if not heads:
            raise UserError("det.err.cfg", detail="no [yolo] section")
        self.heads = tuple(heads)
        # Outputs referenced later by route/shortcut are kept during forward, the rest are dropped.
        self._keep = {s for layer in self.layers for s in getattr(layer, "sources", [])}

    @staticmethod
    def _make(block: Block, index: int, in_channels: int, channels: list[int]) -> tuple[nn.Module, int]:
        absolute = lambda i: i + index if i < 0 else i  # noqa: E731  (Darknet: negative = relative)
        if block.type == "convolutional":
            conv = Conv(block, in_channels)
            return conv, conv.out_channels
        if block.type == "maxpool":
            return MaxPool(block), in_channels
        if block.type == "upsample":
            return nn.Upsample(scale_factor=block.get_int("stride", 2), mode="nearest"), in_channels
        if block.type == "route":
            sources = [absolute(i) for i in block.get_ints("layers")]
            return Route(sources), sum(channels[s] for s in sources)
        if block.type == "shortcut":
            if block.get_str("activation", "linear") != "linear":
                raise UserError("det.err.cfg", detail="only linear shortcuts are supported")
            return Shortcut(absolute(block.get_int("from"))), in_channels
        if block.type == "yolo":
            return YoloLayer(), in_channels
        raise UserError("det.err.cfg", detail=f"section [{block.type}] is not supported")

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        """``x``: ``(B, 3, H, W)`` RGB in [0, 1], H and W multiples of 32 → raw maps, one per head."""
        saved: dict[int, torch.Tensor] = {}
        raw: list[torch.Tensor] = []
        for index, layer in enumerate(self.layers):
            if isinstance(layer, Route):
                x = layer([saved[s] for s in layer.sources])
            elif isinstance(layer, Shortcut):
                x = layer(x, saved[layer.sources[0]])
            else:
                x = layer(x)
            if isinstance(layer, YoloLayer):
                raw.append(x)  # (B, A*(5+C), H, W)
            if index in self._keep:
                saved[index] = x
        return raw


def _head(block: Block, index: int) -> Head:
    pairs = block.get_ints("anchors")
    anchors = [(float(pairs[2 * i]), float(pairs[2 * i + 1])) for i in range(len(pairs) // 2)]
    mask = block.get_ints("mask") if "mask" in block.options else list(range(len(anchors)))
    return Head(index, tuple(anchors[m] for m in mask), block.get_int("classes", 80))


def conv_layers(model: Darknet) -> list[Conv]:
    """The convolutions in cfg order: the order of their weights in a ``.weights`` file."""
    return [layer for layer in model.layers if isinstance(layer, Conv)]
