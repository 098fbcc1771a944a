"""Top-k ImageNet classes from a CNN's logits: softmax, then the k most likely labels."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from torch import Tensor

from core.cnn.features import resized_input, walk
from core.cnn.models import IMAGENET_CATEGORIES, CnnModel
from core.serve.client import remote_or_local


@dataclass(frozen=True)
class Prediction:
    index: int
    label: str
    probability: float


def top_k(logits: Tensor, k: int = 5) -> list[Prediction]:
    """(1000,) logits -> the k most probable ImageNet classes, most probable first."""
    probs = logits.float().softmax(dim=-1)  # p_i = exp(z_i) / sum_j exp(z_j)
    values, indices = probs.topk(k)
    return [Prediction(int(i), IMAGENET_CATEGORIES[int(i)], float(p)) for p, i in zip(values, indices)]


def classify(model: CnnModel, image: Image.Image, k: int = 5) -> list[Prediction]:
    """Top-k classes of ``image``, on the model server when one is configured; ``ValueError`` if the
    model has no classifier."""
    if not model.classifies:
        raise ValueError(f"{model.id} has no ImageNet classifier")
    logits = remote_or_local("classify", lambda: ({"image": np.asarray(image.convert("RGB"))}, {"model": model.id}),
                             decode=lambda arrays: torch.from_numpy(arrays["logits"]),
                             local=lambda: logits_batch(model, [image])[0])
    return top_k(logits, k)


@torch.inference_mode()
def logits_batch(model: CnnModel, images: Sequence[Image.Image]) -> list[Tensor]:
    """The (1000,) ImageNet logits of each image, all images in one forward pass (224 x 224 each)."""
    x = model.preprocess(torch.cat([resized_input(image) for image in images]))  # (B, 3, 224, 224)
    _, logits = walk(model, x)
    return list(logits.float().cpu())  # B x (1000,)
