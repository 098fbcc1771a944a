"""Instant styles: the 26-style feed-forward network (Dumoulin, Shlens & Kudlur, 2017) in PyTorch.

One image transformation network learns 26 paintings at once: every style shares the
convolutions and has its own instance-norm scale and shift (conditional instance norm).
The ``style_weights`` input mixes those per-style parameters, so a one-hot vector gives one
style and any convex mix blends styles. Styling is one forward pass, no optimisation:
that is why it is fast.

The network is rebuilt by hand from the ONNX file's weights (the graph is small and regular:
reflect-pad, conv, conditional instance norm, ReLU). Written out, every layer does the fewest
passes over memory: channels-last tensors, weights packed once for oneDNN on CPU, the
normalisation, ReLU and residual add written straight into the next layer's padded input, the
statistics read in cache-sized pieces, and the image-sized buffers kept for the next call (about
50 MB at 512 px). ``tests/test_style_fast.py`` holds it to onnxruntime.
"""
from __future__ import annotations

import threading
from collections.abc import Mapping

import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from PIL import Image
from torch import Tensor, nn

from core.assets import resolve
from core.device import device
from core.errors import UserError
from core.style.images import fit_side
from core.tensors import to_image, to_tensor

NUM_STYLES = 26  # the package never named them: "Style 1" .. "Style 26" (index + 1)
EPS = 1e-5  # the ONNX graph's instance-norm epsilon
STATS_CHUNK = 1 << 17  # floats per piece when summing squares: 512 KiB, stays in L2
CHANNELS_LAST = torch.channels_last


def _reflect_border(padded: Tensor, pad: int) -> Tensor:
    """Fill the ``pad``-wide border of ``padded`` from its interior, as ``F.pad(mode="reflect")`` would."""
    h, w = padded.shape[2] - 2 * pad, padded.shape[3] - 2 * pad
    for i in range(pad):  # rows first (interior columns), then whole columns: corners come out right
        padded[:, :, pad - 1 - i, pad:pad + w] = padded[:, :, pad + 1 + i, pad:pad + w]
        padded[:, :, pad + h + i, pad:pad + w] = padded[:, :, pad + h - 2 - i, pad:pad + w]
    for i in range(pad):
        padded[:, :, :, pad - 1 - i] = padded[:, :, :, pad + 1 + i]
        padded[:, :, :, pad + w + i] = padded[:, :, :, pad + w - 2 - i]
    return padded


class _Workspace:
    """The buffers of one forward pass, handed out in call order and kept for the next call of the same shape.

    A fresh image-sized block costs a page fault per 4 KiB on every call (glibc gives big blocks
    back to the OS between calls): measured at 512 px, 10 k faults and a fifth of the time per call.
    """

    def __init__(self, spare: list[Tensor]) -> None:
        self.spare = spare
        self.used: list[Tensor] = []

    def padded(self, like: Tensor, channels: int, h: int, w: int, pad: int) -> tuple[Tensor, Tensor]:
        """A channels-last (B, channels, h + 2·pad, w + 2·pad) buffer (contents undefined) and its (h, w) interior."""
        shape = (like.shape[0], channels, h + 2 * pad, w + 2 * pad)
        index = len(self.used)
        if index < len(self.spare) and self.spare[index].shape == shape:
            out = self.spare[index]
        else:
            out = torch.empty(shape, dtype=like.dtype, device=like.device, memory_format=CHANNELS_LAST)
        self.used.append(out)
        return out, out[:, :, pad:pad + h, pad:pad + w]


