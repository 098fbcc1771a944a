"""Arrays over HTTP as ``.npz`` (numpy's own zip of ``.npy`` files), with small JSON parameters.

``allow_pickle=False`` on both sides: a request can carry numbers, never code.
"""
from __future__ import annotations

import io
import json
from typing import Any

import numpy as np

PARAMS = "__params__"  # the JSON parameters travel as one uint8 array under this name


def pack(arrays: dict[str, np.ndarray], params: dict[str, Any] | None = None) -> bytes:
    buffer = io.BytesIO()
    payload = dict(arrays)
    payload[PARAMS] = np.frombuffer(json.dumps(params or {}).encode("utf-8"), dtype=np.uint8)
    np.savez(buffer, **payload)
    return buffer.getvalue()


def unpack(data: bytes) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    params = json.loads(arrays.pop(PARAMS).tobytes().decode("utf-8")) if PARAMS in arrays else {}
    return arrays, params
