"""Requests per second: in-process vs Ray Serve unbatched vs Ray Serve batched, at concurrency 1, 8, 16.

Two stateless passes: YOLOv3-tiny raw predictions (416 px letterboxed photos) and face detection +
embedding (photos with longest side 480). "In-process" is what an app replica does today: each
concurrent user is a thread calling the pass with torch's app setting (one thread per request on a
2-core machine). "Ray Serve" sends the same requests over HTTP to a local Ray instance on 127.0.0.1
with the same model in one replica (torch threads = all cores), once with ``max_batch_size=1``
(unbatched) and once with ``max_batch_size=16`` and a 10 ms wait (batched). Every request carries
its own photo; each cell is ``--requests`` requests (bounded), after a warm-up.

    .venv/bin/python bench/bench_serve.py [--requests 48] [--concurrency 1 8 16]
"""
from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import core  # noqa: E402,F401  first: the app's OpenMP settings apply before torch starts its threads
import urllib.request  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from core.detection.pipeline import candidates_batch, load_model  # noqa: E402
from core.detection.preprocess import fit  # noqa: E402
from core.device import configure_threads, device  # noqa: E402
from core.faces.pipeline import analyse_batch, load_models  # noqa: E402
from core.serve.wire import pack, unpack  # noqa: E402

PHOTOS = ["images/coffee.png", "images/motorcycle_left.png", "images/astronaut.png", "images/chelsea.png"]
FACES = ["faces/obama.jpg", "faces/obama2.jpg", "faces/obama3.jpg", "faces/biden.jpg"]


def photos(names: list[str], side: int, count: int) -> list[Image.Image]:
    """``count`` distinct photos: the samples, mirrored and slightly shifted, so no two requests are equal."""
    base = [Image.open(ROOT / "assets" / n).convert("RGB") for n in names]
    out = []
    for i in range(count):
        image = base[i % len(base)]
        image = ImageOps.mirror(image) if (i // len(base)) % 2 else image
        crop = i // (2 * len(base))
        image = image.crop((crop, crop, image.width - crop, image.height - crop))
        image.thumbnail((side, side))
        out.append(image)
    return out


def rate(work: Callable[[int], object], requests: int, concurrency: int) -> float:
    """Requests per second for ``requests`` calls of ``work(i)`` from ``concurrency`` threads."""
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(work, range(min(concurrency, 4))))  # warm-up
        start = time.perf_counter()
        list(pool.map(work, range(requests)))
    return requests / (time.perf_counter() - start)


def post(address: str, route: str, arrays: dict, params: dict | None = None) -> dict:
    request = urllib.request.Request(f"{address}/{route}", data=pack(arrays, params), method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:
        return unpack(response.read())[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=48)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 16])
    args = parser.parse_args()

    threads = configure_threads()
    detector, faces = load_model("yolov3-tiny"), load_models(device())
    inputs = [fit(p, 416)[0] for p in photos(PHOTOS, 640, args.requests)]
    face_photos = photos(FACES, 480, args.requests)
    rows: dict[tuple[str, str], list[float]] = {}
    for c in args.concurrency:
        rows.setdefault(("detection", "in-process"), []).append(
            rate(lambda i: candidates_batch(detector, [inputs[i % len(inputs)]]), args.requests, c))
        rows.setdefault(("faces", "in-process"), []).append(
            rate(lambda i: analyse_batch(faces, [face_photos[i % len(face_photos)]]), args.requests, c))

    import ray
    from ray import serve

    from core.serve.deployments import application

    os.environ.update(DLVL_SERVE_REPLICA_CPUS="0", DLVL_THREADS=str(os.cpu_count() or 1))
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, configure_logging=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    serve.start(http_options={"host": "127.0.0.1", "port": port})
    address = f"http://127.0.0.1:{port}"
    try:
        for label, batch in (("Ray Serve, unbatched", 1), ("Ray Serve, batched (16, 10 ms)", 16)):
            for name in ("detect", "faces"):
                serve.run(application(name, batch, 10.0), name=name, route_prefix=f"/{name}", blocking=False)
            for c in args.concurrency:
                pixels = [x.numpy() for x in inputs]
                rows.setdefault(("detection", label), []).append(rate(
                    lambda i: post(address, "detect", {"pixels": pixels[i % len(pixels)]}, {"model": "yolov3-tiny"}),
                    args.requests, c))
                arrays = [np.asarray(p) for p in face_photos]
                rows.setdefault(("faces", label), []).append(rate(
                    lambda i: post(address, "faces", {"photo": arrays[i % len(arrays)]}), args.requests, c))
            for name in ("detect", "faces"):
                serve.delete(name)
    finally:
        serve.shutdown()
        ray.shutdown()

    print(f"requests per second ({args.requests} requests per cell; {os.cpu_count()} CPUs; app torch threads "
          f"{threads}; load average {os.getloadavg()[0]:.1f}; device {device().type}; torch {torch.__version__})")
    header = f"{'pass':<10} {'backend':<32}" + "".join(f"{'c=' + str(c):>9}" for c in args.concurrency)
    print(header)
    for (task, backend), values in rows.items():
        print(f"{task:<10} {backend:<32}" + "".join(f"{v:9.1f}" for v in values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
