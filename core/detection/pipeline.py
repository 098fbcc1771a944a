"""The detector end to end: load a model once, run it once per input, re-filter cheaply.

``raw_predictions`` is the heavy, cacheable step (preprocess + forward + decode);
``detect`` is the live step a slider re-runs (threshold + NMS + mapping back to the photo).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from PIL import Image
from torch import nn

from core.accel import accelerate
from core.assets import is_installed, resolve
from core.assets.registry import FETCH_FULL_COMMAND
from core.detection.cfg import read_cfg
from core.detection.darknet import Darknet
from core.detection.postprocess import Candidates, Selection, decode, select
from core.detection.preprocess import Transform, check_size, fit
from core.detection.weights import load_weights
from core.device import device
from core.errors import AssetError
from core.serve.client import remote_or_local
from core.tensors import to_image, to_tensor

# model id -> (cfg asset id, weights asset id); the tiny model ships offline, the full one is optional.
MODELS: dict[str, tuple[str, str]] = {
    "yolov3-tiny": ("yolov3-tiny.cfg", "yolov3-tiny.weights"),
    "yolov3": ("yolov3.cfg", "yolov3.weights"),
}
DEFAULT_MODEL = "yolov3-tiny"
DEFAULT_CONF = 0.25
DEFAULT_IOU = 0.45
DEFAULT_SIZE = 416


def available_models() -> list[str]:
    """Model ids whose cfg and weights are installed; the offline default always comes first."""
    def installed(asset_id: str) -> bool:
        try:
            return is_installed(asset_id)
        except KeyError:  # the optional full-size ids may not be registered at all
            return False

    return [DEFAULT_MODEL] + [m for m, ids in MODELS.items() if m != DEFAULT_MODEL and all(map(installed, ids))]


def build_model(cfg: str | Path, weights: str | Path) -> Darknet:
    """A plain model: built from ``cfg``, weights loaded (BN folded), eval, no grads, on the device."""
    model = Darknet(read_cfg(cfg))
    load_weights(model, weights)
    return model.eval().requires_grad_(False).to(device())


def load_model(model_id: str = DEFAULT_MODEL) -> nn.Module:
    """The model ``model_id`` through the performance layer (a ``Darknet`` inside ``core.accel``);
    ``AssetError`` with the install command when its files are missing."""
    cfg_id, weights_id = MODELS[model_id]
    if model_id not in available_models():
        raise AssetError("err.asset_missing", asset=weights_id, command=FETCH_FULL_COMMAND)
    model = accelerate(build_model(resolve(cfg_id), resolve(weights_id)), half=True)
    model.model_id = model_id  # named once, before it is shared: the model server is asked by name
    return model


def class_names() -> list[str]:
    """The 80 COCO class names, in the order of the model's class outputs."""
    return [n.strip() for n in resolve("coco.names").read_text(encoding="utf-8").splitlines() if n.strip()]


@dataclass(frozen=True)
class RawPrediction:
    """What one forward pass gives, kept per (image, model, size, resize mode)."""

    candidates: Candidates  # on the CPU
    transform: Transform
    network_input: Image.Image  # the square image the network saw
    anchors: tuple[tuple[tuple[float, float], ...], ...]  # per head, (w, h) in input pixels


def raw_predictions(model: nn.Module, image: Image.Image, size: int = DEFAULT_SIZE,
                    mode: str = "letterbox") -> RawPrediction:
    """The heavy step: fit the image, run the network (a ``Darknet``, plain or accelerated) once,
    decode every candidate box. With a model server configured (``core.serve``) the network runs there."""
    pixels, transform = fit(image, check_size(size), mode)  # (3, S, S) uint8
    candidates = remote_or_local("detect", lambda: ({"pixels": pixels.numpy()}, {"model": model.model_id}),
                                 decode=Candidates.from_arrays, local=lambda: candidates_batch(model, [pixels])[0])
    return RawPrediction(candidates, transform, to_image(pixels), tuple(h.anchors for h in model.heads))


def candidates_batch(model: nn.Module, pixels: Sequence[torch.Tensor]) -> list[Candidates]:
    """Fitted inputs ``(3, S, S)`` uint8 -> every decoded candidate of each, on the CPU; inputs of one
    size go through the network together (the model server batches many users' requests)."""
    where = next(model.parameters()).device
    answers: dict[int, Candidates] = {}
    for size in {tuple(p.shape) for p in pixels}:
        rows = [i for i, p in enumerate(pixels) if tuple(p.shape) == size]
        x = to_tensor(torch.stack([pixels[i] for i in rows]), where)  # (B, 3, S, S)
        with torch.inference_mode():
            raw = [r.float() for r in model(x)]  # per head (B, A*(5+C), h, w)
            for row, index in enumerate(rows):
                answers[index] = decode([r[row:row + 1] for r in raw], model.heads, size[1:]).cpu()
    return [answers[i] for i in range(len(pixels))]


@dataclass(frozen=True)
class Detection:
    """One final box, in original image pixels, with where it came from."""

    label: str
    class_id: int
    score: float  # objectness × class probability
    objectness: float
    class_prob: float
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in the original image
    scale: int
    cell: tuple[int, int]  # column, row in its grid
    anchor: int
    candidate: int  # row in the candidates


def detect(raw: RawPrediction, names: list[str], conf: float = DEFAULT_CONF, iou: float = DEFAULT_IOU,
           classes: set[int] | None = None) -> tuple[list[Detection], Selection]:
    """The live step: threshold, NMS, map back. Returns the kept detections and the full selection."""
    selection = select(raw.candidates, conf, iou, classes)
    c = raw.candidates
    index = selection.index[selection.kept]
    boxes = raw.transform.to_original(c.boxes[index])  # (K, 4)
    detections = [
        Detection(names[int(label)], int(label), float(score), float(c.objectness[i]),
                  float(c.class_probs[i, label]), tuple(float(v) for v in box), int(c.scale[i]),
                  (int(c.cell[i, 0]), int(c.cell[i, 1])), int(c.anchor[i]), int(i))
        for i, label, score, box in zip(index.tolist(), selection.labels[selection.kept],
                                        selection.scores[selection.kept], boxes)
    ]
    return detections, selection
