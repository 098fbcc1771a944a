"""Honest scores for a classifier: confusion matrix, per-class precision / recall / F1, P-R curve.

Plain numpy, checked in the tests against scikit-learn (``confusion_matrix``,
``precision_recall_fscore_support`` with ``zero_division=0``, ``precision_recall_curve``).
Everything here is cheap, so the page's threshold and class sliders only call these again.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def confusion(y_true: np.ndarray, y_pred: np.ndarray, classes: int) -> np.ndarray:
    """(K, K) counts: row = true class, column = predicted class."""
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return matrix


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    return np.divide(top, bottom, out=np.zeros(top.shape, dtype=np.float64), where=bottom > 0)


@dataclass(frozen=True)
class Scores:
    """Per-class scores (each (K,)) and overall accuracy, from one confusion matrix."""

    matrix: np.ndarray
    precision: np.ndarray  # TP / (TP + FP)
    recall: np.ndarray  # TP / (TP + FN)
    f1: np.ndarray  # harmonic mean of the two
    support: np.ndarray  # true photos per class
    class_accuracy: np.ndarray  # one class against the rest: (TP + TN) / N
    accuracy: float  # trace / N


def scores(matrix: np.ndarray) -> Scores:
    """Scores of a (K, K) confusion matrix; a class with nothing to divide by scores 0 (sklearn's zero_division=0)."""
    tp = np.diag(matrix).astype(np.float64)
    predicted = matrix.sum(axis=0).astype(np.float64)
    support = matrix.sum(axis=1)
    total = matrix.sum()
    precision = _ratio(tp, predicted)
    recall = _ratio(tp, support.astype(np.float64))
    f1 = _ratio(2 * precision * recall, precision + recall)
    tn = total - predicted - support + tp
    class_accuracy = _ratio(tp + tn, np.full(tp.shape, float(total)))
    accuracy = float(tp.sum() / total) if total else 0.0
    return Scores(matrix, precision, recall, f1, support, class_accuracy, accuracy)


@dataclass(frozen=True)
class PrCurve:
    """Precision and recall of "class c" when a photo counts as c if its probability >= threshold."""

    thresholds: np.ndarray  # (T,) decreasing distinct scores
    precision: np.ndarray  # (T,)
    recall: np.ndarray  # (T,)


def pr_curve(probability: np.ndarray, positive: np.ndarray) -> PrCurve:
    """One-vs-rest P-R curve for scores ``probability`` (N,) and booleans ``positive`` (N,)."""
    order = np.argsort(-probability, kind="stable")
    scores_sorted = probability[order]
    hits = np.cumsum(positive[order])  # true positives at each cut
    cuts = np.r_[np.nonzero(np.diff(scores_sorted))[0], len(order) - 1]  # last index of each distinct score
    tp = hits[cuts].astype(np.float64)
    predicted = (cuts + 1).astype(np.float64)
    total = float(positive.sum())
    recall = tp / total if total else np.zeros_like(tp)
    return PrCurve(scores_sorted[cuts], tp / predicted, recall)


def at_threshold(probability: np.ndarray, positive: np.ndarray, threshold: float) -> tuple[float, float, int]:
    """(precision, recall, photos called positive) of one class at ``threshold``."""
    called = probability >= threshold
    tp = float((called & positive).sum())
    precision = tp / called.sum() if called.any() else 1.0  # nothing called: no false alarm
    recall = tp / positive.sum() if positive.any() else 0.0
    return precision, recall, int(called.sum())
