"""Log loss is convex where squared error is not; the 2-D linear classifier's losses and descent."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from core.backprop import classifier, logistic

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_log_loss_is_convex_and_squared_error_is_not() -> None:
    assert logistic.curve("ce").convex
    mse = logistic.curve("mse")
    assert not mse.convex and min(mse.curvature) < -0.1


def test_curve_derivatives_equal_finite_differences() -> None:
    w = torch.tensor([-2.0, 0.3, 1.7], dtype=torch.float64)
    h = 1e-5
    for loss in logistic.LOSSES:
        c = logistic.curve(loss, w)
        up, down = logistic.curve(loss, w + h), logistic.curve(loss, w - h)
        for i in range(3):
            assert c.slope[i] == pytest.approx((up.j[i] - down.j[i]) / (2 * h), rel=1e-6)
            assert c.curvature[i] == pytest.approx((up.slope[i] - down.slope[i]) / (2 * h), rel=1e-5, abs=1e-9)


def test_log_loss_equals_torch_bce() -> None:
    x, y = logistic.data()
    w = torch.tensor([0.8], dtype=torch.float64)
    expected = F.binary_cross_entropy(torch.sigmoid(w * x), y)
    assert float(logistic.log_loss(w, x, y)[0]) == pytest.approx(float(expected), rel=1e-12)


def _defaults() -> tuple[torch.Tensor, torch.Tensor]:
    return (torch.tensor(classifier.DEFAULT_W, dtype=torch.float64),
            torch.tensor(classifier.DEFAULT_B, dtype=torch.float64))


def test_classifier_losses_equal_torch() -> None:
    w, b = _defaults()
    x, y = classifier.data()
    s = x @ w.T + b
    assert float(classifier.objective("softmax", w, b, 0.0)) == pytest.approx(float(F.cross_entropy(s, y)), rel=1e-12)
    assert float(classifier.objective("hinge", w, b, 0.0)) == pytest.approx(
        3 * float(F.multi_margin_loss(s, y)), rel=1e-12)
    assert float(classifier.objective("hinge", w, b, 0.1)) == pytest.approx(
        3 * float(F.multi_margin_loss(s, y)) + 0.1 * float((w**2).sum()), rel=1e-12)


@pytest.mark.parametrize(("kind", "lr"), [("hinge", 0.1), ("softmax", 0.5)])
def test_gradient_descent_lowers_its_loss_and_records_both(kind: str, lr: float) -> None:
    w, b = _defaults()
    run = classifier.descend(w, b, kind, lr, 50, 0.001)
    own = run.hinge if kind == "hinge" else run.softmax
    assert run.w.shape == (51, 3, 2) and run.b.shape == (51, 3) and len(own) == 51
    assert own[-1] < 0.5 * own[0]
    assert run.accuracy[-1] > run.accuracy[0]
    assert run.softmax[7] == pytest.approx(float(classifier.objective("softmax", run.w[7], run.b[7], 0.001)), rel=1e-12)
    assert torch.equal(run.w[0], w), "step 0 is the sliders' W"


@pytest.mark.parametrize("kind", classifier.LOSS_KINDS)
@pytest.mark.parametrize("seed", range(4))
def test_closed_form_gradients_equal_autograd(kind: str, seed: int) -> None:
    generator = torch.Generator().manual_seed(seed)
    w = torch.randn(3, 2, generator=generator, dtype=torch.float64).requires_grad_()
    b = torch.randn(3, generator=generator, dtype=torch.float64).requires_grad_()
    expected = torch.autograd.grad(classifier.objective(kind, w, b, 0.01), (w, b))
    ours = classifier.gradients(kind, w.detach(), b.detach(), 0.01, classifier.data())
    for mine, torch_grad in zip(ours, expected):
        assert torch.allclose(mine, torch_grad, rtol=1e-12, atol=1e-15)


def test_regions_follow_argmax() -> None:
    w, b = _defaults()
    winner = classifier.regions(w, b, size=5)  # row 0 = y −1, column 0 = x −1
    corner = torch.tensor([-1.0, -1.0], dtype=torch.float64)
    assert int(winner[0, 0]) == int((w @ corner + b).argmax())
