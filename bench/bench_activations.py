"""Benchmark of the Activations page's live work.

- one playground update: N training steps + the decision boundary on a 100x100 grid
  (the goal is < 50 ms on a 2-core CPU, i.e. 20 frames per second), for a small and a large net;
  the peer is the same update with torch's default (per-tensor, unfused) optimisers;
- one gradients-through-depth experiment at depth 50 (forward + backward + statistics).

Run: .venv/bin/python bench/bench_activations.py
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.activations import depth as dp  # noqa: E402
from core.activations.datasets import make_dataset, split  # noqa: E402
from core.activations.playground import NetConfig, Playground  # noqa: E402
from core.device import device_label  # noqa: E402

STEPS_PER_FRAME = 10
GRID = 100


def median_ms(fn: Callable[[], object], repeats: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def playground_update(config: NetConfig, unfused: bool) -> Callable[[], object]:
    data = split(*make_dataset("circles", 300, 0.1), 0.5)
    pg = Playground(data, config, lr=0.01)
    if unfused:  # the peer: torch's default optimiser implementation for the same algorithm
        pg.optimizer = type(pg.optimizer)(pg.model.parameters(), lr=0.01)

    def update() -> object:
        pg.train(STEPS_PER_FRAME)
        return pg.boundary(GRID)

    return update


def main() -> None:
    print(f"device: {device_label()}, torch {torch.__version__}, {os.cpu_count()} cores")
    for threads in (1, 2):
        torch.set_num_threads(threads)
        run(threads)


def run(threads: int) -> None:
    print(f"\n=== torch threads: {threads}")
    print(f"playground update = {STEPS_PER_FRAME} steps (150 training points) + boundary {GRID}x{GRID}")
    print(f"{'network':<22}{'ours (ms)':>12}{'unfused (ms)':>14}{'ratio':>8}{'fps':>7}")
    for name, config in (("2x8 ReLU, Adam", NetConfig(2, 8, "relu", optimizer="adam")),
                         ("2x8 tanh, SGD", NetConfig(2, 8, "tanh", optimizer="sgd")),
                         ("4x64 ReLU, Adam", NetConfig(4, 64, "relu", optimizer="adam")),
                         ("6x64 GELU+BN, Adam", NetConfig(6, 64, "gelu", batchnorm=True, optimizer="adam"))):
        ours = median_ms(playground_update(config, unfused=False), 15)
        peer = median_ms(playground_update(config, unfused=True), 15)
        print(f"{name:<22}{ours:>12.1f}{peer:>14.1f}{peer / ours:>8.2f}{1000 / ours:>7.0f}")

    print("depth experiment (batch 128, forward + backward + per-layer statistics)")
    print(f"{'setting':<34}{'time (ms)':>10}")
    for name, config in (("depth 50, width 512, ReLU + He", dp.DepthConfig(50, 512, "relu", init="he", batch=128)),
                         ("depth 50, width 128, tanh + Xavier", dp.DepthConfig(50, 128, "tanh", batch=128)),
                         ("depth 50, width 512, sigmoid + BN",
                          dp.DepthConfig(50, 512, "sigmoid", init="small", batchnorm=True, batch=128))):
        print(f"{name:<34}{median_ms(lambda c=config: dp.run_depth(c), 3, warmup=1):>10.0f}")


if __name__ == "__main__":
    main()
