"""One photo in, every face out: detect, align, embed, on the app's device, all in memory.

The result holds no photo, only what the page shows and compares: boxes, landmarks,
scores, the 112x112 aligned crops and the embeddings, as CPU arrays so a page can cache
them (an upload's in its own session only) and a threshold change re-decides without touching a network.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

from core.assets import resolve
from core.errors import UserError
from core.faces.align import align
from core.faces.detect import detect, load_yunet
from core.faces.embed import embed, load_sface
from core.serve.client import remote_or_local
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

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Everything as numpy arrays, e.g. to travel from the model server (``core.serve``)."""
        return {"boxes": self.boxes, "landmarks": self.landmarks, "scores": self.scores, "crops": self.crops,
                "embeddings": self.embeddings.numpy()}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> PhotoFaces:
        return cls(arrays["boxes"], arrays["landmarks"], arrays["scores"], arrays["crops"],
                   torch.from_numpy(arrays["embeddings"].copy()))

    def face(self, index: int) -> torch.Tensor:
        """The embedding of face ``index``; a clear error when the photo has no face."""
        if len(self) == 0:
            raise UserError("face.err.no_face")
        if not 0 <= index < len(self):
            raise UserError("face.err.bad_index", index=index, count=len(self))
        return self.embeddings[index]


def analyse(models: FaceModels, image: Image.Image) -> PhotoFaces:
    """Detect, align and embed every face in ``image``; on the model server when one is configured."""
    return remote_or_local("faces", lambda: ({"photo": np.asarray(image.convert("RGB"))}, {}),
                           decode=PhotoFaces.from_arrays, local=lambda: analyse_batch(models, [image])[0])


@torch.inference_mode()
def analyse_batch(models: FaceModels, images: Sequence[Image.Image]) -> list[PhotoFaces]:
    """Detect and align the faces of each photo, then embed every face of every photo in one SFace pass."""
    found, crops = [], []
    for image in images:
        rgb = to_pixels(image).to(models.device).float()  # (3, H, W) 0..255
        faces = detect(models.detector, rgb)
        found.append(faces)
        crops.append(align(rgb, faces.landmarks))  # (N_i, 3, 112, 112)
    embeddings = embed(models.embedder, torch.cat(crops)).cpu()  # (sum N_i, 128)
    answers, start = [], 0
    for faces, crop in zip(found, crops):
        answers.append(PhotoFaces(
            boxes=faces.boxes.cpu().numpy().astype(np.float32),
            landmarks=faces.landmarks.cpu().numpy().astype(np.float32),
            scores=faces.scores.cpu().numpy().astype(np.float32),
            crops=crop.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy(),
            embeddings=embeddings[start:start + len(crop)],
        ))
        start += len(crop)
    return answers
