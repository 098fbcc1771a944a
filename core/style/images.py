"""Small image helpers shared by the style modules: PIL <-> tensors, sizes, PNG bytes."""
from __future__ import annotations

import io

import numpy as np
import torch
from PIL import Image


def fit_side(image: Image.Image, side: int, multiple: int = 4) -> Image.Image:
    """Resize so the longer side is about ``side``; both sides are multiples of ``multiple``.

    The style networks downsample by 4 and upsample back, so odd sizes would come back cropped.
    """
    scale = side / max(image.size)
    width, height = (max(multiple, round(d * scale / multiple) * multiple) for d in image.size)
    if (width, height) == image.size:
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS)


def to_tensor(image: Image.Image, device: torch.device | str = "cpu") -> torch.Tensor:
    """RGB PIL image -> float tensor in [0, 1], shape (1, 3, H, W)."""
    array = np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0  # (H, W, 3)
    return torch.from_numpy(array).permute(2, 0, 1).unsqueeze(0).contiguous().to(device)


def to_image(tensor: torch.Tensor) -> Image.Image:
    """(1, 3, H, W) or (3, H, W) tensor in [0, 1] -> RGB PIL image."""
    array = tensor.detach().float().clamp(0, 1).squeeze(0).permute(1, 2, 0).cpu().numpy()  # (H, W, 3)
    return Image.fromarray((array * 255 + 0.5).astype(np.uint8))


def blend(stylised: Image.Image, content: Image.Image, strength: float) -> Image.Image:
    """Mix the stylised image with the content: 0 keeps the content, 1 the full style."""
    if strength >= 1.0:
        return stylised
    return Image.blend(content.resize(stylised.size, Image.Resampling.LANCZOS), stylised, float(strength))


def png_bytes(image: Image.Image) -> bytes:
    """The image encoded as PNG, for downloads and the command line."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
