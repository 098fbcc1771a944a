"""SFace face embeddings in PyTorch: an aligned 112x112 face -> a 128-d unit vector.

SFace (Zhong et al. 2021, "SFace: Sigmoid-constrained hypersphere loss for robust face
recognition") is a MobileFaceNet trained so that photos of one person land close together
on the unit sphere; OpenCV Zoo ships it as int8 ONNX, folded to float here. Its input is
RGB 0..255 (OpenCV's ``FaceRecognizerSF`` swaps BGR to RGB before the network); the graph
normalises to about [-1, 1] itself.
"""
from __future__ import annotations

from pathlib import Path

import torch
import torch.nn.functional as F

from core.convert.onnx_fold import freeze_for_inference, onnx_to_torch

DIM = 128


def load_sface(path: Path, device: torch.device) -> torch.nn.Module:
    """The float SFace module on ``device``, frozen for inference."""
    example = torch.zeros((1, 3, 112, 112), device=device)
    return freeze_for_inference(onnx_to_torch(path).to(device), example)


@torch.inference_mode()
def embed(model: torch.nn.Module, crops: torch.Tensor) -> torch.Tensor:
    """(N, 3, 112, 112) RGB float 0..255 aligned faces -> (N, 128) L2-normalised embeddings."""
    if len(crops) == 0:
        return crops.new_zeros((0, DIM))
    return F.normalize(model(crops).float(), dim=1)
