"""Generate text one character at a time, keeping the distribution each character was drawn from.

After the prime text has been read, each step turns the scores into probabilities with a
temperature, ``p = softmax(scores / τ)``: τ < 1 sharpens towards the likeliest character (safe,
repetitive), τ > 1 flattens towards uniform (inventive, misspelt). The top candidates of every
step are kept so the page can show what the model hesitated between.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from core.errors import UserError
from core.rnn import cells
from core.rnn.model import CharRNN
from core.rnn.vocab import Vocab

MAX_LENGTH = 1000
TOP = 8  # candidates kept per step


@dataclass(frozen=True)
class Sample:
    prime: str
    text: str  # the generated characters only
    top_chars: list[list[str]]  # per generated step, the TOP likeliest characters
    top_probs: list[list[float]]  # and their probabilities (after the temperature)
    chosen_prob: list[float]  # the probability of the character actually drawn


@torch.inference_mode()
def generate(model: CharRNN, vocab: Vocab, prime: str, length: int, temperature: float, seed: int = 0) -> Sample:
    """``length`` characters after ``prime``; a prime with characters the model never saw is an error.

    The prime is read by torch's layer in one call. Generated characters then go one at a time through
    the by-hand step of ``core.rnn.cells`` (equal to torch's, tested): a fused ``nn.LSTM`` call on a
    single character costs ~5x more (setup per call), and the temperature slider reruns this loop.
    """
    if not prime:
        raise UserError("rnn.err.empty_prime")
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    cell = model.config.cell
    generator = torch.Generator().manual_seed(seed)
    scores, state = model(vocab.encode(prime)[None, :])  # (1, P, V); state (layers, 1, H) [×2 for the LSTM]
    h, c = (list(state[0]), list(state[1])) if cell == "lstm" else (list(state), [None] * len(state))  # (1, H) each
    weights = [cells.LayerWeights.of(model.recurrent, layer) for layer in range(model.config.layers)]
    last = scores[0, -1]  # (V,)
    drawn, rows = [], []
    for _ in range(min(length, MAX_LENGTH)):
        probs = torch.softmax(last / temperature, dim=0)  # (V,)
        index = torch.multinomial(probs, 1, generator=generator)  # (1,)
        drawn.append(index)
        rows.append(probs)
        x = model.embed(index)  # (1, E)
        for layer, w in enumerate(weights):
            out = cells.step(cell, w, x, h[layer], c[layer])
            h[layer], c[layer], x = out.h, out.c, out.h
        last = model.head(x)[0]  # (V,)
    if not rows:
        return Sample(prime, "", [], [], [])
    probs = torch.stack(rows)  # (L, V)
    chosen = torch.cat(drawn)  # (L,)
    best = torch.topk(probs, min(TOP, probs.shape[1]), dim=1)  # (L, TOP) values and indices
    return Sample(prime, vocab.decode(chosen), [[vocab.chars[i] for i in row] for row in best.indices.tolist()],
                  best.values.tolist(), probs.gather(1, chosen[:, None])[:, 0].tolist())
