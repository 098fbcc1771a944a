"""The attention figures: one row per token even when tokens repeat, bounded trace counts, clickable grid."""
from __future__ import annotations

import numpy as np
import torch

from core.attention import figures


def _rows(n: int, seed: int = 0) -> np.ndarray:
    generator = torch.Generator().manual_seed(seed)
    return torch.softmax(torch.randn(n, n, generator=generator) * 2, -1).numpy()


def test_repeated_tokens_stay_separate_rows() -> None:
    labels = ["the", "cat", "saw", "the", "the"]
    names = figures.unique_labels(labels)
    assert len(set(names)) == 5 and [n.replace("\u200b", "") for n in names] == labels
    heat = figures.heatmap(_rows(5), labels, x_title="to", y_title="from", value="w").data[0]
    assert list(heat.x) == names and list(heat.y) == names
    assert np.asarray(heat.z).shape == (5, 5)


def test_head_view_draws_only_links_above_the_threshold() -> None:
    layer = np.stack([_rows(6, seed) for seed in range(3)])  # (H, N, N)
    labels = [f"t{i}" for i in range(6)]
    figure = figures.head_view(layer, labels, 2, [0, 2], threshold=0.2, head_name="head")
    lines = [trace for trace in figure.data if trace.mode == "lines"]
    drawn = sum(np.count_nonzero(np.isnan(np.asarray(t.x, dtype=float))) for t in lines)  # one NaN per segment
    expected = sum(int((layer[h, 2] >= 0.2).sum()) for h in (0, 2))
    assert drawn == expected
    assert {t.legendgroup for t in lines} <= {"0", "2"}


def test_head_view_of_512_tokens_needs_few_traces() -> None:
    layer = np.stack([_rows(512, seed) for seed in range(12)])
    figure = figures.head_view(layer, [str(i) for i in range(512)], 100, list(range(12)), threshold=0.0,
                               head_name="head")
    assert len(figure.data) <= 12 * 8 + 3


def test_model_view_has_one_marker_per_map_in_layer_major_order() -> None:
    thumbs = np.random.default_rng(0).random((6, 12, 10, 10))
    figure = figures.model_view(thumbs, (1, 6), layer_name="layer", head_name="head")
    markers = figure.data[1]
    assert len(markers.x) == 72
    assert markers.customdata[12 + 6].tolist() == [2, 7]  # marker l * H + h is layer l + 1, head h + 1
    assert np.nanmax(np.asarray(figure.data[0].z)) <= 1.0
