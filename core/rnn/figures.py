"""Plotly figures of the RNN page: computed values in, figure out (no model runs here).

Labels are translated here through ``core.i18n`` with the reader's ``lang``. Streamlit's theme
styles the charts, so plotly's default template is left out (``template="none"``): it would be most
of each figure's JSON, sent on every rerun.
"""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.i18n import translate
from core.rnn.gradients import Study
from core.rnn.memory import Trace
from core.rnn.sample import Sample
from core.rnn.train import Curve

COLOURS = {"rnn": "#d62728", "gru": "#2ca02c", "lstm": "#1f77b4"}
DASHES = {"untrained": "dot", "clipped": "solid", "unclipped": "dash"}
SERIES_COLOURS = {"h": "#444444", "c": "#9467bd", "i": "#2ca02c", "f": "#d62728", "o": "#1f77b4", "g": "#ff7f0e",
                  "r": "#d62728", "z": "#2ca02c", "n": "#ff7f0e"}
_MARGIN = dict(l=10, r=10, t=40, b=10)
GATES_01 = ("i", "f", "o", "r", "z")  # sigmoid gates: values in (0, 1)


def _layout(figure: go.Figure, height: int) -> go.Figure:
    return figure.update_layout(template="none", height=height, margin=_MARGIN,
                                legend=dict(orientation="h", y=-0.2))


def shown(ch: str) -> str:
    """A character as a readable label: newline ↵, space ·."""
    return {"\n": "↵", " ": "·", "\t": "→"}.get(ch, ch)


def loss_curves(curves: dict[str, Curve], clip: float, lang: str) -> tuple[go.Figure, go.Figure]:
    """Bits per character, and the gradient norm before clipping: two figures (side by side on a wide
    screen, stacked on a phone), one colour per cell."""
    t = lambda key: translate(key, lang)  # noqa: E731
    bpc, norm = go.Figure(), go.Figure()
    for cell, curve in curves.items():
        colour = COLOURS[cell]
        bpc.add_scatter(x=curve.steps, y=curve.train_bpc, name=f"{cell.upper()} · {t('rnn.fig.train')}",
                        line=dict(color=colour, width=1), opacity=0.45)
        bpc.add_scatter(x=curve.eval_steps, y=curve.eval_bpc, name=f"{cell.upper()} · {t('rnn.fig.held_out')}",
                        mode="lines+markers", line=dict(color=colour, width=2.5))
        norm.add_scatter(x=curve.steps, y=curve.grad_norm, name=cell.upper(), line=dict(color=colour, width=1))
    if clip > 0:
        norm.add_hline(y=clip, line=dict(color="#888", dash="dash"), annotation_text=t("rnn.fig.clip"),
                       annotation_position="top left")
    bpc.update_layout(title=t("rnn.fig.bpc"), xaxis_title=t("rnn.fig.step"), yaxis_title=t("rnn.fig.bits"))
    norm.update_layout(title=t("rnn.fig.grad_norm"), xaxis_title=t("rnn.fig.step"))
    norm.update_yaxes(type="log", tickformat="~g")
    return _layout(bpc, 340), _layout(norm, 340)


def distribution(sample: Sample, lang: str, steps: int = 40) -> go.Figure:
    """Each generated step (x) with its likeliest next characters (rows, likeliest on top) and their probability."""
    steps = min(steps, len(sample.text))
    probs = np.array(sample.top_probs[:steps]).T  # (TOP, steps)
    labels = np.array([[shown(c) for c in row] for row in sample.top_chars[:steps]]).T  # (TOP, steps)
    x = [f"{i + 1}:{shown(c)}" for i, c in enumerate(sample.text[:steps])]
    figure = go.Figure(go.Heatmap(z=probs, x=x, y=list(range(1, len(probs) + 1)), text=labels,
                                  texttemplate="%{text}", colorscale="Blues", zmin=0, zmax=1,
                                  colorbar=dict(title="p"),
                                  hovertemplate="%{x}<br>#%{y}: %{text} p=%{z:.3f}<extra></extra>"))
    figure.update_yaxes(autorange="reversed", title_text=translate("rnn.fig.rank", lang))
    figure.update_xaxes(title_text=translate("rnn.fig.generated", lang), tickangle=0, nticks=20)
    return _layout(figure, 300)


