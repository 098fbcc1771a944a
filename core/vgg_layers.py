"""VGG layer names and their positions in torchvision's ``features`` stack: the one table for every page.

torchvision builds ``vgg16().features`` and ``vgg19().features`` from lists such as ``[64, 64, "M", ...]``:
each number is a 3×3 convolution followed by a ReLU, each ``"M"`` a 2×2 max pool. Simonyan &
Zisserman (2015) number the convolutions by block, the blocks being separated by the pools:
``conv1_1, relu1_1, conv1_2, relu1_2, pool1, conv2_1, ...``. Style transfer picks its layers by
these names, the feature-map page shows them, the HED weights file is read into them.
"""
from __future__ import annotations

from collections.abc import Iterable

from torch import nn


def layer_names(features: Iterable[nn.Module]) -> tuple[str, ...]:
    """The name of each layer of a VGG ``features`` stack, in order: ``names[i]`` is ``features[i]``."""
    names, block, index = [], 1, 1
    for layer in features:
        if isinstance(layer, nn.Conv2d):
            names.append(f"conv{block}_{index}")
        elif isinstance(layer, nn.ReLU):
            names.append(f"relu{block}_{index}")
            index += 1
        elif isinstance(layer, nn.MaxPool2d):
            names.append(f"pool{block}")
            block, index = block + 1, 1
        else:
            raise ValueError(f"not a VGG features layer: {layer}")
    return tuple(names)
