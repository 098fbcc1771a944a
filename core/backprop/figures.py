"""The page's pictures: plotly figures (validation off, built from dicts) and the graph's DOT source.

Figures take computed results and a language; they never compute losses or gradients themselves.
Colours follow the notes: forward values green, gradients red.
"""
from __future__ import annotations

import base64
import io
import math
from collections import Counter

import plotly.graph_objects as go
import torch
from PIL import Image

from core.backprop.classifier import LIMIT, Descent, regions
from core.backprop.classifier import data as points
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


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, validation off: validating costs more than the numbers behind it."""
    return go.Figure(data=data, layout={"margin": MARGIN, **layout}, _validate=False)


def _panels(count: int, titles: list[str], gap: float = 0.08) -> dict:
    """Layout of ``count`` side-by-side panels (axes x, x2, …) with a title over each."""
    width = (1 - gap * (count - 1)) / count
    layout: dict = {"annotations": []}
    for i, title in enumerate(titles):
        left = i * (width + gap)
        suffix = "" if i == 0 else str(i + 1)
        layout[f"xaxis{suffix}"] = {"domain": [left, left + width], "anchor": f"y{suffix}"}
        layout[f"yaxis{suffix}"] = {"anchor": f"x{suffix}"}
        layout["annotations"].append({"text": title, "x": left + width / 2, "y": 1.0, "xref": "paper", "yref": "paper",
                                      "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                                      "font": {"size": 14}})
    return layout


def softmax_figure(report: LossReport, label: int, lang: str) -> go.Figure:
    """Three bar panels, scores → exp → probabilities, the true class highlighted."""
    names = _class_names(lang)
    colors = [CLASS_COLORS[i] if i == label else "#c8c8c8" for i in range(len(names))]
    data = [{"type": "bar", "x": names, "y": [v if math.isfinite(v) else None for v in values], "marker": {"color": colors},
             "text": [number(v) for v in values], "textposition": "auto", "showlegend": False,
             "xaxis": f"x{i or ''}", "yaxis": f"y{i or ''}"}
            for i, values in zip(("", 2, 3), (report.scores, report.exp, report.probs))]
    titles = [translate(f"bp.fig.{k}", lang) for k in ("scores", "exp", "probs")]
    return _figure(data, {"height": 280, **_panels(3, titles)})


def convexity_figure(curves: dict[str, Curve], w: float, lang: str) -> go.Figure:
    """J(w) under squared error and under cross-entropy; stretches of negative curvature drawn red."""
    data: list[dict] = []
    for i, c in enumerate(curves.values()):
        axes = {"xaxis": f"x{i + 1 if i else ''}", "yaxis": f"y{i + 1 if i else ''}"}
        nearest = min(range(len(c.w)), key=lambda k: abs(c.w[k] - w))
        data += [
            {"type": "scatter", "x": c.w, "y": c.j, "mode": "lines", "line": {"color": CLASS_COLORS[0]},
             "name": translate("bp.fig.j", lang), "showlegend": i == 0, **axes},
            {"type": "scatter", "x": c.w, "y": [j if k < 0 else None for j, k in zip(c.j, c.curvature)],
             "mode": "lines", "line": {"color": BACKWARD, "width": 5}, "name": translate("bp.fig.concave", lang),
             "showlegend": i == 0, **axes},
            {"type": "scatter", "x": [c.w[nearest]], "y": [c.j[nearest]], "mode": "markers",
             "marker": {"size": 11, "color": "black"}, "showlegend": False, **axes},
        ]
    layout = _panels(2, [translate(f"bp.log.{k}", lang) for k in curves], gap=0.1)
    layout["xaxis"]["title"] = layout["xaxis2"]["title"] = {"text": "w"}
    return _figure(data, {"height": 320, "legend": {"orientation": "h", "y": -0.25}, **layout})


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
    traversed backwards turn red. Where a node feeds several others (a shared input such as b1),
    each of its edges is labelled with the part of the gradient it carried back: the node's total
    is their sum. Other edges carry what their source node already shows, so they stay unlabelled.
    """
    graph = evaluated.graph
    grads = evaluated.accumulated(done)
    current = evaluated.steps[done].node if done < len(evaluated.steps) else None
    uses = Counter(i for node in graph.nodes for i in node.inputs)
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
            attrs = [] if part is None else [f'color="{BACKWARD}"']
            if part is not None and uses[source] > 1:
                # xlabel, not label: an edge label in a left-to-right layout takes a rank of its own
                attrs += [f'xlabel="{number(part)}"', f'fontcolor="{BACKWARD}"']
            attrs += ["penwidth=2.5"] if index == current else []
            lines.append(f"n{source} -> n{index} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines)


def _vline(x: float) -> dict:
    return {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "xref": "x", "yref": "paper", "line": {"color": "black"}}


def error_curve_figure(epsilons: tuple[float, ...], curves: dict[str, list[float]], eps: float, lang: str) -> go.Figure:
    """Largest relative error against ε, log-log, per dtype; the verdict lines at 1e-7 and 1e-5."""
    data = [{"type": "scatter", "x": list(epsilons), "y": [max(e, 1e-16) for e in errors], "mode": "lines+markers",
             "name": dtype} for dtype, errors in curves.items()]
    data += [{"type": "scatter", "x": [epsilons[0], epsilons[-1]], "y": [level, level], "mode": "lines",
              "line": {"dash": "dot", "color": color}, "name": translate(key, lang)}
             for level, key, color in ((1e-7, "bp.fig.fine", FORWARD), (1e-5, "bp.fig.suspicious", BACKWARD))]
    return _figure(data, {
        "height": 340, "legend": {"orientation": "h", "y": 1.12}, "shapes": [_vline(eps)],
        "xaxis": {"type": "log", "title": {"text": "ε"}, "autorange": "reversed", "exponentformat": "power"},
        "yaxis": {"type": "log", "title": {"text": translate("bp.fig.rel_error", lang)}, "exponentformat": "power"}})


def _regions_image(winner: torch.Tensor) -> str:
    """A PNG data URI of the winning class per pixel (row 0 = lowest y), in light class colours.

    An image of a few kilobytes instead of a heatmap of n² numbers: cheaper to build and to send.
    """
    light = torch.tensor([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in CLASS_COLORS], dtype=torch.float32)
    light = (0.3 * light + 0.7 * 255).to(torch.uint8)  # (3, 3) RGB, 30 % opaque on white
    pixels = light[winner.flip(0)].numpy()  # (n, n, 3), top row first
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def classifier_figure(w: torch.Tensor, b: torch.Tensor, lang: str) -> go.Figure:
    """Decision regions of ``argmax(W x + b)`` over [−1, 1]² with the points, coloured by class."""
    image = {"source": _regions_image(regions(w, b, size=200)), "xref": "x", "yref": "y", "x": -LIMIT, "y": LIMIT,
             "sizex": 2 * LIMIT, "sizey": 2 * LIMIT, "sizing": "stretch", "layer": "below"}
    x, y = points()
    data = [{"type": "scatter", "x": x[y == c, 0].tolist(), "y": x[y == c, 1].tolist(), "mode": "markers", "name": name,
             "marker": {"size": 12, "color": CLASS_COLORS[c], "line": {"width": 1.5, "color": "black"}}}
            for c, name in enumerate(_class_names(lang))]
    return _figure(data, {"height": 380, "legend": {"orientation": "h", "y": 1.1}, "images": [image],
                          "xaxis": {"range": [-LIMIT, LIMIT], "constrain": "domain", "showgrid": False, "zeroline": False},
                          "yaxis": {"range": [-LIMIT, LIMIT], "scaleanchor": "x", "showgrid": False, "zeroline": False}})


def descent_figure(descent: Descent, step: int, lang: str) -> go.Figure:
    """Hinge and softmax objectives against the gradient-descent step; the shown step marked."""
    steps = list(range(len(descent.hinge)))
    data = [{"type": "scatter", "x": steps, "y": list(values), "mode": "lines",
             "name": translate(f"bp.loss.{kind}", lang)}
            for kind, values in (("hinge", descent.hinge), ("softmax", descent.softmax))]
    return _figure(data, {"height": 300, "legend": {"orientation": "h", "y": 1.15}, "shapes": [_vline(step)],
                          "xaxis": {"title": {"text": translate("bp.fig.step", lang)}},
                          "yaxis": {"title": {"text": translate("bp.fig.loss", lang)}, "rangemode": "tozero"}})


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
