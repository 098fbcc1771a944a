"""How a network learns: scores and losses, why log loss, the computational graph stepped, gradient checking
and a linear classifier on 2-D points.

Widgets only; every number comes from ``core.backprop`` (losses, autograd gradients, the checks) and
every picture from ``core.backprop.figures``. Tabs are lazy: only the open one computes.
"""
from __future__ import annotations

import math

import streamlit as st
import torch

from core.backprop import classifier, gradcheck, graph, logistic, losses
from core.backprop import figures as fig
from core.backprop.expression import MAX_LENGTH, NETWORK, NETWORK_VALUES, NEURON, NEURON_VALUES
from core.backprop.inputs import MAX_FIELD, parse_matrix, parse_vector
from core.url_state import Param
from pages.ui import (chart, download_csv, lang, option_labels, page_title, share_link, theory, tr, url_state,
                      user_errors)

TABS = ("losses", "logistic", "graph", "gradcheck", "classifier")
EPS_OPTIONS = tuple(f"{e:.0e}" for e in gradcheck.EPSILONS)
DTYPES = {"float64": torch.float64, "float32": torch.float32}
WEIGHTS = [(i, j) for i in range(3) for j in range(2)]


def _text(values) -> str:
    return "; ".join(" ".join(f"{v:g}" for v in row) for row in values)


PARAMS = [
    Param("bp_w", "W", _text(losses.DEFAULT_W), max_len=MAX_FIELD),
    Param("bp_b", "b", _text([losses.DEFAULT_B]), max_len=MAX_FIELD),
    Param("bp_x", "x", _text([losses.DEFAULT_X]), max_len=MAX_FIELD),
    Param("bp_label", "y", "cat", options=losses.CLASSES),
    Param("bp_delta", "delta", 1.0, low=0.0, high=5.0),
    Param("bp_lambda", "lam", 0.0, low=0.0, high=0.5),
    Param("bp_log_w", "lw", 1.0, low=logistic.W_RANGE[0], high=logistic.W_RANGE[1]),
    Param("bp_mode", "mode", "network", options=("network", "expression")),
    Param("bp_expr", "f", NEURON, max_len=MAX_LENGTH),
    Param("bp_net_values", "net", NETWORK_VALUES, max_len=MAX_FIELD),
    Param("bp_expr_values", "vals", NEURON_VALUES, max_len=MAX_FIELD),
    Param("bp_step", "step", 0, low=0, high=200),
    Param("bp_lr", "lr", 0.5, low=0.0, high=5.0),
    Param("bp_eps", "eps", f"{gradcheck.DEFAULT_EPS:.0e}", options=EPS_OPTIONS),
    Param("bp_bug", "bug", False),
    *[Param(f"bp_cw{i}{j}", f"w{i}{j}", classifier.DEFAULT_W[i][j], low=-5.0, high=5.0) for i, j in WEIGHTS],
    *[Param(f"bp_cb{i}", f"b{i}", classifier.DEFAULT_B[i], low=-5.0, high=5.0) for i in range(3)],
    Param("bp_cls_loss", "loss", "hinge", options=classifier.LOSS_KINDS),
    Param("bp_cls_lr", "clr", 0.1, low=0.01, high=2.0),
    Param("bp_cls_step", "cstep", 0, low=0, high=classifier.MAX_STEPS),
    Param("bp_cls_lambda", "clam", 0.001, low=0.0, high=0.1),
]


# ---------------------------------------------------------------- cached compute (keyed on plain settings)


@st.cache_data(max_entries=256, show_spinner=False)
def loss_report(w: str, b: str, x: str, label: str, delta: float, lam: float) -> losses.LossReport:
    vectors = parse_matrix(w, 3, 4, "W"), parse_vector(b, 3, "b"), parse_vector(x, 4, "x")
    return losses.report(*vectors, losses.CLASSES.index(label), delta, lam)


