"""Detect + align + embed time per face: ours (PyTorch) vs OpenCV's own YuNet / SFace path.

Both run in this process on the same photos at the same size (longest side 640, YuNet's
training size, so neither resizes), with the same number of CPU threads, after a warm-up.
OpenCV's path is ``cv2.FaceDetectorYN.detect`` + ``FaceRecognizerSF.alignCrop`` +
``FaceRecognizerSF.feature`` on the same int8 ONNX files; ours is ``core.faces.pipeline.analyse``.
Each timing includes turning the PIL image into the library's own input. Prints a table and the
ratio ours / OpenCV (below 1.0: ours is faster) and the embeddings' agreement.

    .venv/bin/python bench/bench_faces.py [--repeats 10] [--threads 1]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import core  # noqa: E402,F401  first: the app's OpenMP settings apply before torch starts its threads
import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from core.assets import resolve  # noqa: E402
from core.faces.pipeline import analyse, load_models  # noqa: E402

PHOTOS = ["obama", "obama2", "obama3", "biden"]
SIDE = 640


def opencv_path(detector: cv2.FaceDetectorYN, recognizer: cv2.FaceRecognizerSF, image: Image.Image) -> np.ndarray:
    bgr = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    detector.setInputSize(image.size)
    _, faces = detector.detect(bgr)
    faces = faces if faces is not None else np.zeros((0, 15), np.float32)
    return np.stack([recognizer.feature(recognizer.alignCrop(bgr, face)).ravel() for face in faces]) \
        if len(faces) else np.zeros((0, 128), np.float32)


def best_ms(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(args.threads)

    models = load_models(torch.device("cpu"))
    detector = cv2.FaceDetectorYN.create(str(resolve("yunet")), "", (SIDE, SIDE), 0.6, 0.3)
    recognizer = cv2.FaceRecognizerSF.create(str(resolve("sface")), "")

    print(f"torch {torch.__version__} ({torch.get_num_threads()} thread(s)), OpenCV {cv2.__version__} "
          f"({cv2.getNumThreads()} thread(s)); median of {args.repeats} runs after a warm-up\n")
    print(f"{'photo':8} {'size':>9} {'faces':>5} {'ours ms/face':>13} {'OpenCV ms/face':>15} {'ratio':>6} {'cosine':>7}")
    ours_total = cv_total = 0.0
    for name in PHOTOS:
        image = Image.open(ROOT / "assets" / "faces" / f"{name}.jpg").convert("RGB")
        image.thumbnail((SIDE, SIDE))
        ours = analyse(models, image)  # warm-up, and the embeddings to compare
        theirs = opencv_path(detector, recognizer, image)
        faces = max(1, len(ours))
        ours_ms = best_ms(lambda: analyse(models, image), args.repeats) / faces
        cv_ms = best_ms(lambda: opencv_path(detector, recognizer, image), args.repeats) / faces
        theirs = theirs / np.linalg.norm(theirs, axis=1, keepdims=True)
        cosine = float((ours.embeddings.numpy()[:1] * theirs[:1]).sum()) if len(theirs) and len(ours) else float("nan")
        ours_total, cv_total = ours_total + ours_ms, cv_total + cv_ms
        print(f"{name:8} {image.width:>4}x{image.height:<4} {len(ours):>5} {ours_ms:>13.1f} {cv_ms:>15.1f} "
              f"{ours_ms / cv_ms:>6.2f} {cosine:>7.4f}")
    print(f"{'all':8} {'':>9} {'':>5} {ours_total:>13.1f} {cv_total:>15.1f} {ours_total / cv_total:>6.2f}")


if __name__ == "__main__":
    main()