class CondConv(nn.Module):
    """A convolution (no bias) and its conditional instance norm: ``scale·conv(x) + shift`` per channel."""

    def __init__(self, weight: Tensor, gamma: Tensor, beta: Tensor, stride: int = 1) -> None:
        super().__init__()
        self.stride = stride
        self.pad = weight.shape[-1] // 2  # the reflection the *input* of this layer needs
        self.register_buffer("gamma", gamma)  # (26, C_out): per-style scales
        self.register_buffer("beta", beta)  # (26, C_out): per-style shifts
        weight = weight.to(device()).contiguous(memory_format=CHANNELS_LAST)
        self.packed = device().type == "cpu" and torch.backends.mkldnn.is_available()
        if self.packed:  # oneDNN's blocked layout, reordered once (valid for any input size)
            weight = torch.ops.mkldnn._reorder_convolution_weight(
                weight, [0, 0], [stride, stride], [1, 1], 1, [1, weight.shape[1], 512, 512])
        self.register_buffer("weight", weight)

    def conv(self, padded: Tensor) -> Tensor:
        if self.packed:
            return torch.ops.mkldnn._convolution_pointwise(
                padded, self.weight, None, [0, 0], [self.stride] * 2, [1, 1], 1, "none", [], "")
        return F.conv2d(padded, self.weight, stride=self.stride)

    def forward(self, padded: Tensor, mix: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        """(y, scale, shift): the conv output (B, C, h, w) and (B, C, 1, 1) factors that normalise it."""
        y = self.conv(padded)
        b, c, h, w = y.shape
        flat = y.permute(0, 2, 3, 1).reshape(b, h * w, c)  # a view: y is channels-last
        mean = flat.mean(1, keepdim=True)  # (B, 1, C)
        # Σ(y − mean)² in pieces that stay in cache: no image-sized temporary, and no cancellation.
        squares = sum((part - mean).square_().sum(1) for part in flat.split(max(1, STATS_CHUNK // c), 1))
        scale = (mix @ self.gamma) * torch.rsqrt(squares / (h * w) + EPS)  # (B, C)
        shift = mix @ self.beta - mean[:, 0] * scale
        return y, scale.view(b, c, 1, 1), shift.view(b, c, 1, 1)


def _normalised(ws: _Workspace, y: Tensor, scale: Tensor, shift: Tensor, pad: int, relu: bool = False,
                add: Tensor | None = None) -> Tensor:
    """``scale·y + shift`` (then ReLU, or + ``add``) written into a buffer with a reflected border."""
    out, inner = ws.padded(y, y.shape[1], y.shape[2], y.shape[3], pad)
    torch.addcmul(shift, y, scale, out=inner)
    if relu:
        inner.relu_()
    if add is not None:
        inner.add_(add)
    return _reflect_border(out, pad)


def _upsampled(ws: _Workspace, x: Tensor, pad: int) -> Tensor:
    """Nearest-neighbour ×2 of ``x`` written into a buffer with a reflected border."""
    b, c, h, w = x.shape
    out, inner = ws.padded(x, c, 2 * h, 2 * w, pad)
    inner.unflatten(3, (w, 2)).unflatten(2, (h, 2)).copy_(x[:, :, :, None, :, None].expand(b, c, h, 2, w, 2))
    return _reflect_border(out, pad)


class MultiStyle26(nn.Module):
    """(image (B, 3, H, W) in [0, 1], H and W multiples of 4; style_weights (26,)) -> (B, 3, H, W) in [0, 1].

    contract (9×9, 3×3 /2, 3×3 /2) -> 6 residual blocks -> expand (×2 3×3, ×2 3×3, 9×9, sigmoid).
    """

    def __init__(self, params: Mapping[str, Tensor]) -> None:
        super().__init__()

        def layer(name: str, stride: int = 1) -> CondConv:
            return CondConv(params[f"{name}.w"], params[f"{name}.norm.gamma"], params[f"{name}.norm.beta"], stride)

        self.contract = nn.ModuleList([layer("contract.0"), layer("contract.1", 2), layer("contract.2", 2)])
        self.residual = nn.ModuleList(nn.ModuleList([layer(f"res.{i}.0"), layer(f"res.{i}.1")]) for i in range(6))
        self.expand = nn.ModuleList([layer("expand.0"), layer("expand.1"), layer("expand.2")])
        self._lock = threading.Lock()
        self._spare: tuple[tuple, list[Tensor]] = ((), [])  # (input key, buffers of the last call)

    def forward(self, image: Tensor, style_weights: Tensor) -> Tensor:
        key = (image.shape, image.dtype, image.device, torch.is_inference_mode_enabled())
        with self._lock:  # concurrent calls never share buffers: the second one allocates its own
            (spare_key, spare), self._spare = self._spare, ((), [])
        ws = _Workspace(spare if spare_key == key else [])
        out = self._run(ws, image, style_weights.view(1, -1))
        with self._lock:
            self._spare = (key, ws.used)
        return out

    def _run(self, ws: _Workspace, image: Tensor, mix: Tensor) -> Tensor:
        x = F.pad(image, [self.contract[0].pad] * 4, mode="reflect").contiguous(memory_format=CHANNELS_LAST)
        for conv in self.contract:
            x = _normalised(ws, *conv(x, mix), pad=1, relu=True)
        for first, second in self.residual:
            hidden = _normalised(ws, *first(x, mix), pad=1, relu=True)
            x = _normalised(ws, *second(hidden, mix), pad=1, add=x[:, :, 1:-1, 1:-1])
        x = _upsampled(ws, x[:, :, 1:-1, 1:-1], pad=1)
        x = _upsampled(ws, _normalised(ws, *self.expand[0](x, mix), pad=0, relu=True), pad=1)
        x = _normalised(ws, *self.expand[1](x, mix), pad=self.expand[2].pad, relu=True)
        out = _normalised(ws, *self.expand[2](x, mix), pad=0).sigmoid_()
        return out.clone(memory_format=torch.contiguous_format)  # never hand out a kept buffer


def load_multistyle26() -> MultiStyle26:
    """The network with the offline ONNX file's weights, on the app's device, frozen."""
    graph = onnx.load(str(resolve("multistyle26"))).graph
    params = {init.name: torch.from_numpy(numpy_helper.to_array(init).copy()) for init in graph.initializer}
    return MultiStyle26(params).eval().requires_grad_(False).to(device())


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
