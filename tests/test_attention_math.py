"""Pure tensor parts of the attention page: transforms keep rows stochastic, by-hand equals torch's SDPA."""
from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from core.attention.by_hand import attention_steps
from core.attention.positional import add_to_embeddings, similarity, sinusoidal
from core.attention.transform import below, hide, merge, rollout, thumbnails


def _random_attention(*shape: int, seed: int = 0) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return torch.softmax(torch.randn(*shape, generator=generator) * 3, dim=-1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hide_renormalises_rows(seed: int) -> None:
    att = _random_attention(2, 3, 7, 7, seed=seed)
    keep = torch.tensor([False, True, True, False, True, True, False])
    out = hide(att, keep)
    assert out.shape == (2, 3, 4, 4)
    torch.testing.assert_close(out.sum(-1), torch.ones(2, 3, 4))
    kept = att[..., keep, :][..., keep]
    torch.testing.assert_close(out, kept / kept.sum(-1, keepdim=True))


def test_merge_sums_targets_and_averages_sources() -> None:
    att = _random_attention(5, 5, seed=3)
    groups = torch.tensor([0, 1, 1, 1, 2])
    out = merge(att, groups)
    assert out.shape == (3, 3)
    torch.testing.assert_close(out.sum(-1), torch.ones(3))
    # Reference: the same thing as two explicit matrices, mean over rows of a group, sum over its columns.
    one_hot = F.one_hot(groups).T.float()  # (G, T)
    mean_rows = one_hot / one_hot.sum(1, keepdim=True)
    torch.testing.assert_close(out, mean_rows @ att @ one_hot.T)


def test_merge_with_single_token_groups_is_identity() -> None:
    att = _random_attention(2, 6, 6, seed=4)
    torch.testing.assert_close(merge(att, torch.arange(6)), att)


def test_rollout_is_row_stochastic_and_starts_with_the_first_layer() -> None:
    att = _random_attention(4, 3, 6, 6, seed=5)
    out = rollout(att)
    assert out.shape == (4, 6, 6)
    torch.testing.assert_close(out.sum(-1), torch.ones(4, 6))
    first = 0.5 * att[0].mean(0) + 0.5 * torch.eye(6)
    torch.testing.assert_close(out[0], first)
    second = 0.5 * att[1].mean(0) + 0.5 * torch.eye(6)
    torch.testing.assert_close(out[1], second @ first)


def test_below_hides_weak_links_only() -> None:
    att = torch.tensor([[0.7, 0.2, 0.1], [0.05, 0.9, 0.05], [0.3, 0.3, 0.4]])
    out = below(att, 0.15)
    assert torch.isnan(out).tolist() == [[False, False, True], [True, False, True], [False, False, False]]
    assert torch.equal(below(att, 0.0), att)


def test_thumbnails_shrink_only_large_maps() -> None:
    small = _random_attention(2, 3, 8, 8)
    assert thumbnails(small, 16) is small
    large = _random_attention(2, 3, 64, 64)
    assert thumbnails(large, 16).shape == (2, 3, 16, 16)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_attention_by_hand_equals_torch_sdpa(seed: int) -> None:
    generator = torch.Generator().manual_seed(seed)
    q, k, v = (torch.randn(4, 3, generator=generator) for _ in range(3))
    steps = attention_steps(q, k, v)
    torch.testing.assert_close(steps.output, F.scaled_dot_product_attention(q, k, v))
    torch.testing.assert_close(steps.scores, q @ k.T)
    torch.testing.assert_close(steps.scaled, q @ k.T / math.sqrt(3))
    torch.testing.assert_close(steps.weights.sum(-1), torch.ones(4))


@pytest.mark.parametrize("temperature", [0.25, 2.0])
def test_temperature_is_a_scale_of_sdpa(temperature: float) -> None:
    generator = torch.Generator().manual_seed(7)
    q, k = torch.randn(3, 2, generator=generator), torch.randn(5, 2, generator=generator)
    v = torch.randn(5, 4, generator=generator)
    steps = attention_steps(q, k, v, temperature)
    expected = F.scaled_dot_product_attention(q, k, v, scale=1 / (math.sqrt(2) * temperature))
    torch.testing.assert_close(steps.output, expected)
    assert steps.output.shape == (3, 4)


def test_attention_by_hand_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError):
        attention_steps(torch.ones(2, 3), torch.ones(2, 2), torch.ones(2, 2))
    with pytest.raises(ValueError):
        attention_steps(torch.ones(2, 2), torch.ones(2, 2), torch.ones(2, 2), temperature=0)


def test_sinusoidal_encoding_matches_the_formula() -> None:
    pe = sinusoidal(50, 16)
    assert pe.shape == (50, 16)
    pos, i = 7, 3
    assert pe[pos, 2 * i].item() == pytest.approx(math.sin(pos / 10_000 ** (2 * i / 16)), abs=1e-6)
    assert pe[pos, 2 * i + 1].item() == pytest.approx(math.cos(pos / 10_000 ** (2 * i / 16)), abs=1e-6)
    with pytest.raises(ValueError):
        sinusoidal(4, 5)


def test_position_similarity_peaks_on_the_diagonal_and_fades() -> None:
    sim = similarity(sinusoidal(64, 128))
    assert sim.shape == (64, 64)
    torch.testing.assert_close(sim.diagonal(), torch.full((64,), 64.0))  # each sin²+cos² pair is 1
    row = sim[20]
    assert row.argmax().item() == 20
    assert row[21] > row[25] > row[40]  # nearer positions are more alike


def test_pe_added_to_embeddings() -> None:
    embeddings = torch.randn(6, 8)
    parts = add_to_embeddings(embeddings)
    torch.testing.assert_close(parts.embeddings, embeddings * math.sqrt(8))
    torch.testing.assert_close(parts.encoding, sinusoidal(6, 8))
    torch.testing.assert_close(parts.total, embeddings * math.sqrt(8) + sinusoidal(6, 8))


def test_by_hand_start_matrices_and_the_torch_check() -> None:
    from core.attention.by_hand import attention_steps, start_matrix, torch_difference

    q, k, v = start_matrix(3, 2, 1), start_matrix(3, 2, 2), start_matrix(3, 2, 3)
    assert q.shape == (3, 2) and torch.equal(q, start_matrix(3, 2, 1)) and not torch.equal(q, k)
    assert torch.equal(q * 10, (q * 10).round()), "one decimal, easy to read and edit"
    steps = attention_steps(q, k, v, 0.5)
    assert torch_difference(q, k, v, 0.5, steps.output) < 1e-6
    assert torch_difference(q, k, v, 0.5, steps.output + 0.1) > 0.09, "a wrong output is caught"
