"""Activations: the functions, gradients through depth, and a live training playground.

Widgets only; figures are built in ``core.activations.figures`` and the playground's play/pause rules
live in ``core.activations.live``. Figures that depend on settings alone are built once per server.
"""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from core.activations import depth as dp
from core.activations import figures
from core.activations import functions as fx
from core.activations import live
from core.activations.datasets import DATASETS, Split, make_dataset, split
from core.activations.playground import MAX_LAYERS, MAX_NEURONS, OPTIMIZERS, NetConfig, Playground
from core.activations.presets import L2_CHOICES, LR_CHOICES, OVERFIT, STD_CHOICES, WIDTH_CHOICES, depth_preset
from core.activations.theory import THEORY
from core.url_state import Param
from pages.ui import (chart, download_csv, lang, option_labels, page_title, share_link, theory, tr, url_state,
                      user_errors)

FRAME_SECONDS = 0.1  # playground refresh while playing
TABS = ("functions", "depth", "playground")


def _activation_params(prefix: str, ids: list[str]) -> list[Param]:
    return [Param(f"{prefix}_{a}_{p.name}", f"{prefix[4:]}_{a}_{p.name}", float(p.default), low=p.low, high=p.high)
            for a in ids for p in fx.get(a).params]


PARAMS = [
    Param("act_tab", "tab", "functions", options=TABS),
    Param("act_fn_select", "fn", ("sigmoid", "tanh", "relu", "gelu"), options=list(fx.ACTIVATIONS)),
    Param("act_fn_range", "fn_range", (-5.0, 5.0), low=-20.0, high=20.0), Param("act_fn_derivative", "fn_df", True),
    *_activation_params("act_fn", list(fx.ACTIVATIONS)),
    Param("act_depth_depth", "depth", 10, low=1, high=dp.MAX_DEPTH),
    Param("act_depth_width", "depth_width", 128, options=WIDTH_CHOICES),
    Param("act_depth_act", "depth_act", "tanh", options=fx.TRAINABLE),
    Param("act_depth_init", "depth_init", "xavier", options=dp.INITS),
    Param("act_depth_std", "depth_std", 0.05, options=STD_CHOICES), Param("act_depth_bn", "depth_bn", False),
    *_activation_params("act_depth", fx.TRAINABLE),
    Param("act_pg_dataset", "pg_data", "circles", options=DATASETS),
    Param("act_pg_points", "pg_points", 300, low=20, high=600), Param("act_pg_noise", "pg_noise", 0.1, low=0, high=0.5),
    Param("act_pg_train", "pg_train", 50, low=10, high=90),
    Param("act_pg_layers", "pg_layers", 2, low=1, high=MAX_LAYERS),
    Param("act_pg_neurons", "pg_neurons", 8, low=1, high=MAX_NEURONS),
    Param("act_pg_act", "pg_act", "relu", options=fx.TRAINABLE), *_activation_params("act_pg", fx.TRAINABLE),
    Param("act_pg_dropout", "pg_dropout", 0.0, low=0.0, high=0.8), Param("act_pg_bn", "pg_bn", False),
    Param("act_pg_opt", "pg_opt", "adam", options=OPTIMIZERS), Param("act_pg_lr", "pg_lr", 0.03, options=LR_CHOICES),
    Param("act_pg_l2", "pg_l2", 0.0, options=L2_CHOICES), Param("act_pg_speed", "pg_speed", 10, low=1, high=50),
]


def param_sliders(activation_ids: list[str], key: str) -> dict[str, dict[str, float]]:
    """A slider per parameter of the chosen activations; {activation id: {param: value}}."""
    return {a: {p.name: st.slider(tr(f"act.param.{p.name}"), p.low, p.high, key=f"{key}_{a}_{p.name}")
                for p in fx.get(a).params} for a in activation_ids}


def _label(act_id: str) -> str:
    return fx.ACTIVATIONS[act_id].label


@dataclass(frozen=True)
class ExplorerParams:
    ids: tuple[str, ...]
    params: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]  # hashable {id: {param: value}}
    derivative: bool
    x_range: tuple[float, float]


