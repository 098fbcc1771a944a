"""One photo in, every face out: detect, align, embed, on the app's device, all in memory.

The result holds no photo, only what the page shows and compares: boxes, landmarks,
scores, the 112x112 aligned crops and the embeddings, as CPU arrays so a page can keep
them in its session state and a threshold change re-decides without touching a network.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

from core.assets import resolve
from core.errors import UserError
from core.faces.align import align
from core.faces.detect import detect, load_yunet
from core.faces.embed import embed, load_sface
from core.tensors import to_pixels


@dataclass(frozen=True)
class FaceModels:
    """The detector and the embedder, loaded once per process, never changed afterwards."""

    detector: torch.nn.Module
    embedder: torch.nn.Module
    device: torch.device


def load_models(device: torch.device) -> FaceModels:
    return FaceModels(load_yunet(resolve("yunet"), device), load_sface(resolve("sface"), device), device)


@dataclass(frozen=True)
class PhotoFaces:
    """Every face of one photo, best detection score first; coordinates in the photo's pixels."""

    boxes: np.ndarray  # (N, 4) float32 x1, y1, x2, y2
    landmarks: np.ndarray  # (N, 5, 2) float32
    scores: np.ndarray  # (N,) float32
    crops: np.ndarray  # (N, 112, 112, 3) uint8 aligned RGB faces
    embeddings: torch.Tensor  # (N, 128) float32 unit vectors, CPU

    def __len__(self) -> int:
        return len(self.scores)

    def face(self, index: int) -> torch.Tensor:
        """The embedding of face ``index``; a clear error when the photo has no face."""
        if len(self) == 0:
            raise UserError("face.err.no_face")
        if not 0 <= index < len(self):
            raise UserError("face.err.bad_index", index=index, count=len(self))
        return self.embeddings[index]


def photo_key(data: bytes) -> str:
    """A per-photo cache key: the sha256 of its bytes (the bytes themselves are never kept)."""
    return hashlib.sha256(data).hexdigest()


@torch.inference_mode()
def analyse(models: FaceModels, image: Image.Image) -> PhotoFaces:
    """Detect, align and embed every face in ``image`` (batched: one SFace pass for all faces)."""
    rgb = to_pixels(image).to(models.device).float()  # (3, H, W) 0..255
    found = detect(models.detector, rgb)
    crops = align(rgb, found.landmarks)  # (N, 3, 112, 112)
    embeddings = embed(models.embedder, crops)  # (N, 128)
    return PhotoFaces(
        boxes=found.boxes.cpu().numpy().astype(np.float32),
        landmarks=found.landmarks.cpu().numpy().astype(np.float32),
        scores=found.scores.cpu().numpy().astype(np.float32),
        crops=crops.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy(),
        embeddings=embeddings.cpu(),
    )
