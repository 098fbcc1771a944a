"""The safe expression parser and the computational graph: gradients equal autograd's, the steps add up."""
from __future__ import annotations

import pytest
import torch

from core.backprop.expression import MAX_NODES, NETWORK, NETWORK_VALUES, NEURON, NEURON_VALUES, parse
from core.backprop.graph import evaluate, run
from core.backprop.inputs import parse_assignments
from core.errors import UserError


def _leaf_grads(evaluated) -> dict[str, float]:
    return {evaluated.graph.label(i): g for i, g in enumerate(evaluated.grads) if evaluated.graph.nodes[i].op == "var"}


def test_neuron_matches_the_notes() -> None:
    """cs231n: f = σ(w0 x0 + w1 x1 + w2) = 0.73; gradients w0 −0.20, x0 0.39, w1 −0.39, x1 −0.59, w2 0.20."""
    update = run(NEURON, NEURON_VALUES, 0.5)
    assert round(update.before.output, 2) == 0.73
    assert {k: round(v, 2) for k, v in _leaf_grads(update.before).items()} == {
        "w0": -0.2, "x0": 0.39, "w1": -0.39, "x1": -0.59, "w2": 0.2}


def test_network_matches_plain_autograd_and_mazur() -> None:
    update = run(NETWORK, NETWORK_VALUES, 0.5)
    v = {k: torch.tensor(x, dtype=torch.float64, requires_grad=True) for k, x in parse_assignments(NETWORK_VALUES, "v").items()}
    h1 = torch.sigmoid(v["w1"] * v["i1"] + v["w2"] * v["i2"] + v["b1"])
    h2 = torch.sigmoid(v["w3"] * v["i1"] + v["w4"] * v["i2"] + v["b1"])
    out = torch.sigmoid(v["w5"] * h1 + v["w6"] * h2 + v["b2"])
    error = 0.5 * (v["t"] - out) ** 2
    error.backward()
    assert update.before.output == pytest.approx(error.item(), rel=1e-14)
    grads = _leaf_grads(update.before)
    for name, tensor in v.items():
        assert grads[name] == pytest.approx(float(tensor.grad), rel=1e-12, abs=1e-15), name
    # Matt Mazur's published numbers: E_o1 = 0.274811083, ∂E/∂w5 = 0.082167041, w5 after one step (η 0.5) 0.35891648.
    assert update.before.output == pytest.approx(0.274811083, abs=1e-9)
    assert grads["w5"] == pytest.approx(0.082167041, abs=1e-9)
    assert update.env_after["w5"] == pytest.approx(0.35891648, abs=1e-8)
    assert update.env_after["i1"] == update.env_before["i1"] and update.env_after["t"] == update.env_before["t"]
    assert update.after.output < update.before.output


@pytest.mark.parametrize(("expression", "values"), [
    (NEURON, NEURON_VALUES), (NETWORK, NETWORK_VALUES),
    ("x*x*x - 2/(1 + exp(-y)) + tanh(x*y) ** 2", "x=0.7, y=-1.3"),
    ("log(abs(a - b)) + sqrt(a) * relu(b - 1) - -a", "a=2.5, b=1.5"),
])
def test_stepped_backward_pass_adds_up_to_autograd(expression: str, values: str) -> None:
    evaluated = run(expression, values, 0.1).before
    steps = len(evaluated.steps)
    assert evaluated.accumulated(0)[-1] == 1.0 and evaluated.accumulated(0).count(None) == len(evaluated.values) - 1
    final = evaluated.accumulated(steps)
    for index, (ours, autograd) in enumerate(zip(final, evaluated.grads)):
        if evaluated.graph.nodes[index].op == "const":
            assert autograd is None
        else:
            assert ours == pytest.approx(autograd, rel=1e-12, abs=1e-15)


def test_shared_variable_receives_from_both_uses() -> None:
    """x * x: each slot's local derivative is x, so x receives 2x in two contributions."""
    evaluated = evaluate(parse("x * x"), {"x": 3.0})
    assert evaluated.steps[0].local == (3.0, 3.0)
    assert evaluated.grads[0] == 6.0


@pytest.mark.parametrize(("source", "key"), [
    ("__import__('os')", "bp.err.unknown_function"),
    ("__import__('os').system('ls')", "bp.err.unknown_function"),
    ("(lambda: 0)()", "bp.err.unknown_function"),
    ("().__class__", "bp.err.unsafe"),
    ("x.real", "bp.err.unsafe"),
    ("[x for x in y]", "bp.err.unsafe"),
    ("lambda: 1", "bp.err.unsafe"),
    ("x if y else z", "bp.err.unsafe"),
    ("x < y", "bp.err.unsafe"),
    ("'text'", "bp.err.unsafe"),
    ("x[0]", "bp.err.unsafe"),
    ("x // 2", "bp.err.unsafe"),
    ("eval('1')", "bp.err.unknown_function"),
    ("exp(x, y)", "bp.err.one_argument"),
    ("exp(x=1)", "bp.err.one_argument"),
    ("_x + 1", "bp.err.bad_name"),
    ("exp + 1", "bp.err.bad_name"),
    ("1e999 * x", "bp.err.expr_not_finite"),
    ("sigmoid(w0*", "bp.err.syntax"),
    ("x = 1", "bp.err.syntax"),
    ("", "bp.err.empty"),
    ("x" + " + x" * 200, "bp.err.too_long"),
    ("1+" * MAX_NODES + "1", "bp.err.too_big"),
])
def test_parser_refuses_unsafe_or_malformed_input(source: str, key: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(source)
    assert caught.value.key == key


@pytest.mark.parametrize(("expression", "values", "key"), [
    ("log(x)", "x=-1", "bp.err.value_not_finite"),
    ("exp(x)", "x=1000", "bp.err.value_not_finite"),
    ("sqrt(x)", "x=0", "bp.err.grad_not_finite"),
    ("x + y", "x=1", "bp.err.missing_values"),
    ("x + y", "x=1, y=nan", "bp.err.not_finite"),
])
def test_bad_values_are_user_errors(expression: str, values: str, key: str) -> None:
    with pytest.raises(UserError) as caught:
        run(expression, values, 0.1)
    assert caught.value.key == key
