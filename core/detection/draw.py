"""Pictures of what the detector did; they take computed results and never run a model.

Boxes are ``(N, 4)`` x1, y1, x2, y2 in the pixels of the image drawn on.
"""
from __future__ import annotations

import colorsys
from collections.abc import Sequence

import torch
from PIL import Image, ImageDraw, ImageFont

GREY = (150, 150, 150)
INTERSECTION = (255, 200, 0)


def class_colour(class_id: int) -> tuple[int, int, int]:
    """A stable, well-separated colour per class (golden-ratio steps around the hue circle)."""
    r, g, b = colorsys.hsv_to_rgb((class_id * 0.618034) % 1.0, 0.85, 0.95)
    return int(r * 255), int(g * 255), int(b * 255)


def _font(image: Image.Image) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=max(12, round(max(image.size) / 40)))


def _width(image: Image.Image) -> int:
    return max(2, round(max(image.size) / 200))


def _label(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, colour: tuple[int, int, int],
           font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> None:
    """A filled tag with the text, above the box when there is room, else inside it."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    w, h = right - left + 6, bottom - top + 4
    x, y = xy[0], xy[1] - h if xy[1] - h >= 0 else xy[1]
    draw.rectangle((x, y, x + w, y + h), fill=colour)
    draw.text((x + 3, y + 2 - top), text, fill=(0, 0, 0), font=font)


def annotate(image: Image.Image, boxes: torch.Tensor, labels: Sequence[int], texts: Sequence[str]) -> Image.Image:
    """A copy of ``image`` with each box in its class colour and a ``text`` tag."""
    out = image.copy()
    draw, font, width = ImageDraw.Draw(out), _font(out), _width(out)
    for box, label, text in zip(boxes.tolist(), labels, texts):
        draw.rectangle(box, outline=class_colour(int(label)), width=width)
        _label(draw, (box[0], box[1]), text, class_colour(int(label)), font)
    return out


def nms_view(image: Image.Image, boxes: torch.Tensor, labels: Sequence[int], kept: Sequence[bool]) -> Image.Image:
    """Every candidate over the threshold: survivors of NMS in colour, suppressed ones thin and grey."""
    out = image.copy()
    draw, width = ImageDraw.Draw(out), _width(out)
    order = sorted(range(len(kept)), key=lambda i: bool(kept[i]))  # grey first, colours on top
    rows = boxes.tolist()
    for i in order:
        if kept[i]:
            draw.rectangle(rows[i], outline=class_colour(int(labels[i])), width=width + 1)
        else:
            draw.rectangle(rows[i], outline=GREY, width=1)
    return out


def grid_view(network_input: Image.Image, grid: tuple[int, int], cells: Sequence[tuple[int, int]],
              anchors: Sequence[tuple[float, float]], boxes: torch.Tensor, labels: Sequence[int],
              zoom: int = 2) -> Image.Image:
    """The network input with one scale's grid, and per detection its cell, anchor prior and box.

    ``cells``: (column, row); ``anchors``: (w, h) in input pixels, drawn dashed-looking (thin)
    and centred on the cell; ``boxes`` in input pixels. ``zoom`` enlarges for legibility.
    """
    out = network_input.resize((network_input.width * zoom, network_input.height * zoom), Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(out, "RGBA")
    rows, cols = grid
    step_x, step_y = out.width / cols, out.height / rows
    for c in range(1, cols):
        draw.line((c * step_x, 0, c * step_x, out.height), fill=(255, 255, 255, 110), width=1)
    for r in range(1, rows):
        draw.line((0, r * step_y, out.width, r * step_y), fill=(255, 255, 255, 110), width=1)
    for (col, row), (aw, ah), box, label in zip(cells, anchors, boxes.tolist(), labels):
        colour = class_colour(int(label))
        cx, cy = (col + 0.5) * step_x, (row + 0.5) * step_y
        draw.rectangle((col * step_x, row * step_y, (col + 1) * step_x, (row + 1) * step_y), fill=colour + (150,))
        draw.rectangle((cx - aw * zoom / 2, cy - ah * zoom / 2, cx + aw * zoom / 2, cy + ah * zoom / 2),
                       outline=(255, 255, 255, 230), width=2)
        draw.rectangle([v * zoom for v in box], outline=colour + (255,), width=3)
    return out


def iou_picture(a: Sequence[float], b: Sequence[float], size: tuple[int, int] = (400, 300)) -> Image.Image:
    """Two boxes on a blank canvas, their intersection filled."""
    out = Image.new("RGB", size, (250, 250, 250))
    draw = ImageDraw.Draw(out, "RGBA")
    draw.rectangle(tuple(a), fill=(31, 119, 180, 60), outline=(31, 119, 180, 255), width=3)
    draw.rectangle(tuple(b), fill=(214, 39, 40, 60), outline=(214, 39, 40, 255), width=3)
    inter = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    if inter[2] > inter[0] and inter[3] > inter[1]:
        draw.rectangle(inter, fill=INTERSECTION + (200,))
    return out
