"""The CNN feature maps page through the real Home.py frame, both languages, with an uploaded image."""
from __future__ import annotations

import pytest

from core.i18n import translate
from tests.conftest import ASSETS, LANGS, assert_clean, run_page

CHELSEA = (ASSETS / "images" / "chelsea.png").read_bytes()


def _upload(at, data: bytes = CHELSEA, name: str = "cat.png") -> None:
    at.session_state["cnn_image_source"] = "upload"  # by value: the labels are translated
    at.run()
    at.file_uploader(key="cnn_image_upload").set_value((name, data, "image/png")).run()


def _tab(at, lang: str, tab: str) -> None:
    at.session_state["cnn_tab"] = translate(f"cnn.tab.{tab}", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_networks_tab_on_an_uploaded_photo(lang: str) -> None:
    def setup(at) -> None:
        _upload(at)
        _tab(at, lang, "net")

    at = run_page("cnn_features", lang, setup=setup)
    assert_clean(at)
    grid_title = translate("cnn.grid_title", lang, count=16, channels=128, layer="pool3")
    assert any(m.value == grid_title for m in at.markdown), "SqueezeNet's default layer grid is shown"
    assert len(at.image) >= 3, "grid, large channel, overlay"
    top5 = at.dataframe[0].value
    assert "cat" in str(top5.iloc[0, 0]), top5  # an Egyptian / tiger / tabby cat

    # Click the third strongest channel: it is shown large and over the photo.
    pick = at.button_group(key="cnn_pick_squeezenet1_1_pool3")
    channel = int(pick.options[2].lstrip("#"))  # options are the formatted labels "#12"
    pick.set_value(channel).run()
    assert_clean(at)
    captions = [c for image in at.image for c in image.captions]
    assert translate("cnn.channel_overlay", lang, channel=channel) in captions

    # Layer switch and another network: still clean, the grid follows.
    at.selectbox(key="cnn_layer_squeezenet1_1").set_value("fire9").run()
    assert_clean(at)
    assert any(m.value == translate("cnn.grid_title", lang, count=16, channels=512, layer="fire9") for m in at.markdown)
    at.selectbox(key="cnn_model").set_value("vgg16-hed").run()
    assert_clean(at)
    assert any(i.value == translate("cnn.no_classifier", lang) for i in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_workbench_and_costs(lang: str) -> None:
    def setup(at) -> None:
        _upload(at)
        at.slider(key="cnn_stride").set_value(2)
        at.session_state["cnn_padding_mode"] = "valid"

    at = run_page("cnn_features", lang, setup=setup)
    assert_clean(at)
    # chelsea.png (451 x 300) is shown at 320 x 213: valid 3x3 at stride 2 gives 106 rows and 159 columns.
    latex = " ".join(formula.value for formula in at.latex)
    assert r"\frac{213 + 2\cdot0 - 3}{2}" in latex and "= 106" in latex and "= 159" in latex
    _tab(at, lang, "cost")
    at.run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert table.iloc[0, 2] == "120,422,400" and table.iloc[2, 2] == "12,443,648"


def test_a_bad_upload_shows_a_message_not_a_traceback() -> None:
    at = run_page("cnn_features", "en", setup=lambda at: _upload(at, b"definitely not a png", "x.png"))
    assert not at.exception
    assert at.error and at.error[0].value == translate("err.image_not_image", "en")