def explorer_controls() -> ExplorerParams:
    left, right = st.columns([2, 1])
    ids = left.multiselect(tr("act.fn.select"), list(fx.ACTIVATIONS), format_func=_label, key="act_fn_select")
    x_range = left.slider(tr("act.fn.range"), -20.0, 20.0, step=0.5, key="act_fn_range")
    derivative = right.toggle(tr("act.fn.derivative"), key="act_fn_derivative")
    with right:
        params = param_sliders([a for a in ids if fx.get(a).params], "act_fn")
    frozen = tuple((a, tuple(sorted(values.items()))) for a, values in params.items())
    return ExplorerParams(tuple(ids), frozen, derivative, tuple(x_range))


@st.cache_resource(max_entries=64, show_spinner=False)
def explorer_figure(p: ExplorerParams, code: str) -> go.Figure:
    return figures.explorer(list(p.ids), {a: dict(v) for a, v in p.params}, p.derivative, p.x_range, code)


def explorer_section() -> None:
    p = explorer_controls()
    if not p.ids:
        st.info(tr("act.fn.empty"))
        return
    with user_errors():
        chart(explorer_figure(p, lang()), "act_fn_chart", width="stretch")
    st.subheader(tr("act.fn.notes"))
    notes = figures.notes_table(list(p.ids), lang())
    st.table(notes, hide_index=True)
    download_csv(notes, "activations.csv", "act_fn_csv")


def apply_preset(name: str) -> None:
    st.session_state.update(depth_preset(name, st.session_state["act_depth_depth"]))


def depth_controls() -> dp.DepthConfig:
    st.caption(tr("act.depth.presets"))
    for column, name in zip(st.columns(4), ("vanishing", "exploding", "he", "xavier")):
        column.button(tr(f"act.preset.{name}"), key=f"act_depth_preset_{name}", on_click=apply_preset, args=(name,),
                      width="stretch")
    a, b, c = st.columns(3)
    depth = a.slider(tr("act.depth.depth"), 1, dp.MAX_DEPTH, key="act_depth_depth")
    width = a.select_slider(tr("act.depth.width"), WIDTH_CHOICES, key="act_depth_width")
    activation = b.selectbox(tr("act.depth.activation"), fx.TRAINABLE, format_func=_label, key="act_depth_act")
    with b:
        params = param_sliders([activation], "act_depth")[activation]
    init = c.radio(tr("act.depth.init"), dp.INITS, format_func=option_labels("act.init."), key="act_depth_init")
    std = c.select_slider(tr("act.depth.std"), STD_CHOICES, key="act_depth_std", disabled=init != "custom")
    batchnorm = c.checkbox(tr("act.depth.batchnorm"), key="act_depth_bn")
    return dp.DepthConfig(depth=depth, width=width, activation=activation, params=tuple(sorted(params.items())),
                          init=init, std=std, batchnorm=batchnorm, batch=128)


@st.cache_data(max_entries=64, show_spinner=False)
def depth_result(config: dp.DepthConfig) -> dp.DepthResult:
    return dp.run_depth(config)


@st.cache_resource(max_entries=64, show_spinner=False)
def depth_figures(config: dp.DepthConfig, code: str) -> tuple[go.Figure, go.Figure]:
    return figures.depth(depth_result(config), code)


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
    dist, norms = depth_figures(config, lang())
    left, right = st.columns(2)
    chart(dist, "act_depth_dist", left, width="stretch")
    chart(norms, "act_depth_norms", right, width="stretch")


@dataclass(frozen=True)
class PlaygroundParams:
    data: tuple[str, int, float, int]  # dataset, points, noise, train share in percent
    net: NetConfig
    lr: float
    l2: float
    steps: int  # per frame


