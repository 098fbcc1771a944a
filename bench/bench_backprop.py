"""Benchmark: the server work behind every slider of the "How a network learns" page.

For each control, the work a rerun does when its cache misses: our core call(s), the figure, and
the figure's JSON as st.plotly_chart sends it. Peer, in the same run: the same numbers computed
directly with torch (or numpy), without our layer: F.cross_entropy / F.multi_margin_loss for the
losses, closed-form derivatives for J(w), autograd on the network written by hand for the graph,
the textbook one-element-at-a-time loop for the gradient check, torch.optim.SGD for the classifier.
The ratio says what our layer (step-by-step reports, per-node local derivatives, batched checks,
figures) costs on top of the bare computation. Goal (issue 17): every slider < 100 ms.

Run: .venv/bin/python bench/bench_backprop.py
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly.io
import plotly.tools
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.backprop import classifier, figures, gradcheck, graph, logistic, losses  # noqa: E402
from core.backprop.expression import NETWORK, NETWORK_VALUES  # noqa: E402
from core.backprop.inputs import parse_matrix, parse_vector  # noqa: E402
from core.device import configure_threads  # noqa: E402

REPEATS = 15
GOAL_MS = 100.0


def _sends(figure) -> str:
    """What st.plotly_chart (streamlit 1.67) does with a figure: plotly's to_dict, then JSON without validation."""
    return plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True), validate=False)


