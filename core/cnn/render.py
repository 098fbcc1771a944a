"""Turn feature maps into pictures: per-map scaling, colour maps, a channel grid, an overlay on the photo.

Pure numpy / torch, cheap enough to redo on every slider move (the maps themselves are cached).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import plotly.colors
import torch
import torch.nn.functional as F
from PIL import Image
from torch import Tensor

from core.cnn.features import Activations

COLORMAPS = ("Viridis", "Inferno", "Magma", "Turbo", "Greys_r")  # plotly colour scale names


@lru_cache(maxsize=None)
def colormap_lut(name: str) -> np.ndarray:
    """(256, 3) uint8 lookup table sampled from plotly's colour scale ``name``."""
    if name not in COLORMAPS:
        raise ValueError(f"unknown colour map {name!r}; known: {', '.join(COLORMAPS)}")
    scale = "Greys" if name == "Greys_r" else name  # plotly's Greys runs white -> black
    samples = plotly.colors.sample_colorscale(scale, list(np.linspace(0, 1, 256)), colortype="tuple")
    lut = np.rint(np.array(samples) * 255).astype(np.uint8)  # (256, 3)
    return lut[::-1].copy() if name == "Greys_r" else lut


def normalise(feature_map: Tensor) -> Tensor:
    """(h, w) -> [0, 1] by the map's own min and max (a flat map becomes zeros)."""
    lo, hi = float(feature_map.min()), float(feature_map.max())
    return (feature_map - lo) / (hi - lo) if hi > lo else torch.zeros_like(feature_map)


def colorize(map01: Tensor, colormap: str) -> np.ndarray:
    """(h, w) in [0, 1] -> (h, w, 3) uint8 RGB."""
    index = (map01.clamp(0, 1) * 255).round().to(torch.int64).numpy()
    return colormap_lut(colormap)[index]


def upsample(map01: Tensor, size: tuple[int, int]) -> Tensor:
    """(h, w) -> (H, W) bilinear, for showing a coarse map at photo resolution."""
    return F.interpolate(map01[None, None], size=size, mode="bilinear", align_corners=False)[0, 0]


def channel_tiles(maps: Tensor, channels: list[int], colormap: str, tile: int = 96) -> list[np.ndarray]:
    """One coloured (tile, tile, 3) picture per channel of (C, h, w) ``maps``, each scaled on its own.

    Nearest-neighbour enlargement keeps the cells of coarse maps (7 x 7) visible.
    """
    return [colorize(upsample_nearest(normalise(maps[c]), (tile, tile)), colormap) for c in channels]


def upsample_nearest(map01: Tensor, size: tuple[int, int]) -> Tensor:
    """(h, w) -> (H, W) nearest-neighbour: every cell of the map stays a visible block."""
    return F.interpolate(map01[None, None], size=size, mode="nearest")[0, 0]


def overlay(photo: Image.Image, map01: Tensor, colormap: str, alpha: float) -> np.ndarray:
    """Blend a coloured (h, w) map stretched to the photo's size over the photo: (H, W, 3) uint8."""
    rgb = np.asarray(photo.convert("RGB"), dtype=np.float32)  # (H, W, 3)
    heat = colorize(upsample(map01, rgb.shape[:2]), colormap).astype(np.float32)
    return np.rint((1 - alpha) * rgb + alpha * heat).astype(np.uint8)


@dataclass(frozen=True)
class LayerView:
    """What the page draws for one layer: the grid of strongest channels, and one channel large and overlaid."""

    channels: list[int]  # strongest first
    tiles: list[np.ndarray]  # (tile, tile, 3) uint8 each
    channel: int
    large: np.ndarray  # (H, W, 3) uint8, the photo's size, cells as blocks
    overlaid: np.ndarray  # (H, W, 3) uint8, the photo's size


def render_layer(acts: Activations, layer: str, count: int, colormap: str, channel: int | None,
                 photo: Image.Image, alpha: float, tile: int = 96) -> LayerView:
    """Draw ``layer`` from cached activations (no network call): the ``count`` strongest channels by
    mean activation, and ``channel`` (default: the strongest) large and over the photo."""
    maps = acts.maps[layer]  # (C, h, w)
    channels = [int(c) for c in acts.order[layer][:count]]
    chosen = channels[0] if channel is None else channel
    map01 = normalise(maps[chosen])
    return LayerView(channels, channel_tiles(maps, channels, colormap, tile), chosen,
                     colorize(upsample_nearest(map01, (photo.height, photo.width)), colormap),
                     overlay(photo, map01, colormap, alpha))
