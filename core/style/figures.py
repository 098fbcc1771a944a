"""Figures of the style transfer page: the style vector, the cost curves, Gram matrices.

Numbers and (already translated) labels in, plotly figure out: no computation here.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from core.style.gatys import LossPoint

_MARGIN = dict(l=10, r=10, t=30, b=10)


def style_vector(values: Sequence[float], x_title: str, y_title: str) -> go.Figure:
    """The 100 numbers the style predictor makes of a painting, as bars."""
    figure = go.Figure(go.Bar(y=list(values)))
    figure.update_layout(height=200, margin=dict(l=10, r=10, t=10, b=10), xaxis_title=x_title, yaxis_title=y_title)
    return figure


def costs(history: Sequence[LossPoint], alpha: float, beta: float, names: dict[str, str], title: str,
          x_title: str, y_title: str) -> go.Figure:
    """Total, α·content and β·style cost per step on a log axis; ``names`` labels "total", "content", "style"."""
    steps = [p.step for p in history]
    figure = go.Figure()
    for name, values in (("total", [p.total for p in history]), ("content", [alpha * p.content for p in history]),
                         ("style", [beta * p.style for p in history])):
        positive = [v if v > 0 else None for v in values]  # a log axis has no 0 (content cost at step 1)
        figure.add_trace(go.Scatter(x=steps, y=positive, name=names[name], mode="lines"))
    figure.update_layout(height=280, margin=_MARGIN, title=title, xaxis_title=x_title, yaxis_title=y_title,
                         yaxis_type="log", legend=dict(orientation="h", y=-0.25))
    return figure


def gram(matrix: np.ndarray, title: str) -> go.Figure:
    """A (C, C) Gram matrix as a heatmap, channel 0 at the top left."""
    figure = go.Figure(go.Heatmap(z=matrix, colorscale="Viridis", showscale=False))
    figure.update_layout(height=260, margin=_MARGIN, title=title, yaxis_autorange="reversed")
    return figure
