"""Pick the compute device once and set torch's CPU threads once.

CUDA first, then Apple MPS, then CPU. On a 2-core laptop one request rarely gains from
more threads than cores, and several sessions share the cores, so the thread count is set
once here (``DLVL_THREADS`` overrides it) instead of by each page.
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
    wanted = int(os.environ.get("DLVL_THREADS", "0")) or max(1, os.cpu_count() or 1)
    torch.set_num_threads(wanted)
    return torch.get_num_threads()


def half_precision_ok() -> bool:
    """Half precision is safe for inference on CUDA only (CPU fp16 is slow, MPS is patchy)."""
    return device().type == "cuda"


def device_label() -> str:
    """A short human description, e.g. ``CUDA (NVIDIA H100)`` or ``CPU (2 threads)``."""
    dev = device()
    if dev.type == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(0)})"
    if dev.type == "mps":
        return "MPS (Apple GPU)"
    return f"CPU ({torch.get_num_threads()} threads)"
