"""Keep the photo's own colours: style transfer on luminance only (Gatys et al. 2016, "Preserving colour").

A stylised image takes the painting's palette along with its brush strokes. Often the strokes
are wanted and the palette is not: the stylised image's luminance (Y) is kept and the photo's
chroma (Cb, Cr) put back, in ITU-R BT.601 YCbCr (PIL's "YCbCr" mode), so the result is the
photo's colours drawn with the painting's texture.
"""
from __future__ import annotations

from PIL import Image


def keep_colours(stylised: Image.Image, photo: Image.Image) -> Image.Image:
    """``stylised``'s luminance with ``photo``'s chroma (the photo is resized to the stylised size)."""
    luminance, _, _ = stylised.convert("YCbCr").split()
    photo = photo.convert("RGB")
    if photo.size != stylised.size:
        photo = photo.resize(stylised.size, Image.Resampling.LANCZOS)
    _, cb, cr = photo.convert("YCbCr").split()
    return Image.merge("YCbCr", (luminance, cb, cr)).convert("RGB")
