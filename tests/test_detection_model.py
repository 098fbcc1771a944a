"""The Darknet model, its .weights reader and decoding, against OpenCV's Darknet importer (an independent oracle)."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import torch
from torch import nn

from core.accel import Accelerated
from core.assets import resolve
from core.detection.cfg import parse_cfg, read_cfg
from core.detection.darknet import Darknet, MaxPool, conv_layers
from core.detection.pipeline import build_model
from core.detection.postprocess import decode
from core.detection.weights import floats_needed, load_weights, read_header
from core.errors import UserError
from tests.conftest import ASSETS

CFG, WEIGHTS = resolve("yolov3-tiny.cfg"), resolve("yolov3-tiny.weights")
OPENCV_CLASS_THRESHOLD = 0.2  # OpenCV's yolo layer zeroes class scores below its "thresh" (default 0.2)


PATHS = ["plain", "accelerated"]  # every reference test runs the model as is and through core.accel


@pytest.fixture(scope="module")
def tiny() -> Darknet:
    return build_model(CFG, WEIGHTS).to("cpu")


def _path(model: Darknet, path: str) -> nn.Module:
    return Accelerated(model) if path == "accelerated" else model


def _opencv(cfg: Path, weights: Path, blob: np.ndarray, layer_names: list[str]) -> list[np.ndarray]:
    cv2.setNumThreads(1)
    net = cv2.dnn.readNetFromDarknet(str(cfg), str(weights))
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setInput(blob)
    return list(net.forward(layer_names + list(net.getUnconnectedOutLayersNames())))


def _compare_with_opencv(model: nn.Module, cfg: Path, weights: Path, blob: np.ndarray) -> None:
    """Raw head maps and decoded boxes / objectness / class scores agree within 1e-3."""
    heads = len(model.heads)
    outputs = _opencv(cfg, weights, blob, [f"conv_{h.layer - 1}" for h in model.heads])
    with torch.inference_mode():
        raw = model(torch.from_numpy(blob))
    for ours, theirs in zip(raw, outputs[:heads]):  # (1, A*(5+C), H, W)
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours.numpy(), theirs, atol=1e-3, rtol=0)
    size = blob.shape[2:]
    candidates = decode(raw, model.heads, size)
    for scale, theirs in enumerate(outputs[heads:]):  # (H*W*A, 5+C): cx, cy, w, h (relative), obj, obj*class
        rows = candidates.scale == scale
        boxes = candidates.boxes[rows]
        xywh = torch.cat(((boxes[:, :2] + boxes[:, 2:]) / 2, boxes[:, 2:] - boxes[:, :2]), 1)
        xywh /= torch.tensor([size[1], size[0], size[1], size[0]])
        np.testing.assert_allclose(xywh.numpy(), theirs[:, :4], atol=1e-3, rtol=0)
        np.testing.assert_allclose(candidates.objectness[rows].numpy(), theirs[:, 4], atol=1e-3, rtol=0)
        scores = (candidates.objectness[rows, None] * candidates.class_probs[rows]).numpy()
        shown = theirs[:, 5:] > 0
        np.testing.assert_allclose(scores[shown], theirs[:, 5:][shown], atol=1e-3, rtol=0)
        assert (scores[~shown] <= OPENCV_CLASS_THRESHOLD + 1e-3).all()


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("size", [416, 320])
def test_tiny_matches_opencv_on_coffee(tiny: Darknet, size: int, path: str) -> None:
    image = cv2.imread(str(ASSETS / "images" / "coffee.png"))
    blob = cv2.dnn.blobFromImage(image, 1 / 255, (size, size), swapRB=True, crop=False)
    _compare_with_opencv(_path(tiny, path), CFG, WEIGHTS, blob)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="CUDA only: float16 autocast")
def test_half_precision_on_cuda_stays_close_to_opencv() -> None:
    """The served CUDA path (float16 convolutions): raw maps within 0.1, probabilities within 0.01 of OpenCV."""
    image = cv2.imread(str(ASSETS / "images" / "coffee.png"))
    blob = cv2.dnn.blobFromImage(image, 1 / 255, (416, 416), swapRB=True, crop=False)
    model = Accelerated(build_model(CFG, WEIGHTS).to("cuda"), half=True)
    theirs = _opencv(CFG, WEIGHTS, blob, [f"conv_{h.layer - 1}" for h in model.heads])
    raw = [r.cpu() for r in model(torch.from_numpy(blob).to("cuda"))]
    for ours, expected in zip(raw, theirs):
        np.testing.assert_allclose(ours.numpy(), expected, atol=0.1, rtol=0)
    objectness = torch.cat([torch.sigmoid(r.view(3, 85, -1)[:, 4]).flatten() for r in raw])
    expected = torch.cat([torch.sigmoid(torch.from_numpy(e).view(3, 85, -1)[:, 4]).flatten() for e in theirs[:2]])
    assert (objectness - expected).abs().max() < 0.01


def test_the_accelerated_path_leaves_the_shared_model_alone(tiny: Darknet) -> None:
    """Weights, their memory layout and their values are the plain model's before and after fast calls."""
    before = {name: (p.data_ptr(), p.stride(), p.clone()) for name, p in tiny.state_dict().items()}
    fast = Accelerated(tiny)
    for size in (416, 320):
        fast(torch.rand(1, 3, size, size))
    after = tiny.state_dict()
    assert before.keys() == after.keys()
    for name, (pointer, stride, value) in before.items():
        assert (after[name].data_ptr(), after[name].stride()) == (pointer, stride), name
        assert torch.equal(after[name], value), name


