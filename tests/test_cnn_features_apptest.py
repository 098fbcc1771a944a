"""The CNN feature maps page through the real Home.py frame, both languages, with an uploaded image."""
from __future__ import annotations

import pytest

from core.i18n import translate
from tests.conftest import ASSETS, LANGS, assert_clean, run_page
from tests.page_links import csv_rows, download, open_link

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


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_restores_the_network_view(lang: str, served) -> None:
    base = {"img": "chelsea", "tab": "net", "layer": "fire9", "count": "8", "colormap": "Magma", "lang": lang}
    first = open_link("cnn_features", base)
    channel = int(first.button_group(key="cnn_pick_squeezenet1_1_fire9").options[2].lstrip("#"))
    at = open_link("cnn_features", {**base, "channel": str(channel)})
    assert_clean(at)
    assert at.title[0].value == translate("page.cnn_features", lang), "the link opens in its language"
    assert at.selectbox(key="cnn_image_sample").value == "chelsea"
    assert at.selectbox(key="cnn_layer_squeezenet1_1").value == "fire9" and at.slider(key="cnn_grid_count").value == 8
    assert at.selectbox(key="cnn_colormap").value == "Magma"
    assert any(m.value == translate("cnn.grid_title", lang, count=8, channels=512, layer="fire9") for m in at.markdown)
    captions = [c for image in at.image for c in image.captions]
    assert translate("cnn.channel_overlay", lang, channel=channel) in captions
    assert "cat" in str(at.dataframe[0].value.iloc[0, 0])
    query = {k: v for k, v in at.query_params.items() if k != "lang"}
    assert query == {**{k: v for k, v in base.items() if k != "lang"}, "channel": str(channel)}


def test_tables_and_pictures_download(served) -> None:
    from io import BytesIO

    from PIL import Image

    at = open_link("cnn_features", {"img": "chelsea", "tab": "net", "layer": "fire9"})
    assert_clean(at)
    top5, ranks = at.dataframe[0].value, at.dataframe[1].value
    data, mime, name = download(at, "cnn_top5_csv", served)
    assert (mime, name) == ("text/csv", "top5.csv")
    rows = csv_rows(data)
    assert rows[0] == list(top5.columns) and [r[0] for r in rows[1:]] == list(top5.iloc[:, 0])
    assert [float(r[1]) for r in rows[1:]] == pytest.approx(list(top5.iloc[:, 1]))
    rows = csv_rows(download(at, "cnn_ranks_csv", served)[0])
    assert rows[0] == ["rank", "channel", "mean", "max"] and len(rows) == 1 + 512
    assert [int(r[1]) for r in rows[1:]] == list(ranks["channel"]), "the CSV is the ranks table"
    means = [float(r[2]) for r in rows[1:]]
    assert means == sorted(means, reverse=True), "strongest channel first"
    grid, mime, name = download(at, "cnn_grid_png", served)
    assert (mime, name) == ("image/png", "feature_maps_squeezenet1_1_fire9.png")
    assert Image.open(BytesIO(grid)).size == (8 * 96 + 7 * 4, 2 * 96 + 4), "16 tiles, 8 a row"
    cam, mime, name = download(at, "cnn_cam_png", served)
    assert mime == "image/png" and name.startswith("gradcam_squeezenet1_1_fire9_")
    assert Image.open(BytesIO(cam)).size == (451, 300), "the overlay at the photo's size"


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_to_the_cost_calculator(lang: str, served) -> None:
    at = open_link("cnn_features", {"tab": "cost", "cost_c_in": "64", "cost_f": "3", "lang": lang})
    assert_clean(at)
    assert at.number_input(key="cnn_cost_c_in").value == 64 and at.number_input(key="cnn_cost_f").value == 3
    table = at.dataframe[0].value
    assert table.iloc[0, 2] == f"{28 * 28 * 32 * 9 * 64:,}"
    assert csv_rows(download(at, "cnn_cost_csv", served)[0])[1:] == table.astype(str).values.tolist()
