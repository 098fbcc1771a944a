"""``python -m core transfer TRAIN_DIR [--val-dir DIR] [--epochs N] [--json]``: a classifier on your folders.

TRAIN_DIR holds one sub-folder of images per class. The frozen CNN embeds each image, a linear
head (or, with ``--fine-tune N``, the last N blocks too) trains, and the scores are measured on
``--val-dir`` (same class folders) or on a seeded held-out share of TRAIN_DIR.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from core.cli import add_json_flag, emit
from core.cnn.models import load_model
from core.errors import UserError
from core.transfer.backbone import BACKBONES
from core.transfer.dataset import PhotoSet, load_folder_tree
from core.transfer.report import summary
from core.transfer.train import TrainConfig, train


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("transfer", help="train a classifier on folders of images (transfer learning)")
    parser.add_argument("train_dir", type=Path, help="one sub-folder of images per class")
    parser.add_argument("--val-dir", type=Path, help="the same class folders with held-out images")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--backbone", choices=BACKBONES, default=BACKBONES[0])
    parser.add_argument("--fine-tune", type=int, default=0, metavar="N", help="also train the last N blocks")
    parser.add_argument("--val-share", type=float, default=0.25, help="held-out share without --val-dir")
    parser.add_argument("--seed", type=int, default=0)
    add_json_flag(parser)
    parser.set_defaults(func=run)


def joined(train_set: PhotoSet, val_set: PhotoSet) -> tuple[PhotoSet, int]:
    """Training photos followed by validation photos, labels mapped by class name; returns the set and the split."""
    if set(val_set.classes) != set(train_set.classes):
        raise UserError("tl.err.val_classes", train=", ".join(train_set.classes), val=", ".join(val_set.classes))
    labels = tuple(train_set.classes.index(val_set.classes[y]) for y in val_set.labels)
    return PhotoSet(train_set.classes, train_set.images + val_set.images, train_set.labels + labels), len(train_set)


def run(args: argparse.Namespace) -> int:
    photos = load_folder_tree(args.train_dir)
    config = TrainConfig(args.backbone, args.fine_tune, max(1, args.epochs), val_fraction=args.val_share,
                         seed=args.seed)
    model = load_model(args.backbone)
    if args.val_dir is not None:
        photos, n_train = joined(photos, load_folder_tree(args.val_dir))
        config = replace(config, val_fraction=0.0)
        result = train(model, photos, config, {}, val_idx=list(range(n_train, len(photos))))
    else:
        result = train(model, photos, config, {})
    report = summary(result)
    rows = "\n".join(f"  {c:>12}  P {p:.2f}  R {r:.2f}  F1 {f:.2f}  n {n}" for c, p, r, f, n in zip(
        *(report["per_class"][k] for k in ("class", "precision", "recall", "f1", "support"))))
    emit(report, args.json, f"accuracy {report['accuracy']:.1%} on {report['validation_photos']} photos\n{rows}\n"
         f"confusion matrix (rows = true): {report['confusion_matrix']}")
    return 0
