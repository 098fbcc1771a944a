"""The loss network of Gatys style transfer: VGG conv features with named layers, shared and read-only.

Default: VGG16 conv1_1..conv5_3 from the offline HED weights (ImageNet VGG16 fine-tuned at a tiny
learning rate, so its features are the classic ones). When the full-size ImageNet VGG19 is
installed, that is used instead, as in the paper. Features come back by name from a plain loop
over the layers, never through hooks, so the cached model is never changed.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from core.device import device

log = logging.getLogger(__name__)

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
DEFAULT_CONTENT_LAYER = "relu4_2"
DEFAULT_STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")


@dataclass(frozen=True)
class FeatureNet:
    """A VGG ``features`` stack, its input preprocessing, and a name for every layer."""

    features: nn.Sequential
    preprocess: Callable[[Tensor], Tensor]  # RGB in [0, 1] (B, 3, H, W) -> the network's input
    names: tuple[str, ...]  # "conv1_1", "relu1_1", ..., "pool1", ... one per layer
    label: str

    @property
    def relu_layers(self) -> list[str]:
        """The layers offered for content and style: ReLU outputs, as in the paper."""
        return [n for n in self.names if n.startswith("relu")]


def layer_names(features: Iterable[nn.Module]) -> tuple[str, ...]:
    """VGG layer names by block: conv1_1, relu1_1, conv1_2, relu1_2, pool1, conv2_1, ..."""
    names, block, index = [], 1, 1
    for layer in features:
        if isinstance(layer, nn.Conv2d):
            names.append(f"conv{block}_{index}")
        elif isinstance(layer, nn.ReLU):
            names.append(f"relu{block}_{index}")
            index += 1
        else:
            names.append(f"pool{block}")
            block, index = block + 1, 1
    return tuple(names)


def extract(net: FeatureNet, image: Tensor, wanted: Iterable[str]) -> dict[str, Tensor]:
    """Features of ``image`` (B, 3, H, W) in [0, 1] at the ``wanted`` layers, each (B, C, h, w).

    Runs only as deep as the deepest wanted layer. A ReLU runs in place on the fresh output of
    the layer before it (autograd allows it: a convolution's backward needs its input, not its
    output), unless that output was asked for; the shared model is never touched.
    """
    wanted = set(wanted)
    unknown = wanted - set(net.names)
    if unknown:
        raise ValueError(f"unknown VGG layers {sorted(unknown)}; known: {', '.join(net.names)}")
    last = max(net.names.index(n) for n in wanted)
    out: dict[str, Tensor] = {}
    x = net.preprocess(image)
    previous = ""
    for name, layer in zip(net.names[: last + 1], net.features):
        if isinstance(layer, nn.ReLU):
            x = torch.relu(x) if previous in wanted else x.relu_()
        else:
            x = _layer(layer, x)
        if name in wanted:
            out[name] = x
        previous = name
    return out


def _layer(layer: nn.Module, x: Tensor) -> Tensor:
    """Run one layer; the RGB convolution on CPU as im2col + one GEMM (``thnn_conv2d``).

    oneDNN's direct convolution is slow with 3 input channels in NCHW: for conv1_1 at 256 px,
    forward + backward took 39 ms against 11 ms (2-core EPYC), about 3% of a Gatys step.
    """
    if isinstance(layer, nn.Conv2d) and layer.in_channels <= 4 and x.device.type == "cpu":
        return torch._C._nn.thnn_conv2d(x, layer.weight, layer.kernel_size, layer.bias, layer.stride, layer.padding)
    return layer(x)


def imagenet_preprocess(x: Tensor) -> Tensor:
    """RGB [0, 1] -> ImageNet-normalised input of torchvision's VGG."""
    mean = x.new_tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = x.new_tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def _freeze(features: nn.Sequential) -> nn.Sequential:
    return features.eval().requires_grad_(False).to(device())


def _vgg19_imagenet() -> FeatureNet | None:
    """torchvision's ImageNet VGG19 when its full-size weights are installed, else None."""
    from core.assets import is_installed, resolve

    if not is_installed("vgg19-imagenet"):
        return None
    try:
        import torchvision

        model = torchvision.models.vgg19()
        model.load_state_dict(torch.load(resolve("vgg19-imagenet"), map_location="cpu", weights_only=True))
    except Exception:  # noqa: BLE001 - an optional model: any problem means "use the offline one"
        log.warning("VGG19 ImageNet weights unusable; using the offline VGG16", exc_info=True)
        return None
    features = _freeze(model.features)
    return FeatureNet(features, imagenet_preprocess, layer_names(features), "VGG19 (ImageNet)")


def load_feature_net() -> FeatureNet:
    """The loss network: ImageNet VGG19 if installed, else the offline VGG16 (HED weights)."""
    net = _vgg19_imagenet()
    if net is not None:
        return net
    from core.convert.keras_vgg import load_vgg16_hed_features, vgg_caffe_preprocess

    features = _freeze(load_vgg16_hed_features())
    return FeatureNet(features, vgg_caffe_preprocess, layer_names(features), "VGG16 (HED, offline)")
