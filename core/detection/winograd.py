"""Winograd's minimal filtering F(4×4, 3×3): a 3×3 convolution with 4x fewer multiplications.

Each 4×4 output tile comes from a 6×6 input tile ``d`` as ``Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A``
(Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2016). Summed over the input
channels, the elementwise product becomes 36 matrix products ``(tiles × C_in) @ (C_in × C_out)``:
one batched GEMM does most of the work. The kernel transform ``G g Gᵀ`` is done once per kernel;
the input and output transforms are each one matrix product (``kron(Bᵀ, Bᵀ)``, ``kron(Aᵀ, Aᵀ)``).
OpenCV's dnn runs its 3×3 convolutions this way too. Float32 error: about 1e-5 of the output scale.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

TILE = 4  # output pixels per tile side; input tiles are TILE + 2 = 6 wide
_B_T = torch.tensor([[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
                     [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]], dtype=torch.float64)
_G = torch.tensor([[1 / 4, 0, 0], [-1 / 6, -1 / 6, -1 / 6], [-1 / 6, 1 / 6, -1 / 6],
                   [1 / 24, 1 / 12, 1 / 6], [1 / 24, -1 / 12, 1 / 6], [0, 0, 1]], dtype=torch.float64)
_A_T = torch.tensor([[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]],
                    dtype=torch.float64)
INPUT_TRANSFORM = torch.kron(_B_T, _B_T).float()  # (36, 36): flattened 6×6 tile → Bᵀ d B
OUTPUT_TRANSFORM = torch.kron(_A_T, _A_T).float()  # (16, 36): flattened 6×6 product → Aᵀ m A
MIN_TILES = 25  # a 20×20 map; on 13×13 (16 tiles) the GEMM is memory-bound on the 4x larger kernel
MIN_CHANNEL_PRODUCT = 2**16  # C_in × C_out; below, the transforms cost more than they save


def pays(conv: nn.Conv2d, height: int, width: int) -> bool:
    """Whether Winograd beats oneDNN's direct convolution for ``conv`` on a ``height × width`` map.

    Measured on a 2-core AVX2 CPU, whole network: in YOLOv3-tiny at 416 only the 384→256 layer on
    26×26 gains (5 of 87 ms); the 13×13 layers and those with few channels lost time.
    """
    tiles = -(-height // TILE) * -(-width // TILE)
    return (conv.kernel_size == (3, 3) and conv.stride == (1, 1) and conv.padding == (1, 1)
            and conv.dilation == (1, 1) and conv.groups == 1 and tiles >= MIN_TILES
            and conv.in_channels * conv.out_channels >= MIN_CHANNEL_PRODUCT)


def transform_kernel(weight: torch.Tensor) -> torch.Tensor:
    """``(C_out, C_in, 3, 3)`` → ``(36, C_in, C_out)``: ``G g Gᵀ`` per channel pair, in float64 then float32."""
    u = torch.einsum("ai,ocij,bj->aboc", _G, weight.double(), _G)  # (6, 6, C_out, C_in)
    return u.reshape(36, *weight.shape[:2]).transpose(1, 2).float().contiguous()


def conv3x3(x: torch.Tensor, kernel: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """``x`` ``(N, C_in, H, W)``, stride 1, padding 1 → ``(N, C_out, H, W)`` channels-last.

    ``kernel`` comes from ``transform_kernel``.
    """
    n, channels, height, width = x.shape
    rows, cols = -(-height // TILE), -(-width // TILE)
    # Zero padding: 1 pixel left/top (the convolution's own), enough right/bottom for whole tiles.
    x = F.pad(x, (1, cols * TILE + 1 - width, 1, rows * TILE + 1 - height))
    tiles = x.unfold(2, TILE + 2, TILE).unfold(3, TILE + 2, TILE)  # (N, C, rows, cols, 6, 6), overlapping
    d = tiles.permute(4, 5, 0, 2, 3, 1).reshape(36, -1)  # (36, N·rows·cols·C_in)
    v = (INPUT_TRANSFORM @ d).view(36, -1, channels)  # (36, tiles, C_in)
    m = torch.bmm(v, kernel)  # (36, tiles, C_out)
    y = (OUTPUT_TRANSFORM @ m.view(36, -1)).view(TILE, TILE, n, rows, cols, -1)  # (4, 4, N, rows, cols, C_out)
    y = y.permute(2, 3, 0, 4, 1, 5).reshape(n, rows * TILE, cols * TILE, -1)[:, :height, :width]
    return torch.add(y, bias).permute(0, 3, 1, 2)  # (N, C_out, H, W), channels-last memory
