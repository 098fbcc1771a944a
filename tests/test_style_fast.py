"""The PyTorch multistyle26 against onnxruntime on the same ONNX file, and its style weights."""
import numpy as np
import onnxruntime as ort
import pytest
import torch
from PIL import Image

from core.assets import resolve
from core.device import device
from core.errors import UserError
from core.style import fast
from tests.conftest import ASSETS


@pytest.fixture(scope="module")
def model():
    return fast.load_multistyle26()


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


@pytest.mark.parametrize("pad", [1, 4])
def test_reflect_border_matches_torch_pad(pad) -> None:
    image = torch.rand(1, 5, 9, 12)
    padded = torch.zeros(1, 5, 9 + 2 * pad, 12 + 2 * pad).contiguous(memory_format=torch.channels_last)
    padded[:, :, pad:-pad, pad:-pad] = image
    assert torch.equal(fast._reflect_border(padded, pad), torch.nn.functional.pad(image, [pad] * 4, mode="reflect"))


def test_kept_buffers_never_leak_into_results(model, session) -> None:
    """Two calls of one shape reuse the buffers: the first result must not change, both must be right."""
    rng = np.random.default_rng(3)
    image = rng.random((1, 3, 64, 96), dtype=np.float32)
    results = []
    for style in (5, 20):
        weights = fast.style_weights(style)
        with torch.inference_mode():
            results.append((model(torch.from_numpy(image).to(device()), weights.to(device())).cpu(), weights))
    for ours, weights in results:
        expected = session.run(None, {"image": image, "style_weights": weights.numpy()})[0]
        assert np.abs(ours.numpy() - expected).max() < 1e-3


def test_concurrent_calls_get_their_own_buffers(model) -> None:
    from concurrent.futures import ThreadPoolExecutor

    images = [torch.rand(1, 3, 64, 96, generator=torch.Generator().manual_seed(i)) for i in range(4)]

    def run(image: torch.Tensor) -> torch.Tensor:
        with torch.inference_mode():
            return model(image.to(device()), fast.style_weights(2).to(device())).cpu()

    alone = [run(image) for image in images]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(run, images * 3))
    for i, out in enumerate(together):
        assert torch.allclose(out, alone[i % 4], atol=1e-5)


def test_plain_convolution_path_matches_onnxruntime(session, monkeypatch) -> None:
    """Without oneDNN (as on CUDA) the layers run F.conv2d on channels-last weights: same numbers."""
    monkeypatch.setattr(torch.backends.mkldnn, "is_available", lambda: False)
    plain = fast.load_multistyle26()
    assert not any(layer.packed for layer in plain.modules() if isinstance(layer, fast.CondConv))
    image = np.random.default_rng(5).random((1, 3, 68, 100), dtype=np.float32)
    weights = fast.style_weights({1: 0.3, 9: 0.7})
    expected = session.run(None, {"image": image, "style_weights": weights.numpy()})[0]
    with torch.inference_mode():
        ours = plain(torch.from_numpy(image).to(device()), weights.to(device())).cpu().numpy()
    assert np.abs(ours - expected).max() < 1e-3
