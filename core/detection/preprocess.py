"""Fit any photo into the square network input, and map boxes back to the photo exactly.

Three ways, as in the course notes:
- ``letterbox`` (default): scale to fit, keep the aspect ratio, pad with grey (Darknet's 0.5);
- ``stretch``: resize to the square, distorting the aspect ratio (what OpenCV's blobFromImage does);
- ``center_crop``: scale to cover, cut the middle square (objects near the edges are lost).
Each is the affine map ``input = original * scale + offset`` per axis, recorded in ``Transform``,
so mapping back is its exact inverse.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from PIL import Image

from core.errors import UserError
from core.tensors import to_pixels

RESIZE_MODES = ("letterbox", "stretch", "center_crop")
INPUT_SIZES = tuple(range(320, 609, 32))  # multiples of 32: the network downsamples by 2 five times
PAD_GREY = 128  # Darknet letterboxes onto 0.5 grey


@dataclass(frozen=True)
class Transform:
    """``input = original * scale + offset`` per axis; the original image is ``width × height``."""

    scale_x: float
    scale_y: float
    offset_x: float
    offset_y: float
    width: int
    height: int

    def to_original(self, boxes: torch.Tensor) -> torch.Tensor:
        """Boxes ``(N, 4)`` x1, y1, x2, y2 in input pixels → original pixels, clipped to the image."""
        scale = boxes.new_tensor([self.scale_x, self.scale_y, self.scale_x, self.scale_y])
        offset = boxes.new_tensor([self.offset_x, self.offset_y, self.offset_x, self.offset_y])
        out = (boxes - offset) / scale
        limits = boxes.new_tensor([self.width, self.height, self.width, self.height])
        return torch.minimum(out.clamp(min=0), limits)

    def to_input(self, boxes: torch.Tensor) -> torch.Tensor:
        """Boxes ``(N, 4)`` in original pixels → input pixels (the forward map, for drawing and tests)."""
        scale = boxes.new_tensor([self.scale_x, self.scale_y, self.scale_x, self.scale_y])
        offset = boxes.new_tensor([self.offset_x, self.offset_y, self.offset_x, self.offset_y])
        return boxes * scale + offset


def check_size(size: int) -> int:
    if size not in INPUT_SIZES:
        raise UserError("det.err.size", size=size, low=INPUT_SIZES[0], high=INPUT_SIZES[-1])
    return size


def fit(image: Image.Image, size: int, mode: str = "letterbox") -> tuple[torch.Tensor, Transform]:
    """The RGB ``image`` as the ``(3, size, size)`` uint8 network input, and the transform that made it."""
    if mode not in RESIZE_MODES:
        raise ValueError(f"mode must be one of {RESIZE_MODES}, not {mode!r}")
    width, height = image.size
    if mode == "stretch":
        new_w = new_h = size
    else:
        ratio = min(size / width, size / height) if mode == "letterbox" else max(size / width, size / height)
        new_w, new_h = max(1, round(width * ratio)), max(1, round(height * ratio))
    # Letterbox: a positive offset (the padding); centre crop: a negative one (the cut-off part).
    offset_x, offset_y = (size - new_w) // 2, (size - new_h) // 2
    resized = _resize(image, new_w, new_h)  # (3, new_h, new_w)
    pixels = torch.full((3, size, size), PAD_GREY, dtype=torch.uint8)
    x0, y0, x1, y1 = max(offset_x, 0), max(offset_y, 0), min(offset_x + new_w, size), min(offset_y + new_h, size)
    pixels[:, y0:y1, x0:x1] = resized[:, y0 - offset_y:y1 - offset_y, x0 - offset_x:x1 - offset_x]
    return pixels, Transform(new_w / width, new_h / height, float(offset_x), float(offset_y), width, height)


def _resize(image: Image.Image, width: int, height: int) -> torch.Tensor:
    """Pillow's bilinear resize (antialiased when shrinking) → ``(3, height, width)`` uint8.

    Computed by torch's uint8 kernel: the same filter as ``Image.resize(BILINEAR)`` (pixels
    differ by at most 1 level, from rounding) in less than half the time.
    """
    pixels = to_pixels(image).unsqueeze(0)  # (1, 3, H, W)
    return F.interpolate(pixels, (height, width), mode="bilinear", align_corners=False, antialias=True)[0]

