"""Find an asset's file and check it against its sha256, once per file version."""
from __future__ import annotations

import hashlib
import importlib.util
from enum import Enum
from functools import lru_cache
from pathlib import Path

from core.assets.registry import ASSETS, Asset, asset, cache_dir
from core.errors import AssetError


class Status(str, Enum):
    INSTALLED = "installed"
    MISSING = "missing"
    MISMATCH = "mismatch"


def locate(entry: Asset) -> Path | None:
    """The asset's file path if the file exists, without checking its contents."""
    if entry.package and entry.path:
        top = entry.path.split("/", 1)[0]
        # find_spec on a top-level name locates the package without importing it.
        spec = importlib.util.find_spec(top)
        if spec is None or not spec.submodule_search_locations:
            return None
        candidate = Path(next(iter(spec.submodule_search_locations))).parent / entry.path
    else:
        candidate = cache_dir() / (entry.cache_name or "")
    return candidate if candidate.is_file() else None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _verified(path: str, size: int, mtime_ns: int, expected: str) -> bool:
    """Hash a file once per (path, size, mtime): later checks of an unchanged file are free."""
    return sha256_of(Path(path)).startswith(expected)


def status(entry: Asset) -> Status:
    path = locate(entry)
    if path is None:
        return Status.MISSING
    stat = path.stat()
    if not _verified(str(path), stat.st_size, stat.st_mtime_ns, entry.sha256):
        return Status.MISMATCH
    return Status.INSTALLED


def resolve(asset_id: str) -> Path:
    """The verified path of ``asset_id``; ``AssetError`` names the install command otherwise."""
    return resolve_entry(asset(asset_id))


def resolve_entry(entry: Asset) -> Path:
    """``resolve`` for a registry entry."""
    state = status(entry)
    if state is Status.MISSING:
        raise AssetError("err.asset_missing", asset=entry.id, command=entry.install_command)
    if state is Status.MISMATCH:
        raise AssetError("err.asset_mismatch", asset=entry.id, command=entry.install_command)
    path = locate(entry)
    assert path is not None
    return path


def is_installed(asset_id: str) -> bool:
    return status(asset(asset_id)) is Status.INSTALLED


def statuses() -> list[tuple[Asset, Status]]:
    """Every registered asset with its status (hashes the files not yet verified)."""
    return [(entry, status(entry)) for entry in ASSETS]
