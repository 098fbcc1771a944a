"""A one-shot face book: enrol a face under a name, identify new faces, forget.

One-shot: a new person needs one photo and no training, because the embedding network
already maps faces to a space where one person's photos cluster. Identification is then a
nearest-neighbour search: one (M, 128) @ (128,) product against every enrolled face.
The book lives in memory only (the page keeps one per browser session); it holds names,
embeddings and 112x112 thumbnails, never writes anything to disk and never logs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from core.errors import UserError

MAX_ENTRIES = 64  # per session: keeps a shared server's memory bounded
MAX_NAME = 40


@dataclass(frozen=True)
class Entry:
    """One enrolled face."""

    id: int
    name: str
    embedding: torch.Tensor  # (128,) unit vector, CPU
    thumbnail: np.ndarray  # (112, 112, 3) uint8 aligned face

    @property
    def label(self) -> str:
        return f"{self.name} #{self.id}"


@dataclass(frozen=True)
class Identification:
    """The nearest enrolled face and whether it is close enough to name the probe."""

    name: str | None  # None: unknown (no one above the threshold, or an empty book)
    nearest: Entry | None
    similarity: float  # cosine to the nearest entry (-1 for an empty book)
    similarities: torch.Tensor  # (M,) cosine to every entry, in book order


@dataclass
class FaceBook:
    """Enrolled faces of one session, in enrolment order."""

    entries: list[Entry] = field(default_factory=list)
    _next_id: int = 1

    def enrol(self, name: str, embedding: torch.Tensor, thumbnail: np.ndarray) -> Entry:
        """Add one face under ``name`` (trimmed, 1..40 characters)."""
        name = " ".join(name.split())
        if not name:
            raise UserError("face.err.name_empty")
        if len(name) > MAX_NAME:
            raise UserError("face.err.name_long", limit=MAX_NAME)
        if len(self.entries) >= MAX_ENTRIES:
            raise UserError("face.err.book_full", limit=MAX_ENTRIES)
        entry = Entry(self._next_id, name, embedding.detach().float().cpu().clone(), thumbnail.copy())
        self._next_id += 1
        self.entries.append(entry)
        return entry

    def matrix(self) -> torch.Tensor:
        """(M, 128) enrolled embeddings."""
        if not self.entries:
            return torch.zeros((0, 128))
        return torch.stack([entry.embedding for entry in self.entries])

    def identify(self, probe: torch.Tensor, threshold: float) -> Identification:
        """Nearest neighbour by cosine; its name if the similarity reaches ``threshold``, else unknown."""
        if not self.entries:
            return Identification(None, None, -1.0, torch.zeros(0))
        sims = self.matrix() @ probe.float().cpu()  # (M,)
        best = int(sims.argmax())
        similarity = float(sims[best])
        nearest = self.entries[best]
        return Identification(nearest.name if similarity >= threshold else None, nearest, similarity, sims)

    def forget(self, entry_id: int) -> None:
        """Remove one entry (no error if it is already gone)."""
        self.entries = [entry for entry in self.entries if entry.id != entry_id]

    def forget_all(self) -> None:
        self.entries = []

    def labels(self) -> list[str]:
        """Per entry its person's name, in book order (what genuine / impostor pairs are made of)."""
        return [entry.name for entry in self.entries]
