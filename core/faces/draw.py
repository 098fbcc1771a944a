"""Draw detections on a copy of a photo: boxes, the 5 landmarks, the face number."""
from __future__ import annotations

from PIL import Image, ImageDraw

from core.faces.pipeline import PhotoFaces

LANDMARK_COLOURS = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e"]  # eyes, nose, mouth corners
SELECTED, OTHER = "#00c853", "#ffd600"


def annotate(image: Image.Image, faces: PhotoFaces, selected: int | None = 0) -> Image.Image:
    """A copy of ``image`` with each face's box (the selected one in green), landmarks and number."""
    out = image.copy()
    pen = ImageDraw.Draw(out)
    width = max(2, round(max(image.size) / 300))
    for i, (box, marks) in enumerate(zip(faces.boxes, faces.landmarks)):
        colour = SELECTED if i == selected else OTHER
        pen.rectangle([float(v) for v in box], outline=colour, width=width)
        pen.text((float(box[0]) + width, float(box[1]) + width), str(i + 1), fill=colour,
                 font_size=max(12, 8 * width))
        for (x, y), dot in zip(marks, LANDMARK_COLOURS):
            r = 1.5 * width
            pen.ellipse([x - r, y - r, x + r, y + r], fill=dot)
    return out
