"""Figures of the faces page: the verdict on a cosine scale, the face map, genuine and impostor scores.

Numbers and (already translated) labels in, plotly figure out: nothing is computed here.
"""
from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from core.faces.facemap import FaceMap
from core.faces.geometry import PairScores
from core.faces.verify import Verdict

LOW, HIGH = -0.2, 1.0  # the cosine range drawn
_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def verdict_scale(verdict: Verdict, different: str, same: str, axis: str) -> go.Figure:
    """The pair's cosine on a line with the two decision regions either side of the threshold.

    The regions are plain layout shapes (``add_vrect``/``add_vline`` cost ~40 ms per figure: this page redraws
    it on every rerun, for every student of a class).
    """
    t = verdict.threshold
    regions = [(LOW, t, "#ff9800", different, "left"), (t, HIGH, "#00c853", same, "right")]
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
               "fillcolor": colour, "opacity": 0.15, "line": {"width": 0}, "layer": "below"}
              for x0, x1, colour, _, _ in regions]
    shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": t, "x1": t, "y0": 0, "y1": 1,
                   "line": {"dash": "dash", "color": "#555"}})
    labels = [{"x": x0 if side == "left" else x1, "xref": "x", "y": 1, "yref": "paper", "text": text,
               "showarrow": False, "xanchor": side, "yanchor": "top"} for x0, x1, _, text, side in regions]
    marker = go.Scatter(x=[verdict.cosine], y=[0], mode="markers+text", text=[f"{verdict.cosine:.3f}"],
                        textposition="bottom center", marker={"size": 16, "color": "#1565c0"}, hoverinfo="skip")
    layout = {"height": 150, "margin": {**_MARGIN, "b": 30}, "showlegend": False, "shapes": shapes,
              "annotations": labels, "xaxis": {"range": [LOW, HIGH], "title": {"text": axis}},
              "yaxis": {"visible": False, "range": [-1, 1]}}
    return go.Figure(data=[marker], layout=layout)


def face_map(layout: FaceMap, names: Sequence[str], labels: Sequence[str], probe: str | None,
             axes: tuple[str, str]) -> go.Figure:
    """Enrolled faces (one colour per name), the probe (named ``probe``) as a star with its true distances."""
    points = layout.points
    figure = go.Figure()
    if probe is not None:
        px, py = points[-1]
        for (x, y), distance in zip(points, layout.distances):
            figure.add_trace(go.Scatter(x=[px, x], y=[py, y], mode="lines", line={"dash": "dot", "color": "#999"},
                                        hoverinfo="skip", showlegend=False))
            figure.add_annotation(x=(px + x) / 2, y=(py + y) / 2, text=f"{distance:.2f}", showarrow=False,
                                  font={"size": 11, "color": "#555"})
    for name in dict.fromkeys(names):
        rows = [i for i, n in enumerate(names) if n == name]
        figure.add_trace(go.Scatter(x=[points[i][0] for i in rows], y=[points[i][1] for i in rows], name=name,
                                    mode="markers+text", text=[labels[i] for i in rows], textposition="top center",
                                    marker={"size": 12}))
    if probe is not None:
        figure.add_trace(go.Scatter(x=[points[-1][0]], y=[points[-1][1]], name=probe, mode="markers+text",
                                    text=[probe], textposition="bottom center",
                                    marker={"size": 18, "symbol": "star", "color": "#111"}))
    figure.update_layout(height=420, margin=_MARGIN, legend={"orientation": "h", "y": -0.15},
                         xaxis_title=axes[0], yaxis_title=axes[1])
    figure.update_yaxes(scaleanchor="x", scaleratio=1)
    return figure


def score_histogram(scores: PairScores, threshold: float, genuine: str, impostor: str, axis: str,
                    count: str) -> go.Figure:
    """Genuine and impostor pair cosines, overlaid, with the threshold."""
    figure = go.Figure()
    bins = {"start": LOW, "end": HIGH, "size": 0.04}
    figure.add_trace(go.Histogram(x=scores.genuine.tolist(), name=genuine, xbins=bins, marker_color="#00c853",
                                  opacity=0.65))
    figure.add_trace(go.Histogram(x=scores.impostor.tolist(), name=impostor, xbins=bins, marker_color="#ff6d00",
                                  opacity=0.65))
    figure.add_vline(x=threshold, line_dash="dash", line_color="#333")
    figure.update_layout(barmode="overlay", height=320, margin=_MARGIN, xaxis={"title": axis, "range": [LOW, HIGH]},
                         yaxis_title=count, legend={"orientation": "h", "y": 1.15})
    return figure
