"""The "train on your photos" page in both languages: default set, a training job, every view, links, bad input."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import translate
from tests.conftest import LANGS, ROOT, assert_clean, run_page


def view(at, name: str):
    at.radio(key="tl_view").set_value(name).run()
    assert_clean(at)
    return at


def trained(lang: str, **settings):
    """The page after one finished training run on the default set, with ``settings`` in the session."""
    def setup(at) -> None:
        at.session_state["tl_view"] = "train"
        for key, value in settings.items():
            at.session_state[key] = value

    at = run_page("transfer", lang, timeout=600, setup=setup)
    at.button(key="tl_start").click().run()
    job = at.session_state["_jobs"]["transfer"]
    assert job.wait(600)
    at.run()
    assert_clean(at)
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_page_works_before_any_upload(lang: str) -> None:
    at = run_page("transfer", lang, timeout=300)
    assert_clean(at)
    assert at.title[0].value == translate("page.transfer", lang)
    assert translate("tl.default_note", lang) in [c.value for c in at.caption]
    view(at, "augment")
    assert translate("tl.mixup_head", lang, alpha=0.4) in [m.value for m in at.markdown]
    view(at, "evaluate")
    assert [i.value for i in at.info] == [translate("tl.train_first", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_train_then_evaluate_predict_export(lang: str) -> None:
    at = trained(lang, tl_epochs=20)
    assert at.session_state["tl_runs"][0][0] == "#1 head"
    view(at, "evaluate")
    accuracy = float(at.metric[0].value.rstrip("%")) / 100
    assert accuracy >= 0.6  # six classes: chance is 1/6
    at.slider(key="tl_threshold").set_value(0.9).run()
    assert_clean(at)
    assert at.query_params["thr"] in ("0.9", ["0.9"])  # the link follows the slider
    at.selectbox(key="tl_pr_pick").set_value(2).run()
    assert_clean(at)
    name = at.session_state["tl_trained_on"].classes[2]
    assert any(f"“{name}”" in c.value for c in at.caption)
    view(at, "predict")
    assert any(m.value == translate("tl.nearest", lang) for m in at.markdown)
    view(at, "export")
    assert any("weights_only=True" in c.value and c.language == "python" for c in at.code)


def test_fine_tuning_shows_the_batchnorm_batch_size_curve() -> None:
    at = trained("en", tl_blocks=1, tl_bn=True, tl_batch=8, tl_epochs=5)
    assert at.session_state["tl_runs"][0][0] == "#1 ft1 bn8"
    assert translate("tl.bn_note", "en") in [c.value for c in at.caption]
    updated, frozen = at.session_state["tl_wobble"][1:]
    assert updated[2] > 0.01 and max(frozen.values()) < 1e-5
    at.slider(key="tl_mixup").set_value(0.4).run()  # the same split with mixup: a second bar to compare
    at.button(key="tl_start").click().run()
    assert at.session_state["_jobs"]["transfer"].wait(600)
    at.run()
    assert_clean(at)
    assert [label for label, _ in at.session_state["tl_runs"]] == ["#1 ft1 bn8", "#2 ft1 mix0.4 bn8"]
    assert all(0 <= acc <= 1 for _, acc in at.session_state["tl_runs"])


def test_settings_restore_from_a_link_and_bad_values_are_ignored() -> None:
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=300)
    at.session_state["lang"] = "zh"
    at.query_params.update({"view": "train", "net": "squeezenet1_1", "ft": "2", "lr": "0.003", "mix": "0.4",
                            "aug": "flip~rotate", "seed": "7", "thr": "7", "batch": "5", "ep": "abc"})
    at.run()
    at.switch_page("pages/transfer.py").run()
    assert_clean(at)
    state = at.session_state
    assert (state["tl_view"], state["tl_backbone"], state["tl_blocks"], state["tl_lr"]) == (
        "train", "squeezenet1_1", 2, 0.003)
    assert (state["tl_mixup"], state["tl_aug"], state["tl_seed"]) == (0.4, ("flip", "rotate"), 7)
    assert (state["tl_threshold"], state["tl_batch"], state["tl_epochs"]) == (0.5, 16, 40)  # out of range / not offered
    assert at.select_slider(key="tl_lr").value == 0.003
    assert at.button(key="tl_start").label == translate("tl.start", "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_own_photos_without_uploads_get_a_clear_message(lang: str) -> None:
    def setup(at) -> None:
        at.session_state["tl_source"] = "own"

    at = run_page("transfer", lang, timeout=300, setup=setup)
    assert not at.exception
    assert [e.value for e in at.error] == [translate("tl.err.empty_class", lang,
                                                     name=translate("tl.class_default", lang, n=1))]
    at.text_input(key="tl_name_1").set_value(translate("tl.class_default", lang, n=1)).run()
    assert [e.value for e in at.error] == [translate("tl.err.duplicate_class", lang)]
