"""``python -m core classify IMAGE [--model ...] [--json]``: top-5 ImageNet classes of an image."""
from __future__ import annotations

import argparse
from pathlib import Path

from core.cli import add_json_flag, emit
from core.cnn.classify import classify
from core.cnn.models import LOADERS, load_model
from core.image_input import load_image_file

CLASSIFIERS = [m for m in LOADERS if m != "vgg16-hed"]  # HED's VGG16 has no classifier


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("classify", help="top-5 ImageNet classes of an image (SqueezeNet / EfficientNet)")
    parser.add_argument("image", type=Path, help="an image file (PNG, JPEG, WebP...)")
    parser.add_argument("--model", choices=CLASSIFIERS, default="squeezenet1_1")
    parser.add_argument("--top", type=int, default=5, help="how many classes (default 5)")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    predictions = classify(load_model(args.model), load_image_file(args.image), k=max(1, min(args.top, 1000)))
    result = {"image": str(args.image), "model": args.model,
              "top": [{"index": p.index, "label": p.label, "probability": round(p.probability, 6)} for p in predictions]}
    text = "\n".join(f"{p.probability:7.2%}  {p.label}" for p in predictions)
    emit(result, args.json, text)
    return 0
