"""The page's charts as plain plotly figures, built from results the page already holds.

Labels come in translated (``lang``); nothing here trains or runs a network, so moving a
threshold or choosing a class only rebuilds a small figure.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from core.i18n import translate
from core.transfer.metrics import PrCurve, Scores
from core.transfer.train import Epoch

MARGIN = dict(l=10, r=10, t=40, b=10)


def curves(history: Sequence[Epoch], lang: str) -> go.Figure:
    """Train vs validation loss (left axis) and accuracy (right axis) per epoch: under- and over-fitting."""
    t = lambda key: translate(key, lang)  # noqa: E731 - local shorthand
    epochs = [e.epoch for e in history]
    figure = go.Figure()
    for name, values, dash, axis in (
        ("tl.fig.train_loss", [e.train_loss for e in history], "solid", "y"),
        ("tl.fig.val_loss", [e.val_loss for e in history], "dot", "y"),
        ("tl.fig.train_acc", [e.train_acc for e in history], "solid", "y2"),
        ("tl.fig.val_acc", [e.val_acc for e in history], "dot", "y2"),
    ):
        color = "#d62728" if "loss" in name else "#1f77b4"
        figure.add_trace(go.Scatter(x=epochs, y=values, name=t(name), yaxis=axis, mode="lines",
                                    line=dict(dash=dash, color=color)))
    figure.update_layout(height=320, margin=MARGIN, title=t("tl.fig.curves"), xaxis_title=t("tl.fig.epoch"),
                         yaxis=dict(title=t("tl.fig.loss"), rangemode="tozero"),
                         yaxis2=dict(title=t("tl.fig.accuracy"), overlaying="y", side="right", range=[0, 1.05],
                                     tickvals=[0, 0.25, 0.5, 0.75, 1], tickformat=".0%", showgrid=False),
                         legend=dict(orientation="h", y=-0.25))
    return figure


def confusion_figure(matrix: np.ndarray, classes: Sequence[str], lang: str) -> go.Figure:
    """Heatmap of counts, rows = true class; a click on a cell selects it (the page shows its photos)."""
    t = lambda key: translate(key, lang)  # noqa: E731
    names = list(classes)
    figure = go.Figure(go.Heatmap(z=matrix, x=names, y=names, colorscale="Blues", showscale=False,
                                  text=matrix, texttemplate="%{text}",
                                  hovertemplate=t("tl.fig.cell_hover") + "<extra></extra>"))
    figure.update_layout(height=120 + 45 * len(names), margin=MARGIN, title=t("tl.fig.confusion"),
                         xaxis=dict(title=t("tl.fig.predicted"), type="category", side="bottom"),
                         yaxis=dict(title=t("tl.fig.true"), type="category", autorange="reversed"))
    return figure


def class_scores_figure(s: Scores, classes: Sequence[str], lang: str) -> go.Figure:
    """Grouped bars of precision, recall and F1 per class."""
    t = lambda key: translate(key, lang)  # noqa: E731
    figure = go.Figure([go.Bar(x=list(classes), y=values, name=t(name)) for name, values in (
        ("tl.metric.precision", s.precision), ("tl.metric.recall", s.recall), ("tl.metric.f1", s.f1))])
    figure.update_layout(height=300, margin=MARGIN, barmode="group", yaxis=dict(range=[0, 1.05]),
                         title=t("tl.fig.per_class"), legend=dict(orientation="h", y=-0.2))
    return figure


def pr_figure(curve: PrCurve, point: tuple[float, float], threshold: float, name: str, lang: str) -> go.Figure:
    """Precision against recall for one class, with the chosen threshold's point marked."""
    t = lambda key: translate(key, lang)  # noqa: E731
    recall = np.r_[0.0, curve.recall]
    precision = np.r_[curve.precision[:1] if len(curve.precision) else [1.0], curve.precision]
    figure = go.Figure(go.Scatter(x=recall, y=precision, mode="lines+markers", line_shape="hv",
                                  name=t("tl.fig.pr_curve"), marker=dict(size=4)))
    figure.add_trace(go.Scatter(x=[point[1]], y=[point[0]], mode="markers", marker=dict(size=14, color="#d62728"),
                                name=t("tl.fig.threshold_point").format(threshold=threshold)))
    figure.update_layout(height=340, margin=MARGIN, title=t("tl.fig.pr_title").format(name=name),
                         xaxis=dict(title=t("tl.metric.recall"), range=[-0.02, 1.02]),
                         yaxis=dict(title=t("tl.metric.precision"), range=[-0.02, 1.05]),
                         legend=dict(orientation="h", y=-0.25))
    return figure


def probability_bars(probabilities: np.ndarray, classes: Sequence[str], lang: str) -> go.Figure:
    """Horizontal bars of the predicted class probabilities, the winner highlighted."""
    colors = ["#d62728" if i == int(np.argmax(probabilities)) else "#1f77b4" for i in range(len(classes))]
    figure = go.Figure(go.Bar(x=probabilities, y=list(classes), orientation="h", marker_color=colors,
                              text=[f"{p:.1%}" for p in probabilities], textposition="auto"))
    figure.update_layout(height=80 + 32 * len(classes), margin=MARGIN, xaxis=dict(range=[0, 1]),
                         yaxis=dict(type="category", autorange="reversed"),
                         title=translate("tl.fig.probabilities", lang))
    return figure


def wobble_figure(updated: dict[int, float], frozen: dict[int, float], lang: str) -> go.Figure:
    """How much one photo's features move with its batch-mates, per batch size, BatchNorm updated vs frozen."""
    t = lambda key: translate(key, lang)  # noqa: E731
    figure = go.Figure([go.Scatter(x=list(values), y=list(values.values()), mode="lines+markers", name=t(name))
                        for name, values in (("tl.bn.updated", updated), ("tl.bn.frozen", frozen))])
    figure.update_layout(height=300, margin=MARGIN, title=t("tl.fig.wobble"), xaxis=dict(title=t("tl.fig.batch"),
                         type="log", tickvals=list(updated) or None), yaxis=dict(title=t("tl.fig.wobble_y"),
                         rangemode="tozero"), legend=dict(orientation="h", y=-0.3))
    return figure


def runs_figure(labels: Sequence[str], val_acc: Sequence[float], lang: str) -> go.Figure:
    """Validation accuracy of this session's runs on the same split, side by side."""
    figure = go.Figure(go.Bar(x=list(labels), y=list(val_acc), text=[f"{a:.0%}" for a in val_acc],
                              textposition="auto", marker_color="#2ca02c"))
    figure.update_layout(height=300, margin=MARGIN, title=translate("tl.fig.runs", lang),
                         yaxis=dict(range=[0, 1.05], title=translate("tl.fig.val_acc", lang)),
                         xaxis=dict(type="category"))
    return figure
