"""Pick the compute device once and set torch's CPU threads once, and how idle threads wait.

CUDA first, then Apple MPS, then CPU. Several sessions share the cores of a demo server, and
on a busy 2-core machine one thread per request measured 2-6x faster than two, so torch gets
half the cores (one on a 2-core laptop), set once here (``DLVL_THREADS`` overrides it).

OpenMP reads its variables when torch loads it, so they are set here before ``import torch``,
and ``core/__init__.py`` imports this module first (tests and benchmarks ``import core`` first).
"""
from __future__ import annotations

import os
from functools import lru_cache

OPENMP_ENV = {
    # Idle OpenMP threads sleep instead of spinning: on a shared 2-core server spinning threads
    # steal the cores other sessions need (measured 2x slower detection under load)...
    "OMP_WAIT_POLICY": "PASSIVE",
    # ...but only after a short spin (libgomp: ~0.3 ms), not at once: a 2-thread forward pass has ~30
    # parallel regions, and a worker that went to sleep after each waits for the scheduler to wake it
    # (YOLOv3-tiny at 2 threads: 1.2-1.4x OpenCV's time without the spin, 1.0 with it).
    "GOMP_SPINCOUNT": "30000",
}
for _name, _value in OPENMP_ENV.items():
    os.environ.setdefault(_name, _value)

import torch  # noqa: E402  (after the OpenMP variables)


@lru_cache(maxsize=1)
def device() -> torch.device:
    """The device every model and tensor of the app runs on."""
    configure_threads()
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


@lru_cache(maxsize=1)
def configure_threads() -> int:
    """Set torch's intra-op thread count once; returns the count in use."""
    wanted = int(os.environ.get("DLVL_THREADS", "0")) or max(1, (os.cpu_count() or 1) // 2)
    torch.set_num_threads(wanted)
    return torch.get_num_threads()


def half_precision_ok() -> bool:
    """Half precision is safe for inference on CUDA only (CPU fp16 is slow, MPS is patchy)."""
    return device().type == "cuda"


def device_label() -> str:
    """The device's name in any language, e.g. ``CUDA (NVIDIA H100)``, ``MPS (Apple GPU)`` or ``CPU``."""
    dev = device()
    if dev.type == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(0)})"
    if dev.type == "mps":
        return "MPS (Apple GPU)"
    return "CPU"
