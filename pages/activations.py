"""Activations: the functions, gradients through depth, and a live training playground."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch
from plotly.subplots import make_subplots

from core.activations import depth as dp
from core.activations import functions as fx
from core.activations.datasets import DATASETS, Split, make_dataset, split
from core.activations.playground import MAX_LAYERS, MAX_NEURONS, MAX_STEPS, OPTIMIZERS, NetConfig, Playground
from pages.ui import option_labels, page_title, theory, tr, user_errors

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39"]
CLASS_COLOURS = ("#e8730c", "#1565c0")  # class 0, class 1 (the boundary's colour scale matches)
FRAME_SECONDS = 0.1  # playground refresh while playing
GRID = 100  # decision boundary resolution
LR_CHOICES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
L2_CHOICES = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
STD_CHOICES = [0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0]
WIDTH_CHOICES = [16, 32, 64, 128, 256, 512]


def param_sliders(activation_ids: list[str], key: str) -> dict[str, dict[str, float]]:
    """A slider per parameter of the chosen activations; {activation id: {param: value}}."""
    values: dict[str, dict[str, float]] = {}
    for act_id in activation_ids:
        values[act_id] = {
            p.name: st.slider(tr(f"act.param.{p.name}"), p.low, p.high, p.default, key=f"{key}_{act_id}_{p.name}")
            for p in fx.get(act_id).params
        }
    return values


# ---------------------------------------------------------------- 1. function explorer


@dataclass(frozen=True)
class ExplorerParams:
    ids: list[str]
    params: dict[str, dict[str, float]]
    derivative: bool
    x_range: tuple[float, float]


def explorer_controls() -> ExplorerParams:
    left, right = st.columns([2, 1])
    ids = left.multiselect(tr("act.fn.select"), list(fx.ACTIVATIONS), default=["sigmoid", "tanh", "relu", "gelu"],
                           format_func=lambda a: fx.ACTIVATIONS[a].label, key="act_fn_select")
    x_range = left.slider(tr("act.fn.range"), -20.0, 20.0, (-5.0, 5.0), step=0.5, key="act_fn_range")
    derivative = right.toggle(tr("act.fn.derivative"), value=True, key="act_fn_derivative")
    with right:
        params = param_sliders([a for a in ids if fx.get(a).params], "act_fn")
    return ExplorerParams(ids, params, derivative, x_range)


def explorer_figure(p: ExplorerParams) -> go.Figure:
    low, high = p.x_range
    x = torch.linspace(low, high if high > low else low + 1, 801)  # (N,)
    columns = 2 if p.derivative else 1
    fig = make_subplots(rows=1, cols=columns, subplot_titles=[tr("act.fn.f"), tr("act.fn.df")][:columns])
    for i, act_id in enumerate(p.ids):
        y, dy = fx.curve(act_id, x, p.params.get(act_id))
        colour = COLOURS[list(fx.ACTIVATIONS).index(act_id) % len(COLOURS)]
        label = fx.get(act_id).label
        fig.add_scatter(x=x.numpy(), y=y.numpy(), name=label, legendgroup=act_id, line={"color": colour},
                        row=1, col=1)
        if p.derivative:
            fig.add_scatter(x=x.numpy(), y=dy.numpy(), name=f"{label}′", legendgroup=act_id, showlegend=False,
                            line={"color": colour, "dash": "dash"}, row=1, col=2)
    fig.update_layout(height=420, margin={"l": 10, "r": 10, "t": 40, "b": 10}, hovermode="x unified")
    fig.update_xaxes(zeroline=True, zerolinecolor="#999")
    fig.update_yaxes(zeroline=True, zerolinecolor="#999")
    return fig


def notes_table(ids: list[str]) -> dict[str, list[str]]:
    yes_no = {True: tr("act.yes"), False: tr("act.no")}
    rows = [fx.get(a) for a in ids]
    return {
        tr("act.col.function"): [a.label for a in rows],
        tr("act.col.range"): [a.output_range for a in rows],
        tr("act.col.zero"): [yes_no[a.zero_centred] for a in rows],
        tr("act.col.saturation"): [tr(f"act.sat.{a.saturates}") for a in rows],
        tr("act.col.dead"): [tr("act.dead.yes") if a.dead_units else tr("act.no") for a in rows],
        tr("act.col.cost"): [tr(f"act.cost.{a.cost}") for a in rows],
        tr("act.col.note"): [tr(f"act.note.{a.id}") for a in rows],
    }


def explorer_section() -> None:
    p = explorer_controls()
    if not p.ids:
        st.info(tr("act.fn.empty"))
        return
    with user_errors():
        st.plotly_chart(explorer_figure(p), key="act_fn_chart")
    st.subheader(tr("act.fn.notes"))
    st.table(notes_table(p.ids), hide_index=True)


# ---------------------------------------------------------------- 2. gradients through depth

PRESETS = {
    "vanishing": {"act_depth_act": "sigmoid", "act_depth_init": "small", "act_depth_bn": False},
    "exploding": {"act_depth_act": "relu", "act_depth_init": "custom", "act_depth_std": 0.2, "act_depth_bn": False},
    "he": {"act_depth_act": "relu", "act_depth_init": "he", "act_depth_bn": False},
    "xavier": {"act_depth_act": "tanh", "act_depth_init": "xavier", "act_depth_bn": False},
}


def apply_preset(name: str) -> None:
    st.session_state.update(PRESETS[name])
    st.session_state["act_depth_depth"] = max(st.session_state.get("act_depth_depth", 10), 20)


def depth_controls() -> dp.DepthConfig:
    st.caption(tr("act.depth.presets"))
    for column, name in zip(st.columns(len(PRESETS)), PRESETS):
        column.button(tr(f"act.preset.{name}"), key=f"act_depth_preset_{name}", on_click=apply_preset, args=(name,),
                      width="stretch")
    a, b, c = st.columns(3)
    depth = a.slider(tr("act.depth.depth"), 1, dp.MAX_DEPTH, 10, key="act_depth_depth")
    width = a.select_slider(tr("act.depth.width"), WIDTH_CHOICES, value=128, key="act_depth_width")
    activation = b.selectbox(tr("act.depth.activation"), fx.TRAINABLE, index=fx.TRAINABLE.index("tanh"),
                             format_func=lambda a: fx.ACTIVATIONS[a].label, key="act_depth_act")
    with b:
        params = param_sliders([activation], "act_depth")[activation]
    init = c.radio(tr("act.depth.init"), dp.INITS, index=dp.INITS.index("xavier"),
                   format_func=option_labels("act.init."), key="act_depth_init")
    std = c.select_slider(tr("act.depth.std"), STD_CHOICES, value=0.05, key="act_depth_std",
                          disabled=init != "custom")
    batchnorm = c.checkbox(tr("act.depth.batchnorm"), value=False, key="act_depth_bn")
    return dp.DepthConfig(depth=depth, width=width, activation=activation, params=tuple(sorted(params.items())),
                          init=init, std=std, batchnorm=batchnorm, batch=128)


@st.cache_data(max_entries=64, show_spinner=False)
def depth_result(config: dp.DepthConfig) -> dp.DepthResult:
    return dp.run_depth(config)


def depth_figures(result: dp.DepthResult) -> tuple[go.Figure, go.Figure]:
    depth, sample = result.samples.shape
    layers = np.arange(1, depth + 1)
    dist = go.Figure(go.Violin(x=np.repeat(layers, sample), y=result.samples.ravel(), points=False,
                               spanmode="hard", line={"color": COLOURS[0]}, width=0.9, showlegend=False))
    dist.update_layout(title=tr("act.depth.dist"), height=400, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                       xaxis_title=tr("act.depth.layer"), yaxis_title=tr("act.depth.value"))
    tiny = 1e-38  # a norm below float32 range is drawn at the floor of the log axis
    norms = go.Figure()
    for values, key, colour in ((result.grad_norm, "act.trace.grad_w", COLOURS[3]),
                                (result.delta_norm, "act.trace.delta", COLOURS[1]),
                                (result.act_std, "act.trace.std", COLOURS[0])):
        norms.add_scatter(x=layers, y=np.maximum(values, tiny), name=tr(key), mode="lines+markers",
                          line={"color": colour})
    norms.update_layout(title=tr("act.depth.grads"), height=400, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                        xaxis_title=tr("act.depth.layer"), yaxis_title=tr("act.depth.norm"), yaxis_type="log",
                        yaxis_exponentformat="power",
                        legend={"orientation": "h", "y": -0.2})
    return dist, norms


def depth_section() -> None:
    st.markdown(tr("act.depth.intro"))
    config = depth_controls()
    with user_errors():
        result = depth_result(config)
    verdict = dp.verdict(result)
    {"vanishing": st.warning, "exploding": st.warning, "healthy": st.success}[verdict](tr(f"act.verdict.{verdict}"))
    m1, m2, m3 = st.columns(3)
    m1.metric(tr("act.metric.ratio"), f"{dp.DepthResult.ratio(result.delta_norm):.2e}")
    m2.metric(tr("act.metric.grad_first"), f"{result.grad_norm[0]:.2e}")
    m3.metric(tr("act.metric.flat"), f"{100 * result.flat_fraction.mean():.0f}%")
    dist, norms = depth_figures(result)
    left, right = st.columns(2)
    left.plotly_chart(dist, key="act_depth_dist")
    right.plotly_chart(norms, key="act_depth_norms")


# ---------------------------------------------------------------- 3. training playground


@dataclass(frozen=True)
class PlaygroundParams:
    dataset: str
    points: int
    noise: float
    train_share: int  # percent
    net: NetConfig
    lr: float
    l2: float
    steps: int  # per frame


OVERFIT = {"act_pg_dataset": "circles", "act_pg_points": 100, "act_pg_noise": 0.2, "act_pg_train": 30,
           "act_pg_layers": 4, "act_pg_neurons": 64, "act_pg_l2": 0.0, "act_pg_dropout": 0.0, "act_pg_opt": "adam",
           "act_pg_lr": 0.01, "act_pg_bn": False, "act_pg_act": "relu"}


def playground_controls() -> PlaygroundParams:
    data, net, train = st.columns(3)
    with data:
        st.markdown(f"**{tr('act.pg.data')}**")
        dataset = st.selectbox(tr("act.pg.dataset"), DATASETS, format_func=option_labels("act.ds."),
                               key="act_pg_dataset")
        points = st.slider(tr("act.pg.points"), 20, 600, 300, step=10, key="act_pg_points")
        noise = st.slider(tr("act.pg.noise"), 0.0, 0.5, 0.1, step=0.05, key="act_pg_noise")
        train_share = st.slider(tr("act.pg.train"), 10, 90, 50, step=5, key="act_pg_train")
    with net:
        st.markdown(f"**{tr('act.pg.network')}**")
        layers = st.slider(tr("act.pg.layers"), 1, MAX_LAYERS, 2, key="act_pg_layers")
        neurons = st.slider(tr("act.pg.neurons"), 1, MAX_NEURONS, 8, key="act_pg_neurons")
        activation = st.selectbox(tr("act.pg.activation"), fx.TRAINABLE, index=fx.TRAINABLE.index("relu"),
                                  format_func=lambda a: fx.ACTIVATIONS[a].label, key="act_pg_act")
        params = param_sliders([activation], "act_pg")[activation]
        dropout = st.slider(tr("act.pg.dropout"), 0.0, 0.8, 0.0, step=0.1, key="act_pg_dropout")
        batchnorm = st.checkbox(tr("act.pg.batchnorm"), value=False, key="act_pg_bn")
    with train:
        st.markdown(f"**{tr('act.pg.training')}**")
        optimizer = st.selectbox(tr("act.pg.optimizer"), OPTIMIZERS, index=OPTIMIZERS.index("adam"),
                                 format_func=option_labels("act.opt."), key="act_pg_opt")
        lr = st.select_slider(tr("act.pg.lr"), LR_CHOICES, value=0.03, key="act_pg_lr")
        l2 = st.select_slider(tr("act.pg.l2"), L2_CHOICES, value=0.0, key="act_pg_l2")
        steps = st.slider(tr("act.pg.speed"), 1, 50, 10, key="act_pg_speed")
        st.button(tr("act.pg.preset_overfit"), key="act_pg_overfit", on_click=st.session_state.update,
                  args=(OVERFIT,))
    net_config = NetConfig(layers=layers, neurons=neurons, activation=activation,
                           params=tuple(sorted(params.items())), dropout=dropout, batchnorm=batchnorm,
                           optimizer=optimizer, seed=st.session_state.get("act_pg_seed", 0))
    return PlaygroundParams(dataset, points, noise, train_share, net_config, lr, l2, steps)


@st.cache_data(max_entries=32, show_spinner=False)
def playground_data(dataset: str, points: int, noise: float, train_share: int) -> Split:
    return split(*make_dataset(dataset, points, noise), train_share / 100)


def current_playground(p: PlaygroundParams) -> Playground:
    """The session's playground; a new one when the data or the network changed, else the running one."""
    key = (p.dataset, p.points, p.noise, p.train_share, p.net)
    state = st.session_state
    if state.get("act_pg_key") != key:
        with user_errors():
            state["act_pg"] = Playground(playground_data(p.dataset, p.points, p.noise, p.train_share), p.net,
                                         p.lr, p.l2)
        state["act_pg_key"] = key
    playground: Playground = state["act_pg"]
    playground.set_hyper(p.lr, p.l2)
    return playground


