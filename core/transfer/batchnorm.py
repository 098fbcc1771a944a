"""Why BatchNorm cares about batch size, measured on the network being fine-tuned.

In train mode a BatchNorm layer normalises with the mean and variance of the current batch,
so a photo's features depend on which other photos share its batch, and the smaller the batch,
the noisier those statistics (and the running averages built from them). Frozen (eval mode),
the layer uses its stored statistics and a photo's features are the same in any batch.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np
import torch
from torch import Tensor

from core.transfer.backbone import Top, set_batchnorm

BATCH_SIZES = (2, 4, 8, 16, 32)


def batch_wobble(top: Top, maps: Tensor, update_bn: bool, batch_sizes: Sequence[int] = BATCH_SIZES,
                 repeats: int = 6, seed: int = 0) -> dict[int, float]:
    """Batch size -> how much photo 0's pooled features move when its batch-mates change.

    ``maps`` (N, C, h, w) are frozen-part outputs. For each size, photo 0 is put in ``repeats``
    random batches; the result is the mean distance of its features from their average, relative
    to their norm. Zero when BatchNorm is frozen. A copy of ``top`` is used, so nothing is updated.
    """
    probe = copy.deepcopy(top)
    set_batchnorm(probe, update_bn)
    rng = np.random.default_rng(seed)
    wobble: dict[int, float] = {}
    for size in batch_sizes:
        if size > len(maps):
            break
        feats = []
        for _ in range(repeats):
            mates = rng.choice(np.arange(1, len(maps)), size - 1, replace=False)
            batch = maps[np.r_[0, mates]]  # (size, C, h, w), photo 0 first
            with torch.no_grad():
                feats.append(probe.features(batch)[0])  # (D,)
        stacked = torch.stack(feats)  # (repeats, D)
        centre = stacked.mean(0)
        wobble[size] = float((stacked - centre).norm(dim=1).mean() / centre.norm().clamp_min(1e-12))
    return wobble
