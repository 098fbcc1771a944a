"""Uploaded bytes -> RGB image, or a clear error: every case made here, in the test."""
from __future__ import annotations

import io
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image

from core.errors import ImageInputError
from core.image_input import load_image, png_bytes, sample_bytes
from tests.conftest import ASSETS


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _gradient(size=(64, 48)) -> Image.Image:
    x = np.linspace(0, 255, size[0], dtype=np.uint8)
    rgb = np.stack([np.tile(x, (size[1], 1)), np.full((size[1], size[0]), 128, np.uint8),
                    np.tile(x[::-1], (size[1], 1))], axis=-1)
    return Image.fromarray(rgb, "RGB")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "BMP", "GIF", "TIFF"])
def test_common_formats_decode_to_rgb(fmt: str) -> None:
    image = load_image(_encode(_gradient(), fmt))
    assert image.mode == "RGB" and image.size == (64, 48)


def test_gif_takes_the_first_frame() -> None:
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    assert load_image(buffer.getvalue()).getpixel((5, 5))[0] > 200  # red, not blue


def test_exif_rotation_is_applied() -> None:
    image = Image.new("RGB", (40, 20), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    data = _encode(image, "JPEG", exif=exif.tobytes())
    assert load_image(data).size == (20, 40)


def test_cmyk_becomes_rgb() -> None:
    cmyk = Image.new("CMYK", (10, 10), (0, 255, 255, 0))  # pure red in CMYK
    out = load_image(_encode(cmyk, "JPEG"))
    r, g, b = out.getpixel((5, 5))
    assert out.mode == "RGB" and r > 200 and g < 60 and b < 60


def test_palette_with_transparency_is_flattened_on_white() -> None:
    image = Image.new("P", (10, 10), 0)
    image.putpalette([0, 0, 0] * 256)
    image.info["transparency"] = 0
    out = load_image(_encode(image, "PNG", transparency=0))
    assert out.getpixel((3, 3)) == (255, 255, 255)


def test_alpha_is_flattened_on_white() -> None:
    rgba = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    assert load_image(_encode(rgba, "PNG")).getpixel((1, 1)) == (255, 255, 255)


def test_sixteen_bit_grayscale_keeps_its_contrast() -> None:
    values = np.linspace(1000, 3000, 32 * 32, dtype=np.uint16).reshape(32, 32)
    out = np.asarray(load_image(_encode(Image.fromarray(values), "PNG")))
    assert out.min() == 0 and out.max() == 255


def test_grayscale_becomes_three_channels() -> None:
    out = load_image(_encode(Image.new("L", (8, 8), 90), "PNG"))
    assert out.getpixel((0, 0)) == (90, 90, 90)


def test_large_photos_are_downsized() -> None:
    out = load_image(_encode(_gradient((3000, 1000)), "PNG"), max_side=1200)
    assert out.size == (1200, 400)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "err.image_empty"),
        (b"%PDF-1.4 not an image at all" * 10, "err.image_not_image"),
        ("plain text".encode() * 100, "err.image_not_image"),
    ],
)
def test_non_images_are_refused(data: bytes, key: str) -> None:
    with pytest.raises(ImageInputError) as info:
        load_image(data)
    assert info.value.key == key


def test_truncated_file_is_refused() -> None:
    data = (ASSETS / "images" / "coffee.png").read_bytes()
    with pytest.raises(ImageInputError) as info:
        load_image(data[: len(data) // 2])
    assert info.value.key == "err.image_corrupt"


def test_truncated_jpeg_is_refused() -> None:
    data = _encode(_gradient((400, 300)), "JPEG", quality=95)
    with pytest.raises(ImageInputError) as info:
        load_image(data[: len(data) // 2])
    assert info.value.key == "err.image_corrupt"


def test_pixel_limit_is_checked_before_decoding() -> None:
    data = _encode(Image.new("L", (5000, 5000)), "PNG")  # 25 Mpx, a few KB compressed
    with pytest.raises(ImageInputError) as info:
        load_image(data, max_pixels=10_000_000)
    assert info.value.key == "err.image_too_many_pixels"
    assert info.value.params["pixels"] == 25_000_000


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    """225 Mpx, beyond Pillow's own guard (2x MAX_IMAGE_PIXELS), in files of a few KB to a few MB."""
    return {fmt: _encode(Image.new("1" if fmt != "JPEG" else "L", (15000, 15000)), fmt) for fmt in ("PNG", "JPEG")}


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_decompression_bomb_is_refused_with_its_size(bombs: dict[str, bytes], fmt: str) -> None:
    """Beyond Pillow's own guard the header alone tells the size."""
    with pytest.raises(ImageInputError) as info:
        load_image(bombs[fmt], max_pixels=10**12)
    assert info.value.key == "err.image_too_many_pixels"
    assert info.value.params["pixels"] == 225_000_000


def test_concurrent_sessions_decode_safely(bombs: dict[str, bytes]) -> None:
    """Sessions upload at once: bombs refused, photos decoded, Pillow's process-wide guard never lifted."""
    photo = _encode(_gradient((640, 480)), "JPEG")
    guard = Image.MAX_IMAGE_PIXELS

    def upload_bomb() -> None:
        for _ in range(150):
            with pytest.raises(ImageInputError):
                load_image(bombs["PNG"])

    def upload_photo() -> None:
        for _ in range(40):
            assert load_image(photo).size == (640, 480)

    def open_elsewhere() -> None:  # any other Image.open in the process keeps Pillow's guard
        for _ in range(600):
            with pytest.raises(Image.DecompressionBombError):
                Image.open(io.BytesIO(bombs["PNG"]))

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave at almost every bytecode: races show up
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(work) for work in (upload_bomb, upload_bomb, upload_bomb, upload_photo,
                                                      open_elsewhere, open_elsewhere)]
            for future in futures:
                future.result()
    finally:
        sys.setswitchinterval(switch)
    assert Image.MAX_IMAGE_PIXELS == guard


def test_byte_limit() -> None:
    with pytest.raises(ImageInputError) as info:
        load_image(b"x" * 2048, max_bytes=1024)
    assert info.value.key == "err.image_too_big_bytes"


def test_errors_are_translated() -> None:
    with pytest.raises(ImageInputError) as info:
        load_image(b"")
    assert info.value.message("zh") == "上传的文件是空的。"
    assert info.value.message("en") == "The uploaded file is empty."


def test_tiny_image_can_be_refused_by_a_page_minimum() -> None:
    with pytest.raises(ImageInputError) as info:
        load_image(_encode(Image.new("RGB", (1, 1)), "PNG"), min_side=16)
    assert info.value.key == "err.image_too_small"


def test_image_files_for_the_command_line(tmp_path) -> None:
    from core.image_input import load_image_file

    assert load_image_file(ASSETS / "images" / "coffee.png").size == (600, 400)
    with pytest.raises(ImageInputError) as info:
        load_image_file(tmp_path / "nowhere.png")
    assert info.value.key == "err.file_unreadable"


def test_png_bytes_round_trip() -> None:
    image = _gradient()
    assert load_image(png_bytes(image)).tobytes() == image.tobytes()


def test_a_sample_photo_is_read_from_the_disk_once() -> None:
    path = ASSETS / "images" / "coffee.png"
    first = sample_bytes(path)
    assert first == path.read_bytes()
    assert sample_bytes(path) is first  # the same bytes object: no second read
