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
    parts: dict[str, list[torch.Tensor]] = {k: [] for k in ("xywh", "obj", "cls", "scale", "cell", "anchor")}
    for index, (out, head) in enumerate(zip(raw, heads)):
        _, _, rows, cols = out.shape
        anchors = torch.tensor(head.anchors, dtype=out.dtype, device=out.device)  # (A, 2)
        a = len(head.anchors)
        t = out[0].view(a, 5 + head.classes, rows, cols).permute(2, 3, 0, 1)  # (H, W, A, 5+C)
        ys, xs = torch.meshgrid(torch.arange(rows, device=out.device), torch.arange(cols, device=out.device),
                                indexing="ij")
        cell = torch.stack((xs, ys), dim=-1)  # (H, W, 2) column, row
        stride = out.new_tensor([input_hw[1] / cols, input_hw[0] / rows])
        centre = (t[..., 0:2].sigmoid() + cell[:, :, None, :]) * stride  # (H, W, A, 2)
        size = t[..., 2:4].exp() * anchors  # (H, W, A, 2)
        parts["xywh"].append(torch.cat((centre, size), dim=-1).reshape(-1, 4))
        parts["obj"].append(t[..., 4].sigmoid().reshape(-1))
        parts["cls"].append(t[..., 5:].sigmoid().reshape(-1, head.classes))
        n = rows * cols * a
        parts["scale"].append(torch.full((n,), index, dtype=torch.long, device=out.device))
        parts["cell"].append(cell[:, :, None, :].expand(rows, cols, a, 2).reshape(-1, 2))
        parts["anchor"].append(torch.arange(a, device=out.device).repeat(rows * cols))
    xywh = torch.cat(parts["xywh"])
    boxes = torch.cat((xywh[:, :2] - xywh[:, 2:] / 2, xywh[:, :2] + xywh[:, 2:] / 2), dim=1)
    return Candidates(boxes, torch.cat(parts["obj"]), torch.cat(parts["cls"]), torch.cat(parts["scale"]),
                      torch.cat(parts["cell"]), torch.cat(parts["anchor"]),
                      tuple(tuple(o.shape[2:]) for o in raw))


def select(candidates: Candidates, conf: float, iou: float, classes: set[int] | None = None) -> Selection:
    """Threshold ``objectness × best class probability`` at ``conf``, then class-wise NMS at ``iou``.

    ``classes``: keep only these class ids (``None``: all).
    """
    probs, labels = candidates.class_probs.max(dim=1)  # (N,)
    scores = candidates.objectness * probs
    mask = scores >= conf
    if classes is not None:
        mask &= torch.isin(labels, torch.tensor(sorted(classes), dtype=torch.long, device=labels.device))
    index = mask.nonzero().squeeze(1)
    order = scores[index].argsort(descending=True)
    index = index[order]
    kept = torch.zeros(index.numel(), dtype=torch.bool, device=index.device)
    kept[batched_nms(candidates.boxes[index], scores[index], labels[index], iou)] = True
    return Selection(index, scores[index], labels[index], kept)


def iou_parts(a: torch.Tensor, b: torch.Tensor) -> tuple[float, float, float]:
    """Intersection, union and IoU of two boxes ``(4,)`` x1, y1, x2, y2.

    IoU is torchvision's; since ``IoU = I / (A + B - I)``, ``I = IoU·(A + B) / (1 + IoU)``.
    """
    boxes = torch.stack((a, b)).float()
    value = float(box_iou(boxes[:1], boxes[1:])[0, 0])
    areas = float(box_area(boxes).sum())
    intersection = value * areas / (1 + value)
    return intersection, areas - intersection, value
