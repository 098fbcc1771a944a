"""The one performance layer: a plain eval model in, a faster one out, with documented torch tools only.

Models stay plain ``nn.Module``s that read top to bottom; how they run fast is chosen here, per device:

- every device: ``torch.inference_mode`` (no autograd bookkeeping, no version counters), except for
  a model a caller differentiates through (``gradients=True``: the Gatys loss network);
- CPU and CUDA: 4-D inputs in channels-last memory (``torch.channels_last``, NHWC). oneDNN and cuDNN
  then run every convolution, pooling and elementwise layer on NHWC data, which their fastest
  kernels want; an ``nn.Conv2d`` follows its input's layout, so the shared weights stay as they are;
- CUDA, for models that ask for it (``half=True``: YOLO, whose convolutions and leaky ReLUs are
  made for it): float16 autocast (``torch.autocast``), convolutions on tensor cores; outputs come
  back as float32. Not for the style network, whose instance-norm statistics (squares of
  activations) need float32.

Measured on the shared 2-core AMD EPYC development machine, torch 2.14, in the same runs as the plain
model (``make bench`` reports current figures; the machine was busy, so ranges): channels-last made
YOLOv3-tiny at 416 px 1.2-1.8x and the 26-style network at 512 px 1.2-1.4x faster, the Gatys loss
network's forward + backward ~1.1x. Tried and not used: ``torch.compile`` (inductor, ``freezing``) was
another ~10 % on YOLOv3-tiny and ~2x on the style network for one fixed input shape, but compiled
25-40 s per shape on a quiet machine (and a photo's aspect ratio is a new shape for the style
network); compiled once for dynamic shapes it took 2-3.5 min under load and lost its lead.
``torch.jit.freeze`` + ``optimize_for_inference`` (deprecated in torch 2.14) was slower than
channels-last. So nothing here needs a warm-up: the first answer is already the fast one.

``DLVL_ACCEL=0`` (``core.settings.accel_enabled``) switches the layer off: the plain model is served.
"""
from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import torch
from torch import nn

from core.settings import accel_enabled


class Accelerated(nn.Module):
    """A shared plain model, called the fast way for its device; the model itself is never changed.

    Calls and outputs are the plain model's (float32 outputs, any memory layout); other attributes
    (``heads`` of a Darknet, for instance) are read from the plain model.
    """

    def __init__(self, plain: nn.Module, half: bool = False, gradients: bool = False) -> None:
        super().__init__()
        self.plain = plain
        device = next(plain.parameters()).device
        self.channels_last = device.type in ("cpu", "cuda")
        self.half = half and device.type == "cuda" and not gradients
        self.gradients = gradients

    def forward(self, *inputs: Any) -> Any:
        inputs = tuple(self._layout(x) for x in inputs)
        autocast = torch.autocast("cuda", dtype=torch.float16) if self.half else nullcontext()
        with nullcontext() if self.gradients else torch.inference_mode(), autocast:
            out = self.plain(*inputs)
        return _float32(out) if self.half else out

    def _layout(self, x: Any) -> Any:
        if self.channels_last and isinstance(x, torch.Tensor) and x.dim() == 4:
            return x.contiguous(memory_format=torch.channels_last)  # (B, C, H, W) values, NHWC memory
        return x

    def __getattr__(self, name: str) -> Any:
        try:
            return super().__getattr__(name)  # parameters, buffers, submodules (``plain`` itself)
        except AttributeError:
            if name == "plain":  # not set yet (half-built copies): never ask the missing model
                raise
            return getattr(self.plain, name)


def _float32(out: Any) -> Any:
    """Outputs of an autocast region back in float32 (tensors, or lists / tuples of them)."""
    if isinstance(out, torch.Tensor):
        return out.float()
    if isinstance(out, (list, tuple)):
        return type(out)(_float32(o) for o in out)
    return out


def accelerate(model: nn.Module, half: bool = False, gradients: bool = False) -> nn.Module:
    """The fast version of the eval, gradient-free ``model`` (on its device), or ``model`` itself when
    ``DLVL_ACCEL=0``. It runs in ``torch.inference_mode`` unless ``gradients`` (then autograd can go
    through it, to its inputs); ``half``: float16 autocast on CUDA (see the module notes)."""
    return Accelerated(model, half, gradients) if accel_enabled() else model

