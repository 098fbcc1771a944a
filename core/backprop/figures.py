"""The page's pictures: plotly figures (validation off, built from dicts) and the graph's DOT source.

Figures take computed results and a language; they never compute losses or gradients themselves.
Colours follow the notes: forward values green, gradients red.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from core.backprop.classifier import LIMIT, Descent, data, regions
from core.backprop.expression import Graph
from core.backprop.graph import Evaluated
from core.backprop.logistic import Curve
from core.backprop.losses import CLASSES, LossReport
from core.i18n import translate

CLASS_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c")
FORWARD, BACKWARD, ACTIVE = "#1a7f37", "#cf222e", "#fff3b0"
SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "**": "^", "neg": "−x"}
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def number(value: float | None) -> str:
    """Four significant digits, a real minus sign; ``–`` for no value."""
    return "–" if value is None else f"{value:.4g}".replace("-", "−")


def _class_names(lang: str) -> list[str]:
    return [translate(f"bp.class.{c}", lang) for c in CLASSES]


def softmax_figure(report: LossReport, label: int, lang: str) -> go.Figure:
    """Three bar panels, scores → exp → probabilities, the true class highlighted."""
    names = _class_names(lang)
    titles = [translate(f"bp.fig.{k}", lang) for k in ("scores", "exp", "probs")]
    figure = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.08)
    colors = [CLASS_COLORS[i] if i == label else "#c8c8c8" for i in range(len(names))]
    for col, values in enumerate((report.scores, report.exp, report.probs), start=1):
        shown = [v if math.isfinite(v) else None for v in values]
        figure.add_trace(go.Bar(x=names, y=shown, marker_color=colors, text=[number(v) for v in values],
                                textposition="auto", showlegend=False), row=1, col=col)
    figure.update_layout(height=280, margin=MARGIN)
    return figure


def convexity_figure(curves: dict[str, Curve], w: float, lang: str) -> go.Figure:
    """J(w) under squared error and under cross-entropy; stretches of negative curvature drawn red."""
    figure = make_subplots(rows=1, cols=2, subplot_titles=[translate(f"bp.log.{k}", lang) for k in curves],
                           horizontal_spacing=0.1)
    for col, c in enumerate(curves.values(), start=1):
        bent = [j if k < 0 else None for j, k in zip(c.j, c.curvature)]
        figure.add_trace(go.Scatter(x=c.w, y=c.j, mode="lines", line={"color": "#1f77b4"},
                                    name=translate("bp.fig.j", lang), showlegend=col == 1), row=1, col=col)
        figure.add_trace(go.Scatter(x=c.w, y=bent, mode="lines", line={"color": BACKWARD, "width": 5},
                                    name=translate("bp.fig.concave", lang), showlegend=col == 1), row=1, col=col)
        nearest = min(range(len(c.w)), key=lambda i: abs(c.w[i] - w))
        figure.add_trace(go.Scatter(x=[c.w[nearest]], y=[c.j[nearest]], mode="markers", marker={"size": 11,
                                    "color": "black"}, showlegend=False), row=1, col=col)
        figure.update_xaxes(title_text="w", row=1, col=col)
    figure.update_layout(height=320, margin=MARGIN, legend={"orientation": "h", "y": -0.25})
    return figure


def _node_label(graph: Graph, index: int, value: float, grad: float | None) -> str:
    node = graph.nodes[index]
    head = node.name if node.op in ("var", "const") else SYMBOLS.get(node.op, node.op)
    tag = "" if node.op in ("var", "const") else f'<font point-size="9">{graph.label(index)} </font>'
    if node.op == "const":
        return f"<<b>{head}</b>>"  # its value is its name
    grad_line = "" if grad is None else f'<br/><font color="{BACKWARD}">{number(grad)}</font>'
    return f'<{tag}<b>{head}</b><br/><font color="{FORWARD}">{number(value)}</font>{grad_line}>'


def graph_dot(evaluated: Evaluated, done: int) -> str:
    """DOT source of the graph after ``done`` backward steps: value (green) and gradient so far (red) per node.

    The node of the next step is highlighted and its incoming edges are bold; edges already
    traversed backwards carry the gradient they handed back.
    """
    graph = evaluated.graph
    grads = evaluated.accumulated(done)
    current = evaluated.steps[done].node if done < len(evaluated.steps) else None
    handed = {(i, step.node, k): part for step in evaluated.steps[:done]
              for k, (i, part) in enumerate(zip(graph.nodes[step.node].inputs, step.contributions))}
    lines = ["digraph G {", 'rankdir=LR; bgcolor="transparent"; ranksep=0.2; nodesep=0.12; forcelabels=true;',
             'node [fontname="Helvetica", fontsize=12, margin="0.04,0.02", height=0.3, width=0.3]; '
             'edge [fontname="Helvetica", fontsize=10, arrowsize=0.6];']
    for index, node in enumerate(graph.nodes):
        shape = {"var": "box", "const": "plaintext"}.get(node.op, "ellipse")
        fill = f', style=filled, fillcolor="{ACTIVE}"' if index == current else ""
        lines.append(f"n{index} [shape={shape}{fill}, label={_node_label(graph, index, evaluated.values[index], grads[index])}];")
    for index, node in enumerate(graph.nodes):
        for k, source in enumerate(node.inputs):
            part = handed.get((source, index, k))
            # xlabel, not label: an edge label in a left-to-right layout takes a rank of its own
            attrs = [] if part is None else [f'xlabel="{number(part)}"', f'fontcolor="{BACKWARD}"', f'color="{BACKWARD}"']
            attrs += ["penwidth=2.5"] if index == current else []
            lines.append(f"n{source} -> n{index} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines)


def error_curve_figure(epsilons: tuple[float, ...], curves: dict[str, list[float]], eps: float, lang: str) -> go.Figure:
    """Largest relative error against ε, log-log, per dtype; the verdict lines at 1e-7 and 1e-5."""
    figure = go.Figure()
    for dtype, errors in curves.items():
        figure.add_trace(go.Scatter(x=list(epsilons), y=[max(e, 1e-16) for e in errors], mode="lines+markers",
                                    name=dtype))
    for level, key, color in ((1e-7, "bp.fig.fine", FORWARD), (1e-5, "bp.fig.suspicious", BACKWARD)):
        figure.add_trace(go.Scatter(x=[epsilons[0], epsilons[-1]], y=[level, level], mode="lines",
                                    line={"dash": "dot", "color": color}, name=translate(key, lang)))
    figure.add_vline(x=eps, line_color="black")
    figure.update_xaxes(type="log", title_text="ε", autorange="reversed", exponentformat="power")
    figure.update_yaxes(type="log", title_text=translate("bp.fig.rel_error", lang), exponentformat="power")
    figure.update_layout(height=340, margin=MARGIN, legend={"orientation": "h", "y": 1.12})
    return figure


def classifier_figure(w: torch.Tensor, b: torch.Tensor, lang: str) -> go.Figure:
    """Decision regions of ``argmax(W x + b)`` over [−1, 1]² with the points, coloured by class."""
    winner = regions(w, b)  # (n, n)
    n = winner.shape[0]
    axis = torch.linspace(-LIMIT, LIMIT, n).tolist()
    scale = [[i / 2, CLASS_COLORS[i]] for i in range(3)]
    figure = go.Figure(go.Heatmap(x=axis, y=axis, z=winner.tolist(), colorscale=scale, zmin=0, zmax=2, opacity=0.3,
                                  showscale=False, hoverinfo="skip"))
    x, y = data()
    for c, name in enumerate(_class_names(lang)):
        mask = y == c
        figure.add_trace(go.Scatter(x=x[mask, 0].tolist(), y=x[mask, 1].tolist(), mode="markers", name=name,
                                    marker={"size": 12, "color": CLASS_COLORS[c], "line": {"width": 1.5,
                                            "color": "black"}}))
    figure.update_xaxes(range=[-LIMIT, LIMIT], constrain="domain")
    figure.update_yaxes(range=[-LIMIT, LIMIT], scaleanchor="x")
    figure.update_layout(height=380, margin=MARGIN, legend={"orientation": "h", "y": 1.1})
    return figure


def descent_figure(descent: Descent, step: int, lang: str) -> go.Figure:
    """Hinge and softmax objectives against the gradient-descent step; the shown step marked."""
    figure = go.Figure()
    steps = list(range(len(descent.hinge)))
    for kind, values in (("hinge", descent.hinge), ("softmax", descent.softmax)):
        figure.add_trace(go.Scatter(x=steps, y=list(values), mode="lines", name=translate(f"bp.loss.{kind}", lang)))
    figure.add_vline(x=step, line_color="black")
    figure.update_xaxes(title_text=translate("bp.fig.step", lang))
    figure.update_yaxes(title_text=translate("bp.fig.loss", lang), rangemode="tozero")
    figure.update_layout(height=300, margin=MARGIN, legend={"orientation": "h", "y": 1.15})
    return figure


def _tex(name: str) -> str:
    """``w12`` -> ``w_{12}``; names are a letter then letters and digits."""
    head = name.rstrip("0123456789")
    return f"{head}_{{{name[len(head):]}}}" if head != name else name


def _tex_number(value: float, wrap: bool = True) -> str:
    """``-2.5e-07`` -> ``(-2.5\\times 10^{-7})``; negative factors in brackets when ``wrap``."""
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa}\times 10^{{{int(exponent)}}}"
    return f"({text})" if wrap and value < 0 else text


def step_formulas(evaluated: Evaluated, done: int) -> list[str]:
    """The chain rule of backward step ``done`` written out with the numbers, one LaTeX line per input.

    ∂f/∂input += ∂node/∂input × ∂f/∂node (local derivative × upstream gradient = what the input receives).
    """
    if done >= len(evaluated.steps):
        return []
    step = evaluated.steps[done]
    graph = evaluated.graph
    node = _tex(graph.label(step.node))
    lines = []
    for source, local, part in zip(graph.nodes[step.node].inputs, step.local, step.contributions):
        if local is None:
            continue
        name = _tex(graph.label(source))
        # Short enough for a phone: the symbols go under the numbers they stand for.
        lines.append(rf"\frac{{\partial f}}{{\partial {name}}} \mathrel{{+}}= "
                     rf"\underbrace{{{_tex_number(local)}}}_{{\partial {node}/\partial {name}}} \cdot "
                     rf"\underbrace{{{_tex_number(step.upstream)}}}_{{\partial f/\partial {node}}} = "
                     rf"{_tex_number(part, wrap=False)}")
    return lines
