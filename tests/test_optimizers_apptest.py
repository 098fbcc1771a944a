"""The Optimizers race page through the real Home.py frame, driven by widget keys, in both languages."""
from __future__ import annotations

import pytest

from core.i18n import translate
from core.optimizers.surfaces import SURFACE_IDS
from tests.conftest import LANGS, assert_clean, run_page


def _scoreboard(at):
    return at.dataframe[0].value  # pandas DataFrame, one row per racer


@pytest.mark.parametrize("lang", LANGS)
def test_page_runs_clean_in_both_languages(lang: str) -> None:
    at = run_page("optimizers", lang)
    assert_clean(at)
    assert at.title[0].value == translate("page.optimizers", lang)
    assert len(at.get("plotly_chart")) == 5  # contour, 3-D, loss, inside the optimizer, EWA
    board = _scoreboard(at)
    assert list(board[translate("opt.col.racer", lang)].str.split(" ").str[0]) == [
        translate(f"opt.kind.{k}", lang).split(" ")[0] for k in ("sgd", "momentum", "rmsprop", "adam")]
    assert any(translate("opt.theory", lang)[:20] in m.value for m in at.markdown)


def test_every_surface_and_every_racer() -> None:
    def setup(at):
        at.multiselect(key="opt_racers").set_value(
            ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam", "radam"])
        at.selectbox(key="opt_schedule").set_value("warmup")
        at.slider(key="opt_noise").set_value(0.3)

    at = run_page("optimizers", "en", setup=setup)
    assert_clean(at)
    assert len(_scoreboard(at)) == 9
    for surface_id in SURFACE_IDS[1:]:
        at.selectbox(key="opt_surface").set_value(surface_id).run()
        assert_clean(at)
        assert len(_scoreboard(at)) == 9, surface_id
    escaped = translate("opt.status.escaped", "en", step=0).split(" ")[0]
    at.selectbox(key="opt_surface").set_value("saddle").run()
    assert any(escaped in status for status in _scoreboard(at)[translate("opt.col.status", "en")])


def test_too_large_learning_rate_shows_diverged_not_a_crash() -> None:
    at = run_page("optimizers", "zh", setup=lambda at: at.select_slider(key="opt_lr_quadratic_sgd").set_value(5.0))
    assert_clean(at)
    statuses = list(_scoreboard(at)[translate("opt.col.status", "zh")])
    assert "发散" in statuses[0] and "发散" not in statuses[3], statuses


def test_race_is_kept_in_session_and_rerun_only_when_it_changes() -> None:
    at = run_page("optimizers", "en")
    first = at.session_state["opt_race"]["result"]
    at.slider(key="opt_ewa_beta").set_value(0.5).run()
    at.select_slider(key="opt_eps_target").set_value(0.1).run()
    at.selectbox(key="opt_inside").set_value(0).run()
    assert_clean(at)
    assert at.session_state["opt_race"]["result"] is first, "views only: the race was not recomputed"
    at.slider(key="opt_steps").set_value(50).run()
    assert at.session_state["opt_race"]["result"] is not first
    assert at.session_state["opt_race"]["result"].steps == 50


def test_no_racer_is_a_message() -> None:
    at = run_page("optimizers", "en", setup=lambda at: at.multiselect(key="opt_racers").set_value([]))
    assert not at.exception
    assert at.error[0].value == translate("opt.err.no_racers", "en")
