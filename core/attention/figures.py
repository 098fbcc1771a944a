"""Plotly figures of attention maps. Pure drawing: tensors and already-translated labels in, figures out.

Tokens repeat ("the" twice), and Plotly merges equal category labels, so each repeat gets a
different number of invisible zero-width spaces: the axis keeps one row per token and still
reads "the".
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative

HEAD_COLOURS = qualitative.Dark24
_LEVELS = 8  # head-view line widths: weights are binned so each head needs at most this many traces
_ZWSP = "\u200b"


def unique_labels(labels: list[str]) -> list[str]:
    """The same texts, made distinct with invisible suffixes so no two axis categories merge."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        out.append(label + _ZWSP * seen.get(label, 0))
        seen[label] = seen.get(label, 0) + 1
    return out


def _side(n: int) -> int:
    """Pixel height for n rows: readable for short sentences, bounded for 512 tokens."""
    return int(min(900, max(380, 22 * n + 160)))


def heatmap(matrix: np.ndarray, labels: list[str], *, x_title: str, y_title: str, value: str) -> go.Figure:
    """One attention map (N, N): row = attending token, column = attended token; NaN cells are not drawn."""
    names = unique_labels(labels)
    figure = go.Figure(go.Heatmap(
        z=matrix.astype(np.float32),  # float32 halves the JSON sent to the browser (512 tokens: 1.7 MB, not 3.5)
        x=names, y=names, colorscale="Blues", zmin=0, hoverongaps=False,
        hovertemplate=f"{y_title}: %{{y}}<br>{x_title}: %{{x}}<br>{value}: %{{z:.3f}}<extra></extra>",
    ))
    figure.update_layout(height=_side(len(labels)), margin=dict(l=10, r=10, t=30, b=10),
                         xaxis=dict(title=x_title, side="top", tickangle=-60),
                         yaxis=dict(title=y_title, autorange="reversed"))
    return figure


def head_view(layer: np.ndarray, labels: list[str], token: int, heads: list[int], *, threshold: float,
              head_name: str) -> go.Figure:
    """Lines from ``token`` (left) to what it attends to (right) in one layer (H, N, N); one colour per head.

    Line width and opacity grow with the weight; links under ``threshold`` are left out. Segments
    are binned by weight so a 512-token window still needs only ``_LEVELS`` traces per head.
    """
    n = len(labels)
    y = -np.arange(n)
    figure = go.Figure()
    for head in heads:
        colour = HEAD_COLOURS[head % len(HEAD_COLOURS)]
        weights = layer[head, token]  # (N,)
        shown = False
        levels = np.ceil(weights * _LEVELS).astype(int)  # (N,) 1.._LEVELS
        for level in range(_LEVELS, 0, -1):  # strongest first
            targets = np.nonzero((levels == level) & (weights >= max(threshold, 1e-9)))[0]
            if not len(targets):
                continue
            xs = np.tile([0.0, 1.0, np.nan], len(targets))
            ys = np.column_stack([np.full(len(targets), y[token]), y[targets], np.full(len(targets), np.nan)]).ravel()
            weight = (level - 0.5) / _LEVELS  # the bin's middle weight
            figure.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", line=dict(color=colour, width=0.5 + 7 * weight),
                opacity=float(np.clip(1.6 * weight, 0.05, 0.9)), name=f"{head_name} {head + 1}",
                legendgroup=str(head), showlegend=not shown, hoverinfo="skip"))
            shown = True
    for x, anchor in ((-0.03, "middle left"), (1.03, "middle right")):
        figure.add_trace(go.Scatter(
            x=np.full(n, x), y=y, mode="text", text=labels, textposition=anchor, showlegend=False,
            textfont=dict(size=13 if n <= 60 else 9), hoverinfo="skip"))
    figure.add_trace(go.Scatter(x=[0.0], y=[y[token]], mode="markers", marker=dict(size=9, color="black"),
                                showlegend=False, hoverinfo="skip"))
    figure.update_layout(
        height=int(min(2400, max(380, 22 * n + 120))), margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(visible=False, range=[-0.45, 1.45]), yaxis=dict(visible=False, range=[-n + 0.5, 0.5]),
        legend=dict(orientation="h", y=1.0, yanchor="bottom"), plot_bgcolor="white")
    return figure


