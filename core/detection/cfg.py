"""Darknet ``.cfg`` files as data: a list of ``[section]`` blocks with their options.

The network is described by the file, not by code (like torchvision's ``cfgs`` tables):
``darknet.py`` turns the blocks into modules. Format: ``[type]`` headers, ``key = value``
lines, ``#`` / ``;`` comments. The first block, ``[net]``, holds the input size.
Reference: pjreddie/darknet ``src/parser.c``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.errors import UserError


@dataclass(frozen=True)
class Block:
    """One ``[type]`` section; ``options`` keep the raw strings, typed getters convert them."""

    type: str
    options: dict[str, str] = field(default_factory=dict)

    def get_int(self, key: str, default: int | None = None) -> int:
        return int(self._get(key, default))

    def get_str(self, key: str, default: str | None = None) -> str:
        return str(self._get(key, default))

    def get_ints(self, key: str) -> list[int]:
        """A comma-separated list such as ``layers = -1, 8`` or ``anchors = 10,14, 23,27``."""
        return [int(v) for v in self._get(key, None).split(",") if v.strip()]

    def _get(self, key: str, default: object) -> str:
        if key in self.options:
            return self.options[key]
        if default is None:
            raise UserError("det.err.cfg", detail=f"[{self.type}] needs '{key}'")
        return str(default)


def parse_cfg(text: str) -> list[Block]:
    """Blocks in file order; the first must be ``[net]`` (or ``[network]``)."""
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            blocks.append(Block(line[1:-1].strip().lower()))
        elif "=" in line and blocks:
            key, value = line.split("=", 1)
            blocks[-1].options[key.strip()] = value.strip()
        else:
            raise UserError("det.err.cfg", detail=f"line {number}: {raw.strip()!r}")
    if not blocks or blocks[0].type not in ("net", "network"):
        raise UserError("det.err.cfg", detail="the file must start with a [net] section")
    return blocks


def read_cfg(path: str | Path) -> list[Block]:
    return parse_cfg(Path(path).read_text(encoding="utf-8"))
