"""The stateless forward passes, many requests at once: what the model server runs.

Each function takes a list of requests and returns one answer per request, in order, as
plain numpy arrays (what travels over the wire). Requests whose tensors have the same shape
are stacked into one forward pass (YOLO inputs of one size, CNN inputs, every face crop of
every photo); the rest run one by one inside the batch (style images of different sizes,
attention windows of different lengths). Each pass equals the in-process path of the app:
tests compare them on the same inputs.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import torch
from PIL import Image

from core.attention.extract import Encoded, attend
from core.attention.model import MiniLM
from core.cnn.features import image_to_tensor
from core.cnn.models import CnnModel
from core.detection.darknet import Darknet
from core.detection.postprocess import Candidates, decode
from core.detection.preprocess import to_tensor as detection_tensor
from core.faces.align import align
from core.faces.detect import detect as detect_faces
from core.faces.embed import embed
from core.faces.pipeline import FaceModels, PhotoFaces
from core.faces.pipeline import to_tensor as face_tensor
from core.style import arbitrary, fast

Arrays = dict[str, np.ndarray]


def _same_shape_groups(shapes: Sequence[tuple[int, ...]]) -> list[list[int]]:
    """Indices of the requests, grouped by the shape of their input."""
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for index, shape in enumerate(shapes):
        groups[shape].append(index)
    return list(groups.values())


# ---------------------------------------------------------------- YOLO raw predictions


def candidates_to_arrays(c: Candidates) -> Arrays:
    return {"boxes": c.boxes.numpy(), "objectness": c.objectness.numpy(), "class_probs": c.class_probs.numpy(),
            "scale": c.scale.numpy(), "cell": c.cell.numpy(), "anchor": c.anchor.numpy(),
            "grids": np.asarray(c.grids, dtype=np.int64)}


def candidates_from_arrays(a: Arrays) -> Candidates:
    tensors = {name: torch.from_numpy(a[name].copy()) for name in
               ("boxes", "objectness", "class_probs", "scale", "cell", "anchor")}
    return Candidates(**tensors, grids=tuple((int(r), int(c)) for r, c in a["grids"]))


@torch.inference_mode()
def detection_candidates(model: Darknet, pixels: Sequence[torch.Tensor]) -> list[Candidates]:
    """Fitted inputs ``(3, S, S)`` uint8 -> every decoded candidate box of each, on the CPU."""
    where = next(model.parameters()).device
    answers: list[Candidates | None] = [None] * len(pixels)
    for group in _same_shape_groups([tuple(p.shape) for p in pixels]):
        x = torch.cat([detection_tensor(pixels[i].to(where)) for i in group])  # (B, 3, S, S)
        size = (int(x.shape[2]), int(x.shape[3]))
        raw = [r.float() for r in model(x)]  # per head (B, A*(5+C), h, w)
        for row, index in enumerate(group):
            answers[index] = decode([r[row:row + 1] for r in raw], model.heads, size).cpu()
    return answers  # type: ignore[return-value]


# ---------------------------------------------------------------- faces


def faces_to_arrays(f: PhotoFaces) -> Arrays:
    return {"boxes": f.boxes, "landmarks": f.landmarks, "scores": f.scores, "crops": f.crops,
            "embeddings": f.embeddings.numpy()}


def faces_from_arrays(a: Arrays) -> PhotoFaces:
    return PhotoFaces(boxes=a["boxes"], landmarks=a["landmarks"], scores=a["scores"], crops=a["crops"],
                      embeddings=torch.from_numpy(a["embeddings"].copy()))


@torch.inference_mode()
def photo_faces(models: FaceModels, images: Sequence[Image.Image]) -> list[PhotoFaces]:
    """Detect and align the faces of each photo, then embed every face of every photo in one pass."""
    found, crops = [], []
    for image in images:
        rgb = face_tensor(image, models.device)  # (3, H, W)
        faces = detect_faces(models.detector, rgb)
        found.append(faces)
        crops.append(align(rgb, faces.landmarks))  # (N_i, 3, 112, 112)
    embeddings = embed(models.embedder, torch.cat(crops)).cpu()  # (sum N_i, 128)
    answers, start = [], 0
    for faces, crop in zip(found, crops):
        end = start + len(crop)
        answers.append(PhotoFaces(
            boxes=faces.boxes.cpu().numpy().astype(np.float32),
            landmarks=faces.landmarks.cpu().numpy().astype(np.float32),
            scores=faces.scores.cpu().numpy().astype(np.float32),
            crops=crop.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy(),
            embeddings=embeddings[start:end],
        ))
        start = end
    return answers


# ---------------------------------------------------------------- CNN top-5


@torch.inference_mode()
def cnn_logits(model: CnnModel, images: Sequence[Image.Image]) -> list[np.ndarray]:
    """The (1000,) ImageNet logits of each image, all images in one forward pass."""
    if not model.classifies:
        raise ValueError(f"{model.id} has no ImageNet classifier")
    x = model.preprocess(torch.cat([image_to_tensor(image) for image in images]))  # (B, 3, 224, 224)
    for _, stage in model.stages:
        x = stage(x)
    logits = model.head(x).float().cpu()  # (B, 1000)
    return [row.numpy() for row in logits]


# ---------------------------------------------------------------- attention


def attention_maps(minilm: MiniLM, windows: Sequence[tuple[Encoded, int]]) -> list[np.ndarray]:
    """(L, H, T, T) attention of each (encoded text, window); one window at a time (lengths differ)."""
    return [attend(minilm, encoded, window).weights.numpy() for encoded, window in windows]


# ---------------------------------------------------------------- fast style


def fast_styles(model: torch.nn.Module, requests: Sequence[tuple[Image.Image, dict[int, float], int]]) -> list[Image.Image]:
    """Each (content, {style index: weight}, side) painted by the 26-style network, one by one (sizes differ)."""
    return [fast.stylise(model, content, style, side) for content, style, side in requests]


def arbitrary_styles(transformer: torch.nn.Module,
                     requests: Sequence[tuple[Image.Image, torch.Tensor, int]]) -> list[Image.Image]:
    """Each (content, style vector, side) painted by the any-painting transformer, one by one."""
    return [arbitrary.stylise(transformer, content, vector, side) for content, vector, side in requests]


def style_vectors(predictor: torch.nn.Module, paintings: Sequence[Image.Image]) -> list[torch.Tensor]:
    """The (1, 1, 1, 100) style vector of each painting."""
    return [arbitrary.style_vector(predictor, painting) for painting in paintings]