def timed(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median milliseconds of ``fn``."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - began))
    return statistics.median(times)


# ---------------------------------------------------------------- ours (what a slider move runs)

W_TEXT, B_TEXT, X_TEXT = "0.2 -0.5 0.1 2; 1.5 1.3 2.1 0; 0 0.25 0.2 -0.3", "0.2 1.9 -1.475", "1 0.5 0.5 1.5"
CURVES = {loss: logistic.curve(loss) for loss in logistic.LOSSES}
W0 = torch.tensor(classifier.DEFAULT_W, dtype=torch.float64)
B0 = torch.tensor(classifier.DEFAULT_B, dtype=torch.float64)


def ours_losses() -> None:
    r = losses.report(parse_matrix(W_TEXT, 3, 4, "W"), parse_vector(B_TEXT, 3, "b"), parse_vector(X_TEXT, 4, "x"),
                      0, 1.0, 0.1)
    _sends(figures.softmax_figure(r, 0, "en"))


def ours_log_w() -> None:
    for loss in logistic.LOSSES:
        logistic.curve(loss, torch.tensor([1.3]))
    _sends(figures.convexity_figure(CURVES, 1.3, "en"))


def ours_graph_values() -> None:
    update = graph.run(NETWORK, NETWORK_VALUES, 0.5)
    figures.graph_dot(update.before, 5), figures.step_formulas(update.before, 5)


UPDATE = graph.run(NETWORK, NETWORK_VALUES, 0.5)


def ours_graph_step() -> None:
    figures.graph_dot(UPDATE.before, 7), figures.step_formulas(UPDATE.before, 7)


ERROR_CURVES = {"float64": gradcheck.error_curve(torch.float64), "float32": gradcheck.error_curve(torch.float32)}


def ours_eps() -> None:
    for dtype in (torch.float64, torch.float32):
        gradcheck.check(dtype, 1e-4, False)
    _sends(figures.error_curve_figure(gradcheck.EPSILONS, ERROR_CURVES, 1e-4, "en"))


def ours_bug() -> None:
    curves = {name: gradcheck.error_curve(dtype, True) for name, dtype in (("float64", torch.float64),
                                                                           ("float32", torch.float32))}
    for dtype in (torch.float64, torch.float32):
        gradcheck.check(dtype, 1e-5, True)
    _sends(figures.error_curve_figure(gradcheck.EPSILONS, curves, 1e-5, "en"))


def ours_classifier_weights() -> None:
    run = classifier.descend(W0 + 0.1, B0, "hinge", 0.1, classifier.MAX_STEPS, 0.001)
    _sends(figures.classifier_figure(run.w[0], run.b[0], "en")), _sends(figures.descent_figure(run, 0, "en"))


DESCENT = classifier.descend(W0, B0, "hinge", 0.1, classifier.MAX_STEPS, 0.001)


def ours_classifier_step() -> None:
    _sends(figures.classifier_figure(DESCENT.w[40], DESCENT.b[40], "en")), _sends(figures.descent_figure(DESCENT, 40, "en"))


# ---------------------------------------------------------------- peers (the bare computation)


def peer_losses() -> None:
    w = torch.tensor(losses.DEFAULT_W, dtype=torch.float64)
    s = (w @ torch.tensor(losses.DEFAULT_X, dtype=torch.float64) + torch.tensor(losses.DEFAULT_B, dtype=torch.float64))[None]
    y = torch.tensor([0])
    F.softmax(s, 1), F.cross_entropy(s, y), F.multi_margin_loss(s, y) * 3, 0.1 * (w**2).sum()


def peer_log_w() -> None:
    """Closed forms in numpy: J, J′, J″ of both losses at one w."""
    x, y, w = np.array(logistic.DATA_X), np.array(logistic.DATA_Y), 1.3
    p = 1 / (1 + np.exp(-w * x))
    d = p * (1 - p)
    mse = (((p - y) ** 2).mean(), (2 * (p - y) * d * x).mean(), (2 * x**2 * d * (d + (p - y) * (1 - 2 * p))).mean())
    ce = (-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean(), ((p - y) * x).mean(), (d * x**2).mean())
    return mse, ce


def peer_graph() -> None:
    v = {k: torch.tensor(float(x.split("=")[1]), dtype=torch.float64, requires_grad=True)
         for k, x in ((item.split("=")[0].strip(), item) for item in NETWORK_VALUES.split(","))}
    h1 = torch.sigmoid(v["w1"] * v["i1"] + v["w2"] * v["i2"] + v["b1"])
    h2 = torch.sigmoid(v["w3"] * v["i1"] + v["w4"] * v["i2"] + v["b1"])
    error = 0.5 * (v["t"] - torch.sigmoid(v["w5"] * h1 + v["w6"] * h2 + v["b2"])) ** 2
    error.backward()


def peer_check(dtype: torch.dtype = torch.float64, eps: float = 1e-4) -> None:
    """The textbook check: nudge one element, two forward passes, put it back; then autograd once."""
    x, y, params = gradcheck.problem(dtype)
    with torch.no_grad():
        for p in params.values():
            flat = p.view(-1)
            for i in range(flat.numel()):
                kept = flat[i].item()
                flat[i] = kept + eps
                up = gradcheck.loss(params, x, y)
                flat[i] = kept - eps
                down = gradcheck.loss(params, x, y)
                flat[i] = kept
                (up - down) / (2 * eps)
    gradcheck.analytic(params, x, y)


def peer_eps() -> None:
    peer_check(torch.float64), peer_check(torch.float32)


def peer_classifier() -> None:
    x, y = classifier.data()
    w, b = (W0 + 0.1).clone().requires_grad_(), B0.clone().requires_grad_()
    optimizer = torch.optim.SGD([w, b], lr=0.1)
    for _ in range(classifier.MAX_STEPS):
        optimizer.zero_grad()
        (F.multi_margin_loss(x @ w.T + b, y) * 3 + 0.001 * (w**2).sum()).backward()
        optimizer.step()


ROWS: list[tuple[str, Callable[[], object], Callable[[], object] | None, int]] = [
    ("W, b, x, true class, Δ, λ (losses)", ours_losses, peer_losses, REPEATS),
    ("w (why log loss)", ours_log_w, peer_log_w, REPEATS),
    ("values, η, expression (graph)", ours_graph_values, peer_graph, REPEATS),
    ("backward step (graph)", ours_graph_step, peer_graph, REPEATS),
    ("ε (gradient check, 2 dtypes)", ours_eps, peer_eps, REPEATS),
    ("plant a bug (once per server: 24 checks)", ours_bug, None, 5),
    ("classifier W, b, η, λ, loss (100 steps)", ours_classifier_weights, peer_classifier, 7),
    ("classifier step", ours_classifier_step, None, REPEATS),
]


def main() -> None:
    threads = configure_threads()
    for _, ours, peer, _ in ROWS:  # warm-up: lazy imports, first plotly figure
        ours(), peer and peer()
    print(f"backprop page sliders, torch {torch.__version__}, {threads} thread(s), load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; median ms of {REPEATS} runs "
          f"(ours includes building the figure and its JSON)")
    print(f"{'control':42s} {'ours':>8s} {'peer':>8s} {'ours/peer':>10s}  goal < {GOAL_MS:.0f} ms")
    slowest = 0.0
    for name, ours, peer, repeats in ROWS:
        ours_ms = timed(ours, repeats)
        peer_ms = timed(peer, repeats) if peer else float("nan")
        slowest = max(slowest, ours_ms)
        ratio = f"{ours_ms / peer_ms:10.2f}" if peer else f"{'–':>10s}"
        print(f"{name:42s} {ours_ms:8.1f} {peer_ms:8.1f} {ratio}  {'ok' if ours_ms < GOAL_MS else 'SLOW'}")
    print(f"slowest control: {slowest:.1f} ms ({'within' if slowest < GOAL_MS else 'over'} the {GOAL_MS:.0f} ms goal)")


if __name__ == "__main__":
    main()
