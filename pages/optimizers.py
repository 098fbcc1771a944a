"""Optimizers race: real torch.optim optimizers racing on 2-D loss surfaces.

Widgets only; the race, its figures and tables live in ``core.optimizers``. A race and its figures
depend on the settings and the language alone, so the server builds them once per setting for every
session (``st.cache_resource``); moving a view-only slider (ε, inspected racer, EWA β) rebuilds nothing.
(Those parts are not fragments: the "copy link" box at the top must see every change.)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.optimizers.choices import (CHOICES, DECAYS, EPS_TARGETS, LR_OPTIONS, default_hyperparameters,
                                     default_lrs)
from core.optimizers.ewa import noisy_series
from core.optimizers.figures import Backdrop, racer_label, surface_backdrop
from core.optimizers.figures_inside import ewa_figure, state_figure
from core.optimizers.inside import inside
from core.optimizers.race import MAX_STEPS, RaceSettings
from core.optimizers.racers import HYPERPARAMETERS, KINDS, SCHEDULES, RacerSpec, Schedule
from core.optimizers.surfaces import DEFAULT_CONDITION, SURFACE_IDS, Surface, get_surface
from core.optimizers.view import RaceView, paths_table, race_view, scoreboard_table
from core.url_state import Param
from pages.ui import (chart, download_csv, lang, option_labels, page_title, share_link, theory, tr, url_state,
                      user_errors)

DEFAULT_RACERS = ("sgd", "momentum", "rmsprop", "adam")
CONTOUR_KEY = "opt_contour"


def _racer_params() -> list[Param]:
    """Per surface: each racer's learning rate and start point; per racer: its other hyperparameters."""
    params = []
    for surface_id in SURFACE_IDS:
        surface = get_surface(surface_id)
        for axis, (low, high), start in zip("xy", (surface.x_range, surface.y_range), surface.start):
            params.append(Param(f"opt_start_{axis}_{surface_id}", f"{axis}_{surface_id}", float(start), low=low,
                                high=high))
    params += [Param(f"opt_lr_{s}_{kind}", f"lr_{kind}_{s}", lr, options=LR_OPTIONS)
               for (s, kind), lr in default_lrs().items()]
    params += [Param(f"opt_{name}_{kind}", f"{kind}_{name}", value, options=CHOICES.get(name), low=0.0,
                     high=None if name in CHOICES else 0.99)
               for (kind, name), value in default_hyperparameters().items()]
    return params


