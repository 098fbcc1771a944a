"""Optimizers race: real torch.optim optimizers racing on 2-D loss surfaces.

Widgets only; the race, the state derivations and the figures live in ``core.optimizers``.
The last race and its figures are kept in the session, so moving a slider that does not change
the race (scoreboard ε, inspected racer, EWA β) redraws without re-running it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from core.optimizers.ewa import noisy_series
from core.optimizers.figures import Backdrop, contour_race, loss_curves, racer_label, surface_3d, surface_backdrop
from core.optimizers.figures_inside import ewa_figure, state_figure
from core.optimizers.inside import inside
from core.optimizers.race import MAX_STEPS, RaceResult, RaceSettings, run_race, scoreboard
from core.optimizers.racers import HYPERPARAMETERS, KINDS, SCHEDULES, RacerSpec, Schedule, default_spec
from core.optimizers.surfaces import DEFAULT_CONDITION, SURFACE_IDS, Surface, get_surface
from pages.ui import lang, option_labels, page_title, theory, tr, user_errors

DEFAULT_RACERS = ["sgd", "momentum", "rmsprop", "adam"]
LR_OPTIONS = sorted({round(m * 10.0**e, 12) for e in range(-5, 2) for m in (1, 1.5, 2, 3, 5, 7)})
CHOICES: dict[str, list[float]] = {  # select-slider options for hyperparameters
    "beta2": [0.9, 0.95, 0.99, 0.995, 0.999, 0.9999],
    "eps": [1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1e-1, 1.0],
    "alpha": [0.5, 0.9, 0.95, 0.99, 0.999],
    "weight_decay": [0.0, 0.001, 0.01, 0.1, 0.5],
}
EPS_TARGETS = [1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1]
CONTOUR_KEY = "opt_contour"


@dataclass(frozen=True)
class Params:
    surface_id: str
    condition: float
    settings: RaceSettings


def _nearest(options: list[float], value: float) -> float:
    return min(options, key=lambda o: abs(np.log(o) - np.log(value)) if o > 0 and value > 0 else abs(o - value))


def racer_controls(kind: str, surface: Surface) -> RacerSpec:
    """Learning rate and the hyperparameters this optimizer has; the lr default depends on the surface."""
    default = default_spec(kind, surface)
    values: dict[str, Any] = {}
    with st.expander(tr("opt.racer_settings", name=tr(f"opt.kind.{kind}"))):
        values["lr"] = st.select_slider(tr("opt.hyper.lr"), LR_OPTIONS, value=_nearest(LR_OPTIONS, default.lr),
                                        key=f"opt_lr_{surface.id}_{kind}")
        for name in HYPERPARAMETERS[kind]:
            label, key, current = tr(f"opt.hyper.{name}"), f"opt_{name}_{kind}", getattr(default, name)
            if name in CHOICES:
                values[name] = st.select_slider(label, CHOICES[name], value=_nearest(CHOICES[name], current), key=key,
                                                format_func=lambda v: f"{v:g}")
            else:  # momentum μ and β1
                values[name] = st.slider(label, 0.0, 0.99, float(current), 0.01, key=key)
    return RacerSpec(kind=kind, **values)


def schedule_controls() -> Schedule:
    kind = st.selectbox(tr("opt.schedule"), SCHEDULES, format_func=option_labels("opt.schedule."),
                        key="opt_schedule")
    if kind == "step":
        return Schedule(kind, step_size=st.slider(tr("opt.step_size"), 5, 500, 100, 5, key="opt_step_size"),
                        step_gamma=st.slider(tr("opt.step_gamma"), 0.05, 0.95, 0.5, 0.05, key="opt_step_gamma"))
    if kind == "exponential":
        return Schedule(kind, exp_gamma=st.slider(tr("opt.exp_gamma"), 0.9, 0.999, 0.99, 0.001, format="%.3f",
                                                  key="opt_exp_gamma"))
    if kind == "inverse":
        return Schedule(kind, decay=st.select_slider(tr("opt.decay"), [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0],
                                                     value=0.05, key="opt_decay"))
    if kind == "warmup":
        return Schedule(kind, warmup=st.slider(tr("opt.warmup"), 2, 200, 20, key="opt_warmup"))
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
        condition = float(st.slider(tr("opt.condition"), 1, 200, int(DEFAULT_CONDITION), key="opt_condition"))
    with user_errors():
        surface = get_surface(surface_id, condition)
    st.caption(tr(f"opt.note.{surface_id}"))
    kinds = st.multiselect(tr("opt.racers"), KINDS, default=DEFAULT_RACERS, format_func=option_labels("opt.kind."),
                           key="opt_racers")
    racers = tuple(racer_controls(kind, surface) for kind in kinds)
    with st.expander(tr("opt.race_settings"), expanded=True):
        _apply_click(surface)
        (x0, x1), (y0, y1) = surface.x_range, surface.y_range
        start_x = st.slider(tr("opt.start_x"), float(x0), float(x1), float(surface.start[0]), 0.01,
                            key=f"opt_start_x_{surface_id}")
        start_y = st.slider(tr("opt.start_y"), float(y0), float(y1), float(surface.start[1]), 0.01,
                            key=f"opt_start_y_{surface_id}")
        steps = st.slider(tr("opt.steps"), 10, MAX_STEPS // 2, 200, 10, key="opt_steps")
        noise = st.slider(tr("opt.noise"), 0.0, 2.0, 0.0, 0.05, key="opt_noise")
        seed = int(st.number_input(tr("opt.seed"), 0, 9999, 0, key="opt_seed"))
        schedule = schedule_controls()
    settings = RaceSettings(racers, (start_x, start_y), steps, noise, seed, schedule)
    return Params(surface_id, condition, settings)


@st.cache_data(max_entries=64, show_spinner=False)
def _backdrop(surface_id: str, condition: float) -> Backdrop:
    return surface_backdrop(get_surface(surface_id, condition))


def race(params: Params) -> tuple[RaceResult, dict[str, Any], float, float]:
    """The race and its three figures, recomputed only when the race or the language changes."""
    # Plain values only: Params is redefined on every script run, so two runs' Params never compare equal.
    key = (params.surface_id, params.condition, params.settings, lang())
    kept = st.session_state.get("opt_race")
    if kept is not None and kept["key"] == key:
        return kept["result"], kept["figures"], kept["race_ms"], kept["fig_ms"]
    surface = get_surface(params.surface_id, params.condition)
    backdrop = _backdrop(params.surface_id, params.condition)
    began = time.perf_counter()
    with user_errors():
        result = run_race(surface, params.settings)
    raced = time.perf_counter()
    figures = {"contour": contour_race(surface, backdrop, result, lang()),
               "surface": surface_3d(surface, backdrop, result, lang()),
               "loss": loss_curves(surface, result, lang())}
    race_ms, fig_ms = 1000 * (raced - began), 1000 * (time.perf_counter() - raced)
    st.session_state["opt_race"] = {"key": key, "result": result, "figures": figures, "race_ms": race_ms,
                                    "fig_ms": fig_ms}
    return result, figures, race_ms, fig_ms


def show_scoreboard(result: RaceResult, surface: Surface) -> None:
    st.subheader(tr("opt.scoreboard"))
    eps = st.select_slider(tr("opt.eps_target"), EPS_TARGETS, value=1e-3, format_func=lambda v: f"{v:g}",
                           key="opt_eps_target")
    scores = scoreboard(result, surface, eps)
    has_minimum = surface.f_min is not None

    def status(score) -> str:
        if score.diverged_at is not None:
            return tr("opt.status.diverged" if has_minimum else "opt.status.escaped", step=score.diverged_at)
        if not has_minimum:
            return tr("opt.status.stuck")
        return tr("opt.status.reached" if score.steps_to_eps is not None else "opt.status.running")

    table = {
        tr("opt.col.racer"): [racer_label(result, i, lang()) for i in range(len(scores))],
        tr("opt.col.steps"): [tr("opt.never") if s.steps_to_eps is None else str(s.steps_to_eps) for s in scores],
        tr("opt.col.final"): [f"{s.final_loss:.4g}" for s in scores],
        tr("opt.col.status"): [status(s) for s in scores],
    }
    if len(surface.minima) > 1:
        table[tr("opt.col.nearest")] = [tr("opt.never") if s.nearest_minimum is None else
                                        f"({s.nearest_minimum[0]:.2f}, {s.nearest_minimum[1]:.2f})" for s in scores]
    st.dataframe(table, hide_index=True, width="stretch")


def show_inside(result: RaceResult) -> None:
    st.subheader(tr("opt.inside"))
    code = lang()
    racer = st.selectbox(tr("opt.inside.racer"), range(len(result.racers)),
                         format_func=lambda i: racer_label(result, i, code),
                         index=min(len(result.racers) - 1, 3), key="opt_inside")
    st.caption(tr("opt.inside.caption"))
    st.plotly_chart(state_figure(inside(result, racer), lang()), width="stretch", key="opt_state_chart")


def show_ewa() -> None:
    st.subheader(tr("opt.ewa"))
    st.markdown(tr("opt.ewa.intro"))
    beta = st.slider(tr("opt.ewa.beta"), 0.5, 0.99, 0.9, 0.01, key="opt_ewa_beta")
    st.caption(tr("opt.ewa.window", beta=beta, days=1 / (1 - beta)))
    st.plotly_chart(ewa_figure(noisy_series(), beta, lang()), width="stretch", key="opt_ewa_chart")


def main() -> None:
    page_title("page.optimizers")
    st.markdown(tr("opt.intro"))
    left, right = st.columns([1, 2.4], gap="medium")
    with left:
        params = controls()
    surface = get_surface(params.surface_id, params.condition)
    with right:
        with user_errors():
            result, figures, race_ms, fig_ms = race(params)
        contour_tab, surface_tab, loss_tab = st.tabs([tr("opt.tab.contour"), tr("opt.tab.surface"), tr("opt.tab.loss")])
        with contour_tab:
            st.plotly_chart(figures["contour"], width="stretch", key=CONTOUR_KEY, on_select="rerun",
                            selection_mode="points")
        with surface_tab:
            st.plotly_chart(figures["surface"], width="stretch", key="opt_surface_chart")
        with loss_tab:
            st.plotly_chart(figures["loss"], width="stretch", key="opt_loss_chart")
        st.caption(tr("opt.timing", race_ms=race_ms, fig_ms=fig_ms))
        show_scoreboard(result, surface)
    show_inside(result)
    show_ewa()
    theory([
        r"\text{SGD:}\quad \theta \leftarrow \theta - \eta\, g, \qquad g = \nabla f(\theta)",
        r"\text{Momentum:}\quad v \leftarrow \mu v - \eta\, g, \qquad \theta \leftarrow \theta + v",
        r"\text{RMSprop:}\quad s \leftarrow \alpha s + (1-\alpha)\, g^2, \qquad "
        r"\theta \leftarrow \theta - \frac{\eta}{\sqrt{s} + \epsilon}\, g",
        r"\text{Adam:}\quad m \leftarrow \beta_1 m + (1-\beta_1)\, g, \quad v \leftarrow \beta_2 v + (1-\beta_2)\, g^2, "
        r"\quad \hat m = \frac{m}{1-\beta_1^t}, \quad \hat v = \frac{v}{1-\beta_2^t}, \quad "
        r"\theta \leftarrow \theta - \frac{\eta\, \hat m}{\sqrt{\hat v} + \epsilon}",
        r"\eta_t = \frac{\eta_0}{1 + \text{decay} \cdot t}, \qquad \text{SGD diverges when } \eta > \frac{2}{\lambda_{\max}}",
    ], "opt.theory")


main()
