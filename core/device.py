"""Pick the compute device once and set torch's CPU threads once.

CUDA first, then Apple MPS, then CPU. Several sessions share the cores of a demo server, and
on a busy 2-core machine one thread per request measured 2-6x faster than two, so torch gets
half the cores (one on a 2-core laptop), set once here (``DLVL_THREADS`` overrides it).
"""
from __future__ import annotations

import os
from functools import lru_cache

import torch


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
