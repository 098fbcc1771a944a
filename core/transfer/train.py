"""Train a classifier on a few photos per class: the work a background job runs.

1. Features: the frozen part of the CNN runs once per photo (and once per augmented view),
   cached in a dict the caller keeps (the page keeps it in the session), so a second run with
   other head settings starts training at once.
2. Training: the top (a linear layer, plus a copy of the last block(s) when fine-tuning, at
   ``tail_lr_ratio`` times the learning rate) learns with AdamW on soft targets, so mixup's
   blended labels fit the same loss. Each epoch reports train and validation loss and accuracy.
3. A stop request ends training after the current epoch and keeps the model so far.

With the lower part frozen, mixup mixes what enters the trainable part (features, as in
manifold mixup, Verma et al. 2019) rather than pixels: it costs nothing per epoch.
"""
from __future__ import annotations

import time
from collections.abc import MutableMapping
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import Tensor
from torch.nn import functional as F

from core.cnn.models import CnnModel
from core.jobs import JobControl
from core.transfer.augment import AugmentConfig, augment_batch, mix
from core.transfer.backbone import (EMBED_LAYER, SIDE, Top, cut_point, frozen_features, image_key, make_top, pool,
                                    set_batchnorm, to_batch)
from core.transfer.dataset import PhotoSet, split

