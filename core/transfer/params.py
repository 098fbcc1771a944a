"""The page's shareable settings (``core.url_state.Param``) and the choices its sliders offer.

Photos and class names are never here: they are the reader's own. ``tidy`` puts a hand-edited
link's value that no widget offers back to its default, so the page always opens.
"""
from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from core.settings import LIMITS
from core.transfer.augment import AUGMENTATIONS, AugmentConfig
from core.transfer.backbone import BACKBONES, MAX_TRAINABLE
from core.transfer.train import TrainConfig
from core.url_state import Param

VIEWS = ("photos", "augment", "train", "evaluate", "predict", "export")
SOURCES = ("default", "own")
LRS = (0.001, 0.003, 0.01, 0.03, 0.1)
BATCHES = (2, 4, 8, 16, 32)
EPOCHS = tuple(range(5, LIMITS.max_transfer_epochs + 1, 5))

PARAMS = (
    Param("tl_view", "view", "photos", options=VIEWS),
    Param("tl_source", "data", "default", options=SOURCES),
    Param("tl_backbone", "net", BACKBONES[0], options=BACKBONES),
    Param("tl_blocks", "ft", 0, low=0, high=max(MAX_TRAINABLE.values())),
    Param("tl_bn", "bn", False),
    Param("tl_batch", "batch", 16, low=min(BATCHES), high=max(BATCHES)),
    Param("tl_epochs", "ep", 40, low=min(EPOCHS), high=max(EPOCHS)),
    Param("tl_lr", "lr", 0.01, low=min(LRS), high=max(LRS)),
    Param("tl_val", "val", 0.25, low=0.1, high=0.5),
    Param("tl_seed", "seed", 0, low=0, high=999),
    Param("tl_aug", "aug", (), options=AUGMENTATIONS),
    Param("tl_views", "views", 2, low=1, high=4),
    Param("tl_mixup", "mix", 0.0, low=0.0, high=1.0),
    Param("tl_pr_class", "cls", 0, low=0, high=LIMITS.max_transfer_classes - 1),
    Param("tl_threshold", "thr", 0.5, low=0.0, high=1.0),
)
_CHOICES = {"tl_lr": LRS, "tl_batch": BATCHES, "tl_epochs": EPOCHS}


def tidy(state: MutableMapping[str, Any]) -> None:
    """Values no widget offers (``lr=0.02``, 3 blocks of SqueezeNet) back to the nearest allowed one."""
    for param in PARAMS:
        if param.key in _CHOICES and state.get(param.key) not in _CHOICES[param.key]:
            state[param.key] = param.default
    state["tl_blocks"] = min(state.get("tl_blocks", 0), MAX_TRAINABLE[state.get("tl_backbone", BACKBONES[0])])


def config_from(state: Mapping[str, Any]) -> TrainConfig:
    """The training run the widgets describe (after ``tidy``)."""
    augment = AugmentConfig(*(name in state["tl_aug"] for name in AUGMENTATIONS))
    return TrainConfig(state["tl_backbone"], state["tl_blocks"], state["tl_epochs"], state["tl_lr"],
                       batch_size=state["tl_batch"], update_bn=state["tl_bn"], val_fraction=state["tl_val"],
                       seed=state["tl_seed"], augment=augment, views=state["tl_views"], mixup_alpha=state["tl_mixup"])