def boundary_figure(pg: Playground) -> go.Figure:
    axis, probs = pg.boundary(GRID)
    fig = go.Figure(go.Heatmap(x=axis, y=axis, z=np.round(probs, 3), zmin=0, zmax=1, showscale=False,
                               colorscale=[[0, "#f7b26b"], [0.5, "#f4f4f4"], [1, "#6fa8dc"]], hoverinfo="skip"))
    data = pg.data
    for points, labels, key, outline in ((data.x_train, data.y_train, "act.pg.train_points", "white"),
                                         (data.x_test, data.y_test, "act.pg.test_points", "black")):
        for label in (0, 1):
            chosen = points[labels == label]
            fig.add_scatter(x=chosen[:, 0], y=chosen[:, 1], mode="markers", name=tr(key, label=label),
                            marker={"color": CLASS_COLOURS[label], "size": 7, "line": {"color": outline, "width": 1}})
    extent = data.extent
    fig.update_xaxes(range=[-extent, extent], showgrid=False, zeroline=False)
    fig.update_yaxes(range=[-extent, extent], showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(title=tr("act.pg.boundary"), height=460, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.08})
    return fig


def loss_figure(pg: Playground) -> go.Figure:
    h = pg.history
    fig = go.Figure()
    fig.add_scatter(x=h.step, y=h.train_loss, name=tr("act.pg.train_curve"), line={"color": COLOURS[0]})
    fig.add_scatter(x=h.step, y=h.test_loss, name=tr("act.pg.test_curve"), line={"color": COLOURS[3]})
    fig.update_layout(title=tr("act.pg.losses"), height=460, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis_title=tr("act.pg.steps"), yaxis_title=tr("act.pg.loss"),
                      legend={"orientation": "h", "y": -0.15})
    return fig


