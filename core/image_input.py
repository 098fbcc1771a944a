"""Turn uploaded bytes into a plain RGB image, or a clear, translatable error.

Every page that takes a photo goes through ``load_image``: it accepts the common formats
(PNG, JPEG, WebP, BMP, GIF first frame, TIFF), undoes EXIF rotation, flattens alpha onto
white, and maps CMYK, palette, 16-bit and grayscale images to 8-bit RGB. It refuses
non-images, truncated files and decompression bombs before they eat the server's memory,
and downsizes large photos so one upload cannot slow a class down.
Nothing is written to disk: the bytes are decoded in memory. The way back, a picture as PNG
bytes for a download button or the command line, is ``png_bytes``.
"""
from __future__ import annotations

import functools
import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from core.errors import ImageInputError
from core.settings import LIMITS

ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "WEBP", "BMP", "GIF", "TIFF"})
ACCEPTED_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "bmp", "gif", "tif", "tiff"]  # for st.file_uploader

# A truncated file must fail loudly, never decode as a half-grey picture.
ImageFile.LOAD_TRUNCATED_IMAGES = False


def load_image(
    data: bytes,
    *,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
    max_side: int | None = None,
    min_side: int = 1,
) -> Image.Image:
    """Decode ``data`` into an RGB ``PIL.Image`` no larger than ``max_side`` on its longest side.

    Limits default to ``core.settings.LIMITS``. Raises ``ImageInputError`` (with a
    translation key) for anything that is not a usable image.
    """
    max_bytes = max_bytes if max_bytes is not None else LIMITS.max_upload_mb * 1024 * 1024
    max_pixels = max_pixels if max_pixels is not None else LIMITS.max_pixels
    max_side = max_side if max_side is not None else LIMITS.max_side

    if not data:
        raise ImageInputError("err.image_empty")
    if len(data) > max_bytes:
        raise ImageInputError(
            "err.image_too_big_bytes", size_mb=len(data) / 2**20, limit_mb=max_bytes // 2**20
        )
    image = _open_checked(data, max_pixels)
    if min(image.size) < min_side:
        raise ImageInputError("err.image_too_small", width=image.width, height=image.height, minimum=min_side)
    image = ImageOps.exif_transpose(image) or image
    rgb = to_rgb(image)
    if max(rgb.size) > max_side:
        rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return rgb


def load_image_file(path: Path) -> Image.Image:
    """``load_image`` for a file on disk (the command line); an unreadable path is a clear error too."""
    try:
        data = path.read_bytes()
    except OSError:
        raise ImageInputError("err.file_unreadable", path=str(path)) from None
    return load_image(data)


@functools.lru_cache(maxsize=32)
def sample_bytes(path: Path) -> bytes:
    """A bundled sample photo's bytes, read from the disk once per process (the files do not change while it
    runs); never for uploads, which stay in their session."""
    return path.read_bytes()


def _open_checked(data: bytes, max_pixels: int) -> Image.Image:
    """Open and fully decode the first frame, checking the pixel count before decoding.

    ``Image.open`` reads the header only, so our own check comes before any pixel is decoded.
    Pillow's process-wide guard (``Image.MAX_IMAGE_PIXELS``) stays at its default, a hard ceiling
    above our limit: sessions decode at once, and changing it for one would change it for all.
    """
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:  # beyond Pillow's ceiling
        raise ImageInputError("err.image_too_many_pixels", pixels=_header_pixels(data), limit=max_pixels) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ImageInputError("err.image_not_image") from None
    if image.format not in ACCEPTED_FORMATS:
        raise ImageInputError("err.image_not_image")
    pixels = image.width * image.height
    if pixels > max_pixels:
        raise ImageInputError("err.image_too_many_pixels", pixels=pixels, limit=max_pixels)
    try:
        image.seek(0)  # animated GIF / multi-page TIFF: the first frame
        image.load()
    except Image.DecompressionBombError:  # a GIF frame or TIFF tile larger than the header said
        raise ImageInputError("err.image_too_many_pixels", pixels=pixels, limit=max_pixels) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ImageInputError("err.image_corrupt") from None
    return image


def _header_pixels(data: bytes) -> int:
    """Pixel count read from the header alone by the format's own parser (``Image.open`` adds the guard)."""
    for name in sorted(ACCEPTED_FORMATS):
        factory, accept = Image.OPEN.get(name, (None, None))
        if factory is None or (accept is not None and not accept(data[:16])):
            continue
        try:
            with factory(io.BytesIO(data), "") as image:
                return image.width * image.height
        except Exception:  # noqa: BLE001 - not this format, or a header too broken to tell
            continue
    return 0


def png_bytes(image: Image.Image) -> bytes:
    """The picture encoded as PNG, in memory: for download buttons, data URIs and the command line."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(image: Image.Image, quality: int = 90) -> bytes:
    """The picture encoded as JPEG, in memory: for photos the page shows again and again (several times faster
    to encode than PNG, and smaller to send)."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def to_rgb(image: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB; transparency is flattened onto white."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        return _high_depth_to_rgb(image)
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _high_depth_to_rgb(image: Image.Image) -> Image.Image:
    """16-bit or float grayscale: stretch its own range onto 0..255 (keeps faint images visible)."""
    values = np.asarray(image, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) / (high - low) * 255.0 if high > low else np.zeros_like(values)
    return Image.fromarray(scaled.astype(np.uint8), mode="L").convert("RGB")
