"""Grad-CAM (Selvaraju et al., 2017): where in the image a layer's evidence for a class sits.

    alpha_k = mean over positions of d y_c / d A_k,   L = ReLU(sum_k alpha_k A_k)
The gradient is taken with respect to the layer's output tensor itself: the walk runs up to
the layer without gradients, marks that output as requiring grad, then runs the rest of the
network with gradients on. The model's parameters stay frozen and no hook is registered.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from PIL import Image
from torch import Tensor

from core.cnn.features import resized_input
from core.cnn.models import CnnModel


def grad_cam(model: CnnModel, image: Image.Image, layer: str, class_index: int) -> Tensor:
    """(h, w) Grad-CAM map of ``class_index`` at ``layer``, scaled to [0, 1] (all zeros if no positive evidence)."""
    if model.head is None:
        raise ValueError(f"{model.id} has no classifier: Grad-CAM needs class scores")
    names = model.layer_names
    if layer not in names:
        raise ValueError(f"unknown layer {layer!r} for {model.id}")
    split = names.index(layer) + 1
    with torch.no_grad():
        x = model.preprocess(resized_input(image))
        for _, stage in model.stages[:split]:
            x = stage(x)
    activation = x.detach().requires_grad_(True)  # (1, C, h, w)
    with torch.enable_grad():
        y = activation
        for _, stage in model.stages[split:]:
            y = stage(y)
        score = model.head(y)[0, class_index]
        (grad,) = torch.autograd.grad(score, activation)  # (1, C, h, w)
    weights = grad.mean(dim=(2, 3), keepdim=True)  # (1, C, 1, 1)
    cam = F.relu((weights * activation.detach()).sum(dim=1))[0]  # (h, w)
    peak = float(cam.max())
    return (cam / peak if peak > 0 else cam).cpu()