SYNTHETIC_CFG = """
[net]
width=64
height=64
channels=3

[convolutional]
batch_normalize=1
filters=8
size=3
stride=1
pad=1
activation=leaky

[maxpool]
size=2
stride=2

[convolutional]
batch_normalize=1
filters=16
size=3
stride=2
pad=1
activation=leaky

[convolutional]
batch_normalize=1
filters=8
size=1
stride=1
pad=1
activation=leaky

[convolutional]
batch_normalize=1
filters=16
size=3
stride=1
pad=1
activation=leaky

[shortcut]
from=-3
activation=linear

[maxpool]
size=2
stride=1

[convolutional]
batch_normalize=1
filters=32
size=3
stride=2
pad=1
activation=leaky

[convolutional]
size=1
stride=1
pad=1
filters=21
activation=linear

[yolo]
mask = 6,7,8
anchors = 4,5, 8,9, 12,10, 14,20, 20,16, 24,30, 30,40, 40,30, 50,50
classes=2
num=9

[route]
layers = -4

[convolutional]
batch_normalize=1
filters=8
size=1
stride=1
pad=1
activation=leaky

[upsample]
stride=2

[route]
layers = -1, 1

[convolutional]
size=1
stride=1
pad=1
filters=21
activation=linear

[yolo]
mask = 0,1,2
anchors = 4,5, 8,9, 12,10, 14,20, 20,16, 24,30, 30,40, 40,30, 50,50
classes=2
num=9

[route]
layers = -3

[convolutional]
batch_normalize=1
filters=16
size=3
stride=2
pad=1
activation=leaky

[convolutional]
size=1
stride=1
pad=1
filters=21
activation=linear

[yolo]
mask = 3,4,5
anchors = 4,5, 8,9, 12,10, 14,20, 20,16, 24,30, 30,40, 40,30, 50,50
classes=2
num=9
"""


