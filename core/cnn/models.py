"""The pretrained CNNs of the feature-map page, each seen as a chain of named stages.

A ``CnnModel`` lists the network's layers as ``(name, module)`` stages that compose into
the last feature map, plus an optional ``head`` (feature map -> 1000 ImageNet logits). The
stages wrap the loaded model's own submodules, so walking them (``features.walk``) gives
every intermediate map without hooks and without touching the shared model.
Offline models: VGG16 (HED weights, no classifier), SqueezeNet 1.1, EfficientNet-Lite0.
ImageNet VGG16 / VGG19 (torchvision) join when their full-size weights are installed.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import Tensor, nn
from torchvision.models import SqueezeNet1_1_Weights, vgg16, vgg19

from core.assets import is_installed, resolve
from core.convert.efficientnet_lite import efficientnet_lite_preprocess, load_efficientnet_lite0
from core.convert.keras_vgg import load_vgg16_hed_features, vgg_caffe_preprocess
from core.convert.squeezenet import load_squeezenet1_1, squeezenet_preprocess
from core.device import device
from core.tensors import normalise_imagenet
from core.vgg_layers import layer_names

INPUT_SIZE = 224  # every model here was trained on 224 x 224 crops
# The standard 1000-class ImageNet order, shipped inside torchvision (no download).
IMAGENET_CATEGORIES: tuple[str, ...] = tuple(SqueezeNet1_1_Weights.IMAGENET1K_V1.meta["categories"])

Stages = tuple[tuple[str, nn.Module], ...]


@dataclass(frozen=True)
class CnnModel:
    """A loaded network: named stages (input -> last feature map), optional classifier head, preprocessing."""

    id: str
    stages: Stages
    head: nn.Module | None  # (B, C, h, w) last stage output -> (B, 1000) logits
    preprocess: Callable[[Tensor], Tensor]  # (B, 3, H, W) RGB in [0, 1] -> the network's input
    cam_layer: str | None = None  # the last map with spatial layout before the head: Grad-CAM's usual layer

    @property
    def layer_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    @property
    def classifies(self) -> bool:
        return self.head is not None


def _vgg_stages(features: nn.Sequential) -> Stages:
    """conv{b}_{i} = conv + its ReLU, pool{b} = max pool, named by the shared VGG layer table."""
    return tuple((name, nn.Sequential(features[i], features[i + 1]) if name.startswith("conv") else features[i])
                 for i, name in enumerate(layer_names(features)) if not name.startswith("relu"))


def vgg_imagenet_model(model_id: str, vgg: nn.Module) -> CnnModel:
    """Wrap a torchvision VGG (weights already loaded) as stages + classifier head."""
    head = nn.Sequential(vgg.avgpool, nn.Flatten(1), vgg.classifier)
    return CnnModel(model_id, _vgg_stages(vgg.features), head, normalise_imagenet, cam_layer="conv5_3")


def squeezenet_model(net: nn.Module) -> CnnModel:
    """SqueezeNet 1.1: conv1, pool1, fire2..fire9 with pools between, conv10 (one map per class), head = avg pool."""
    f, c = net.features, net.classifier
    stages = (("conv1", nn.Sequential(f[0], f[1])), ("pool1", f[2]), ("fire2", f[3]), ("fire3", f[4]),
              ("pool3", f[5]), ("fire4", f[6]), ("fire5", f[7]), ("pool5", f[8]), ("fire6", f[9]),
              ("fire7", f[10]), ("fire8", f[11]), ("fire9", f[12]), ("conv10", nn.Sequential(c[1], c[2])))
    return CnnModel("squeezenet1_1", stages, nn.Sequential(c[3], nn.Flatten(1)), squeezenet_preprocess,
                    cam_layer="fire9")


def efficientnet_model(net: nn.Module) -> CnnModel:
    """EfficientNet-Lite0: stem, block1..block16 (MBConv), head (1x1 to 1280); then average pool + fc."""
    stages = (("stem", net.stem), *((f"block{i + 1}", b) for i, b in enumerate(net.blocks)), ("head", net.head))
    return CnnModel("efficientnet-lite0", stages,
                    nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(1), net.fc), efficientnet_lite_preprocess,
                    cam_layer="head")


def _load_vgg_imagenet(model_id: str, builder: Callable[..., nn.Module]) -> CnnModel:
    vgg = builder(weights=None)
    vgg.load_state_dict(torch.load(resolve(model_id), map_location="cpu", weights_only=True), strict=True)
    return vgg_imagenet_model(model_id, vgg.eval().requires_grad_(False).to(device()))


LOADERS: dict[str, Callable[[], CnnModel]] = {
    "squeezenet1_1": lambda: squeezenet_model(load_squeezenet1_1()),
    "efficientnet-lite0": lambda: efficientnet_model(load_efficientnet_lite0()),
    "vgg16-hed": lambda: CnnModel("vgg16-hed", _vgg_stages(load_vgg16_hed_features()), None, vgg_caffe_preprocess),
    "vgg16-imagenet": lambda: _load_vgg_imagenet("vgg16-imagenet", vgg16),
    "vgg19-imagenet": lambda: _load_vgg_imagenet("vgg19-imagenet", vgg19),
}
OPTIONAL = ("vgg16-imagenet", "vgg19-imagenet")  # full-size downloads; offered only when installed


def available_models() -> list[str]:
    """Model ids the page can offer now: the offline ones, plus ImageNet VGGs whose weights are installed."""
    return [m for m in LOADERS if m not in OPTIONAL or is_installed(m)]


def load_model(model_id: str) -> CnnModel:
    """Load ``model_id`` (eval, gradients off, on ``device()``); ``ValueError`` lists the known ids."""
    if model_id not in LOADERS:
        raise ValueError(f"unknown CNN {model_id!r}; known: {', '.join(LOADERS)}")
    return LOADERS[model_id]()
