"""Questions to a word space: neighbours, analogies (3CosAdd, 3CosMul), odd one out, similarity.

All take a gensim ``KeyedVectors`` whose norms are already filled (so lookups only read) and
``restrict``: search only the ``restrict`` most frequent words (None: all). A word missing
from the vocabulary raises a ``UserError`` that suggests close spellings.
"""
from __future__ import annotations

import difflib
import re

import numpy as np
from gensim.models import KeyedVectors

from core.errors import UserError

Scored = list[tuple[str, float]]
METHODS = ("3cosadd", "3cosmul")
_SPELLING_POOL = 50_000  # close spellings are looked for among this many most frequent words
_SEPARATORS = re.compile(r"[\s,，、;；]+")


def parse_words(text: str) -> list[str]:
    """Words typed in one box, separated by spaces, commas or 、."""
    return [w for w in _SEPARATORS.split(text.strip()) if w]


def close_spellings(space: KeyedVectors, word: str, n: int = 5) -> list[str]:
    """Vocabulary words spelled like ``word`` (difflib ratio ≥ 0.6), among the frequent ones."""
    pool = [w for w in space.index_to_key[:_SPELLING_POOL] if abs(len(w) - len(word)) <= 2]
    return difflib.get_close_matches(word, pool, n=n, cutoff=0.6)


def lookup(space: KeyedVectors, word: str) -> str:
    """The vocabulary key for ``word`` (as typed, else lower-cased); OOV raises with suggestions."""
    word = word.strip()
    for candidate in (word, word.lower()):
        if candidate and candidate in space.key_to_index:
            return candidate
    if not word:
        raise UserError("w2v.err.no_word")
    close = close_spellings(space, word.lower())
    if close:
        raise UserError("w2v.err.oov", word=word, close=", ".join(close))
    raise UserError("w2v.err.oov_nothing_close", word=word)


def neighbours(space: KeyedVectors, word: str, topn: int = 10, restrict: int | None = None) -> Scored:
    """The ``topn`` words with the highest cosine similarity to ``word``."""
    return space.most_similar(lookup(space, word), topn=topn, restrict_vocab=restrict)


def analogy(space: KeyedVectors, a: str, b: str, c: str, method: str = "3cosadd", topn: int = 10,
            restrict: int | None = None) -> Scored:
    """``a − b + c`` (king − man + woman): the words best completing "b is to a as c is to ?".

    3CosAdd ranks by cos(x, a) − cos(x, b) + cos(x, c); 3CosMul (Levy & Goldberg 2014) by
    cos(x, a)·cos(x, c) / (cos(x, b) + ε) with cosines shifted to [0, 1], which keeps one
    large similarity from dominating. The three query words are never answers.
    """
    if method not in METHODS:
        raise ValueError(f"unknown analogy method {method!r}; expected one of {METHODS}")
    a, b, c = lookup(space, a), lookup(space, b), lookup(space, c)
    if method == "3cosadd":
        return space.most_similar(positive=[a, c], negative=[b], topn=topn, restrict_vocab=restrict)
    return cosmul(space, a, b, c, topn, restrict)


def cosmul(space: KeyedVectors, a: str, b: str, c: str, topn: int = 10, restrict: int | None = None) -> Scored:
    """3CosMul among the ``restrict`` most frequent words (gensim's ``most_similar_cosmul``
    ignores ``restrict_vocab`` and so returns GloVe's junk tokens, slowly)."""
    count = min(restrict or len(space), len(space))
    vectors, norms = space.vectors[:count], space.norms[:count]  # (V, D), (V,)
    queries = np.stack([space.get_vector(w, norm=True) for w in (a, b, c)])  # (3, D)
    shifted = (1 + (vectors @ queries.T) / norms[:, None]) / 2  # cosines mapped to [0, 1]; (V, 3)
    scores = shifted[:, 0] * shifted[:, 2] / (shifted[:, 1] + 1e-6)  # (V,)
    for word in (a, b, c):
        if space.key_to_index[word] < count:
            scores[space.key_to_index[word]] = -np.inf
    best = np.argpartition(-scores, min(topn, count - 1))[:topn]
    best = best[np.argsort(-scores[best])]
    return [(space.index_to_key[i], float(scores[i])) for i in best]


def odd_one_out(space: KeyedVectors, words: list[str]) -> tuple[str, Scored]:
    """The word least like the others: lowest cosine to the mean of the unit vectors.

    Returns it and every word with its cosine to that mean, lowest first.
    """
    keys = list(dict.fromkeys(lookup(space, w) for w in words))
    if len(keys) < 3:
        raise UserError("w2v.err.odd_needs_three")
    unit = np.stack([space.get_vector(k, norm=True) for k in keys])  # (n, D)
    mean = unit.mean(axis=0)
    mean /= np.linalg.norm(mean)
    scores = sorted(zip(keys, (unit @ mean).tolist()), key=lambda pair: pair[1])
    return scores[0][0], scores


def similarity(space: KeyedVectors, a: str, b: str) -> float:
    """Cosine similarity of two words."""
    return float(space.similarity(lookup(space, a), lookup(space, b)))


def frequent_words(space: KeyedVectors, n: int, min_chars: int = 1) -> list[str]:
    """The ``n`` most frequent words with at least ``min_chars`` letters (vocabularies are frequency-sorted)."""
    return [w for w in space.index_to_key[: n * 20] if sum(c.isalpha() for c in w) >= min_chars][:n]
