"""The shared ONNX converter: folded int8 YuNet / SFace match OpenCV's own dnn on the same inputs."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import onnx
import pytest
import torch
from PIL import Image

from core.assets import resolve
from core.convert.onnx_fold import TARGET_OPSET, fold_constants, freeze_for_inference, onnx_to_torch

FACES = Path(__file__).resolve().parent.parent / "assets" / "faces"


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a.ravel().astype(np.float64), b.ravel().astype(np.float64)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def _photo(size: tuple[int, int]) -> np.ndarray:
    """A real face photo as OpenCV's (1, 3, H, W) float BGR blob in 0..255."""
    rgb = np.asarray(Image.open(FACES / "obama.jpg").convert("RGB").resize(size), dtype=np.float32)
    return np.ascontiguousarray(rgb[:, :, ::-1].transpose(2, 0, 1)[None])


@pytest.mark.parametrize("asset_id", ["yunet", "sface"])
def test_fold_leaves_a_float_opset17_graph(asset_id: str) -> None:
    folded = fold_constants(onnx.load(str(resolve(asset_id))))
    ops = {node.op_type for node in folded.graph.node}
    assert not ops & {"DequantizeLinear", "QuantizeLinear", "Constant"}
    assert all(init.data_type != onnx.TensorProto.INT8 for init in folded.graph.initializer)
    used = {name for node in folded.graph.node for name in node.input}
    assert len(folded.graph.input) == 1 and folded.graph.input[0].name in used  # the image only
    assert folded.opset_import[0].version == TARGET_OPSET


def test_sface_matches_opencv() -> None:
    path = resolve("sface")
    blob = _photo((112, 112))
    net = cv2.dnn.readNetFromONNX(str(path))
    net.setInput(blob, "data")
    expected = net.forward()
    with torch.inference_mode():
        ours = onnx_to_torch(path)(torch.from_numpy(blob)).numpy()
    assert ours.shape == (1, 128)
    assert _cosine(ours, expected) > 0.999
    assert np.abs(ours - expected).max() < 1e-3


def test_yunet_matches_opencv_on_all_outputs() -> None:
    path = resolve("yunet")
    blob = _photo((320, 320))
    net = cv2.dnn.readNetFromONNX(str(path))
    net.setInput(blob)
    names = list(net.getUnconnectedOutLayersNames())
    expected = dict(zip(names, net.forward(names)))
    output_names = [out.name for out in onnx.load(str(path)).graph.output]
    with torch.inference_mode():
        ours = dict(zip(output_names, onnx_to_torch(path)(torch.from_numpy(blob))))
    assert set(ours) == set(expected) and len(ours) == 12
    for name, value in ours.items():
        ref = expected[name].reshape(value.shape)
        assert _cosine(value.numpy(), ref) > 0.999, name
        assert np.abs(value.numpy() - ref).max() < 1e-3, name


def test_converted_module_is_in_eval_mode_without_gradients() -> None:
    module = onnx_to_torch(resolve("yunet"))
    assert not module.training
    assert not any(p.requires_grad for p in module.parameters())


@pytest.mark.parametrize(("asset_id", "traced", "other"), [
    ("yunet", (1, 3, 640, 640), (1, 3, 320, 480)),
    ("sface", (1, 3, 112, 112), (3, 3, 112, 112)),
])
def test_frozen_module_matches_eager_at_other_sizes(asset_id: str, traced: tuple, other: tuple) -> None:
    """The trace is taken at one shape; other sizes and batch sizes still give the eager outputs."""
    eager = onnx_to_torch(resolve(asset_id))
    frozen = freeze_for_inference(eager, torch.zeros(traced))
    x = torch.rand(other, generator=torch.Generator().manual_seed(0)) * 255
    with torch.inference_mode():
        expected, ours = eager(x), frozen(x)
    expected = expected if isinstance(expected, (list, tuple)) else [expected]
    ours = ours if isinstance(ours, (list, tuple)) else [ours]
    assert len(ours) == len(expected)
    for a, b in zip(ours, expected):
        assert a.shape == b.shape
        torch.testing.assert_close(a, b, atol=1e-3, rtol=1e-4)
