"""The loss network of Gatys style transfer: VGG conv features with named outputs, shared and read-only.

Default: VGG16 conv1_1..conv5_3 from the offline HED weights (ImageNet VGG16 fine-tuned at a tiny
learning rate, so its features are the classic ones). When the full-size ImageNet VGG19 is
installed, that is used instead, as in the paper. ``VggFeatures`` gives the chosen layers' outputs
as a named tuple, like pytorch/examples ``vgg.py``: a new small module over the shared layers, never
hooks, so the cached model is never changed.
"""
from __future__ import annotations

import logging
from collections import namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from core.device import device
from core.tensors import normalise_imagenet
from core.vgg_layers import layer_names

log = logging.getLogger(__name__)

DEFAULT_CONTENT_LAYER = "relu4_2"
DEFAULT_STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")


@dataclass(frozen=True)
class FeatureNet:
    """A VGG ``features`` stack, its input preprocessing, and a name for every layer."""

    features: nn.Sequential
    preprocess: Callable[[Tensor], Tensor]  # RGB in [0, 1] (B, 3, H, W) -> the network's input
    names: tuple[str, ...]  # "conv1_1", "relu1_1", ..., "pool1", ... one per layer (core.vgg_layers)
    label: str

    @property
    def relu_layers(self) -> list[str]:
        """The layers offered for content and style: ReLU outputs, as in the paper."""
        return [n for n in self.names if n.startswith("relu")]


class VggFeatures(nn.Module):
    """``image`` (B, 3, H, W) in [0, 1] -> the outputs at the ``wanted`` layers, a named tuple (network order).

    The shared layers are cut into slices that each end at a wanted layer, and nothing runs past
    the deepest one. ReLUs are fresh modules (they have no weights): in place on the output of the
    convolution before them (autograd allows it: a convolution's backward needs its input, not its
    output), except where that output is itself wanted.
    """

    def __init__(self, net: FeatureNet, wanted: Iterable[str]) -> None:
        super().__init__()
        wanted = set(wanted)
        unknown = wanted - set(net.names)
        if unknown:
            raise ValueError(f"unknown VGG layers {sorted(unknown)}; known: {', '.join(net.names)}")
        self.preprocess = net.preprocess
        self.names = tuple(n for n in net.names if n in wanted)
        self.outputs = namedtuple("VggOutputs", self.names)
        self.slices = nn.ModuleList()
        layers: list[nn.Module] = []
        for index, (name, layer) in enumerate(zip(net.names, net.features)):
            if isinstance(layer, nn.ReLU):
                layer = nn.ReLU(inplace=net.names[index - 1] not in wanted)
            layers.append(layer)
            if name in wanted:
                self.slices.append(nn.Sequential(*layers))
                layers = []
            if len(self.slices) == len(self.names):
                break

    def forward(self, image: Tensor) -> tuple[Tensor, ...]:
        x = self.preprocess(image)
        outputs = []
        for part in self.slices:
            x = part(x)  # (B, C, h, w) at the next wanted layer
            outputs.append(x)
        return self.outputs(*outputs)


def extract(net: FeatureNet, image: Tensor, wanted: Iterable[str]) -> dict[str, Tensor]:
    """Features of ``image`` (B, 3, H, W) in [0, 1] at the ``wanted`` layers, each (B, C, h, w), by name."""
    return VggFeatures(net, wanted)(image)._asdict()


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
    return FeatureNet(features, normalise_imagenet, layer_names(features), "VGG19 (ImageNet)")


def load_feature_net() -> FeatureNet:
    """The loss network: ImageNet VGG19 if installed, else the offline VGG16 (HED weights)."""
    net = _vgg19_imagenet()
    if net is not None:
        return net
    from core.convert.keras_vgg import load_vgg16_hed_features, vgg_caffe_preprocess

    features = _freeze(load_vgg16_hed_features())
    return FeatureNet(features, vgg_caffe_preprocess, layer_names(features), "VGG16 (HED, offline)")
