"""Race views as plain plotly figures: the animated contour, the 3-D surface and loss vs step.

Figures are built from dicts with plotly's validation off (``_validate=False``): an animated
race has hundreds of traces across its frames and validating them would cost more than the race.
The animation is plotly frames played by the browser (play / pause, a step slider), no server loop.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image
from plotly.colors import sample_colorscale

from core.i18n import translate
from core.image_input import png_bytes
from core.optimizers.race import RaceResult
from core.optimizers.surfaces import Surface

COLORS = {"sgd": "#1f77b4", "momentum": "#ff7f0e", "nesterov": "#2ca02c", "adagrad": "#9467bd",
          "rmsprop": "#8c564b", "adam": "#d62728", "adamw": "#e377c2", "nadam": "#17becf", "radam": "#bcbd22"}
MAX_FRAMES = 40
MAX_PATH_POINTS = 150  # per racer in the contour: a longer path is drawn with a stride
CLICK_GRID = 25  # clickable points per side for "start here"
CONTOUR_SIZE = 240  # grid side for the contour image and the 3-D surface
BANDS = 24


def racer_label(result: RaceResult, racer: int, lang: str) -> str:
    """``Adam (lr 0.1)``: kind plus learning rate, so two racers of one kind stay apart."""
    spec = result.racers[racer]
    return f"{translate(f'opt.kind.{spec.kind}', lang)} (lr {spec.lr:g})"


@dataclass(frozen=True)
class Backdrop:
    """A surface sampled once for drawing: ``xs (n,)``, ``ys (n,)``, plotted height ``z (n, n)`` and its image."""

    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray  # log(1 + f − f*) when values span decades, else f
    image: str  # PNG data URI of z as bands, drawn under the contour axes


def surface_backdrop(surface: Surface, n: int = CONTOUR_SIZE) -> Backdrop:
    """Sample the surface for every figure; depends only on the surface, so callers cache it."""
    xs, ys, z = surface.grid(n)
    z = display_height(surface, z).numpy()
    return Backdrop(xs.numpy(), ys.numpy(), z, banded_image(z))


def display_height(surface: Surface, z: torch.Tensor | np.ndarray) -> torch.Tensor | np.ndarray:
    """What the plots show for a loss ``z``: log(1 + f − f*) on log surfaces, else ``f`` itself."""
    if not surface.log_contours:
        return z
    gap = z - (surface.f_min or 0.0)
    return torch.log1p(gap.clamp(min=0)) if torch.is_tensor(gap) else np.log1p(np.clip(gap, 0, None))


def _height_title(surface: Surface, lang: str) -> str:
    return translate("opt.fig.log_loss" if surface.log_contours else "opt.fig.loss", lang)


def _frame_steps(steps: int) -> np.ndarray:
    """The steps shown by the animation frames: at most MAX_FRAMES, always 0 and the last."""
    return np.unique(np.linspace(0, steps, min(steps, MAX_FRAMES) + 1).round().astype(int))


def banded_image(z: np.ndarray, levels: int = BANDS) -> str:
    """A PNG data URI of ``z (n, n)`` (row 0 = lowest y) as Viridis bands with light level lines: a filled contour."""
    low, high = float(np.nanmin(z)), float(np.nanmax(z))
    band = np.clip(((z - low) / (high - low + 1e-12) * levels).astype(int), 0, levels - 1)[::-1]  # (n, n), top row first
    palette = np.array([[int(c) for c in rgb[4:-1].split(",")]
                        for rgb in sample_colorscale("Viridis", np.linspace(0, 1, levels))], dtype=np.uint8)
    pixels = palette[band]  # (n, n, 3)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    pixels[edge] = (0.65 * pixels[edge] + 0.35 * 255).astype(np.uint8)
    return "data:image/png;base64," + base64.b64encode(png_bytes(Image.fromarray(pixels))).decode()


def _palette(colors: list[str]) -> dict:
    """Marker options that map racer index i to ``colors[i]``: numeric colours are far cheaper than strings."""
    n = len(colors)
    scale = [[edge / n, color] for i, color in enumerate(colors) for edge in (i, i + 1)]
    return {"colorscale": scale, "cmin": -0.5, "cmax": n - 0.5, "showscale": False}


def typed_array(values: np.ndarray) -> dict[str, str]:
    """``values`` as plotly.js's typed-array spec (little-endian float32, base64).

    plotly.py turns every numpy array into this before sending it; given in this form an array
    skips plotly.py's per-array checks, which made up most of the time to build the frames.
    """
    return {"dtype": "f4", "bdata": base64.b64encode(np.ascontiguousarray(values, dtype="<f4")).decode("ascii")}


def _trail_frames(paths: np.ndarray, frame_steps: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """``(F, R·K)`` x and y of the trail at each frame: every racer's path every ``stride`` steps.

    The slots are fixed (racer-major, K points per racer) and a point not yet reached at the
    frame's step is NaN, which plotly does not draw: the colours never change between frames, so
    a frame carries only coordinates.
    """
    samples = paths[::stride].transpose(1, 0, 2)  # (R, K, 2)
    reached = np.arange(samples.shape[1]) * stride <= frame_steps[:, None]  # (F, K)
    trail = np.where(reached[:, None, :, None], samples[None], np.nan)  # (F, R, K, 2)
    return trail[..., 0].reshape(len(frame_steps), -1), trail[..., 1].reshape(len(frame_steps), -1)


def contour_race(surface: Surface, backdrop: Backdrop, result: RaceResult, lang: str) -> go.Figure:
    """Contour of the surface with every racer's path, animated step by step in the browser.

    Each racer's whole path is drawn faintly (its legend entry); the animation moves two traces
    only: the trail (dots of every racer up to the frame's step) and the heads (one marker per
    racer). A frame holds only their coordinates (plotly merges them into the traces), so it
    stays small however many racers run. Trace order: click grid, minima, start, one faint path
    per racer, trail, heads.
    """
    steps, n = result.steps, len(result.racers)
    stride = max(1, int(np.ceil((steps + 1) / MAX_PATH_POINTS)))
    colors = [COLORS[spec.kind] for spec in result.racers]
    start = result.paths[0, 0]
    gx, gy = np.meshgrid(np.linspace(*surface.x_range, CLICK_GRID), np.linspace(*surface.y_range, CLICK_GRID))
    data = [
        {"type": "scatter", "mode": "markers", "x": gx.ravel().round(3), "y": gy.ravel().round(3),
         "marker": {"size": 12, "color": "rgba(0,0,0,0)"}, "showlegend": False, "name": "click",
         "hovertemplate": translate("opt.fig.click_here", lang) + " (%{x:.2f}, %{y:.2f})<extra></extra>"},
        {"type": "scatter", "mode": "markers", "x": [m[0] for m in surface.minima],
         "y": [m[1] for m in surface.minima], "name": translate("opt.fig.minimum", lang), "hoverinfo": "skip",
         "marker": {"symbol": "star", "size": 16, "color": "white", "line": {"color": "black", "width": 1}}},
        {"type": "scatter", "mode": "markers", "x": [start[0]], "y": [start[1]], "hoverinfo": "skip",
         "name": translate("opt.fig.start", lang),
         "marker": {"symbol": "x", "size": 12, "color": "white", "line": {"color": "black", "width": 1}}},
    ]
    for i in range(n):
        path = result.paths[::stride, i]
        data.append({"type": "scatter", "mode": "lines", "x": path[:, 0], "y": path[:, 1], "name": racer_label(result, i, lang),
                     "line": {"color": colors[i], "width": 1.5}, "opacity": 0.45, "hoverinfo": "skip"})
    moving = [len(data), len(data) + 1]
    palette = _palette(colors)
    frame_steps = _frame_steps(steps)
    trail_x, trail_y = _trail_frames(result.paths, frame_steps, stride)  # (F, R·K) each
    heads = result.paths[frame_steps]  # (F, R, 2)
    data += [
        {"type": "scatter", "mode": "markers", "x": typed_array(trail_x[-1]), "y": typed_array(trail_y[-1]), "showlegend": False,
         "marker": {"size": 4, "color": np.repeat(np.arange(n), trail_x.shape[1] // n), **palette}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers", "x": typed_array(heads[-1, :, 0]), "y": typed_array(heads[-1, :, 1]),
         "showlegend": False,
         "marker": {"size": 11, "color": np.arange(n), **palette, "line": {"color": "white", "width": 1.5}},
         "hoverinfo": "skip"},
    ]
    frames = [{"name": str(t), "traces": moving,
               "data": [{"x": typed_array(trail_x[f]), "y": typed_array(trail_y[f])},
                        {"x": typed_array(heads[f, :, 0]), "y": typed_array(heads[f, :, 1])}]}
              for f, t in enumerate(frame_steps)]
    step_label = translate("opt.fig.step", lang)
    play = {"frame": {"duration": 80, "redraw": False}, "transition": {"duration": 0}, "fromcurrent": False,
            "mode": "immediate"}
    (x0, x1), (y0, y1) = surface.x_range, surface.y_range
    layout = {
        "images": [{"source": backdrop.image, "xref": "x", "yref": "y", "x": x0, "y": y1, "sizex": x1 - x0,
                    "sizey": y1 - y0, "sizing": "stretch", "layer": "below"}],
        "xaxis": {"range": [x0, x1], "showgrid": False, "zeroline": False},
        "yaxis": {"range": [y0, y1], "showgrid": False, "zeroline": False},
        "height": 680, "margin": {"l": 40, "r": 10, "t": 30, "b": 160},
        "legend": {"orientation": "h", "x": 0, "y": -0.24, "yanchor": "top"}, "hovermode": "closest",
        "updatemenus": [{
            # Stacked, so the buttons stay narrow and clear of the step slider on a phone-wide chart.
            "type": "buttons", "direction": "down", "x": 0.0, "y": 0, "xanchor": "left", "yanchor": "top",
            "showactive": False, "pad": {"r": 10, "t": 45},
            "buttons": [
                {"label": "▶ " + translate("opt.fig.play", lang), "method": "animate", "args": [None, play]},
                {"label": "❚❚ " + translate("opt.fig.pause", lang), "method": "animate",
                 "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate",
                                   "transition": {"duration": 0}}]},
            ],
        }],
        "sliders": [{
            "active": len(frame_steps) - 1, "x": 0.32, "len": 0.68, "y": 0, "yanchor": "top",
            "currentvalue": {"prefix": f"{step_label}: "}, "pad": {"t": 30},
            "steps": [{"label": str(t), "method": "animate",
                       "args": [[str(t)], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate",
                                           "transition": {"duration": 0}}]} for t in frame_steps],
        }],
    }
    return go.Figure(data=data, layout=layout, frames=frames, _validate=False)


def surface_3d(surface: Surface, backdrop: Backdrop, result: RaceResult, lang: str) -> go.Figure:
    """The surface in 3-D with each racer's path lying on it."""
    xs, ys, z = backdrop.xs, backdrop.ys, backdrop.z
    every = max(1, len(xs) // 80)  # a lighter mesh is plenty in 3-D
    xs, ys, z = xs[::every], ys[::every], z[::every, ::every]
    data = [{"type": "surface", "x": xs, "y": ys, "z": z, "colorscale": "Viridis", "showscale": False,
             "opacity": 0.85, "hoverinfo": "skip"}]
    heights = display_height(surface, result.losses)  # (S+1, R)
    (x0, x1), (y0, y1) = surface.x_range, surface.y_range
    x, y = result.paths[..., 0], result.paths[..., 1]  # (S+1, R) each
    heights = np.where((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1), heights, np.nan)  # off the plot: not drawn
    for i in range(len(result.racers)):
        data.append({"type": "scatter3d", "mode": "lines", "x": x[:, i], "y": y[:, i],
                     "z": heights[:, i], "name": racer_label(result, i, lang),
                     "line": {"color": COLORS[result.racers[i].kind], "width": 5}})
    layout = {"height": 560, "margin": {"l": 0, "r": 0, "t": 10, "b": 0}, "legend": {"orientation": "h"},
              "scene": {"xaxis": {"title": {"text": "x"}, "range": list(surface.x_range)},
                        "yaxis": {"title": {"text": "y"}, "range": list(surface.y_range)},
                        "zaxis": {"title": {"text": _height_title(surface, lang)}}}}
    return go.Figure(data=data, layout=layout, _validate=False)


def loss_curves(surface: Surface, result: RaceResult, lang: str) -> go.Figure:
    """Loss vs step: the gap f − f* on a log axis, or f itself when there is no minimum (the saddle)."""
    f_min = surface.f_min
    steps = np.arange(result.steps + 1)
    data = []
    for i in range(len(result.racers)):
        y = result.losses[:, i] if f_min is None else np.maximum(result.losses[:, i] - f_min, 1e-16)
        data.append({"type": "scatter", "mode": "lines", "x": steps, "y": y, "name": racer_label(result, i, lang),
                     "line": {"color": COLORS[result.racers[i].kind]}})
    title = translate("opt.fig.loss" if f_min is None else "opt.fig.gap", lang)
    layout = {"height": 380, "margin": {"l": 60, "r": 20, "t": 10, "b": 40}, "legend": {"orientation": "h"},
              "xaxis": {"title": {"text": translate("opt.fig.step", lang)}},
              "yaxis": {"title": {"text": title}, "type": "linear" if f_min is None else "log",
                        "exponentformat": "power"}}
    return go.Figure(data=data, layout=layout, _validate=False)
