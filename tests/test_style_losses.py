"""Gram matrices and the content / style costs against direct computations."""
import numpy as np
import torch

from core.style.losses import content_cost, gram_matrix, relative_error, style_cost, total_cost


def test_gram_matches_direct_sum() -> None:
    torch.manual_seed(0)
    features = torch.randn(2, 5, 4, 3)  # (B, C, H, W)
    gram = gram_matrix(features).numpy()
    f = features.numpy()
    b, c, h, w = f.shape
    direct = np.zeros((b, c, c))
    for n in range(b):
        for k in range(c):
            for k2 in range(c):
                direct[n, k, k2] = sum(f[n, k, i, j] * f[n, k2, i, j] for i in range(h) for j in range(w)) / (c * h * w)
    assert np.allclose(gram, direct, atol=1e-6)
    assert np.allclose(gram, gram.transpose(0, 2, 1)), "symmetric"


def test_gram_ignores_where_features_are() -> None:
    torch.manual_seed(1)
    features = torch.randn(1, 8, 6, 6)
    shuffled = features.flatten(2)[:, :, torch.randperm(36)].reshape(1, 8, 6, 6)
    assert torch.allclose(gram_matrix(features), gram_matrix(shuffled), atol=1e-6)


def test_costs() -> None:
    torch.manual_seed(2)
    target = torch.randn(1, 4, 5, 5)
    assert content_cost(target, target) == 0
    assert torch.isclose(content_cost(2 * target, target), torch.tensor(1.0))
    assert torch.isclose(relative_error(torch.zeros(3), torch.ones(3)), torch.tensor(1.0))
    grams = {"a": gram_matrix(target), "b": gram_matrix(target[:, :2])}
    same = {"a": target, "b": target[:, :2]}
    assert style_cost(same, grams, {"a": 1.0, "b": 2.0}) == 0
    doubled = {"a": 2 * target, "b": target[:, :2]}  # Gram x4 on layer a only: relative error 9
    assert torch.isclose(style_cost(doubled, grams, {"a": 1.0, "b": 3.0}), torch.tensor(9 / 4))
    assert total_cost(torch.tensor(2.0), torch.tensor(3.0), 0.5, 10.0) == 31.0


def test_gram_gradient_matches_finite_differences() -> None:
    """Autograd's gradient of F Fᵀ / n against numerical differences, for any upstream gradient."""
    torch.manual_seed(3)
    features = torch.randn(2, 3, 2, 4, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(gram_matrix, (features,))
    assert torch.autograd.gradgradcheck(gram_matrix, (features,))
