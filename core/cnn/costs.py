"""Parameters and multiplies of a conv layer: standard vs depthwise-separable vs a 1x1 bottleneck.

Counts follow the course: a standard f x f conv from C_in to C_out channels on an
H_out x W_out output does H_out * W_out * C_out * f^2 * C_in multiplies. A depthwise-separable
conv (MobileNet) splits it into one f x f filter per input channel plus a 1x1 conv, saving
about 1 / (1/C_out + 1/f^2): 8-9x for 3x3. A 1x1 bottleneck (Inception) first shrinks C_in.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConvLayer:
    """Input H x W x C_in, C_out filters of f x f, same padding (output H x W at stride 1), stride S."""

    height: int
    width: int
    c_in: int
    c_out: int
    f: int
    stride: int = 1

    @property
    def out_height(self) -> int:
        return -(-self.height // self.stride)  # "same" padding: ceil(H / S)

    @property
    def out_width(self) -> int:
        return -(-self.width // self.stride)


@dataclass(frozen=True)
class Cost:
    """Learned parameters (weights + biases) and multiplies of one design."""

    params: int
    mults: int


def standard_cost(layer: ConvLayer) -> Cost:
    """One f x f x C_in filter per output channel, applied at every output position."""
    positions = layer.out_height * layer.out_width
    return Cost(params=(layer.f * layer.f * layer.c_in + 1) * layer.c_out,
                mults=positions * layer.c_out * layer.f * layer.f * layer.c_in)


def separable_cost(layer: ConvLayer) -> Cost:
    """Depthwise f x f (one filter per input channel) then pointwise 1x1 from C_in to C_out."""
    positions = layer.out_height * layer.out_width
    depthwise = Cost(params=(layer.f * layer.f + 1) * layer.c_in, mults=positions * layer.c_in * layer.f * layer.f)
    pointwise = Cost(params=(layer.c_in + 1) * layer.c_out, mults=positions * layer.c_in * layer.c_out)
    return Cost(depthwise.params + pointwise.params, depthwise.mults + pointwise.mults)


def bottleneck_cost(layer: ConvLayer, bottleneck: int) -> Cost:
    """1x1 conv from C_in down to ``bottleneck`` channels (at the input size), then the f x f conv to C_out."""
    squeeze = Cost(params=(layer.c_in + 1) * bottleneck, mults=layer.height * layer.width * layer.c_in * bottleneck)
    conv = standard_cost(ConvLayer(layer.height, layer.width, bottleneck, layer.c_out, layer.f, layer.stride))
    return Cost(squeeze.params + conv.params, squeeze.mults + conv.mults)


def compare(layer: ConvLayer, bottleneck: int) -> dict[str, Cost]:
    """The three designs of one layer, in the order the page lists them."""
    return {"standard": standard_cost(layer), "separable": separable_cost(layer),
            "bottleneck_design": bottleneck_cost(layer, bottleneck)}
