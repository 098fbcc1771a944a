"""The style transfer page in both languages: each method shows a result, a Gatys job runs and finishes."""
import pytest

from core.i18n import translate
from tests.conftest import LANGS, assert_clean, run_page


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
    job = at.session_state["style_job"].job
    job.join(600)
    at.run()
    assert_clean(at)
    assert job.latest.step == 5
    assert any(m.value == f"**{translate('style.gram', lang)}**" for m in at.markdown)
    assert at.button(key="style_g_start").disabled is False, "Start is enabled again"
