"""The space a reader explores (GloVe or a model trained here) and the words it starts with."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gensim.models import KeyedVectors

from core.word2vec import evaluate
from core.word2vec.corpora import is_chinese
from core.word2vec.explore import frequent_words
from core.word2vec.train import TrainSettings


@dataclass(frozen=True)
class Space:
    """A cache id, the vectors, the search restriction and the corpus kind."""

    id: str  # tells spaces apart in the page's caches (the vectors themselves are not hashed)
    kind: str  # "glove", or the corpus key it was trained on ("peoples-daily", "wiki", "upload:<sha256>")
    vectors: KeyedVectors
    restrict: int | None
    chinese: bool


@dataclass(frozen=True)
class Examples:
    """Starting words for each kind of space, so the page shows something meaningful at once."""

    word: str
    analogy: tuple[str, str, str]  # a − b + c
    odd: str
    pair: tuple[str, str]


EXAMPLES: dict[str, Examples] = {
    "glove": Examples("king", ("king", "man", "woman"), "breakfast cereal dinner lunch", ("cat", "dog")),
    "peoples-daily": Examples("春节", ("北京", "中国", "日本"), "北京 上海 天津 足球", ("经济", "发展")),
    "wiki": Examples("war", ("paris", "france", "germany"), "april june july anarchism", ("war", "battle")),
}


def examples_for(space: Space) -> Examples:
    """The fixed examples of a known corpus; for an upload, its most frequent words."""
    if space.kind in EXAMPLES:
        return EXAMPLES[space.kind]
    words = frequent_words(space.vectors, 8, min_chars=2)
    words += space.vectors.index_to_key[: 8 - len(words)]
    return Examples(words[0], (words[1], words[2], words[3]), " ".join(words[4:8]), (words[0], words[1]))


def corpus_key(corpus: str, upload: bytes | None = None) -> str:
    """The corpus part of a training job's key: its id, or ``upload:<sha256 prefix>`` of the text."""
    return f"upload:{hashlib.sha256(upload).hexdigest()[:16]}" if upload is not None else corpus


def glove_space(vectors: KeyedVectors, restrict: int) -> Space:
    """GloVe, searched among its ``restrict`` most frequent words."""
    return Space("glove", "glove", vectors, restrict, chinese=False)


def trained_space(key: str, settings: TrainSettings, serial: int, vectors: KeyedVectors) -> Space:
    """A space trained here; ``serial`` tells a retrain with the same settings apart (its vectors differ)."""
    chinese = key == "peoples-daily" or is_chinese("".join(vectors.index_to_key[:200]))
    return Space(f"{key}|{settings}|{serial}", key, vectors, None, chinese)


def scores(space: Space) -> tuple[evaluate.AnalogyScore, evaluate.SimilarityScore | None]:
    """Analogy accuracy on the space's language's questions; wordsim353 Spearman for English spaces only."""
    if space.chinese:
        return evaluate.analogy_accuracy(space.vectors, evaluate.chinese_questions(), None), None
    return (evaluate.analogy_accuracy(space.vectors, evaluate.english_questions()),
            evaluate.wordsim_spearman(space.vectors))
