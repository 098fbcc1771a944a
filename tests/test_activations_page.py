"""AppTest of the Activations page: each section in both languages."""
import pytest

from core.activations.functions import ACTIVATIONS
from core.i18n import translate
from tests.conftest import LANGS, assert_clean, run_page

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
