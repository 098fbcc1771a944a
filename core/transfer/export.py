"""The trained classifier as a file to take away, and the few lines that use it again.

The file is a ``torch.save`` of plain data only (tensors, strings, ints), so
``torch.load(..., weights_only=True)`` opens it without running any pickled code.
"""
from __future__ import annotations

import copy
import io

import torch
from torch import nn

from core.cnn.models import CnnModel
from core.transfer.backbone import SIDE, Top
from core.transfer.train import TrainResult

FORMAT = "dlvl-transfer-1"


def export_bytes(result: TrainResult) -> bytes:
    """The head's (and fine-tuned blocks') ``state_dict``, class names and how to feed it, as bytes."""
    top = result.top
    payload = {
        "format": FORMAT,
        "backbone": result.config.backbone,
        "classes": list(result.classes),
        "side": SIDE,
        "frozen": list(result.frozen),
        "trainable": list(result.trainable),
        "head": {k: v.detach().clone() for k, v in top.linear.state_dict().items()},
        "tail": {k: v.detach().clone() for k, v in top.tail.state_dict().items()} if top.tail is not None else {},
    }
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    return buffer.getvalue()


def load_export(data: bytes) -> dict:
    """Read an exported file back (``weights_only=True``: plain data only)."""
    return torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)


def top_from_export(payload: dict, model: CnnModel) -> Top:
    """Rebuild the trained ``Top`` on ``model`` (the same backbone, from ``core.cnn.models.load_model``)."""
    tail = None
    if payload["trainable"]:
        stages = dict(model.stages)
        tail = copy.deepcopy(nn.Sequential(*(stages[n] for n in payload["trainable"]))).float().cpu()
        tail.load_state_dict(payload["tail"])
    head = payload["head"]
    top = Top(tail, int(head["weight"].shape[1]), len(payload["classes"]))
    top.linear.load_state_dict(head)
    return top.eval().requires_grad_(False)


SNIPPET = '''import torch
from PIL import Image
from core.cnn.models import load_model
from core.transfer.backbone import frozen_features, pool, to_batch
from core.transfer.export import top_from_export

payload = torch.load("{file_name}", map_location="cpu", weights_only=True)
backbone = load_model(payload["backbone"])  # the same pretrained CNN, frozen
top = top_from_export(payload, backbone)    # linear head (+ fine-tuned blocks)
x = to_batch([Image.open("{photo}").convert("RGB")], payload["side"])  # (1, 3, S, S)
maps = frozen_features(backbone, x, payload["frozen"])
probs = top(maps if payload["trainable"] else pool(maps)).softmax(1)[0]
print(payload["classes"][int(probs.argmax())], float(probs.max()))
'''


def snippet(file_name: str, photo: str = "photo.jpg") -> str:
    """Python that loads the exported file with the same backbone and classifies a photo."""
    return SNIPPET.format(file_name=file_name, photo=photo)
