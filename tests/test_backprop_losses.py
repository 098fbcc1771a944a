"""Scores and losses with torch as the oracle, the notes' example, and typed numbers refused clearly."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from core.backprop import losses
from core.backprop.inputs import parse_assignments, parse_matrix, parse_vector
from core.errors import UserError


def _default_report(label: int = 0, delta: float = 1.0, lam: float = 0.0) -> losses.LossReport:
    w, b, x = (torch.tensor(v, dtype=torch.float64) for v in (losses.DEFAULT_W, losses.DEFAULT_B, losses.DEFAULT_X))
    return losses.report(w, b, x, label, delta, lam)


def test_the_notes_example_reproduces() -> None:
    """Scores 3.2, 5.1, −1.7, true class cat: exp 24.5, 164.0, 0.18; p 0.13, 0.87, 0.00; CE 2.04; hinge 2.9."""
    r = _default_report()
    assert [round(s, 2) for s in r.scores] == [3.2, 5.1, -1.7]
    assert [round(e, 1) for e in r.exp] == [24.5, 164.0, 0.2] and round(r.exp[2], 2) == 0.18
    assert [round(p, 2) for p in r.probs] == [0.13, 0.87, 0.00]
    assert round(r.cross_entropy, 2) == 2.04
    assert round(r.hinge, 2) == 2.9
    assert r.margins == pytest.approx((0.0, 2.9, 0.0))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("delta", [0.0, 1.0, 2.5])
def test_batched_losses_equal_torch(seed: int, delta: float) -> None:
    generator = torch.Generator().manual_seed(seed)
    s = 4 * torch.randn(16, 5, generator=generator, dtype=torch.float64)
    y = torch.randint(0, 5, (16,), generator=generator)
    assert float(losses.cross_entropy(s, y)) == pytest.approx(float(F.cross_entropy(s, y)), rel=1e-12)
    assert float(losses.hinge_loss(s, y, delta)) == pytest.approx(float(F.multi_margin_loss(s, y, margin=delta)) * 5,
                                                                  rel=1e-12)
    assert torch.allclose(losses.softmax_probs(s), F.softmax(s, 1))


def test_report_shows_torch_side_by_side_and_regularisation() -> None:
    r = _default_report(label=2, delta=0.5, lam=0.1)
    w = torch.tensor(losses.DEFAULT_W, dtype=torch.float64)
    assert r.cross_entropy == pytest.approx(r.torch_cross_entropy, rel=1e-12)
    assert r.hinge == pytest.approx(r.torch_hinge, rel=1e-12)
    assert r.regularisation == pytest.approx(0.1 * float((w**2).sum()))
    assert r.total_hinge == pytest.approx(r.hinge + r.regularisation)


def test_huge_scores_stay_finite() -> None:
    """exp overflows for a score of 1000; the probabilities and the loss do not."""
    s = torch.tensor([[1000.0, -1000.0, 0.0]], dtype=torch.float64)
    y = torch.tensor([1])
    assert float(losses.cross_entropy(s, y)) == pytest.approx(2000.0)
    assert torch.isfinite(losses.softmax_probs(s)).all()


def test_overflowing_scores_are_a_user_error() -> None:
    w = torch.full((3, 4), 1e300, dtype=torch.float64)
    with pytest.raises(UserError) as caught:
        losses.report(w, torch.zeros(3, dtype=torch.float64), torch.full((4,), 1e300, dtype=torch.float64), 0, 1.0, 0.0)
    assert caught.value.key == "bp.err.scores_not_finite"


def test_typed_numbers() -> None:
    assert parse_matrix("1 2; 3,4", 2, 2, "W").tolist() == [[1, 2], [3, 4]]
    assert parse_vector("1 2 3", 3, "b").tolist() == [1, 2, 3]
    assert parse_assignments("w0=2, x0=-1\nb = 0.5", "v") == {"w0": 2.0, "x0": -1.0, "b": 0.5}


@pytest.mark.parametrize(("call", "key"), [
    (lambda: parse_matrix("", 3, 4, "W"), "bp.err.empty"),
    (lambda: parse_matrix("1 2 3", 3, 4, "W"), "bp.err.shape"),
    (lambda: parse_vector("1 nan 3", 3, "b"), "bp.err.not_finite"),
    (lambda: parse_vector("1 inf 3", 3, "b"), "bp.err.not_finite"),
    (lambda: parse_vector("1 two 3", 3, "b"), "bp.err.number"),
    (lambda: parse_vector("1 " * 300, 3, "b"), "bp.err.too_long"),
    (lambda: parse_assignments("w0 2", "v"), "bp.err.assignment"),
    (lambda: parse_assignments("__class__=2", "v"), "bp.err.assignment"),
    (lambda: parse_assignments("w0=NaN", "v"), "bp.err.not_finite"),
])
def test_bad_numbers_are_user_errors(call, key: str) -> None:
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.key == key
    assert caught.value.message("zh") and caught.value.message("en")
