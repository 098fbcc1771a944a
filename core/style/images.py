"""Small image helpers shared by the style modules: sizes and blending (tensors: ``core.tensors``)."""
from __future__ import annotations

from PIL import Image


def fit_side(image: Image.Image, side: int, multiple: int = 4) -> Image.Image:
    """Resize so the longer side is about ``side``; both sides are multiples of ``multiple``.

    The style networks downsample by 4 and upsample back, so odd sizes would come back cropped.
    """
    scale = side / max(image.size)
    width, height = (max(multiple, round(d * scale / multiple) * multiple) for d in image.size)
    if (width, height) == image.size:
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS)


def blend(stylised: Image.Image, content: Image.Image, strength: float) -> Image.Image:
    """Mix the stylised image with the content: 0 keeps the content, 1 the full style."""
    if strength >= 1.0:
        return stylised
    return Image.blend(content.resize(stylised.size, Image.Resampling.LANCZOS), stylised, float(strength))
