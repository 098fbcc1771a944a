"""Characters to ids and back, and random training windows.

Every distinct character of the training text is one token (Chinese has a few thousand, English
under a hundred). Training batches are random windows of the text, as nanoGPT's ``get_batch``:
``x`` is ``seq_len`` characters, ``y`` the same window shifted by one (the next characters).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import torch

from core.errors import UserError


@dataclass(frozen=True)
class Vocab:
    """The characters a model knows, most frequent first (ties in code-point order)."""

    chars: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Vocab:
        counts = Counter(text)
        return cls(tuple(sorted(counts, key=lambda c: (-counts[c], c))))

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.chars)}

    def encode(self, text: str) -> torch.Tensor:
        """``(len(text),)`` int64 ids; characters the model never saw are an error naming them."""
        index = self.index
        unseen = sorted({c for c in text if c not in index})
        if unseen:
            raise UserError("rnn.err.unseen_chars", chars=" ".join(repr(c)[1:-1] for c in unseen[:10]))
        return torch.tensor([index[c] for c in text], dtype=torch.long)

    def decode(self, ids: list[int] | torch.Tensor) -> str:
        return "".join(self.chars[int(i)] for i in ids)


def check_length(text: str, seq_len: int) -> None:
    """A text must hold at least two training windows (one to train on, one held out)."""
    if len(text) < 2 * (seq_len + 1):
        raise UserError("rnn.err.too_short", chars=len(text), needed=2 * (seq_len + 1), seq=seq_len)


def split(data: torch.Tensor, seq_len: int, held_out: float = 0.1) -> tuple[torch.Tensor, torch.Tensor]:
    """Train / validation parts of the encoded text; the validation part holds at least one window."""
    cut = min(int(len(data) * (1 - held_out)), len(data) - seq_len - 1)
    return data[:cut], data[cut:]


def batch(data: torch.Tensor, batch_size: int, seq_len: int,
          generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Random windows: ``x`` and ``y`` both ``(batch_size, seq_len)``, ``y`` one character ahead."""
    starts = torch.randint(0, len(data) - seq_len, (batch_size,), generator=generator)  # (B,)
    offsets = starts[:, None] + torch.arange(seq_len + 1)  # (B, T+1)
    windows = data[offsets]  # (B, T+1)
    return windows[:, :-1], windows[:, 1:]
