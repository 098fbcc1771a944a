"""The character-level language model: embedding → torch's recurrent layer → linear scores of the next character.

The recurrent layer is ``torch.nn.RNN``, ``nn.GRU`` or ``nn.LSTM`` itself (fused, fast, and what a
student would use); ``core.rnn.cells`` writes one step of each out by hand only to show and check
what happens inside. The embedding is a one-hot input times a matrix, done as a lookup.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

CELLS = ("rnn", "gru", "lstm")
_LAYERS: dict[str, type[nn.RNNBase]] = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}

State = torch.Tensor | tuple[torch.Tensor, torch.Tensor]  # h, or (h, c) for the LSTM: each (layers, B, H)


@dataclass(frozen=True)
class ModelConfig:
    vocab_size: int
    cell: str = "lstm"  # one of CELLS
    hidden: int = 128
    layers: int = 1
    embedding: int = 32  # input size of the first recurrent layer


class CharRNN(nn.Module):
    """Scores of the next character at every position of a window of characters (Karpathy's char-rnn)."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        if config.cell not in CELLS:
            raise ValueError(f"cell must be one of {CELLS}, not {config.cell!r}")
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.embedding)
        self.recurrent = _LAYERS[config.cell](config.embedding, config.hidden, config.layers, batch_first=True)
        self.head = nn.Linear(config.hidden, config.vocab_size)

    def forward(self, ids: torch.Tensor, state: State | None = None) -> tuple[torch.Tensor, State]:
        """``ids`` (B, T) → scores (B, T, V) and the state after the last character."""
        x = self.embed(ids)  # (B, T, E)
        hidden, state = self.recurrent(x, state)  # (B, T, H); state (layers, B, H) [×2 for the LSTM]
        return self.head(hidden), state  # (B, T, V)


def build(config: ModelConfig, seed: int = 0) -> CharRNN:
    """A freshly initialised model; the same seed gives the same weights."""
    torch.manual_seed(seed)
    return CharRNN(config)


def top_hidden(state: State) -> torch.Tensor:
    """The last layer's hidden state ``h`` (B, H) of a state."""
    h = state[0] if isinstance(state, tuple) else state  # (layers, B, H)
    return h[-1]
