"""Pure tensor operations on attention maps ``(..., T, T)``; every result keeps rows summing to 1.

- ``hide``: drop tokens (e.g. [CLS]/[SEP], which soak up much of the attention) and renormalise
  each remaining row over the tokens left.
- ``merge``: word pieces → words. Attention *to* a word is the sum over its pieces, attention
  *from* a word the mean over its pieces (Clark et al. 2019, "What does BERT look at?").
- ``rollout``: attention flow through the layers, with the residual connection modelled as
  ``0.5·A + 0.5·I`` and the layers multiplied (Abnar & Zuidema 2020).
"""
from __future__ import annotations

import torch
import torch.nn.functional as F


def hide(att: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    """Keep the tokens where ``keep`` (T,) is True; (..., T, T) → (..., K, K), rows renormalised."""
    index = keep.nonzero().squeeze(1)
    kept = att[..., index[:, None], index]  # (..., K, K); one gather (index_select on the last dim is far slower)
    return kept / kept.sum(-1, keepdim=True).clamp_min(torch.finfo(att.dtype).tiny)


def merge(att: torch.Tensor, groups: torch.Tensor) -> torch.Tensor:
    """Merge tokens sharing a group id (``groups`` (T,), ids 0..G-1 in order); (..., T, T) → (..., G, G)."""
    count = int(groups.max()) + 1 if groups.numel() else 0
    shape = att.shape[:-2]
    to_word = att.new_zeros(*shape, att.shape[-2], count).index_add(-1, groups, att)  # (..., T, G): sum
    from_word = att.new_zeros(*shape, count, count).index_add(-2, groups, to_word)  # (..., G, G)
    sizes = torch.bincount(groups, minlength=count).to(att.dtype)  # (G,)
    return from_word / sizes[:, None]  # mean over the pieces of the attending word


def mean_heads(att: torch.Tensor) -> torch.Tensor:
    """Average over heads: (L, H, T, T) → (L, T, T)."""
    return att.mean(1)


def rollout(att: torch.Tensor, residual: float = 0.5) -> torch.Tensor:
    """Attention rollout up to each layer: (L, H, T, T) → (L, T, T); entry l covers layers 0..l."""
    layers = mean_heads(att)  # (L, T, T)
    eye = torch.eye(att.shape[-1], dtype=att.dtype)
    flow = residual * eye + (1 - residual) * layers
    flow = flow / flow.sum(-1, keepdim=True)
    out = [flow[0]]
    for layer in flow[1:]:
        out.append(layer @ out[-1])
    return torch.stack(out)


def below(att: torch.Tensor, threshold: float) -> torch.Tensor:
    """The same maps with weights under ``threshold`` set to NaN (not drawn): weak links hidden."""
    return att.masked_fill(att < threshold, float("nan"))


def thumbnails(att: torch.Tensor, size: int) -> torch.Tensor:
    """Average-pool (L, H, T, T) maps down to at most ``size`` × ``size`` for a grid of small pictures."""
    if att.shape[-1] <= size:
        return att
    layers, heads, t, _ = att.shape
    pooled = F.adaptive_avg_pool2d(att.reshape(layers * heads, 1, t, t), size)
    return pooled.reshape(layers, heads, size, size)