FEATURE_CHUNK = 16  # photos through the frozen part between two progress reports
FeatureCache = MutableMapping[tuple, Tensor]  # (model, cut, photo hash, view, augment, seed) -> frozen output


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a run: the page's controls, the command line's flags."""

    backbone: str = "efficientnet-lite0"
    trainable: int = 0  # last blocks unfrozen; 0 = feature extraction (linear head only)
    epochs: int = 40
    lr: float = 0.01
    tail_lr_ratio: float = 0.1  # fine-tuned blocks learn this much slower than the head
    batch_size: int = 16
    update_bn: bool = False  # BatchNorm running statistics updated from each batch, or frozen
    val_fraction: float = 0.25
    seed: int = 0
    augment: AugmentConfig = field(default_factory=lambda: AugmentConfig(False, False, False, False))
    views: int = 2  # augmented copies of each training photo (when any augmentation is on)
    mixup_alpha: float = 0.0  # 0 = no mixup
    weight_decay: float = 1e-4


@dataclass(frozen=True)
class Epoch:
    epoch: int
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float


@dataclass(frozen=True)
class Progress:
    """What the job reports: a phase ("features" / "train"), how far, and the curves so far."""

    phase: str
    done: int
    total: int
    history: tuple[Epoch, ...] = ()


@dataclass(frozen=True)
class TrainResult:
    """A trained top and what the page needs to evaluate it without running anything again."""

    classes: tuple[str, ...]
    config: TrainConfig
    top: Top  # eval mode, CPU
    frozen: tuple[str, ...]  # stage names the photo goes through before ``top``
    trainable: tuple[str, ...]
    train_idx: tuple[int, ...]
    val_idx: tuple[int, ...]
    val_probs: np.ndarray  # (Nv, K)
    val_true: np.ndarray  # (Nv,)
    train_features: np.ndarray  # (Nt, D) unit-length pooled features, for nearest photos
    history: tuple[Epoch, ...]
    seconds: float

    @property
    def val_pred(self) -> np.ndarray:
        return self.val_probs.argmax(axis=1) if len(self.val_probs) else np.zeros(0, dtype=np.int64)


def photo_features(model: CnnModel, photos: PhotoSet, indices: list[int], frozen: list[str], config: TrainConfig,
                   view: int, cache: FeatureCache) -> Tensor:
    """Frozen-part outputs of ``photos[indices]``: view 0 is the photo, views 1.. are augmented copies.

    (N, C, h, w) maps when blocks above stay trainable; (N, D) pooled embeddings when the whole base is
    frozen, so a session's cache holds 5 KB per photo instead of the 128 KB map (EfficientNet at 160 px).
    """
    pooled = frozen[-1] == EMBED_LAYER[model.id]
    keys = [(model.id, tuple(frozen), image_key(photos.images[i]), view,
             config.augment if view else None, config.seed if view else None) for i in indices]
    missing = [(i, k) for i, k in zip(indices, keys) if k not in cache]
    if missing:
        x = to_batch([photos.images[i] for i, _ in missing], SIDE)  # (M, 3, S, S)
        if view:
            x = augment_batch(x, config.augment, seed=config.seed * 1000 + view)
        maps = frozen_features(model, x, frozen)  # (M, C, h, w)
        for (_, key), out in zip(missing, pool(maps) if pooled else maps):
            cache[key] = out  # (D,) or (C, h, w)
    return torch.stack([cache[k] for k in keys])  # (N, D) or (N, C, h, w)


def evaluate(top: Top, x: Tensor, y: Tensor) -> tuple[float, float, Tensor]:
    """(mean cross-entropy, accuracy, (N, K) probabilities) with the top in eval mode."""
    if len(x) == 0:
        return float("nan"), float("nan"), torch.zeros(0, top.linear.out_features)
    top.eval()
    with torch.no_grad():
        logits = top(x)  # (N, K)
    return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item(), logits.softmax(1)


def train(model: CnnModel, photos: PhotoSet, config: TrainConfig, cache: FeatureCache,
          control: JobControl | None = None, val_idx: list[int] | None = None) -> TrainResult | None:
    """Features (cached), then ``config.epochs`` epochs of the top; see the module docstring.

    The held-out photos are a seeded stratified share (``config.val_fraction``), or ``val_idx`` when given.
    None when a stop came before training began.
    """
    start = time.perf_counter()
    frozen, trainable = cut_point(model, config.trainable)
    if val_idx is None:
        train_idx, val_idx = split(photos.labels, config.val_fraction, config.seed)
    else:
        held_out = set(val_idx)
        train_idx = [i for i in range(len(photos)) if i not in held_out]
    views = config.views if config.augment.any else 0
    total = len(photos) + views * len(train_idx)

    def report(item: Progress) -> None:
        if control is not None:
            control.report(item)

    done = 0

    def features(indices: list[int], view: int) -> Tensor | None:
        """In chunks, so progress shows and a stop is noticed between chunks; None once stopped."""
        nonlocal done
        parts = []
        for begin in range(0, len(indices), FEATURE_CHUNK):
            report(Progress("features", done, total))
            if control is not None and control.stopped:
                return None
            chunk = indices[begin:begin + FEATURE_CHUNK]
            parts.append(photo_features(model, photos, chunk, frozen, config, view, cache))
            done += len(chunk)
        return torch.cat(parts)  # (n, C, h, w)

    base = features(list(range(len(photos))), 0)
    extra = [features(train_idx, view) for view in range(1, views + 1)] if base is not None else []
    if base is None or any(e is None for e in extra):
        return None  # stopped before training began: nothing to keep
    labels = torch.tensor(photos.labels)
    x_train = torch.cat([base[train_idx], *extra])  # what the top reads: (n, D) or (n, C, h, w)
    y_train = labels[train_idx].repeat(1 + views)
    x_clean, y_clean = base[train_idx], labels[train_idx]
    x_val, y_val = base[val_idx], labels[val_idx]

    classes = len(photos.classes)
    top = make_top(model, trainable, base[:1], classes, config.seed)
    groups = [{"params": top.linear.parameters(), "lr": config.lr}]
    if top.tail is not None:
        groups.append({"params": top.tail.parameters(), "lr": config.lr * config.tail_lr_ratio})
    optimiser = torch.optim.AdamW(groups, weight_decay=config.weight_decay)
    generator = torch.Generator().manual_seed(config.seed)
    history = [Epoch(0, *evaluate(top, x_clean, y_clean)[:2], *evaluate(top, x_val, y_val)[:2])]  # before training
    for epoch in range(1, config.epochs + 1):
        set_batchnorm(top, config.update_bn)
        order = torch.randperm(len(x_train), generator=generator)
        for begin in range(0, len(order), config.batch_size):
            batch = order[begin:begin + config.batch_size]
            if len(batch) < 2 and top.tail is not None and config.update_bn:
                continue  # BatchNorm cannot take statistics of a single photo
            xb, yb = x_train[batch], F.one_hot(y_train[batch], classes).float()  # (b, ...), (b, K)
            if config.mixup_alpha > 0:
                xb, yb, _ = mix(xb, yb, config.mixup_alpha, generator)
            loss = -(yb * F.log_softmax(top(xb), dim=1)).sum(dim=1).mean()  # soft-target cross-entropy
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        train_loss, train_acc, _ = evaluate(top, x_clean, y_clean)
        val_loss, val_acc, _ = evaluate(top, x_val, y_val)
        history.append(Epoch(epoch, train_loss, train_acc, val_loss, val_acc))
        report(Progress("train", epoch, config.epochs, tuple(history)))
        if control is not None and control.stopped:
            break
    top.eval()
    _, _, val_probs = evaluate(top, x_val, y_val)
    with torch.no_grad():
        feats = F.normalize(top.features(x_clean), dim=1)  # (Nt, D)
    return TrainResult(photos.classes, config, top, tuple(frozen), tuple(trainable), tuple(train_idx),
                       tuple(val_idx), val_probs.numpy(), y_val.numpy(), feats.numpy(), tuple(history),
                       time.perf_counter() - start)

