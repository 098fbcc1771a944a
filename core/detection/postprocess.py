"""From raw YOLO maps to detections: decode every anchor of every cell, then threshold and NMS.

Decoding (YOLOv3 paper, eq. 1), per scale with grid cell ``(c_x, c_y)``, stride ``s`` and
anchor prior ``(p_w, p_h)``: ``b_x = (σ(t_x) + c_x)·s``, ``b_w = p_w·e^{t_w}``; objectness
``σ(t_o)``, class probabilities ``σ(t_c)`` (independent logistic, not softmax).
Confidence = objectness × best class probability. ``decode`` is the part worth caching;
``select`` is cheap (milliseconds) and is all a slider needs to redo.
Box arithmetic is torchvision's (``box_iou``, ``batched_nms``), never hand-written.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache

import numpy as np
import torch
from torchvision.ops import batched_nms, box_area, box_iou

from core.detection.darknet import Head


@dataclass(frozen=True)
class Candidates:
    """Every box the network proposes (one per anchor per cell per scale), in input pixels."""

    boxes: torch.Tensor  # (N, 4) x1, y1, x2, y2
    objectness: torch.Tensor  # (N,)
    class_probs: torch.Tensor  # (N, C)
    scale: torch.Tensor  # (N,) index of the head that proposed it
    cell: torch.Tensor  # (N, 2) grid column, row
    anchor: torch.Tensor  # (N,) anchor index within its head
    grids: tuple[tuple[int, int], ...]  # (rows, columns) of each head

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The candidates as numpy arrays, e.g. to travel from the model server (``core.serve``)."""
        arrays = {f.name: getattr(self, f.name).numpy() for f in fields(self) if f.name != "grids"}
        return {**arrays, "grids": np.asarray(self.grids, dtype=np.int64).reshape(-1, 2)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Candidates:
        tensors = {f.name: torch.from_numpy(arrays[f.name].copy()) for f in fields(cls) if f.name != "grids"}
        return cls(**tensors, grids=tuple((int(rows), int(cols)) for rows, cols in arrays["grids"]))

    def cpu(self) -> Candidates:
        """The same candidates on the CPU (where caching and drawing happen)."""
        return replace(self, **{f.name: getattr(self, f.name).cpu() for f in fields(self)
                                if isinstance(getattr(self, f.name), torch.Tensor)})

    def objectness_map(self, scale: int) -> torch.Tensor:
        """``(A, rows, cols)`` objectness of head ``scale``, for heatmaps."""
        rows, cols = self.grids[scale]
        values = self.objectness[self.scale == scale]  # ordered (row, col, anchor)
        return values.view(rows, cols, -1).permute(2, 0, 1)


@dataclass(frozen=True)
class Selection:
    """Candidates over the confidence threshold, best first, and which of them survive NMS."""

    index: torch.Tensor  # (K,) rows of ``Candidates``
    scores: torch.Tensor  # (K,) objectness × class probability
    labels: torch.Tensor  # (K,) class ids
    kept: torch.Tensor  # (K,) bool: survived non-maximum suppression


def decode(raw: list[torch.Tensor], heads: tuple[Head, ...], input_hw: tuple[int, int]) -> Candidates:
    """Raw maps ``(1, A*(5+C), H, W)`` of one image → ``Candidates`` (rows ordered scale, row, col, anchor)."""
    grids = tuple((int(out.shape[2]), int(out.shape[3])) for out in raw)
    layout = _layout(grids, tuple(h.anchors for h in heads), input_hw, raw[0].device)
    # (1, A*(5+C), H, W) → (H*W*A, 5+C): free for the channels-last maps the CPU produces.
    t = torch.cat([out[0].view(len(h.anchors), 5 + h.classes, *grid).permute(2, 3, 0, 1).reshape(-1, 5 + h.classes)
                   for out, h, grid in zip(raw, heads, grids)])
    centre = (t[:, 0:2].sigmoid() + layout.cell) * layout.stride  # (N, 2) input pixels
    half = t[:, 2:4].exp() * layout.prior / 2  # (N, 2)
    probs = t[:, 4:].sigmoid()  # objectness, then the class probabilities
    return Candidates(torch.cat((centre - half, centre + half), dim=1), probs[:, 0], probs[:, 1:], layout.scale,
                      layout.cell, layout.anchor, grids)


@dataclass(frozen=True)
class _Layout:
    """What decoding needs besides the network's numbers, per row: it depends only on the shapes."""

    cell: torch.Tensor  # (N, 2) grid column, row
    stride: torch.Tensor  # (N, 2) input pixels per cell, x and y
    prior: torch.Tensor  # (N, 2) anchor width, height in input pixels
    scale: torch.Tensor  # (N,)
    anchor: torch.Tensor  # (N,)


@lru_cache(maxsize=16)
def _layout(grids: tuple[tuple[int, int], ...], anchors: tuple[tuple[tuple[float, float], ...], ...],
            input_hw: tuple[int, int], where: torch.device) -> _Layout:
    parts: dict[str, list[torch.Tensor]] = {k: [] for k in ("cell", "stride", "prior", "scale", "anchor")}
    for index, ((rows, cols), priors) in enumerate(zip(grids, anchors)):
        a, n = len(priors), rows * cols * len(priors)
        ys, xs = torch.meshgrid(torch.arange(rows), torch.arange(cols), indexing="ij")
        parts["cell"].append(torch.stack((xs, ys), dim=-1)[:, :, None, :].expand(rows, cols, a, 2).reshape(-1, 2))
        parts["stride"].append(torch.tensor([input_hw[1] / cols, input_hw[0] / rows]).expand(n, 2))
        parts["prior"].append(torch.tensor(priors).repeat(rows * cols, 1))
        parts["scale"].append(torch.full((n,), index, dtype=torch.long))
        parts["anchor"].append(torch.arange(a).repeat(rows * cols))
    return _Layout(**{k: torch.cat(v).to(where) for k, v in parts.items()})


def select(candidates: Candidates, conf: float, iou: float, classes: set[int] | None = None) -> Selection:
    """Threshold ``objectness × best class probability`` at ``conf``, then class-wise NMS at ``iou``.

    ``classes``: keep only these class ids (``None``: all).
    """
    scores = candidates.objectness * candidates.class_probs.amax(dim=1)  # (N,)
    index = (scores >= conf).nonzero().squeeze(1)
    # The best class of the few rows over the threshold only (argmax over all rows costs 4x amax).
    labels = candidates.class_probs[index].argmax(dim=1)
    if classes is not None:
        wanted = torch.isin(labels, torch.tensor(sorted(classes), dtype=torch.long, device=labels.device))
        index, labels = index[wanted], labels[wanted]
    order = scores[index].argsort(descending=True)
    index, labels = index[order], labels[order]
    kept = torch.zeros(index.numel(), dtype=torch.bool, device=index.device)
    kept[batched_nms(candidates.boxes[index], scores[index], labels, iou)] = True
    return Selection(index, scores[index], labels, kept)


def iou_parts(a: torch.Tensor, b: torch.Tensor) -> tuple[float, float, float]:
    """Intersection, union and IoU of two boxes ``(4,)`` x1, y1, x2, y2.

    IoU is torchvision's; since ``IoU = I / (A + B - I)``, ``I = IoU·(A + B) / (1 + IoU)``.
    """
    boxes = torch.stack((a, b)).float()
    value = float(box_iou(boxes[:1], boxes[1:])[0, 0])
    areas = float(box_area(boxes).sum())
    intersection = value * areas / (1 + value)
    return intersection, areas - intersection, value
