"""The style transfer page in both languages: each method shows a result, a Gatys job runs and finishes."""
import io

import numpy as np
import pytest
from PIL import Image

from core.i18n import translate
from tests.conftest import ASSETS, LANGS, assert_clean, run_page
from tests.page_links import named, open_link


def set_mode(mode: str):
    def setup(at) -> None:
        at.session_state["style_mode"] = mode  # keyed widgets take their value from the session
    return setup


@pytest.mark.parametrize("lang", LANGS)
def test_instant_styles(lang: str) -> None:
    at = run_page("style_transfer", lang, timeout=600)
    assert_clean(at)
    assert at.title[0].value == translate("page.style_transfer", lang)
    captions = [c.value for c in at.caption]
    assert any(c.startswith(translate("style.timing", lang, seconds=0, device="").split("0")[0]) for c in captions)
    at.slider(key="style_fast_strength").set_value(0.5).run()
    assert_clean(at)


@pytest.mark.parametrize("lang", LANGS)
def test_any_painting(lang: str) -> None:
    at = run_page("style_transfer", lang, timeout=600, setup=set_mode("arbitrary"))
    assert_clean(at)
    assert any(m.value == f"**{translate('style.vector', lang)}**" for m in at.markdown)


@pytest.mark.parametrize("lang", LANGS)
def test_gatys_job_runs_and_shows_gram_matrices(lang: str) -> None:
    def setup(at) -> None:
        at.session_state["style_mode"] = "gatys"
        at.session_state["style_g_size"] = 64
        at.session_state["style_g_steps"] = 5

    at = run_page("style_transfer", lang, timeout=600, setup=setup)
    assert_clean(at)
    assert at.info[0].value == translate("style.not_started", lang)
    at.button(key="style_g_start").click().run()
    assert_clean(at)
    job = at.session_state["_jobs"]["gatys"]
    assert job.wait(600)
    at.run()
    assert_clean(at)
    assert job.snapshot().latest.last.step == 5 and job.result.last.step == 5
    assert any(m.value == f"**{translate('style.gram', lang)}**" for m in at.markdown)
    assert at.button(key="style_g_start").disabled is False, "Start is enabled again"


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_link_restores_style_and_keeps_the_photos_colours(lang: str, served: dict) -> None:
    query = {"style": "3", "size": "256", "strength": "0.8", "colours": "1"}
    at = open_link("style_transfer", {**query, "lang": lang}, timeout=600)
    assert_clean(at)
    assert at.selectbox(key="style_fast_index").value == 3 and at.slider(key="style_fast_side").value == 256
    assert at.slider(key="style_fast_strength").value == 0.8 and at.toggle(key="style_keep_colours").value is True
    assert {k: at.query_params[k] for k in query} == query
    download = named(served, "stylised.png")
    assert download.mimetype == "image/png"
    result = Image.open(io.BytesIO(download.data))
    assert result.format == "PNG" and max(result.size) == 256
    photo = Image.open(ASSETS / "images" / "chelsea.png").convert("RGB").resize(result.size, Image.Resampling.LANCZOS)
    chroma = np.abs(np.asarray(result.convert("YCbCr"), np.float32) - np.asarray(photo.convert("YCbCr"), np.float32))
    assert chroma[..., 1:].mean() < 2.0, "the downloaded result has the photo's colours"
    assert chroma[..., 0].mean() > 5.0, "and the style's brightness"


def test_gatys_settings_come_from_the_link() -> None:
    query = {"mode": "gatys", "layers": "relu1_1~relu3_1", "beta": "100", "opt": "adam", "lr": "0.05", "steps": "10"}
    at = open_link("style_transfer", {**query, "lang": "zh"}, timeout=600)
    assert_clean(at)
    assert list(at.multiselect(key="style_g_style_layers").value) == ["relu1_1", "relu3_1"]
    assert at.select_slider(key="style_g_beta").value == "100" and at.slider(key="style_g_lr").value == 0.05
    assert at.slider(key="style_g_steps").value == 10 and at.radio(key="style_g_optimizer").value == "adam"
