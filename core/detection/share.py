"""The detection page's settings as link parameters (``core.url_state``); never the photo.

Built per server: the models offered are those installed, the classes are the model's names.
"""
from __future__ import annotations

from collections.abc import Sequence

from core.detection import pipeline
from core.detection.preprocess import INPUT_SIZES, RESIZE_MODES
from core.url_state import Param

VIEWS = ("detections", "nms", "grid", "heatmap", "iou")
IOU_CANVAS = (400, 300)  # width, height of the IoU playground
IOU_BOXES = {"det_iou_a": (60, 60, 180, 140), "det_iou_b": (150, 110, 180, 140)}  # x, y, w, h


def iou_params(key: str, name: str, box: tuple[int, int, int, int]) -> list[Param]:
    width, height = IOU_CANVAS
    return [Param(f"{key}_x", f"{name}x", box[0], low=0, high=width),
            Param(f"{key}_y", f"{name}y", box[1], low=0, high=height),
            Param(f"{key}_w", f"{name}w", box[2], low=10, high=width),
            Param(f"{key}_h", f"{name}h", box[3], low=10, high=height)]


def detection_params(models: Sequence[str], names: Sequence[str]) -> list[Param]:
    """``models``: those installed (the first is the default); ``names``: the class names offered."""
    return [
        Param("det_model", "model", models[0], options=tuple(models)),
        Param("det_size", "size", pipeline.DEFAULT_SIZE, options=INPUT_SIZES),
        Param("det_mode", "fit", RESIZE_MODES[0], options=RESIZE_MODES),
        Param("det_conf", "conf", pipeline.DEFAULT_CONF, low=0.01, high=1.0),
        Param("det_iou", "nms", pipeline.DEFAULT_IOU, low=0.05, high=1.0),
        Param("det_classes", "classes", (), options=tuple(names)),
        Param("det_view", "view", VIEWS[0], options=VIEWS),
        Param("det_grid_scale", "scale", 0, low=0, high=2),
        *iou_params("det_iou_a", "a", IOU_BOXES["det_iou_a"]),
        *iou_params("det_iou_b", "b", IOU_BOXES["det_iou_b"]),
    ]
