"""The space a reader explores (GloVe or a model trained here) and the words it starts with."""
from __future__ import annotations

from dataclasses import dataclass

from gensim.models import KeyedVectors

from core.word2vec.explore import frequent_words


@dataclass(frozen=True)
class Space:
    """A cache id, the vectors, the search restriction and the corpus kind."""

    id: str
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
