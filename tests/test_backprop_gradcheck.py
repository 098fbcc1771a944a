"""Gradient checking: passes in float64, fails with the planted bug, agrees with torch.autograd.gradcheck."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from core.backprop import gradcheck

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_float64_check_passes() -> None:
    checks = gradcheck.check(torch.float64)
    assert [c.name for c in checks] == list(gradcheck.SHAPES)
    assert max(c.error for c in checks) < 1e-7
    assert {c.verdict for c in checks} == {"fine"}


def test_planted_bug_is_caught_where_it_is() -> None:
    """The wrong tanh derivative spoils the first layer's gradients only; the second layer's stay fine."""
    errors = {c.name: c.error for c in gradcheck.check(torch.float64, bug=True)}
    assert errors["W1"] > 1e-5 and errors["b1"] > 1e-5
    assert errors["W2"] < 1e-7 and errors["b2"] < 1e-7


def test_hand_written_backward_equals_autograd_of_plain_tanh() -> None:
    x, y, params = gradcheck.problem()
    ours = gradcheck.analytic(params, x, y)
    leaves = {k: p.clone().requires_grad_() for k, p in params.items()}
    plain = F.cross_entropy(torch.tanh(x @ leaves["W1"] + leaves["b1"]) @ leaves["W2"] + leaves["b2"], y)
    assert float(gradcheck.loss(params, x, y)) == pytest.approx(plain.item(), rel=1e-14)
    for name, grad in zip(leaves, torch.autograd.grad(plain, list(leaves.values()))):
        assert torch.allclose(ours[name], grad, rtol=1e-12, atol=1e-15), name


@pytest.mark.parametrize("bug", [False, True])
def test_torch_gradcheck_agrees(bug: bool) -> None:
    x, y, params = gradcheck.problem()

    def first_layer(w1: torch.Tensor, b1: torch.Tensor) -> torch.Tensor:
        return gradcheck.loss({**params, "W1": w1, "b1": b1}, x, y, bug)

    inputs = (params["W1"].clone().requires_grad_(), params["b1"].clone().requires_grad_())
    assert torch.autograd.gradcheck(first_layer, inputs, raise_exception=False) is not bug


def test_numeric_gradient_equals_autograd_in_float64() -> None:
    x, y, params = gradcheck.problem()
    numeric = gradcheck.numeric(params, x, y, 1e-6)
    for name, grad in gradcheck.analytic(params, x, y).items():
        assert torch.allclose(numeric[name], grad, rtol=1e-6, atol=1e-9), name


def test_error_curve_has_truncation_and_round_off() -> None:
    """Large ε: truncation error; tiny ε: round-off; float32's best is far worse than float64's."""
    curve64 = gradcheck.error_curve(torch.float64)
    curve32 = gradcheck.error_curve(torch.float32)
    best = curve64.index(min(curve64))
    assert 0 < best < len(curve64) - 1
    assert curve64[0] > 100 * curve64[best] and curve64[-1] > 100 * curve64[best]
    assert min(curve32) > 100 * min(curve64)


def test_relative_error() -> None:
    a = torch.tensor([1.0, 0.0])
    assert gradcheck.relative_error(a, a) == 0.0
    assert gradcheck.relative_error(a, -a) == 1.0
    assert gradcheck.relative_error(torch.zeros(2), torch.zeros(2)) == 0.0
    assert [gradcheck.verdict(e) for e in (1e-9, 1e-6, 1e-3)] == ["fine", "borderline", "suspicious"]
