"""The PyTorch multistyle26 against onnxruntime on the same ONNX file, and its style weights."""
import numpy as np
import onnxruntime as ort
import pytest
import torch
from PIL import Image

from core.accel import Accelerated
from core.assets import resolve
from core.device import device
from core.errors import UserError
from core.style import fast
from tests.conftest import ASSETS


PATHS = ["plain", "accelerated"]  # every reference test runs the model as is and through core.accel


@pytest.fixture(scope="module")
def plain():
    return fast.load_multistyle26(fast=False)


@pytest.fixture(scope="module", params=PATHS)
def model(request, plain):
    return Accelerated(plain) if request.param == "accelerated" else plain


@pytest.fixture(scope="module")
def session():
    return ort.InferenceSession(str(resolve("multistyle26")), providers=["CPUExecutionProvider"])


@pytest.mark.parametrize("style", [0, 18, {3: 0.5, 12: 0.5}])
def test_matches_onnxruntime(model, session, style) -> None:
    rng = np.random.default_rng(7)
    image = rng.random((1, 3, 96, 128), dtype=np.float32)  # (1, 3, H, W), sides multiples of 4
    weights = fast.style_weights(style)
    expected = session.run(None, {"image": image, "style_weights": weights.numpy()})[0]
    with torch.inference_mode():
        ours = model(torch.from_numpy(image).to(device()), weights.to(device())).cpu().numpy()
    assert ours.shape == expected.shape == (1, 3, 96, 128)
    assert np.abs(ours - expected).max() < 1e-3


def test_style_weights() -> None:
    one = fast.style_weights(4)
    assert one.shape == (26,) and one[4] == 1 and one.sum() == 1
    mix = fast.style_weights({1: 3.0, 2: 1.0})
    assert torch.allclose(mix[[1, 2]], torch.tensor([0.75, 0.25]))
    with pytest.raises(UserError):
        fast.style_weights(26)
    with pytest.raises(UserError):
        fast.style_weights({0: 0.0})


def test_stylise_sizes_and_changes_the_photo(model) -> None:
    photo = Image.open(ASSETS / "images" / "coffee.png").convert("RGB")  # 600x400
    out = fast.stylise(model, photo, 0, 130)
    assert out.size[0] % 4 == 0 and out.size[1] % 4 == 0 and abs(out.size[0] - 130) <= 2
    other = fast.stylise(model, photo, 7, 130)
    assert np.abs(np.asarray(out, float) - np.asarray(other, float)).mean() > 5, "styles differ"


def test_a_plain_module_with_real_convolution_weights(plain) -> None:
    """Every ONNX weight landed in an ``nn.Conv2d`` or a per-style norm table; nothing else is kept."""
    convs = [m for m in plain.modules() if isinstance(m, torch.nn.Conv2d)]
    assert len(convs) == 18 and not list(plain.buffers())
    assert {name.rsplit(".", 1)[-1] for name, _ in plain.named_parameters()} == {"weight", "gamma", "beta"}
    assert sum(c.weight.numel() for c in convs) == 140_364


def test_the_loader_accelerates_unless_switched_off(monkeypatch) -> None:
    monkeypatch.setenv("DLVL_ACCEL", "1")
    assert isinstance(fast.load_multistyle26(), Accelerated)
    monkeypatch.setenv("DLVL_ACCEL", "0")
    assert isinstance(fast.load_multistyle26(), fast.MultiStyle26)
