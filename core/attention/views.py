"""From one window's raw attention to what a view draws: hidden specials, merged words, one map.

``tidy`` is the per-toggle step (all 72 maps at once, cached by the page); ``pick`` is the
per-slider step (one map out of the tidy tensors, no computation beyond a mean).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch

from core.attention.extract import Attention
from core.attention.transform import hide, merge, rollout

Mode = Literal["head", "mean", "rollout"]
MODES: tuple[Mode, ...] = ("head", "mean", "rollout")


@dataclass(frozen=True)
class Tidy:
    """Attention ready to draw: N rows/columns, one per shown token or word."""

    weights: torch.Tensor  # (L, H, N, N)
    rollout: torch.Tensor  # (L, N, N): flow through layers 1..l+1, computed on all tokens first
    labels: list[str]  # N


def _groups(att: Attention, keep: list[bool]) -> torch.Tensor:
    """(N_kept,) group ids: pieces of one word share an id, special tokens get their own."""
    ids: list[int] = []
    previous: int | None = None
    for word, kept in zip(att.word_of, keep):
        if not kept:
            continue
        starts_group = not ids or word is None or word != previous
        ids.append((ids[-1] + 1 if ids else 0) if starts_group else ids[-1])
        previous = word
    return torch.tensor(ids, dtype=torch.long)


def tidy(att: Attention, *, hide_special: bool, merge_words: bool) -> Tidy:
    """Apply the two toggles to every map; rows still sum to 1."""
    weights, flow = att.weights, rollout(att.weights)
    keep = [not (hide_special and w is None) for w in att.word_of]
    labels = [token for token, kept in zip(att.tokens, keep) if kept]
    if not all(keep):
        mask = torch.tensor(keep)
        weights, flow = hide(weights, mask), hide(flow, mask)
    if merge_words:
        groups = _groups(att, keep)
        weights, flow = merge(weights, groups), merge(flow, groups)
        kept_words = [w for w, kept in zip(att.word_of, keep) if kept]
        firsts = [i for i, g in enumerate(groups.tolist()) if i == 0 or g != groups[i - 1]]
        labels = [labels[i] if kept_words[i] is None else att.words[kept_words[i]] for i in firsts]
    return Tidy(weights=weights, rollout=flow, labels=labels)


def pick(view: Tidy, mode: Mode, layer: int, head: int) -> torch.Tensor:
    """One (N, N) map: a head of a layer, the mean over a layer's heads, or the rollout up to a layer."""
    if mode == "head":
        return view.weights[layer, head]
    if mode == "mean":
        return view.weights[layer].mean(0)
    if mode == "rollout":
        return view.rollout[layer]
    raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


def as_table(matrix: torch.Tensor, labels: list[str], *, row_name: str) -> dict[str, list]:
    """A shown (N, N) map as columns for a CSV: the attending token, then one column per attended token.

    Repeated tokens get their position, ``the (7)``, so every column name is distinct.
    """
    names = [f"{label} ({i + 1})" for i, label in enumerate(labels)]
    table: dict[str, list] = {row_name: names}
    for j, name in enumerate(names):
        table[name] = matrix[:, j].tolist()
    return table
