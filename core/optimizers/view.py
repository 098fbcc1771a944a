"""What the race page shows for one set of settings, built once: the race, its three figures, its tables.

Nothing here depends on who is looking, only on (surface, settings, language), so a server computes
each ``RaceView`` once and every session with the same settings is served the same object. Callers
must treat it as read-only.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from core.i18n import translate
from core.optimizers.figures import Backdrop, contour_race, loss_curves, racer_label, surface_3d
from core.optimizers.race import RaceResult, RaceSettings, Score, run_race, scoreboard
from core.optimizers.surfaces import Surface


@dataclass(frozen=True)
class RaceView:
    """A finished race, its contour / 3-D / loss figures and how long each part took (ms)."""

    result: RaceResult
    contour: go.Figure
    surface: go.Figure
    loss: go.Figure
    race_ms: float
    fig_ms: float


def race_view(surface: Surface, backdrop: Backdrop, settings: RaceSettings, lang: str) -> RaceView:
    """Run the race on ``surface`` and draw it in ``lang``."""
    began = time.perf_counter()
    result = run_race(surface, settings)
    raced = time.perf_counter()
    contour = contour_race(surface, backdrop, result, lang)
    surface_figure = surface_3d(surface, backdrop, result, lang)
    loss = loss_curves(surface, result, lang)
    done = time.perf_counter()
    return RaceView(result, contour, surface_figure, loss, 1000 * (raced - began), 1000 * (done - raced))


def _status(score: Score, has_minimum: bool, lang: str) -> str:
    if score.diverged_at is not None:
        return translate("opt.status.diverged" if has_minimum else "opt.status.escaped", lang, step=score.diverged_at)
    if not has_minimum:
        return translate("opt.status.stuck", lang)
    return translate("opt.status.reached" if score.steps_to_eps is not None else "opt.status.running", lang)


def scoreboard_table(result: RaceResult, surface: Surface, eps: float, lang: str) -> dict[str, list[str]]:
    """The scoreboard as translated columns: racer, steps to within ε, final loss, status (, nearest minimum)."""
    scores = scoreboard(result, surface, eps)
    never = translate("opt.never", lang)
    table = {
        translate("opt.col.racer", lang): [racer_label(result, i, lang) for i in range(len(scores))],
        translate("opt.col.steps", lang): [never if s.steps_to_eps is None else str(s.steps_to_eps) for s in scores],
        translate("opt.col.final", lang): [f"{s.final_loss:.4g}" for s in scores],
        translate("opt.col.status", lang): [_status(s, surface.f_min is not None, lang) for s in scores],
    }
    if len(surface.minima) > 1:
        table[translate("opt.col.nearest", lang)] = [
            never if s.nearest_minimum is None else f"({s.nearest_minimum[0]:.2f}, {s.nearest_minimum[1]:.2f})"
            for s in scores]
    return table


def paths_table(result: RaceResult, lang: str) -> dict[str, list]:
    """Every racer's path, one row per (racer, step): step, racer, x, y, loss (NaN after divergence)."""
    steps, racers = result.losses.shape  # (S+1, R)
    names = [racer_label(result, i, lang) for i in range(racers)]
    return {
        "racer": np.repeat(names, steps).tolist(),
        "step": np.tile(np.arange(steps), racers).tolist(),
        "x": result.paths[:, :, 0].T.ravel().tolist(),  # (R, S+1) flattened racer by racer
        "y": result.paths[:, :, 1].T.ravel().tolist(),
        "loss": result.losses.T.ravel().tolist(),
    }
