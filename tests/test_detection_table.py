"""The detections table (shown and downloaded) and the drawn photo, from a real YOLOv3-tiny run."""
import pytest
from PIL import Image

from core.detection import pipeline
from core.detection.share import detection_params
from core.detection.table import COLUMNS, annotated, detection_rows
from core.url_state import from_query
from tests.conftest import ASSETS


@pytest.fixture(scope="module")
def run():
    image = Image.open(ASSETS / "images" / "coffee.png").convert("RGB")
    raw = pipeline.raw_predictions(pipeline.load_model(), image)
    detections, _ = pipeline.detect(raw, pipeline.class_names())
    return image, raw, detections


def test_one_row_per_detection_in_every_column(run) -> None:
    image, raw, detections = run
    rows = detection_rows(detections, raw)
    assert tuple(rows) == COLUMNS and detections
    assert all(len(column) == len(detections) for column in rows.values())
    assert rows["class"] == [d.label for d in detections] and "cup" in rows["class"]
    assert rows["score"] == [round(d.score, 3) for d in detections]
    assert all(cell.count(",") == 3 for cell in rows["box"]) and set(rows["scale"]) <= {"13×13", "26×26"}


def test_the_drawn_photo_keeps_its_size_and_changes_where_the_boxes_are(run) -> None:
    image, _, detections = run
    picture = annotated(image, detections)
    assert picture.size == image.size and picture.tobytes() != image.tobytes()
    assert annotated(image, []).tobytes() == image.tobytes()


def test_link_params_accept_offered_values_only() -> None:
    params = detection_params(["yolov3-tiny"], pipeline.class_names())
    assert from_query(params, {"model": "yolov3", "size": "352", "classes": "person~cup"}) == {
        "det_size": 352, "det_classes": ("person", "cup")}, "a model that is not installed is ignored"
