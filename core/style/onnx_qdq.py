"""Remove or simulate the activation QuantizeLinear -> DequantizeLinear pairs of an int8 QDQ ONNX graph.

``core.convert.onnx_fold.fold_constants`` turns the *weight* DequantizeLinear nodes into float
initializers. Quantized *activations* remain: a QuantizeLinear on a tensor computed at run time,
sometimes a layout op (Reshape, Transpose) on the int8 tensor, then a DequantizeLinear. onnx2torch
converts neither node, so each pair is rewritten here:

- ``simulate=False``: the pair disappears and the layout ops act on the float tensor. This is the
  float network the int8 one approximates (faster, and smoother output).
- ``simulate=True``: the pair becomes plain float ops computing exactly what it does,
  ``(clip(round(x / s_q) + z_q, lo, hi) − z_d) · s_d`` (ONNX Round rounds half to even, as
  QuantizeLinear does): the int8 model's numbers in float, to check against onnxruntime.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper

from core.convert.onnx_fold import fold_constants

LAYOUT_OPS = frozenset({"Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten", "Identity"})
REFERENCE_DQ_OPSET = 19
_RANGES = {np.dtype(np.int8): (-128, 127), np.dtype(np.uint8): (0, 255)}


def strip_activation_qdq(model: onnx.ModelProto, simulate: bool = False) -> onnx.ModelProto:
    """A copy of a constant-folded ``model`` with every activation Q -> [layout ops] -> DQ chain made float.

    Raises ``ValueError`` if a quantized tensor feeds anything but a layout op or a
    DequantizeLinear (the graph would need integer arithmetic), or if a scale is not per-tensor.
    """
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    consts = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    quantized: set[str] = set()  # int8 tensors: outputs of Q and of layout ops on them
    rename: dict[str, str] = {}
    nodes: list[onnx.NodeProto] = []
    new_consts: dict[str, np.ndarray] = {}

    def const(name: str, value: float) -> str:
        new_consts[name] = np.asarray(value, dtype=np.float32)
        return name

    for node in graph.node:
        source = list(node.input)  # names before renaming decide what the node reads
        node.input[:] = [rename.get(name, name) for name in source]
        if node.op_type == "QuantizeLinear" and source[0] not in consts:
            quantized.add(node.output[0])
            if simulate:
                scale, zero, (lo, hi) = _qparams(node, consts)
                x, out = node.input[0], node.output[0]
                nodes += [
                    helper.make_node("Div", [x, const(f"{out}__s", scale)], [f"{out}__div"]),
                    helper.make_node("Round", [f"{out}__div"], [f"{out}__round"]),
                    helper.make_node("Add", [f"{out}__round", const(f"{out}__z", zero)], [f"{out}__add"]),
                    helper.make_node("Clip", [f"{out}__add", const(f"{out}__lo", lo), const(f"{out}__hi", hi)], [out]),
                ]
            else:
                rename[node.output[0]] = node.input[0]
        elif node.op_type == "DequantizeLinear" and source[0] in quantized:
            if simulate:
                scale, zero, _ = _qparams(node, consts)
                out = node.output[0]
                nodes += [
                    helper.make_node("Sub", [node.input[0], const(f"{out}__z", zero)], [f"{out}__sub"]),
                    helper.make_node("Mul", [f"{out}__sub", const(f"{out}__s", scale)], [out]),
                ]
            else:
                rename[node.output[0]] = node.input[0]
        else:
            fed = [name for name in source if name in quantized]
            if fed and node.op_type not in LAYOUT_OPS:
                raise ValueError(f"{node.op_type} node {node.name!r} reads the quantized tensor {fed[0]!r}")
            if fed:
                quantized.update(node.output)
            nodes.append(node)

    del graph.node[:]
    graph.node.extend(nodes)
    for output in graph.output:  # keep the model's output names
        if output.name in rename:
            graph.node.append(helper.make_node("Identity", [rename[output.name]], [output.name]))
    graph.initializer.extend(numpy_helper.from_array(v, k) for k, v in new_consts.items())
    _drop_unused_initializers(graph)
    onnx.checker.check_model(model)
    return model


def _qparams(node: onnx.NodeProto, consts: dict[str, np.ndarray]) -> tuple[float, float, tuple[int, int]]:
    """(scale, zero point, integer range) of a per-tensor Q or DQ node."""
    scale = consts[node.input[1]]
    zero = consts[node.input[2]] if len(node.input) > 2 and node.input[2] else np.zeros((), np.uint8)
    if scale.size != 1 or zero.size != 1:
        raise ValueError(f"{node.op_type} {node.name!r}: only per-tensor activation quantization is supported")
    return float(scale.reshape(())), float(zero.reshape(())), _RANGES[zero.dtype]


def _drop_unused_initializers(graph: onnx.GraphProto) -> None:
    used = {name for node in graph.node for name in node.input} | {o.name for o in graph.output}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)


def _declare_opset(model: onnx.ModelProto, version: int) -> None:
    """Raise the default-domain opset the folding evaluates with, in place.

    ``onnx.reference`` implements DequantizeLinear from opset 19 only; for the int8 / uint8
    per-axis dequantization these files use, 10..19 compute the same thing.
    """
    for opset in model.opset_import:
        if opset.domain in ("", "ai.onnx") and opset.version < version:
            opset.version = version


def float_model(path: Path, simulate: bool = False) -> onnx.ModelProto:
    """An int8 QDQ ONNX file as a float ONNX graph: weights folded, activation pairs rewritten."""
    model = onnx.load(str(path))
    _declare_opset(model, REFERENCE_DQ_OPSET)
    return strip_activation_qdq(fold_constants(model), simulate=simulate)
