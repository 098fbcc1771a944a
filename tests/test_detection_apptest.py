"""The detection page through the real app frame, in both languages: an upload, every view, and live sliders."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from PIL import Image

from core.detection.darknet import Darknet
from core.i18n import translate
from tests.conftest import ASSETS, LANGS, assert_clean, run_page
from tests.page_links import named, open_link


def upload(at, data: bytes, name: str = "upload.png") -> None:
    """Switch the image source to upload (by value: the labels are translated) and upload ``data``."""
    at.session_state["det_source"] = "upload"
    at.run()
    at.file_uploader(key="det_upload").set_value((name, data, "image/png")).run()


def fresh_motorcycle(seed: int) -> bytes:
    """motorcycle_left.png with one pixel changed: new bytes, so nothing is cached yet."""
    image = Image.open(ASSETS / "images" / "motorcycle_left.png").convert("RGB")
    image.putpixel((0, 0), (seed % 256, 7, 9))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def table_classes(at, lang: str) -> list[str]:
    return list(at.dataframe[0].value[translate("det.col.class", lang)])


@pytest.mark.parametrize("lang", LANGS)
def test_upload_is_detected_and_every_view_renders(lang: str) -> None:
    at = run_page("detection", lang)
    assert_clean(at)
    assert "cup" in table_classes(at, lang)  # the default sample
    upload(at, fresh_motorcycle(LANGS.index(lang)))
    assert_clean(at)
    assert {"motorbike", "motorcycle"} & set(table_classes(at, lang))
    for view in ("nms", "grid", "heatmap", "iou", "detections"):
        at.session_state["det_view"] = view
        at.run()
        assert_clean(at)
    at.session_state["det_view"] = "iou"
    at.run()
    assert translate("det.iou_value", lang) in [m.label for m in at.metric]


def test_sliders_filter_without_running_the_network_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every real forward pass of any Darknet model is recorded (input side, resize mode unknown to it)."""
    calls: list[int] = []
    real = Darknet.forward

    def counting(self, x):
        calls.append(x.shape[-1])
        return real(self, x)

    monkeypatch.setattr(Darknet, "forward", counting)
    at = run_page("detection", "en")
    calls.clear()  # the default sample may or may not be cached already
    upload(at, fresh_motorcycle(100))
    assert_clean(at)
    assert calls == [416]
    kept_at_default = len(at.dataframe[0].value)
    at.slider(key="det_conf").set_value(0.02).run()
    at.slider(key="det_iou").set_value(0.9).run()
    assert len(at.dataframe[0].value) > kept_at_default, "a lower threshold and looser NMS keep more boxes"
    at.multiselect(key="det_classes").set_value(["motorbike"]).run()
    assert set(table_classes(at, "en")) == {"motorbike"}
    for view in ("nms", "grid", "heatmap", "detections"):
        at.session_state["det_view"] = view
        at.run()
    assert_clean(at)
    assert calls == [416], "thresholds, classes and views only re-filter"
    at.select_slider(key="det_size").set_value(320).run()
    assert_clean(at)
    assert calls == [416, 320], "a new input size does run the network"
    at.session_state["det_mode"] = "center_crop"
    at.run()
    assert calls == [416, 320, 320], "so does a new resize mode"


@pytest.mark.parametrize("lang", ["zh"])
def test_a_bad_upload_gets_a_clear_message(lang: str) -> None:
    at = run_page("detection", lang)
    upload(at, b"not an image at all", "broken.png")
    assert not at.exception
    assert [e.value for e in at.error] == [translate("err.image_not_image", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_link_restores_the_view_and_the_downloads_match(lang: str, served: dict) -> None:
    """Thresholds, classes and size from the link; the CSV equals the table shown, the PNG is the drawn photo."""
    query = {"conf": "0.1", "nms": "0.6", "classes": "cup~wine glass", "size": "352"}
    at = open_link("detection", {**query, "lang": lang})
    assert_clean(at)
    assert at.slider(key="det_conf").value == 0.1 and at.slider(key="det_iou").value == 0.6
    assert at.select_slider(key="det_size").value == 352
    assert list(at.multiselect(key="det_classes").value) == ["cup", "wine glass"]
    shown = at.dataframe[0].value
    assert set(shown[translate("det.col.class", lang)]) <= {"cup", "wine glass"} and "cup" in set(shown.iloc[:, 0])
    assert {k: at.query_params[k] for k in query} == query
    csv = named(served, "detections.csv")
    assert csv.mimetype == "text/csv"
    table = pd.read_csv(io.BytesIO(csv.data), encoding="utf-8-sig", dtype=str)
    assert list(table.columns) == list(shown.columns)
    assert table.values.tolist() == shown.astype(str).values.tolist(), "the CSV is the table shown"
    png = named(served, "detections.png")
    picture = Image.open(io.BytesIO(png.data))
    assert png.mimetype == "image/png" and picture.format == "PNG"
    assert picture.size == Image.open(ASSETS / "images" / "coffee.png").size


def test_a_link_to_the_iou_playground_and_bad_values() -> None:
    query = {"view": "iou", "ax": "100", "bx": "100", "ay": "60", "by": "60", "bw": "180", "bh": "140",
             "conf": "7", "size": "333", "classes": "unicorn"}
    at = open_link("detection", {**query, "lang": "en"})
    assert_clean(at)
    assert at.metric[0].value == "1.000", "the same box twice: IoU 1"
    assert at.slider(key="det_conf").value == 0.25 and at.select_slider(key="det_size").value == 416
    assert at.multiselect(key="det_classes").value in ([], ()), "an unknown class is ignored"
