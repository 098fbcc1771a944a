"""Plotly figures of the CNN page: the multiplies of three designs of one conv layer."""
from __future__ import annotations

import plotly.graph_objects as go

from core.cnn.costs import Cost


def cost_chart(costs: dict[str, Cost], labels: list[str], x_title: str) -> go.Figure:
    """Horizontal bars of millions of multiplies, one per design, first design on top."""
    millions = [c.mults / 1e6 for c in costs.values()]
    figure = go.Figure(go.Bar(x=millions, y=labels, orientation="h", text=[f"{m:.1f}M" for m in millions],
                              textposition="auto"))
    figure.update_layout(height=220, margin=dict(l=10, r=10, t=30, b=10), xaxis_title=x_title,
                         yaxis=dict(autorange="reversed"))
    return figure
