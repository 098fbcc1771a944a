"""End-to-end YOLOv3-tiny latency: ours (PyTorch), plain and accelerated, vs OpenCV's dnn on the same
weights, image, size and threads.

End to end = decode the image bytes + preprocess + forward + decode boxes + NMS + map back.
Both stretch the image to the square input (what ``cv2.dnn.blobFromImage`` does) so the work
is identical. Runs are interleaved (plain, accelerated, OpenCV, plain, ...) so a busy machine hurts
all alike; the table gives medians (and minima) and the ratios of the medians to OpenCV's (below 1:
ours is faster; goal: accelerated <= 1.0, plain <= 1.3). Ours runs what the page runs
(``pipeline.raw_predictions`` + ``detect``): "plain" the ``Darknet`` module as is, "accelerated"
the same module through ``core.accel`` (what ``pipeline.load_model`` serves unless ``DLVL_ACCEL=0``).

    .venv/bin/python bench/bench_detection.py [--size 416] [--runs 15] [--threads 1 2]

``core`` is imported first, so the app's OpenMP settings (``OMP_WAIT_POLICY``, read when torch
starts its threads) apply here as they do in the app. OpenCV's own thread pool spins briefly,
then sleeps.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core  # noqa: E402,F401  first: the app's OpenMP settings apply before torch starts its threads
import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

from core.accel import Accelerated  # noqa: E402
from core.assets import resolve  # noqa: E402
from core.detection import pipeline  # noqa: E402
from core.image_input import load_image  # noqa: E402

IMAGE = Path(__file__).resolve().parent.parent / "assets" / "images" / "coffee.png"


def ours(model, names: list[str], data: bytes, size: int, conf: float, iou: float) -> list[tuple[str, float]]:
    raw = pipeline.raw_predictions(model, load_image(data), size, "stretch")
    detections, _ = pipeline.detect(raw, names, conf, iou)
    return [(d.label, d.score) for d in detections]


def opencv(net, names: list[str], data: bytes, size: int, conf: float, iou: float) -> list[tuple[str, float]]:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    height, width = image.shape[:2]
    net.setInput(cv2.dnn.blobFromImage(image, 1 / 255, (size, size), swapRB=True, crop=False))
    rows = np.concatenate(net.forward(net.getUnconnectedOutLayersNames()))  # (N, 85): cx cy w h obj class scores
    labels = rows[:, 5:].argmax(1)
    scores = rows[np.arange(len(rows)), 5 + labels]
    keep = scores >= conf
    rows, labels, scores = rows[keep], labels[keep], scores[keep]
    boxes = np.stack([(rows[:, 0] - rows[:, 2] / 2) * width, (rows[:, 1] - rows[:, 3] / 2) * height,
                      rows[:, 2] * width, rows[:, 3] * height], 1)
    kept = cv2.dnn.NMSBoxesBatched(boxes.tolist(), scores.tolist(), labels.tolist(), conf, iou)
    return [(names[labels[i]], float(scores[i])) for i in np.array(kept).reshape(-1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=416)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    data = IMAGE.read_bytes()
    names = pipeline.class_names()
    plain = pipeline.build_model(resolve("yolov3-tiny.cfg"), resolve("yolov3-tiny.weights"))
    net = cv2.dnn.readNetFromDarknet(str(resolve("yolov3-tiny.cfg")), str(resolve("yolov3-tiny.weights")))
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
    contenders = (("plain", ours, plain), ("accelerated", ours, Accelerated(plain)), ("opencv", opencv, net))
    print(f"YOLOv3-tiny, {IMAGE.name}, {args.size}x{args.size}, torch {torch.__version__}, OpenCV {cv2.__version__}, "
          f"device {pipeline.device()}, OMP_WAIT_POLICY={os.environ['OMP_WAIT_POLICY']}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'threads':>7} | {'plain ms':>8} | {'accel ms':>8} | {'OpenCV ms':>9} | {'plain/CV':>8} | "
          f"{'accel/CV':>8} | {'min p/a/CV':>16} | detections (accelerated / OpenCV)")
    for threads in args.threads:
        torch.set_num_threads(threads)
        cv2.setNumThreads(threads)
        times: dict[str, list[float]] = {name: [] for name, _, _ in contenders}
        found = {name: fn(engine, names, data, args.size, pipeline.DEFAULT_CONF, pipeline.DEFAULT_IOU)  # warm-up
                 for name, fn, engine in contenders}
        for _ in range(args.runs):
            for name, fn, engine in contenders:
                start = time.perf_counter()
                fn(engine, names, data, args.size, pipeline.DEFAULT_CONF, pipeline.DEFAULT_IOU)
                times[name].append((time.perf_counter() - start) * 1000)
        p, a, b = (statistics.median(times[name]) for name in ("plain", "accelerated", "opencv"))
        minima = "/".join(f"{min(times[name]):.0f}" for name in ("plain", "accelerated", "opencv"))
        summary = lambda dets: ", ".join(f"{label} {score:.2f}" for label, score in dets) or "-"  # noqa: E731
        print(f"{threads:>7} | {p:>8.1f} | {a:>8.1f} | {b:>9.1f} | {p / b:>8.2f} | {a / b:>8.2f} | {minima:>16} | "
              f"{summary(found['accelerated'])} / {summary(found['opencv'])}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
