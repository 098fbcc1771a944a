"""Plotly figures and the notes table of the Activations page; pure drawing, text in the reader's language.

Inputs are what ``functions``, ``depth`` and ``playground`` computed; nothing here trains or runs a network.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from core.activations import functions as fx
from core.activations.depth import DepthResult
from core.activations.playground import Playground
from core.i18n import translate

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39"]
CLASS_COLOURS = ("#e8730c", "#1565c0")  # class 0, class 1 (the boundary's colour scale matches)
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
TINY = 1e-38  # a norm below float32 range is drawn at the floor of the log axis


def explorer(ids: list[str], params: Mapping[str, Mapping[str, float]], derivative: bool,
             x_range: tuple[float, float], lang: str) -> go.Figure:
    """Each chosen activation f(x) on ``x_range`` (801 points), and f'(x) by autograd beside it when asked."""
    low, high = x_range
    x = torch.linspace(low, high if high > low else low + 1, 801)  # (N,)
    columns = 2 if derivative else 1
    titles = [translate("act.fn.f", lang), translate("act.fn.df", lang)][:columns]
    fig = make_subplots(rows=1, cols=columns, subplot_titles=titles)
    for act_id in ids:
        y, dy = fx.curve(act_id, x, params.get(act_id))
        colour = COLOURS[list(fx.ACTIVATIONS).index(act_id) % len(COLOURS)]
        label = fx.get(act_id).label
        fig.add_scatter(x=x.numpy(), y=y.numpy(), name=label, legendgroup=act_id, line={"color": colour},
                        row=1, col=1)
        if derivative:
            fig.add_scatter(x=x.numpy(), y=dy.numpy(), name=f"{label}′", legendgroup=act_id, showlegend=False,
                            line={"color": colour, "dash": "dash"}, row=1, col=2)
    fig.update_layout(height=420, margin=MARGIN, hovermode="x unified", legend={"orientation": "h", "y": -0.12})
    fig.update_xaxes(zeroline=True, zerolinecolor="#999")
    fig.update_yaxes(zeroline=True, zerolinecolor="#999")
    return fig


def notes_table(ids: list[str], lang: str) -> dict[str, list[str]]:
    """One row per activation: output range, zero-centred, saturation, dead units, cost, a note."""
    def t(key: str) -> str:
        return translate(key, lang)

    rows = [fx.get(a) for a in ids]
    return {
        t("act.col.function"): [a.label for a in rows],
        t("act.col.range"): [a.output_range for a in rows],
        t("act.col.zero"): [t("act.yes") if a.zero_centred else t("act.no") for a in rows],
        t("act.col.saturation"): [t(f"act.sat.{a.saturates}") for a in rows],
        t("act.col.dead"): [t("act.dead.yes") if a.dead_units else t("act.no") for a in rows],
        t("act.col.cost"): [t(f"act.cost.{a.cost}") for a in rows],
        t("act.col.note"): [t(f"act.note.{a.id}") for a in rows],
    }


def depth(result: DepthResult, lang: str) -> tuple[go.Figure, go.Figure]:
    """Violins of each layer's activations, and the norms of gradients, deltas and activation spread per layer."""
    layers_n, sample = result.samples.shape
    layers = np.arange(1, layers_n + 1)
    dist = go.Figure(go.Violin(x=np.repeat(layers, sample), y=result.samples.ravel(), points=False,
                               spanmode="hard", line={"color": COLOURS[0]}, width=0.9, showlegend=False))
    dist.update_layout(title=translate("act.depth.dist", lang), height=400, margin=MARGIN,
                       xaxis_title=translate("act.depth.layer", lang), yaxis_title=translate("act.depth.value", lang))
    norms = go.Figure()
    for values, key, colour in ((result.grad_norm, "act.trace.grad_w", COLOURS[3]),
                                (result.delta_norm, "act.trace.delta", COLOURS[1]),
                                (result.act_std, "act.trace.std", COLOURS[0])):
        norms.add_scatter(x=layers, y=np.maximum(values, TINY), name=translate(key, lang), mode="lines+markers",
                          line={"color": colour})
    norms.update_layout(title=translate("act.depth.grads", lang), height=400, margin=MARGIN,
                        xaxis_title=translate("act.depth.layer", lang), yaxis_title=translate("act.depth.norm", lang),
                        yaxis_type="log", yaxis_exponentformat="power", legend={"orientation": "h", "y": -0.2})
    return dist, norms


def boundary(pg: Playground, lang: str, grid: int = 100) -> go.Figure:
    """The network's P(class 1) over the plane as a heatmap, with train (white rim) and test (black rim) points."""
    axis, probs = pg.boundary(grid)
    fig = go.Figure(go.Heatmap(x=axis, y=axis, z=np.round(probs, 3), zmin=0, zmax=1, showscale=False,
                               colorscale=[[0, "#f7b26b"], [0.5, "#f4f4f4"], [1, "#6fa8dc"]], hoverinfo="skip"))
    data = pg.data
    for points, labels, key, outline in ((data.x_train, data.y_train, "act.pg.train_points", "white"),
                                         (data.x_test, data.y_test, "act.pg.test_points", "black")):
        for label in (0, 1):
            chosen = points[labels == label]
            fig.add_scatter(x=chosen[:, 0], y=chosen[:, 1], mode="markers", name=translate(key, lang, label=label),
                            marker={"color": CLASS_COLOURS[label], "size": 7, "line": {"color": outline, "width": 1}})
    extent = data.extent
    fig.update_xaxes(range=[-extent, extent], showgrid=False, zeroline=False)
    fig.update_yaxes(range=[-extent, extent], showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(title=translate("act.pg.boundary", lang), height=460, margin=MARGIN,
                      legend={"orientation": "h", "y": -0.08})
    return fig


def losses(pg: Playground, lang: str) -> go.Figure:
    """Train and test loss against training steps."""
    h = pg.history
    fig = go.Figure()
    fig.add_scatter(x=h.step, y=h.train_loss, name=translate("act.pg.train_curve", lang), line={"color": COLOURS[0]})
    fig.add_scatter(x=h.step, y=h.test_loss, name=translate("act.pg.test_curve", lang), line={"color": COLOURS[3]})
    fig.update_layout(title=translate("act.pg.losses", lang), height=460, margin=MARGIN,
                      xaxis_title=translate("act.pg.steps", lang), yaxis_title=translate("act.pg.loss", lang),
                      legend={"orientation": "h", "y": -0.15})
    return fig


def playground(pg: Playground, lang: str) -> tuple[go.Figure, go.Figure]:
    """The playground's two charts: the decision boundary and the loss curves."""
    return boundary(pg, lang), losses(pg, lang)
