"""Pictures <-> tensors and the ImageNet normalisation, checked against torchvision's transforms."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.transforms import functional as TF

from core.tensors import IMAGENET_MEAN, IMAGENET_STD, caffe_input, normalise_imagenet, to_image, to_pixels, to_tensor
from tests.conftest import ASSETS


@pytest.fixture(scope="module")
def photo() -> Image.Image:
    return Image.open(ASSETS / "images" / "coffee.png").convert("RGB").crop((0, 0, 301, 203))  # odd sides


def test_pixels_and_tensor_match_torchvision(photo: Image.Image) -> None:
    assert torch.equal(to_pixels(photo), TF.pil_to_tensor(photo))
    x = to_tensor(photo)
    assert x.shape == (1, 3, 203, 301) and x.dtype == torch.float32 and x.is_contiguous()
    torch.testing.assert_close(x[0], TF.to_tensor(photo), rtol=0, atol=0)
    torch.testing.assert_close(to_tensor(to_pixels(photo)), x, rtol=0, atol=0)


def test_other_modes_become_rgb() -> None:
    grey = Image.new("L", (5, 4), 200)
    assert to_pixels(grey).shape == (3, 4, 5) and int(to_pixels(grey).min()) == 200


def test_to_tensor_refuses_float_input_instead_of_changing_it() -> None:
    with pytest.raises(ValueError, match="uint8"):
        to_tensor(torch.rand(3, 4, 4))


def test_round_trips_are_exact(photo: Image.Image) -> None:
    assert to_image(to_pixels(photo)).tobytes() == photo.tobytes()
    assert to_image(to_tensor(photo)).tobytes() == photo.tobytes()
    assert to_image(to_tensor(photo)[0]).tobytes() == photo.tobytes()


def test_floats_are_clamped_and_rounded() -> None:
    x = torch.tensor([-0.5, 0.0, 0.5 / 255, 0.49 / 255, 1.0, 2.0]).view(1, 1, 1, 6).expand(1, 3, 1, 6)
    assert np.asarray(to_image(x))[0, :, 0].tolist() == [0, 0, 1, 0, 255, 255]


def test_normalisation_matches_torchvision(photo: Image.Image) -> None:
    x = to_tensor(photo)
    expected = TF.normalize(x, list(IMAGENET_MEAN), list(IMAGENET_STD))
    torch.testing.assert_close(normalise_imagenet(x), expected)
    x64 = x.double()  # the statistics follow the input's dtype
    torch.testing.assert_close(normalise_imagenet(x64), TF.normalize(x64, list(IMAGENET_MEAN), list(IMAGENET_STD)))


def test_caffe_input_is_bgr_times_255_minus_means(photo: Image.Image) -> None:
    x = to_tensor(photo)
    means = (104.0, 117.0, 123.0)
    out = caffe_input(x, means)
    for channel, (source, mean) in enumerate(zip((2, 1, 0), means)):
        torch.testing.assert_close(out[:, channel], x[:, source] * 255.0 - mean)
