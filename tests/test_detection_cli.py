"""``python -m core detect``: JSON and text output, and clear errors."""
from __future__ import annotations

import json

import pytest

from core.assets.registry import FETCH_FULL_COMMAND
from core.cli import main
from core.detection import pipeline
from tests.conftest import ASSETS


def test_detect_json_finds_the_motorbike(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", str(ASSETS / "images" / "motorcycle_left.png"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["width"], result["height"], result["size"], result["conf"], result["iou"]) == (741, 500, 416, 0.25, 0.45)
    labels = [d["label"] for d in result["detections"]]
    assert "motorbike" in labels
    for d in result["detections"]:
        x1, y1, x2, y2 = d["box"]
        assert 0 <= x1 < x2 <= 741 and 0 <= y1 < y2 <= 500 and d["score"] >= 0.25


def test_detect_text_and_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", str(ASSETS / "images" / "coffee.png"), "--size", "320", "--conf", "0.99"]) == 0
    assert capsys.readouterr().out.strip() == "no detections"
    assert main(["detect", str(ASSETS / "images" / "coffee.png")]) == 0
    assert capsys.readouterr().out.startswith("cup")


@pytest.mark.parametrize(("args", "message"), [(["--size", "100"], "multiple of 32"), ([], "not an image")])
def test_detect_errors_are_short_messages(tmp_path, capsys: pytest.CaptureFixture[str], args: list[str],
                                          message: str) -> None:
    path = ASSETS / "images" / "coffee.png" if args else tmp_path / "notes.png"
    if not args:
        path.write_text("hello")
    assert main(["detect", str(path), *args]) == 2
    assert message in capsys.readouterr().err.lower()


@pytest.mark.skipif("yolov3" in pipeline.available_models(), reason="full YOLOv3 is installed here")
def test_missing_full_model_names_the_install_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", str(ASSETS / "images" / "coffee.png"), "--model", "yolov3"]) == 2
    assert FETCH_FULL_COMMAND in capsys.readouterr().err
