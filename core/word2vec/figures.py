"""Figures of the word2vec page: the word map, the training loss, the CBOW / skip-gram diagrams.

Data and (already translated) labels in, figure out: no computation, no translation here.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.word2vec.train import EpochReport

Analogy = tuple[tuple[str, str, str], str]  # (a, b, c) as vocabulary keys, and the best answer d
_HIGHLIGHT, _OTHER, _ARROW = "#d62728", "#1f77b4", "#ff7f0e"
_LABEL_ALL = 60  # maps with at most this many words label every point; larger ones only the highlighted


def word_map(words: list[str], coords: np.ndarray, query: str | None, analogy: Analogy | None) -> go.Figure:
    """Scatter of ``words`` at ``coords`` (N, 2 or 3) with hover labels; the query and the analogy's
    words highlighted, the analogy drawn as two arrows b→a and c→d (parallel when the offset is shared)."""
    position = {w: coords[i] for i, w in enumerate(words)}
    highlight = {query} | (set(analogy[0]) | {analogy[1]} if analogy else set())
    colours = [_HIGHLIGHT if w in highlight else _OTHER for w in words]
    sizes = [11 if w in highlight else 6 for w in words]
    labels = [w if w in highlight or len(words) <= _LABEL_ALL else "" for w in words]
    arrows = []
    if analogy:
        (a, b, c), d = analogy
        arrows = [(b, a), (c, d)]
    if coords.shape[1] == 2:
        figure = go.Figure(go.Scatter(x=coords[:, 0], y=coords[:, 1], mode="markers+text", text=labels,
                                      hovertext=words, hoverinfo="text", textposition="top center",
                                      marker=dict(color=colours, size=sizes)))
        for start, end in arrows:
            figure.add_annotation(x=position[end][0], y=position[end][1], ax=position[start][0],
                                  ay=position[start][1], xref="x", yref="y", axref="x", ayref="y",
                                  showarrow=True, arrowhead=3, arrowwidth=2, arrowcolor=_ARROW)
    else:
        figure = go.Figure(go.Scatter3d(x=coords[:, 0], y=coords[:, 1], z=coords[:, 2], mode="markers+text",
                                        text=labels, hovertext=words, hoverinfo="text",
                                        marker=dict(color=colours, size=[s / 2 for s in sizes])))
        for start, end in arrows:
            line = np.stack([position[start], position[end]])  # (2, 3)
            figure.add_trace(go.Scatter3d(x=line[:, 0], y=line[:, 1], z=line[:, 2], mode="lines",
                                          line=dict(color=_ARROW, width=6), hoverinfo="skip"))
    figure.update_layout(height=560, margin=dict(l=10, r=10, t=10, b=10), showlegend=False)
    return figure


def loss_curve(epochs: tuple[EpochReport, ...], title: str, x_title: str, y_title: str) -> go.Figure:
    """Each epoch's summed training loss."""
    figure = go.Figure(go.Scatter(x=[r.epoch for r in epochs], y=[r.loss for r in epochs], mode="lines+markers"))
    figure.update_layout(height=220, margin=dict(l=10, r=10, t=30, b=10), title=title, xaxis_title=x_title,
                         yaxis_title=y_title)
    return figure


CBOW_DOT = """digraph { rankdir=LR; node [shape=box, style=rounded];
  "w(t-2)" -> sum; "w(t-1)" -> sum; "w(t+1)" -> sum; "w(t+2)" -> sum; sum [shape=circle, label="Σ/avg"];
  sum -> "w(t)"; }"""
SKIPGRAM_DOT = """digraph { rankdir=LR; node [shape=box, style=rounded];
  "w(t)" -> "w(t-2)"; "w(t)" -> "w(t-1)"; "w(t)" -> "w(t+1)"; "w(t)" -> "w(t+2)"; }"""
