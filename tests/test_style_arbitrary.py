"""The int8 QDQ arbitrary-style networks made float: graph rewrite checks and onnxruntime as the oracle.

onnxruntime with graph optimisations off runs QuantizeLinear / DequantizeLinear literally,
so it is the exact meaning of the file. Its optimised int8 kernels differ from that by
more than the float model does on this CPU, so they are not the reference.
"""
import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch
from PIL import Image

from core.assets import resolve
from core.device import device
from core.style import arbitrary
from core.style.onnx_qdq import float_model, strip_activation_qdq
from tests.conftest import ASSETS


def reference(asset_id: str, inputs: list[np.ndarray]) -> np.ndarray:
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(str(resolve(asset_id)), options, providers=["CPUExecutionProvider"])
    return session.run(None, {i.name: x for i, x in zip(session.get_inputs(), inputs)})[0]


def run_onnx(model: onnx.ModelProto, inputs: list[np.ndarray]) -> np.ndarray:
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session.run(None, {i.name: x for i, x in zip(session.get_inputs(), inputs)})[0]


@pytest.fixture(scope="module")
def predictor():
    return arbitrary.load_predictor()


@pytest.fixture(scope="module")
def transformer():
    return arbitrary.load_transformer()


@pytest.fixture(scope="module")
def style_image() -> np.ndarray:
    image = Image.open(ASSETS / "images" / "rocket.jpg").convert("RGB").resize((256, 256))
    return (np.asarray(image, np.float32) / 255.0)[None]  # (1, 256, 256, 3)


def test_rewritten_graph_has_no_quantization_left() -> None:
    for simulate in (False, True):
        model = float_model(resolve("arbitrary-style-predict"), simulate=simulate)
        ops = {node.op_type for node in model.graph.node}
        assert not ops & {"QuantizeLinear", "DequantizeLinear"}, ops
        assert ("Round" in ops) == simulate


def test_simulated_pairs_compute_exactly_what_the_int8_graph_does(style_image) -> None:
    simulated = float_model(resolve("arbitrary-style-predict"), simulate=True)
    expected = reference("arbitrary-style-predict", [style_image])
    assert np.abs(run_onnx(simulated, [style_image]) - expected).max() < 1e-5


def test_predictor_matches_onnxruntime(predictor, style_image) -> None:
    expected = reference("arbitrary-style-predict", [style_image])  # (1, 1, 1, 100)
    with torch.inference_mode():
        ours = predictor(torch.from_numpy(style_image).to(device())).cpu().numpy()
    assert ours.shape == expected.shape == (1, 1, 1, 100)
    # Float activations instead of 8-bit ones: close, not identical (the range is about ±2).
    assert np.abs(ours - expected).max() < 0.1
    assert np.corrcoef(ours.ravel(), expected.ravel())[0, 1] > 0.99


def test_transformer_matches_onnxruntime(predictor, transformer, style_image) -> None:
    content = Image.open(ASSETS / "images" / "coffee.png").convert("RGB").resize((384, 384))
    x = (np.asarray(content, np.float32) / 255.0)[None]  # (1, 384, 384, 3): the file's fixed size
    with torch.inference_mode():
        vector = predictor(torch.from_numpy(style_image).to(device()))
        ours = transformer(torch.from_numpy(x).to(device()), vector).cpu().numpy()
    expected = reference("arbitrary-style-transform", [x, vector.cpu().numpy()])
    assert ours.shape == expected.shape
    assert np.abs(ours - expected).mean() < 0.03, "pixels in [0, 1]"


def test_quantized_tensor_feeding_arithmetic_is_refused() -> None:
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"]), helper.make_node("Add", ["q", "q"], ["y"])],
        "bad", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("y", TensorProto.INT8, [2])],
        [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]), helper.make_tensor("z", TensorProto.INT8, [], [0])])
    with pytest.raises(ValueError, match="reads the quantized tensor"):
        strip_activation_qdq(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]))


def test_stylise_any_size_and_mix(predictor, transformer) -> None:
    content = Image.open(ASSETS / "images" / "coffee.png").convert("RGB")
    painting = Image.open(ASSETS / "images" / "rocket.jpg").convert("RGB")
    style, own = arbitrary.style_vector(predictor, painting), arbitrary.style_vector(predictor, content)
    assert torch.equal(arbitrary.mix(own, style, 1.0), style)
    assert torch.allclose(arbitrary.mix(own, style, 0.5), (own + style) / 2)
    out = arbitrary.stylise(transformer, content, style, 200)
    assert out.size == (200, 132), "not the fixed 384 of the file: the network is fully convolutional"
    near_photo = arbitrary.stylise(transformer, content, own, 200)
    photo = np.asarray(content.resize(out.size), float)
    assert np.abs(np.asarray(near_photo, float) - photo).mean() < np.abs(np.asarray(out, float) - photo).mean()