def playground_controls() -> PlaygroundParams:
    data, net, train = st.columns(3)
    data.markdown(f"**{tr('act.pg.data')}**")
    dataset = data.selectbox(tr("act.pg.dataset"), DATASETS, format_func=option_labels("act.ds."), key="act_pg_dataset")
    points = data.slider(tr("act.pg.points"), 20, 600, step=10, key="act_pg_points")
    noise = data.slider(tr("act.pg.noise"), 0.0, 0.5, step=0.05, key="act_pg_noise")
    train_share = data.slider(tr("act.pg.train"), 10, 90, step=5, key="act_pg_train")
    with net:
        st.markdown(f"**{tr('act.pg.network')}**")
        layers = st.slider(tr("act.pg.layers"), 1, MAX_LAYERS, key="act_pg_layers")
        neurons = st.slider(tr("act.pg.neurons"), 1, MAX_NEURONS, key="act_pg_neurons")
        activation = st.selectbox(tr("act.pg.activation"), fx.TRAINABLE, format_func=_label, key="act_pg_act")
        params = param_sliders([activation], "act_pg")[activation]
        dropout = st.slider(tr("act.pg.dropout"), 0.0, 0.8, step=0.1, key="act_pg_dropout")
        batchnorm = st.checkbox(tr("act.pg.batchnorm"), key="act_pg_bn")
    train.markdown(f"**{tr('act.pg.training')}**")
    optimizer = train.selectbox(tr("act.pg.optimizer"), OPTIMIZERS, format_func=option_labels("act.opt."),
                                key="act_pg_opt")
    lr = train.select_slider(tr("act.pg.lr"), LR_CHOICES, key="act_pg_lr")
    l2 = train.select_slider(tr("act.pg.l2"), L2_CHOICES, key="act_pg_l2")
    steps = train.slider(tr("act.pg.speed"), 1, 50, key="act_pg_speed")
    train.button(tr("act.pg.preset_overfit"), key="act_pg_overfit", on_click=st.session_state.update, args=(OVERFIT,))
    net_config = NetConfig(layers=layers, neurons=neurons, activation=activation, params=tuple(sorted(params.items())),
                           dropout=dropout, batchnorm=batchnorm, optimizer=optimizer, seed=live.seed(st.session_state))
    return PlaygroundParams((dataset, points, noise, train_share), net_config, lr, l2, steps)


@st.cache_data(max_entries=32, show_spinner=False)
def playground_data(dataset: str, points: int, noise: float, train_share: int) -> Split:
    return split(*make_dataset(dataset, points, noise), train_share / 100)


def current_playground(p: PlaygroundParams) -> Playground:
    """The session's playground; a new one when the data or the network changed, else the running one."""
    with user_errors():
        return live.current(st.session_state, (p.data, p.net),
                            lambda: Playground(playground_data(*p.data), p.net, p.lr, p.l2), p.lr, p.l2)


def live_playground(p: PlaygroundParams) -> None:
    """The part that reruns on its own while playing: buttons, a few training steps, the charts."""
    state = st.session_state
    if live.needs_full_rerun(state):
        st.rerun()
    pg = current_playground(p)
    play, step, reset, _ = st.columns([1, 1, 1, 3])
    if live.playing(state):
        play.button(tr("act.pg.pause"), key="act_pg_pause", type="primary", width="stretch",
                    on_click=live.set_playing, args=(state, False))
    else:
        play.button(tr("act.pg.play"), key="act_pg_play", type="primary", width="stretch",
                    on_click=live.set_playing, args=(state, True))
    reset.button(tr("act.pg.reset"), key="act_pg_reset", width="stretch", on_click=live.reset, args=(state,))
    if live.frame(state, p.steps, step.button(tr("act.pg.step"), key="act_pg_step", width="stretch")):
        st.info(tr("act.pg.stopped", steps=pg.steps))
    h = pg.history
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(tr("act.pg.steps"), pg.steps)
    m2.metric(tr("act.pg.train_loss"), f"{h.train_loss[-1]:.3f}")
    m3.metric(tr("act.pg.test_loss"), f"{h.test_loss[-1]:.3f}")
    m4.metric(tr("act.pg.test_acc"), f"{100 * h.test_acc[-1]:.1f}%")
    boundary, losses = live.drawn(state, lang(), figures.playground)
    left, right = st.columns(2)
    chart(boundary, "act_pg_boundary", left, width="stretch")
    chart(losses, "act_pg_losses", right, width="stretch")


def playground_section() -> None:
    st.markdown(tr("act.pg.intro"))
    params = playground_controls()
    current_playground(params)
    timer = live.arm_timer(st.session_state)  # what the fragment below is built with
    st.fragment(live_playground, run_every=FRAME_SECONDS if timer else None)(params)


def main() -> None:
    url_state(PARAMS)
    page_title("page.activations")
    st.caption(tr("act.intro"))
    share_link()
    labels = [tr(f"act.tab.{t}") for t in TABS]  # a link may open another tab first
    tabs = st.tabs(labels, default=labels[TABS.index(st.session_state["act_tab"])])
    for tab, section in zip(tabs, (explorer_section, depth_section, playground_section)):
        with tab:
            section()
    theory(THEORY, "act.theory")


main()