def set_playing(value: bool) -> None:
    st.session_state["act_pg_playing"] = value


def reset_playground() -> None:
    """A fresh network with a new random initialisation, paused."""
    state = st.session_state
    state["act_pg_seed"] = state.get("act_pg_seed", 0) + 1
    state["act_pg_playing"] = False
    state.pop("act_pg_key", None)


def live_playground(p: PlaygroundParams) -> None:
    """The part that reruns on its own while playing: buttons, a few training steps, the charts.

    Buttons only set state (idempotent callbacks); when "playing" no longer matches the timer the
    fragment was built with, the whole page reruns to rebuild it, so a late timer tick never trains.
    """
    state = st.session_state
    playing = state.get("act_pg_playing", False)
    if playing != state.get("act_pg_timer", False) or "act_pg_key" not in state:
        st.rerun()
    pg = current_playground(p)
    play, step, reset, _ = st.columns([1, 1, 1, 3])
    if playing:
        play.button(tr("act.pg.pause"), key="act_pg_pause", type="primary", width="stretch",
                    on_click=set_playing, args=(False,))
    else:
        play.button(tr("act.pg.play"), key="act_pg_play", type="primary", width="stretch",
                    on_click=set_playing, args=(True,))
    reset.button(tr("act.pg.reset"), key="act_pg_reset", width="stretch", on_click=reset_playground)
    if step.button(tr("act.pg.step"), key="act_pg_step", width="stretch") or playing:
        pg.train(p.steps)
    if pg.steps >= MAX_STEPS:
        state["act_pg_playing"] = False
        st.info(tr("act.pg.stopped", steps=pg.steps))
    h = pg.history
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(tr("act.pg.steps"), pg.steps)
    m2.metric(tr("act.pg.train_loss"), f"{h.train_loss[-1]:.3f}")
    m3.metric(tr("act.pg.test_loss"), f"{h.test_loss[-1]:.3f}")
    m4.metric(tr("act.pg.test_acc"), f"{100 * h.test_acc[-1]:.1f}%")
    left, right = st.columns(2)
    left.plotly_chart(boundary_figure(pg), key="act_pg_boundary")
    right.plotly_chart(loss_figure(pg), key="act_pg_losses")


