"""Preprocessing, box mapping, thresholds and NMS, and the detections on the sample photos."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.ops import box_iou

from core.detection import pipeline
from core.detection.darknet import Darknet
from core.detection.postprocess import iou_parts, select
from core.detection.preprocess import RESIZE_MODES, fit
from core.errors import UserError
from core.image_input import load_image
from core.tensors import to_image, to_tensor
from tests.conftest import ASSETS


@pytest.fixture(scope="module")
def model() -> Darknet:
    return pipeline.load_model()


@pytest.fixture(scope="module")
def names() -> list[str]:
    return pipeline.class_names()


def _photo(name: str) -> Image.Image:
    return load_image((ASSETS / "images" / name).read_bytes())


@pytest.mark.parametrize(("name", "wanted"), [("coffee.png", {"cup"}), ("motorcycle_left.png", {"motorbike", "motorcycle"})])
def test_samples_are_found_with_the_defaults(model: Darknet, names: list[str], name: str, wanted: set[str]) -> None:
    raw = pipeline.raw_predictions(model, _photo(name))
    detections, _ = pipeline.detect(raw, names)
    assert wanted & {d.label for d in detections}, [(d.label, d.score) for d in detections]
    best = max(detections, key=lambda d: d.score)
    assert best.label in wanted
    width, height = raw.transform.width, raw.transform.height
    x1, y1, x2, y2 = best.box
    assert (x2 - x1) * (y2 - y1) > 0.2 * width * height, "the main object covers much of the photo"


@pytest.mark.parametrize("mode", RESIZE_MODES)
@pytest.mark.parametrize("shape", [(600, 400), (333, 517), (1001, 97), (97, 1001), (416, 416), (35, 33)])
def test_transform_maps_exactly_and_boxes_stay_inside(mode: str, shape: tuple[int, int]) -> None:
    image = Image.new("RGB", shape, (10, 200, 30))
    pixels, transform = fit(image, 320, mode)
    assert pixels.shape == (3, 320, 320) and pixels.dtype == torch.uint8
    corners = torch.tensor([[0.0, 0.0, shape[0], shape[1]], [3.5, 1.25, 20.0, 30.0]])
    assert torch.allclose(transform.to_original(transform.to_input(corners)),
                          corners.clamp(max=torch.tensor([shape[0], shape[1]] * 2)), atol=1e-3)
    mapped = transform.to_input(corners[:1])[0]
    if mode == "letterbox":  # the image fills one side exactly and is centred on the other
        assert mapped[0] >= 0 and mapped[1] >= 0 and mapped[2] <= 320 + 1e-3 and mapped[3] <= 320 + 1e-3
        assert min(float(mapped[0]), float(mapped[1])) == 0
        assert max(float(mapped[2]), float(mapped[3])) == pytest.approx(320)
    elif mode == "stretch":
        assert torch.allclose(mapped, torch.tensor([0.0, 0, 320, 320]))
    else:  # centre crop covers the whole input
        assert mapped[0] <= 0 and mapped[1] <= 0 and mapped[2] >= 320 - 1e-3 and mapped[3] >= 320 - 1e-3
    wild = torch.tensor([[-50.0, -60.0, 400.0, 380.0], [100.0, 100.0, 130.0, 140.0], [300.0, -5.0, 700.0, 10.0]])
    back = transform.to_original(wild)
    assert (back[:, 0] >= 0).all() and (back[:, 1] >= 0).all()
    assert (back[:, 2] <= shape[0]).all() and (back[:, 3] <= shape[1]).all()


@pytest.mark.parametrize("mode", RESIZE_MODES)
def test_detected_boxes_are_inside_odd_sized_photos(model: Darknet, names: list[str], mode: str) -> None:
    photo = _photo("motorcycle_left.png").crop((0, 0, 733, 487))  # odd width and height
    raw = pipeline.raw_predictions(model, photo, 352, mode)
    detections, _ = pipeline.detect(raw, names, conf=0.05)
    assert detections
    for d in detections:
        x1, y1, x2, y2 = d.box
        assert 0 <= x1 <= x2 <= 733 and 0 <= y1 <= y2 <= 487


def test_letterbox_pads_with_grey_and_tensor_is_unit_range() -> None:
    pixels, transform = fit(Image.new("RGB", (200, 100), (255, 0, 0)), 320, "letterbox")
    x, network_input = to_tensor(pixels), to_image(pixels)
    assert x.shape == (1, 3, 320, 320) and x.min() >= 0 and x.max() <= 1
    assert network_input.getpixel((5, 5)) == (128, 128, 128) and network_input.getpixel((160, 160)) == (255, 0, 0)
    assert transform.offset_y == 80 and transform.scale_x == transform.scale_y == 1.6



@pytest.mark.parametrize("mode", RESIZE_MODES)
def test_resize_is_pillows_bilinear(mode: str) -> None:
    """``fit`` resizes with torch's uint8 kernel: Pillow's antialiased bilinear, up to rounding."""
    photo = _photo("motorcycle_left.png")
    pixels, transform = fit(photo, 416, mode)
    network_input = to_image(pixels)
    assert network_input.size == (416, 416)
    new_w, new_h = round(photo.width * transform.scale_x), round(photo.height * transform.scale_y)
    expected = Image.new("RGB", (416, 416), (128, 128, 128))
    expected.paste(photo.resize((new_w, new_h), Image.Resampling.BILINEAR),
                   (int(transform.offset_x), int(transform.offset_y)))
    difference = np.abs(np.asarray(network_input, dtype=int) - np.asarray(expected, dtype=int))
    assert difference.max() <= 1 and (difference > 0).mean() < 0.01

def test_bad_sizes_are_refused(model: Darknet) -> None:
    for size in (300, 640, 416 + 16):
        with pytest.raises(UserError) as caught:
            pipeline.raw_predictions(model, _photo("coffee.png"), size)
        assert caught.value.key == "det.err.size"


@pytest.mark.parametrize(("conf", "iou"), [(0.01, 0.3), (0.05, 0.45), (0.1, 0.7)])
def test_selection_is_thresholded_class_wise_nms(model: Darknet, conf: float, iou: float) -> None:
    c = pipeline.raw_predictions(model, _photo("motorcycle_left.png")).candidates
    s = select(c, conf, iou)
    assert (s.scores >= conf).all() and (s.scores[:-1] >= s.scores[1:]).all()
    expected = (c.objectness * c.class_probs.max(1).values >= conf).sum()
    assert len(s.index) == expected
    boxes = c.boxes[s.index]
    overlap = box_iou(boxes, boxes)
    same = s.labels[:, None] == s.labels[None, :]
    kept = s.kept.nonzero().squeeze(1)
    for a in kept:  # kept boxes of one class never overlap more than the threshold
        for b in kept:
            if a != b and same[a, b]:
                assert overlap[a, b] <= iou + 1e-6
    for i in (~s.kept).nonzero().squeeze(1):  # each suppressed box overlaps a better kept one of its class
        better = kept[(kept < i) & same[i, kept]]
        assert (overlap[i, better] > iou).any()


def test_class_filter_keeps_only_the_chosen_classes(model: Darknet, names: list[str]) -> None:
    c = pipeline.raw_predictions(model, _photo("coffee.png")).candidates
    cup = names.index("cup")
    s = select(c, 0.01, 0.45, {cup})
    assert len(s.labels) and (s.labels == cup).all()
    assert len(select(c, 0.01, 0.45, set()).index) == 0


def test_iou_parts() -> None:
    a, b = torch.tensor([0.0, 0, 10, 10]), torch.tensor([5.0, 5, 15, 15])
    intersection, union, value = iou_parts(a, b)
    assert intersection == pytest.approx(25) and union == pytest.approx(175) and value == pytest.approx(25 / 175)
    assert iou_parts(a, torch.tensor([20.0, 20, 30, 30])) == pytest.approx((0, 200, 0))


def test_objectness_maps_have_one_value_per_anchor_and_cell(model: Darknet) -> None:
    c = pipeline.raw_predictions(model, _photo("coffee.png")).candidates
    assert c.grids == ((13, 13), (26, 26))
    heat = c.objectness_map(0)
    assert heat.shape == (3, 13, 13)
    best = int(c.objectness[c.scale == 0].argmax())
    row, col, anchor = best // (13 * 3), (best // 3) % 13, best % 3
    assert heat[anchor, row, col] == c.objectness[c.scale == 0].max()
    assert tuple(c.cell[best].tolist()) == (col, row) and int(c.anchor[best]) == anchor


def test_available_models_falls_back_to_tiny() -> None:
    models = pipeline.available_models()
    assert models[0] == "yolov3-tiny" and set(models) <= set(pipeline.MODELS)


@pytest.mark.skipif("yolov3" not in pipeline.available_models(), reason="full YOLOv3 (optional) is not installed")
def test_full_yolov3_has_three_scales_and_finds_the_cup(names: list[str]) -> None:
    full = pipeline.load_model("yolov3")
    raw = pipeline.raw_predictions(full, _photo("coffee.png"))
    assert raw.candidates.grids == ((13, 13), (26, 26), (52, 52))
    assert "cup" in {d.label for d in pipeline.detect(raw, names)[0]}
