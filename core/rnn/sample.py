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


@torch.no_grad()
def generate(model: CharRNN, vocab: Vocab, prime: str, length: int, temperature: float, seed: int = 0) -> Sample:
    """``length`` characters after ``prime``; a prime with characters the model never saw is an error."""
    if not prime:
        raise UserError("rnn.err.empty_prime")
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    ids = vocab.encode(prime)[None, :]  # (1, P)
    generator = torch.Generator().manual_seed(seed)
    scores, state = model(ids)  # (1, P, V)
    last = scores[0, -1]  # (V,)
    out, top_chars, top_probs, chosen = [], [], [], []
    for _ in range(min(length, MAX_LENGTH)):
        probs = torch.softmax(last / temperature, dim=0)  # (V,)
        index = int(torch.multinomial(probs, 1, generator=generator))
        best = torch.topk(probs, min(TOP, len(probs)))
        out.append(index)
        top_chars.append([vocab.chars[i] for i in best.indices.tolist()])
        top_probs.append(best.values.tolist())
        chosen.append(float(probs[index]))
        scores, state = model(torch.tensor([[index]]), state)  # (1, 1, V)
        last = scores[0, -1]
    return Sample(prime, vocab.decode(out), top_chars, top_probs, chosen)
