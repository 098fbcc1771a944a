"""Pictures <-> tensors, and the input normalisations: every model's input is made here.

Conventions, the same for every page: a PIL image becomes ``(3, H, W)`` uint8 pixels
(``to_pixels``) or a ``(1, 3, H, W)`` float batch in [0, 1] (``to_tensor``); ``to_image`` turns
either back into an RGB picture. Resizing, padding and cropping are each model's own choice
and stay with the model (letterbox for detection, a longest side for style, a square for CNNs).
"""
from __future__ import annotations

import numpy as np
import torch
from PIL import Image

# torchvision's ImageNet statistics (RGB, on the [0, 1] scale), the ones its pretrained models expect.
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def to_pixels(image: Image.Image) -> torch.Tensor:
    """PIL image -> ``(3, H, W)`` uint8 RGB, a view on an ``(H, W, 3)`` array (channels-last memory)."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")  # convert() would copy an RGB image too
    return torch.from_numpy(np.array(rgb, dtype=np.uint8)).permute(2, 0, 1)  # (3, H, W)


def to_tensor(image: Image.Image | torch.Tensor, device: torch.device | str | None = None) -> torch.Tensor:
    """PIL image or ``(3, H, W)`` / ``(B, 3, H, W)`` uint8 pixels -> ``(B, 3, H, W)`` float32 in [0, 1].

    ``device`` None keeps pixels where they are (a PIL image starts on the CPU).
    """
    pixels = to_pixels(image) if isinstance(image, Image.Image) else image
    if pixels.dtype != torch.uint8:
        raise ValueError(f"expected uint8 pixels, got {pixels.dtype}")
    if pixels.dim() == 3:
        pixels = pixels.unsqueeze(0)  # (1, 3, H, W)
    return pixels.to(device).contiguous().float().div_(255.0)  # (B, 3, H, W)


def to_image(tensor: torch.Tensor) -> Image.Image:
    """``(3, H, W)`` or ``(1, 3, H, W)`` -> RGB picture; uint8 as is, floats in [0, 1] clamped and rounded."""
    if tensor.dtype != torch.uint8:
        tensor = (tensor.detach().float().clamp(0, 1) * 255 + 0.5).to(torch.uint8)  # truncation of x + 0.5: rounding
    return Image.fromarray(tensor.squeeze(0).permute(1, 2, 0).contiguous().cpu().numpy())  # (H, W, 3)


def normalise_imagenet(x: torch.Tensor) -> torch.Tensor:
    """``(B, 3, H, W)`` RGB in [0, 1] -> ``(x - mean) / std`` with the ImageNet statistics above."""
    mean = x.new_tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = x.new_tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def caffe_input(x: torch.Tensor, means_bgr: tuple[float, float, float]) -> torch.Tensor:
    """``(B, 3, H, W)`` RGB in [0, 1] -> the Caffe convention: BGR, 0..255, minus each model's channel means."""
    return x.flip(1) * 255.0 - x.new_tensor(means_bgr).view(1, 3, 1, 1)
