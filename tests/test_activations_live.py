"""The playground's play/pause rules (core.activations.live) on a plain dict, and the page's figures."""
import pytest

from core.activations import figures, live
from core.activations.datasets import make_dataset, split
from core.activations.depth import DepthConfig, run_depth
from core.activations.playground import MAX_STEPS, NetConfig, Playground
from core.activations.presets import DEPTH_PRESETS, depth_preset

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _build(seed: int = 0):
    data = split(*make_dataset("xor", 60, 0.1), 0.5)
    return lambda: Playground(data, NetConfig(neurons=4, seed=seed), 0.03, 0.0)


def test_same_key_keeps_the_run_new_key_builds_and_hyperparameters_apply_live() -> None:
    state: dict = {}
    first = live.current(state, ("xor", 1), _build(), 0.03, 0.0)
    assert live.current(state, ("xor", 1), _build(), 0.1, 0.3) is first
    assert (first.optimizer.param_groups[0]["lr"], first.l2) == (0.1, 0.3)
    assert live.current(state, ("xor", 2), _build(), 0.1, 0.0) is not first


def test_play_pause_step_and_reset() -> None:
    state: dict = {}
    live.current(state, ("k",), _build(), 0.03, 0.0)
    assert not live.arm_timer(state) and not live.needs_full_rerun(state)
    assert not live.frame(state, 5, stepped=False) and state[live.RUN].steps == 0, "paused: no training"
    live.frame(state, 5, stepped=True)
    assert state[live.RUN].steps == 5
    live.set_playing(state, True)
    assert live.needs_full_rerun(state), "the timer was built paused: rebuild it"
    assert live.arm_timer(state) and not live.needs_full_rerun(state)
    live.frame(state, 5, stepped=False)
    assert state[live.RUN].steps == 10, "playing: each frame trains"
    live.reset(state)
    assert not live.playing(state) and live.seed(state) == 1 and live.needs_full_rerun(state)


def test_playing_stops_at_the_step_limit() -> None:
    state: dict = {}
    live.current(state, ("k",), _build(), 0.03, 0.0)
    live.set_playing(state, True)
    state[live.RUN].steps = MAX_STEPS - 1  # as if it had trained that long
    assert live.frame(state, 1, stepped=False) and not live.playing(state)


def test_presets_and_figures() -> None:
    assert depth_preset("vanishing", 5)["act_depth_depth"] == 20 and depth_preset("he", 30)["act_depth_depth"] == 30
    assert set(DEPTH_PRESETS) == {"vanishing", "exploding", "he", "xavier"}
    fig = figures.explorer(["relu", "elu"], {"elu": {"alpha": 2.0}}, True, (-3.0, 3.0), "zh")
    assert len(fig.data) == 4 and fig.data[1].y.min() == pytest.approx(0.0) and fig.data[2].y.min() > -2.01
    notes = figures.notes_table(["relu", "tanh"], "en")
    assert all(len(column) == 2 for column in notes.values())
    dist, norms = figures.depth(run_depth(DepthConfig(depth=4, width=16, batch=32)), "en")
    assert len(norms.data) == 3 and list(norms.data[0].x) == [1, 2, 3, 4]
    state: dict = {}
    pg = live.current(state, ("k",), _build(), 0.03, 0.0)
    assert len(figures.boundary(pg, "en", grid=20).data) == 5 and len(figures.losses(pg, "zh").data) == 2


def test_drawings_are_redone_only_after_training() -> None:
    state: dict = {}
    live.current(state, ("k",), _build(), 0.03, 0.0)
    calls = []

    def draw(pg, lang):
        calls.append((pg.steps, lang))
        return len(calls)

    assert live.drawn(state, "en", draw) == 1 and live.drawn(state, "en", draw) == 1, "nothing moved: reused"
    live.frame(state, 3, stepped=True)
    assert live.drawn(state, "en", draw) == 2 and live.drawn(state, "zh", draw) == 3
    assert calls == [(0, "en"), (3, "en"), (3, "zh")]
