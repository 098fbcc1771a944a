"""The detections as a table (what the page shows and what its CSV download holds) and drawn on the photo."""
from __future__ import annotations

import torch
from PIL import Image

from core.detection import draw
from core.detection.pipeline import Detection, RawPrediction

COLUMNS = ("class", "score", "objectness", "class_prob", "box", "scale", "cell", "anchor")


def grid_name(raw: RawPrediction, scale: int) -> str:
    """A head's grid as rows×cols, e.g. 13×13."""
    rows, cols = raw.candidates.grids[scale]
    return f"{rows}×{cols}"


def detection_rows(detections: list[Detection], raw: RawPrediction) -> dict[str, list]:
    """One row per detection, columns ``COLUMNS``: scores rounded to 3 places, box x1, y1, x2, y2 in pixels,
    the head's grid, the cell (column, row) and the anchor's size that made it."""
    return {
        "class": [d.label for d in detections],
        "score": [round(d.score, 3) for d in detections],
        "objectness": [round(d.objectness, 3) for d in detections],
        "class_prob": [round(d.class_prob, 3) for d in detections],
        "box": [", ".join(f"{v:.0f}" for v in d.box) for d in detections],
        "scale": [grid_name(raw, d.scale) for d in detections],
        "cell": [f"{d.cell[0]}, {d.cell[1]}" for d in detections],
        "anchor": ["{:.0f}×{:.0f}".format(*raw.anchors[d.scale][d.anchor]) for d in detections],
    }


def annotated(image: Image.Image, detections: list[Detection]) -> Image.Image:
    """The photo with each detection's box and "label score"."""
    boxes = torch.tensor([d.box for d in detections]).view(-1, 4)  # (N, 4) x1, y1, x2, y2
    return draw.annotate(image, boxes, [d.class_id for d in detections],
                         [f"{d.label} {d.score:.2f}" for d in detections])
