"""Forward values and gradients of every node of a computational graph, and the backward pass stepped.

The forward pass runs the nodes with torch in float64; the gradient of the output with respect
to every node comes from torch autograd (``retain_grad``), not from our own chain rule. The
stepped backward pass then replays what autograd did, one operation at a time in reverse
topological order: each input of the operation receives local derivative × upstream gradient,
and the local derivatives are autograd's too (the operation redone alone on its input values).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from core.backprop.expression import Graph, Node, parse
from core.backprop.inputs import parse_assignments
from core.errors import UserError

OPS: dict[str, Callable[..., torch.Tensor]] = {
    "+": torch.add, "-": torch.sub, "*": torch.mul, "/": torch.div, "**": torch.pow, "neg": torch.neg,
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "exp": torch.exp, "log": torch.log,
    "sqrt": torch.sqrt, "sin": torch.sin, "cos": torch.cos, "abs": torch.abs,
}
WEIGHT_PREFIXES = ("w", "b")  # variables gradient descent updates; the others are inputs and targets


@dataclass(frozen=True)
class Step:
    """One operation of the backward pass: ``node`` hands ``local[k] × upstream`` to its k-th input."""

    node: int
    upstream: float
    local: tuple[float | None, ...]  # None for a constant input

    @property
    def contributions(self) -> tuple[float | None, ...]:
        return tuple(None if d is None else d * self.upstream for d in self.local)


@dataclass(frozen=True)
class Evaluated:
    """A graph with ``values[i]`` (forward) and ``grads[i]`` (d output / d node i, autograd) per node.

    Constants get no gradient (``None``): nothing upstream of them can change.
    """

    graph: Graph
    values: tuple[float, ...]
    grads: tuple[float | None, ...]
    steps: tuple[Step, ...]  # the backward pass, output first

    @property
    def output(self) -> float:
        return self.values[-1]

    def accumulated(self, done: int) -> list[float | None]:
        """Each node's gradient after the first ``done`` steps; ``None`` where nothing has arrived yet."""
        grads: list[float | None] = [None] * len(self.values)
        grads[-1] = 1.0
        for step in self.steps[:done]:
            for index, part in zip(self.graph.nodes[step.node].inputs, step.contributions):
                if part is not None:
                    grads[index] = part if grads[index] is None else grads[index] + part
        return grads


def _run(node: Node, inputs: list[torch.Tensor]) -> torch.Tensor:
    return OPS[node.op](*inputs)


def evaluate(graph: Graph, env: dict[str, float]) -> Evaluated:
    """Forward and backward through ``graph`` with the variable values in ``env``."""
    missing = [name for name in graph.variables if name not in env]
    if missing:
        raise UserError("bp.err.missing_values", names=", ".join(missing))
    tensors: list[torch.Tensor] = []
    for node in graph.nodes:
        if node.op in ("var", "const"):
            value = env[node.name] if node.op == "var" else node.value
            tensor = torch.tensor(value, dtype=torch.float64, requires_grad=node.op == "var")  # () leaf
        else:
            tensor = _run(node, [tensors[i] for i in node.inputs])
            tensor.retain_grad()
        tensors.append(tensor)
    values = tuple(float(t.detach()) for t in tensors)
    _check_finite(graph, values, "bp.err.value_not_finite")
    if tensors[-1].requires_grad:
        tensors[-1].backward()
    grads = tuple(1.0 if i == len(tensors) - 1 else _grad(t) for i, t in enumerate(tensors))
    _check_finite(graph, grads, "bp.err.grad_not_finite")
    steps = tuple(_step(graph, values, grads, i) for i in reversed(range(len(graph.nodes)))
                  if graph.nodes[i].inputs)
    return Evaluated(graph, values, grads, steps)


def _grad(tensor: torch.Tensor) -> float | None:
    if not tensor.requires_grad:
        return None
    return 0.0 if tensor.grad is None else float(tensor.grad)  # None: the output does not depend on it


def _check_finite(graph: Graph, numbers: tuple[float | None, ...], key: str) -> None:
    """NaN or ±inf anywhere (log of a negative, a huge exp, 0 ** −1…) is a message naming the node."""
    for index, number in enumerate(numbers):
        if number is not None and not math.isfinite(number):
            raise UserError(key, node=graph.label(index))


def _step(graph: Graph, values: tuple[float, ...], grads: tuple[float, ...], index: int) -> Step:
    """Autograd's local derivatives of node ``index`` with respect to each of its input slots."""
    node = graph.nodes[index]
    slots = [torch.tensor(values[i], dtype=torch.float64, requires_grad=graph.nodes[i].op != "const")
             for i in node.inputs]  # () each
    wanted = [slot for slot in slots if slot.requires_grad]
    found = iter(torch.autograd.grad(_run(node, slots), wanted) if wanted else ())
    local = tuple(float(next(found)) if slot.requires_grad else None for slot in slots)
    return Step(index, grads[index], local)


def descend(evaluated: Evaluated, env: dict[str, float], lr: float) -> dict[str, float]:
    """One gradient-descent step ``w ← w − η ∂f/∂w`` on the weights (names starting with w or b)."""
    grad_of = {evaluated.graph.label(i): g for i, g in enumerate(evaluated.grads)
               if evaluated.graph.nodes[i].op == "var" and g is not None}
    return {name: value - lr * grad_of[name] if name.startswith(WEIGHT_PREFIXES) and name in grad_of else value
            for name, value in env.items()}


@dataclass(frozen=True)
class Update:
    """The graph before and after one step, and the variables before and after."""

    before: Evaluated
    after: Evaluated
    env_before: dict[str, float]
    env_after: dict[str, float]


def run(expression: str, values: str, lr: float) -> Update:
    """Parse, evaluate, take one gradient-descent step and evaluate again: the page's whole graph panel."""
    graph = parse(expression)
    env = parse_assignments(values, "name=value")
    before = evaluate(graph, env)
    env_after = descend(before, env, lr)
    return Update(before, evaluate(graph, env_after), env, env_after)
