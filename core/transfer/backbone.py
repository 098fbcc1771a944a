"""A pretrained CNN from the registry cut in two: a frozen part run once per photo, and a trainable top.

The networks come from ``core.cnn.models.load_model`` (the one loader; shared, never changed).
Feature extraction trains only a linear layer on the pooled last feature map; fine-tuning also
trains a private copy of the last block(s), with a lower learning rate. Either way the frozen part
runs once per photo (and per augmented view), and what it returns is cached, so training an
epoch costs only the top. Photos are squashed to ``SIDE`` pixels (no crop) like the feature-map page.
"""
from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence

import numpy as np
import torch
from PIL import Image
from torch import Tensor, nn

from core.cnn.models import CnnModel

SIDE = 160  # EfficientNet-Lite0 at 160 px measured ~4x cheaper than at 224 on a 2-core CPU, same ranking
EMBED_LAYER = {"efficientnet-lite0": "head", "squeezenet1_1": "fire9"}  # the last map before the classifier
BACKBONES = tuple(EMBED_LAYER)
_BN = (nn.BatchNorm1d, nn.BatchNorm2d)
MAX_TRAINABLE = {"efficientnet-lite0": 3, "squeezenet1_1": 2}  # blocks that fine-tuning may unfreeze


def to_batch(images: Sequence[Image.Image], side: int = SIDE) -> Tensor:
    """RGB PIL images -> (B, 3, side, side) float in [0, 1] on the CPU, squashed (no crop)."""
    arrays = [np.asarray(im.convert("RGB").resize((side, side), Image.Resampling.BILINEAR), dtype=np.float32)
              for im in images]  # each (side, side, 3)
    return torch.from_numpy(np.stack(arrays) / 255.0).permute(0, 3, 1, 2).contiguous()  # (B, 3, side, side)


def image_key(image: Image.Image) -> str:
    """A content hash of a decoded photo: the key of its cached features."""
    return hashlib.sha1(image.tobytes() + repr(image.size).encode()).hexdigest()


def cut_point(model: CnnModel, trainable: int) -> tuple[list[str], list[str]]:
    """Stage names (frozen, trainable): the stages up to the embedding layer, the last ``trainable`` of them trained."""
    names = model.layer_names
    stop = names.index(EMBED_LAYER[model.id]) + 1
    limit = MAX_TRAINABLE[model.id]
    if not 0 <= trainable <= limit:
        raise ValueError(f"{model.id}: 0..{limit} trainable blocks, got {trainable}")
    return names[: stop - trainable], names[stop - trainable: stop]


def frozen_features(model: CnnModel, x_rgb01: Tensor, frozen: Sequence[str], batch: int = 16) -> Tensor:
    """(B, 3, H, W) in [0, 1] through the shared frozen stages -> (B, C, h, w) on the CPU, float32.

    With no stage left trainable this is followed by pooling (``pool``) to give the embedding.
    """
    stages = dict(model.stages)
    param = next(model.stages[0][1].parameters())
    outputs = []
    with torch.inference_mode():
        for start in range(0, len(x_rgb01), batch):
            x = model.preprocess(x_rgb01[start:start + batch].to(param.device, param.dtype))
            for name in frozen:
                x = stages[name](x)  # (b, C, h, w)
            outputs.append(x.float().cpu())
    return torch.cat(outputs)


def pool(maps: Tensor) -> Tensor:
    """(B, C, h, w) -> (B, C) global average: the embedding a linear head reads."""
    return maps.mean(dim=(2, 3))


class Top(nn.Module):
    """What trains: an optional private copy of the last block(s), global average pooling, a linear layer.

    ``forward`` takes what the frozen part returned: (B, C, h, w) maps when blocks are trained,
    else the (B, D) pooled embedding.
    """

    def __init__(self, tail: nn.Module | None, dim: int, classes: int) -> None:
        super().__init__()
        self.tail = tail
        self.linear = nn.Linear(dim, classes)

    def features(self, x: Tensor) -> Tensor:
        """(B, D) pooled features: the space where nearest training photos are looked up."""
        return pool(self.tail(x)) if self.tail is not None else x

    def forward(self, x: Tensor) -> Tensor:
        return self.linear(self.features(x))  # (B, K) logits


def make_top(model: CnnModel, trainable: Sequence[str], sample: Tensor, classes: int, seed: int) -> Top:
    """A fresh top on the CPU: deep copies of the ``trainable`` stages (the shared model is never touched).

    ``sample`` is one frozen-part output, (1, C, h, w) maps or a (1, D) embedding; it tells the linear layer's width.
    """
    torch.manual_seed(seed)
    stages = dict(model.stages)
    tail = None
    if trainable:
        tail = copy.deepcopy(nn.Sequential(*(stages[n] for n in trainable))).float().cpu().requires_grad_(True)
        tail.eval()
        with torch.no_grad():
            sample = tail(sample)  # (1, D, h', w')
    return Top(tail, int(sample.shape[1]), classes)


def set_batchnorm(top: Top, update: bool) -> None:
    """Train mode for the top; BatchNorm layers in eval mode (frozen running statistics) unless ``update``."""
    top.train()
    if not update:
        for module in top.modules():
            if isinstance(module, _BN):
                module.eval()


def has_batchnorm(module: nn.Module) -> bool:
    return any(isinstance(m, _BN) for m in module.modules())

