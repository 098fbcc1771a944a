"""The Optimizers race page through the real Home.py frame, driven by widget keys, in both languages."""
from __future__ import annotations

import pytest

from core.i18n import translate
from core.optimizers.surfaces import SURFACE_IDS
from tests.conftest import LANGS, assert_clean, run_page
from tests.page_links import csv_rows, download, open_link


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


@pytest.fixture
def races(monkeypatch) -> list:
    """Every race the page really runs, in order (the real ``run_race``, counted)."""
    import core.optimizers.view as view

    ran: list = []

    def counted(surface, settings):
        ran.append(view_run(surface, settings))
        return ran[-1]

    view_run = view.run_race
    monkeypatch.setattr(view, "run_race", counted)
    return ran


def test_race_is_run_once_per_setting_and_views_do_not_rerun_it(races) -> None:
    at = run_page("optimizers", "en", setup=lambda at: at.slider(key="opt_steps").set_value(130))
    assert races and races[-1].steps == 130
    ran = len(races)
    at.slider(key="opt_ewa_beta").set_value(0.5).run()
    at.select_slider(key="opt_eps_target").set_value(0.1).run()
    at.selectbox(key="opt_inside").set_value(0).run()
    assert_clean(at)
    assert len(races) == ran, "views only: the race was not recomputed"
    at.slider(key="opt_steps").set_value(50).run()
    assert len(races) == ran + 1 and races[-1].steps == 50


def test_a_second_session_is_served_the_same_race(races) -> None:
    def setup(at):
        at.slider(key="opt_steps").set_value(170)

    first = run_page("optimizers", "zh", setup=setup)
    ran = len(races)
    second = run_page("optimizers", "zh", setup=setup)
    assert_clean(second)
    assert len(races) == ran, "the race of a setting is computed once per server, not once per session"
    assert first.dataframe[0].value.equals(second.dataframe[0].value)


def test_no_racer_is_a_message() -> None:
    at = run_page("optimizers", "en", setup=lambda at: at.multiselect(key="opt_racers").set_value([]))
    assert not at.exception
    assert at.error[0].value == translate("opt.err.no_racers", "en")


LINK = {"surface": "rosenbrock", "racers": "sgd~adam", "steps": "300", "lr_adam_rosenbrock": "0.1", "eps": "0.01",
        "x_rosenbrock": "-1.2"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_restores_the_settings_and_the_race(lang: str) -> None:
    at = open_link("optimizers", {**LINK, "lang": lang})
    assert_clean(at)
    assert at.title[0].value == translate("page.optimizers", lang), "the link opens in its language"
    assert at.selectbox(key="opt_surface").value == "rosenbrock"
    assert list(at.multiselect(key="opt_racers").value) == ["sgd", "adam"]
    assert at.slider(key="opt_steps").value == 300 and at.slider(key="opt_start_x_rosenbrock").value == -1.2
    assert at.select_slider(key="opt_lr_rosenbrock_adam").value == 0.1
    assert at.select_slider(key="opt_eps_target").value == 0.01

    def by_hand(at) -> None:  # the same view, reached by moving the widgets in a session without a link
        at.selectbox(key="opt_surface").set_value("rosenbrock").run()
        at.multiselect(key="opt_racers").set_value(["sgd", "adam"])
        at.slider(key="opt_steps").set_value(300)
        at.slider(key="opt_start_x_rosenbrock").set_value(-1.2)
        at.select_slider(key="opt_lr_rosenbrock_adam").set_value(0.1)
        at.select_slider(key="opt_eps_target").set_value(0.01)

    moved = run_page("optimizers", lang, setup=by_hand)
    assert _scoreboard(at).equals(_scoreboard(moved)), "the link shows the same race"
    assert {k: v for k, v in moved.query_params.items() if k != "lang"} == LINK, "moved widgets write the link"


def test_bad_link_values_are_ignored() -> None:
    at = open_link("optimizers", {"surface": "moon", "steps": "-4", "lr_sgd_quadratic": "0.123", "racers": "sgd~lion"})
    assert_clean(at)
    assert at.selectbox(key="opt_surface").value == "quadratic" and at.slider(key="opt_steps").value == 200
    assert len(_scoreboard(at)) == 4


def test_scoreboard_and_paths_download_as_csv(served) -> None:
    at = run_page("optimizers", "zh", setup=lambda at: at.slider(key="opt_steps").set_value(60))
    data, mime, name = download(at, "opt_scoreboard_csv", served)
    assert (mime, name) == ("text/csv", "race_scoreboard.csv")
    board = _scoreboard(at)
    assert csv_rows(data) == [list(board.columns)] + board.astype(str).values.tolist(), "the CSV is the table"
    data, mime, name = download(at, "opt_paths_csv", served)
    rows = csv_rows(data)
    assert rows[0] == ["racer", "step", "x", "y", "loss"] and len(rows) == 1 + 4 * 61
    assert rows[1][:4] == [board.iloc[0, 0], "0", "-8.0", "3.0"], "every racer starts at the start"
