"""Limits for a shared demo server, in one place.

Every limit can be changed without touching code through an environment variable
(``DLVL_<NAME>``), so a teacher can tighten or loosen them for a class.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    """Caps on user input and on heavy jobs. Defaults suit a small shared server."""

    max_upload_mb: int = 10  # also set in .streamlit/config.toml (server.maxUploadSize)
    max_pixels: int = 40_000_000  # refuse larger images: decompression-bomb guard
    max_side: int = 1600  # longer photos are downsized to this longest side
    max_text_chars: int = 200_000  # typed or uploaded text
    max_style_size: int = 512  # style transfer image side
    max_style_steps: int = 300  # Gatys optimisation steps
    max_concurrent_jobs: int = 2  # heavy optimisations running at once, server-wide
    max_transfer_classes: int = 6  # classes on the "train on your photos" page
    max_transfer_per_class: int = 60  # photos in one class
    max_transfer_photos: int = 240  # photos in one session, all classes together
    max_transfer_epochs: int = 200  # linear-head epochs


def _from_env(name: str, default: int) -> int:
    raw = os.environ.get(f"DLVL_{name.upper()}")
    return int(raw) if raw else default


def load_limits() -> Limits:
    """Read the limits, with ``DLVL_*`` environment variables overriding the defaults."""
    defaults = Limits()
    return Limits(**{f.name: _from_env(f.name, getattr(defaults, f.name)) for f in fields(Limits)})


LIMITS = load_limits()


def accel_enabled() -> bool:
    """Whether models run through the performance layer (``core.accel``); ``DLVL_ACCEL=0`` serves the
    plain models instead, to compare speed or to rule the layer out when something looks wrong."""
    return os.environ.get("DLVL_ACCEL", "1") != "0"
