"""Turn feature maps into pictures: per-map scaling, colour maps, a channel grid, an overlay on the photo.

This is the live part of the page (every layer, channel or colour change redraws it), so it is
plain numpy + PIL on small arrays: no torch ops, whose thread pool can cost milliseconds per
tiny op on a busy shared CPU.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import plotly.colors
from PIL import Image

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


def normalise(feature_map: np.ndarray) -> np.ndarray:
    """(h, w) -> float32 in [0, 1] by the map's own min and max (a flat map becomes zeros)."""
    lo, hi = float(feature_map.min()), float(feature_map.max())
    if hi <= lo:
        return np.zeros(feature_map.shape, dtype=np.float32)
    return ((feature_map - lo) / (hi - lo)).astype(np.float32)


def colorize(map01: np.ndarray, colormap: str) -> np.ndarray:
    """(h, w) in [0, 1] -> (h, w, 3) uint8 RGB through a 256-entry lookup table."""
    index = np.rint(np.clip(map01, 0.0, 1.0) * 255).astype(np.intp)
    return colormap_lut(colormap)[index]


def upsample(map01: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(h, w) -> (H, W) bilinear, for laying a coarse map smoothly over a photo."""
    image = Image.fromarray(np.ascontiguousarray(map01, dtype=np.float32), mode="F")
    return np.asarray(image.resize((size[1], size[0]), Image.Resampling.BILINEAR))


def upsample_nearest(map01: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(h, w) -> (H, W) nearest-neighbour: every cell of the map stays a visible block."""
    h, w = map01.shape
    rows = np.arange(size[0]) * h // size[0]
    cols = np.arange(size[1]) * w // size[1]
    return map01[rows[:, None], cols[None, :]]


def channel_tiles(maps: np.ndarray, channels: list[int], colormap: str, tile: int = 96) -> list[np.ndarray]:
    """One coloured (tile, tile, 3) picture per channel of (C, h, w) ``maps``, each scaled on its own."""
    return [colorize(upsample_nearest(normalise(maps[c]), (tile, tile)), colormap) for c in channels]


def overlay(photo: Image.Image, map01: np.ndarray, colormap: str, alpha: float) -> np.ndarray:
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


def top_channels(acts: Activations, layer: str, count: int) -> list[int]:
    """The ``count`` channels of ``layer`` with the highest mean activation, strongest first."""
    return [int(c) for c in acts.order[layer][:count]]


def render_layer(acts: Activations, layer: str, count: int, colormap: str, channel: int | None,
                 photo: Image.Image, alpha: float, tile: int = 96) -> LayerView:
    """Draw ``layer`` from cached activations (no network call): the ``count`` strongest channels by
    mean activation, and ``channel`` (default: the strongest) large and over the photo."""
    maps = acts.maps[layer].numpy()  # (C, h, w), shares memory with the cached tensor
    channels = top_channels(acts, layer, count)
    chosen = channels[0] if channel is None else channel
    map01 = normalise(maps[chosen])
    return LayerView(channels, channel_tiles(maps, channels, colormap, tile), chosen,
                     colorize(upsample_nearest(map01, (photo.height, photo.width)), colormap),
                     overlay(photo, map01, colormap, alpha))


def channel_ranks(acts: Activations, layer: str) -> dict[str, list]:
    """Every channel of ``layer``, strongest first: rank, channel index, mean and max activation."""
    maps = acts.maps[layer].numpy()  # (C, h, w)
    order = acts.order[layer]
    return {"rank": list(range(1, len(order) + 1)), "channel": [int(c) for c in order],
            "mean": [float(maps[c].mean()) for c in order], "max": [float(maps[c].max()) for c in order]}


def mosaic(tiles: list[np.ndarray], columns: int = 8, gap: int = 4) -> Image.Image:
    """Equal (t, t, 3) tiles laid out row by row on white, ``columns`` per row: the channel grid as one picture."""
    side = tiles[0].shape[0]
    rows = -(-len(tiles) // columns)
    sheet = np.full((rows * (side + gap) - gap, columns * (side + gap) - gap, 3), 255, dtype=np.uint8)
    for i, tile in enumerate(tiles):
        top, left = (i // columns) * (side + gap), (i % columns) * (side + gap)
        sheet[top:top + side, left:left + side] = tile
    return Image.fromarray(sheet)
