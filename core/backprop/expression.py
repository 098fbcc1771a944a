"""A typed formula such as ``sigmoid(w0*x0 + w1*x1 + w2)`` turned into a computational graph, safely.

Python's ``ast`` parses the text; only a whitelist of node types (numbers, names, + − × ÷ **,
unary minus, calls of a few named functions) is accepted, everything else is refused with a
message. Nothing is ever evaluated by Python: the graph is a list of nodes that ``graph.py``
computes with torch. Variables with the same name are one node (a shared input, like the bias
of the 2-2-1 network), so the result is a DAG, not a tree.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass

from core.backprop.inputs import NAME
from core.errors import UserError

MAX_LENGTH = 240
MAX_NODES = 48
FUNCTIONS = ("sigmoid", "tanh", "relu", "exp", "log", "sqrt", "sin", "cos", "abs")
BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
UNARY = {ast.USub: "neg", ast.UAdd: None}

# The 2-2-1 network of Matt Mazur's step-by-step backpropagation example (first output only):
# sigmoid hidden and output units, the hidden bias b1 shared, E = ½ (t − o)².
NETWORK = "0.5*(t - sigmoid(w5*sigmoid(w1*i1 + w2*i2 + b1) + w6*sigmoid(w3*i1 + w4*i2 + b1) + b2))**2"
NETWORK_VALUES = "i1=0.05, i2=0.10, w1=0.15, w2=0.20, w3=0.25, w4=0.30, b1=0.35, w5=0.40, w6=0.45, b2=0.60, t=0.01"
# cs231n's sigmoid neuron (backprop notes): f = σ(w0 x0 + w1 x1 + w2).
NEURON = "sigmoid(w0*x0 + w1*x1 + w2)"
NEURON_VALUES = "w0=2, x0=-1, w1=-3, x1=-2, w2=-3"


@dataclass(frozen=True)
class Node:
    """One node: ``op`` is ``var``, ``const``, a binary operator, ``neg`` or a function name."""

    op: str
    inputs: tuple[int, ...] = ()
    name: str = ""  # the variable's name, or the constant as typed
    value: float = 0.0  # constants only


@dataclass(frozen=True)
class Graph:
    """Nodes in topological order (every input before its users); the last node is the output."""

    nodes: tuple[Node, ...]
    source: str

    @property
    def variables(self) -> list[str]:
        return [n.name for n in self.nodes if n.op == "var"]

    def label(self, index: int) -> str:
        """``w0`` for a variable, ``2`` for a constant, ``n3`` for an operation."""
        node = self.nodes[index]
        return node.name if node.op in ("var", "const") else f"n{index}"


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.names: dict[str, int] = {}

    def add(self, node: Node) -> int:
        if len(self.nodes) >= MAX_NODES:
            raise UserError("bp.err.too_big", limit=MAX_NODES)
        self.nodes.append(node)
        return len(self.nodes) - 1

    def visit(self, node: ast.AST) -> int:
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            if not math.isfinite(node.value):
                raise UserError("bp.err.expr_not_finite")
            return self.add(Node("const", name=f"{node.value:g}", value=float(node.value)))
        if isinstance(node, ast.Name):
            if node.id in FUNCTIONS or not NAME.fullmatch(node.id):
                raise UserError("bp.err.bad_name", name=node.id[:20])
            if node.id not in self.names:
                self.names[node.id] = self.add(Node("var", name=node.id))
            return self.names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
            left, right = self.visit(node.left), self.visit(node.right)
            return self.add(Node(BINARY[type(node.op)], (left, right)))
        if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
            operand = self.visit(node.operand)
            return operand if UNARY[type(node.op)] is None else self.add(Node("neg", (operand,)))
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)[:20]
            if name not in FUNCTIONS:
                raise UserError("bp.err.unknown_function", name=name, functions=", ".join(FUNCTIONS))
            if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
                raise UserError("bp.err.one_argument", name=name)
            return self.add(Node(name, (self.visit(node.args[0]),)))
        raise UserError("bp.err.unsafe", what=type(node).__name__)


def parse(source: str) -> Graph:
    """The graph of ``source``; a ``UserError`` for anything empty, malformed or outside the whitelist."""
    text = source.strip()
    if not text:
        raise UserError("bp.err.empty", field="f")
    if len(text) > MAX_LENGTH:
        raise UserError("bp.err.too_long", field="f", limit=MAX_LENGTH)
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise UserError("bp.err.syntax") from None
    builder = _Builder()
    builder.visit(tree.body)
    return Graph(tuple(builder.nodes), text)
