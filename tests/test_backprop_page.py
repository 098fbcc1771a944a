"""The "How a network learns" page through the real Home.py frame, in both languages, driven by widget keys."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import translate
from tests.conftest import LANGS, ROOT, assert_clean, run_page

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _open(at, tab: str, lang: str):
    at.session_state["bp_tab"] = translate(f"bp.tab.{tab}", lang)
    return at.run()


def _text(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


@pytest.mark.parametrize("lang", LANGS)
def test_every_tab_runs_clean(lang: str) -> None:
    at = run_page("backprop", lang)
    assert_clean(at)
    assert at.title[0].value == translate("page.backprop", lang)
    losses_table = at.dataframe[1].value  # ours next to torch's
    assert round(losses_table.iloc[0, 1], 2) == 2.04 and round(losses_table.iloc[1, 1], 2) == 2.9
    assert "2.04036 " in losses_table.iloc[0, 2] and "2.9 " in losses_table.iloc[1, 2]
    assert len(at.get("plotly_chart")) == 1

    _open(at, "logistic", lang)
    assert_clean(at)
    assert translate("bp.log.ce", lang) in _text(at.markdown) and len(at.get("plotly_chart")) == 1

    _open(at, "graph", lang)
    assert_clean(at)
    assert len(at.get("graphviz_chart")) == 1 and len(at.get("plotly_chart")) == 0, "only the open tab is drawn"
    assert at.metric[0].value == "0.2748"  # Mazur's E before the step

    _open(at, "gradcheck", lang)
    assert_clean(at)
    assert translate("bp.verdict.fine", lang) in set(at.dataframe[0].value.iloc[:, 3])
    assert at.success

    _open(at, "classifier", lang)
    assert_clean(at)
    assert len(at.get("plotly_chart")) == 2 and at.metric[0].value == "22%"
    at.slider(key="bp_cls_step").set_value(100).run()
    assert_clean(at)
    assert int(at.metric[0].value.rstrip("%")) > 22


def test_stepping_the_backward_pass_and_one_update() -> None:
    at = run_page("backprop", "en", setup=lambda at: at.session_state.__setitem__("bp_tab", translate("bp.tab.graph", "en")))
    at.radio(key="bp_mode").set_value("expression").run()
    assert_clean(at)
    assert at.metric[0].value == "0.7311"  # cs231n's neuron
    at.slider(key="bp_step").set_value(1).run()
    assert "n8" in _text(at.markdown) and len(at.latex) >= 1
    formulas = _text(at.latex)
    assert r"\frac{\partial f}{\partial w_{2}}" in formulas and r"\partial n_{8}/\partial n_{6}" in formulas
    assert "0.1966" in formulas
    at.slider(key="bp_step").set_value(at.slider(key="bp_step").max).run()
    assert at.success[0].value == translate("bp.step.done", "en")
    grads = at.dataframe[0].value
    assert [round(g, 2) for g in grads.iloc[:, 2]] == [-0.2, 0.39, -0.39, -0.59, 0.2]
    assert at.query_params["mode"] == ["expression"] or at.query_params["mode"] == "expression"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("key", "text", "message"), [
    ("bp_w", "0.2 -0.5 nan 2; 1 1 1 1; 0 0 0 0", ("bp.err.not_finite", {"field": "W"})),
    ("bp_x", "", ("bp.err.empty", {"field": "x"})),
    ("bp_b", "1 2", ("bp.err.shape", {"field": "b", "rows": 1, "cols": 3})),
])
def test_bad_numbers_get_a_translated_message(lang: str, key: str, text: str, message) -> None:
    at = run_page("backprop", lang, setup=lambda at: at.text_input(key=key).set_value(text))
    assert not at.exception
    assert at.error[0].value == translate(message[0], lang, **message[1])


@pytest.mark.parametrize("lang", LANGS)
def test_unsafe_expression_is_refused_with_a_message(lang: str) -> None:
    def setup(at) -> None:
        at.session_state["bp_tab"] = translate("bp.tab.graph", lang)
        at.session_state["bp_mode"] = "expression"
        at.session_state["bp_expr"] = "__import__('os').system('echo hi')"

    at = run_page("backprop", lang, setup=setup)
    assert not at.exception
    assert "__import__" in at.error[0].value and translate("bp.err.unknown_function", lang, name="", functions="")[:3] \
        in at.error[0].value
    at.text_input(key="bp_expr").set_value("sigmoid(w0*x0 +").run()
    assert at.error[0].value == translate("bp.err.syntax", lang)
    at.text_input(key="bp_expr").set_value("log(w0)").run()
    at.text_input(key="bp_expr_values").set_value("w0=-1").run()
    assert at.error[0].value == translate("bp.err.value_not_finite", lang, node="n1")


def test_planted_bug_is_reported() -> None:
    at = run_page("backprop", "zh", setup=lambda at: at.session_state.__setitem__("bp_tab", translate("bp.tab.gradcheck", "zh")))
    at.toggle(key="bp_bug").set_value(True).run()
    assert not at.exception
    verdicts = list(at.dataframe[0].value.iloc[:, 3])
    assert verdicts[:2] == [translate("bp.verdict.suspicious", "zh")] * 2
    assert verdicts[2:] == [translate("bp.verdict.fine", "zh")] * 2
    assert "float64" in at.error[0].value
    assert at.query_params["bug"] in ("1", ["1"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_link_restores_the_view(lang: str) -> None:
    """Opening ``?y=car&delta=2&lam=0.1…`` shows that view; moving a slider writes the link back."""
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=120)
    at.query_params.update({"lang": lang, "y": "car", "delta": "2", "lam": "0.1", "W": "1 0 0 0; 0 1 0 0; 0 0 1 0",
                            "b": "0 0 0", "x": "3.2 5.1 -1.7 9", "mode": "expression", "cstep": "bogus"})
    at.run()
    at.switch_page("pages/backprop.py").run()
    assert_clean(at)
    assert at.title[0].value == translate("page.backprop", lang), "the language came from the link too"
    assert at.selectbox(key="bp_label").value == "car"
    assert at.slider(key="bp_delta").value == 2.0 and at.slider(key="bp_lambda").value == 0.1
    compare = at.dataframe[1].value
    # True class car, Δ 2: hinge = max(0, 3.2 − 5.1 + 2) + max(0, −1.7 − 5.1 + 2) = 0.1; + λ‖W‖² = 0.3
    assert compare.iloc[1, 1] == pytest.approx(0.1) and compare.iloc[1, 4] == pytest.approx(0.4)
    assert at.session_state["bp_mode"] == "expression" and at.session_state["bp_cls_step"] == 0, "bad values ignored"
    at.slider(key="bp_delta").set_value(1.5).run()
    assert at.query_params["delta"] in ("1.5", ["1.5"]) and at.query_params["y"] in ("car", ["car"])
    # A link into the graph: the typed expression, its values and the backward step come back.
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=120)
    at.query_params.update({"lang": lang, "mode": "expression", "f": "tanh(w*x)", "vals": "w=0.5, x=2", "step": "1"})
    at.session_state["lang"] = lang  # as run_page: AppTest keeps the sidebar's language only this way across reruns
    at.run()
    at.switch_page("pages/backprop.py").run()
    _open(at, "graph", lang)
    assert_clean(at)
    assert at.text_input(key="bp_expr").value == "tanh(w*x)" and at.slider(key="bp_step").value == 1
    assert at.metric[0].value == "0.7616"  # tanh(1)
