"""The Gram matrices a finished Gatys run was pulled towards and reached, side by side, for display."""
from __future__ import annotations

import numpy as np
from torch import Tensor

from core.style.gatys import layer_gram
from core.style.jobs import GatysResult
from core.style.vgg import FeatureNet

GRAM_CHANNELS = 48  # channels drawn of a Gram matrix: 512×512 would be a grey blur


def gram_pair(net: FeatureNet, result: GatysResult, generated: Tensor, layer: str,
              channels: int = GRAM_CHANNELS) -> tuple[np.ndarray, np.ndarray]:
    """The first ``channels`` × ``channels`` of the style image's and ``generated``'s (1, 3, H, W) Gram at ``layer``."""
    return tuple(layer_gram(net, image, layer)[:channels, :channels].cpu().numpy()
                 for image in (result.style, generated))