def _random_weights(model: Darknet, path: Path, seed: int) -> int:
    """A valid .weights file for ``model`` (positive variances); returns its float count."""
    rng = np.random.default_rng(seed)
    chunks = []
    for conv in conv_layers(model):
        n = conv.out_channels
        if conv.batch_normalize:
            chunks += [rng.normal(0, 0.1, n), rng.uniform(0.5, 1.5, n), rng.normal(0, 0.1, n), rng.uniform(0.2, 2, n)]
        else:
            chunks.append(rng.normal(0, 0.1, n))
        fan_in = conv.conv.weight[0].numel()
        chunks.append(rng.normal(0, 1 / np.sqrt(fan_in), conv.conv.weight.numel()))  # O(1) activations
    floats = np.concatenate(chunks).astype("<f4")
    header = np.array([0, 2, 5], "<i4").tobytes() + np.array([123456], "<i8").tobytes()
    path.write_bytes(header + floats.tobytes())
    return floats.size


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("seed", [0, 1])
def test_three_scale_network_with_shortcut_route_upsample_matches_opencv(tmp_path: Path, seed: int, path: str) -> None:
    """Every section type of full YOLOv3 (and the tiny stride-1 pool) on a small random network."""
    cfg = tmp_path / "net.cfg"
    cfg.write_text(SYNTHETIC_CFG)
    model = Darknet(read_cfg(cfg)).eval()
    weights = tmp_path / "net.weights"
    count = _random_weights(model, weights, seed)
    assert load_weights(model, weights) == count
    assert [h.anchors for h in model.heads] == [((30, 40), (40, 30), (50, 50)), ((4, 5), (8, 9), (12, 10)),
                                                ((14, 20), (20, 16), (24, 30))]
    blob = np.random.default_rng(seed + 10).uniform(0, 1, (1, 3, 64, 64)).astype(np.float32)
    _compare_with_opencv(_path(model.requires_grad_(False), path), cfg, weights, blob)


def test_weights_reader_consumes_exactly_the_file(tiny: Darknet) -> None:
    data = WEIGHTS.read_bytes()
    header = read_header(data)
    assert (header.major, header.minor, header.size) == (0, 2, 20)
    file_floats = (len(data) - header.size) // 4
    assert file_floats * 4 + header.size == len(data)
    model = Darknet(read_cfg(CFG))
    assert floats_needed(model) == file_floats == 8_858_734
    assert load_weights(model, WEIGHTS) == file_floats


@pytest.mark.parametrize("change", [-4, 4])
def test_weights_of_the_wrong_length_are_refused(tmp_path: Path, change: int) -> None:
    data = WEIGHTS.read_bytes()
    broken = tmp_path / "broken.weights"
    broken.write_bytes(data[:change] if change < 0 else data + b"\0" * change)
    with pytest.raises(UserError) as caught:
        load_weights(Darknet(read_cfg(CFG)), broken)
    assert caught.value.key == "det.err.weights"


def test_cfg_parser_and_architecture() -> None:
    blocks = read_cfg(CFG)
    assert blocks[0].type == "net" and blocks[0].get_int("width") == 416
    model = Darknet(blocks)
    assert [h.anchors for h in model.heads] == [((81, 82), (135, 169), (344, 319)), ((10, 14), (23, 27), (37, 58))]
    with torch.inference_mode():
        shapes = [tuple(r.shape) for r in model(torch.zeros(1, 3, 416, 416))]
    assert shapes == [(1, 255, 13, 13), (1, 255, 26, 26)]
    with pytest.raises(UserError):
        parse_cfg("[convolutional]\nfilters=3\n")
    with pytest.raises(UserError):
        Darknet(parse_cfg("[net]\nwidth=32\n[convolutional]\nfilters=4\nsize=1\nactivation=mish\n"))


def test_size2_stride1_maxpool_pads_right_and_bottom() -> None:
    pool = MaxPool(parse_cfg("[net]\n[maxpool]\nsize=2\nstride=1\n")[1])
    x = torch.arange(9.0).view(1, 1, 3, 3)
    expected = torch.tensor([[4.0, 5, 5], [7, 8, 8], [7, 8, 8]])  # the last row/column sees only itself
    assert torch.equal(pool(x)[0, 0], expected)
    assert pool(-x)[0, 0, 2, 2] == -8  # padding never wins, even against negative values
