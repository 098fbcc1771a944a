"""AppTest of the Activations page: each section in both languages."""
import pytest

from core.activations.functions import ACTIVATIONS
from core.i18n import translate
from tests.conftest import LANGS, assert_clean, run_page
from tests.page_links import csv_rows, download, open_link

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _metric(at, label_key: str, lang: str) -> str:
    return next(m.value for m in at.metric if m.label == translate(label_key, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_page_shows_three_sections_with_charts(lang: str) -> None:
    at = run_page("activations", lang)
    assert_clean(at)
    assert at.title[0].value == translate("page.activations", lang)
    assert [t.label for t in at.tabs] == [translate(f"act.tab.{k}", lang) for k in ("functions", "depth", "playground")]
    assert len(at.get("plotly_chart")) == 5, "explorer, two depth charts, boundary and loss curves"
    assert len(at.table) == 1
    assert at.success[0].value == translate("act.verdict.healthy", lang), "default tanh + Xavier is healthy"


@pytest.mark.parametrize("lang", LANGS)
def test_explorer_every_function_with_parameters(lang: str) -> None:
    def setup(at):
        at.multiselect(key="act_fn_select").set_value(list(ACTIVATIONS))
        at.slider(key="act_fn_range").set_value((-10.0, 10.0))

    at = run_page("activations", lang, setup=setup)
    assert_clean(at)
    for name in ("slope", "a", "alpha", "beta"):
        assert any(s.label == translate(f"act.param.{name}", lang) for s in at.slider)
    at.slider(key="act_fn_elu_alpha").set_value(2.0)
    at.toggle(key="act_fn_derivative").set_value(False)
    at.run()
    assert_clean(at)
    table = at.table[0].value
    assert len(table) == len(ACTIVATIONS)
    assert translate("act.note.step", lang) in table.iloc[:, -1].tolist()
    at.multiselect(key="act_fn_select").set_value([])
    at.run()
    assert at.info[0].value == translate("act.fn.empty", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_depth_presets_show_vanishing_exploding_and_fix(lang: str) -> None:
    at = run_page("activations", lang)
    at.button(key="act_depth_preset_vanishing").click().run()
    assert_clean(at)
    assert at.slider(key="act_depth_depth").value == 20
    assert at.warning[0].value == translate("act.verdict.vanishing", lang)
    at.button(key="act_depth_preset_exploding").click().run()
    assert at.warning[0].value == translate("act.verdict.exploding", lang)
    assert at.select_slider(key="act_depth_std").value == 0.2
    at.button(key="act_depth_preset_he").click().run()
    assert_clean(at)
    assert not at.warning and at.success[0].value == translate("act.verdict.healthy", lang)
    at.selectbox(key="act_depth_act").set_value("sigmoid")
    at.radio(key="act_depth_init").set_value("small")
    at.checkbox(key="act_depth_bn").check()
    at.run()
    assert at.success[0].value == translate("act.verdict.healthy", lang), "BatchNorm rescues sigmoid + small init"


@pytest.mark.parametrize("lang", LANGS)
def test_playground_step_play_pause_reset(lang: str) -> None:
    at = run_page("activations", lang)
    assert _metric(at, "act.pg.steps", lang) == "0"
    at.button(key="act_pg_step").click().run()
    assert_clean(at)
    assert _metric(at, "act.pg.steps", lang) == "10"
    at.button(key="act_pg_play").click().run()
    assert_clean(at)
    assert at.session_state["act_pg_playing"]
    assert at.button(key="act_pg_pause").label == translate("act.pg.pause", lang)
    assert int(_metric(at, "act.pg.steps", lang)) >= 20, "each playing frame trains"
    at.button(key="act_pg_pause").click().run()
    assert not at.session_state["act_pg_playing"]
    paused_at = _metric(at, "act.pg.steps", lang)
    at.run()
    assert _metric(at, "act.pg.steps", lang) == paused_at, "paused: a rerun does not train"
    at.button(key="act_pg_reset").click().run()
    assert_clean(at)
    assert _metric(at, "act.pg.steps", lang) == "0"


@pytest.mark.parametrize("lang", LANGS)
def test_playground_overfit_preset_and_live_hyperparameters(lang: str) -> None:
    at = run_page("activations", lang)
    at.button(key="act_pg_overfit").click().run()
    assert_clean(at)
    assert at.slider(key="act_pg_neurons").value == 64 and at.slider(key="act_pg_train").value == 30
    pg = at.session_state["act_pg"]
    assert len(pg.data.x_train) == 30
    at.slider(key="act_pg_speed").set_value(50)
    for _ in range(4):
        at.button(key="act_pg_step").click().run()
    assert at.session_state["act_pg"] is pg, "steps continue the same run"
    assert pg.steps == 200
    at.select_slider(key="act_pg_l2").set_value(0.3).run()
    assert at.session_state["act_pg"] is pg and pg.l2 == 0.3, "λ changes live, the run goes on"
    at.selectbox(key="act_pg_dataset").set_value("spirals").run()
    assert_clean(at)
    assert at.session_state["act_pg"] is not pg and at.session_state["act_pg"].steps == 0


LINK = {"fn": "relu~elu", "fn_range": "-10.0~2.5", "fn_elu_alpha": "2", "depth": "30", "depth_act": "sigmoid",
        "depth_init": "small", "pg_data": "spirals", "pg_neurons": "16", "pg_lr": "0.1"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_restores_every_section(lang: str, served) -> None:
    at = open_link("activations", {**LINK, "lang": lang})
    assert_clean(at)
    assert at.title[0].value == translate("page.activations", lang), "the link opens in its language"
    assert list(at.multiselect(key="act_fn_select").value) == ["relu", "elu"]
    assert at.slider(key="act_fn_range").value == (-10.0, 2.5) and at.slider(key="act_fn_elu_alpha").value == 2.0
    assert at.slider(key="act_depth_depth").value == 30 and at.selectbox(key="act_depth_act").value == "sigmoid"
    assert at.warning[0].value == translate("act.verdict.vanishing", lang), "the linked set-up's result"
    assert at.selectbox(key="act_pg_dataset").value == "spirals" and at.select_slider(key="act_pg_lr").value == 0.1
    assert at.session_state["act_pg"].data.x_train.shape[0] == 150 and at.slider(key="act_pg_neurons").value == 16
    rows = csv_rows(download(at, "act_fn_csv", served)[0])
    assert [row[0] for row in rows[1:]] == ["ReLU", "ELU"] and rows[1:] == at.table[0].value.values.tolist()

    def by_hand(at) -> None:
        at.multiselect(key="act_fn_select").set_value(["relu", "elu"]).run()
        at.slider(key="act_fn_range").set_value((-10.0, 2.5))
        at.slider(key="act_fn_elu_alpha").set_value(2.0)
        at.slider(key="act_depth_depth").set_value(30)
        at.selectbox(key="act_depth_act").set_value("sigmoid")
        at.radio(key="act_depth_init").set_value("small")
        at.selectbox(key="act_pg_dataset").set_value("spirals")
        at.slider(key="act_pg_neurons").set_value(16)
        at.select_slider(key="act_pg_lr").set_value(0.1)

    moved = run_page("activations", lang, setup=by_hand)
    assert {k: v for k, v in moved.query_params.items() if k != "lang"} == LINK, "moved widgets write the link"


def test_a_link_can_open_the_playground_tab_and_bad_values_are_ignored() -> None:
    at = open_link("activations", {"tab": "playground", "depth": "999", "pg_lr": "0.02", "fn": "relu~swoosh"})
    assert_clean(at)
    assert at.query_params["tab"] == "playground", "the tab stays in the link the page shows"
    assert at.slider(key="act_depth_depth").value == 10 and at.select_slider(key="act_pg_lr").value == 0.03
    assert list(at.multiselect(key="act_fn_select").value) == ["sigmoid", "tanh", "relu", "gelu"]
