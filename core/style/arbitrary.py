"""Any painting as a style: Magenta's arbitrary style transfer (Ghiasi et al., 2017) in PyTorch.

Two networks: a MobileNetV2 *style predictor* squeezes a style image into a 100-number style
vector; a *style transformer* (an image transformation network whose instance-norm scales and
shifts are computed from that vector) paints the content image. Because the style is just a
vector, styles can be mixed by interpolating vectors, e.g. between a painting and the photo's
own style. The shipped files are int8 QDQ ONNX (from TFLite); ``core.style.onnx_qdq`` makes them
float. Both take NHWC input in [0, 1], as in TensorFlow.
"""
from __future__ import annotations

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper
from PIL import Image
from torch import Tensor, nn

from core.assets import resolve
from core.device import device
from core.serve.client import remote_or_local
from core.style.images import fit_side
from core.style.onnx_qdq import float_model
from core.tensors import to_image, to_tensor

STYLE_SIDE = 256  # the predictor's input side
CONTENT_SIDE = 384  # the transformer was trained at 384 px; it is fully convolutional
VECTOR_SIZE = 100


def _nhwc_pads_as_nchw(model: onnx.ModelProto) -> onnx.ModelProto:
    """Wrap each reflect Pad over H, W of an NHWC tensor in transposes (torch reflect-pads only the last dims)."""
    graph = model.graph
    consts = {init.name: init for init in graph.initializer}
    nodes = []
    for node in graph.node:
        reflect = node.op_type == "Pad" and any(a.name == "mode" and a.s == b"reflect" for a in node.attribute)
        pads = numpy_helper.to_array(consts[node.input[1]]) if reflect and node.input[1] in consts else None
        if pads is None or pads.size != 8 or pads[[0, 3, 4, 7]].any() or not pads[[1, 2, 5, 6]].any():
            nodes.append(node)
            continue
        begin_h, begin_w, end_h, end_w = (int(v) for v in pads[[1, 2, 5, 6]])
        name = node.output[0]
        nchw = np.array([0, 0, begin_h, begin_w, 0, 0, end_h, end_w], np.int64)  # (N, C, H, W) begins, then ends
        nchw_pads = numpy_helper.from_array(nchw, f"{name}__pads")
        graph.initializer.append(nchw_pads)
        nodes += [
            helper.make_node("Transpose", [node.input[0]], [f"{name}__nchw"], perm=[0, 3, 1, 2]),
            helper.make_node("Pad", [f"{name}__nchw", nchw_pads.name], [f"{name}__padded"], mode="reflect"),
            helper.make_node("Transpose", [f"{name}__padded"], [name], perm=[0, 2, 3, 1]),
        ]
    del graph.node[:]
    graph.node.extend(nodes)
    return model


def _load(asset_id: str, simulate: bool) -> nn.Module:
    from onnx2torch import convert

    module = convert(_nhwc_pads_as_nchw(float_model(resolve(asset_id), simulate=simulate)))
    return module.eval().requires_grad_(False).to(device())


def load_predictor(simulate: bool = False) -> nn.Module:
    """Style image (1, 256, 256, 3) NHWC in [0, 1] -> style vector (1, 1, 1, 100)."""
    return _load("arbitrary-style-predict", simulate)


def load_transformer(simulate: bool = False) -> nn.Module:
    """(content (1, H, W, 3) NHWC in [0, 1], style vector (1, 1, 1, 100)) -> stylised (1, H, W, 3)."""
    return _load("arbitrary-style-transform", simulate)


def _nhwc(image: Image.Image) -> Tensor:
    return to_tensor(image, device()).permute(0, 2, 3, 1).contiguous()  # (1, H, W, 3)


def style_vector(predictor: nn.Module, style: Image.Image) -> Tensor:
    """The 100-number style vector of ``style`` (centre square, 256 px), shape (1, 1, 1, 100)."""
    side = min(style.size)
    left, top = (style.width - side) // 2, (style.height - side) // 2
    square = style.crop((left, top, left + side, top + side)).resize((STYLE_SIDE, STYLE_SIDE), Image.Resampling.LANCZOS)
    return remote_or_local("style/vector", lambda: ({"painting": np.asarray(square.convert("RGB"))}, {}),
                           decode=lambda arrays: torch.from_numpy(arrays["vector"]),
                           local=lambda: predict_vector(predictor, square))


@torch.inference_mode()
def predict_vector(predictor: nn.Module, square: Image.Image) -> Tensor:
    """The predictor on a 256 x 256 painting: its style vector, (1, 1, 1, 100) on the CPU."""
    return predictor(_nhwc(square)).cpu()


def mix(vector_a: Tensor, vector_b: Tensor, t: float) -> Tensor:
    """(1 − t)·a + t·b: style vectors live in a space where straight lines blend styles."""
    return (1.0 - t) * vector_a + t * vector_b


def stylise(transformer: nn.Module, content: Image.Image, vector: Tensor, side: int = CONTENT_SIDE) -> Image.Image:
    """Paint ``content`` (longer side ``side``, multiples of 4) in the style ``vector``."""
    image = fit_side(content, side)
    return remote_or_local("style/arbitrary",
                           lambda: ({"content": np.asarray(image.convert("RGB")), "vector": vector.cpu().numpy()}, {}),
                           decode=lambda arrays: Image.fromarray(arrays["image"]), local=lambda: paint(transformer, image, vector))


@torch.inference_mode()
def paint(transformer: nn.Module, image: Image.Image, vector: Tensor) -> Image.Image:
    """The transformer on an image already fitted (sides multiples of 4), in the style ``vector``."""
    out = transformer(_nhwc(image), vector.to(device()))  # (1, H, W, 3)
    return to_image(out.permute(0, 3, 1, 2))
