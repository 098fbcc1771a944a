"""Content and style costs of Gatys, Ecker & Bethge, "Image Style Transfer Using CNNs" (CVPR 2016).

Both costs are *relative* squared errors (divided by the target's squared norm). The paper's
constants (1/2, 1/(4 N² M²)) depend on the network's scale: a VGG fed 0..255 Caffe input gives
features ~50× larger than one fed ImageNet-normalised input. Normalised costs start near 1
on any network, so the α and β a learner picks mean the same thing on VGG16 and VGG19.
"""
from __future__ import annotations

import torch
from torch import Tensor


def gram_matrix(features: Tensor) -> Tensor:
    """Channel correlations G = F Fᵀ / (C·H·W) of features (B, C, H, W) -> (B, C, C).

    Summing over positions throws away *where* things are and keeps *which* features occur
    together: the texture, i.e. the style. Autograd differentiates it like any other product.
    """
    b, c, h, w = features.shape
    flat = features.reshape(b, c, h * w)  # F: (B, C, N), one row per channel
    return flat @ flat.mT / (c * h * w)  # (B, C, C)


def relative_error(value: Tensor, target: Tensor) -> Tensor:
    """‖value − target‖² / ‖target‖² (a scalar); the target is a constant."""
    return (value - target).pow(2).sum() / target.pow(2).sum().clamp_min(1e-12)


def content_cost(features: Tensor, target: Tensor) -> Tensor:
    """J_content: how far the generated image's features at one layer are from the content's."""
    return relative_error(features, target)


def style_cost(features: dict[str, Tensor], target_grams: dict[str, Tensor], weights: dict[str, float]) -> Tensor:
    """J_style = Σ_l w_l · ‖G_l − A_l‖² / ‖A_l‖² over the chosen style layers (weights sum to 1)."""
    total = sum(weights.values()) or 1.0
    terms = [w / total * relative_error(gram_matrix(features[name]), target_grams[name]) for name, w in weights.items()]
    return torch.stack(terms).sum()


def total_cost(content: Tensor, style: Tensor, alpha: float, beta: float) -> Tensor:
    """J(G) = α·J_content(C, G) + β·J_style(S, G)."""
    return alpha * content + beta * style
