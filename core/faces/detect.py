"""YuNet face detection in PyTorch: boxes, 5 landmarks and scores.

Why YuNet rather than MTCNN (both ship offline): YuNet is one small anchor-free network
(75k parameters) run once per photo, with the 5 landmarks SFace's alignment was trained on
(OpenCV's own ``FaceDetectorYN`` + ``FaceRecognizerSF`` pair), and it finds faces at any
scale in one pass. MTCNN is a cascade of three networks over an image pyramid: many small
forward passes, slower on a CPU and harder to read. The int8 ONNX file is folded to float
and converted to a ``torch.nn.Module`` by ``core.convert.onnx_fold``.

Decoding follows OpenCV's ``FaceDetectorYN`` (objdetect/src/face_detect.cpp): for each
stride s in (8, 16, 32) and grid cell (r, c), score = sqrt(clamp(cls) * clamp(obj)),
centre = (c + dx, r + dy) * s, size = exp(dw, dh) * s, landmark k = (c + kx, r + ky) * s;
then non-maximum suppression.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import onnx
import torch
import torch.nn.functional as F
from torchvision.ops import nms

from core.convert.onnx_fold import freeze_for_inference, onnx_to_torch

STRIDES = (8, 16, 32)
OUTPUT_NAMES = [f"{kind}_{stride}" for kind in ("cls", "obj", "bbox", "kps") for stride in STRIDES]
PAD = 32  # YuNet's input sides must be multiples of the largest stride
SCORE_THRESHOLD = 0.6  # below OpenCV's default 0.9: turned and small faces still count; few false faces above 0.6
NMS_THRESHOLD = 0.3
DETECT_SIDE = 640  # photos are detected at this longest side (YuNet was trained at 640)


@dataclass(frozen=True)
class Detections:
    """Faces found in one image, best first; coordinates in that image's pixels (x right, y down)."""

    boxes: torch.Tensor  # (N, 4) x1, y1, x2, y2
    landmarks: torch.Tensor  # (N, 5, 2) right eye, left eye, nose tip, right / left mouth corner
    scores: torch.Tensor  # (N,)

    def __len__(self) -> int:
        return int(self.scores.shape[0])

    def scaled(self, fx: float, fy: float) -> "Detections":
        """The same faces in an image ``fx`` times as wide and ``fy`` times as tall."""
        factor = torch.tensor([fx, fy], dtype=self.boxes.dtype, device=self.boxes.device)
        return Detections(self.boxes * factor.repeat(2), self.landmarks * factor, self.scores)


def load_yunet(path: Path, device: torch.device) -> torch.nn.Module:
    """The float YuNet module on ``device``, frozen for inference; checks its outputs are the 12 we decode."""
    names = [output.name for output in onnx.load(str(path), load_external_data=False).graph.output]
    if names != OUTPUT_NAMES:
        raise ValueError(f"unexpected YuNet outputs {names}, expected {OUTPUT_NAMES}")
    example = torch.zeros((1, 3, DETECT_SIDE, DETECT_SIDE), device=device)
    return freeze_for_inference(onnx_to_torch(path).to(device), example)


def to_blob(rgb: torch.Tensor) -> torch.Tensor:
    """(3, H, W) RGB float 0..255 -> (1, 3, H', W') BGR, zero-padded right/bottom to multiples of 32."""
    _, height, width = rgb.shape
    pad_h, pad_w = -height % PAD, -width % PAD
    return F.pad(rgb.flip(0), (0, pad_w, 0, pad_h))[None]


def decode(outputs: list[torch.Tensor] | tuple[torch.Tensor, ...], height: int, width: int,
           score_threshold: float = SCORE_THRESHOLD, nms_threshold: float = NMS_THRESHOLD) -> Detections:
    """YuNet's 12 raw outputs for a padded (height, width) blob -> faces above the score, after NMS."""
    boxes, landmarks, scores = [], [], []
    for i, stride in enumerate(STRIDES):
        cls, obj, bbox, kps = (outputs[i + 3 * k][0] for k in range(4))  # (L, 1) (L, 1) (L, 4) (L, 10)
        rows, cols = height // stride, width // stride
        ys, xs = torch.meshgrid(torch.arange(rows, device=cls.device), torch.arange(cols, device=cls.device),
                                indexing="ij")
        cells = torch.stack([xs, ys], -1).reshape(-1, 1, 2).to(cls.dtype)  # (L, 1, 2) column, row
        score = (cls.clamp(0, 1) * obj.clamp(0, 1)).sqrt()[:, 0]  # (L,)
        centre = (cells[:, 0] + bbox[:, :2]) * stride  # (L, 2)
        size = bbox[:, 2:].exp() * stride  # (L, 2)
        boxes.append(torch.cat([centre - size / 2, centre + size / 2], 1))
        landmarks.append((kps.reshape(-1, 5, 2) + cells) * stride)  # (L, 5, 2)
        scores.append(score)
    box, mark, score = torch.cat(boxes), torch.cat(landmarks), torch.cat(scores)
    keep = score >= score_threshold
    box, mark, score = box[keep], mark[keep], score[keep]
    keep = nms(box.float(), score.float(), nms_threshold)  # sorted by decreasing score
    return Detections(box[keep].float(), mark[keep].float(), score[keep].float())


@torch.inference_mode()
def detect(model: torch.nn.Module, rgb: torch.Tensor, score_threshold: float = SCORE_THRESHOLD,
           nms_threshold: float = NMS_THRESHOLD) -> Detections:
    """Faces in a (3, H, W) RGB float 0..255 image (on the model's device), in its own pixels.

    Images longer than ``DETECT_SIDE`` are detected on a downsized copy and mapped back.
    """
    _, height, width = rgb.shape
    factor = min(1.0, DETECT_SIDE / max(height, width))
    small = rgb
    if factor < 1.0:
        size = (max(1, round(height * factor)), max(1, round(width * factor)))
        small = F.interpolate(rgb[None], size=size, mode="bilinear", antialias=True, align_corners=False)[0]
    blob = to_blob(small)
    found = decode(model(blob), blob.shape[2], blob.shape[3], score_threshold, nms_threshold)
    return found.scaled(width / small.shape[2], height / small.shape[1]) if small is not rgb else found