def model_view(thumbs: np.ndarray, selected: tuple[int, int], *, layer_name: str, head_name: str) -> go.Figure:
    """Every head of every layer, (L, H, s, s), as a grid of small maps; each scaled to its own maximum.

    A transparent marker sits on each map so a click selects it: marker ``l * H + h`` is layer l, head h.
    """
    layers, heads, size, _ = thumbs.shape
    step = size + max(1, size // 6)  # map plus gap
    mosaic = np.full((layers * step, heads * step), np.nan)
    for l in range(layers):
        for h in range(heads):
            tile = thumbs[l, h]
            mosaic[l * step:l * step + size, h * step:h * step + size] = tile / max(float(np.nanmax(tile)), 1e-9)
    centres = (np.arange(layers)[:, None] * step + size / 2, np.arange(heads)[None, :] * step + size / 2)
    cy, cx = np.broadcast_arrays(*centres)
    custom = np.stack(np.meshgrid(np.arange(1, layers + 1), np.arange(1, heads + 1), indexing="ij"), -1)
    figure = go.Figure(go.Heatmap(z=mosaic, colorscale="Blues", showscale=False, hoverinfo="skip"))
    figure.add_trace(go.Scatter(
        x=cx.ravel() - 0.5, y=cy.ravel() - 0.5, mode="markers", customdata=custom.reshape(-1, 2),
        marker=dict(size=max(12, 700 // heads // 2), color="rgba(0,0,0,0)"), showlegend=False,
        hovertemplate=f"{layer_name} %{{customdata[0]}}, {head_name} %{{customdata[1]}}<extra></extra>"))
    l, h = selected
    figure.add_shape(type="rect", x0=h * step - 1.5, x1=h * step + size + 0.5, y0=l * step - 1.5,
                     y1=l * step + size + 0.5, line=dict(color="crimson", width=3))
    figure.update_layout(
        height=75 * layers + 70, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white", clickmode="event+select",
        xaxis=dict(tickvals=np.arange(heads) * step + size / 2 - 0.5, showgrid=False, zeroline=False,
                   ticktext=[f"{head_name} {i + 1}" for i in range(heads)]),
        yaxis=dict(tickvals=np.arange(layers) * step + size / 2 - 0.5, showgrid=False, zeroline=False,
                   ticktext=[f"{layer_name} {i + 1}" for i in range(layers)], autorange="reversed"))
    return figure


def matrix(values: np.ndarray, *, x_title: str, y_title: str, colorscale: str = "RdBu", annotate: bool = False,
           x_labels: list[str] | None = None, y_labels: list[str] | None = None, height: int = 320) -> go.Figure:
    """A plain matrix heatmap (positional encodings, the steps of attention by hand); values written in if small."""
    limit = float(np.nanmax(np.abs(values))) or 1.0
    diverging = colorscale == "RdBu"
    heat = go.Heatmap(
        z=values, x=unique_labels(x_labels) if x_labels else None, y=unique_labels(y_labels) if y_labels else None,
        colorscale=colorscale, zmid=0 if diverging else None, zmin=-limit if diverging else None,
        zmax=limit if diverging else None, texttemplate="%{z:.2f}" if annotate else None,
        textfont=dict(size=14), showscale=not annotate,
        hovertemplate=f"{y_title}: %{{y}}<br>{x_title}: %{{x}}<br>%{{z:.3f}}<extra></extra>")
    figure = go.Figure(heat)
    figure.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10),
                         xaxis=dict(title=x_title), yaxis=dict(title=y_title, autorange="reversed"))
    return figure


def by_hand(steps, names: list[str]) -> list[go.Figure]:
    """The four steps of attention by hand (scores, scaled, weights, output), one annotated matrix each.

    ``steps`` is a ``by_hand.Steps``; ``names`` label the tokens x1…xn (rows, and columns but for the output).
    """
    dims = [f"V{j + 1}" for j in range(steps.output.shape[1])]
    shown = [(steps.scores, names, "RdBu"), (steps.scaled, names, "RdBu"), (steps.weights, names, "Blues"),
             (steps.output, dims, "RdBu")]
    return [matrix(values.numpy(), x_title="", y_title="", annotate=True, x_labels=x_labels, y_labels=names,
                   colorscale=colours, height=260) for values, x_labels, colours in shown]
