"""Record what a trained model holds in memory while it reads a text: hidden states, gates, cell state.

Each layer is run with the by-hand step of ``core.rnn.cells`` (torch's fused layers return only
the last layer's ``h``), so the LSTM's input, forget and output gates and its cell state are
visible at every character, as in LSTMVis. Units are ranked by how much they vary over the text:
a unit that never moves carries nothing about this text.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from core.errors import UserError
from core.rnn import cells
from core.rnn.model import CharRNN
from core.rnn.vocab import Vocab

MAX_TRACE_CHARS = 400  # characters drawn; a heatmap wider than this is unreadable anyway


@dataclass(frozen=True)
class Trace:
    """One layer's record over a text of T characters; every array is (T, H), floats."""

    chars: tuple[str, ...]
    layer: int
    hidden: np.ndarray
    cell_state: np.ndarray | None  # LSTM only
    gates: dict[str, np.ndarray]  # LSTM i, f, g, o; GRU r, z, n; empty for the plain RNN

    def series(self, name: str) -> np.ndarray:
        """``"h"``, ``"c"`` or a gate name → its (T, H) record."""
        if name == "h":
            return self.hidden
        if name == "c" and self.cell_state is not None:
            return self.cell_state
        return self.gates[name]

    @property
    def names(self) -> tuple[str, ...]:
        """What can be shown: the hidden state, the cell state for the LSTM, the gates."""
        return ("h",) + (("c",) if self.cell_state is not None else ()) + tuple(self.gates)


@torch.no_grad()
def record(model: CharRNN, ids: torch.Tensor, chars: str) -> list[Trace]:
    """Run ``ids`` (T,) through every layer by hand; one Trace per layer, from the first."""
    cell = model.config.cell
    x = model.embed(ids)[:, None, :]  # (T, 1, E): time first, batch of one
    traces = []
    for layer in range(model.config.layers):
        weights = cells.LayerWeights.of(model.recurrent, layer)
        h = torch.zeros(1, model.config.hidden)  # (1, H)
        c = torch.zeros(1, model.config.hidden) if cell == "lstm" else None
        hs, cs, gates = [], [], {name: [] for name in cells.GATES[cell]}
        for x_t in x:  # (1, in)
            out = cells.step(cell, weights, x_t, h, c)
            h, c = out.h, out.c
            hs.append(h[0])
            if c is not None:
                cs.append(c[0])
            for name, value in out.gates.items():
                gates[name].append(value[0])
        traces.append(Trace(tuple(chars), layer, torch.stack(hs).numpy(), torch.stack(cs).numpy() if cs else None,
                            {name: torch.stack(v).numpy() for name, v in gates.items()}))
        x = torch.stack(hs)[:, None, :]  # (T, 1, H): the next layer reads this one's states
    return traces


def trace_text(model: CharRNN, vocab: Vocab, text: str) -> list[Trace]:
    """Record ``text`` (cut to ``MAX_TRACE_CHARS``) after checking the model knows its characters."""
    text = text[:MAX_TRACE_CHARS]
    if not text:
        raise UserError("err.text_empty")
    return record(model, vocab.encode(text), text)


def rank_units(values: np.ndarray) -> np.ndarray:
    """Unit indices, most varying over time first: ``values`` (T, H) → (H,)."""
    return np.argsort(-values.var(axis=0), kind="stable")
