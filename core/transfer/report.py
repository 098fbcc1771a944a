"""Scores of a trained result as the page's table, the command line's JSON and a run's short name."""
from __future__ import annotations

import numpy as np

from core.transfer.metrics import Scores, confusion, scores
from core.transfer.train import TrainConfig, TrainResult


def validation_scores(result: TrainResult) -> Scores:
    """Confusion matrix and per-class scores on the held-out photos."""
    return scores(confusion(result.val_true, result.val_pred, len(result.classes)))


def class_table(s: Scores, classes: tuple[str, ...]) -> dict[str, list]:
    """Column name -> values, one row per class (the page's table and CSV)."""
    return {"class": list(classes), "precision": np.round(s.precision, 4).tolist(),
            "recall": np.round(s.recall, 4).tolist(), "f1": np.round(s.f1, 4).tolist(),
            "accuracy": np.round(s.class_accuracy, 4).tolist(), "support": s.support.tolist()}


def summary(result: TrainResult) -> dict:
    """Accuracy, per-class scores and the confusion matrix as plain JSON-able data."""
    s = validation_scores(result)
    return {"classes": list(result.classes), "backbone": result.config.backbone,
            "trained_blocks": list(result.trainable), "epochs": result.history[-1].epoch,
            "train_photos": len(result.train_idx), "validation_photos": len(result.val_idx),
            "accuracy": round(s.accuracy, 4), "per_class": class_table(s, result.classes),
            "confusion_matrix": s.matrix.tolist(), "seconds": round(result.seconds, 2)}


def cells(matrix: np.ndarray) -> list[tuple[int, int]]:
    """Non-empty (true, predicted) cells: mistakes first (largest count first), then the diagonal."""
    filled = [(int(i), int(j)) for i, j in zip(*np.nonzero(matrix))]
    return sorted(filled, key=lambda c: (c[0] == c[1], -matrix[c], c))


def cell_photos(result: TrainResult, true: int, predicted: int) -> list[int]:
    """Indices (in the photo set) of held-out photos of class ``true`` predicted as ``predicted``."""
    pred = result.val_pred
    return [result.val_idx[n] for n in range(len(pred)) if result.val_true[n] == true and pred[n] == predicted]


def run_label(config: TrainConfig, number: int) -> str:
    """``#2 ft2 aug mix0.4 bn16``: a run's settings in a few characters, for the comparison chart."""
    parts = [f"#{number}", f"ft{config.trainable}" if config.trainable else "head"]
    if config.augment.any:
        parts.append("aug")
    if config.mixup_alpha > 0:
        parts.append(f"mix{config.mixup_alpha:g}")
    if config.trainable and config.update_bn:
        parts.append(f"bn{config.batch_size}")
    return " ".join(parts)
