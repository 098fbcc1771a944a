"""Top-k ImageNet classes from a CNN's logits: softmax, then the k most likely labels."""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image
from torch import Tensor

from core.cnn.features import compute_activations
from core.cnn.models import IMAGENET_CATEGORIES, CnnModel


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
    """Top-k classes of ``image``; ``ValueError`` if the model has no classifier."""
    if not model.classifies:
        raise ValueError(f"{model.id} has no ImageNet classifier")
    logits = compute_activations(model, image).logits
    assert logits is not None
    return top_k(logits, k)
