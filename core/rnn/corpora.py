"""Training text: an English news corpus, a Chinese newspaper corpus (both registry assets) or the reader's own.

A character-level model needs running text, not word lists: the English corpus is the Lee news
corpus from gensim's test data (300 short Australian news stories), the Chinese one is People's
Daily, January 1998 with its word segmentation and part-of-speech tags removed (``迈向/v`` → ``迈向``).
Both are cut to ``MAX_CHARS`` so a class trains on the same text in seconds.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.assets import resolve
from core.errors import TextInputError
from core.text_input import check_text, decode_text_upload

CORPORA = ("en", "zh", "own")  # ids; "own" is the reader's typed or uploaded text
MAX_CHARS = 300_000  # per corpus: enough for a few thousand steps without repeating much
_TAG = re.compile(r"/[a-zA-Z]+\]?[a-zA-Z]*$")  # "/v", "/nr", and "/n]nt" closing a bracketed compound


@lru_cache(maxsize=1)
def english() -> str:
    """The Lee background corpus (gensim test data), one story per line."""
    return resolve("lee-background-corpus").read_text(encoding="utf-8")[:MAX_CHARS]


def _untag(token: str) -> str:
    return _TAG.sub("", token).lstrip("[")


@lru_cache(maxsize=1)
def chinese() -> str:
    """People's Daily, January 1998: words joined again, one paragraph per line."""
    lines: list[str] = []
    size = 0
    with resolve("peoples-daily-1998").open(encoding="utf-8") as handle:
        for raw in handle:
            line = "".join(_untag(token) for token in raw.split())
            if line:
                lines.append(line)
                size += len(line) + 1
                if size >= MAX_CHARS:
                    break
    return "\n".join(lines)[:MAX_CHARS]


def load(corpus: str) -> str:
    """The text of a bundled corpus (``en`` or ``zh``)."""
    if corpus == "en":
        return english()
    if corpus == "zh":
        return chinese()
    raise ValueError(f"unknown bundled corpus {corpus!r}; expected 'en' or 'zh'")


def _looks_binary(text: str) -> bool:
    """Control characters (other than whitespace) in more than 1% of the text: not prose."""
    sample = text[:20_000]
    control = sum(unicodedata.category(c).startswith("C") and not c.isspace() for c in sample)
    return control > 0.01 * len(sample)


def own_text(typed: str = "", upload: bytes | None = None) -> str:
    """The reader's text (an upload wins over typing); empty or binary text gets a clear message."""
    text = decode_text_upload(upload) if upload is not None else check_text(typed)
    if _looks_binary(text):
        raise TextInputError("err.text_binary")
    return text
