"""Keeping the photo's colours: the stylised luminance with the photo's chroma."""
import numpy as np
import pytest
from PIL import Image

from core.style.colour import keep_colours
from tests.conftest import ASSETS


def ycbcr(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("YCbCr"), dtype=np.float32)  # (H, W, 3)


@pytest.fixture(scope="module")
def photo() -> Image.Image:
    return Image.open(ASSETS / "images" / "chelsea.png").convert("RGB")


def test_the_photos_chroma_comes_back_and_the_luminance_stays_stylised(photo: Image.Image) -> None:
    """A stand-in "stylisation" with other colours and other brightness: a hue-swapped, inverted photo."""
    r, g, b = photo.split()
    stylised = Image.merge("RGB", (b, r, g)).point(lambda v: 255 - v).resize((256, 192))
    kept = keep_colours(stylised, photo)
    assert kept.size == stylised.size and kept.mode == "RGB"
    want = ycbcr(photo.resize(stylised.size, Image.Resampling.LANCZOS))
    got, styled = ycbcr(kept), ycbcr(stylised)
    chroma_error = np.abs(got[..., 1:] - want[..., 1:])
    assert chroma_error.mean() < 2.0 and np.percentile(chroma_error, 99) < 12, "the photo's Cb, Cr within rounding"
    assert np.abs(got[..., 0] - styled[..., 0]).mean() < 2.0, "the stylised luminance is kept"
    assert np.abs(got[..., 0] - want[..., 0]).mean() > 40, "the luminance is not the photo's"
    assert np.abs(styled[..., 1:] - want[..., 1:]).mean() > 5, "the stand-in really had other colours"


def test_a_grey_photo_gives_a_grey_result(photo: Image.Image) -> None:
    grey = photo.convert("L").convert("RGB")
    array = np.asarray(keep_colours(photo, grey), dtype=np.int16)
    assert np.abs(array[..., 0] - array[..., 1]).max() <= 2 and np.abs(array[..., 1] - array[..., 2]).max() <= 2
