"""``python -m core detect IMAGE``: YOLOv3 boxes for one image, as text or JSON."""
from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from core.cli import add_json_flag, emit
from core.detection import pipeline
from core.detection.preprocess import RESIZE_MODES
from core.image_input import load_image_file


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("detect", help="detect objects in an image with YOLOv3 (Darknet weights)")
    parser.add_argument("image", type=Path, help="an image file (PNG, JPEG, WebP, ...)")
    parser.add_argument("--conf", type=float, default=pipeline.DEFAULT_CONF, help="confidence threshold")
    parser.add_argument("--iou", type=float, default=pipeline.DEFAULT_IOU, help="NMS IoU threshold")
    parser.add_argument("--size", type=int, default=pipeline.DEFAULT_SIZE, help="input size, a multiple of 32")
    parser.add_argument("--mode", choices=RESIZE_MODES, default="letterbox", help="how the image is resized")
    parser.add_argument("--model", choices=list(pipeline.MODELS), default=pipeline.DEFAULT_MODEL)
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    image = load_image_file(args.image)
    raw = pipeline.raw_predictions(pipeline.load_model(args.model), image, args.size, args.mode)
    detections, _ = pipeline.detect(raw, pipeline.class_names(), args.conf, args.iou)
    result = {
        "image": str(args.image), "width": image.width, "height": image.height, "model": args.model,
        "size": args.size, "mode": args.mode, "conf": args.conf, "iou": args.iou,
        "detections": [{k: v for k, v in asdict(d).items() if k != "candidate"} for d in detections],
    }
    lines = [f"{d.label:<14} {d.score:.3f}  box {', '.join(f'{v:.0f}' for v in d.box)}" for d in detections]
    emit(result, args.json, "\n".join(lines) or "no detections")
    return 0
