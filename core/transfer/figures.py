"""The page's charts as plain plotly figures, built from results the page already holds.

Labels come in translated (``lang``); nothing here trains or runs a network. Figures are built
from dicts with plotly's validation off (``_validate=False``): validating costs 15-30 ms a figure,
more than everything else a threshold or class slider redoes.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from core.i18n import translate
from core.transfer.metrics import PrCurve, Scores
from core.transfer.train import Epoch

MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
LEGEND_BELOW = {"orientation": "h", "y": -0.25}
RED, BLUE = "#d62728", "#1f77b4"
CELL_COLOURS = [[0.0, "#f7fbff"], [1.0, "#08519c"]]  # white (0) to blue (most)


def _figure(data: list[dict], layout: dict) -> go.Figure:
    return go.Figure(data=data, layout={"margin": MARGIN, **layout}, _validate=False)


def _title(text: str) -> dict:
    return {"text": text}


def curves(history: Sequence[Epoch], lang: str) -> go.Figure:
    """Train vs validation loss (left axis) and accuracy (right axis) per epoch: under- and over-fitting."""
    epochs = [e.epoch for e in history]
    data = [{"type": "scatter", "mode": "lines", "x": epochs, "y": [getattr(e, field) for e in history],
             "name": translate(f"tl.fig.{field}", lang), "yaxis": axis,
             "line": {"dash": dash, "color": RED if axis == "y" else BLUE}}
            for field, dash, axis in (("train_loss", "solid", "y"), ("val_loss", "dot", "y"),
                                      ("train_acc", "solid", "y2"), ("val_acc", "dot", "y2"))]
    return _figure(data, {
        "height": 320, "title": _title(translate("tl.fig.curves", lang)), "legend": LEGEND_BELOW,
        "xaxis": {"title": _title(translate("tl.fig.epoch", lang))},
        "yaxis": {"title": _title(translate("tl.fig.loss", lang)), "rangemode": "tozero"},
        "yaxis2": {"title": _title(translate("tl.fig.accuracy", lang)), "overlaying": "y", "side": "right",
                   "range": [0, 1.05], "tickvals": [0, 0.25, 0.5, 0.75, 1], "tickformat": ".0%", "showgrid": False},
    })


def confusion_figure(matrix: np.ndarray, classes: Sequence[str], lang: str) -> go.Figure:
    """Heatmap of counts, rows = true class; a click on a cell selects it (the page shows its photos)."""
    names = list(classes)
    hover = translate("tl.fig.cell_hover", lang) + "<extra></extra>"
    data = [{"type": "heatmap", "z": matrix.tolist(), "x": names, "y": names, "colorscale": CELL_COLOURS,
             "showscale": False, "text": matrix.tolist(), "texttemplate": "%{text}", "hoverinfo": "skip"},
            # Heatmaps cannot be selected: an invisible square marker on each cell takes the click.
            {"type": "scatter", "mode": "markers", "x": [p for _ in names for p in names],
             "y": [t for t in names for _ in names], "customdata": matrix.flatten().tolist(),
             "marker": {"symbol": "square", "size": 40, "opacity": 0.01}, "showlegend": False,
             "hovertemplate": hover.replace("%{z}", "%{customdata}")}]
    return _figure(data, {
        "height": 120 + 45 * len(names), "title": _title(translate("tl.fig.confusion", lang)),
        "clickmode": "event+select",
        "xaxis": {"title": _title(translate("tl.fig.predicted", lang)), "type": "category"},
        "yaxis": {"title": _title(translate("tl.fig.true", lang)), "type": "category", "autorange": "reversed"},
    })


def class_scores_figure(s: Scores, classes: Sequence[str], lang: str) -> go.Figure:
    """Grouped bars of precision, recall and F1 per class."""
    data = [{"type": "bar", "x": list(classes), "y": values.tolist(), "name": translate(f"tl.metric.{name}", lang)}
            for name, values in (("precision", s.precision), ("recall", s.recall), ("f1", s.f1))]
    return _figure(data, {"height": 300, "barmode": "group", "yaxis": {"range": [0, 1.05]}, "legend": LEGEND_BELOW,
                          "title": _title(translate("tl.fig.per_class", lang))})


def pr_figure(curve: PrCurve, point: tuple[float, float], threshold: float, name: str, lang: str) -> go.Figure:
    """Precision against recall for one class, with the chosen threshold's point marked."""
    recall = [0.0, *curve.recall.tolist()]
    precision = [float(curve.precision[0]) if len(curve.precision) else 1.0, *curve.precision.tolist()]
    data = [{"type": "scatter", "x": recall, "y": precision, "mode": "lines+markers", "line": {"shape": "hv"},
             "name": translate("tl.fig.pr_curve", lang), "marker": {"size": 4}},
            {"type": "scatter", "x": [point[1]], "y": [point[0]], "mode": "markers",
             "marker": {"size": 14, "color": RED},
             "name": translate("tl.fig.threshold_point", lang, threshold=threshold)}]
    return _figure(data, {
        "height": 340, "title": _title(translate("tl.fig.pr_title", lang, name=name)), "legend": LEGEND_BELOW,
        "xaxis": {"title": _title(translate("tl.metric.recall", lang)), "range": [-0.02, 1.02]},
        "yaxis": {"title": _title(translate("tl.metric.precision", lang)), "range": [-0.02, 1.05]},
    })


def probability_bars(probabilities: np.ndarray, classes: Sequence[str], lang: str) -> go.Figure:
    """Horizontal bars of the predicted class probabilities, the winner highlighted."""
    best = int(np.argmax(probabilities))
    data = [{"type": "bar", "orientation": "h", "x": probabilities.tolist(), "y": list(classes),
             "marker": {"color": [RED if i == best else BLUE for i in range(len(classes))]},
             "text": [f"{p:.1%}" for p in probabilities], "textposition": "auto"}]
    return _figure(data, {"height": 80 + 32 * len(classes), "xaxis": {"range": [0, 1]},
                          "yaxis": {"type": "category", "autorange": "reversed"},
                          "title": _title(translate("tl.fig.probabilities", lang))})


def wobble_figure(updated: dict[int, float], frozen: dict[int, float], lang: str) -> go.Figure:
    """How much one photo's features move with its batch-mates, per batch size, BatchNorm updated vs frozen."""
    data = [{"type": "scatter", "mode": "lines+markers", "x": list(values), "y": list(values.values()),
             "name": translate(name, lang)} for name, values in (("tl.bn.updated", updated), ("tl.bn.frozen", frozen))]
    return _figure(data, {
        "height": 300, "title": _title(translate("tl.fig.wobble", lang)), "legend": LEGEND_BELOW,
        "xaxis": {"title": _title(translate("tl.fig.batch", lang)), "type": "log", "tickvals": list(updated)},
        "yaxis": {"title": _title(translate("tl.fig.wobble_y", lang)), "rangemode": "tozero"},
    })


def runs_figure(labels: Sequence[str], val_acc: Sequence[float], lang: str) -> go.Figure:
    """Validation accuracy of this session's runs on the same split, side by side."""
    data = [{"type": "bar", "x": list(labels), "y": list(val_acc), "text": [f"{a:.0%}" for a in val_acc],
             "textposition": "auto", "marker": {"color": "#2ca02c"}}]
    return _figure(data, {"height": 300, "title": _title(translate("tl.fig.runs", lang)),
                          "yaxis": {"range": [0, 1.05], "title": _title(translate("tl.fig.val_acc", lang))},
                          "xaxis": {"type": "category"}})