PARAMS = [
    Param("opt_surface", "surface", "quadratic", options=SURFACE_IDS),
    Param("opt_condition", "kappa", int(DEFAULT_CONDITION), low=1, high=200),
    Param("opt_racers", "racers", DEFAULT_RACERS, options=KINDS),
    Param("opt_steps", "steps", 200, low=10, high=MAX_STEPS // 2),
    Param("opt_noise", "noise", 0.0, low=0.0, high=2.0),
    Param("opt_seed", "seed", 0, low=0, high=9999),
    Param("opt_schedule", "schedule", "constant", options=SCHEDULES),
    Param("opt_step_size", "step_size", 100, low=5, high=500),
    Param("opt_step_gamma", "step_gamma", 0.5, low=0.05, high=0.95),
    Param("opt_exp_gamma", "exp_gamma", 0.99, low=0.9, high=0.999),
    Param("opt_decay", "decay", 0.05, options=DECAYS),
    Param("opt_warmup", "warmup", 20, low=2, high=200),
    Param("opt_eps_target", "eps", 1e-3, options=EPS_TARGETS),
    Param("opt_inside", "inspect", 3, low=0, high=11),
    Param("opt_ewa_beta", "beta", 0.9, low=0.5, high=0.99),
    *_racer_params(),
]


@dataclass(frozen=True)
class Params:
    surface_id: str
    condition: float
    settings: RaceSettings


def racer_controls(kind: str, surface: Surface) -> RacerSpec:
    """Learning rate and the hyperparameters this optimizer has."""
    values: dict[str, Any] = {}
    with st.expander(tr("opt.racer_settings", name=tr(f"opt.kind.{kind}"))):
        values["lr"] = st.select_slider(tr("opt.hyper.lr"), LR_OPTIONS, key=f"opt_lr_{surface.id}_{kind}")
        for name in HYPERPARAMETERS[kind]:
            label, key = tr(f"opt.hyper.{name}"), f"opt_{name}_{kind}"
            if name in CHOICES:
                values[name] = st.select_slider(label, CHOICES[name], key=key, format_func=lambda v: f"{v:g}")
            else:  # momentum μ and β1
                values[name] = st.slider(label, 0.0, 0.99, step=0.01, key=key)
    return RacerSpec(kind=kind, **values)


def schedule_controls() -> Schedule:
    kind = st.selectbox(tr("opt.schedule"), SCHEDULES, format_func=option_labels("opt.schedule."),
                        key="opt_schedule")
    if kind == "step":
        return Schedule(kind, step_size=st.slider(tr("opt.step_size"), 5, 500, step=5, key="opt_step_size"),
                        step_gamma=st.slider(tr("opt.step_gamma"), 0.05, 0.95, step=0.05, key="opt_step_gamma"))
    if kind == "exponential":
        return Schedule(kind, exp_gamma=st.slider(tr("opt.exp_gamma"), 0.9, 0.999, step=0.001, format="%.3f",
                                                  key="opt_exp_gamma"))
    if kind == "inverse":
        return Schedule(kind, decay=st.select_slider(tr("opt.decay"), DECAYS, key="opt_decay"))
    if kind == "warmup":
        return Schedule(kind, warmup=st.slider(tr("opt.warmup"), 2, 200, key="opt_warmup"))
    return Schedule()


def _apply_click(surface: Surface) -> None:
    """A click on the contour (a point of its click grid) moves the start; applied once per click."""
    points = (st.session_state.get(CONTOUR_KEY) or {}).get("selection", {}).get("points", [])
    if not points:
        return
    x, y = float(points[-1]["x"]), float(points[-1]["y"])
    if st.session_state.get("opt_click_applied") == (surface.id, x, y) or not surface.in_window(x, y):
        return
    st.session_state["opt_click_applied"] = (surface.id, x, y)
    st.session_state[f"opt_start_x_{surface.id}"] = round(x, 2)
    st.session_state[f"opt_start_y_{surface.id}"] = round(y, 2)
    st.toast(tr("opt.click_applied", x=x, y=y))


def controls() -> Params:
    surface_id = st.selectbox(tr("opt.surface"), SURFACE_IDS, format_func=option_labels("opt.surface."),
                              key="opt_surface")
    condition = DEFAULT_CONDITION
    if surface_id == "quadratic":
        condition = float(st.slider(tr("opt.condition"), 1, 200, key="opt_condition"))
    with user_errors():
        surface = get_surface(surface_id, condition)
    st.caption(tr(f"opt.note.{surface_id}"))
    kinds = st.multiselect(tr("opt.racers"), KINDS, format_func=option_labels("opt.kind."), key="opt_racers")
    racers = tuple(racer_controls(kind, surface) for kind in kinds)
    with st.expander(tr("opt.race_settings"), expanded=True):
        _apply_click(surface)
        (x0, x1), (y0, y1) = surface.x_range, surface.y_range
        start_x = st.slider(tr("opt.start_x"), float(x0), float(x1), step=0.01, key=f"opt_start_x_{surface_id}")
        start_y = st.slider(tr("opt.start_y"), float(y0), float(y1), step=0.01, key=f"opt_start_y_{surface_id}")
        steps = st.slider(tr("opt.steps"), 10, MAX_STEPS // 2, step=10, key="opt_steps")
        noise = st.slider(tr("opt.noise"), 0.0, 2.0, step=0.05, key="opt_noise")
        seed = int(st.number_input(tr("opt.seed"), 0, 9999, key="opt_seed"))
        schedule = schedule_controls()
    return Params(surface_id, condition, RaceSettings(racers, (start_x, start_y), steps, noise, seed, schedule))


# ---------------------------------------------------------------- built once per server, for every session


@st.cache_resource(max_entries=16, show_spinner=False)
def _backdrop(surface_id: str, condition: float) -> Backdrop:
    return surface_backdrop(get_surface(surface_id, condition))


@st.cache_resource(max_entries=64, show_spinner=False)
def race(surface_id: str, condition: float, settings: RaceSettings, code: str) -> RaceView:
    """The race and its figures for these settings in language ``code``; shared, never mutated."""
    return race_view(get_surface(surface_id, condition), _backdrop(surface_id, condition), settings, code)


@st.cache_data(max_entries=64, show_spinner=False)
def paths_csv_table(surface_id: str, condition: float, settings: RaceSettings, code: str) -> pd.DataFrame:
    return pd.DataFrame(paths_table(race(surface_id, condition, settings, code).result, code))


@st.cache_resource(max_entries=64, show_spinner=False)
def inside_figure(surface_id: str, condition: float, settings: RaceSettings, racer: int, code: str) -> go.Figure:
    return state_figure(inside(race(surface_id, condition, settings, code).result, racer), code)


@st.cache_resource(max_entries=64, show_spinner=False)
def ewa_chart(beta: float, code: str) -> go.Figure:
    return ewa_figure(noisy_series(), beta, code)


# ---------------------------------------------------------------- views


def show_race(p: Params, view: RaceView) -> None:
    contour_tab, surface_tab, loss_tab = st.tabs([tr("opt.tab.contour"), tr("opt.tab.surface"), tr("opt.tab.loss")])
    chart(view.contour, CONTOUR_KEY, contour_tab, width="stretch", on_select="rerun", selection_mode="points")
    chart(view.surface, "opt_surface_chart", surface_tab, width="stretch")
    chart(view.loss, "opt_loss_chart", loss_tab, width="stretch")
    st.caption(tr("opt.timing", race_ms=view.race_ms, fig_ms=view.fig_ms))
    download_csv(paths_csv_table(p.surface_id, p.condition, p.settings, lang()), "race_paths.csv", "opt_paths_csv")


def show_scoreboard(p: Params, view: RaceView) -> None:
    st.subheader(tr("opt.scoreboard"))
    eps = st.select_slider(tr("opt.eps_target"), EPS_TARGETS, format_func=lambda v: f"{v:g}", key="opt_eps_target")
    table = scoreboard_table(view.result, get_surface(p.surface_id, p.condition), eps, lang())
    st.dataframe(table, hide_index=True, width="stretch")
    download_csv(table, "race_scoreboard.csv", "opt_scoreboard_csv")


def show_inside(p: Params, view: RaceView) -> None:
    st.subheader(tr("opt.inside"))
    code, racers = lang(), len(view.result.racers)
    st.session_state["opt_inside"] = min(st.session_state["opt_inside"], racers - 1)  # fewer racers than before
    racer = st.selectbox(tr("opt.inside.racer"), range(racers), key="opt_inside",
                         format_func=lambda i: racer_label(view.result, i, code))
    st.caption(tr("opt.inside.caption"))
    chart(inside_figure(p.surface_id, p.condition, p.settings, racer, code), "opt_state_chart", width="stretch")


def show_ewa() -> None:
    st.subheader(tr("opt.ewa"))
    st.markdown(tr("opt.ewa.intro"))
    beta = st.slider(tr("opt.ewa.beta"), 0.5, 0.99, step=0.01, key="opt_ewa_beta")
    st.caption(tr("opt.ewa.window", beta=beta, days=1 / (1 - beta)))
    chart(ewa_chart(beta, lang()), "opt_ewa_chart", width="stretch")


THEORY = [
    r"\text{SGD:}\quad \theta \leftarrow \theta - \eta\, g, \qquad g = \nabla f(\theta)",
    r"\text{Momentum:}\quad v \leftarrow \mu v - \eta\, g, \qquad \theta \leftarrow \theta + v",
    r"\text{RMSprop:}\quad s \leftarrow \alpha s + (1-\alpha)\, g^2, \qquad "
    r"\theta \leftarrow \theta - \frac{\eta}{\sqrt{s} + \epsilon}\, g",
    r"\text{Adam:}\quad m \leftarrow \beta_1 m + (1-\beta_1)\, g, \quad v \leftarrow \beta_2 v + (1-\beta_2)\, g^2, "
    r"\quad \hat m = \frac{m}{1-\beta_1^t}, \quad \hat v = \frac{v}{1-\beta_2^t}, \quad "
    r"\theta \leftarrow \theta - \frac{\eta\, \hat m}{\sqrt{\hat v} + \epsilon}",
    r"\eta_t = \frac{\eta_0}{1 + \text{decay} \cdot t}, \qquad \text{SGD diverges when } \eta > \frac{2}{\lambda_{\max}}",
]


def main() -> None:
    url_state(PARAMS)
    page_title("page.optimizers")
    st.markdown(tr("opt.intro"))
    share_link()
    left, right = st.columns([1, 2.4], gap="medium")
    with left:
        p = controls()
    with right:
        with user_errors():
            view = race(p.surface_id, p.condition, p.settings, lang())
        show_race(p, view)
        show_scoreboard(p, view)
    show_inside(p, view)
    show_ewa()
    theory(THEORY, "opt.theory")


main()
