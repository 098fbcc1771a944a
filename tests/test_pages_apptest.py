"""Every page file runs through the real Home.py frame in both languages without an exception."""
import json

import pytest

from core.assets import ASSETS
from core.i18n import translate

from tests.conftest import LANGS, PAGE_IDS, ROOT, assert_clean, run_page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_page_runs_clean(page_id: str, lang: str) -> None:
    at = run_page(page_id, lang)
    assert_clean(at)
    assert at.title[0].value == translate(f"page.{page_id}", lang), "the page itself ran, not Home"


@pytest.mark.parametrize("lang", LANGS)
def test_home_runs_clean(lang: str) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert_clean(at)
    assert at.title[0].value == {"en": "Deep Learning Visual Lab", "zh": "深度学习可视化实验室"}[lang]
    assert at.success and at.success[0].value == translate("home.assets_ok", lang, count=sum(a.default for a in ASSETS)), "asset status shown"
    device_caption = translate("app.device", lang, device="CPU", threads=1).split("CPU")[0]
    assert any(c.value.startswith(device_caption) for c in at.caption), "the device in use is shown"
    assert [r.key for r in at.sidebar.radio] == ["lang", "chart_format"], "the frame's two choices"
    assert at.sidebar.radio(key="lang").value == lang and at.sidebar.radio(key="chart_format").value == "png"


@pytest.mark.parametrize("chosen", ["png", "svg"])
def test_every_chart_downloads_in_the_format_the_reader_chose(chosen: str) -> None:
    """plotly's own toolbar export, PNG or SVG, as picked in the sidebar (kept across pages)."""
    at = run_page("optimizers", "en")
    at.session_state["chart_format"] = chosen  # the sidebar radio of Home.py's frame
    at.run()
    assert_clean(at)
    charts = at.get("plotly_chart")
    assert charts
    for element in charts:
        config = json.loads(element.proto.config)
        assert config["toImageButtonOptions"]["format"] == chosen
        assert config["toImageButtonOptions"]["filename"]
