"""Use a trained top on new photos: class probabilities and the nearest training photos."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from torch.nn import functional as F

from core.cnn.models import CnnModel
from core.transfer.backbone import SIDE, frozen_features, pool, to_batch
from core.transfer.train import TrainResult


@dataclass(frozen=True)
class Prediction:
    probabilities: np.ndarray  # (K,)
    nearest: list[tuple[int, float]]  # (photo index in the training set, cosine similarity), closest first


def predict(model: CnnModel, result: TrainResult, images: Sequence[Image.Image], k: int = 4) -> list[Prediction]:
    """Probabilities and ``k`` nearest training photos (cosine of the top's pooled features) per image."""
    maps = frozen_features(model, to_batch(images, SIDE), list(result.frozen))  # (B, C, h, w)
    x = maps if result.trainable else pool(maps)
    with torch.no_grad():
        probs = result.top(x).softmax(dim=1).numpy()  # (B, K)
        feats = F.normalize(result.top.features(x), dim=1).numpy()  # (B, D)
    similarity = feats @ result.train_features.T  # (B, Nt)
    out = []
    for p, sims in zip(probs, similarity):
        order = np.argsort(-sims)[:k]
        out.append(Prediction(p, [(result.train_idx[j], float(sims[j])) for j in order]))
    return out