def hidden_heatmap(trace: Trace, name: str, units: np.ndarray, lang: str) -> go.Figure:
    """``units`` (the ranked order) of series ``name`` (rows) over the characters (columns)."""
    values = trace.series(name)[:, units].T  # (units, T)
    low = 0.0 if name in GATES_01 else -1.0
    figure = go.Figure(go.Heatmap(z=values, x=list(range(len(trace.chars))), y=[f"#{u}" for u in units],
                                  text=[[shown(c) for c in trace.chars]] * len(units), colorscale="RdBu_r",
                                  zmin=low, zmax=1.0 if low == 0 else None, zmid=None if low == 0 else 0,
                                  hovertemplate="%{y} '%{text}' %{z:.3f}<extra></extra>"))
    figure.update_xaxes(**_char_axis(trace.chars), title_text=translate("rnn.fig.text", lang))
    figure.update_yaxes(autorange="reversed", title_text=translate("rnn.fig.unit", lang), type="category")
    return _layout(figure, 120 + 14 * len(units))


def coloured_text(chars: tuple[str, ...], values: np.ndarray, gate: bool = False) -> str:
    """HTML: each character on a background from blue (-1; 0 for a ``gate``) through white to red (1); ``values`` (T,)."""
    low = 0.0 if gate else -1.0
    spans = []
    for ch, v in zip(chars, values):
        share = float(np.clip((v - low) / (1 - low) * 2 - 1, -1, 1))  # -1 … 1
        red, blue = (255, int(255 * (1 - share))) if share > 0 else (int(255 * (1 + share)), 255)
        colour = f"rgb({red},{min(red, blue)},{blue})"
        text = "↵<br>" if ch == "\n" else html.escape(ch).replace(" ", "&nbsp;")
        spans.append(f'<span style="background:{colour};color:#000" title="{v:.3f}">{text}</span>')
    return '<div style="font-family:monospace;line-height:1.7;word-break:break-all">' + "".join(spans) + "</div>"


def _char_axis(chars: tuple[str, ...], most: int = 80) -> dict:
    """x-axis ticks labelled with the characters, every k-th one when the text is long."""
    every = max(1, -(-len(chars) // most))
    ticks = list(range(0, len(chars), every))
    return dict(tickmode="array", tickvals=ticks, ticktext=[shown(chars[i]) for i in ticks], tickangle=0)


def unit_tracks(trace: Trace, unit: int, lang: str) -> go.Figure:
    """One row per series of one unit over the text, shared x: h, c and the gates (LSTM i, f, o, g; GRU r, z, n)."""
    names = trace.names
    figure = make_subplots(rows=len(names), cols=1, shared_xaxes=True, vertical_spacing=0.03)
    x = list(range(len(trace.chars)))
    for row, name in enumerate(names, start=1):
        figure.add_scatter(x=x, y=trace.series(name)[:, unit], name=translate(f"rnn.series.{name}", lang),
                           line=dict(color=SERIES_COLOURS[name], width=1.5), row=row, col=1,
                           text=[shown(c) for c in trace.chars], hovertemplate="'%{text}' %{y:.3f}")
        figure.update_yaxes(title_text=name, row=row, col=1, range=[0, 1] if name in GATES_01 else None)
    figure.update_xaxes(**_char_axis(trace.chars), row=len(names), col=1)
    figure.update_layout(title=translate("rnn.fig.unit_tracks", lang).format(unit=unit), showlegend=False)
    return _layout(figure, 90 + 85 * len(names))


def variance_bars(trace: Trace, name: str, units: np.ndarray, lang: str) -> go.Figure:
    """Variance over the text of the ``units`` (ranked), largest first."""
    variance = trace.series(name).var(axis=0)[units]
    figure = go.Figure(go.Bar(x=[f"#{u}" for u in units], y=variance, marker_color="#1f77b4"))
    figure.update_xaxes(type="category", title_text=translate("rnn.fig.unit", lang))
    figure.update_yaxes(title_text=translate("rnn.fig.variance", lang))
    return _layout(figure, 240)


def gradient_norms(result: Study, lang: str) -> tuple[go.Figure, go.Figure]:
    """‖∂h_T/∂h_t‖ against T − t (log scale) per cell and state; ‖W_hh^L‖ of the plain RNN beside it."""
    t = lambda key: translate(key, lang)  # noqa: E731
    measured, power = go.Figure(), go.Figure()
    for (cell, state), norms in result.norms.items():
        measured.add_scatter(x=result.distances, y=norms, name=f"{cell.upper()} · {t(f'rnn.state.{state}')}",
                             line=dict(color=COLOURS[cell], dash=DASHES[state]))
    for state, norms in result.w_power.items():
        power.add_scatter(x=result.distances, y=norms, name=f"‖W^L‖ · {t(f'rnn.state.{state}')}",
                          line=dict(color="#7f7f7f", dash=DASHES[state]))
    power.add_hline(y=1.0, line=dict(color="#bbb"))
    for figure, title in ((measured, "rnn.fig.grad_title"), (power, "rnn.fig.power_title")):
        figure.update_layout(title=t(title), xaxis_title="T − t = L")
        figure.update_yaxes(type="log", tickformat="~g")
    return _layout(measured, 420), _layout(power, 420)
