"""Align faces to the standard 112x112 five-point template with a similarity transform.

A similarity (rotation, uniform scale, translation: 4 degrees of freedom) maps the detected
eyes, nose tip and mouth corners as close as possible, in least squares, onto where SFace /
ArcFace expect them; the face is then resampled through it. The estimate is Umeyama's
closed form (Umeyama 1991, "Least-squares estimation of transformation parameters between
two point patterns"), as in OpenCV's ``FaceRecognizerSF::alignCrop`` and scikit-image.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

CROP = 112
# Where the 5 landmarks sit in a 112x112 aligned face (InsightFace / OpenCV SFace template).
TEMPLATE = torch.tensor([[38.2946, 51.6963],   # right eye (on the image's left)
                         [73.5318, 51.5014],   # left eye
                         [56.0252, 71.7366],   # nose tip
                         [41.5493, 92.3655],   # right mouth corner
                         [70.7299, 92.2041]])  # left mouth corner


def umeyama(src: torch.Tensor, dst: torch.Tensor) -> torch.Tensor:
    """The similarity that maps points ``src`` (N, K, 2) onto ``dst`` (K, 2) best: (N, 2, 3) matrices.

    Centre both point sets, take the SVD of their covariance, fix a reflection if the
    determinant is negative, scale = trace(S D) / variance of src.
    """
    src = src.double()
    dst = dst.double().to(src.device).expand_as(src)
    src_mean, dst_mean = src.mean(1, keepdim=True), dst.mean(1, keepdim=True)  # (N, 1, 2)
    src_c, dst_c = src - src_mean, dst - dst_mean
    cov = dst_c.transpose(1, 2) @ src_c / src.shape[1]  # (N, 2, 2)
    u, s, vh = torch.linalg.svd(cov)
    d = torch.ones_like(s)  # (N, 2)
    d[:, 1] = torch.where(torch.linalg.det(cov) < 0, -1.0, 1.0)
    rotation = u @ torch.diag_embed(d) @ vh  # (N, 2, 2)
    variance = src_c.pow(2).sum((1, 2)) / src.shape[1]  # (N,)
    scale = (s * d).sum(1) / variance  # (N,)
    linear = scale[:, None, None] * rotation
    shift = dst_mean.transpose(1, 2) - linear @ src_mean.transpose(1, 2)  # (N, 2, 1)
    return torch.cat([linear, shift], 2).float()


def warp(rgb: torch.Tensor, matrices: torch.Tensor, size: int = CROP) -> torch.Tensor:
    """Resample (3, H, W) through each (2, 3) src->dst matrix: (N, 3, size, size), bilinear, zeros outside.

    Same convention as ``cv2.warpAffine``: pixel centres at integer coordinates, and each output
    pixel reads the source at the inverse-mapped point.
    """
    _, height, width = rgb.shape
    matrices = matrices.to(rgb.device)
    linear, shift = matrices[:, :, :2], matrices[:, :, 2:]
    inverse = torch.linalg.inv(linear.cpu()).to(rgb.device)  # (N, 2, 2); tiny, and MPS has no inv
    coords = torch.arange(size, dtype=rgb.dtype, device=rgb.device)
    ys, xs = torch.meshgrid(coords, coords, indexing="ij")
    dst = torch.stack([xs, ys], -1).reshape(1, -1, 2, 1)  # (1, size*size, 2, 1)
    src = (inverse[:, None] @ (dst - shift[:, None]))[..., 0]  # (N, size*size, 2) source pixels
    grid = (2 * src + 1) / torch.tensor([width, height], dtype=rgb.dtype, device=rgb.device) - 1
    grid = grid.reshape(-1, size, size, 2)
    return F.grid_sample(rgb[None].expand(len(matrices), -1, -1, -1), grid, mode="bilinear",
                         padding_mode="zeros", align_corners=False)


def align(rgb: torch.Tensor, landmarks: torch.Tensor) -> torch.Tensor:
    """Aligned 112x112 crops (N, 3, 112, 112) of a (3, H, W) image for landmarks (N, 5, 2)."""
    if len(landmarks) == 0:
        return rgb.new_zeros((0, 3, CROP, CROP))
    return warp(rgb, umeyama(landmarks.cpu(), TEMPLATE))  # on the CPU: float64 SVD of 5 points
