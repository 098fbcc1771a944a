"""Figures of the detection page: where each head sees objects (objectness per grid cell)."""
from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.detection.pipeline import RawPrediction


def objectness_heatmaps(raw: RawPrediction, titles: Sequence[str]) -> go.Figure:
    """One heatmap per head: the highest objectness over its anchors in each cell, row 0 at the top."""
    grids = raw.candidates.grids
    figure = make_subplots(rows=1, cols=len(grids), subplot_titles=list(titles))
    for scale in range(len(grids)):
        heat = raw.candidates.objectness_map(scale).amax(dim=0)  # (rows, cols)
        figure.add_trace(go.Heatmap(z=heat.numpy(), zmin=0, zmax=1, colorscale="Viridis", showscale=scale == 0),
                         row=1, col=scale + 1)
        figure.update_yaxes(autorange="reversed", row=1, col=scale + 1)  # like the image
    figure.update_layout(height=420, margin=dict(l=10, r=10, t=40, b=10))
    return figure
