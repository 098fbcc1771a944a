"""Tokenise a text once, cut it into 512-token windows, and read every layer's attention maps.

A long text does not fit the model (its position embeddings stop at 512), so the content tokens
are cut into consecutive windows of ``MAX_TOKENS - 2`` tokens; each window gets its own
``[CLS] … [SEP]`` and is run on its own. The caller picks which window to look at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import torch

from core.attention.model import MAX_TOKENS, MiniLM
from core.errors import TextInputError
from core.serve.client import remote_or_local

WINDOW = MAX_TOKENS - 2  # content tokens per window: room for [CLS] and [SEP]
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class Encoded:
    """The whole text as WordPiece tokens, without special tokens."""

    text: str
    ids: list[int]
    tokens: list[str]
    word_ids: list[int]  # which pre-tokenised word each token belongs to
    offsets: list[tuple[int, int]]  # character span of each token in ``text``
    unk_token: str

    @property
    def windows(self) -> list[tuple[int, int]]:
        """(start, end) token ranges of the windows the model can take one at a time."""
        return [(start, min(start + WINDOW, len(self.ids))) for start in range(0, len(self.ids), WINDOW)]

    @property
    def unknown(self) -> int:
        """How many tokens the vocabulary could not represent (became ``[UNK]``)."""
        return sum(token == self.unk_token for token in self.tokens)

    @property
    def looks_non_english(self) -> bool:
        """CJK script or many ``[UNK]``: the English-only vocabulary will not represent it well."""
        return bool(_CJK.search(self.text)) or self.unknown >= max(1, len(self.tokens) // 10)


@dataclass(frozen=True)
class Attention:
    """Every attention map of one window: ``weights[l, h, i, j]`` = how much token i attends to token j."""

    tokens: list[str]  # T tokens, [CLS] first and [SEP] last
    word_of: list[int | None]  # window-local word index of each token; None for [CLS]/[SEP]
    words: list[str]  # the text of each window-local word
    weights: torch.Tensor  # (L, H, T, T) float32 on the CPU, rows sum to 1

    @property
    def special(self) -> torch.Tensor:
        """(T,) bool: True for [CLS] and [SEP]."""
        return torch.tensor([w is None for w in self.word_of])


def encode(minilm: MiniLM, text: str) -> Encoded:
    """Tokenise ``text`` (any length) without truncation and without special tokens.

    Text made only of characters the tokenizer drops (zero-width or control characters) is refused.
    """
    tokenizer = minilm.tokenizer
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    ids = list(encoding["input_ids"])
    if not ids:
        raise TextInputError("att.err.no_tokens")
    return Encoded(
        text=text,
        ids=ids,
        tokens=tokenizer.convert_ids_to_tokens(ids),
        word_ids=[int(w) for w in encoding.word_ids()],
        offsets=[(int(a), int(b)) for a, b in encoding["offset_mapping"]],
        unk_token=tokenizer.unk_token,
    )


def _words(encoded: Encoded, start: int, end: int) -> tuple[list[int | None], list[str]]:
    """Window-local word indices (None for the special tokens) and each word's text."""
    word_of: list[int | None] = [None]
    spans: list[list[int]] = []
    previous = None
    for i in range(start, end):
        if encoded.word_ids[i] != previous:
            previous = encoded.word_ids[i]
            spans.append(list(encoded.offsets[i]))
        spans[-1][1] = encoded.offsets[i][1]
        word_of.append(len(spans) - 1)
    words = [encoded.text[a:b] for a, b in spans]
    return word_of + [None], words


@torch.inference_mode()
def attend(minilm: MiniLM, encoded: Encoded, window: int = 0) -> Attention:
    """Run one window through the model and collect its attention maps, (L, H, T, T)."""
    start, end = encoded.windows[window]
    tokenizer = minilm.tokenizer
    ids = [tokenizer.cls_token_id, *encoded.ids[start:end], tokenizer.sep_token_id]
    weights = remote_or_local("attention", lambda: ({"ids": np.asarray(ids, dtype=np.int64)}, {}),
                              decode=lambda arrays: torch.from_numpy(arrays["weights"]),
                              local=lambda: attention_maps(minilm, ids))
    word_of, words = _words(encoded, start, end)
    return Attention(tokens=[tokenizer.cls_token, *encoded.tokens[start:end], tokenizer.sep_token],
                     word_of=word_of, words=words, weights=weights)


@torch.inference_mode()
def attention_maps(minilm: MiniLM, ids: list[int]) -> torch.Tensor:
    """Every attention map of one window of token ids ([CLS] … [SEP]): (L, H, T, T) float32 on the CPU."""
    input_ids = torch.tensor([ids], device=minilm.model.device)  # (1, T)
    output = minilm.model(input_ids=input_ids, attention_mask=torch.ones_like(input_ids), output_attentions=True)
    if not output.attentions:
        raise RuntimeError("the model returned no attention maps: load it with attn_implementation='eager'")
    return torch.stack(output.attentions)[:, 0].float().cpu()  # (L, H, T, T)


@torch.inference_mode()
def token_embeddings(minilm: MiniLM, ids: list[int]) -> torch.Tensor:
    """The model's learned word-piece embeddings for ``ids``, (T, d) on the CPU (no positions added)."""
    table = minilm.model.get_input_embeddings().weight  # (vocab, d)
    return table[torch.tensor(ids, device=table.device)].float().cpu()