def playground_section() -> None:
    st.markdown(tr("act.pg.intro"))
    params = playground_controls()
    current_playground(params)
    playing = st.session_state.get("act_pg_playing", False)
    st.session_state["act_pg_timer"] = playing  # what the fragment below is built with
    st.fragment(live_playground, run_every=FRAME_SECONDS if playing else None)(params)


# ---------------------------------------------------------------- page

THEORY = [
    r"a^{[2]} = W^{[2]}\big(W^{[1]}x + b^{[1]}\big) + b^{[2]} = W'x + b' \quad\text{(no } g\text{: still linear)}",
    r"\sigma(z) = \frac{1}{1+e^{-z}},\quad \sigma'(z) = \sigma(z)\big(1-\sigma(z)\big) \le \tfrac14,"
    r"\quad \tanh'(z) = 1-\tanh^2(z)",
    r"\mathrm{ReLU}(z) = \max(0, z),\quad \mathrm{GELU}(z) = z\,\Phi(z),\quad \mathrm{Swish}(z) = z\,\sigma(\beta z)",
    r"\frac{\partial L}{\partial z^{[l]}} = \Big(W^{[l+1]\top}\frac{\partial L}{\partial z^{[l+1]}}\Big)"
    r"\odot g'\big(z^{[l]}\big)",
    r"\hat y = W^{[L]}W^{[L-1]}\cdots W^{[1]}x,\quad W^{[l]} = 1.5\,I \Rightarrow 1.5^{L},"
    r"\quad W^{[l]} = 0.5\,I \Rightarrow 0.5^{L}",
    r"\mathrm{Var}(w) = \frac{1}{n^{[l-1]}}\ \text{(Xavier, tanh)},\qquad"
    r"\mathrm{Var}(w) = \frac{2}{n^{[l-1]}}\ \text{(He, ReLU)}",
    r"J = \frac{1}{m}\sum_{i=1}^{m}\mathcal{L}\big(\hat y^{(i)}, y^{(i)}\big)"
    r" + \frac{\lambda}{2m}\sum_{l}\big\lVert W^{[l]}\big\rVert_F^2",
]

page_title("page.activations")
st.caption(tr("act.intro"))
tab_functions, tab_depth, tab_playground = st.tabs(
    [tr("act.tab.functions"), tr("act.tab.depth"), tr("act.tab.playground")])
with tab_functions:
    explorer_section()
with tab_depth:
    depth_section()
with tab_playground:
    playground_section()
theory(THEORY, "act.theory")