@st.cache_data(show_spinner=False)
def convexity_curves() -> dict[str, logistic.Curve]:
    return {loss: logistic.curve(loss) for loss in logistic.LOSSES}


@st.cache_data(max_entries=256, show_spinner=False)
def graph_update(expression: str, values: str, lr: float) -> graph.Update:
    return graph.run(expression, values, lr)


@st.cache_data(max_entries=64, show_spinner=False)
def gradient_checks(eps: float, bug: bool) -> dict[str, list[gradcheck.ParamCheck]]:
    return {name: gradcheck.check(dtype, eps, bug) for name, dtype in DTYPES.items()}


@st.cache_data(show_spinner=False)
def error_curves(bug: bool) -> dict[str, list[float]]:
    return {name: gradcheck.error_curve(dtype, bug) for name, dtype in DTYPES.items()}


@st.cache_data(max_entries=256, show_spinner=False)
def descent(w: tuple[float, ...], b: tuple[float, ...], kind: str, lr: float, lam: float) -> classifier.Descent:
    weights = torch.tensor(w, dtype=torch.float64).view(3, 2)
    return classifier.descend(weights, torch.tensor(b, dtype=torch.float64), kind, lr, classifier.MAX_STEPS, lam)


# ---------------------------------------------------------------- tabs


def losses_tab() -> None:
    left, right = st.columns([1, 2], gap="medium")
    with left:
        for key in ("w", "b", "x"):
            st.text_input(tr(f"bp.input.{key}"), key=f"bp_{key}", help=tr(f"bp.input.{key}.help"))
        label = st.selectbox(tr("bp.true_class"), losses.CLASSES, format_func=option_labels("bp.class."),
                             key="bp_label")
        delta = st.slider(tr("bp.delta"), 0.0, 5.0, step=0.1, key="bp_delta")
        lam = st.slider(tr("bp.lambda"), 0.0, 0.5, step=0.01, key="bp_lambda")
    with right, user_errors():
        r = loss_report(st.session_state["bp_w"], st.session_state["bp_b"], st.session_state["bp_x"], label,
                        delta, lam)
    index = losses.CLASSES.index(label)
    with right:
        st.latex(r"s = Wx + b = (" + ",\\ ".join(fig.number(v) for v in r.scores) + ")")
        chart(fig.softmax_figure(r, index, lang()), "bp_softmax", width="stretch")
        table = {tr("bp.col.class"): [tr(f"bp.class.{c}") for c in losses.CLASSES],
                 tr("bp.col.score"): r.scores, "exp(s)": r.exp, tr("bp.col.prob"): r.probs,
                 "−log p": [-math.log(p) if p > 0 else math.inf for p in r.probs], tr("bp.col.margin"): r.margins}
        st.dataframe(table, hide_index=True, width="stretch")
        download_csv(table, "scores_and_losses.csv", "bp_losses_csv")
        compare = {tr("bp.col.loss"): [tr("bp.loss.softmax"), tr("bp.loss.hinge")],
                   tr("bp.col.ours"): [r.cross_entropy, r.hinge],
                   tr("bp.col.torch"): [f"{r.torch_cross_entropy:.6g} (F.cross_entropy)",
                                        f"{r.torch_hinge:.6g} (F.multi_margin_loss × 3)"],
                   tr("bp.col.reg"): [r.regularisation] * 2, tr("bp.col.total"): [r.total_softmax, r.total_hinge]}
        st.dataframe(compare, hide_index=True, width="stretch")
        st.caption(tr("bp.losses.caption", prob=r.probs[index], ce=r.cross_entropy, hinge=r.hinge))


