"""Download the full-size canonical weights on a machine with internet.

A download goes to a temporary file beside its destination and becomes the asset only
after its sha256 matches: a wrong file is deleted, and an interrupted download leaves no
half file behind (the app would otherwise load it and fail far from the cause).
"""
from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.request
from collections.abc import Callable
from pathlib import Path

from core.assets.registry import ASSETS, Asset, cache_dir
from core.errors import AssetError

CHUNK = 1 << 20
Progress = Callable[[int, int | None], None]  # (bytes so far, total or None)


def download(entry: Asset, *, dest_dir: Path | None = None, timeout: float = 60.0,
             progress: Progress | None = None) -> Path:
    """Fetch ``entry.url`` into ``dest_dir`` (default: the asset cache) and verify it.

    Raises ``AssetError`` (key ``err.download_failed`` or ``err.asset_mismatch``) on a network
    error, a short read or a wrong checksum; nothing is left at the destination then.
    """
    if not entry.url or not entry.cache_name:
        raise ValueError(f"{entry.id} has no download source")
    dest_dir = dest_dir or cache_dir()
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / entry.cache_name
    handle, temp_name = tempfile.mkstemp(prefix=f".{entry.cache_name}.", suffix=".part", dir=dest_dir)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            digest = _stream(entry, out, timeout, progress)
        if not digest.startswith(entry.sha256):
            raise AssetError("err.asset_mismatch", asset=entry.id, command=entry.install_command)
        temp.replace(target)  # atomic on one file system
        return target
    except (OSError, ValueError, http.client.HTTPException) as error:  # network errors, short reads
        raise AssetError("err.download_failed", asset=entry.id, reason=str(error) or type(error).__name__) from error
    finally:
        temp.unlink(missing_ok=True)


def _stream(entry: Asset, out, timeout: float, progress: Progress | None) -> str:
    """Copy the response body to ``out``; returns its sha256. A body shorter than announced raises."""
    digest = hashlib.sha256()
    request = urllib.request.Request(entry.url, headers={"User-Agent": "dl-visual-lab"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        announced = response.headers.get("Content-Length")
        total = int(announced) if announced else entry.size
        received = 0
        while block := response.read(CHUNK):
            out.write(block)
            digest.update(block)
            received += len(block)
            if progress:
                progress(received, total)
    if total is not None and received != total:
        raise OSError(f"download interrupted: {received} of {total} bytes")
    return digest.hexdigest()


def full_size_assets() -> list[Asset]:
    return [entry for entry in ASSETS if not entry.default and entry.url]
