"""Turn an ONNX file (int8 weight-quantized included) into a float PyTorch module.

onnx2torch has no converter for QuantizeLinear/DequantizeLinear and none registered for
opset 21, so the int8 "block-quantized" OpenCV Zoo models (YuNet, SFace) do not convert
as shipped. Their quantization touches only the weights: every DequantizeLinear (and the
Reshape after it) has constant inputs. Evaluating those nodes once with the ONNX reference
runtime and storing the results as float initializers leaves a plain float graph, which
onnx2torch converts. Activation quantization (QuantizeLinear -> DequantizeLinear pairs on
tensors computed at run time) is not constant and is left alone.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from onnx.reference import ReferenceEvaluator

TARGET_OPSET = 17  # the newest default-domain opset onnx2torch 1.5.x registers converters for


def _evaluate(node: onnx.NodeProto, values: dict[str, np.ndarray], opset: int) -> list[np.ndarray]:
    """Run one node on constant inputs with the exact (slow) reference runtime."""
    inputs = [name for name in node.input if name]
    graph = onnx.helper.make_graph(
        [node], "fold",
        [onnx.helper.make_tensor_value_info(name, onnx.helper.np_dtype_to_tensor_dtype(values[name].dtype),
                                            values[name].shape) for name in inputs],
        [onnx.helper.make_tensor_value_info(name, onnx.TensorProto.UNDEFINED, None) for name in node.output],
    )
    model = onnx.helper.make_model(graph, opset_imports=[onnx.helper.make_opsetid("", opset)])
    return ReferenceEvaluator(model).run(None, {name: values[name] for name in inputs})


def _is_constant(node: onnx.NodeProto, values: dict[str, np.ndarray]) -> bool:
    """All inputs known (a node without inputs only if it is a ``Constant``, not a random generator)."""
    if not node.input:
        return node.op_type == "Constant"
    return all(not name or name in values for name in node.input)


def fold_constants(model: onnx.ModelProto) -> onnx.ModelProto:
    """A copy of ``model`` with every all-constant node evaluated into an initializer.

    Folded results that are floating point are stored as float32; graph inputs that no node
    reads any more (stale weight names, or weights now folded away) are dropped, as are
    initializers nothing reads; the default opset import becomes 17.
    """
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    values: dict[str, np.ndarray] = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    kept: list[onnx.NodeProto] = []
    for node in graph.node:  # ONNX nodes are topologically sorted
        if _is_constant(node, values):
            for name, array in zip(node.output, _evaluate(node, values, opset)):
                array = np.asarray(array)
                values[name] = array.astype(np.float32) if np.issubdtype(array.dtype, np.floating) else array
        else:
            kept.append(node)

    used = {name for node in kept for name in node.input} | {out.name for out in graph.output}
    del graph.node[:]
    graph.node.extend(kept)
    del graph.initializer[:]
    graph.initializer.extend(numpy_helper.from_array(values[name], name) for name in sorted(used & values.keys()))
    initializer_names = set(values)
    inputs = [inp for inp in graph.input if inp.name in used and inp.name not in initializer_names]
    del graph.input[:]
    graph.input.extend(inputs)
    del graph.value_info[:]  # shapes of folded tensors may have changed dtype; let converters infer
    for opset in model.opset_import:
        if opset.domain in ("", "ai.onnx"):
            opset.version = TARGET_OPSET
    onnx.checker.check_model(model)
    return model


def onnx_to_torch(path: Path) -> torch.nn.Module:
    """Load an ONNX file, fold its constants and convert it to an eval-mode module without gradients."""
    from onnx2torch import convert

    module = convert(fold_constants(onnx.load(str(path))))
    module.eval()
    module.requires_grad_(False)
    return module


def freeze_for_inference(module: torch.nn.Module, example: torch.Tensor) -> torch.jit.ScriptModule:
    """A traced, frozen, inference-optimised copy of ``module`` (same outputs, 1.5-2.5x faster on CPU).

    onnx2torch's graph runs one small Python module per ONNX node; TorchScript freezing
    removes that overhead, folds constants and BatchNorm into the convolutions and picks
    oneDNN kernels. The graphs converted here compute shapes from their input at run time,
    so the trace holds for other input sizes and batch sizes (tests check this); only use it
    for graphs without data-dependent control flow. TorchScript is deprecated in favour of
    ``torch.compile``, which needs a C++ toolchain and compiles per shape at first use: too
    slow to start on a shared CPU server, so the deprecation warnings are silenced here.
    """
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        warnings.simplefilter("ignore", FutureWarning)
        traced = torch.jit.trace(module.eval(), example, check_trace=False)
        return torch.jit.optimize_for_inference(torch.jit.freeze(traced))