def logistic_tab() -> None:
    curves = convexity_curves()
    w = st.slider(tr("bp.log.w"), *logistic.W_RANGE, step=0.1, key="bp_log_w")
    chart(fig.convexity_figure(curves, w, lang()), "bp_convexity", width="stretch")
    for column, (loss, c) in zip(st.columns(2), curves.items()):
        here = logistic.curve(loss, torch.tensor([w]))
        column.markdown(tr(f"bp.log.verdict.{'convex' if c.convex else 'not_convex'}", loss=tr(f"bp.log.{loss}"),
                           low=min(c.curvature)))
        column.latex(rf"J({w:g}) = {here.j[0]:.4f},\quad J' = {here.slope[0]:.4f},\quad J'' = {here.curvature[0]:.4f}")
    st.caption(tr("bp.log.caption", points=len(logistic.DATA_X)))


def graph_tab() -> None:
    mode = st.radio(tr("bp.mode"), ("network", "expression"), format_func=option_labels("bp.mode."),
                    key="bp_mode", horizontal=True)
    if mode == "network":
        st.caption(tr("bp.network.caption"))
        st.code(f"E = {NETWORK}", language="python", wrap_lines=True)
    else:
        st.text_input(tr("bp.expr"), key="bp_expr", help=tr("bp.expr.help"))
    values_key = "bp_net_values" if mode == "network" else "bp_expr_values"
    st.text_input(tr("bp.values"), key=values_key, help=tr("bp.values.help"))
    lr = st.slider(tr("bp.lr"), 0.0, 5.0, step=0.05, key="bp_lr")
    expression = NETWORK if mode == "network" else st.session_state["bp_expr"]
    with user_errors():
        update = graph_update(expression, st.session_state[values_key], lr)
    before = update.before
    steps = len(before.steps)
    st.session_state["bp_step"] = min(st.session_state["bp_step"], steps)
    done = st.slider(tr("bp.step"), 0, max(steps, 1), key="bp_step", help=tr("bp.step.help"),
                     disabled=steps == 0)
    st.graphviz_chart(fig.graph_dot(before, done), width="stretch")
    if done < steps:
        st.markdown(tr("bp.step.now", step=done + 1, steps=steps, node=before.graph.label(before.steps[done].node)))
        for line in fig.step_formulas(before, done):
            st.latex(line)
    else:
        st.success(tr("bp.step.done"))
    variables = [(i, n.name) for i, n in enumerate(before.graph.nodes) if n.op == "var"]
    table = {tr("bp.col.variable"): [name for _, name in variables],
             tr("bp.col.value"): [update.env_before[name] for _, name in variables],
             tr("bp.col.grad"): [before.grads[i] for i, _ in variables],
             tr("bp.col.after"): [update.env_after[name] for _, name in variables]}
    st.dataframe(table, hide_index=True, width="stretch")
    download_csv(table, "gradients.csv", "bp_graph_csv")
    left, right = st.columns(2)
    left.metric(tr("bp.out.before"), fig.number(before.output))
    right.metric(tr("bp.out.after"), fig.number(update.after.output),
                 delta=float(f"{update.after.output - before.output:.4g}"), delta_color="inverse")


def gradcheck_tab() -> None:
    eps_text = st.select_slider(tr("bp.eps"), EPS_OPTIONS, key="bp_eps", help=tr("bp.eps.help"))
    bug = st.toggle(tr("bp.bug"), key="bp_bug", help=tr("bp.bug.help"))
    checks = gradient_checks(float(eps_text), bug)
    table = {tr("bp.col.param"): [c.name for c in checks["float64"]],
             tr("bp.col.shape"): [" × ".join(map(str, c.shape)) for c in checks["float64"]]}
    for dtype, rows in checks.items():
        table[tr("bp.col.error", dtype=dtype)] = [f"{c.error:.2e}" for c in rows]
        table[tr("bp.col.verdict", dtype=dtype)] = [tr(f"bp.verdict.{c.verdict}") for c in rows]
    st.dataframe(table, hide_index=True, width="stretch")
    download_csv(table, "gradient_check.csv", "bp_check_csv")
    worst = max(c.error for c in checks["float64"])
    (st.error if worst > gradcheck.SUSPICIOUS else st.success)(tr("bp.check.summary", worst=worst))
    chart(fig.error_curve_figure(gradcheck.EPSILONS, error_curves(bug), float(eps_text), lang()), "bp_error_curve",
          width="stretch")
    st.caption(tr("bp.check.caption"))


