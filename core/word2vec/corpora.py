"""Sentences (lists of tokens) for training: English Wikipedia sample, People's Daily 1998, uploads.

gensim's Cython training silently truncates any sentence longer than 10,000 tokens, so long
documents (whole Wikipedia articles) are cut into chunks below that. Tokens are interned:
the corpus then costs one pointer per token, the strings exist once per vocabulary word.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from core.assets import resolve
from core.errors import TextInputError
from core.text_input import decode_text_upload

Sentences = list[list[str]]

CORPORA = ("peoples-daily", "wiki", "upload")  # ids; "upload" is the reader's own .txt
MAX_SENTENCE = 9_000  # tokens per chunk, under gensim's MAX_WORDS_IN_BATCH (10,000)
MIN_UPLOAD_TOKENS = 20  # fewer words than this cannot give a meaningful space
_SENTENCE_END = re.compile(r"[\n。！？!?；;]+")


def chunk(sentences: Iterable[list[str]], size: int = MAX_SENTENCE) -> Iterator[list[str]]:
    """Cut each sentence into pieces of at most ``size`` tokens (empty ones dropped)."""
    for sentence in sentences:
        for start in range(0, len(sentence), size):
            yield sentence[start:start + size]


@lru_cache(maxsize=2)
def wiki_sentences() -> Sentences:
    """106 English Wikipedia articles (~450k tokens) from gensim's test data, one chunked sentence per article."""
    from gensim.corpora import WikiCorpus

    corpus = WikiCorpus(str(resolve("enwiki-sample")), dictionary={}, processes=1)  # dictionary={} skips a slow vocabulary pass
    articles = ([sys.intern(t) for t in text] for text in corpus.get_texts())
    return list(chunk(articles))


@lru_cache(maxsize=2)
def peoples_daily_sentences() -> Sentences:
    """People's Daily, January 1998 (~950k tokens), already segmented: ``迈向/v`` → ``迈向``; punctuation (``/w``) dropped."""
    sentences: Sentences = []
    for line in resolve("peoples-daily-1998").read_text(encoding="utf-8").splitlines():
        tokens = [sys.intern(word) for word, _, tag in (t.rpartition("/") for t in line.split())
                  if word and tag != "w"]
        if tokens:
            sentences.append(tokens)
    return list(chunk(sentences))


def is_chinese(text: str, threshold: float = 0.2) -> bool:
    """True when at least ``threshold`` of the letters are CJK ideographs."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    cjk = sum("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in letters)
    return bool(letters) and cjk / len(letters) >= threshold


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def segment(text: str) -> Sentences:
    """Split ``text`` into sentences of tokens: jieba for Chinese, gensim's simple_preprocess for English."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    if is_chinese(text):
        import jieba

        jieba.setLogLevel(60)  # silence "Building prefix dict…" on the server log
        sentences = ([sys.intern(t.strip()) for t in jieba.lcut(p) if _is_word(t)] for p in pieces)
    else:
        from gensim.utils import simple_preprocess

        sentences = ([sys.intern(t) for t in simple_preprocess(p)] for p in pieces)
    return list(chunk(s for s in sentences if s))


def _looks_binary(text: str) -> bool:
    """Control characters (other than whitespace) in more than 1% of the text: not prose."""
    sample = text[:20_000]
    control = sum(unicodedata.category(c).startswith("C") and not c.isspace() for c in sample)
    return control > 0.01 * len(sample)


def upload_sentences(data: bytes) -> Sentences:
    """An uploaded .txt as training sentences; empty, binary or too short files get a clear message."""
    text = decode_text_upload(data)
    if _looks_binary(text):
        raise TextInputError("err.text_binary")
    sentences = segment(text)
    tokens = sum(len(s) for s in sentences)
    if tokens < MIN_UPLOAD_TOKENS:
        raise TextInputError("w2v.err.too_few_words", tokens=tokens, minimum=MIN_UPLOAD_TOKENS)
    return sentences


def load(corpus: str) -> Sentences:
    """The sentences of a bundled corpus (``peoples-daily`` or ``wiki``)."""
    if corpus == "peoples-daily":
        return peoples_daily_sentences()
    if corpus == "wiki":
        return wiki_sentences()
    raise ValueError(f"unknown bundled corpus {corpus!r}; expected 'peoples-daily' or 'wiki'")


def count_tokens(sentences: Sentences) -> int:
    return sum(len(s) for s in sentences)
