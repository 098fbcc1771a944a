"""Views of one racer's optimizer state over time, and of the exponentially weighted average."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.i18n import translate
from core.optimizers.ewa import ewa
from core.optimizers.inside import PANELS

_DASH = {0: "solid", 1: "dot"}  # coordinate x solid, y dotted
_SERIES_COLORS = {"grad": "#7f7f7f", "momentum_buffer": "#ff7f0e", "m_hat": "#d62728", "v_hat": "#1f77b4",
                  "square_avg": "#1f77b4", "sum": "#1f77b4", "step": "#2ca02c", "effective_lr": "#9467bd"}


def state_figure(series: dict[str, np.ndarray], lang: str) -> go.Figure:
    """Up to three stacked panels: first moment (gradient, momentum, m̂), second moment (log), step sizes (log)."""
    panels = [(name, [s for s in members if s in series]) for name, members in PANELS.items()]
    panels = [(name, members) for name, members in panels if members]
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=[translate(f"opt.panel.{name}", lang) for name, _ in panels])
    for row, (panel, members) in enumerate(panels, start=1):
        for name in members:
            values = series[name]  # (S, 2)
            steps = np.arange(1, len(values) + 1)
            for axis in (0, 1):
                fig.add_trace(go.Scatter(
                    x=steps, y=values[:, axis], mode="lines", line={"color": _SERIES_COLORS[name], "dash": _DASH[axis]},
                    name=f"{translate(f'opt.series.{name}', lang)} ({'xy'[axis]})"), row=row, col=1)
        if panel != "first":
            fig.update_yaxes(type="log", exponentformat="power", row=row, col=1)
    fig.update_xaxes(title_text=translate("opt.fig.step", lang), row=len(panels), col=1)
    fig.update_layout(height=220 * len(panels) + 80, margin={"l": 60, "r": 20, "t": 30, "b": 40})
    return fig


def ewa_figure(series: np.ndarray, beta: float, lang: str) -> go.Figure:
    """The noisy series with its EWA, with and without bias correction."""
    days = np.arange(1, len(series) + 1)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=days, y=series, mode="markers", marker={"size": 4, "color": "#9e9e9e"},
                             name=translate("opt.ewa.data", lang)))
    fig.add_trace(go.Scatter(x=days, y=ewa(series, beta), mode="lines", line={"color": "#d62728"},
                             name=translate("opt.ewa.plain", lang)))
    fig.add_trace(go.Scatter(x=days, y=ewa(series, beta, bias_correction=True), mode="lines",
                             line={"color": "#1f77b4"}, name=translate("opt.ewa.corrected", lang)))
    fig.update_layout(height=360, margin={"l": 50, "r": 20, "t": 10, "b": 40}, legend={"orientation": "h"},
                      xaxis_title=translate("opt.ewa.t", lang), yaxis_title=translate("opt.ewa.value", lang))
    return fig
