"""Plotly figures of the RNN page: computed values in, figure out (no model runs here).

Labels are translated here through ``core.i18n`` with the reader's ``lang``. Streamlit's theme
styles the charts, so plotly's default template is left out (``template="none"``): it would be most
of each figure's JSON, sent on every rerun. Each figure is built in one ``go.Figure(data, layout)``
call with numpy arrays: plotly's ``update_layout`` and per-element list validation cost several
times more (measured), and the page's sliders redraw some of these on every move.
"""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

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


def _layout(height: int, **layout) -> dict:
    return dict(template="none", height=height, margin=_MARGIN, legend=dict(orientation="h", y=-0.3), **layout)


def shown(ch: str) -> str:
    """A character as a readable label: newline ↵, space ·."""
    return {"\n": "↵", " ": "·", "\t": "→"}.get(ch, ch)


def _char_axis(chars: tuple[str, ...], most: int = 80) -> dict:
    """x-axis ticks labelled with the characters, every k-th one when the text is long."""
    every = max(1, -(-len(chars) // most))
    ticks = list(range(0, len(chars), every))
    return dict(tickmode="array", tickvals=ticks, ticktext=[shown(chars[i]) for i in ticks], tickangle=0)


def loss_curves(curves: dict[str, Curve], clip: float, lang: str) -> tuple[go.Figure, go.Figure]:
    """Bits per character, and the gradient norm before clipping: two figures (side by side on a wide
    screen, stacked on a phone), one colour per cell."""
    t = lambda key: translate(key, lang)  # noqa: E731
    bpc, norm = [], []
    for cell, curve in curves.items():
        colour = COLOURS[cell]
        bpc.append(go.Scatter(x=np.array(curve.steps), y=np.array(curve.train_bpc), opacity=0.45,
                              name=f"{cell.upper()} · {t('rnn.fig.train')}", line=dict(color=colour, width=1)))
        bpc.append(go.Scatter(x=np.array(curve.eval_steps), y=np.array(curve.eval_bpc), mode="lines+markers",
                              name=f"{cell.upper()} · {t('rnn.fig.held_out')}", line=dict(color=colour, width=2.5)))
        norm.append(go.Scatter(x=np.array(curve.steps), y=np.array(curve.grad_norm), name=cell.upper(),
                               line=dict(color=colour, width=1)))
    steps = dict(title_text=t("rnn.fig.step"))
    threshold = [dict(type="line", xref="paper", x0=0, x1=1, y0=clip, y1=clip, line=dict(color="#888", dash="dash"))]
    label = [dict(xref="paper", x=0, y=float(np.log10(clip)), text=t("rnn.fig.clip"), showarrow=False, yshift=10,
                  xanchor="left")]
    return (go.Figure(bpc, _layout(340, title=t("rnn.fig.bpc"), xaxis=steps, yaxis=dict(title_text=t("rnn.fig.bits")))),
            go.Figure(norm, _layout(340, title=t("rnn.fig.grad_norm"), xaxis=steps,
                                    yaxis=dict(type="log", tickformat="~g"), shapes=threshold if clip > 0 else [],
                                    annotations=label if clip > 0 else [])))


def distribution(sample: Sample, lang: str, steps: int = 40) -> go.Figure:
    """Each generated step (x) with its likeliest next characters (rows, likeliest on top) and their probability."""
    steps = min(steps, len(sample.text))
    probs = np.array(sample.top_probs[:steps]).T  # (TOP, steps)
    labels = np.array([[shown(c) for c in row] for row in sample.top_chars[:steps]]).T  # (TOP, steps)
    x = [f"{i + 1}:{shown(c)}" for i, c in enumerate(sample.text[:steps])]
    heatmap = go.Heatmap(z=probs, x=x, y=np.arange(1, len(probs) + 1), text=labels, texttemplate="%{text}",
                         colorscale="Blues", zmin=0, zmax=1, colorbar=dict(title="p"),
                         hovertemplate="%{x}<br>#%{y}: %{text} p=%{z:.3f}<extra></extra>")
    return go.Figure(heatmap, _layout(300, yaxis=dict(autorange="reversed", title_text=translate("rnn.fig.rank", lang)),
                                      xaxis=dict(title_text=translate("rnn.fig.generated", lang), tickangle=0,
                                                 nticks=20)))


def _z_range(name: str) -> dict:
    """Colour scale limits: gates (0, 1), tanh outputs (−1, 1), the unbounded cell state centred on 0."""
    if name in GATES_01:
        return dict(zmin=0.0, zmax=1.0)
    return dict(zmid=0.0) if name == "c" else dict(zmin=-1.0, zmax=1.0)


def hidden_heatmap(trace: Trace, name: str, units: np.ndarray, lang: str) -> go.Figure:
    """``units`` (the ranked order) of series ``name`` (rows) over the characters (columns)."""
    heatmap = go.Heatmap(z=trace.series(name)[:, units].T, x=np.arange(len(trace.chars)),  # z (units, T)
                         y=[f"#{u}" for u in units], colorscale="RdBu_r",
                         hovertemplate="%{y} t=%{x}: %{z:.3f}<extra></extra>", **_z_range(name))
    return go.Figure(heatmap, _layout(120 + 14 * len(units),
                                      xaxis=dict(**_char_axis(trace.chars), title_text=translate("rnn.fig.text", lang)),
                                      yaxis=dict(autorange="reversed", type="category",
                                                 title_text=translate("rnn.fig.unit", lang))))


def coloured_text(chars: tuple[str, ...], values: np.ndarray, gate: bool = False) -> str:
    """HTML: each character on a background from blue (-1; 0 for a ``gate``) through white to red (1).

    ``values`` (T,), one per character."""
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
    """One row per series of one unit over the text, one shared x-axis: h, c and the gates (LSTM i, f, g, o;
    GRU r, z, n), as stacked y-axis domains."""
    names = trace.names
    x = np.arange(len(trace.chars))
    height = 1 / len(names)
    traces = [go.Scatter(x=x, y=trace.series(name)[:, unit], yaxis=f"y{row + 1}" if row else "y",
                         name=translate(f"rnn.series.{name}", lang), hovertemplate="t=%{x}: %{y:.3f}",
                         line=dict(color=SERIES_COLOURS[name], width=1.5)) for row, name in enumerate(names)]
    axes = {f"yaxis{row + 1}" if row else "yaxis": dict(
        domain=[1 - (row + 1) * height + 0.02, 1 - row * height - 0.02], title_text=name,
        range=[0, 1] if name in GATES_01 else None, anchor="x") for row, name in enumerate(names)}
    title = translate("rnn.fig.unit_tracks", lang).format(unit=unit)
    return go.Figure(traces, _layout(90 + 85 * len(names), title=title, showlegend=False,
                                     xaxis=_char_axis(trace.chars), **axes))


def variance_bars(trace: Trace, name: str, units: np.ndarray, lang: str) -> go.Figure:
    """Variance over the text of the ``units`` (ranked), largest first."""
    bars = go.Bar(x=[f"#{u}" for u in units], y=trace.series(name).var(axis=0)[units], marker_color="#1f77b4")
    return go.Figure(bars, _layout(240, xaxis=dict(type="category", title_text=translate("rnn.fig.unit", lang)),
                                   yaxis=dict(title_text=translate("rnn.fig.variance", lang))))


def gradient_norms(result: Study, lang: str) -> tuple[go.Figure, go.Figure]:
    """‖∂h_T/∂h_t‖ against T − t (log scale) per cell and state; ‖W_hh^L‖ of the plain RNN beside it."""
    t = lambda key: translate(key, lang)  # noqa: E731
    measured = [go.Scatter(x=result.distances, y=norms, name=f"{cell.upper()} · {t(f'rnn.state.{state}')}",
                           line=dict(color=COLOURS[cell], dash=DASHES[state]))
                for (cell, state), norms in result.norms.items()]
    power = [go.Scatter(x=result.distances, y=norms, name=f"‖W^L‖ · {t(f'rnn.state.{state}')}",
                        line=dict(color="#7f7f7f", dash=DASHES[state])) for state, norms in result.w_power.items()]
    one = [dict(type="line", xref="paper", x0=0, x1=1, y0=1, y1=1, line=dict(color="#bbb"))]
    axes = dict(xaxis=dict(title_text="T − t = L"), yaxis=dict(type="log", tickformat="~g"))
    return (go.Figure(measured, _layout(420, title=t("rnn.fig.grad_title"), **axes)),
            go.Figure(power, _layout(420, title=t("rnn.fig.power_title"), shapes=one, **axes)))
