"""Benchmark: a race of 8 optimizers × 500 steps, and building its animated contour figure.

Peer: the textbook loop (one optimizer per racer, its own forward and backward each step),
which is what the race replaces with one batched evaluation and grouped optimizers. Both use
the real torch.optim classes, so the ratio is the saving of the race's structure.
Goal (issue 5): race + figure under 300 ms on a 2-core CPU. One more row times what
st.plotly_chart does with the contour on every rerun (plotly's to_dict, then JSON), for the record.

Run: .venv/bin/python bench/bench_optimizers.py
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import plotly.io
import plotly.tools
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.device import configure_threads  # noqa: E402
from core.optimizers.figures import contour_race, loss_curves, surface_3d, surface_backdrop  # noqa: E402
from core.optimizers.race import RaceSettings, run_race  # noqa: E402
from core.optimizers.racers import build_optimizer, default_spec  # noqa: E402
from core.optimizers.surfaces import get_surface  # noqa: E402

KINDS = ("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw", "nadam", "radam")
STEPS = 500
REPEATS = 7


def textbook(surface, specs, start, steps: int) -> None:
    """The peer: each racer alone, ``zero_grad / backward / step``, recording its path."""
    for spec in specs:
        param = torch.tensor(start, dtype=torch.float64, requires_grad=True)
        optimizer = build_optimizer(spec.kind, [(param, spec)])
        path = [param.detach().clone()]
        for _ in range(steps):
            optimizer.zero_grad()
            surface(param[None]).sum().backward()
            optimizer.step()
            path.append(param.detach().clone())
        torch.stack(path)


def _as_streamlit_sends(figure) -> str:
    """What st.plotly_chart (streamlit 1.67) does with a figure: plotly's to_dict, then JSON without validation."""
    return plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True), validate=False)


def timed(fn, repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - began))
    return times


def main() -> None:
    threads = configure_threads()
    surface = get_surface("quadratic")
    specs = tuple(default_spec(kind, surface) for kind in KINDS)
    settings = RaceSettings(specs, surface.start, steps=STEPS)
    backdrop = surface_backdrop(surface)
    run_race(surface, RaceSettings(specs, surface.start, steps=5))  # warm-up: torch.optim's lazy imports
    result = run_race(surface, settings)
    figure = contour_race(surface, backdrop, result, "en")

    rows = {
        "race (8 × 500, torch.optim)": timed(lambda: run_race(surface, settings)),
        "animated contour figure": timed(lambda: contour_race(surface, backdrop, result, "en")),
        "contour to JSON (st.plotly_chart)": timed(lambda: _as_streamlit_sends(figure)),
        "3-D + loss figures": timed(lambda: (surface_3d(surface, backdrop, result, "en"), loss_curves(surface, result, "en"))),
        "peer: textbook loops": timed(lambda: textbook(surface, specs, surface.start, STEPS), repeats=3),
    }
    print(f"optimizers race benchmark, torch {torch.__version__}, {threads} thread(s), {len(specs)} racers × {STEPS} steps")
    print(f"{'':34s} {'median ms':>10s} {'min ms':>8s}")
    for name, times in rows.items():
        print(f"{name:34s} {statistics.median(times):10.1f} {min(times):8.1f}")
    race_ms = statistics.median(rows["race (8 × 500, torch.optim)"])
    figure_ms = statistics.median(rows["animated contour figure"])
    print(f"race + contour figure: {race_ms + figure_ms:.0f} ms median (goal < 300 ms); "
          f"min {min(rows['race (8 × 500, torch.optim)']) + min(rows['animated contour figure']):.0f} ms")
    print(f"peer / race: {statistics.median(rows['peer: textbook loops']) / race_ms:.2f}x; "
          f"contour figure: {len(figure.frames)} frames, {len(_as_streamlit_sends(figure)) / 1e6:.2f} MB of JSON")


if __name__ == "__main__":
    main()