def classifier_tab() -> None:
    with st.expander(tr("bp.cls.weights"), expanded=True):
        columns = st.columns(3)
        for i in range(3):
            with columns[i]:
                st.markdown(f"**{tr(f'bp.class.{losses.CLASSES[i]}')}**")
                for j in range(2):
                    st.slider(f"W[{i},{j}]", -5.0, 5.0, step=0.1, key=f"bp_cw{i}{j}")
                st.slider(f"b[{i}]", -5.0, 5.0, step=0.1, key=f"bp_cb{i}")
    left, middle, reg, right = st.columns(4)
    kind = left.radio(tr("bp.cls.loss"), classifier.LOSS_KINDS, format_func=option_labels("bp.loss."),
                      key="bp_cls_loss", horizontal=True)
    lr = middle.slider(tr("bp.lr"), 0.01, 2.0, step=0.01, key="bp_cls_lr")
    lam = reg.slider(tr("bp.lambda"), 0.0, 0.1, step=0.001, format="%.3f", key="bp_cls_lambda")
    step = right.slider(tr("bp.cls.step"), 0, classifier.MAX_STEPS, key="bp_cls_step")
    w = tuple(st.session_state[f"bp_cw{i}{j}"] for i, j in WEIGHTS)
    b = tuple(st.session_state[f"bp_cb{i}"] for i in range(3))
    run = descent(w, b, kind, lr, lam)
    plot, curve = st.columns(2, gap="medium")
    chart(fig.classifier_figure(run.w[step], run.b[step], lang()), "bp_regions", plot, width="stretch")
    chart(fig.descent_figure(run, step, lang()), "bp_descent", curve, width="stretch")
    a, h, s = st.columns(3)
    a.metric(tr("bp.cls.accuracy"), f"{run.accuracy[step]:.0%}")
    h.metric(tr("bp.loss.hinge"), f"{run.hinge[step]:.3f}")
    s.metric(tr("bp.loss.softmax"), f"{run.softmax[step]:.3f}")


def main() -> None:
    url_state(PARAMS)
    page_title("page.backprop")
    st.markdown(tr("bp.intro"))
    share_link()
    tabs = st.tabs([tr(f"bp.tab.{t}") for t in TABS], key="bp_tab", on_change="rerun")
    for tab, draw in zip(tabs, (losses_tab, logistic_tab, graph_tab, gradcheck_tab, classifier_tab)):
        if tab.open:
            with tab:
                draw()
    theory([
        r"s = f(x; W, b) = Wx + b",
        r"L_i^{\text{hinge}} = \sum_{j \ne y_i} \max(0,\ s_j - s_{y_i} + \Delta)",
        r"L_i^{\text{softmax}} = -\log \frac{e^{s_{y_i}}}{\sum_j e^{s_j}}, \qquad "
        r"L = \frac{1}{N}\sum_i L_i + \lambda \lVert W \rVert^2",
        r"J(w) = -\frac{1}{m}\sum_i \big[y_i \log \sigma(w x_i) + (1-y_i)\log(1-\sigma(w x_i))\big]",
        r"\frac{\partial f}{\partial x} = \frac{\partial q}{\partial x}\cdot\frac{\partial f}{\partial q}"
        r"\quad(\text{local} \times \text{upstream})",
        r"\frac{\partial J}{\partial \theta} \approx \frac{J(\theta+\varepsilon) - J(\theta-\varepsilon)}{2\varepsilon},"
        r"\qquad \text{rel} = \frac{\lVert a - n \rVert}{\lVert a \rVert + \lVert n \rVert}",
    ], "bp.theory")


main()
