"""The shared converters: HED VGG16 features, SqueezeNet 1.1 pickle, EfficientNet-Lite0, on the real weights."""
from __future__ import annotations

import io
import os
import pickle

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.models import SqueezeNet1_1_Weights
from torchvision.transforms.functional import pil_to_tensor

from core.convert.efficientnet_lite import efficientnet_lite_preprocess, load_efficientnet_lite0
from core.convert.keras_vgg import load_vgg16_hed_features, vgg_caffe_preprocess
from core.convert.squeezenet import NumpyOnlyUnpickler, load_squeezenet1_1, squeezenet_preprocess
from core.vgg_layers import layer_names
from tests.conftest import ASSETS

CATEGORIES = SqueezeNet1_1_Weights.IMAGENET1K_V1.meta["categories"]


def _coffee() -> torch.Tensor:
    image = Image.open(ASSETS / "images" / "coffee.png").convert("RGB").resize((224, 224), Image.Resampling.BILINEAR)
    return pil_to_tensor(image).float().div(255).unsqueeze(0)  # (1, 3, 224, 224)


def test_vgg16_hed_conv_features_have_vgg_shapes_and_finite_values() -> None:
    features = load_vgg16_hed_features()
    assert not any(p.requires_grad for p in features.parameters())
    x = vgg_caffe_preprocess(_coffee())
    widths = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512]
    sides = [224, 224, 112, 112, 56, 56, 56, 28, 28, 28, 14, 14, 14]
    shapes = {}
    names = layer_names(features)
    with torch.inference_mode():
        for index, layer in enumerate(features):
            x = layer(x)
            if names[index].startswith("relu"):  # after the conv's ReLU
                shapes[index - 1] = tuple(x.shape)
                assert torch.isfinite(x).all()
                assert x.abs().sum() > 0, f"conv at {index - 1} is all zero: weights not loaded?"
    assert list(shapes.values()) == [(1, c, s, s) for c, s in zip(widths, sides)]
    assert x.shape == (1, 512, 7, 7)


def test_vgg_caffe_preprocess_is_bgr_minus_means() -> None:
    x = torch.zeros(1, 3, 2, 2)
    x[:, 0] = 1.0  # pure red
    out = vgg_caffe_preprocess(x)
    assert out[0, :, 0, 0].tolist() == pytest.approx([-104.00699, -116.66877, 255 - 122.67892], abs=1e-4)


@pytest.mark.parametrize("loader, preprocess", [
    (load_squeezenet1_1, squeezenet_preprocess),
    (load_efficientnet_lite0, efficientnet_lite_preprocess),
], ids=["squeezenet1_1", "efficientnet_lite0"])
def test_classifier_sees_espresso_in_coffee(loader, preprocess) -> None:
    """Also checks the class order: the pickle's index of espresso is torchvision's."""
    model = loader()
    with torch.inference_mode():
        probs = model(preprocess(_coffee())).softmax(-1)[0]
    assert probs.shape == (1000,)
    assert CATEGORIES[int(probs.argmax())] == "espresso"
    assert float(probs.max()) > 0.5


def test_weights_unpickler_refuses_anything_but_numpy() -> None:
    evil = pickle.dumps(os.getcwd)  # a global that a plain pickle.load would import and hand back
    with pytest.raises(pickle.UnpicklingError, match="refusing"):
        NumpyOnlyUnpickler(io.BytesIO(evil)).load()
    ok = pickle.dumps({"w": [np.arange(6, dtype=np.float32).reshape(2, 3)]})
    assert NumpyOnlyUnpickler(io.BytesIO(ok)).load()["w"][0].shape == (2, 3)
